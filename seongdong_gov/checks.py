"""System checks for what the machine must have (fonts for Korean PDFs)."""

from django.core import checks


@checks.register(checks.Tags.compatibility)
def korean_font_present(app_configs, **kwargs):
    import shutil
    import subprocess

    if not shutil.which("fc-list"):
        return [
            checks.Warning(
                "fc-list not found: cannot tell whether a Korean font is installed.",
                hint="apt-get install fontconfig fonts-nanum",
                id="seongdong_gov.W001",
            )
        ]
    out = subprocess.run(
        ["fc-list", ":lang=ko", "family"], capture_output=True, text=True, check=False
    ).stdout
    if not out.strip():
        return [
            checks.Warning(
                "No Korean font is installed: PDFs would print empty boxes for Korean text.",
                hint="apt-get install fonts-nanum",
                id="seongdong_gov.W002",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def site_url_set(app_configs, **kwargs):
    """E-mails carry absolute links; without the site's address they would point nowhere."""
    from django.conf import settings  # settings are read when the check runs, not at import

    if settings.DEBUG or getattr(settings, "DEVELOPMENT", False):
        return []
    site_url = getattr(settings, "SITE_URL", "")
    if not site_url.startswith(("http://", "https://")):
        return [
            checks.Error(
                "SITE_URL is not set: links in e-mails would not be absolute.",
                hint="Set SITE_URL to the site's address, e.g. https://gov.example.kr",
                id="seongdong_gov.E001",
            )
        ]
    return []

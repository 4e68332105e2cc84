"""System checks for what the machine must have for the document renderer.

Fonts are not checked: the renderer ships its own (static/fonts/). The one thing left to the machine is
HarfBuzz's subsetter, which makes embedding those fonts fast.
"""

from __future__ import annotations

import ctypes.util

from django.core import checks


@checks.register(checks.Tags.compatibility)
def harfbuzz_subset_present(app_configs, **kwargs):
    if ctypes.util.find_library("harfbuzz-subset"):
        return []
    return [
        checks.Warning(
            "HarfBuzz subsetter (libharfbuzz-subset.so.0) not found: WeasyPrint falls back to fontTools and "
            "PDFs render several times slower.",
            hint="apt-get install libharfbuzz-subset0",
            id="seongdong_gov.W001",
        )
    ]


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

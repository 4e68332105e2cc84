"""System checks: fast certificate PDFs need HarfBuzz's subsetter and a Korean serif (명조) font."""

from __future__ import annotations

import ctypes.util
from pathlib import Path

from django.core import checks

NANUM_DIR = Path("/usr/share/fonts/truetype/nanum")


@checks.register(checks.Tags.compatibility)
def harfbuzz_subset_present(app_configs, **kwargs):
    if ctypes.util.find_library("harfbuzz-subset"):
        return []
    return [
        checks.Warning(
            "HarfBuzz subsetter (libharfbuzz-subset.so.0) not found: WeasyPrint falls back to fontTools and "
            "certificate PDFs render several times slower.",
            hint="apt-get install libharfbuzz-subset0",
            id="appointments.W001",
        )
    ]


@checks.register(checks.Tags.compatibility)
def korean_serif_present(app_configs, **kwargs):
    import shutil
    import subprocess

    found = (NANUM_DIR / "NanumMyeongjo.ttf").exists()
    if not found and shutil.which("fc-list"):
        out = subprocess.run(["fc-list", "NanumMyeongjo"], capture_output=True, text=True, check=False).stdout
        found = bool(out.strip())
    if found:
        return []
    return [
        checks.Warning(
            "Korean serif font NanumMyeongjo not found: certificates would use another font or show empty boxes.",
            hint="apt-get install fonts-nanum",
            id="appointments.W002",
        )
    ]

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

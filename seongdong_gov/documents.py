"""The one document renderer: a Django template and its context in, PDF bytes out (WeasyPrint).

Fonts and the base stylesheet are configured once per process: the shipped Korean fonts (static/fonts/,
OFL) are declared by `@font-face` rules that point at the local files, so a PDF prints the same glyphs on
every machine whether or not a Korean font is installed, and no resource is ever fetched over the network.
Every PDF of the product goes through `render_pdf`; only the benchmark calls WeasyPrint directly.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string


def font_dir() -> Path:
    """Where the shipped fonts live (read at call time: settings are not read at import)."""
    return Path(settings.BASE_DIR) / "static" / "fonts"


# (CSS family, file, weight): the serif for certificates and formal text, the sans for tables and reports
FONTS: tuple[tuple[str, str, int], ...] = (
    ("NanumMyeongjo", "NanumMyeongjo.ttf", 400),
    ("NanumMyeongjo", "NanumMyeongjoBold.ttf", 700),
    ("NanumGothic", "NanumGothic.ttf", 400),
    ("NanumGothic", "NanumGothicBold.ttf", 700),
)

# Stylesheets callers may add to the base one (the base always applies): this name, or the path of a
# static file (e.g. "meetings/print.css"), read from disk through the staticfiles finders
PAGE_NUMBERS = "page-numbers"

_BASE_CSS = "\n".join(
    f'@font-face {{ font-family: "{family}"; src: url("{file}"); font-weight: {weight}; }}'
    for family, file, weight in FONTS
) + (
    # a document that names no font still prints Korean in the shipped sans, never in a fallback
    '\nhtml { font-family: "NanumGothic", sans-serif; }\n@page { size: A4; }'
)
_EXTRA_CSS = {
    # multi-page documents (minutes, reports): "3 / 12" at the foot; single certificates do not ask for it
    PAGE_NUMBERS: '@page { @bottom-center { content: counter(page) " / " counter(pages); '
    'font-family: "NanumGothic"; font-size: 9pt; } }',
}

_lock = threading.Lock()
_state: dict[str, Any] = {}
# Drop the font configuration before interpreter teardown: its finaliser needs modules that are gone by then
atexit.register(_state.clear)


def _url_fetcher():
    """Local files and data: URIs only: a document never waits on (or leaks to) the network."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("file", "data"))


def _configured() -> dict[str, Any]:
    """The FontConfiguration and the parsed stylesheets, built on first use and kept for the process.

    Parsing the `@font-face` rules once matters: WeasyPrint copies each font file into its
    configuration every time such a rule is parsed.
    """
    if not _state:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        font_config = FontConfiguration()
        fetcher = _url_fetcher()
        base_url = font_dir().as_uri() + "/"
        sheets = {
            "base": CSS(string=_BASE_CSS, base_url=base_url, url_fetcher=fetcher, font_config=font_config)
        }
        for name, css in _EXTRA_CSS.items():
            sheets[name] = CSS(string=css, base_url=base_url, url_fetcher=fetcher, font_config=font_config)
        _state.update(font_config=font_config, fetcher=fetcher, sheets=sheets)
    return _state


def _sheet(state: dict[str, Any], name: str):
    """A named base rule, or a static CSS file parsed once (read from disk, never over HTTP)."""
    sheets = state["sheets"]
    if name not in sheets:
        from django.contrib.staticfiles import finders
        from weasyprint import CSS

        path = finders.find(name)
        if path is None:
            raise FileNotFoundError(f"stylesheet {name!r} is neither a base rule nor a static file")
        sheets[name] = CSS(filename=path, url_fetcher=state["fetcher"], font_config=state["font_config"])
    return sheets[name]


def render_pdf(
    template_name: str,
    context: dict[str, Any],
    *,
    stylesheets: Sequence[str] = (),
    request=None,
    **options: Any,
) -> bytes:
    """Render `template_name` with `context` (and `request`, for context processors) to PDF bytes.

    `stylesheets`: `PAGE_NUMBERS` and/or static CSS paths, applied after the base; `options` go to WeasyPrint's `write_pdf`
    (e.g. `uncompressed_pdf`). Side effects: none besides building the per-process font configuration on
    first call. Renders are serialised per process because the shared font configuration is not
    thread-safe (WeasyPrint holds the GIL for most of a render anyway).
    """
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    with _lock:
        state = _configured()
        sheets = [state["sheets"]["base"], *(_sheet(state, name) for name in stylesheets)]
        return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=state["fetcher"]).write_pdf(
            stylesheets=sheets, font_config=state["font_config"], **options
        )

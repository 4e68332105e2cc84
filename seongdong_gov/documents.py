"""The one document renderer: a Django template and its context in, PDF bytes out (WeasyPrint).

Fonts and the base stylesheet are configured once per process: the shipped Korean fonts (static/fonts/,
OFL) are declared by `@font-face` rules that point at the local files, so a PDF prints the same glyphs on
every machine whether or not a Korean font is installed, and no resource is ever fetched over the network.
Every PDF of the product goes through `render_pdf`; only the benchmark calls WeasyPrint directly.
"""

from __future__ import annotations

import atexit
import gc
import hashlib
import json
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# Part of every rendered PDF's cache key: raise it when what decides a PDF's bytes changes outside the
# HTML and the stylesheets' text (the fonts, the renderer's own code), so no older file is served.
RENDERER_VERSION = "2026-11-30.1"


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
_digests: dict[str, str] = {}  # stylesheet name → digest of its text (_stylesheet_digest)
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


def _html_class(state: dict[str, Any], user_agent_stylesheet: str | None):
    """WeasyPrint's `HTML`, or a subclass whose user-agent stylesheet is `user_agent_stylesheet` (a static
    CSS path) instead of the full HTML5 one. `_ua_stylesheets` is WeasyPrint's own hook for this (its form
    stylesheet uses it); pinned to weasyprint<71 in pyproject.toml, and test_documents compares the two."""
    from weasyprint import HTML

    if user_agent_stylesheet is None:
        return HTML
    classes = state.setdefault("html_classes", {})
    if user_agent_stylesheet not in classes:
        sheet = _sheet(state, user_agent_stylesheet)

        class _HTML(HTML):
            def _ua_stylesheets(self, forms: bool = False) -> list:
                return [sheet]

        classes[user_agent_stylesheet] = _HTML
    return classes[user_agent_stylesheet]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection during a render. A render allocates some 100,000 boxes and styles that
    all live until it ends, so every collection the allocations trigger finds nothing to free yet rescans
    them, ever more of them (a quarter of a 100-row roster's render). Collection resumes afterwards; its
    next pass frees the render's garbage at once. Renders are serialised (`_lock`), so
    pausing the process-wide collector here cannot end another render's pause early."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render_pdf(
    template_name: str,
    context: dict[str, Any],
    *,
    stylesheets: Sequence[str] = (),
    user_agent_stylesheet: str | None = None,
    request=None,
    **options: Any,
) -> bytes:
    """Render `template_name` with `context` (and `request`, for context processors) to PDF bytes.

    `stylesheets`: `PAGE_NUMBERS` and/or static CSS paths, applied after the base; `user_agent_stylesheet`:
    a static CSS path replacing WeasyPrint's HTML5 defaults, for templates that use only the few elements it
    styles; `options` go to WeasyPrint's `write_pdf` (e.g. `uncompressed_pdf`). The PDF is kept in the
    "documents" cache under a digest of its HTML, stylesheets, options and renderer (`_pdf_key`): an unchanged
    document is rendered once. Side effects: the cache entry, and the per-process font configuration built
    on first call. Renders are serialised per process because
    the shared font configuration is not thread-safe (WeasyPrint holds the GIL for most of a render anyway).
    """
    html = render_to_string(template_name, context, request=request)

    def render() -> bytes:
        with _lock, _gc_paused():
            state = _configured()
            sheets = [state["sheets"]["base"], *(_sheet(state, name) for name in stylesheets)]
            html_class = _html_class(state, user_agent_stylesheet)
            document = html_class(string=html, base_url=str(settings.BASE_DIR), url_fetcher=state["fetcher"])
            return document.write_pdf(stylesheets=sheets, font_config=state["font_config"], **options)

    return cached_bytes(_pdf_key(html, stylesheets, user_agent_stylesheet, options), render)


def cached_bytes(key: str, build: Callable[[], bytes]) -> bytes:
    """The bytes kept in the "documents" cache under `key`, or `build()`'s, then kept. The key must name
    everything that decides the bytes (a digest of the input). A full or read-only cache directory costs
    speed, never the document."""
    store = caches["documents"]
    content = store.get(key)
    if content is None:
        content = build()
        try:
            store.set(key, content)
        except OSError:
            logger.warning("document cache not written", exc_info=True)
    return content


def _pdf_key(html: str, stylesheets: Sequence[str], user_agent_stylesheet: str | None, options: dict) -> str:
    """The cache key of a PDF: a digest of everything that decides its bytes. The same HTML with the same
    stylesheets, options, fonts and renderer prints the same PDF, so a document whose data have not changed
    is served from the cache and any change to its data (which changes its HTML) renders it anew. Roles
    that see different columns get different HTML, hence different entries."""
    from weasyprint import __version__ as weasyprint_version

    digest = hashlib.sha256()
    for part in (RENDERER_VERSION, weasyprint_version, repr(sorted(options.items())), html):
        digest.update(part.encode())
        digest.update(b"\0")
    for name in (*stylesheets, user_agent_stylesheet or ""):
        digest.update(_stylesheet_digest(name).encode())
    return f"pdf:{digest.hexdigest()}"


def _stylesheet_digest(name: str) -> str:
    """A digest of a stylesheet's text (a base rule or a static file), read once per process."""
    digests = _digests
    if name not in digests:
        if not name or name in _EXTRA_CSS:
            text = _EXTRA_CSS.get(name, "").encode()
        else:
            from django.contrib.staticfiles import finders

            path = finders.find(name)
            text = Path(path).read_bytes() if path else name.encode()
        digests[name] = hashlib.sha256(_BASE_CSS.encode() + b"\0" + text).hexdigest()
    return digests[name]


# -- one document, two formats ---------------------------------------------------------------------------

# The content types the product serves its documents as.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "hwpx": "application/hwp+zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def file_response(content: bytes, filename: str, kind: str, *, inline: bool = False):
    """An HTTP download of `content` named `filename` (Korean allowed).

    The header carries an ASCII fallback name and the real one RFC 5987-encoded (`filename*=UTF-8''…`),
    which every current browser prefers, so "회의록.hwpx" arrives as 회의록.hwpx. Side effects: none.
    """
    from urllib.parse import quote

    from django.http import HttpResponse

    response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    ascii_name = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in filename)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )
    return response


class Document:
    """A document as a list of blocks (headings, paragraphs, tables, page breaks), written once by an
    app and rendered to HWPX (seongdong_gov.hwpx) or to PDF (the one renderer): both formats show the
    same text and the same table cells because they are built from the same blocks.

    The API mirrors `HwpxDocument` so a document module reads the same whatever the output.
    """

    PDF_TEMPLATE = "_document_pdf.html"
    PDF_STYLESHEET = "css/document.css"
    # the template's few elements need only a few user-agent rules (see the file)
    PDF_USER_AGENT_STYLESHEET = "css/document_ua.css"

    def __init__(self, *, title: str, header_text: str = "") -> None:
        self.title = title
        self.header_text = header_text
        self.blocks: list[dict[str, Any]] = []

    def heading(self, text: str, *, level: int = 1) -> None:
        self.blocks.append({"kind": "heading", "text": str(text), "level": min(max(level, 1), 3)})

    def paragraph(self, text: str, *, style: str = "body", bold: bool = False) -> None:
        self.blocks.append({"kind": "paragraph", "text": str(text), "style": style, "bold": bold})

    def table(
        self,
        rows: Sequence[Sequence[object]],
        *,
        header_rows: int = 1,
        col_widths_mm: Sequence[float] | None = None,
    ) -> None:
        rows = [["" if v is None else str(v) for v in row] for row in rows]
        if not rows:
            return
        widths = list(col_widths_mm or [])
        total = sum(widths) or 1
        self.blocks.append(
            {
                "kind": "table",
                "head": rows[:header_rows],
                "body": rows[header_rows:],
                "header_rows": header_rows,
                "widths_mm": widths,
                "widths_pct": [round(100 * w / total, 2) for w in widths],
            }
        )

    def page_break(self) -> None:
        self.blocks.append({"kind": "page_break"})

    def to_hwpx(self) -> bytes:
        """The document as HWPX (OWPML): real tables, the style pair, page numbers in the footer. Kept in
        the "documents" cache under a digest of the blocks (the HWPX is a function of them and the writer)."""
        return cached_bytes(self._hwpx_key(), self._hwpx_bytes)

    def _hwpx_key(self) -> str:
        blocks = json.dumps([self.title, self.header_text, self.blocks], ensure_ascii=False, sort_keys=True)
        return "hwpx:" + hashlib.sha256(f"{RENDERER_VERSION}\0{blocks}".encode()).hexdigest()

    def _hwpx_bytes(self) -> bytes:
        from seongdong_gov.hwpx import HwpxDocument

        doc = HwpxDocument(title=self.title, header_text=self.header_text)
        for block in self.blocks:
            kind = block["kind"]
            if kind == "heading":
                doc.heading(block["text"], level=block["level"])
            elif kind == "paragraph":
                doc.paragraph(block["text"], style=block["style"], bold=block["bold"])
            elif kind == "table":
                doc.table(
                    [*block["head"], *block["body"]],
                    header_rows=block["header_rows"],
                    col_widths_mm=block["widths_mm"] or None,
                )
            else:
                doc.page_break()
        return doc.to_bytes()

    def to_pdf(self, *, request=None) -> bytes:
        """The document as an A4 PDF through `render_pdf`, page numbers on every page."""
        return render_pdf(
            self.PDF_TEMPLATE,
            {"document": self},
            stylesheets=[self.PDF_STYLESHEET, PAGE_NUMBERS],
            user_agent_stylesheet=self.PDF_USER_AGENT_STYLESHEET,
            request=request,
            # column widths are `<col width>` attributes (no inline styles), read as presentational hints
            presentational_hints=True,
        )

    def render(self, fmt: str) -> bytes:
        """The document as `fmt` ("hwpx" or "pdf") bytes."""
        if fmt == "hwpx":
            return self.to_hwpx()
        if fmt == "pdf":
            return self.to_pdf()
        raise ValueError(f"unknown document format {fmt!r}")

    def response(self, fmt: str, filename_stem: str):
        """The document downloaded as `fmt` ("hwpx" or "pdf") named `<filename_stem>.<fmt>`."""
        return file_response(self.render(fmt), f"{filename_stem}.{fmt}", fmt)

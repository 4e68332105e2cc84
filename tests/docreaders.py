"""Independent readers for the documents under test: hwp-hwpx-parser for HWPX (not our writer), pypdf
for PDF. Shared by every app's test_documents.py."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hwp_hwpx_parser import Reader
from pypdf import PdfReader

A4_POINTS = (595.28, 841.89)


def read_hwpx(data: bytes) -> tuple[str, list[list[list[str]]]]:
    """(text, tables as rows of cells) as hwp-hwpx-parser reads them."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.hwpx"
        path.write_bytes(data)
        reader = Reader(str(path))
        assert reader.is_valid
        return reader.text, [table.rows for table in reader.tables]


def read_pdf(data: bytes) -> tuple[str, list[str]]:
    """(whole text, text per page); asserts every page is A4."""
    pdf = PdfReader(io.BytesIO(data))
    pages = []
    for page in pdf.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4_POINTS[0]) < 1 and abs(height - A4_POINTS[1]) < 1, (width, height)
        pages.append(page.extract_text() or "")
    return "\n".join(pages), pages


def assert_page_numbers(pages: list[str]) -> None:
    """Every page of a multi-page PDF carries "n / N"."""
    total = len(pages)
    for n, text in enumerate(pages, 1):
        assert f"{n} / {total}" in text, (n, text[-200:])

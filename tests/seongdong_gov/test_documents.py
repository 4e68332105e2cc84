"""The document renderer: shipped fonts, no system font needed, page numbers on request."""

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from seongdong_gov import documents

# Renders one certificate from unsaved stand-ins (no database) and writes the PDF to stdout.
CERTIFICATE_SCRIPT = """
import datetime as dt, os, sys
from types import SimpleNamespace as NS
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seongdong_gov.settings")
django.setup()
from appointments.pdf import render_pdf
body = NS(name="추진운영위원회", appointment_text="")
m = NS(person=NS(name="김서연"), body=body, start=dt.date(2016, 1, 15), end=dt.date(2018, 1, 14))
cert = NS(number="제2016-001호", appointment=NS(membership=m), issued_on=dt.date(2016, 1, 15), reissue_of_id=None)
sys.stdout.buffer.write(render_pdf([cert]))
"""


def _fonts(page) -> list[dict]:
    return [f.get_object()["/DescendantFonts"][0].get_object() for f in page["/Resources"]["/Font"].values()]


def _no_font_env(tmp_path: Path) -> dict:
    """A fontconfig that sees no font at all (what a fresh machine without font packages looks like)."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    return {
        **os.environ,
        "FONTCONFIG_FILE": str(conf),
        "PYTHONPATH": str(settings.BASE_DIR),
        # an empty document cache: the PDF must be rendered here, with no font to fall back on
        "DOCUMENT_CACHE_DIR": str(tmp_path / "document-cache"),
    }


def test_certificate_with_system_fonts_hidden_embeds_the_shipped_fonts(tmp_path):
    env = _no_font_env(tmp_path)
    if shutil.which("fc-list"):  # the fontconfig tools are optional; the library is what matters
        listed = subprocess.run(["fc-list"], env=env, capture_output=True, text=True, check=False)
        assert listed.stdout.strip() == ""  # the renderer really has no system font to fall back on
    done = subprocess.run(
        [sys.executable, "-c", CERTIFICATE_SCRIPT],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b"CRITICAL" not in done.stderr
    (page,) = PdfReader(io.BytesIO(done.stdout)).pages
    descendant = _fonts(page)
    assert sorted(d["/BaseFont"].split("+")[-1] for d in descendant) == [
        "NanumMyeongjo",
        "NanumMyeongjo-Bold",
    ]
    assert all("/FontFile2" in d["/FontDescriptor"] for d in descendant)
    text = page.extract_text()
    for line in [
        "위  촉  장",
        "김 서 연",
        "귀하를 민관거버넌스 추진운영위원회 위원으로",
        "(위촉기간: 2016. 1. 15. ~ 2018. 1. 14., 2년간)",
        "2016년 1월 15일",
    ]:
        assert line in text


@pytest.fixture
def template_dir(tmp_path, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    return tmp_path


def test_page_numbers_on_request_only(template_dir):
    (template_dir / "two_pages.html").write_text(
        '<p>첫 쪽</p><p style="break-before: page">둘째 쪽</p>', encoding="utf-8"
    )
    numbered = PdfReader(
        io.BytesIO(documents.render_pdf("two_pages.html", {}, stylesheets=[documents.PAGE_NUMBERS]))
    )
    plain = PdfReader(io.BytesIO(documents.render_pdf("two_pages.html", {})))
    assert [p.extract_text().split() for p in numbered.pages] == [
        ["첫", "쪽", "1", "/", "2"],
        ["둘째", "쪽", "2", "/", "2"],
    ]
    assert [p.extract_text().split() for p in plain.pages] == [["첫", "쪽"], ["둘째", "쪽"]]
    # a document that names no font prints in the shipped sans
    assert {d["/BaseFont"].split("+")[-1] for d in _fonts(plain.pages[0])} == {"NanumGothic"}


def test_remote_resources_are_never_fetched():
    fetch = documents._url_fetcher()
    for url in ["http://127.0.0.1/x.png", "https://example.org/font.ttf", "ftp://example.org/x"]:
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetch(url)
    assert fetch((documents.font_dir() / "OFL.txt").as_uri()).read().startswith(b"Copyright (c) 2010, NAVER")


def test_static_stylesheets_are_read_from_disk(template_dir):
    (template_dir / "one_page.html").write_text("<p>회의록</p>", encoding="utf-8")
    # the minutes' print stylesheet names the serif; the renderer resolves it to the shipped file
    pdf = PdfReader(io.BytesIO(documents.render_pdf("one_page.html", {}, stylesheets=["meetings/print.css"])))
    assert {d["/BaseFont"].split("+")[-1] for d in _fonts(pdf.pages[0])} == {"NanumMyeongjo"}
    with pytest.raises(FileNotFoundError):
        documents.render_pdf("one_page.html", {}, stylesheets=["no/such.css"])


def _placed_text(pdf: bytes) -> list[list[tuple[str, float, float]]]:
    """Per page, every text run with where it is drawn (pypdf's text matrix, to 0.1 pt)."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        runs: list[tuple[str, float, float]] = []

        def visit(text, cm, tm, font_dict, font_size, runs=runs):
            if text.strip():
                runs.append((text, round(tm[4], 1), round(tm[5], 1)))

        page.extract_text(visitor_text=visit)
        pages.append(runs)
    return pages


def test_document_user_agent_stylesheet_lays_out_as_weasyprints_own(monkeypatch):
    """Printed documents replace WeasyPrint's HTML5 user-agent stylesheet with the few rules their template
    needs (for speed): every heading, paragraph and table cell lands on the same page at the same place."""
    doc = documents.Document(title="위원 명단", header_text="추진운영위원회")
    doc.heading("위원 명단 (2026. 12. 10. 현재)", level=1)
    doc.paragraph("제3차 정기회의\n둘째 줄", style="center", bold=True)
    doc.heading("위원", level=2)
    doc.table(
        [
            ["연번", "성명", "소속"],
            *[[str(n), f"김위원{n:03d}", "성수1가1동 주민자치회\n간사"] for n in range(60)],
        ],
        col_widths_mm=[12, 40, 80],
    )
    doc.heading("배석자", level=3)
    doc.paragraph("작은 글씨", style="small")
    fast = doc.to_pdf()
    monkeypatch.setattr(documents.Document, "PDF_USER_AGENT_STYLESHEET", None)
    full = doc.to_pdf()
    placed = _placed_text(fast)
    assert len(placed) >= 2  # the table runs over a page break, its head repeated
    assert placed == _placed_text(full)


def test_render_leaves_garbage_collection_as_it_found_it(template_dir):
    import gc

    (template_dir / "one_page.html").write_text("<p>회의록</p>", encoding="utf-8")
    assert gc.isenabled()
    documents.render_pdf("one_page.html", {})
    assert gc.isenabled()
    gc.disable()
    try:
        documents.render_pdf("one_page.html", {})
        assert not gc.isenabled()
    finally:
        gc.enable()


def _count_renders(monkeypatch) -> list[int]:
    """Count WeasyPrint's own write_pdf calls (the render, not our code around it)."""
    from weasyprint import HTML

    calls, write_pdf = [], HTML.write_pdf
    monkeypatch.setattr(HTML, "write_pdf", lambda self, *a, **k: calls.append(1) or write_pdf(self, *a, **k))
    return calls


def test_unchanged_documents_are_rendered_once_changed_ones_again(template_dir, monkeypatch, document_cache):
    (template_dir / "roster.html").write_text("<p>{{ name }} 위원</p>", encoding="utf-8")
    renders = _count_renders(monkeypatch)
    first = documents.render_pdf("roster.html", {"name": "김서연"}, stylesheets=[documents.PAGE_NUMBERS])
    again = documents.render_pdf("roster.html", {"name": "김서연"}, stylesheets=[documents.PAGE_NUMBERS])
    assert again == first and len(renders) == 1  # the same HTML and stylesheets: served from the cache
    changed = documents.render_pdf("roster.html", {"name": "이민준"}, stylesheets=[documents.PAGE_NUMBERS])
    assert "이민준" in PdfReader(io.BytesIO(changed)).pages[0].extract_text() and len(renders) == 2
    documents.render_pdf("roster.html", {"name": "김서연"})  # another stylesheet set: another PDF
    assert len(renders) == 3


def test_without_the_cache_every_request_renders(template_dir, monkeypatch):
    (template_dir / "one_page.html").write_text("<p>회의록</p>", encoding="utf-8")
    renders = _count_renders(monkeypatch)
    documents.render_pdf("one_page.html", {})
    documents.render_pdf("one_page.html", {})
    assert len(renders) == 2  # the tests' default: the documents cache is off (tests/conftest.py)


def test_hwpx_of_unchanged_blocks_is_built_once(monkeypatch, document_cache):
    from seongdong_gov.hwpx import HwpxDocument

    built, to_bytes = [], HwpxDocument.to_bytes
    monkeypatch.setattr(HwpxDocument, "to_bytes", lambda self: built.append(1) or to_bytes(self))

    def roster(name: str) -> bytes:
        doc = documents.Document(title="위원 명단")
        doc.table([["성명", "소속"], [name, "성수1가1동"]])
        return doc.to_hwpx()

    assert roster("김서연") == roster("김서연") and len(built) == 1
    assert roster("이민준") != roster("김서연") and len(built) == 2

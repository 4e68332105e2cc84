"""Formula-like user text is inert in CSV and XLSX; numbers stay numbers (issue 12 §4).

The XLSX checks read the sheet XML itself: what matters is what Excel and LibreOffice get, not what
openpyxl reports back.
"""

import csv
import datetime
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from seongdong_gov.spreadsheets import (
    csv_writer_rows,
    is_formula_like,
    safe_cell,
    write_csv,
    xlsx_append_row,
    xlsx_bytes,
)

HOSTILE = ['=HYPERLINK("http://x","y")', "=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
HARMLESS = ["성동구", "1+1=2", "", " =1", "'=1", "주민자치 (=위원회)"]
NUMBERS = [0, -5, 3.25, -0.5, Decimal("-12.50"), datetime.date(2026, 12, 10)]


@pytest.mark.parametrize("value", HOSTILE)
def test_safe_cell_prefixes_formula_like_text(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", [*HARMLESS, *NUMBERS, None])
def test_safe_cell_leaves_other_values_alone(value):
    assert safe_cell(value) is value


def test_safe_cell_checks_lazy_translations_as_text():
    assert safe_cell(gettext_lazy("=1+1")) == "'=1+1"
    assert safe_cell(gettext_lazy("합계")) == "합계"


@pytest.mark.parametrize(
    ("value", "expected"), [("=1", True), ("-5", True), (-5, False), (None, False), ("a=1", False)]
)
def test_is_formula_like(value, expected):
    assert is_formula_like(value) is expected


def test_csv_writer_rows_makes_every_cell_safe():
    assert list(csv_writer_rows([["=1+1", -5, "이름"], ["@SUM(A1)", None]])) == [
        ["'=1+1", -5, "이름"],
        ["'@SUM(A1)", None],
    ]


def test_write_csv_round_trip_keeps_hostile_text_inert_and_numbers_plain():
    out = io.StringIO()
    write_csv(out, [["지표", "값"], *[[value, -5] for value in HOSTILE], ["건수", 3.25]], bom=True)
    text = out.getvalue()
    assert text.startswith("\ufeff지표,값\r\n")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert rows[1:] == [*[["'" + value, "-5"] for value in HOSTILE], ["건수", "3.25"]]
    # No line of the file starts a cell with a trigger character: every field begins with ' or a digit.
    for row in rows[1:]:
        assert not row[0].startswith(("=", "+", "-", "@", "\t", "\r"))


def test_write_csv_without_bom_writes_plain_utf8_text():
    out = io.StringIO()
    write_csv(out, [["a"]])
    assert out.getvalue() == "a\r\n"


def _sheet_xml(ws_rows, write_only: bool = False) -> tuple[str, str]:
    """The sheet and style XML of a workbook saved by openpyxl, or, write-only, by xlsx_bytes."""
    if write_only:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet()
        for row in ws_rows:
            xlsx_append_row(ws, row)
        data = xlsx_bytes(wb)
    else:
        wb = Workbook()
        ws = wb.active
        for row in ws_rows:
            xlsx_append_row(ws, row)
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("xl/worksheets/sheet1.xml").decode(), zf.read("xl/styles.xml").decode()


@pytest.mark.parametrize("write_only", [False, True])
def test_xlsx_append_row_writes_hostile_text_as_text_cells_without_formulas(write_only):
    sheet, styles = _sheet_xml([HOSTILE, HARMLESS], write_only)
    assert "<f>" not in sheet and "<f " not in sheet
    cells = re.findall(r'<c r="([A-Z]+)1"([^>]*)>(.*?)</c>', sheet)
    assert len(cells) == len(HOSTILE)
    for _col, attrs, body in cells:
        assert 't="inlineStr"' in attrs or 't="s"' in attrs
        assert body.startswith(("<is>", "<v>"))
    # the formula text itself is kept, unchanged, as the cell's string
    assert '<t>=HYPERLINK("http://x","y")</t>' in sheet.replace("&quot;", '"')
    # quotePrefix keeps it text when someone edits the cell in Excel
    style_ids = {re.search(r's="(\d+)"', attrs).group(1) for _col, attrs, _body in cells}
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles).group(1)
    xf_list = re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", xfs)
    assert all('quotePrefix="1"' in xf_list[int(i)] for i in style_ids)


@pytest.mark.parametrize("write_only", [False, True])
def test_xlsx_append_row_keeps_numbers_numeric(write_only):
    sheet, _styles = _sheet_xml([[-5, 3.25, Decimal("-12.50"), 0, "이름"]], write_only)
    assert re.findall(r'<c r="([A-E])1" t="n"><v>([^<]*)</v></c>', sheet) == [
        ("A", "-5"),
        ("B", "3.25"),
        ("C", "-12.5"),
        ("D", "0"),
    ]


def test_xlsx_append_row_reads_back_as_text_in_openpyxl():
    from openpyxl import load_workbook

    wb = Workbook()
    xlsx_append_row(wb.active, ["=1+1", -5, gettext_lazy("합계"), None])
    buf = io.BytesIO()
    wb.save(buf)
    ws = load_workbook(io.BytesIO(buf.getvalue())).active
    assert [(c.value, c.data_type) for c in ws[1]][:3] == [("=1+1", "s"), (-5, "n"), ("합계", "s")]


def _cells(data: bytes) -> list[tuple]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data))
    return [
        (ws.title, c.coordinate, c.value, c.data_type, c.font.b, c.font.sz, c.quotePrefix)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None or c.has_style
    ]


ROWS = [["제목"], [], ["=1+1", -5, gettext_lazy("합계"), None, 3.25], ["가동", None, 7]]


def test_a_write_only_workbook_through_xlsx_bytes_has_the_cells_and_fonts_of_a_saved_one():
    from openpyxl import load_workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet._writer import ALL_TEMP_FILES

    fonts = [Font(bold=True, size=13), None, Font(bold=True), None]
    wb = Workbook()
    wb.active.title = "첫째"
    wb.active.column_dimensions["A"].width = 28
    for row, font in zip(ROWS, fonts, strict=True):
        xlsx_append_row(wb.active, row, font=font)
    buf = io.BytesIO()
    wb.save(buf)

    streamed = Workbook(write_only=True)
    ws = streamed.create_sheet("첫째")
    ws.column_dimensions["A"].width = 28
    temp_files = list(ALL_TEMP_FILES)
    for row, font in zip(ROWS, fonts, strict=True):
        xlsx_append_row(ws, row, font=font)
    data = xlsx_bytes(streamed)
    assert ALL_TEMP_FILES == temp_files  # written in memory, no temporary file

    assert _cells(data) == _cells(buf.getvalue())
    assert ("첫째", "A3", "=1+1", "s", True, None, True) in _cells(data)  # text, bold, quotePrefix
    assert ("첫째", "A1", "제목", "s", True, 13, False) in _cells(data)
    assert load_workbook(io.BytesIO(data))["첫째"].column_dimensions["A"].width == 28


def test_xlsx_bytes_writes_a_normal_workbook_as_save_does():
    wb = Workbook()
    for row in ROWS:
        xlsx_append_row(wb.active, row)
    wb.create_sheet("둘째")
    buf = io.BytesIO()
    wb.save(buf)
    assert _cells(xlsx_bytes(wb)) == _cells(buf.getvalue())


def test_xlsx_bytes_gives_an_empty_write_only_workbook_a_sheet():
    from openpyxl import load_workbook

    assert len(load_workbook(io.BytesIO(xlsx_bytes(Workbook(write_only=True)))).worksheets) == 1


def test_xlsx_append_row_handles_an_empty_row():
    wb = Workbook()
    ws = wb.active
    xlsx_append_row(ws, ["a"])
    xlsx_append_row(ws, [])
    xlsx_append_row(ws, ["=1"])
    assert (ws["A3"].value, ws["A3"].data_type) == ("=1", "s")


def test_consolidated_xlsx_writes_a_hostile_indicator_name_as_text():
    # Wired here rather than in tests/reports: the export takes plain data, no database needed.
    from types import SimpleNamespace

    from reports.exports import consolidated_xlsx

    summary = SimpleNamespace(
        field=SimpleNamespace(name="복지"),
        indicators=['=HYPERLINK("http://x","y")', "상담 (건)"],
        rows=[("=1+1", [Decimal(-5), None])],
        totals=[Decimal(-5), Decimal(0)],
        trend=[("@SUM(A1)", [0, Decimal("2.5")])],
    )
    data = {
        "month": datetime.date(2026, 1, 1),
        "fields": [summary],
        "months": [datetime.date(2026, 1, 1)] * 2,
    }
    with zipfile.ZipFile(io.BytesIO(consolidated_xlsx(data))) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml").decode().replace("&quot;", '"')
    assert "<f>" not in sheet
    assert (
        '<t>=HYPERLINK("http://x","y")</t>' in sheet and "<t>=1+1</t>" in sheet and "<t>@SUM(A1)</t>" in sheet
    )
    assert '<c r="B4" t="n"><v>-5</v></c>' in sheet

"""The consolidated report as PDF (the project's document renderer, A4, shipped Nanum fonts) and as an Excel workbook (openpyxl).
Both render `selectors.consolidated()`, the same structure as the web page."""

from __future__ import annotations

import re

from django.utils import translation
from django.utils.translation import gettext as _

from seongdong_gov import documents
from seongdong_gov.documents import Document


def consolidated_pdf(data: dict) -> bytes:
    """A4 PDF with page numbers; shipped fonts from the document renderer, charts inline SVG."""
    return documents.render_pdf("reports/consolidated_pdf.html", data, stylesheets=[documents.PAGE_NUMBERS])


def consolidated_xlsx(data: dict) -> bytes:
    """One sheet per field: this month's values by unit with the totals, then the monthly trend. The
    workbook is write-only: its rows stream out as they are appended, without a cell object per value."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    # Indicator and unit names are user text: an indicator named "=HYPERLINK(...)" must stay text.
    from seongdong_gov.spreadsheets import xlsx_append_row, xlsx_bytes

    wb = Workbook(write_only=True)
    month = data["month"]
    if not data["fields"]:  # a workbook needs one sheet: say there is nothing to report rather than fail
        ws = wb.create_sheet(title=str(_("성과 없음")))
        xlsx_append_row(ws, [str(_("이 달에 보고 분야가 없습니다."))])
    bold = Font(bold=True)
    for summary in data["fields"]:
        # Excel forbids : \ / ? * [ ] in sheet titles and caps them at 31 characters
        ws = wb.create_sheet(title=re.sub(r"[:\\/?*\[\]]", "·", summary.field.name)[:31])
        ws.column_dimensions["A"].width = 28  # before the first row: a write-only sheet writes it first
        xlsx_append_row(
            ws,
            [
                _("%(year)s년 %(month)s월 %(field)s 분야 성과")
                % {"year": month.year, "month": month.month, "field": summary.field.name}
            ],
            font=Font(bold=True, size=13),
        )
        xlsx_append_row(ws, [])
        xlsx_append_row(ws, [_("조직"), *[str(i) for i in summary.indicators]], font=bold)
        for unit_name, values in summary.rows:
            xlsx_append_row(ws, [unit_name, *[float(v) if v is not None else None for v in values]])
        xlsx_append_row(ws, [_("합계"), *[float(t) for t in summary.totals]])
        xlsx_append_row(ws, [])
        xlsx_append_row(ws, [_("월별 추이"), *[f"{m:%Y-%m}" for m in data["months"]]])
        for ind, values in summary.trend:
            xlsx_append_row(ws, [str(ind), *[float(v) if v is not None else None for v in values]])
    return xlsx_bytes(wb)


def _number(value) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def consolidated_document(data: dict) -> Document:
    """The consolidated report as HWPX (the PDF keeps its own template with the charts): per field the
    units' figures with totals, the monthly trend as a table (a month without data is "—", not 0), and
    the units' narratives."""
    month = data["month"]
    with translation.override("ko"):
        title = _("사업성과 종합 보고 (%(year)s년 %(month)s월)") % {"year": month.year, "month": month.month}
        doc = Document(title=title, header_text=_("사업성과 종합 보고"))
        doc.heading(title, level=1)
        if not data["fields"]:
            doc.paragraph(_("이 달에 보고 분야가 없습니다."))
        for summary in data["fields"]:
            doc.heading(summary.field.name, level=2)
            head = [_("조직"), *[str(i) for i in summary.indicators]]
            rows = [[name, *[_number(v) for v in values]] for name, values in summary.rows]
            if not rows:
                rows = [[_("제출된 보고가 없습니다.")]]
            doc.table([head, *rows, [_("합계"), *[_number(t) for t in summary.totals]]])
            doc.heading(_("월별 추이"), level=3)
            doc.table(
                [
                    [_("지표"), *[f"{m.year % 100:02d}.{m.month}." for m in data["months"]]],
                    *[[str(ind), *[_number(v) for v in values]] for ind, values in summary.trend],
                ]
            )
            for unit_name, r in summary.narratives:
                if r.achievements or r.problems or r.improvements:
                    doc.heading(unit_name, level=3)
                    doc.paragraph(_("주요 성과: %(t)s") % {"t": r.achievements or "—"})
                    doc.paragraph(_("문제점: %(t)s") % {"t": r.problems or "—"})
                    doc.paragraph(_("개선사항: %(t)s") % {"t": r.improvements or "—"})
    return doc

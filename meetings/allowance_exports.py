"""The payment list (참석수당 지급 명세) as XLSX, HWPX and PDF, and the annual per-person totals as XLSX.

Every format carries the same columns, with a signature column for the receipt (수령인 서명); no bank
details exist to export. PDFs go through the one renderer (seongdong_gov.documents)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from meetings.models import PaymentList
from meetings.selectors.allowances import payment_totals
from seongdong_gov import documents
from seongdong_gov.hwpx import HwpxDocument
from seongdong_gov.rules import date_dots
from seongdong_gov.spreadsheets import xlsx_append_row


def _header() -> list[str]:
    return [
        _("순번"),
        _("성명"),
        _("소속"),
        _("지급 근거"),
        _("지급액"),
        _("소득세"),
        _("지방소득세"),
        _("실지급액"),
        _("비고"),
        _("수령인 서명"),
    ]


def _rows(payment_list: PaymentList) -> list[list]:
    return [
        [
            line.order,
            line.name,
            line.affiliation,
            line.basis,
            line.amount,
            line.income_tax,
            line.local_tax,
            line.net,
            line.excluded_reason,
            "",
        ]
        for line in payment_list.lines.all()
    ]


def _title(payment_list: PaymentList) -> str:
    return _("참석수당 지급 명세") + f" · {payment_list.meeting.title}"


def _subtitle(payment_list: PaymentList) -> str:
    state = _("확정") if payment_list.is_confirmed else _("작성 중 (미확정)")
    return f"{_('지급 기준일')} {date_dots(payment_list.paid_on)} · {state}"


def payment_list_xlsx(payment_list: PaymentList) -> bytes:
    from openpyxl import Workbook  # loaded only when someone exports: openpyxl is slow to import

    wb = Workbook()
    ws = wb.active
    ws.title = _("지급 명세")
    xlsx_append_row(ws, [_title(payment_list)])
    xlsx_append_row(ws, [_subtitle(payment_list)])
    xlsx_append_row(ws, _header())
    for row in _rows(payment_list):
        xlsx_append_row(ws, row)
    t = payment_totals(payment_list.lines.all())
    xlsx_append_row(
        ws, ["", _("합계"), "", "", t["amount"], t["income_tax"], t["local_tax"], t["net"], "", ""]
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def payment_list_hwpx(payment_list: PaymentList) -> bytes:
    doc = HwpxDocument(title=_title(payment_list))
    doc.heading(_title(payment_list))
    doc.paragraph(_subtitle(payment_list), style="center")
    t = payment_totals(payment_list.lines.all())
    rows = [_header(), *_rows(payment_list)]
    rows.append(["", _("합계"), "", "", t["amount"], t["income_tax"], t["local_tax"], t["net"], "", ""])
    formatted = [rows[0]] + [
        [f"{v:,}" if isinstance(v, int) and i >= 4 else v for i, v in enumerate(r)] for r in rows[1:]
    ]
    doc.table(formatted, col_widths_mm=[9, 16, 26, 22, 17, 15, 15, 17, 20, 23])
    return doc.to_bytes()


def payment_list_pdf(payment_list: PaymentList) -> bytes:
    context = {
        "payment_list": payment_list,
        "title": _title(payment_list),
        "subtitle": _subtitle(payment_list),
        "lines": list(payment_list.lines.all()),
        "totals": payment_totals(payment_list.lines.all()),
    }
    return documents.render_pdf(
        "meetings/allowances/payment_list_pdf.html",
        context,
        stylesheets=["meetings/allowances_print.css", documents.PAGE_NUMBERS],
    )


def annual_totals_xlsx(year: int, rows: list[dict]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = str(year)
    xlsx_append_row(ws, [_("%(year)s년 참석수당 지급 합계 (개인별)") % {"year": year}])
    xlsx_append_row(ws, [_("성명"), _("지급 횟수"), _("지급액"), _("소득세"), _("지방소득세"), _("실지급액")])
    for r in rows:
        xlsx_append_row(
            ws, [r["name"], r["payments"], r["amount"], r["income_tax"], r["local_tax"], r["net"]]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

"""위촉장 발급대장 (the certificate register) as CSV (streamed), XLSX, HWPX and PDF.

One row builder feeds every format. Names, ceremonies and reasons are user text: the CSV goes through
`safe_cell` and the workbook through `xlsx_append_row`, so a name like `=1+1` stays text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from appointments import rules
from seongdong_gov.documents import Document
from seongdong_gov.spreadsheets import csv_writer_rows, xlsx_append_row

# A PDF or HWPX register longer than this is cut with a note: the whole register goes to CSV or XLSX.
DOCUMENT_ROW_LIMIT = 2000


class _Echo:
    """A file-like object whose write returns the line, for csv.writer feeding a streamed response."""

    def write(self, value: str) -> str:
        return value


def register_header() -> list[str]:
    """Column titles, translated when called (while the request's language is active)."""
    return [
        _("발급번호"),
        _("성명"),
        _("기구"),
        _("위촉기간"),
        _("발급일"),
        _("위촉식"),
        _("재발급 원번호"),
        _("재발급 사유"),
    ]


def register_rows(qs: QuerySet) -> Iterator[list[str]]:
    """One row per certificate, read in chunks so that memory stays flat at any size."""
    for c in qs.iterator(chunk_size=2000):
        m = c.appointment.membership
        yield [
            c.number,
            m.person.name,
            m.body.name,
            c.appointment.period_label,
            rules.date_dots(c.issued_on),
            c.ceremony,
            c.reissue_of.number if c.reissue_of else "",
            c.reissue_reason,
        ]


def register_csv_lines(qs: QuerySet, header: list[str]) -> Iterator[str]:
    """The whole filtered register as CSV lines, every cell through `safe_cell`."""
    yield "\ufeff"  # Excel reads UTF-8 with a BOM
    writer = csv.writer(_Echo())
    for row in csv_writer_rows([header]):
        yield writer.writerow(row)
    for row in csv_writer_rows(register_rows(qs)):
        yield writer.writerow(row)


def register_csv_response(qs: QuerySet) -> StreamingHttpResponse:
    """A streamed CSV download of the filtered register."""
    response = StreamingHttpResponse(
        register_csv_lines(qs, register_header()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="certificate-register.csv"'
    return response


def register_xlsx(qs: QuerySet) -> bytes:
    from openpyxl import Workbook  # only the export needs openpyxl

    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = str(_("위촉장 발급대장"))
    xlsx_append_row(ws, register_header())
    for row in register_rows(qs):
        xlsx_append_row(ws, row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def register_document(qs: QuerySet) -> Document:
    """The register as HWPX/PDF: a bordered table of every certificate, the newest first."""
    with translation.override("ko"):
        doc = Document(title=_("위촉장 발급대장"), header_text=_("위촉장 발급대장"))
        doc.heading(_("위촉장 발급대장"), level=1)
        rows = [register_header()]
        for n, row in enumerate(register_rows(qs)):
            if n == DOCUMENT_ROW_LIMIT:
                break
            rows.append(row)
        doc.table(rows, col_widths_mm=[27, 18, 27, 36, 21, 16, 20, 15])
        if len(rows) > DOCUMENT_ROW_LIMIT:
            doc.paragraph(
                _("이하 생략: 전체 대장은 CSV 또는 엑셀로 내려받으십시오."),
                style="small",
            )
    return doc

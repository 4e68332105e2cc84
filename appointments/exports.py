"""The certificate register as CSV (위촉장 발급대장), streamed so memory stays flat at any size."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _

from appointments import rules


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


def register_csv_lines(qs: QuerySet, header: list[str]) -> Iterator[str]:
    """The register as CSV lines, the whole filtered register unpaginated, read from the database in
    chunks so that memory stays flat however many certificates there are."""
    yield "\ufeff"  # Excel reads UTF-8 with a BOM
    writer = csv.writer(_Echo())
    yield writer.writerow(header)
    for c in qs.iterator(chunk_size=2000):
        m = c.appointment.membership
        yield writer.writerow(
            [
                c.number,
                m.person.name,
                m.body.name,
                c.appointment.period_label,
                rules.date_dots(c.issued_on),
                c.ceremony,
                c.reissue_of.number if c.reissue_of else "",
                c.reissue_reason,
            ]
        )


def register_csv_response(qs: QuerySet) -> StreamingHttpResponse:
    """A streamed CSV download of the filtered register."""
    response = StreamingHttpResponse(
        register_csv_lines(qs, register_header()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="certificate-register.csv"'
    return response

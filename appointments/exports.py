"""위촉장 발급대장 (the certificate register) as CSV (streamed), XLSX, HWPX and PDF.

One row builder feeds every format. Names, ceremonies and reasons are user text: the CSV goes through
`safe_cell` and the workbook through `xlsx_append_row`, so a name like `=1+1` stays text.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
from collections.abc import Iterator

from django.core.cache import caches
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

from appointments import rules, selectors
from seongdong_gov.documents import Document
from seongdong_gov.spreadsheets import csv_writer_rows, xlsx_append_row

logger = logging.getLogger(__name__)

# A PDF or HWPX register longer than this is cut with a note: the whole register goes to CSV or XLSX.
DOCUMENT_ROW_LIMIT = 2000
# The CSV is sent in chunks of about this size; an export up to CSV_CACHE_MAX_BYTES is kept in the
# documents cache (the district's 20,000 lines are about 3 MB). Raise CSV_FORMAT_VERSION when the
# columns or their formatting change, so that no file cached before is served.
CSV_CHUNK_BYTES = 64 * 1024
CSV_CACHE_MAX_BYTES = 32 * 1024 * 1024
CSV_FORMAT_VERSION = "1"


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
    """One row per certificate, read as tuples in chunks so that memory stays flat at any size."""
    for number, person, body, start, end, issued_on, ceremony, original, reason in selectors.register_rows(
        qs
    ).iterator(chunk_size=2000):
        yield [
            number,
            person,
            body,
            rules.period_label(start, end),
            rules.date_dots(issued_on),
            ceremony,
            original or "",
            reason,
        ]


def register_csv_lines(qs: QuerySet, header: list[str]) -> Iterator[str]:
    """The whole filtered register as CSV lines, every cell through `safe_cell`."""
    yield "\ufeff"  # Excel reads UTF-8 with a BOM
    writer = csv.writer(_Echo())
    for row in csv_writer_rows([header]):
        yield writer.writerow(row)
    for row in csv_writer_rows(register_rows(qs)):
        yield writer.writerow(row)


def register_csv_chunks(qs: QuerySet, header: list[str]) -> Iterator[bytes]:
    """The CSV encoded, in chunks of about CSV_CHUNK_BYTES (whole lines): one write per chunk rather
    than one per line."""
    lines: list[str] = []
    size = 0
    for line in register_csv_lines(qs, header):
        lines.append(line)
        size += len(line)
        if size >= CSV_CHUNK_BYTES // 3:  # a Korean character is 3 bytes in UTF-8
            yield "".join(lines).encode()
            lines, size = [], 0
    if lines:
        yield "".join(lines).encode()


def register_csv_key(filters: dict) -> str:
    """The cache key of a CSV export: the filters and the language of the header. One entry per filter:
    a newer version of the register replaces the older file rather than adding one."""
    used = sorted((name, getattr(value, "pk", value)) for name, value in filters.items())  # a body by its id
    parts = [CSV_FORMAT_VERSION, translation.get_language(), used]
    return "register-csv:" + hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


# The last CSV this process served, as (key, version tag, bytes): the district's register read from the
# documents cache is a 3 MB file to read and decompress (~5 ms) on every download. One slot, so memory
# stays at one export (at most CSV_CACHE_MAX_BYTES); replaced whole, so threads never see half of one.
_last_csv: tuple[str, str, bytes] | None = None


def _version_tag(version: dict) -> str:
    return json.dumps(sorted(version.items()), default=str)


def _kept_while_streamed(chunks: Iterator[bytes], key: str, version: str) -> Iterator[bytes]:
    """`chunks` passed on, and stored in the documents cache with `version` once all were sent, when they
    came to at most CSV_CACHE_MAX_BYTES (a bigger export is only streamed: memory stays bounded). A
    download broken off midway stores nothing."""
    kept: list[bytes] | None = []
    total = 0
    for chunk in chunks:
        if kept is not None:
            total += len(chunk)
            if total <= CSV_CACHE_MAX_BYTES:
                kept.append(chunk)
            else:
                kept = None
        yield chunk
    if kept is not None:
        try:
            caches["documents"].set(key, (version, b"".join(kept)))
        except OSError:  # a full or read-only cache directory costs speed, never the download
            logger.warning("register CSV not cached", exc_info=True)


def register_csv_response(qs: QuerySet, filters: dict) -> StreamingHttpResponse:
    """A streamed CSV download of the filtered register (`filters`: the filter form's cleaned data that
    made `qs`). The file is kept in the documents cache with the register's version
    (`selectors.register_version`, one query): while the register is unchanged it is served from there
    (or from this process's memory, `_last_csv`); any issue, reissue or audited change exports anew."""
    global _last_csv
    key = register_csv_key(filters)
    version = _version_tag(selectors.register_version())
    last = _last_csv
    if last is not None and last[:2] == (key, version):
        data = last[2]
    else:
        cached = caches["documents"].get(key)
        data = cached[1] if cached is not None and cached[0] == version else None
        if data is not None:
            _last_csv = (key, version, data)
    if data is not None:
        chunks = (data[i : i + CSV_CHUNK_BYTES] for i in range(0, len(data), CSV_CHUNK_BYTES))
    else:
        chunks = _kept_while_streamed(register_csv_chunks(qs, register_header()), key, version)
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
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

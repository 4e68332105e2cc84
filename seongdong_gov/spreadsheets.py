"""Spreadsheet and CSV cells that no spreadsheet evaluates (formula / CSV injection, issue 12 §4).

Excel and LibreOffice treat a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
as a formula when they open a CSV, and openpyxl writes any string starting with ``=`` as a live formula.
User text (an indicator named ``=HYPERLINK(...)``, a member called ``=1+1``) must arrive as text.
Numbers, dates and None are left alone so that sums and sorting keep working.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import IO, Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_NUMERIC = (int, float, Decimal, datetime.date, datetime.datetime, datetime.time, datetime.timedelta)


def is_formula_like(value: object) -> bool:
    """True for text that a spreadsheet would read as a formula (numbers never are: they are not text)."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def safe_cell(value: Any) -> Any:
    """The value for a CSV cell: formula-like text gets a leading apostrophe (the OWASP advice,
    which Excel and LibreOffice both read as "this is text"); everything else is returned unchanged."""
    if is_formula_like(value):
        return "'" + value
    if isinstance(value, _NUMERIC) or value is None or isinstance(value, str):
        return value
    # Lazy translation strings and other objects become text, and text may be formula-like.
    return safe_cell(str(value))


def csv_writer_rows(rows: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
    """Rows with every cell passed through :func:`safe_cell`, for ``csv.writer(...).writerows``."""
    for row in rows:
        yield [safe_cell(value) for value in row]


def write_csv(target: IO[str], rows: Iterable[Sequence[Any]], *, bom: bool = False) -> None:
    """Write safe rows to a text file or an ``HttpResponse``.

    ``bom`` puts the UTF-8 byte order mark first, which Excel needs to read Korean from a CSV.
    Side effects: writes to ``target`` only.
    """
    if bom:
        target.write("\ufeff")
    csv.writer(target).writerows(csv_writer_rows(rows))


def xlsx_append_row(ws: Any, row: Sequence[Any], *, font: Any = None) -> None:
    """``ws.append(row)`` with formula-like text stored as a text cell, and every cell in ``font`` if given.

    openpyxl makes every string starting with ``=`` a formula (data type ``f``); here such a cell is typed
    ``s`` (written as a text cell, never a ``<f>`` element) and marked ``quotePrefix`` so that Excel keeps it text
    even when someone edits the cell. No apostrophe is added: in XLSX the cell type already says "text".
    ``ws`` may belong to a write-only workbook (``Workbook(write_only=True)``, which streams its rows and skips
    the cell objects of a normal one); the cells come out the same.
    Side effects: appends one row to ``ws``.
    """
    values = [value if isinstance(value, _NUMERIC) or value is None else str(value) for value in row]
    if ws.parent.write_only:
        _stream_in_memory(ws)
        if font is not None or any(is_formula_like(value) for value in values):
            values = [_write_only_cell(ws, value, font) for value in values]
        ws.append(values)
        return
    ws.append(values)
    if not values:
        return
    for cell, value in zip(ws[ws.max_row], values, strict=False):
        if is_formula_like(value):
            cell.value = value
            cell.data_type = "s"
            cell.quotePrefix = True
        if font is not None:
            cell.font = font


def _write_only_cell(ws: Any, value: Any, font: Any) -> Any:
    """The value itself, or a cell when it needs a type or a style that a bare value cannot carry."""
    # Inline: this module also serves CSV exports, which should not load openpyxl; a write-only sheet
    # means openpyxl is loaded already.
    from openpyxl.cell import WriteOnlyCell

    formula_like = is_formula_like(value)
    if not formula_like and font is None:
        return value
    cell = WriteOnlyCell(ws, value)
    if formula_like:
        cell.data_type = "s"
        cell.quotePrefix = True
    if font is not None:
        cell.font = font
    return cell


# openpyxl writes every worksheet into a temporary file before it zips it; creating and deleting that file
# took 1–3 ms a sheet on the server's disk, more than writing the sheet. The two functions below keep the
# sheets in memory instead. They use openpyxl internals (WorksheetWriter accepts a BytesIO and reads it
# back, as openpyxl's own tests do; ExcelWriter.write_worksheet is copied with writestr in place of write);
# tests/seongdong_gov/test_spreadsheets.py checks the round trip.


def _stream_in_memory(ws: Any) -> None:
    """Before a write-only sheet's first row: its writer streams into memory (as openpyxl's
    WriteOnlyWorksheet._get_writer would into a temporary file), after the column widths set so far."""
    if ws._writer is None:
        from openpyxl.worksheet._writer import WorksheetWriter  # inline: see _write_only_cell

        ws._writer = WorksheetWriter(ws, out=io.BytesIO())
        ws._writer.write_top()


def xlsx_bytes(wb: Any) -> bytes:
    """The workbook as an .xlsx file, its sheets written in memory (``wb.save`` goes through temporary
    files). Side effects: closes a write-only workbook's sheets, as ``wb.save`` does."""
    # inline: see _write_only_cell
    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.writer.excel import ExcelWriter

    class InMemoryWriter(ExcelWriter):
        def write_worksheet(self, ws):
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            if self.workbook.write_only:
                _stream_in_memory(ws)  # a sheet without rows
                if not ws.closed:
                    ws.close()
                writer = ws._writer
            else:
                writer = WorksheetWriter(ws, out=io.BytesIO())
                writer.write()
            ws._rels = writer._rels
            self._archive.writestr(ws.path[1:], writer.read())
            self.manifest.append(ws)

    if wb.write_only and not wb.worksheets:  # as wb.save: a workbook has at least one sheet
        wb.create_sheet()
    out = io.BytesIO()
    wb.properties.modified = datetime.datetime.now(tz=datetime.UTC).replace(tzinfo=None)  # as wb.save
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        InMemoryWriter(wb, archive).write_data()
    return out.getvalue()

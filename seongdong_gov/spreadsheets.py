"""Spreadsheet and CSV cells that no spreadsheet evaluates (formula / CSV injection, issue 12 §4).

Excel and LibreOffice treat a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
as a formula when they open a CSV, and openpyxl writes any string starting with ``=`` as a live formula.
User text (an indicator named ``=HYPERLINK(...)``, a member called ``=1+1``) must arrive as text.
Numbers, dates and None are left alone so that sums and sorting keep working.
"""

from __future__ import annotations

import csv
import datetime
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


def xlsx_append_row(ws: Any, row: Sequence[Any]) -> None:
    """``ws.append(row)`` with formula-like text stored as a text cell.

    openpyxl makes every string starting with ``=`` a formula (data type ``f``); here such a cell is typed
    ``s`` (written as a text cell, never a ``<f>`` element) and marked ``quotePrefix`` so that Excel keeps it text
    even when someone edits the cell. No apostrophe is added: in XLSX the cell type already says "text".
    Side effects: appends one row to ``ws``.
    """
    values = [value if isinstance(value, _NUMERIC) or value is None else str(value) for value in row]
    ws.append(values)
    if not values:
        return
    for cell, value in zip(ws[ws.max_row], values, strict=False):
        if is_formula_like(value):
            cell.value = value
            cell.data_type = "s"
            cell.quotePrefix = True

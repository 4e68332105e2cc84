"""Units, page geometry, fonts, character and paragraph shapes and styles of the HWPX writer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

MIMETYPE = "application/hwp+zip"

_NS = (
    'xmlns:ha="http://www.hancom.co.kr/hwpml/2011/app" '
    'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph" '
    'xmlns:hp10="http://www.hancom.co.kr/hwpml/2016/paragraph" '
    'xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" '
    'xmlns:hc="http://www.hancom.co.kr/hwpml/2011/core" '
    'xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head" '
    'xmlns:hhs="http://www.hancom.co.kr/hwpml/2011/history" '
    'xmlns:hm="http://www.hancom.co.kr/hwpml/2011/master-page" '
    'xmlns:hpf="http://www.hancom.co.kr/schema/2011/hpf" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:opf="http://www.idpf.org/2007/opf/" '
    'xmlns:ooxmlchart="http://www.hancom.co.kr/hwpml/2016/ooxmlchart" '
    'xmlns:hwpunitchar="http://www.hancom.co.kr/hwpml/2016/HwpUnitChar" '
    'xmlns:epub="http://www.idpf.org/2007/ops" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"'
)
_XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>'

# HWPUNIT is 1/7200 inch; 한글 itself writes A4 as 59528 × 84188.
PAGE_WIDTH = 59528
PAGE_HEIGHT = 84188


def mm(value: float) -> int:
    """Millimetres in HWPUNIT (1/7200 inch)."""
    return round(value * 7200 / 25.4)


# Office margins of the 행정업무운영 편람 (top 30 incl. the header band, left 20, right 15, bottom 15 + footer).
MARGINS = {
    "top": mm(20),
    "header": mm(10),
    "left": mm(20),
    "right": mm(15),
    "bottom": mm(10),
    "footer": mm(10),
}
BODY_WIDTH = PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]

# Font ids inside every language's fontface list: a serif for the body, a sans for headings and tables.
SERIF, SANS = 0, 1
FONT_FACES = ("함초롬바탕", "함초롬돋움")


@dataclass(frozen=True)
class _CharShape:
    height: int  # 1/100 pt
    font: int
    bold: bool = False


# Index = charPr id. Kept in one table so styles and the header can never disagree.
_CHAR_SHAPES = (
    _CharShape(1100, SERIF),  # 0 body
    _CharShape(1100, SERIF, bold=True),  # 1 body bold
    _CharShape(900, SERIF),  # 2 small
    _CharShape(1800, SANS, bold=True),  # 3 heading 1
    _CharShape(1400, SANS, bold=True),  # 4 heading 2
    _CharShape(1200, SANS, bold=True),  # 5 heading 3
    _CharShape(1000, SANS),  # 6 table cell
    _CharShape(1000, SANS, bold=True),  # 7 table header cell
    _CharShape(900, SANS),  # 8 page header / footer
)
_CHAR_BODY, _CHAR_BODY_BOLD, _CHAR_SMALL = 0, 1, 2
_CHAR_HEADING = {1: 3, 2: 4, 3: 5}
_CHAR_CELL, _CHAR_CELL_BOLD, _CHAR_MARGINALIA = 6, 7, 8


@dataclass(frozen=True)
class _ParaShape:
    align: str
    line_spacing: int = 160  # percent
    before: int = 0  # HWPUNIT
    after: int = 0
    keep_with_next: bool = False


_PARA_SHAPES = (
    _ParaShape("JUSTIFY", after=mm(1)),  # 0 body
    _ParaShape("CENTER", after=mm(1)),  # 1 centre
    _ParaShape("RIGHT", after=mm(1)),  # 2 right
    _ParaShape("LEFT", line_spacing=130),  # 3 table cell
    _ParaShape("CENTER", line_spacing=130),  # 4 table header cell, footer
    _ParaShape("CENTER", before=mm(2), after=mm(4), keep_with_next=True),  # 5 heading 1 (document title)
    _ParaShape("LEFT", before=mm(4), after=mm(2), keep_with_next=True),  # 6 heading 2
    _ParaShape("LEFT", before=mm(2), after=mm(1), keep_with_next=True),  # 7 heading 3
    _ParaShape("RIGHT", line_spacing=130),  # 8 page header
)
_PARA_FOR_STYLE = {"body": 0, "center": 1, "right": 2, "small": 0}
_PARA_HEADING = {1: 5, 2: 6, 3: 7}
_PARA_CELL, _PARA_CELL_HEAD, _PARA_HEADER = 3, 4, 8

# (id, name, engName, paraPr, charPr): the names 한글 shows in its style list.
_STYLES = (
    (0, "바탕글", "Normal", 0, _CHAR_BODY),
    (1, "본문", "Body", 0, _CHAR_BODY),
    (2, "개요 1", "Outline 1", 5, 3),
    (3, "개요 2", "Outline 2", 6, 4),
    (4, "개요 3", "Outline 3", 7, 5),
    (5, "표", "Table", _PARA_CELL, _CHAR_CELL),
    (6, "머리말", "Header", _PARA_HEADER, _CHAR_MARGINALIA),
)
_STYLE_FOR_HEADING = {1: 2, 2: 3, 3: 4}
_STYLE_BODY, _STYLE_TABLE, _STYLE_HEADER = 1, 5, 6

# borderFill ids (1-based in OWPML): 1 none (page), 2 none (characters), 3 cell lines, 4 header cell lines + tint.
_BF_CELL, _BF_HEAD = 3, 4

# XML 1.0 forbids most C0 controls; tabs and newlines are handled before this runs.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: object) -> str:
    """Text as it may stand in a document: control characters dropped, tabs as spaces, newlines kept."""
    text = "" if value is None else str(value)
    if text.isprintable():  # the common case (no control character at all): nothing to clean
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _INVALID_XML.sub("", text)


def _t(text: str) -> str:
    return f"<hp:t>{escape(text)}</hp:t>" if text else "<hp:t/>"

"""A small HWPX (OWPML, KS X 6101) writer: the format 한글 opens, files and edits.

Why our own writer rather than python-hwpx (Apache-2.0, evaluated): that library is built to edit
existing documents (lxml trees over a template, a wide API with deprecation shims); the documents here
are generated whole from data, need a fixed set of styles (a 함초롬바탕/함초롬돋움 pair, headings, table
cells) and must be fast at district scale. A few hundred lines of string building against the schema
do that with no runtime dependency, and python-hwpx stays useful as an independent reader in the tests.

The package follows what 한글 writes: ``mimetype`` first and stored, ``version.xml``,
``META-INF/container.xml`` / ``manifest.xml`` / ``container.rdf``, ``Contents/content.hpf``,
``Contents/header.xml`` (fonts, character and paragraph shapes, border fills, styles),
``Contents/section0.xml`` (A4 page, margins, header and footer with the page number) and
``Preview/PrvText.txt``.

Use::

    doc = HwpxDocument(title="회의록", header_text="성동구 주민자치위원회", footer_page_numbers=True)
    doc.heading("제1차 정기회의 회의록", level=1)
    doc.paragraph("일시: 2026. 12. 10. 16:00", style="body")
    doc.table([["성명", "소속"], ["홍길동", "성수1가1동"]], header_rows=1, col_widths_mm=[40, 80])
    data = doc.to_bytes()
"""

from __future__ import annotations

import functools
import io
import re
import statistics
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

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
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _INVALID_XML.sub("", text)


def _t(text: str) -> str:
    return f"<hp:t>{escape(text)}</hp:t>" if text else "<hp:t/>"


class HwpxDocument:
    """One A4 section of headings, paragraphs, tables and page breaks, rendered to HWPX bytes."""

    def __init__(self, *, title: str = "", header_text: str = "", footer_page_numbers: bool = True) -> None:
        self.title = clean_text(title)
        self.header_text = clean_text(header_text)
        self.footer_page_numbers = footer_page_numbers
        self._body: list[str] = []
        self._plain: list[str] = []
        self._next_id = 1
        self._break_pending = False

    # -- building ----------------------------------------------------------------------------------

    def heading(self, text: str, *, level: int = 1) -> None:
        """A heading in the sans face; level 1 is the centred document title."""
        level = min(max(level, 1), 3)
        self._paragraphs(text, _PARA_HEADING[level], _STYLE_FOR_HEADING[level], _CHAR_HEADING[level])

    def paragraph(self, text: str, *, style: str = "body", bold: bool = False) -> None:
        """Body text; ``style`` is one of body, small, center, right. Each line becomes a paragraph."""
        if style not in _PARA_FOR_STYLE:
            raise ValueError(f"unknown paragraph style {style!r}")
        char = _CHAR_SMALL if style == "small" else (_CHAR_BODY_BOLD if bold else _CHAR_BODY)
        self._paragraphs(text, _PARA_FOR_STYLE[style], _STYLE_BODY, char)

    def table(
        self,
        rows: Sequence[Sequence[object]],
        *,
        header_rows: int = 1,
        col_widths_mm: Sequence[float] | None = None,
    ) -> None:
        """A bordered table across the body width; the header rows are bold, tinted and repeat on every page."""
        if not rows:
            return
        cols = max(len(row) for row in rows)
        widths = self._column_widths(cols, col_widths_mm)
        row_height = mm(7)
        parts = []
        for r, row in enumerate(rows):
            head = r < header_rows
            cells = []
            for c in range(cols):
                value = row[c] if c < len(row) else ""
                lines = clean_text(value).split("\n")
                paras = "".join(
                    self._p(
                        line,
                        _PARA_CELL_HEAD if head else _PARA_CELL,
                        _STYLE_TABLE,
                        _CHAR_CELL_BOLD if head else _CHAR_CELL,
                    )
                    for line in lines
                )
                self._plain.append(" ".join(lines))
                cells.append(
                    f'<hp:tc name="" header="{int(head)}" hasMargin="0" protect="0" editable="0" dirty="0" '
                    f'borderFillIDRef="{_BF_HEAD if head else _BF_CELL}">'
                    '<hp:subList id="" textDirection="HORIZONTAL" lineWrap="BREAK" vertAlign="CENTER" '
                    'linkListIDRef="0" linkListNextIDRef="0" textWidth="0" textHeight="0" hasTextRef="0" hasNumRef="0">'
                    f"{paras}</hp:subList>"
                    f'<hp:cellAddr colAddr="{c}" rowAddr="{r}"/><hp:cellSpan colSpan="1" rowSpan="1"/>'
                    f'<hp:cellSz width="{widths[c]}" height="{row_height}"/>'
                    '<hp:cellMargin left="510" right="510" top="141" bottom="141"/></hp:tc>'
                )
            parts.append("<hp:tr>" + "".join(cells) + "</hp:tr>")
        table_id = self._id()
        tbl = (
            f'<hp:tbl id="{table_id}" zOrder="0" numberingType="TABLE" textWrap="TOP_AND_BOTTOM" '
            'textFlow="BOTH_SIDES" lock="0" dropcapstyle="None" pageBreak="CELL" '
            f'repeatHeader="{int(header_rows > 0)}" rowCnt="{len(rows)}" colCnt="{cols}" cellSpacing="0" '
            f'borderFillIDRef="{_BF_CELL}" noAdjust="0">'
            f'<hp:sz width="{sum(widths)}" widthRelTo="ABSOLUTE" height="{row_height * len(rows)}" '
            'heightRelTo="ABSOLUTE" protect="0"/>'
            '<hp:pos treatAsChar="1" affectLSpacing="0" flowWithText="1" allowOverlap="0" holdAnchorAndSO="0" '
            'vertRelTo="PARA" horzRelTo="COLUMN" vertAlign="TOP" horzAlign="LEFT" vertOffset="0" horzOffset="0"/>'
            '<hp:outMargin left="0" right="0" top="0" bottom="0"/>'
            '<hp:inMargin left="510" right="510" top="141" bottom="141"/>' + "".join(parts) + "</hp:tbl>"
        )
        # A table is anchored in its own paragraph, as 한글 does it.
        self._body.append(
            self._p_open(_PARA_FOR_STYLE["body"], _STYLE_BODY)
            + f'<hp:run charPrIDRef="{_CHAR_BODY}">{tbl}<hp:t/></hp:run></hp:p>'
        )

    def page_break(self) -> None:
        """Start the next paragraph or table on a new page."""
        self._break_pending = True

    # -- output ------------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The HWPX package."""
        body = list(self._body)
        if self._break_pending:
            body.append(
                self._p_open(0, _STYLE_BODY, page_break=True)
                + f'<hp:run charPrIDRef="{_CHAR_BODY}"><hp:t/></hp:run></hp:p>'
            )
        section = f"{_XML_DECL}<hs:sec {_NS}>{self._first_paragraph()}{''.join(body)}</hs:sec>"
        preview = "\r\n".join(p for p in [self.title, *self._plain] if p)[:1024]
        buf = io.BytesIO()
        # Level 1: a third of the deflate time for a few kB more; the XML compresses ~35:1 either way.
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            # 한글 and the OCF rule: the mimetype entry comes first and is stored uncompressed.
            zf.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, compress_type=zipfile.ZIP_STORED)
            zf.writestr("version.xml", _VERSION_XML)
            zf.writestr("Contents/header.xml", _header_xml())
            zf.writestr("Contents/section0.xml", section)
            zf.writestr("Contents/content.hpf", _content_hpf(self.title))
            zf.writestr("settings.xml", _SETTINGS_XML)
            zf.writestr("Preview/PrvText.txt", preview)
            zf.writestr("META-INF/container.xml", _CONTAINER_XML)
            zf.writestr("META-INF/manifest.xml", _MANIFEST_XML)
            zf.writestr("META-INF/container.rdf", _CONTAINER_RDF)
        return buf.getvalue()

    # -- internals ---------------------------------------------------------------------------------

    def _id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _p_open(self, para: int, style: int, *, page_break: bool = False) -> str:
        return (
            f'<hp:p id="{self._id()}" paraPrIDRef="{para}" styleIDRef="{style}" '
            f'pageBreak="{int(page_break)}" columnBreak="0" merged="0">'
        )

    def _p(self, text: str, para: int, style: int, char: int, *, page_break: bool = False) -> str:
        return (
            self._p_open(para, style, page_break=page_break)
            + f'<hp:run charPrIDRef="{char}">{_t(text)}</hp:run></hp:p>'
        )

    def _paragraphs(self, text: str, para: int, style: int, char: int) -> None:
        for line in clean_text(text).split("\n"):
            self._body.append(self._p(line, para, style, char, page_break=self._break_pending))
            self._break_pending = False
            self._plain.append(line)

    def _column_widths(self, cols: int, col_widths_mm: Sequence[float] | None) -> list[int]:
        if not col_widths_mm or len(col_widths_mm) != cols:
            return [BODY_WIDTH // cols] * cols
        # Scale to the body width so a table never runs into the margin.
        total = sum(col_widths_mm)
        return [int(BODY_WIDTH * w / total) for w in col_widths_mm]

    def _first_paragraph(self) -> str:
        """The section's first paragraph carries the page definition, the header and the footer."""
        m = MARGINS
        sec_pr = (
            '<hp:secPr id="" textDirection="HORIZONTAL" spaceColumns="1134" tabStop="8000" tabStopVal="4000" '
            'tabStopUnit="HWPUNIT" outlineShapeIDRef="1" memoShapeIDRef="0" textVerticalWidthHead="0" masterPageCnt="0">'
            '<hp:grid lineGrid="0" charGrid="0" wonggojiFormat="0"/>'
            '<hp:startNum pageStartsOn="BOTH" page="0" pic="0" tbl="0" equation="0"/>'
            '<hp:visibility hideFirstHeader="0" hideFirstFooter="0" hideFirstMasterPage="0" border="SHOW_ALL" '
            'fill="SHOW_ALL" hideFirstPageNum="0" hideFirstEmptyLine="0" showLineNumber="0"/>'
            '<hp:lineNumberShape restartType="0" countBy="0" distance="0" startNumber="0"/>'
            f'<hp:pagePr landscape="WIDELY" width="{PAGE_WIDTH}" height="{PAGE_HEIGHT}" gutterType="LEFT_ONLY">'
            f'<hp:margin header="{m["header"]}" footer="{m["footer"]}" gutter="0" left="{m["left"]}" '
            f'right="{m["right"]}" top="{m["top"]}" bottom="{m["bottom"]}"/></hp:pagePr>'
            '<hp:footNotePr><hp:autoNumFormat type="DIGIT" userChar="" prefixChar="" suffixChar=")" supscript="0"/>'
            '<hp:noteLine length="-1" type="SOLID" width="0.12 mm" color="#000000"/>'
            '<hp:noteSpacing betweenNotes="283" belowLine="567" aboveLine="850"/>'
            '<hp:numbering type="CONTINUOUS" newNum="1"/><hp:placement place="EACH_COLUMN" beneathText="0"/>'
            "</hp:footNotePr>"
            '<hp:endNotePr><hp:autoNumFormat type="DIGIT" userChar="" prefixChar="" suffixChar=")" supscript="0"/>'
            '<hp:noteLine length="14692344" type="SOLID" width="0.12 mm" color="#000000"/>'
            '<hp:noteSpacing betweenNotes="0" belowLine="567" aboveLine="850"/>'
            '<hp:numbering type="CONTINUOUS" newNum="1"/><hp:placement place="END_OF_DOCUMENT" beneathText="0"/>'
            "</hp:endNotePr>"
            + "".join(
                f'<hp:pageBorderFill type="{kind}" borderFillIDRef="1" textBorder="PAPER" headerInside="0" '
                'footerInside="0" fillArea="PAPER"><hp:offset left="1417" right="1417" top="1417" bottom="1417"/>'
                "</hp:pageBorderFill>"
                for kind in ("BOTH", "EVEN", "ODD")
            )
            + "</hp:secPr>"
        )
        controls = '<hp:ctrl><hp:colPr id="" type="NEWSPAPER" layout="LEFT" colCount="1" sameSz="1" sameGap="0"/></hp:ctrl>'
        if self.header_text:
            controls += self._margin_story(
                "header",
                "TOP",
                m["header"],
                self._p(self.header_text, _PARA_HEADER, _STYLE_HEADER, _CHAR_MARGINALIA),
            )
        if self.footer_page_numbers:
            # "- 3 -": the page number is an autoNum control that 한글 fills in on every page.
            footer = (
                self._p_open(_PARA_CELL_HEAD, _STYLE_HEADER)
                + f'<hp:run charPrIDRef="{_CHAR_MARGINALIA}"><hp:t>- </hp:t></hp:run>'
                f'<hp:run charPrIDRef="{_CHAR_MARGINALIA}"><hp:ctrl><hp:autoNum num="1" numType="PAGE">'
                '<hp:autoNumFormat type="DIGIT" userChar="" prefixChar="" suffixChar="" supscript="0"/>'
                "</hp:autoNum></hp:ctrl></hp:run>"
                f'<hp:run charPrIDRef="{_CHAR_MARGINALIA}"><hp:t> -</hp:t></hp:run></hp:p>'
            )
            controls += self._margin_story("footer", "BOTTOM", m["footer"], footer)
        return (
            self._p_open(0, 0)
            + f'<hp:run charPrIDRef="{_CHAR_BODY}">{sec_pr}{controls}</hp:run>'
            + f'<hp:run charPrIDRef="{_CHAR_BODY}"><hp:t/></hp:run></hp:p>'
        )

    def _margin_story(self, kind: str, valign: str, height: int, paragraph: str) -> str:
        return (
            f'<hp:ctrl><hp:{kind} id="{self._id()}" applyPageType="BOTH">'
            f'<hp:subList id="" textDirection="HORIZONTAL" lineWrap="BREAK" vertAlign="{valign}" '
            f'linkListIDRef="0" linkListNextIDRef="0" textWidth="{BODY_WIDTH}" textHeight="{height}" '
            f'hasTextRef="0" hasNumRef="0">{paragraph}</hp:subList></hp:{kind}></hp:ctrl>'
        )


# -- package parts that do not depend on the content --------------------------------------------------

_VERSION_XML = (
    f'{_XML_DECL}<hv:HCFVersion xmlns:hv="http://www.hancom.co.kr/hwpml/2011/version" '
    'tagetApplication="WORDPROCESSOR" major="5" minor="1" micro="1" buildNumber="0" os="1" xmlVersion="1.5" '
    'application="Hancom Office Hangul" appVersion="13, 0, 0, 1408 WIN32LEWindows_10"/>'
)
_SETTINGS_XML = (
    f'{_XML_DECL}<ha:HWPApplicationSetting xmlns:ha="http://www.hancom.co.kr/hwpml/2011/app" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0">'
    '<ha:CaretPosition listIDRef="0" paraIDRef="0" pos="0"/></ha:HWPApplicationSetting>'
)
_CONTAINER_XML = (
    f'{_XML_DECL}<ocf:container xmlns:ocf="urn:oasis:names:tc:opendocument:xmlns:container" '
    'xmlns:hpf="http://www.hancom.co.kr/schema/2011/hpf"><ocf:rootfiles>'
    '<ocf:rootfile full-path="Contents/content.hpf" media-type="application/hwpml-package+xml"/>'
    '<ocf:rootfile full-path="Preview/PrvText.txt" media-type="text/plain"/>'
    '<ocf:rootfile full-path="META-INF/container.rdf" media-type="application/rdf+xml"/>'
    "</ocf:rootfiles></ocf:container>"
)
_MANIFEST_XML = f'{_XML_DECL}<odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'
_PKG = "http://www.hancom.co.kr/hwpml/2016/meta/pkg#"
_CONTAINER_RDF = (
    f'{_XML_DECL}<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:pkg="{_PKG}">'
    + "".join(
        f'<rdf:Description rdf:about=""><pkg:hasPart rdf:resource="{path}"/></rdf:Description>'
        f'<rdf:Description rdf:about="{path}"><rdf:type rdf:resource="{_PKG}{kind}"/></rdf:Description>'
        for path, kind in (("Contents/header.xml", "HeaderFile"), ("Contents/section0.xml", "SectionFile"))
    )
    + f'<rdf:Description rdf:about=""><rdf:type rdf:resource="{_PKG}Document"/></rdf:Description></rdf:RDF>'
)


def _content_hpf(title: str) -> str:
    return (
        f'{_XML_DECL}<opf:package {_NS} version="" unique-identifier="" id=""><opf:metadata>'
        f"<opf:title>{escape(title)}</opf:title><opf:language>ko</opf:language>"
        '<opf:meta name="creator" content="text">성동구 민관거버넌스 운영 시스템</opf:meta>'
        "</opf:metadata><opf:manifest>"
        '<opf:item id="header" href="Contents/header.xml" media-type="application/xml"/>'
        '<opf:item id="section0" href="Contents/section0.xml" media-type="application/xml"/>'
        '<opf:item id="settings" href="settings.xml" media-type="application/xml"/>'
        '</opf:manifest><opf:spine><opf:itemref idref="header" linear="yes"/>'
        '<opf:itemref idref="section0" linear="yes"/></opf:spine></opf:package>'
    )


_LANGS = ("HANGUL", "LATIN", "HANJA", "JAPANESE", "OTHER", "SYMBOL", "USER")
_LANG_ATTRS = ("hangul", "latin", "hanja", "japanese", "other", "symbol", "user")


def _per_lang(tag: str, value: int) -> str:
    return f"<hh:{tag} " + " ".join(f'{a}="{value}"' for a in _LANG_ATTRS) + "/>"


@functools.cache  # the same for every document: built once per process
def _header_xml() -> str:
    fonts = "".join(
        f'<hh:font id="{i}" face={quoteattr(face)} type="TTF" isEmbedded="0">'
        f'<hh:typeInfo familyType="{"FCAT_MYUNGJO" if i == SERIF else "FCAT_GOTHIC"}" weight="6" proportion="4" '
        'contrast="0" strokeVariation="1" armStyle="1" letterform="1" midline="1" xHeight="1"/></hh:font>'
        for i, face in enumerate(FONT_FACES)
    )
    fontfaces = "".join(
        f'<hh:fontface lang="{lang}" fontCnt="{len(FONT_FACES)}">{fonts}</hh:fontface>' for lang in _LANGS
    )

    def border(kind: str) -> str:
        return "".join(
            f'<hh:{side}Border type="{kind}" width="0.12 mm" color="#000000"/>'
            for side in ("left", "right", "top", "bottom")
        )

    def border_fill(bf_id: int, kind: str, fill: str | None) -> str:
        brush = (
            f'<hc:fillBrush><hc:winBrush faceColor="{fill}" hatchColor="#999999" alpha="0"/></hc:fillBrush>'
            if fill
            else ""
        )
        return (
            f'<hh:borderFill id="{bf_id}" threeD="0" shadow="0" centerLine="NONE" breakCellSeparateLine="0">'
            '<hh:slash type="NONE" Crooked="0" isCounter="0"/><hh:backSlash type="NONE" Crooked="0" isCounter="0"/>'
            f'{border(kind)}<hh:diagonal type="SOLID" width="0.1 mm" color="#000000"/>{brush}</hh:borderFill>'
        )

    border_fills = (
        border_fill(1, "NONE", None)
        + border_fill(2, "NONE", "none")
        + border_fill(_BF_CELL, "SOLID", None)
        + border_fill(_BF_HEAD, "SOLID", "#E8E8E8")
    )
    char_prs = "".join(
        f'<hh:charPr id="{i}" height="{c.height}" textColor="#000000" shadeColor="none" useFontSpace="0" '
        'useKerning="0" symMark="NONE" borderFillIDRef="2">'
        + _per_lang("fontRef", c.font)
        + _per_lang("ratio", 100)
        + _per_lang("spacing", 0)
        + _per_lang("relSz", 100)
        + _per_lang("offset", 0)
        + ("<hh:bold/>" if c.bold else "")
        + '<hh:underline type="NONE" shape="SOLID" color="#000000"/><hh:strikeout shape="NONE" color="#000000"/>'
        '<hh:outline type="NONE"/><hh:shadow type="NONE" color="#C0C0C0" offsetX="10" offsetY="10"/></hh:charPr>'
        for i, c in enumerate(_CHAR_SHAPES)
    )
    para_prs = "".join(
        f'<hh:paraPr id="{i}" tabPrIDRef="0" condense="0" fontLineHeight="0" snapToGrid="1" '
        'suppressLineNumbers="0" checked="0" textDir="LTR">'
        f'<hh:align horizontal="{p.align}" vertical="BASELINE"/><hh:heading type="NONE" idRef="0" level="0"/>'
        '<hh:breakSetting breakLatinWord="KEEP_WORD" breakNonLatinWord="KEEP_WORD" widowOrphan="0" '
        f'keepWithNext="{int(p.keep_with_next)}" keepLines="0" pageBreakBefore="0" lineWrap="BREAK"/>'
        '<hh:autoSpacing eAsianEng="0" eAsianNum="0"/>'
        '<hh:margin><hc:intent value="0" unit="HWPUNIT"/><hc:left value="0" unit="HWPUNIT"/>'
        f'<hc:right value="0" unit="HWPUNIT"/><hc:prev value="{p.before}" unit="HWPUNIT"/>'
        f'<hc:next value="{p.after}" unit="HWPUNIT"/></hh:margin>'
        f'<hh:lineSpacing type="PERCENT" value="{p.line_spacing}" unit="HWPUNIT"/>'
        '<hh:border borderFillIDRef="2" offsetLeft="0" offsetRight="0" offsetTop="0" offsetBottom="0" '
        'connect="0" ignoreMargin="0"/></hh:paraPr>'
        for i, p in enumerate(_PARA_SHAPES)
    )
    styles = "".join(
        f'<hh:style id="{sid}" type="PARA" name="{name}" engName="{eng}" paraPrIDRef="{para}" '
        f'charPrIDRef="{char}" nextStyleIDRef="{sid}" langID="1042" lockForm="0"/>'
        for sid, name, eng, para, char in _STYLES
    )
    return (
        f'{_XML_DECL}<hh:head {_NS} version="1.5" secCnt="1">'
        '<hh:beginNum page="1" footnote="1" endnote="1" pic="1" tbl="1" equation="1"/><hh:refList>'
        f'<hh:fontfaces itemCnt="{len(_LANGS)}">{fontfaces}</hh:fontfaces>'
        f'<hh:borderFills itemCnt="4">{border_fills}</hh:borderFills>'
        f'<hh:charProperties itemCnt="{len(_CHAR_SHAPES)}">{char_prs}</hh:charProperties>'
        '<hh:tabProperties itemCnt="1"><hh:tabPr id="0" autoTabLeft="0" autoTabRight="0"/></hh:tabProperties>'
        f'<hh:paraProperties itemCnt="{len(_PARA_SHAPES)}">{para_prs}</hh:paraProperties>'
        f'<hh:styles itemCnt="{len(_STYLES)}">{styles}</hh:styles>'
        '</hh:refList><hh:compatibleDocument targetProgram="HWP201X"><hh:layoutCompatibility/>'
        '</hh:compatibleDocument><hh:docOption><hh:linkinfo path="" pageInherit="0" footnoteInherit="0"/>'
        '</hh:docOption><hh:trackchageConfig flags="56"/></hh:head>'
    )


def bench_hwpx(*, rows: int = 100, cols: int = 6, runs: int = 20) -> dict[str, float]:
    """p50 seconds to build a rows × cols table document as HWPX, and to json.dumps the same data.

    For the benchmark script (kept out of the tests, which must not time anything).
    """
    import json  # only the benchmark compares against a bare serialisation

    data = [[f"{r}행 {c}열 성동구" for c in range(cols)] for r in range(rows)]

    def build() -> bytes:
        doc = HwpxDocument(title="벤치마크", header_text="성동구")
        doc.heading("표 문서", level=1)
        doc.table(data, header_rows=1)
        return doc.to_bytes()

    def p50(fn) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    hwpx = p50(build)
    bare = p50(lambda: json.dumps(data, ensure_ascii=False))
    return {"hwpx_p50_s": hwpx, "json_p50_s": bare, "ratio": hwpx / bare if bare else float("inf")}

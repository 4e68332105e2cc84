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

import io
import zipfile
from collections.abc import Sequence

from seongdong_gov.hwpx.parts import (
    _CONTAINER_RDF,
    _CONTAINER_XML,
    _MANIFEST_XML,
    _SETTINGS_XML,
    _VERSION_XML,
    _content_hpf,
    _header_xml,
)
from seongdong_gov.hwpx.styles import (
    _BF_CELL,
    _BF_HEAD,
    _CHAR_BODY,
    _CHAR_BODY_BOLD,
    _CHAR_CELL,
    _CHAR_CELL_BOLD,
    _CHAR_HEADING,
    _CHAR_MARGINALIA,
    _CHAR_SMALL,
    _NS,
    _PARA_CELL,
    _PARA_CELL_HEAD,
    _PARA_FOR_STYLE,
    _PARA_HEADER,
    _PARA_HEADING,
    _STYLE_BODY,
    _STYLE_FOR_HEADING,
    _STYLE_HEADER,
    _STYLE_TABLE,
    _XML_DECL,
    BODY_WIDTH,
    MARGINS,
    MIMETYPE,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    _t,
    clean_text,
    mm,
)


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
        # Everything in a cell but its paragraphs and row address is the same down a column: built once
        # per column and kind of row, so a 100-row roster costs string joins, not 1,000 big f-strings.
        fixed = {head: self._cell_parts(head, widths, row_height) for head in (True, False)}
        p_open = {
            head: (
                f'" paraPrIDRef="{_PARA_CELL_HEAD if head else _PARA_CELL}" styleIDRef="{_STYLE_TABLE}" '
                f'pageBreak="0" columnBreak="0" merged="0"><hp:run charPrIDRef="'
                f'{_CHAR_CELL_BOLD if head else _CHAR_CELL}">'
            )
            for head in (True, False)
        }
        parts = []
        plain = self._plain
        for r, row in enumerate(rows):
            head = r < header_rows
            opening, closings = fixed[head]
            p_mid = p_open[head]
            row_addr = f'" rowAddr="{r}"/>'
            cells = []
            for c in range(cols):
                lines = clean_text(row[c] if c < len(row) else "").split("\n")
                paras = []
                for line in lines:
                    self._next_id += 1
                    paras.append(f'<hp:p id="{self._next_id}{p_mid}{_t(line)}</hp:run></hp:p>')
                plain.append(" ".join(lines))
                cells.append(
                    f'{opening}{"".join(paras)}</hp:subList><hp:cellAddr colAddr="{c}{row_addr}{closings[c]}'
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

    @staticmethod
    def _cell_parts(head: bool, widths: list[int], row_height: int) -> tuple[str, list[str]]:
        """A table cell's markup before its paragraphs, and per column what follows its row address."""
        opening = (
            f'<hp:tc name="" header="{int(head)}" hasMargin="0" protect="0" editable="0" dirty="0" '
            f'borderFillIDRef="{_BF_HEAD if head else _BF_CELL}">'
            '<hp:subList id="" textDirection="HORIZONTAL" lineWrap="BREAK" vertAlign="CENTER" '
            'linkListIDRef="0" linkListNextIDRef="0" textWidth="0" textHeight="0" hasTextRef="0" hasNumRef="0">'
        )
        closings = [
            '<hp:cellSpan colSpan="1" rowSpan="1"/>'
            f'<hp:cellSz width="{width}" height="{row_height}"/>'
            '<hp:cellMargin left="510" right="510" top="141" bottom="141"/></hp:tc>'
            for width in widths
        ]
        return opening, closings

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

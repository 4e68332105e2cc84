"""The fixed parts of an HWPX package (version, settings, container, manifest, content.hpf, header.xml)."""

from __future__ import annotations

import functools
from xml.sax.saxutils import escape, quoteattr

from seongdong_gov.hwpx.styles import (
    _BF_CELL,
    _BF_HEAD,
    _CHAR_SHAPES,
    _NS,
    _PARA_SHAPES,
    _STYLES,
    _XML_DECL,
    FONT_FACES,
    SERIF,
)

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

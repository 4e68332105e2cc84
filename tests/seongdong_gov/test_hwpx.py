"""The HWPX writer: package structure as 한글 expects it, and content as independent readers see it.

The readers are other people's code (hwp-hwpx-parser, python-hwpx), so a passing test means the file is
readable by more than our own assumptions.
"""

import io
import warnings
import xml.etree.ElementTree as ET
import zipfile

import pytest
from hwp_hwpx_parser import Reader

from seongdong_gov.hwpx import MIMETYPE, PAGE_HEIGHT, PAGE_WIDTH, HwpxDocument, clean_text, mm

HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
HH = "{http://www.hancom.co.kr/hwpml/2011/head}"
OPF = "{http://www.idpf.org/2007/opf/}"
OCF = "{urn:oasis:names:tc:opendocument:xmlns:container}"

ROWS = [
    ["연번", "성명", "소속", "분야", "위촉기간", "서명"],
    ["1", "김성동", "성수1가1동", "주민자치", "2026. 1. 15. ~ 2028. 1. 14.", ""],
    ["2", "이왕십", "왕십리도선동", "복지 & 돌봄", "2026. 3. 2. ~ 2028. 3. 1.", ""],
    ["3", "<박>금호", "금호2·3가동", '문화 "예술"', "2026. 5. 1. ~ 2028. 4. 30.", ""],
]


def _document() -> HwpxDocument:
    doc = HwpxDocument(
        title="제3차 정기회의 회의록", header_text="성동구 주민자치위원회", footer_page_numbers=True
    )
    doc.heading("제3차 정기회의 회의록", level=1)
    doc.heading("1. 회의 개요", level=2)
    doc.paragraph("일시: 2026. 12. 10.(목) 16:00")
    doc.paragraph("장소: 성동구청 3층 대회의실", style="small")
    doc.paragraph("위원장 인사말씀이 있었다.", bold=True)
    doc.heading("2. 참석 위원", level=3)
    doc.table(ROWS, header_rows=1, col_widths_mm=[12, 25, 30, 25, 55, 20])
    doc.page_break()
    doc.paragraph("붙임: 회의자료 1부.  끝.", style="right")
    doc.paragraph("성동구청장", style="center")
    return doc


@pytest.fixture(scope="module")
def hwpx_bytes() -> bytes:
    return _document().to_bytes()


@pytest.fixture
def hwpx_path(hwpx_bytes, tmp_path):
    path = tmp_path / "minutes.hwpx"
    path.write_bytes(hwpx_bytes)
    return path


def _xml(data: bytes, name: str) -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return ET.fromstring(zf.read(name))


# -- package structure -----------------------------------------------------------------------------


def test_hwpx_mimetype_is_first_stored_entry(hwpx_bytes):
    with zipfile.ZipFile(io.BytesIO(hwpx_bytes)) as zf:
        first = zf.infolist()[0]
        assert (first.filename, first.compress_type, zf.read("mimetype")) == (
            "mimetype",
            zipfile.ZIP_STORED,
            b"application/hwp+zip",
        )
    assert MIMETYPE == "application/hwp+zip"
    # Readers sniff the magic: the mimetype sits right after the first local header, uncompressed.
    assert hwpx_bytes[30:38] == b"mimetype"
    assert hwpx_bytes[38:57] == b"application/hwp+zip"


def test_hwpx_package_has_every_part(hwpx_bytes):
    with zipfile.ZipFile(io.BytesIO(hwpx_bytes)) as zf:
        names = set(zf.namelist())
        assert zf.testzip() is None
    assert names == {
        "mimetype",
        "version.xml",
        "settings.xml",
        "Contents/header.xml",
        "Contents/section0.xml",
        "Contents/content.hpf",
        "Preview/PrvText.txt",
        "META-INF/container.xml",
        "META-INF/manifest.xml",
        "META-INF/container.rdf",
    }


def test_hwpx_every_xml_part_is_well_formed(hwpx_bytes):
    with zipfile.ZipFile(io.BytesIO(hwpx_bytes)) as zf:
        xml_parts = [n for n in zf.namelist() if n.endswith((".xml", ".hpf", ".rdf"))]
        roots = {name: ET.fromstring(zf.read(name)).tag for name in xml_parts}
    assert roots == {
        "version.xml": "{http://www.hancom.co.kr/hwpml/2011/version}HCFVersion",
        "settings.xml": "{http://www.hancom.co.kr/hwpml/2011/app}HWPApplicationSetting",
        "Contents/header.xml": f"{HH}head",
        "Contents/section0.xml": "{http://www.hancom.co.kr/hwpml/2011/section}sec",
        "Contents/content.hpf": f"{OPF}package",
        "META-INF/container.xml": f"{OCF}container",
        "META-INF/manifest.xml": "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}manifest",
        "META-INF/container.rdf": "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF",
    }


def test_hwpx_container_and_content_hpf_point_at_existing_parts(hwpx_bytes):
    with zipfile.ZipFile(io.BytesIO(hwpx_bytes)) as zf:
        names = set(zf.namelist())
    rootfiles = [
        r.get("full-path") for r in _xml(hwpx_bytes, "META-INF/container.xml").iter(f"{OCF}rootfile")
    ]
    assert rootfiles[0] == "Contents/content.hpf"
    assert set(rootfiles) <= names

    hpf = _xml(hwpx_bytes, "Contents/content.hpf")
    items = {i.get("id"): i.get("href") for i in hpf.iter(f"{OPF}item")}
    assert items == {
        "header": "Contents/header.xml",
        "section0": "Contents/section0.xml",
        "settings": "settings.xml",
    }
    assert set(items.values()) <= names
    assert [r.get("idref") for r in hpf.iter(f"{OPF}itemref")] == ["header", "section0"]
    assert hpf.find(f"{OPF}metadata/{OPF}title").text == "제3차 정기회의 회의록"
    assert hpf.find(f"{OPF}metadata/{OPF}language").text == "ko"


def test_hwpx_page_is_a4_with_office_margins_header_and_page_number(hwpx_bytes):
    section = _xml(hwpx_bytes, "Contents/section0.xml")
    page = section.find(f".//{HP}pagePr")
    assert (int(page.get("width")), int(page.get("height"))) == (PAGE_WIDTH, PAGE_HEIGHT) == (59528, 84188)
    assert (round(PAGE_WIDTH / mm(1)), round(PAGE_HEIGHT / mm(1))) == (210, 297)
    margin = page.find(f"{HP}margin")
    assert {k: round(int(v) / mm(1)) for k, v in margin.attrib.items()} == {
        "header": 10,
        "footer": 10,
        "gutter": 0,
        "left": 20,
        "right": 15,
        "top": 20,
        "bottom": 10,
    }
    header = section.find(f".//{HP}header")
    assert "".join(header.itertext()) == "성동구 주민자치위원회"
    footer = section.find(f".//{HP}footer")
    assert footer.find(f".//{HP}autoNum").get("numType") == "PAGE"
    assert "".join(footer.itertext()) == "-  -"


def test_hwpx_without_header_text_or_page_numbers_has_neither():
    doc = HwpxDocument(title="명단", footer_page_numbers=False)
    doc.paragraph("본문")
    section = _xml(doc.to_bytes(), "Contents/section0.xml")
    assert (section.find(f".//{HP}header"), section.find(f".//{HP}footer")) == (None, None)


def test_hwpx_header_declares_serif_and_sans_korean_faces(hwpx_bytes):
    head = _xml(hwpx_bytes, "Contents/header.xml")
    faces = {
        f.get("lang"): [font.get("face") for font in f.iter(f"{HH}font")] for f in head.iter(f"{HH}fontface")
    }
    assert faces["HANGUL"] == ["함초롬바탕", "함초롬돋움"]
    assert len(faces) == 7 and all(v == ["함초롬바탕", "함초롬돋움"] for v in faces.values())


def test_hwpx_every_reference_in_the_section_exists_in_the_header(hwpx_bytes):
    head = _xml(hwpx_bytes, "Contents/header.xml")
    section = _xml(hwpx_bytes, "Contents/section0.xml")
    declared = {
        "charPrIDRef": {e.get("id") for e in head.iter(f"{HH}charPr")},
        "paraPrIDRef": {e.get("id") for e in head.iter(f"{HH}paraPr")},
        "styleIDRef": {e.get("id") for e in head.iter(f"{HH}style")},
        "borderFillIDRef": {e.get("id") for e in head.iter(f"{HH}borderFill")},
    }
    for attr, ids in declared.items():
        used = {e.get(attr) for e in section.iter() if e.get(attr) is not None}
        assert used and used <= ids, attr
    # itemCnt is what 한글 allocates by: it must match the children.
    for lst in head.find(f"{HH}refList"):
        if lst.get("itemCnt") is not None:
            assert int(lst.get("itemCnt")) == len(lst), lst.tag


def test_hwpx_styles_distinguish_headings_body_and_table(hwpx_bytes):
    head = _xml(hwpx_bytes, "Contents/header.xml")
    section = _xml(hwpx_bytes, "Contents/section0.xml")
    chars = {e.get("id"): e for e in head.iter(f"{HH}charPr")}
    face = {"0": "함초롬바탕", "1": "함초롬돋움"}

    def run_shape(text):
        for run in section.iter(f"{HP}run"):
            t = run.find(f"{HP}t")
            if t is not None and t.text == text:
                c = chars[run.get("charPrIDRef")]
                return (
                    face[c.find(f"{HH}fontRef").get("hangul")],
                    int(c.get("height")),
                    c.find(f"{HH}bold") is not None,
                )
        raise AssertionError(text)

    assert run_shape("제3차 정기회의 회의록") == ("함초롬돋움", 1800, True)
    assert run_shape("일시: 2026. 12. 10.(목) 16:00") == ("함초롬바탕", 1100, False)
    assert run_shape("위원장 인사말씀이 있었다.") == ("함초롬바탕", 1100, True)
    assert run_shape("장소: 성동구청 3층 대회의실") == ("함초롬바탕", 900, False)
    assert run_shape("성명") == ("함초롬돋움", 1000, True)
    assert run_shape("김성동") == ("함초롬돋움", 1000, False)


def test_hwpx_table_has_borders_header_row_and_widths(hwpx_bytes):
    section = _xml(hwpx_bytes, "Contents/section0.xml")
    tbl = section.find(f".//{HP}tbl")
    assert (tbl.get("rowCnt"), tbl.get("colCnt"), tbl.get("repeatHeader")) == ("4", "6", "1")
    rows = tbl.findall(f"{HP}tr")
    assert [tc.get("header") for tc in rows[0]] == ["1"] * 6
    assert [tc.get("header") for tc in rows[1]] == ["0"] * 6
    head = _xml(hwpx_bytes, "Contents/header.xml")
    fills = {e.get("id"): e for e in head.iter(f"{HH}borderFill")}
    for tc in [*rows[0], *rows[1]]:
        fill = fills[tc.get("borderFillIDRef")]
        assert {
            fill.find(f"{HH}{side}Border").get("type") for side in ("left", "right", "top", "bottom")
        } == {"SOLID"}
    widths = [int(tc.find(f"{HP}cellSz").get("width")) for tc in rows[1]]
    assert widths[4] > widths[1] > widths[0]
    assert sum(widths) <= PAGE_WIDTH - mm(35)


def test_hwpx_page_break_moves_the_next_paragraph(hwpx_bytes):
    section = _xml(hwpx_bytes, "Contents/section0.xml")
    broken = [p for p in section.findall(f"{HP}p") if p.get("pageBreak") == "1"]
    assert ["".join(p.itertext()) for p in broken] == ["붙임: 회의자료 1부.  끝."]


def test_hwpx_trailing_page_break_leaves_an_empty_page():
    doc = HwpxDocument(title="서명부")
    doc.paragraph("첫 쪽")
    doc.page_break()
    section = _xml(doc.to_bytes(), "Contents/section0.xml")
    assert section.findall(f"{HP}p")[-1].get("pageBreak") == "1"


def test_hwpx_preview_text_holds_the_document_text(hwpx_bytes):
    with zipfile.ZipFile(io.BytesIO(hwpx_bytes)) as zf:
        preview = zf.read("Preview/PrvText.txt").decode()
    assert preview.startswith("제3차 정기회의 회의록\r\n")
    assert "김성동" in preview


# -- text safety -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a<b>&c", "a<b>&c"),
        ("bell\x07 nul\x00 esc\x1b", "bell nul esc"),
        ("tab\there", "tab here"),
        ("one\r\ntwo\rthree", "one\ntwo\nthree"),
        ("\ufffe\uffff", ""),
        (None, ""),
        (12.5, "12.5"),
    ],
)
def test_clean_text_drops_what_xml_cannot_hold(raw, clean):
    assert clean_text(raw) == clean


def test_hwpx_markup_and_control_characters_stay_text(tmp_path):
    doc = HwpxDocument(title='<title> & "quotes"', footer_page_numbers=False)
    doc.paragraph('</hp:t><hp:t>주입 & "따옴표" \x01\x0b')
    doc.paragraph("첫 줄\n둘째 줄")
    doc.table([["=1+1", "<td>"], ["a\nb", "\x00"]], header_rows=0)
    data = doc.to_bytes()
    section = _xml(data, "Contents/section0.xml")
    texts = [t.text for t in section.iter(f"{HP}t") if t.text]
    assert texts == ['</hp:t><hp:t>주입 & "따옴표" ', "첫 줄", "둘째 줄", "=1+1", "<td>", "a", "b"]
    assert _xml(data, "Contents/content.hpf").find(f"{OPF}metadata/{OPF}title").text == '<title> & "quotes"'
    path = tmp_path / "x.hwpx"
    path.write_bytes(data)
    assert [t.rows for t in Reader(str(path)).tables] == [[["=1+1", "<td>"], ["ab", ""]]]


def test_hwpx_unknown_paragraph_style_is_refused():
    with pytest.raises(ValueError):
        HwpxDocument().paragraph("x", style="huge")


# -- independent readers ---------------------------------------------------------------------------


def test_hwp_hwpx_parser_reads_text_and_table_cells(hwpx_path):
    reader = Reader(str(hwpx_path))
    assert reader.is_valid
    assert [table.rows for table in reader.tables] == [ROWS]
    text = reader.text
    for paragraph in (
        "제3차 정기회의 회의록",
        "1. 회의 개요",
        "일시: 2026. 12. 10.(목) 16:00",
        "장소: 성동구청 3층 대회의실",
        "위원장 인사말씀이 있었다.",
        "붙임: 회의자료 1부.  끝.",
        "성동구청장",
    ):
        assert f"\n{paragraph}\n" in f"\n{text}\n", paragraph
    assert text.index("1. 회의 개요") < text.index("김성동") < text.index("성동구청장")


def test_python_hwpx_opens_validates_and_reads_the_table(hwpx_path):
    from hwpx import HwpxDocument as ReferenceDocument  # the library we chose not to write with

    # python-hwpx warns about its own API renames; they are not ours to fix.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = ReferenceDocument.open(str(hwpx_path))
        assert ref.validate().issues == ()
        lines = ref.export_text().split("\n")
    assert lines[:5] == [
        "제3차 정기회의 회의록",
        "1. 회의 개요",
        "일시: 2026. 12. 10.(목) 16:00",
        "장소: 성동구청 3층 대회의실",
        "위원장 인사말씀이 있었다.",
    ]
    assert ["\t".join(row) for row in ROWS][1:] == [
        line for line in lines if line.startswith(("1\t", "2\t", "3\t"))
    ]

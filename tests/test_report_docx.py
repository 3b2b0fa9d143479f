"""The built Word report: its figures, its order, and its accessibility, read back from XML."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.profiles import EXAMPLE
from xl_addin.io.xlsx_reader import read_workbook
from xl_addin.palette import RAG_FILLS, contrast_with_black
from xl_addin.report import build_report
from xl_addin.report.statutory import STATUTORY_HEADING
from xl_addin.validate import Result, validate

from .conftest import cell_of
from .report_helpers import NS, W, all_text, open_docx, part, rows, tables_by_caption

# Element order the schema requires in the property elements the report writes
# (ECMA-376 Part 1, CT_PPr, CT_TblPr, CT_TcPr); Word refuses a file that breaks it.
ORDER = {
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "numPr", "pBdr", "tabs",
            "spacing", "ind", "jc", "rPr"],
    "tblPr": ["tblStyle", "tblW", "jc", "tblBorders", "tblLayout", "tblCellMar", "tblLook",
              "tblCaption", "tblDescription"],
    "tcPr": ["tcW", "gridSpan", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "vAlign"],
}


@pytest.fixture(scope="module")
def built(example_report: tuple[Path, list[tuple[int, int]]]) -> Path:
    out, steps = example_report
    assert steps[-1][0] == steps[-1][1] and [d for d, _ in steps] == sorted(d for d, _ in steps)
    return out


@pytest.fixture(scope="module")
def document_xml(built: Path):
    return part(built, "word/document.xml")


def _local(tag: str) -> str:
    return tag.split("}", 1)[1]


def test_the_32_headings_appear_in_the_seeds_order(built: Path) -> None:
    document = open_docx(built)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{n}. {s.heading('Cumbria')}"
                        for n, s in enumerate(EXAMPLE.sections, start=1)] + [STATUTORY_HEADING]


def test_heading_levels_never_skip(document_xml) -> None:
    levels = [int(s[-1]) for s in document_xml.xpath(
        "//w:body/w:p/w:pPr/w:pStyle/@w:val", namespaces=NS) if s.startswith("Heading")]
    assert levels[0] == 1 and len(levels) > 100
    for before, now in zip(levels, levels[1:], strict=False):
        assert now <= before + 1, f"heading level {now} after {before}"


def test_every_picture_has_alt_text(document_xml) -> None:
    pictures = document_xml.xpath("//wp:docPr", namespaces=NS)
    assert len(pictures) == 9  # the logo and eight charts
    for picture in pictures:
        assert picture.get("descr", "").strip(), picture.get("name")
    logo = pictures[0].get("descr")
    assert logo == "Cumbria Local Safeguarding Children Board logo"
    alt = [p.get("descr") for p in pictures]
    assert any(a.startswith("Line chart: Children on a child protection plan at 31 March, "
                            "2012-13 345,") for a in alt)


def test_every_table_repeats_its_header_row(document_xml) -> None:
    tables = document_xml.xpath("//w:tbl", namespaces=NS)
    assert len(tables) > 40
    for table in tables:
        first = table.xpath("./w:tr[1]", namespaces=NS)[0]
        assert first.xpath("./w:trPr/w:tblHeader", namespaces=NS), "header row not marked"
        assert _local(first[0].tag) == "trPr", "w:trPr must come first in w:tr"
        assert not table.xpath("./w:tr[position()>1]/w:trPr/w:tblHeader", namespaces=NS)
        assert table.xpath("./w:tblPr/w:tblCaption/@w:val", namespaces=NS)


@pytest.mark.parametrize("element", sorted(ORDER))
def test_property_children_follow_the_schema_order(document_xml, element: str) -> None:
    order = ORDER[element]
    for props in document_xml.iter(f"{{{W}}}{element}"):
        names = [_local(child.tag) for child in props]
        assert all(n in order for n in names), names
        assert names == sorted(names, key=order.index), names


def test_shaded_cells_hold_their_letter_and_contrast_with_black_text(document_xml) -> None:
    shaded = document_xml.xpath("//w:tc[w:tcPr/w:shd/@w:fill]", namespaces=NS)
    assert len(shaded) > 80  # indicators and business plan
    for cell in shaded:
        fill = cell.xpath("./w:tcPr/w:shd/@w:fill", namespaces=NS)[0]
        text = "".join(cell.xpath(".//w:t/text()", namespaces=NS))
        assert fill == RAG_FILLS[text], (text, fill)


@pytest.mark.parametrize("letter", sorted(RAG_FILLS))
def test_status_fills_pass_wcag_aa_with_black_text(letter: str) -> None:
    assert contrast_with_black(RAG_FILLS[letter]) >= 4.5


def test_contrast_ratio_is_computed_as_wcag_defines_it() -> None:
    assert contrast_with_black("FFFFFF") == pytest.approx(21.0)
    assert contrast_with_black("000000") == pytest.approx(1.0)
    assert contrast_with_black("777777") == pytest.approx(4.69, abs=0.01)


def test_title_and_language_are_set(built: Path) -> None:
    core = part(built, "docProps/core.xml")
    assert core.xpath("string(dc:title)", namespaces=NS) == (
        "Cumbria Local Safeguarding Children Board Annual Report 2016-17")
    assert core.xpath("string(dc:language)", namespaces=NS) == "en-GB"
    styles = part(built, "word/styles.xml")
    assert styles.xpath("string(//w:docDefaults//w:lang/@w:val)", namespaces=NS) == "en-GB"


def test_tables_hold_the_workbooks_figures(built: Path) -> None:
    tables = tables_by_caption(open_docx(built))
    contributions = rows(tables["Contributions from partner agencies"])
    assert contributions[0] == ["Partner", "2016-17"]
    assert ["CCG", "£61,079"] in contributions and contributions[-1] == ["Total", "£212,588"]
    indicators = {r[0]: r for r in rows(tables["Performance indicators at 31 March 2017"])}
    assert indicators["CS2.3"][2:5] == ["56.6", "R", "Declining"]
    lado = rows(tables["Referrals to the LADO by agency, 2016-17"])
    assert lado[-1] == ["Total", "296"]
    glossary = rows(tables["Acronyms used in this report"])
    assert ["LADO", "Local Authority Designated Officer"] in glossary


def test_contents_list_every_section_and_link_to_it(document_xml) -> None:
    anchors = document_xml.xpath("//w:hyperlink/@w:anchor", namespaces=NS)
    bookmarks = set(document_xml.xpath("//w:bookmarkStart/@w:name", namespaces=NS))
    assert len(anchors) >= 32 and set(anchors) <= bookmarks
    instructions = " ".join(document_xml.xpath("//w:instrText/text()", namespaces=NS))
    assert 'TOC \\o "1-2"' in instructions and "PAGEREF _TocLSCB0001" in instructions


def test_a_changed_figure_changes_everywhere_it_is_used(tmp_path: Path, example_path: Path,
                                                       example_raw) -> None:
    copy = tmp_path / "changed.xlsx"
    shutil.copyfile(example_path, copy)
    book = load_workbook(copy)
    for table, column, key, value in (
            ("tblCseFigures", "value", "chelseas_choice_children", 7012),
            ("tblElearningYears", "passed", "2016-17", 9001)):
        sheet, cell = cell_of(example_raw, table, column, key)
        book[sheet][cell].value = value
    book.save(copy)
    result = validate(read_workbook(copy))
    out = build_report(result, tmp_path / "changed.docx")
    text = all_text(open_docx(out))
    assert "6,835" not in text and "8,839" not in text
    assert "in 2016 it reached 7,012 children" in text  # a {ref} in the CSE sub-group's text
    tables = tables_by_caption(open_docx(out))
    page = {r[0]: r[1] for r in rows(tables["The year in figures"])}
    assert page["Children who saw Chelsea's Choice"] == "7,012"
    assert page["E-learning courses passed"] == "9,001"
    years = rows(tables["E-learning courses allocated and passed, by membership year"])
    assert years[-1][2] == "9,001"


def test_the_same_data_builds_the_same_bytes(tmp_path: Path, built: Path,
                                             example_result: Result) -> None:
    again = build_report(example_result, tmp_path / "again.docx")
    assert again.read_bytes() == built.read_bytes()

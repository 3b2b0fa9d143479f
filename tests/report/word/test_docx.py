"""The built Word report: its figures, its order, and its accessibility, read back from XML."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from lxml import etree
from openpyxl import load_workbook

from tests.support.profiles import EXAMPLE, cell_of
from tests.support.report_helpers import (
    NS,
    W,
    all_text,
    open_docx,
    part,
    rows,
    signed_off,
    tables_by_caption,
)
from xl_addin.core.palette import RAG_FILLS, contrast_with_black
from xl_addin.jobs.checked import Result, check
from xl_addin.jobs.document import build
from xl_addin.readers.xlsx import read_workbook
from xl_addin.report import default_template
from xl_addin.report.content.house import tidy
from xl_addin.report.content.statutory import STATUTORY_HEADING
from xl_addin.report.word.docxml import KEEP_TOGETHER_ROWS
from xl_addin.report.word.render import template_layout

PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"

# Element order the schema requires in the property elements the report writes
# (ECMA-376 Part 1, CT_PPr, CT_TblPr, CT_TcPr); Word refuses a file that breaks it.
ORDER = {
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "numPr", "pBdr", "tabs",
            "spacing", "ind", "jc", "rPr", "sectPr"],
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


def test_the_headings_appear_in_the_templates_order(built: Path) -> None:
    document = open_docx(built)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    tags = template_layout(default_template(EXAMPLE), EXAMPLE).tags
    order = [EXAMPLE.section(t[len("section_"):]) for t in tags if t.startswith("section_")]
    assert headings == [tidy(f"{n}. {s.heading('Cumbria')}") for n, s in enumerate(order, 1)] \
        + ["Appendix A: Business Plan Update in full", f"Appendix B: {STATUTORY_HEADING}"]
    assert headings[1] == "2. LSCB Annual Report on a Page"  # right after the foreword


def test_heading_levels_never_skip(document_xml) -> None:
    levels = [int(s[-1]) for s in document_xml.xpath(
        "//w:body/w:p/w:pPr/w:pStyle/@w:val", namespaces=NS) if s.startswith("Heading")]
    assert levels[0] == 1 and len(levels) > 100
    for before, now in zip(levels, levels[1:], strict=False):
        assert now <= before + 1, f"heading level {now} after {before}"


def test_every_chart_is_a_native_word_chart_with_alt_text(built: Path, document_xml) -> None:
    drawings = document_xml.xpath("//wp:docPr", namespaces=NS)
    assert len(drawings) == 3  # three charts; the example names no logo, so no picture
    for drawing in drawings:
        assert drawing.get("descr", "").strip() and drawing.get("title", "").strip()
    alt = [p.get("descr") for p in drawings]
    assert any(a.startswith("Line chart: Children reported as privately fostered at 31 March, "
                            "Cumbria, 2008-09 8,") for a in alt)
    charts = document_xml.xpath("//c:chart/@r:id", namespaces=NS)
    assert len(charts) == 3
    assert not document_xml.xpath("//pic:pic", namespaces={"pic": PIC})  # no pictures


def test_each_chart_embeds_its_figures_for_edit_data(built: Path) -> None:
    with zipfile.ZipFile(built) as package:
        names = package.namelist()
        types = package.read("[Content_Types].xml").decode()
        charts = sorted(n for n in names if n.startswith("word/charts/chart"))
        assert len(charts) == 3
        assert types.count("drawingml.chart+xml") == 3
        for name in charts:
            chart = etree.fromstring(package.read(name))
            rels = etree.fromstring(package.read(name.replace("charts/", "charts/_rels/")
                                                 + ".rels"))
            r_id = chart.xpath("string(//c:externalData/@r:id)", namespaces=NS)
            target = rels.xpath(f"string(//*[@Id='{r_id}']/@Target)")
            assert target.startswith("../embeddings/") and target.endswith(".xlsx")
            book = load_workbook(io.BytesIO(package.read("word/" + target[3:])))
            cached = chart.xpath("//c:val//c:v/text()", namespaces=NS)
            typed = [str(c.value) for row in book.active.iter_rows(min_row=2, min_col=2)
                     for c in row if c.value is not None]
            assert cached and sorted(float(v) for v in cached) == pytest.approx(
                sorted(float(v) for v in typed))
            # the template's theme: its minor font and its first accent colour
            assert chart.xpath("//a:latin/@typeface", namespaces=NS)[0] == "Arial"
            colours = chart.xpath("//c:ser[1]//a:srgbClr/@val", namespaces=NS)
            assert "1F4E79" in colours


def _data_tables(document_xml) -> list:  # noqa: ANN001 - lxml elements
    """The tables of figures (the LSCB Table style), not the tiles of the year at a glance."""
    return document_xml.xpath("//w:tbl[w:tblPr/w:tblCaption and w:tblPr/w:tblStyle]",
                              namespaces=NS)


def test_every_table_repeats_its_header_row(document_xml) -> None:
    tables = _data_tables(document_xml)
    assert len(tables) > 40
    for table in tables:
        first = table.xpath("./w:tr[1]", namespaces=NS)[0]
        assert first.xpath("./w:trPr/w:tblHeader", namespaces=NS), "header row not marked"
        assert _local(first[0].tag) == "trPr", "w:trPr must come first in w:tr"
        assert not table.xpath("./w:tr[position()>1]/w:trPr/w:tblHeader", namespaces=NS)
    # every other table only sets things side by side: no header row, a description
    for table in document_xml.xpath("//w:tbl[not(w:tblPr/w:tblCaption)]", namespaces=NS):
        assert not table.xpath("./w:tr/w:trPr/w:tblHeader", namespaces=NS)
        assert table.xpath("./w:tblPr/w:tblDescription/@w:val", namespaces=NS)


def test_a_short_table_never_splits_and_a_long_one_keeps_its_ends(document_xml) -> None:
    def keeps(row) -> bool:  # noqa: ANN001
        return bool(row.xpath(".//w:pPr/w:keepNext", namespaces=NS))

    whole = ends = tall = 0
    for table in _data_tables(document_xml):
        rows = table.xpath("./w:tr", namespaces=NS)
        after = table.getnext()
        followed = after is not None and after.xpath(
            "string(w:pPr/w:pStyle/@w:val)", namespaces=NS) == "TableNote"
        if all(keeps(r) for r in rows[:-1]):
            whole += 1
            assert len(rows) - 1 < KEEP_TOGETHER_ROWS
        else:  # header and first two rows, and the last three, kept together
            ends += 1
            tall += len(rows) - 1 < KEEP_TOGETHER_ROWS  # few rows, but too tall to keep whole
            assert all(keeps(r) for r in rows[:3]) and all(keeps(r) for r in rows[-3:-1])
        assert keeps(rows[-1]) == followed  # the last row keeps with the notes under it
    assert whole > 20 and ends > 5 and tall >= 2  # some business plan themes are tall


def test_the_body_has_no_empty_paragraphs(built: Path) -> None:
    """Space comes from the styles; the only paragraphs without words end a section of the
    page (text set in columns) or part two rows of tiles (Word joins tables that touch)."""
    empty = [p for p in open_docx(built).paragraphs
             if not p.text.strip() and not p._p.xpath(".//w:drawing")]
    assert all(p._p.xpath("./w:pPr/w:sectPr") or (
        p._p.getprevious().tag == p._p.getnext().tag == f"{{{W}}}tbl") for p in empty)
    assert len(empty) <= 4


@pytest.mark.parametrize("element", sorted(ORDER))
def test_property_children_follow_the_schema_order(document_xml, element: str) -> None:
    order = ORDER[element]
    for props in document_xml.iter(f"{{{W}}}{element}"):
        names = [_local(child.tag) for child in props]
        assert all(n in order for n in names), names
        assert names == sorted(names, key=order.index), names


def test_shaded_cells_hold_their_letter_and_contrast_with_black_text(document_xml) -> None:
    shaded = [c for t in _data_tables(document_xml)
              for c in t.xpath("./w:tr/w:tc[w:tcPr/w:shd/@w:fill]", namespaces=NS)]
    assert len(shaded) > 80  # indicators and business plan
    for cell in shaded:
        fill = cell.xpath("./w:tcPr/w:shd/@w:fill", namespaces=NS)[0]
        text = "".join(cell.xpath(".//w:t/text()", namespaces=NS))
        assert fill == RAG_FILLS[text], (text, fill)
        # the letter is centred and bold (the Table Status style), not left in small type
        assert cell.xpath("string(.//w:pStyle/@w:val)", namespaces=NS) == "TableStatus"


def test_status_letters_are_centred_and_bold_and_no_update_due_is_written(built: Path) -> None:
    style = open_docx(built).styles["Table Status"]
    assert style.font.bold and style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    plan = rows(tables_by_caption(open_docx(built))["1. Leadership and Governance"])
    assert plan[0][-1] == "Status" and plan[1][0] == "1.1" and plan[1][-1] == "No update due"
    assert all(r[-1] for r in plan)


def test_tiles_of_the_year_at_a_glance_carry_their_words(document_xml) -> None:
    grids = document_xml.xpath("//w:tbl[starts-with(w:tblPr/w:tblCaption/@w:val, "
                               "'Headline figures')]", namespaces=NS)
    assert len(grids) == 3  # a table for each row of tiles, its labels the header row
    labels = [c for g in grids for c in g.xpath("./w:tr[1]/w:tc", namespaces=NS)]
    figures = [c for g in grids for c in g.xpath("./w:tr[2]/w:tc", namespaces=NS)]
    assert len(labels) == len(figures) == 10
    assert all(g.xpath("./w:tr[1]/w:trPr/w:tblHeader", namespaces=NS) for g in grids)
    for cell in labels + figures:
        fill = cell.xpath("string(./w:tcPr/w:shd/@w:fill)", namespaces=NS)
        assert contrast_with_black(fill) >= 4.5


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
    assert 'TOC \\o "1-1"' in instructions and "PAGEREF _TocLSCB0001" in instructions
    # section headings only, so the contents fit on one page
    entries = document_xml.xpath("//w:p[w:pPr/w:pStyle/@w:val='TOC1']", namespaces=NS)
    assert len(entries) == len(anchors) == 35  # 33 sections and two appendices
    assert not document_xml.xpath("//w:p[w:pPr/w:pStyle/@w:val='TOC2']", namespaces=NS)


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
    result = signed_off(check(read_workbook(copy)))  # the new figures disagree with others
    out = build(result, tmp_path / "changed.docx")
    text = all_text(open_docx(out))
    assert "6,835" not in text and "8,839" not in text
    assert "in 2016 it reached 7,012 children" in text  # a {ref} in the CSE sub-group's text
    tables = tables_by_caption(open_docx(out))
    tiles = {label: figure.split("\n")[0] for caption, grid in tables.items()
             if caption.startswith("Headline figures")
             for label, figure in zip(*rows(grid), strict=True)}
    assert tiles["Children who saw Chelsea's Choice"] == "7,012"  # its tile on the glance
    assert tiles["E-learning courses passed"] == "9,001"
    years = rows(tables["E-learning courses allocated and passed, by membership year"])
    assert years[-1][2] == "9,001"


def test_the_same_data_builds_the_same_bytes(tmp_path: Path, built: Path,
                                             example_result: Result) -> None:
    again = build(example_result, tmp_path / "again.docx")
    assert again.read_bytes() == built.read_bytes()

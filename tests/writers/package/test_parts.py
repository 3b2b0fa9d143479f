"""The package writer's pieces, on a small workbook built in memory.

Cell values as Excel stores them, a shared formula that loses its first cell, the style
sheet only ever appended to, a new tab that keeps every position-based reference pointing
at the same tab, and which formulas count as reading a changed cell.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from lxml import etree

from xl_addin.core.raw import cell_position
from xl_addin.writers.package.book import WHOLE_TAB, XlsxBook
from xl_addin.writers.package.ooxml import MAIN, qn
from xl_addin.writers.package.recalc import _reads, formulas_read_changes
from xl_addin.writers.plan import Tab

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"
SHEET = (f'<worksheet xmlns="{MAIN}"><sheetData>'
         '<row r="1"><c r="A1" s="1"><v>5</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">'
         'A1*2</f><v>10</v></c></row>'
         '<row r="2"><c r="A2"><v>6</v></c><c r="B2"><f t="shared" si="0"/><v>12</v></c></row>'
         '<row r="3"><c r="A3"><v>7</v></c><c r="B3"><f t="shared" si="0"/><v>14</v></c></row>'
         '</sheetData></worksheet>')


def _package(workbook_pr: str = "", *, chain: bool = False) -> bytes:
    files = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
        '-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{SPREADSHEET}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SPREADSHEET}.worksheet'
        f'+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="{SPREADSHEET}.'
        f'worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="{SPREADSHEET}.'
        'styles+xml"/></Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{R}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{R}">{workbook_pr}<bookViews>'
        '<workbookView activeTab="1"/></bookViews><sheets><sheet name="Intro" sheetId="1" '
        'r:id="rId1"/><sheet name="Data" sheetId="2" r:id="rId2"/></sheets><definedNames>'
        '<definedName name="_xlnm.Print_Area" localSheetId="1">Data!$A$1:$B$3</definedName>'
        '</definedNames></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.'
        f'org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/worksheet" '
        f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{R}/worksheet" '
        f'Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="{R}/styles" '
        'Target="styles.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>',
        "xl/styles.xml": f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font/></fonts><fills '
        'count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1">'
        '<border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
        'borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" '
        'fillId="0" borderId="0" xfId="0"/><xf numFmtId="3" fontId="0" fillId="0" '
        'borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" '
        'xfId="0" builtinId="0"/></cellStyles></styleSheet>',
        "xl/worksheets/sheet2.xml": SHEET,
    }
    if chain:  # Excel's list of formula cells
        files["xl/calcChain.xml"] = (f'<calcChain xmlns="{MAIN}"><c r="B1" i="2"/><c r="B2"/>'
                                     '<c r="B3"/></calcChain>')
        files["xl/_rels/workbook.xml.rels"] = files["xl/_rels/workbook.xml.rels"].replace(
            "</Relationships>", f'<Relationship Id="rId9" Type="{R}/calcChain" '
            'Target="calcChain.xml"/></Relationships>')
        files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
            "</Types>", '<Override PartName="/xl/calcChain.xml" '
            f'ContentType="{SPREADSHEET}.calcChain+xml"/></Types>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


def _cell(book: XlsxBook, reference: str) -> etree._Element:
    sheet = book.sheet("Data")
    return next(c for c in sheet.root.iter(qn("c")) if c.get("r") == reference)


@pytest.mark.parametrize("value,stored", [
    (3, ("n", "3")), (2.5, ("n", "2.5")), (4.0, ("n", "4")), (True, ("b", "1")),
    (dt.date(2017, 3, 31), ("n", "42825.0")), (float("nan"), ("n", None)), (None, ("n", None)),
])
def test_values_are_stored_as_excel_stores_them(value, stored) -> None:
    book = XlsxBook(_package(), "t.xlsx")
    book.sheet("Data").put("A1", value)
    cell = _cell(book, "A1")
    text = cell.findtext(qn("v"))
    assert (cell.get("t", "n"), text) == stored
    assert cell.get("s") == "1"  # its format is kept


def test_dates_follow_the_1904_calendar_when_the_workbook_does() -> None:
    book = XlsxBook(_package('<workbookPr date1904="1"/>'), "t.xlsx")
    book.sheet("Data").put("A1", dt.date(2017, 3, 31))
    assert _cell(book, "A1").findtext(qn("v")) == "41363.0"


@pytest.mark.parametrize("text,stored", [
    ('=HYPERLINK("x")', '=HYPERLINK("x")'), ("+1", "+1"), ("\tTab", "\tTab"),
    (" padded ", " padded "),
    ("a\x01b", "a_x0001_b"),  # XML cannot hold it: Excel's escape, which Excel reads back
    ("_x0041_ as typed", "_x005F_x0041_ as typed"),  # so Excel does not read it as "A"
])
def test_text_is_an_inline_string(text: str, stored: str, tmp_path) -> None:
    from openpyxl import load_workbook

    book = XlsxBook(_package(), "t.xlsx")
    book.sheet("Data").put("C1", text)
    cell = _cell(book, "C1")
    assert cell.get("t") == "inlineStr" and cell.find(qn("f")) is None
    assert cell.findtext(f"{qn('is')}/{qn('t')}") == stored
    path = tmp_path / "t.xlsx"
    path.write_bytes(book.to_bytes())
    assert load_workbook(path)["Data"]["C1"].value == stored  # openpyxl does not unescape


def test_a_shared_formula_survives_losing_its_first_cell() -> None:
    book = XlsxBook(_package(), "t.xlsx")
    book.sheet("Data").put("B1", "tool's value")
    heir = _cell(book, "B2").find(qn("f"))
    assert (heir.text, heir.get("ref"), heir.get("si")) == ("A2*2", "B2:B3", "0")
    assert _cell(book, "B3").find(qn("f")).text is None  # still shares B2's formula
    assert _cell(book, "B1").find(qn("f")) is None


@pytest.mark.parametrize("overwritten,chain_kept", [("B1", False), ("A1", True)])
def test_the_calculation_chain_goes_when_a_formula_is_overwritten(overwritten: str,
                                                                  chain_kept: bool) -> None:
    """Excel reports a chain naming a cell without a formula as damage, and rebuilds it."""
    book = XlsxBook(_package(chain=True), "t.xlsx")
    book.sheet("Data").put(overwritten, 1)
    with zipfile.ZipFile(io.BytesIO(book.to_bytes())) as archive:
        names = archive.namelist()
        kept = [archive.read(n) for n in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml")]
    assert ("xl/calcChain.xml" in names) is chain_kept
    assert all((b"calcChain" in part) is chain_kept for part in kept)


def test_a_missing_cell_is_created_in_order() -> None:
    book = XlsxBook(_package(), "t.xlsx")
    sheet = book.sheet("Data")
    sheet.put("A5", 1)
    sheet.put("A4", 2)
    sheet.put("C2", 3)
    rows = [r.get("r") for r in sheet.root.iter(qn("row"))]
    cells = [c.get("r") for c in sheet.root.iter(qn("c"))]
    assert rows == ["1", "2", "3", "4", "5"]
    assert cells == ["A1", "B1", "A2", "B2", "C2", "A3", "B3", "A4", "A5"]


def test_styles_are_appended_once_and_reused() -> None:
    book = XlsxBook(_package(), "t.xlsx")
    records = len(book.styles.root.find(qn("cellXfs")))
    first = book.styles.derive(0, number_format="0.0#%", fill="92D050")
    again = book.styles.derive(0, number_format="0.0#%", fill="92D050")
    assert first == again == records  # one record added, at the end
    assert book.styles.derive(first) == first
    assert book.styles.number_format(first) == "0.0#%"
    assert book.styles.dxf_fill("FFC7CE") == book.styles.dxf_fill("FFC7CE")


def test_a_new_tab_keeps_position_based_references_on_their_tabs() -> None:
    book = XlsxBook(_package(), "t.xlsx")
    book.write_tab(Tab("Validation", ("Intro",), ()))
    assert book.sheet_names == ["Intro", "Validation", "Data"]
    view = book.root.find(f"{qn('bookViews')}/{qn('workbookView')}")
    name = book.root.find(f"{qn('definedNames')}/{qn('definedName')}")
    assert view.get("activeTab") == "2" and name.get("localSheetId") == "2"  # still Data
    assert book.changed["Validation"] is WHOLE_TAB


@pytest.mark.parametrize("formula,reads", [
    ("SUM(B1:B3)", True), ("A9", False), ("Data!B2", True), ("'Data'!$B$2*2", True),
    ("Intro!B2", False), ("B:B", True), ("4:9", False), ("INDIRECT(\"Z1\")", True),
    ("tblData[Value]", True), ("PrintRange", True), ("[1]Data!B2", False),
    ("Data:Intro!B2", True), ("COUNTIF(A1:A3,\"G\")", False),
])
def test_which_formulas_read_a_changed_cell(formula: str, reads: bool) -> None:
    """B2 on Data changed. Unplaceable references count as reading it, to be safe."""
    names = {"printrange": "Data!$A$1:$C$3"}
    assert _reads(formula, "Data", {"data": {(2, 2)}}, names, 0) is reads


def test_a_formula_reading_a_written_cell_marks_the_book() -> None:
    book = XlsxBook(_package(), "t.xlsx")
    book.sheet("Data").put("A3", 70)  # B3 = A3*2 through the shared formula
    assert formulas_read_changes(book)
    quiet = XlsxBook(_package(), "t.xlsx")
    quiet.sheet("Data").put("C9", 1)
    assert not formulas_read_changes(quiet)
    assert cell_position("C9") == (9, 3)


@pytest.mark.parametrize(("part", "held"), [
    (b'<f>ISTEXT("lscb-report")</f>', True),
    (b'<f>ISTEXT("&#108;scb&#x2D;report")</f>', True),  # spelt with character references
    (b'<t>line&#10;break</t>', False),
    ('<f>ISTEXT("lscb-report")</f>'.encode("utf-16"), True),  # another encoding: parse it
    (b"<c><v>1</v></c>", False),
    (b"&#99999999;&#xD800;", False),
])
def test_a_tab_is_parsed_for_last_runs_highlights_only_when_it_may_hold_them(
        part: bytes, held: bool) -> None:
    from xl_addin.writers.package.book import _may_hold

    assert _may_hold(part, b"lscb-report") is held

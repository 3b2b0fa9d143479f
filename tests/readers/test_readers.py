"""The .xlsx reader: only the named tables are read, and their size is bounded."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries

from xl_addin.core.errors import UnreadableWorkbook
from xl_addin.core.raw import RawWorkbook
from xl_addin.jobs.checked import check
from xl_addin.readers.xlsx import read_workbook
from xl_addin.validate.structure import MAX_TABLE_ROWS


@pytest.fixture
def copy_path(tmp_path: Path, example_path: Path) -> Path:
    path = tmp_path / "board.xlsx"
    shutil.copyfile(example_path, path)
    return path


def _resize(path: Path, table: str, ref: str) -> None:
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if table in ws.tables:
            ws.tables[table].ref = ref
    wb.save(path)


def test_a_table_stretched_far_down_is_reported_not_read(copy_path: Path) -> None:
    _resize(copy_path, "tblGlossary", f"A7:B{7 + MAX_TABLE_ROWS + 50}")
    result = check(read_workbook(copy_path))
    found = [f for f in result.errors if f.rule == "table.too-large"]
    assert found and "'Acronyms'" in found[0].message and found[0].table == "tblGlossary"


def test_a_table_far_too_wide_is_refused(copy_path: Path) -> None:
    _resize(copy_path, "tblGlossary", "A7:ZZ9")
    with pytest.raises(UnreadableWorkbook, match="columns wide"):
        read_workbook(copy_path)


def test_a_stray_cell_at_the_end_of_a_sheet_costs_nothing(copy_path: Path) -> None:
    wb = load_workbook(copy_path)
    wb["Glossary"]["XFD1048576"] = "stray"
    wb.save(copy_path)
    raw = read_workbook(copy_path)
    assert len(raw.tables["tblGlossary"].rows) < 100
    assert check(raw).ok


def test_cells_outside_tables_are_ignored(copy_path: Path) -> None:
    wb = load_workbook(copy_path)
    wb["Budget"]["Z3"] = "#REF!"
    wb["Budget"]["A3"] = "A note a chair typed in the banner"
    wb.save(copy_path)
    assert check(read_workbook(copy_path)).ok


def test_reader_gives_raw_cells_with_addresses(example_raw) -> None:
    table = example_raw.tables["tblContributions"]
    assert table.sheet == "Budget"
    assert [h.value for h in table.headers] == ["Partner", "Amount"]
    first = table.rows[0]
    assert first[0].address[0] == "A" and first[1].address[0] == "B"
    assert isinstance(first[1].value, int | float)


def _outside_edits(path: Path) -> dict[str, tuple[str, ...]]:
    """Type a row under one table, a note beside another and a value between two tables;
    return the cells typed, by table."""
    wb = load_workbook(path)
    wb["LADO"]["A52"], wb["LADO"]["B52"] = "Probation", 7  # under tblLadoReferrers (A33:B51)
    wb["Training"]["D9"] = "check with Jane"  # beside tblTraining (A7:C28)
    glossary = wb["Glossary"]
    under = f"A{range_boundaries(glossary.tables['tblGlossary'].ref)[3] + 1}"
    glossary[under] = "ZZZ"  # under the last table of a tab
    wb.save(path)
    return {"tblLadoReferrers": ("A52", "B52"), "tblTraining": ("D9",),
            "tblGlossary": (under,)}


def test_cells_just_outside_a_table_are_read(copy_path: Path) -> None:
    typed = _outside_edits(copy_path)
    raw = read_workbook(copy_path)
    assert tuple(c.address for c in raw.tables["tblLadoReferrers"].below) == typed[
        "tblLadoReferrers"]
    assert [c.value for c in raw.tables["tblLadoReferrers"].below] == ["Probation", 7]
    assert tuple(c.address for c in raw.tables["tblTraining"].right) == typed["tblTraining"]
    assert tuple(c.address for c in raw.tables["tblGlossary"].below) == typed["tblGlossary"]
    untouched = [t for name, t in raw.tables.items() if name not in typed]
    assert not any(t.below or t.right for t in untouched)


def test_the_row_below_stops_at_the_next_table(copy_path: Path) -> None:
    """A table directly under another: its header row is not 'the row below' the first."""
    wb = load_workbook(copy_path)
    ws = wb["Budget"]
    first, second = ws.tables["tblContributions"], ws.tables["tblSpend"]
    _, _, _, bottom = range_boundaries(first.ref)
    left, top, right, last = range_boundaries(second.ref)
    second.ref = f"{get_column_letter(left)}{bottom + 1}:{get_column_letter(right)}{last}"
    ws.cell(bottom + 1, left).value = "Item"  # the second table's header, right under the first
    wb.save(copy_path)
    raw = read_workbook(copy_path)
    assert raw.tables["tblContributions"].below == []
    assert raw.tables["tblSpend"].headers[0].value == "Item"


def test_both_readers_read_the_same_cells_outside_tables(copy_path: Path) -> None:
    import xlwings as xw

    from tests.support.payloads import book_payload
    from xl_addin.addin.actions import SHEETS_SKIPPED
    from xl_addin.live.read import read_book

    _outside_edits(copy_path)
    file = read_workbook(copy_path)
    book = xw.Book(json=book_payload(copy_path, exclude=SHEETS_SKIPPED))
    try:
        live = read_book(book)
    finally:
        book.close()
    for name, table in file.tables.items():
        assert (live.tables[name].below, live.tables[name].right) == (table.below,
                                                                     table.right), name
    assert check(live).findings == check(file).findings


# --- the streaming reader reads what openpyxl reads ------------------------------------------


def _difference(ours: RawWorkbook, theirs: RawWorkbook) -> list[str]:
    """Every place the two readings differ: values (and their Python types), addresses,
    errors, number formats, titles, merged ranges, the cells just outside each table."""
    out = []
    if (ours.sheets, ours.names, set(ours.tables)) != (theirs.sheets, theirs.names,
                                                       set(theirs.tables)):
        out.append("tabs, names or tables differ")
    for name in set(ours.tables) & set(theirs.tables):
        a, b = ours.tables[name], theirs.tables[name]
        for attr in ("sheet", "ref", "merged", "title", "rows_declared"):
            if getattr(a, attr) != getattr(b, attr):
                out.append(f"{name}.{attr}: {getattr(a, attr)!r} != {getattr(b, attr)!r}")
        mine = [a.headers, *a.rows, a.below, a.right]
        other = [b.headers, *b.rows, b.below, b.right]
        if [len(r) for r in mine] != [len(r) for r in other]:
            out.append(f"{name}: shape differs")
        for x, y in zip((c for r in mine for c in r), (c for r in other for c in r),
                        strict=False):
            seen = (x.value, type(x.value), x.address, x.is_error, x.number_format)
            if seen != (y.value, type(y.value), y.address, y.is_error, y.number_format):
                out.append(f"{name} {x.address}: {x!r} != {y!r}")
    return out


def _openpyxl_reading(path: Path) -> RawWorkbook:
    import warnings

    from xl_addin.readers.openpyxl_book import raw_from_openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = load_workbook(path, data_only=True, keep_links=False)
    raw = raw_from_openpyxl(workbook, path.name)
    for table in raw.tables.values():  # Excel reads each _xHHHH_ run as its character
        for row in (table.headers, *table.rows, table.below, table.right):
            row[:] = [replace(c, value=_excel_text(c.value)) for c in row]
    return raw


def _excel_text(value: object) -> object:
    if not isinstance(value, str):
        return value
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def _tricky(path: Path) -> None:
    """Every kind of value a cell can hold, in the tables of a copy of the example."""
    import datetime as dt

    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb = load_workbook(path)
    ws = wb["Glossary"]
    top = range_boundaries(ws.tables["tblGlossary"].ref)[1] + 1
    values = [dt.datetime(2017, 3, 31), dt.date(2016, 4, 1), dt.time(9, 30), True, False,
              "=1+1", "#N/A", 1e300, -0.5, "tab\there", "a\rreturn", "£1,234", "45%",
              CellRichText(["plain ", TextBlock(InlineFont(b=True), "bold")]), 3, 2.5, ""]
    for i, value in enumerate(values):
        ws.cell(top + i, 2).value = value
    ws.cell(top, 2).number_format = "dd/mm/yyyy"
    ws.cell(top + 7, 2).number_format = "0.0%"
    ws.cell(top + 15, 2).number_format = "mm/dd/yy"  # a number shown as a date
    ws.cell(top + 15, 2).value = 1e10  # ... beyond any date: an error, as openpyxl reads it
    ws.merge_cells(start_row=top + 20, start_column=1, end_row=top + 21, end_column=2)
    wb.save(path)


def test_the_streaming_reader_reads_what_openpyxl_reads(
        copy_path: Path, tmp_path: Path, chair_workbooks) -> None:
    from xl_addin.files.shipped import WORKBOOK_DIR

    tricky = tmp_path / "tricky.xlsx"
    shutil.copyfile(copy_path, tricky)
    _tricky(tricky)
    paths = [copy_path, WORKBOOK_DIR / "lscb_master_blank.xlsx", tricky,
             chair_workbooks[0]["openpyxl"]]
    if chair_workbooks[0]["libreoffice"] is not None:  # shared strings, as Excel writes them
        paths.append(chair_workbooks[0]["libreoffice"])
    for path in paths:
        assert _difference(read_workbook(path), _openpyxl_reading(path)) == [], path.name


def test_the_reader_keeps_each_formula_beside_its_saved_result(tmp_path: Path,
                                                               copy_path: Path) -> None:
    wb = load_workbook(copy_path)
    ws = wb["Glossary"]
    top = range_boundaries(ws.tables["tblGlossary"].ref)[1] + 1
    ws.cell(top, 2).value = "=UPPER(A8)"  # openpyxl saves no result
    wb.save(copy_path)
    cell = read_workbook(copy_path).tables["tblGlossary"].rows[0][1]
    assert (cell.value, cell.formula) == (None, "=UPPER(A8)")


def test_a_huge_tab_is_refused_naming_it_before_it_is_parsed(tmp_path: Path) -> None:
    from tests.support.hostile import make_huge_tab

    with pytest.raises(UnreadableWorkbook, match="the tab 'Junk' holds more than 32 MB"):
        read_workbook(make_huge_tab(tmp_path))


def test_cells_are_counted_as_they_are_read(tmp_path: Path) -> None:
    from tests.support.hostile import make_tiny_cells_in_one_tab
    from xl_addin.readers.xlsx import Limits

    path = make_tiny_cells_in_one_tab(tmp_path)  # 2,000 rows of 152 cells
    with pytest.raises(UnreadableWorkbook, match="'Junk' holds more than 100,000 cells"):
        read_workbook(path, Limits(sheet_cells=100_000))
    with pytest.raises(UnreadableWorkbook, match="it holds more than 200,000 cells"):
        read_workbook(path, Limits(workbook_cells=200_000))
    assert read_workbook(path, Limits(sheet_cells=400_000)).tables["tblJunk1"].rows_declared \
        == 2_000


def test_text_excel_escapes_is_read_as_excel_shows_it(copy_path: Path) -> None:
    """Excel writes a character XML cannot carry as _xHHHH_ and reads it back as that
    character: a carriage return, or a lone surrogate pasted in (which validation reports
    at its cell); an underscore that would start such a run is itself written _x005F_."""
    from tests.support.package_edits import set_cells

    sheet, cell = "Glossary", "B8"
    set_cells(copy_path, {(sheet, cell): "line_x000D_break _xD800_ _x005F_x0041_ kept"})
    raw = read_workbook(copy_path)
    read = next(c for row in raw.tables["tblGlossary"].rows for c in row if c.address == cell)
    assert read.value == "line\rbreak \ud800 _x0041_ kept"
    found = [f for f in check(raw).findings if (f.sheet, f.cell) == (sheet, cell)]
    assert any(f.rule == "cell.broken-characters" for f in found), found


def test_a_date_cell_in_iso_form_is_read_and_a_damaged_one_is_an_error(copy_path: Path) -> None:
    """A cell of type d (ISO 8601 text, as strict OOXML writers save dates) is a date; one
    whose text is not a date is an error value at its cell, never a crash."""
    import datetime as dt

    from tests.support.package_edits import set_cell_xml

    set_cell_xml(copy_path, "Glossary", "B8", "2017-03-31T09:30:00Z", cell_type="d")
    set_cell_xml(copy_path, "Glossary", "B9", "31/03/2017", cell_type="d")
    set_cell_xml(copy_path, "Glossary", "B10", "PT99999999999H", cell_type="d")  # too long
    rows = read_workbook(copy_path).tables["tblGlossary"].rows
    assert rows[0][1].value == dt.datetime(2017, 3, 31, 9, 30)
    assert (rows[1][1].value, rows[1][1].is_error) == ("#VALUE!", True)
    assert (rows[2][1].value, rows[2][1].is_error) == ("#VALUE!", True)

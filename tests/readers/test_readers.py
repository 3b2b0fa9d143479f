"""The .xlsx reader: only the named tables are read, and their size is bounded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries

from xl_addin.core.errors import UnreadableWorkbook
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

    from xl_addin.addin.actions import SHEETS_SKIPPED
    from xl_addin.live.read import read_book
    from xl_addin.tools.officejs_payload import book_payload

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

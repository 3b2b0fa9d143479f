"""The .xlsx reader: only the named tables are read, and their size is bounded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from xl_addin.errors import UnreadableWorkbook
from xl_addin.io.xlsx_reader import read_workbook
from xl_addin.validate import validate
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
    result = validate(read_workbook(copy_path))
    found = [f for f in result.errors if f.rule == "table.too-large"]
    assert found and "tblGlossary" in found[0].message


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
    assert validate(raw).ok


def test_cells_outside_tables_are_ignored(copy_path: Path) -> None:
    wb = load_workbook(copy_path)
    wb["Budget"]["Z3"] = "#REF!"
    wb["Budget"]["A3"] = "A note a chair typed in the banner"
    wb.save(copy_path)
    assert validate(read_workbook(copy_path)).ok


def test_reader_gives_raw_cells_with_addresses(example_raw) -> None:
    table = example_raw.tables["tblContributions"]
    assert table.sheet == "Budget"
    assert [h.value for h in table.headers] == ["Partner", "Amount"]
    first = table.rows[0]
    assert first[0].address[0] == "A" and first[1].address[0] == "B"
    assert isinstance(first[1].value, int | float)

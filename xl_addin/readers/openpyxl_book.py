"""Workbooks held by openpyxl, read into a :class:`~xl_addin.core.raw.RawWorkbook`.

The tool reads files with its own streaming reader (:mod:`.xlsx`); openpyxl is used where a
workbook is already an openpyxl object (next year's workbook, checked before it is saved)
and by the maintainers' tools that need openpyxl's full model of a file (``open_workbook``,
after the same safety checks). Both readers give the same cells: tests/readers compares
them on every workbook the tests use.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from xl_addin.core.errors import UnreadableWorkbook
from xl_addin.core.raw import MAX_TABLE_ROWS, Box, RawCell, RawTable, RawWorkbook, outside_cells
from xl_addin.files.safety import check_package
from xl_addin.readers.xlsx import (
    DAMAGED,
    SHEET_COLUMNS,
    SHEET_ROWS,
    check_identity,
    read_workbook,
    table_box,
)

__all__ = ["open_workbook", "raw_from_openpyxl"]


def open_workbook(path: Path, *, data_only: bool = True, keep_vba: bool = False) -> Workbook:
    """Load a master workbook with openpyxl after the safety checks (values, not formulas).

    The file is first read by :func:`~.xlsx.read_workbook`, which refuses anything that is
    not a master workbook (or is too large) before openpyxl parses it."""
    path = Path(path)
    check_package(path)
    read_workbook(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops
            return load_workbook(path, data_only=data_only, keep_links=False,
                                 keep_vba=keep_vba)
    except DAMAGED as exc:
        raise UnreadableWorkbook(
            f"Cannot read {path.name}: the file is damaged or not a normal Excel workbook "
            f"({type(exc).__name__}). Open it in Excel and save it again as .xlsx.") from exc


def raw_from_openpyxl(wb: Workbook, source: str) -> RawWorkbook:
    tables: dict[str, RawTable] = {}
    for ws in wb.worksheets:
        refs = {table.displayName: table.ref for table in ws.tables.values()}
        boxes = {name: table_box(source, name, ref) for name, ref in refs.items()}
        for name, box in boxes.items():
            others = [b for n, b in boxes.items() if n != name]
            tables[name] = _read_table(ws, name, refs[name], box, others)
    check_identity(source, set(tables))
    return RawWorkbook(source, list(wb.sheetnames), tables, _constant_names(wb))


def _constant_names(wb: Workbook) -> dict[str, str]:
    """Workbook-level defined names that hold a text constant (="cumbria-2016-17")."""
    out: dict[str, str] = {}
    for name, defined in wb.defined_names.items():
        text = str(defined.attr_text or "")
        if len(text) < 200 and text.startswith('"') and text.endswith('"'):
            out[name] = text[1:-1].replace('""', '"')
    return out


def _read_table(ws: Worksheet, name: str, ref: str, box: Box, others: list[Box]) -> RawTable:
    min_row, min_col, max_row, max_col = box
    last_row = min(max_row, min_row + MAX_TABLE_ROWS + 1)  # beyond that is reported as too large
    grid = [[_cell(cell) for cell in row]
            for row in ws.iter_rows(min_row, last_row, min_col, max_col)]
    merged = [str(m) for m in ws.merged_cells.ranges
              if m.min_row <= max_row and m.max_row >= min_row
              and m.min_col <= max_col and m.max_col >= min_col]
    below, right = outside_cells((min_row, min_col, last_row, max_col), others)
    if last_row < max_row or last_row >= SHEET_ROWS:
        below = []  # a table too large to read has no row below worth reading
    if max_col >= SHEET_COLUMNS:
        right = []
    above = ws.cell(min_row - 1, min_col).value if min_row > 1 else None
    title = str(above).strip() if isinstance(above, str) and above.strip() else None
    return RawTable(name, ws.title, ref, grid[0], grid[1:], merged,
                    _filled(ws, below), _filled(ws, right), title,
                    rows_declared=max_row - min_row)


def _filled(ws: Worksheet, places: list[tuple[int, int]]) -> list[RawCell]:
    """The cells at ``places`` that hold a value."""
    cells = (ws.cell(row, column) for row, column in places)
    return [_cell(cell) for cell in cells if cell.value not in (None, "")]


def _cell(cell: Cell) -> RawCell:
    number_format = cell.number_format if cell.data_type == "n" else None
    return RawCell(cell.value, cell.coordinate, cell.data_type == "e",
                   None if number_format == "General" else number_format)

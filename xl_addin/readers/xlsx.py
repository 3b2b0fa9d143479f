"""Read an .xlsx master workbook into a :class:`~xl_addin.core.raw.RawWorkbook`.

Only the named Excel Tables are read, cell by cell within each table's range, plus the row
just below and the column just right of each table (where a chair may have typed a row or
a column the table does not include); the rest of each sheet is never touched, so a stray
cell far down a sheet costs nothing. The file is inspected by ``safety.check_package``
before openpyxl parses it.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from xl_addin.core.errors import NotAMasterWorkbook, UnreadableWorkbook
from xl_addin.core.raw import MAX_TABLE_ROWS, Box, RawCell, RawTable, RawWorkbook, outside_cells
from xl_addin.files.safety import check_package
from xl_addin.readers.formula_cells import with_formulas
from xl_addin.schema import SETTINGS_TABLE

__all__ = ["read_workbook", "open_workbook", "raw_from_openpyxl", "check_identity"]

TABLE_PART = re.compile(r"^xl/tables/[^/]+\.xml$")
MAX_TABLE_PART = 1024**2  # a table part lists its columns: a few KB
MAX_TABLE_COLUMNS = 60  # the widest real table has 16
SHEET_ROWS, SHEET_COLUMNS = 1_048_576, 16_384  # the last row and column of a worksheet

# What openpyxl and the XML parsers raise for a damaged package that passed the guard.
DAMAGED = (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, AttributeError,
           ParseError, InvalidFileException, EOFError, OSError)


def open_workbook(path: Path, *, data_only: bool = True, keep_vba: bool = False) -> Workbook:
    """Load the workbook with openpyxl after the safety checks (values, not formulas).

    Only a file whose Excel Tables include the Settings table is loaded: anything else is
    refused from its table list alone, without parsing its sheets.
    """
    path = Path(path)
    check_package(path)
    _check_table_names(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about features it drops
            return load_workbook(path, data_only=data_only, keep_links=False,
                                 keep_vba=keep_vba)
    except DAMAGED as exc:
        raise UnreadableWorkbook(
            f"Cannot read {path.name}: the file is damaged or not a normal Excel workbook "
            f"({type(exc).__name__}). Open it in Excel and save it again as .xlsx.") from exc


def read_workbook(path: Path) -> RawWorkbook:
    """Read a master workbook file. Raises a :class:`WorkbookError` if it is not one."""
    path = Path(path)
    wb = open_workbook(path)
    try:
        raw = raw_from_openpyxl(wb, path.name)
    finally:
        wb.close()
    return with_formulas(path, raw)  # which cells hold a formula, and its saved result


def raw_from_openpyxl(wb: Workbook, source: str) -> RawWorkbook:
    tables: dict[str, RawTable] = {}
    for ws in wb.worksheets:
        refs = {table.displayName: table.ref for table in ws.tables.values()}
        boxes = {name: _box(name, ref, source) for name, ref in refs.items()}
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


def check_identity(source: str, table_names: set[str]) -> None:
    """Raise NotAMasterWorkbook unless the tables include the Settings table."""
    if SETTINGS_TABLE in table_names:
        return
    if len(table_names) >= 10:
        raise NotAMasterWorkbook(
            f"Not an LSCB master workbook: {source} has no Settings table "
            f"({SETTINGS_TABLE}). Copy the Settings tab from a blank workbook "
            "(lscb-report new-workbook).")
    raise NotAMasterWorkbook(
        f"Not an LSCB master workbook: {source} does not have the master workbook's "
        "tables. Choose the master workbook, or start one with lscb-report new-workbook.")


def _check_table_names(path: Path) -> None:
    """Read only the Excel Table parts' names (each a few hundred bytes) from the package."""
    names: set[str] = set()
    try:
        with zipfile.ZipFile(path) as package:
            for info in package.infolist():
                if not TABLE_PART.match(info.filename) or info.file_size > MAX_TABLE_PART:
                    continue
                root = SafeElementTree.fromstring(package.read(info))
                if root.get("displayName"):
                    names.add(root.get("displayName"))
    except (*DAMAGED, DefusedXmlException) as exc:
        raise UnreadableWorkbook(
            f"Cannot read {path.name}: the file is damaged ({type(exc).__name__}). Open it "
            "in Excel and save it again as .xlsx.") from exc
    check_identity(path.name, names)


def _box(name: str, ref: str, source: str) -> Box:
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
    except (TypeError, ValueError) as exc:
        raise UnreadableWorkbook(f"Cannot read {source}: the Excel Table {name} has a damaged "
                                 f"range {ref!r}.") from exc
    if min_col is None or min_row is None or max_col is None or max_row is None:
        raise UnreadableWorkbook(f"Cannot read {source}: the Excel Table {name} has a damaged "
                                 f"range {ref!r}.")
    if max_col - min_col + 1 > MAX_TABLE_COLUMNS:
        raise UnreadableWorkbook(f"Cannot read {source}: the Excel Table {name} is "
                                 f"{max_col - min_col + 1:,} columns wide.")
    return min_row, min_col, max_row, max_col


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
                    _filled(ws, below), _filled(ws, right), title)


def _filled(ws: Worksheet, places: list[tuple[int, int]]) -> list[RawCell]:
    """The cells at ``places`` that hold a value."""
    cells = (ws.cell(row, column) for row, column in places)
    return [_cell(cell) for cell in cells if cell.value not in (None, "")]


def _cell(cell: Cell) -> RawCell:
    number_format = cell.number_format if cell.data_type == "n" else None
    return RawCell(cell.value, cell.coordinate, cell.data_type == "e",
                   None if number_format == "General" else number_format)

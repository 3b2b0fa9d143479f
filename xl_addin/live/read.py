"""Read a live Excel book (xlwings) into a :class:`~xl_addin.core.raw.RawWorkbook`.

The same tables the file reader (:mod:`.xlsx_reader`) produces, from any xlwings engine:
desktop Excel, or the remote engine behind the Office.js add-in, where the book is the
snapshot Excel sent with the click. The Excel Tables are found by name through each
sheet's table list, and only each table's own range is read, within the same bounds as
the file reader, with the row just below and the column just right of it (the same cells
the file reader looks at, :func:`~xl_addin.core.raw.outside_cells`); the same identity check
refuses a book that is not a master workbook.

Two things the file reader reports cannot arise here: Excel does not allow merged cells
inside an Excel Table, so ``merged`` is always empty; and an Excel error value arrives as
its text ("#REF!"), which validation recognises as an error by that text. Nor can a
formula lack its result: Excel works out every formula of an open book, so the cells carry
their results and ``RawCell.formula`` is left unset (the file reader sets it).
"""

from __future__ import annotations

import xlwings as xw

from xl_addin.core.errors import UnreadableWorkbook
from xl_addin.core.raw import (
    EXCEL_ERRORS,
    MAX_TABLE_ROWS,
    Box,
    RawCell,
    RawTable,
    RawWorkbook,
    address,
    outside_cells,
)
from xl_addin.readers.xlsx import MAX_TABLE_COLUMNS, SHEET_COLUMNS, SHEET_ROWS, check_identity

__all__ = ["read_book"]


def read_book(book: xw.Book) -> RawWorkbook:
    """Read the book's Excel Tables. Raises a :class:`WorkbookError` if it is not a master."""
    tables: dict[str, RawTable] = {}
    for sheet in book.sheets:
        extents = {table.name: table.range for table in sheet.tables}
        boxes = {name: _box(extent) for name, extent in extents.items()}
        for name, extent in extents.items():
            others = [b for n, b in boxes.items() if n != name]
            tables[name] = _read_table(sheet, name, extent, others, book.name)
    check_identity(book.name, set(tables))
    return RawWorkbook(book.name, [sheet.name for sheet in book.sheets], tables,
                       _constant_names(book))


def _constant_names(book: xw.Book) -> dict[str, str]:
    """Workbook-level defined names holding a text constant, as the file reader gives them."""
    out: dict[str, str] = {}
    for name in book.names:
        text = str(name.refers_to or "").lstrip("=")
        if "!" not in name.name and len(text) < 200 and text.startswith('"') and \
                text.endswith('"'):
            out[name.name] = text[1:-1].replace('""', '"')
    return out


def _box(extent: xw.Range) -> Box:
    rows, columns = extent.shape
    return extent.row, extent.column, extent.row + rows - 1, extent.column + columns - 1


def _read_table(sheet: xw.Sheet, name: str, extent: xw.Range, others: list[Box],
                source: str) -> RawTable:
    rows, columns = extent.shape
    if columns > MAX_TABLE_COLUMNS:
        raise UnreadableWorkbook(f"Cannot read {source}: the Excel Table {name} is "
                                 f"{columns:,} columns wide.")
    top, left = extent.row, extent.column
    read = min(rows, MAX_TABLE_ROWS + 2)  # header, rows, and one more: reported as too large
    values = extent.resize(read).options(ndim=2, err_to_str=True).value
    grid = [[_cell(value, row, col) for col, value in enumerate(line, start=left)]
            for row, line in enumerate(values, start=top)]
    ref = extent.get_address(row_absolute=False, column_absolute=False)
    bottom, right = top + read - 1, left + columns - 1
    below, beside = outside_cells((top, left, bottom, right), others)
    if read < rows or bottom >= SHEET_ROWS:
        below = []  # a table too large to read has no row below worth reading
    if right >= SHEET_COLUMNS:
        beside = []
    above = sheet.range((top - 1, left)).value if top > 1 else None
    title = above.strip() if isinstance(above, str) and above.strip() else None
    return RawTable(name, sheet.name, ref, grid[0], grid[1:], [],
                    _filled(sheet, below, (bottom + 1, left), (bottom + 1, right)),
                    _filled(sheet, beside, (top, right + 1), (bottom, right + 1)), title)


def _filled(sheet: xw.Sheet, places: list[tuple[int, int]], first: tuple[int, int],
            last: tuple[int, int]) -> list[RawCell]:
    """The cells at ``places`` (within ``first``..``last``, read at once) holding a value."""
    if not places:
        return []
    values = sheet.range(first, last).options(ndim=2, err_to_str=True).value
    wanted = set(places)
    return [_cell(value, row, col)
            for row, line in enumerate(values, start=first[0])
            for col, value in enumerate(line, start=first[1])
            if (row, col) in wanted and value not in (None, "")]


def _cell(value: object, row: int, column: int) -> RawCell:
    error = isinstance(value, str) and value in EXCEL_ERRORS
    return RawCell(value, address(row, column), error)

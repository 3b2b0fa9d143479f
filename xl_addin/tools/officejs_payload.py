"""Build the JSON that the Office.js add-in sends to xlwings Server, from an .xlsx file.

Tests and benchmarks use it to drive the add-in's scripts with a real workbook and no
Excel. It follows the payload the xlwings Server client builds (``getBookData``): each
sheet's values from A1 to the last cell holding a value, its Excel Tables, and for a sheet
left out by ``include``, its name only. Two differences from Excel remain: values come
from openpyxl (``data_only=True``), so a formula Excel never calculated reads as blank;
and dates are sent as ISO strings whatever their number format.

    python -m xl_addin.tools.officejs_payload WORKBOOK   # print the payload's size
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Collection
from pathlib import Path

import xlwings
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.table import Table
from openpyxl.worksheet.worksheet import Worksheet

from xl_addin.core.raw import address
from xl_addin.readers.openpyxl_book import open_workbook

__all__ = ["book_payload"]


def book_payload(path: Path, include: Collection[str] | None = None, *,
                 exclude: Collection[str] = (), name: str | None = None) -> dict[str, object]:
    """The payload for ``path``; only the sheets in ``include`` (all if None) and not in
    ``exclude`` carry values, as xlwings Server's ``@script(include=, exclude=)`` sends them.

    ``name`` is the book's name as Excel would report it (default: the file name).
    """
    wb = open_workbook(Path(path))
    try:
        sheets = [_sheet(ws, (include is None or ws.title in include)
                         and ws.title not in exclude) for ws in wb.worksheets]
        active = wb.worksheets.index(wb.active) if wb.active in wb.worksheets else 0
        names = [_name(key, defined.attr_text) for key, defined in wb.defined_names.items()]
    finally:
        wb.close()
    return {
        "client": "Office.js",
        "version": xlwings.__version__,
        "book": {"name": name or Path(path).name, "active_sheet_index": active,
                 "selection": "A1", "calculation": "automatic"},
        "names": names,
        "sheets": sheets,
    }


def _name(name: str, formula: str) -> dict[str, object]:
    """A book-scoped defined name as Office.js reports one that is not a range."""
    return {"name": name, "refers_to": f"={formula}", "type": "String", "sheet_index": None,
            "address": None, "scope_sheet_name": None, "scope_sheet_index": None,
            "book_scope": True}


def _sheet(ws: Worksheet, included: bool) -> dict[str, object]:
    grid = [list(row) for row in ws.iter_rows(values_only=True)] if included else []
    rows = max((i + 1 for i, row in enumerate(grid) if any(v is not None for v in row)),
               default=0)
    columns = max((j + 1 for row in grid for j, v in enumerate(row) if v is not None),
                  default=0)
    values = [[_value(v) for v in row[:columns]] for row in grid[:rows]] or [[]]
    used = f"A1:{address(rows, columns)}" if rows and columns else None
    return {
        "name": ws.title,
        "visibility": "Visible" if ws.sheet_state == "visible" else "Hidden",
        "show_gridlines": bool(ws.sheet_view.showGridLines),
        "print_area": None,
        "notes": [],
        "notes_supported": True,
        "used_range_address": used if included else None,
        "used_range_row_count": rows,
        "used_range_column_count": columns,
        "values": values,
        "pictures": [],
        "shapes": [],
        "charts": [],
        "tables": [_table(t) for t in ws.tables.values()] if included else [],
        "pivot_tables": [],
    }


def _table(table: Table) -> dict[str, object]:
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    headers = bool(table.headerRowCount)
    totals = bool(table.totalsRowCount)
    first_body = min_row + 1 if headers else min_row
    last_body = max_row - 1 if totals else max_row
    style = table.tableStyleInfo
    return {
        "name": table.displayName,
        "range_address": table.ref,
        "row_count": max_row - min_row + 1,
        "column_count": max_col - min_col + 1,
        "columns": [column.name for column in table.tableColumns],
        "header_row_range_address": (f"{address(min_row, min_col)}:{address(min_row, max_col)}"
                                     if headers else None),
        "data_body_range_address": f"{address(first_body, min_col)}:"
                                   f"{address(last_body, max_col)}",
        "total_row_range_address": (f"{address(max_row, min_col)}:{address(max_row, max_col)}"
                                    if totals else None),
        "show_headers": headers,
        "show_totals": totals,
        "table_style": style.name if style else None,
        "show_autofilter": table.autoFilter is not None,
        "show_table_style_first_column": bool(style and style.showFirstColumn),
        "show_table_style_last_column": bool(style and style.showLastColumn),
        "show_table_style_row_stripes": bool(style and style.showRowStripes),
        "show_table_style_column_stripes": bool(style and style.showColumnStripes),
    }


def _value(value: object) -> object:
    """A cell value as Office.js sends it: "" for empty, dates as ISO strings ending in Z."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00.000Z"
    if isinstance(value, dt.time):
        return value.isoformat()
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", type=Path)
    args = parser.parse_args()
    size = len(json.dumps(book_payload(args.workbook)).encode())
    print(f"{args.workbook.name}: {size:,} bytes with every sheet")


if __name__ == "__main__":
    main()

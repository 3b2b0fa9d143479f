"""What a reader hands to the core: the workbook's Excel Tables as plain Python values.

The file reader (openpyxl) and the live-Excel reader (xlwings) both produce a
:class:`RawWorkbook`; everything after that (validation, computation, the report) works on
it without knowing where it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["RawCell", "RawTable", "RawWorkbook", "column_letter", "column_number", "address",
           "Box", "outside_cells", "EXCEL_ERRORS", "MAX_TABLE_ROWS", "cell_position",
           "reference_bounds", "Bounds"]

# The error values a cell can hold (a formula that failed, or one typed in).
EXCEL_ERRORS = frozenset(
    {"#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
     "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}
)
MAX_TABLE_ROWS = 5_000  # far beyond any real table; bounds the work a hostile file can cause


@dataclass(frozen=True)
class RawCell:
    """One cell as Excel holds it. ``is_error`` marks Excel error values such as #REF!."""

    value: object
    address: str
    is_error: bool = False
    number_format: str | None = field(default=None, compare=False)  # where a reader sees it
    # The formula text ("=SUM(B2:B9)") when the cell holds one; ``value`` is then the result
    # Excel saved, or None when none was saved (a file written by a program).
    formula: str | None = field(default=None, compare=False)


@dataclass
class RawTable:
    """An Excel Table: its header cells and its data rows, top to bottom.

    ``below`` and ``right`` hold the cells just outside the table that hold a value: in the
    row just below it (as wide as the table) and in the column just right of it (as tall as
    the table, header row included), except cells inside another table. A chair who types a
    new row under a table (LibreOffice never extends a table by itself) finds it there.
    """

    name: str
    sheet: str
    ref: str  # the table's range, e.g. "A5:H20"
    headers: list[RawCell]
    rows: list[list[RawCell]]
    merged: list[str] = field(default_factory=list)  # merged ranges overlapping the table
    below: list[RawCell] = field(default_factory=list)
    right: list[RawCell] = field(default_factory=list)
    title: str | None = None  # the text in the cell just above the table, as chairs title it
    rows_declared: int | None = None  # body rows its range declares (rows holds at most
    # MAX_TABLE_ROWS + 1 of them: a table larger than that is reported, not read)


@dataclass
class RawWorkbook:
    """Everything the core needs from one workbook."""

    source: str  # file name or book name, for messages
    sheets: list[str]
    tables: dict[str, RawTable]
    names: dict[str, str] = field(default_factory=dict)  # defined names holding a constant

    def table_names_on(self, sheet: str) -> list[str]:
        return [t.name for t in self.tables.values() if t.sheet == sheet]


@lru_cache(maxsize=4096)
def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@lru_cache(maxsize=4096)
def column_number(letters: str) -> int:
    """A -> 1, AA -> 27 (either case)."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def address(row: int, column: int) -> str:
    return f"{column_letter(column)}{row}"


CELL_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")  # whole texts (fullmatch)
AREA_END = re.compile(r"\$?([A-Za-z]{1,3})?\$?([0-9]+)?")


def cell_position(reference: str) -> tuple[int, int]:
    """"H12" (or "$H$12") -> (12, 8); ValueError when it is not one cell's reference."""
    found = CELL_REFERENCE.fullmatch(reference)
    if found is None or int(found.group(2)) == 0:
        raise ValueError(f"{reference!r} is not a cell reference")
    return int(found.group(2)), column_number(found.group(1))


Bounds = tuple[int | None, int | None, int | None, int | None]


def reference_bounds(reference: str) -> Bounds:
    """The (first row, first column, last row, last column) of "B2", "B2:D9", "B:D" or
    "2:9" (None where a whole column or row leaves it open); "$" signs are allowed.
    ValueError when it is none of these."""
    ends = reference.split(":")
    found = [AREA_END.fullmatch(end) for end in ends]
    if len(ends) > 2 or not all(found) or not all(end.strip("$") for end in ends):
        raise ValueError(f"{reference!r} is not a cell or range reference")
    columns = [m.group(1) for m in found if m]
    rows = [m.group(2) for m in found if m]
    if len(ends) == 1 and not (columns[0] and rows[0]):
        raise ValueError(f"{reference!r} is not a cell reference")
    if not (all(columns) and all(rows) or all(columns) and not any(rows)
            or all(rows) and not any(columns)):
        raise ValueError(f"{reference!r} is not a cell or range reference")
    cols = [column_number(c) for c in columns] if all(columns) else [None, None]
    nums = [int(r) for r in rows] if all(rows) else [None, None]
    return nums[0], cols[0], nums[-1], cols[-1]


Box = tuple[int, int, int, int]  # a range as (first row, first column, last row, last column)


def outside_cells(table: Box, others: list[Box]) -> tuple[list[tuple[int, int]],
                                                          list[tuple[int, int]]]:
    """The (row, column) places a reader looks at just outside ``table``: the row below it
    and the column right of it, leaving out places inside any of ``others`` (the sheet's
    other tables). Both readers use it, so they look at the same cells."""
    top, left, bottom, right = table

    def free(row: int, column: int) -> bool:
        return not any(a <= row <= c and b <= column <= d for a, b, c, d in others)

    below = [(bottom + 1, col) for col in range(left, right + 1) if free(bottom + 1, col)]
    beside = [(row, right + 1) for row in range(top, bottom + 1) if free(row, right + 1)]
    return below, beside

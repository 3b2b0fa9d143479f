"""Where each table sits on its sheet. Computed from the schema and the row counts alone.

Every sheet starts with a banner (title, owner, what the tab holds, the colour legend);
tables follow top to bottom, each with a title row, a header row and its data rows, and
two empty rows between tables. All tables start in column A.
"""

from __future__ import annotations

from dataclasses import dataclass

from xl_addin.core.raw import address
from xl_addin.schema import Sheet, Table

__all__ = ["BANNER_ROWS", "TablePlacement", "place_tables"]

BANNER_ROWS = 5  # title, owner, description, legend, blank
GAP_ROWS = 2


@dataclass(frozen=True)
class TablePlacement:
    table: Table
    title_row: int
    header_row: int
    rows: int  # data rows (at least one: Excel Tables cannot be empty)

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    @property
    def last_row(self) -> int:
        return self.header_row + self.rows

    @property
    def ref(self) -> str:
        return f"A{self.header_row}:{address(self.last_row, len(self.table.columns))}"


def place_tables(sheet: Sheet, row_counts: dict[str, int]) -> list[TablePlacement]:
    """Lay the sheet's tables out; ``row_counts`` gives the data rows of each table."""
    placements = []
    row = BANNER_ROWS + 1
    for table in sheet.tables:
        rows = max(1, row_counts.get(table.name, 0))
        placements.append(TablePlacement(table, row, row + 1, rows))
        row += 2 + rows + GAP_ROWS
    return placements

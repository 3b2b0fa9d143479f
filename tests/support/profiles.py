"""The profiles the tests use: the shipped example's, and small synthetic ones."""

from __future__ import annotations

from pathlib import Path

from xl_addin.core.raw import RawWorkbook
from xl_addin.files.shipped import example
from xl_addin.schema import Profile, load_profile

__all__ = ["EXAMPLE", "STARTER", "FIXTURES"]

EXAMPLE: Profile = load_profile(example().profile)
STARTER: Profile = load_profile("starter")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def cell_of(raw: RawWorkbook, table: str, column: str, row_key: object = None,
            row_index: int = 0) -> tuple[str, str]:
    """(sheet, A1) of a cell found through the schema: by the row's key value, or by index."""
    schema_table = EXAMPLE.table(table)
    found = raw.tables[table]
    headers = [str(h.value) for h in found.headers]
    col = headers.index(schema_table.column(column).header)
    rows = found.rows
    if row_key is not None:
        key_col = headers.index(schema_table.column(schema_table.key or "ref").header)
        rows = [r for r in rows if str(r[key_col].value) == str(row_key)]
        row_index = 0
    return found.sheet, rows[row_index][col].address

"""The typed data the validation hands on to the computation and the report.

A :class:`Dataset` holds every table as a pandas DataFrame of parsed values (one column per
schema column key), the A1 address of every value, and the figures of all fact tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pandas as pd

from .schema import Table

__all__ = ["TableData", "Dataset", "Place", "records"]


def records(frame: pd.DataFrame) -> Iterator[tuple[object, dict[str, object]]]:
    """(index, row) pairs with blanks kept as ``None`` (``iterrows`` turns them into NaN)."""
    return zip(frame.index, frame.to_dict("records"), strict=True)


@dataclass(frozen=True)
class Place:
    """Where a value lives: a sheet and an A1 cell."""

    sheet: str
    cell: str | None


@dataclass
class TableData:
    table: Table
    sheet: str
    rows: pd.DataFrame  # body rows: typed values, one column per schema key
    cells: pd.DataFrame  # the A1 address of each value in ``rows``
    totals: pd.DataFrame  # rows marked as totals (typed), same columns
    total_cells: pd.DataFrame

    def place(self, index: object, column: str) -> Place:
        return Place(self.sheet, str(self.cells.at[index, column]))

    def find(self, column: str, value: object) -> object | None:
        """The index of the first body row whose ``column`` equals ``value``."""
        hits = self.rows.index[self.rows[column] == value]
        return hits[0] if len(hits) else None


@dataclass
class Dataset:
    tables: dict[str, TableData] = field(default_factory=dict)
    facts: dict[str, object] = field(default_factory=dict)
    fact_places: dict[str, Place] = field(default_factory=dict)

    def fact(self, key: str) -> object:
        return self.facts.get(key)

"""The typed data the validation hands on to the computation and the report.

A :class:`Dataset` holds every table as a pandas DataFrame of parsed values (one column per
profile column key), the A1 address of every value, the figures of all fact tables, the
profile they were read with, and which rows have errors (so that the computation can
skip just those rows, and fill in everything else).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeGuard

import pandas as pd

from xl_addin.schema import Column, Profile, Role, Table

__all__ = ["TableData", "Dataset", "Place", "TotalGap", "records", "total_gaps", "is_number"]


def records(frame: pd.DataFrame) -> Iterator[tuple[object, dict[str, object]]]:
    """(index, row) pairs with blanks kept as ``None`` (``iterrows`` turns them into NaN).

    The rows come out as the same Python values as ``to_dict("records")`` gives, at a
    twentieth of its cost, which counts: validation and the report read every table this
    way, some of them many times."""
    columns = list(frame.columns)
    return zip(frame.index, [dict(zip(columns, row, strict=True))
                             for row in frame.to_numpy(dtype=object).tolist()], strict=True)


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
    ref: str = ""  # the table's range in its sheet, e.g. "A5:H20"

    def place(self, index: object, column: str) -> Place:
        return Place(self.sheet, str(self.cells.at[index, column]))

    def find(self, column: str, value: object) -> object | None:
        """The index of the first body row whose ``column`` equals ``value``."""
        hits = self.rows.index[self.rows[column] == value]
        return hits[0] if len(hits) else None


def is_number(value: object) -> TypeGuard[int | float]:
    """A number in a cell (True and False are not)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True)
class TotalGap:
    """A typed total that its rows do not add up to: the validation warns about it, and the
    report's About the figures says which figure it prints instead."""

    index: object  # the total row's index in ``TableData.totals``
    total: dict[str, object]  # that row
    column: Column
    typed: object  # as typed: a number, or anything else a chair put there
    added: float  # what the rows add up to


def total_gaps(data: TableData) -> Iterator[TotalGap]:
    """Every typed total of an input column that differs from the sum of its rows (within
    its group, for a grouped table); a total that is not a number differs too."""
    table = data.table
    numeric = [c for c in table.columns if c.is_numeric and c.role is Role.INPUT]
    for index, total in records(data.totals):
        body = data.rows
        for key in table.groups:
            body = body[body[key] == total[key]]
        for column in numeric:
            typed = total[column.key]
            if typed is None:
                continue
            added = sum(float(v) for v in body[column.key] if is_number(v))
            if not is_number(typed) or abs(float(typed) - added) > 1e-6:
                yield TotalGap(index, total, column, typed, added)


@dataclass
class Dataset:
    profile: Profile
    tables: dict[str, TableData] = field(default_factory=dict)
    facts: dict[str, object] = field(default_factory=dict)
    fact_places: dict[str, Place] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # key figure -> its 'Source or note'
    bad_rows: dict[str, set[object]] = field(default_factory=dict)  # table -> row indexes
    bad_facts: set[str] = field(default_factory=set)  # key figures with an error

    def fact(self, key: str) -> object:
        return self.facts.get(key)

    def row_ok(self, table: str, index: object) -> bool:
        """False when the row has an error, so nothing is worked out from it."""
        return index not in self.bad_rows.get(table, ())

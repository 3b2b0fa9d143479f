"""Declarations of checks that relate figures across cells, rows and tables.

A check names the figures it compares through references (:class:`Ref`), never through
cell addresses. The validation (``validate/crosschecks.py``) resolves each reference to a
value and a cell, evaluates the check, and reports a finding at the cell a person should
look at: the second figure of a :class:`Same`, the total of an :class:`Equation`, the
percentage of a :class:`PercentOf`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Ref",
    "FactRef",
    "CellRef",
    "YearRef",
    "SumRef",
    "Check",
    "Same",
    "Equation",
    "AtLeast",
    "PercentOf",
    "RowPercent",
    "RowEquation",
    "RowRate",
    "GroupTotalsAgree",
]


class Ref:
    """Something that resolves to one figure."""


@dataclass(frozen=True)
class FactRef(Ref):
    key: str


@dataclass(frozen=True)
class CellRef(Ref):
    table: str
    row: str  # the value in the table's key column
    column: str


@dataclass(frozen=True)
class YearRef(Ref):
    """The figure for one reporting year of a year-per-row table."""

    table: str
    column: str
    offset: int = 0  # 0 = the reporting year on Settings, -1 = the year before
    date_fact: str | None = None  # instead: the year ending on the date held by this fact


@dataclass(frozen=True)
class SumRef(Ref):
    """The sum of one or more columns over the rows that are not totals rows."""

    table: str
    columns: tuple[str, ...]
    where: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (column, allowed values) pairs
    year_fact: str | None = None  # only rows whose year is the value of this fact


@dataclass(frozen=True)
class Check:
    id: str
    why: str  # one sentence: why these figures should agree


@dataclass(frozen=True)
class Same(Check):
    """Two places give the same figure."""

    first: Ref = field(default_factory=Ref)
    second: Ref = field(default_factory=Ref)
    tolerance: float = 0.0  # relative: 0.01 lets "about 1,400" stand for 1,401


@dataclass(frozen=True)
class Equation(Check):
    """``result`` equals the signed sum of ``parts``."""

    result: Ref = field(default_factory=Ref)
    parts: tuple[tuple[int, Ref], ...] = ()


@dataclass(frozen=True)
class AtLeast(Check):
    """A figure quoted as "over N" is not contradicted by the figure it describes."""

    claimed: Ref = field(default_factory=Ref)
    actual: Ref = field(default_factory=Ref)


@dataclass(frozen=True)
class PercentOf(Check):
    """A percentage agrees with its count and base at the precision it was written."""

    percent: Ref = field(default_factory=Ref)
    count: Ref = field(default_factory=Ref)
    base: Ref = field(default_factory=Ref)


@dataclass(frozen=True)
class RowPercent(Check):
    """In each row, ``percent`` agrees with ``count`` divided by the base.

    The base is the row's ``base`` column, or else the sum of ``count`` over the row's
    group (rows sharing the values of the table's ``groups`` columns).
    """

    table: str = ""
    percent: str = ""
    count: str = ""
    base: str | None = None


@dataclass(frozen=True)
class RowEquation(Check):
    """In each row, ``result`` equals the signed sum of the ``parts`` columns or figure."""

    table: str = ""
    result: str = ""
    parts: tuple[tuple[int, str], ...] = ()
    plus_fact: str | None = None  # compare with parts against this fact instead of a column


@dataclass(frozen=True)
class RowRate(Check):
    """A published rate per 10,000 agrees with the number and the population.

    Rows without a population use the Settings population for the reporting year only.
    """

    table: str = ""
    published: str = ""
    number: str = ""
    population: str = ""


@dataclass(frozen=True)
class GroupTotalsAgree(Check):
    """Several breakdowns of the same people give the same total for each group."""

    tables: tuple[str, ...] = ()
    column: str = ""

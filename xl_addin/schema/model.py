"""The building blocks of the workbook schema.

A :class:`WorkbookSchema` is a list of :class:`Sheet` objects; each sheet holds named Excel
Tables (:class:`Table`), and each table holds :class:`Column` objects. A *fact table* is a
table whose rows are declared in advance (:class:`Fact`): one row per figure, looked up by
its reference rather than its position.

These classes carry no behaviour beyond lookups. The blank workbook, the validation and
the data dictionary all read the same declarations.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Kind",
    "Role",
    "Column",
    "Fact",
    "Table",
    "Sheet",
    "WorkbookSchema",
    "FACT_COLUMNS",
]


class Kind(StrEnum):
    """What a cell holds. Each kind has one parser (validate/cells.py) and one Excel format."""

    TEXT = "text"
    INTEGER = "integer"  # a whole number >= 0 unless a minimum says otherwise
    NUMBER = "number"
    PERCENT = "percent"  # stored as Excel stores it: 0.177 displays as 17.7%
    CURRENCY = "currency"  # pounds sterling
    DATE = "date"
    CHOICE = "choice"  # one of a fixed list, offered as a dropdown
    YEAR = "year"  # a reporting year written "2016-17"
    MEASURE = "measure"  # a number whose unit comes from another column of the same row
    TARGET = "target"  # a MEASURE, a range such as "5%-7.5%", or "Not set"
    FACT = "fact"  # fact tables only: the kind is declared per row by its Fact


class Role(StrEnum):
    """Who writes a column."""

    INPUT = "input"  # typed by a person
    COMPUTED = "computed"  # written by the tool; never type here
    REFERENCE = "reference"  # typed: a figure as it was published, kept to check the tool against


@dataclass(frozen=True)
class Column:
    """One column of an Excel Table."""

    key: str  # the name used in code and in the report template
    header: str  # the header cell text in Excel
    kind: Kind
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    unit: str = ""
    role: Role = Role.INPUT
    minimum: float | None = 0  # numbers below this are errors; None allows negatives
    maximum: float | None = None  # percentages are always capped at 100%
    unique: bool = False
    unit_from: str | None = None  # MEASURE/TARGET: the key of the column giving the unit
    width: int | None = None  # characters; a sensible default is chosen by kind
    placeholders: bool = False  # TEXT: may quote figures as {ref}
    required_if: tuple[str, ...] = ()  # required when any of these columns is filled

    @property
    def is_numeric(self) -> bool:
        return self.kind in {Kind.INTEGER, Kind.NUMBER, Kind.PERCENT, Kind.CURRENCY, Kind.MEASURE}


@dataclass(frozen=True)
class Fact:
    """One declared row of a fact table: a single figure with its own kind."""

    key: str
    label: str
    kind: Kind
    description: str = ""
    required: bool = True
    unit: str = ""
    minimum: float | None = 0
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    computed: bool = False  # written by the tool, never typed


# The columns every fact table has, in order. The value column's kind varies by row.
FACT_COLUMNS: tuple[Column, ...] = (
    Column("ref", "Ref", Kind.TEXT, "Fixed reference of the figure; do not change.",
           required=True, unique=True, width=24),
    Column("label", "Figure", Kind.TEXT, "What the figure is.", required=True, width=60),
    Column("value", "Value", Kind.FACT, "The figure itself.", width=16),
    Column("note", "Source or note", Kind.TEXT, "Where the figure comes from, or a caveat.",
           width=50),
)


@dataclass(frozen=True)
class Table:
    """A named Excel Table on a sheet."""

    name: str  # the Excel Table name, e.g. "tblIndicators"
    title: str  # shown in the row above the table
    description: str
    columns: tuple[Column, ...] = ()
    facts: tuple[Fact, ...] = ()  # non-empty makes this a fact table
    key: str | None = None  # the column that identifies a row (unique)
    total_label: str | None = None  # a row whose label cell holds this is a totals row
    total_in: str | None = None  # the label column for total_label; defaults to the key
    groups: tuple[str, ...] = ()  # columns that split the rows into groups (totals, shares)
    unique_together: tuple[str, ...] = ()  # columns that together identify a row (error)
    distinct: tuple[str, ...] = ()  # columns that should identify a row (warning only)
    year_column: str | None = None  # years must run in order, one row per year (per group)
    year_group: tuple[str, ...] = ()  # columns that group the rows of a multi-year table
    blank_rows: int = 3  # empty rows the blank workbook offers
    window: int | None = None  # years a series keeps; next year's rollover drops the oldest

    def __post_init__(self) -> None:
        if self.facts and self.columns:
            raise ValueError(f"{self.name}: a fact table has fixed columns")
        if self.facts:
            object.__setattr__(self, "columns", FACT_COLUMNS)
            object.__setattr__(self, "key", "ref")

    @property
    def label_column(self) -> str | None:
        """The column whose cell marks a totals row."""
        return self.total_in or self.key

    @property
    def is_fact_table(self) -> bool:
        return bool(self.facts)

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(f"{self.name} has no column {key!r}")

    def fact(self, key: str) -> Fact:
        for fact in self.facts:
            if fact.key == key:
                return fact
        raise KeyError(f"{self.name} has no fact {key!r}")


@dataclass(frozen=True)
class Sheet:
    """A worksheet (tab), owned by one sub-group or team."""

    name: str
    owner: str
    title: str
    description: str
    tables: tuple[Table, ...]
    sections: tuple[int, ...] = ()  # report sections whose words and figures live here

    def table(self, name: str) -> Table:
        for tbl in self.tables:
            if tbl.name == name:
                return tbl
        raise KeyError(f"sheet {self.name!r} has no table {name!r}")


@dataclass(frozen=True)
class WorkbookSchema:
    """The whole workbook."""

    version: str
    sheets: tuple[Sheet, ...]
    owners: dict[str, str] = field(default_factory=dict)  # owner -> tab colour (hex RGB)

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for _, tbl in self.iter_tables():
            if tbl.name in seen:
                raise ValueError(f"table name {tbl.name} declared twice")
            seen.add(tbl.name)
        fact_keys: set[str] = set()
        for _, tbl in self.iter_tables():
            for fact in tbl.facts:
                if fact.key in fact_keys:
                    raise ValueError(f"fact {fact.key} declared twice")
                fact_keys.add(fact.key)
        for sheet in self.sheets:
            if sheet.owner not in self.owners:
                raise ValueError(f"sheet {sheet.name}: owner {sheet.owner!r} has no colour")

    def iter_tables(self) -> Iterator[tuple[Sheet, Table]]:
        for sheet in self.sheets:
            for tbl in sheet.tables:
                yield sheet, tbl

    def iter_facts(self) -> Iterator[tuple[Table, Fact]]:
        for _, tbl in self.iter_tables():
            for fact in tbl.facts:
                yield tbl, fact

    def sheet(self, name: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(f"no sheet {name!r}")

    def table(self, name: str) -> Table:
        return self.sheet_of(name).table(name)

    def sheet_of(self, table_name: str) -> Sheet:
        for sheet, tbl in self.iter_tables():
            if tbl.name == table_name:
                return sheet
        raise KeyError(f"no table {table_name!r}")

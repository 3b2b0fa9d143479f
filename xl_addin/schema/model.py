"""The building blocks of a board profile: tabs, Excel Tables, columns, sections and rules.

A :class:`Profile` is everything particular to one board: its report's sections, the tabs
of its master workbook and the named Excel Tables on each, every column and key figure,
the cross-checks between them, the headline figures and how each table is computed,
printed and rolled over to a new year. Profiles are data files (``workbook/profiles/``),
read by :mod:`.loader`; these classes carry no behaviour beyond lookups, so the blank
workbook, the validation, the computation, the report and the data dictionary all read the
same declarations.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from xl_addin.schema.crossref import Check
from xl_addin.schema.expr import Call

__all__ = [
    "Kind",
    "Role",
    "Column",
    "Fact",
    "ChartSpec",
    "GroupSpec",
    "Display",
    "TableRollover",
    "Table",
    "Narrative",
    "Sheet",
    "Section",
    "HeadlineSpec",
    "StatutoryMap",
    "Profile",
    "FACT_COLUMNS",
    "NARRATIVE_STYLES",
    "PLACEMENT_STYLES",
]


class _Immutable:
    """A declaration never changes once built, so a copy of it is itself."""

    def __copy__(self) -> object:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> object:
        return self


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
class Column(_Immutable):
    """One column of an Excel Table."""

    key: str  # the name used in the profile, the code and the report template
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
    compute: Call | None = None  # COMPUTED: how the tool works it out
    since: str | None = None  # the profile version that added it (older workbooks lack it)

    @property
    def is_numeric(self) -> bool:
        return self.kind in {Kind.INTEGER, Kind.NUMBER, Kind.PERCENT, Kind.CURRENCY, Kind.MEASURE}


@dataclass(frozen=True)
class Fact(_Immutable):
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
    compute: Call | None = None  # worked out by the tool, never typed
    rollover: Call | None = None  # keep(), advance(), carry(fact), set(value, note); else emptied
    child_level: bool = False  # a count of children, deaths or young people
    since: str | None = None  # the profile version that added it (older workbooks lack it)

    @property
    def computed(self) -> bool:
        return self.compute is not None


# The columns every fact table has, in order. The value column's kind varies by row.
FACT_COLUMNS: tuple[Column, ...] = (
    Column("ref", "Ref", Kind.TEXT, "Fixed reference of the figure; do not change.",
           required=True, unique=True, width=24),
    Column("label", "Figure", Kind.TEXT, "What the figure is.", required=True, width=60),
    Column("value", "Value", Kind.FACT, "The figure itself.", width=16),
    Column("note", "Source or note", Kind.TEXT, "Where the figure comes from, or a caveat.",
           width=50),
)

# How a row of a Report text table is printed. The last two place a table or its chart:
# the row's Text names the table by its title on its tab (or its Excel Table name).
NARRATIVE_STYLES = ("Paragraph", "Bullet", "Quote", "Table", "Chart")
PLACEMENT_STYLES = ("Table", "Chart")


@dataclass(frozen=True)
class ChartSpec(_Immutable):
    """A chart of a table's columns against its category column (usually the year)."""

    kind: str  # "line" or "bar"
    series: tuple[str, ...]  # columns drawn, one series each
    x: str = "year"
    caption: str = ""  # defaults to the table's caption
    label: str = ""  # the value axis; defaults to the first series' header
    this_year: str | None = None  # a key figure giving the reporting year's value
    replaces_table: bool = False  # print the chart instead of the table
    with_table: bool = False  # print the chart with a short table too (beside it), unlabelled


@dataclass(frozen=True)
class GroupSpec(_Immutable):
    """Print one table per value of ``column``, captioned from a lookup table's row."""

    column: str
    lookup: str | None = None  # a table whose key column holds the group values
    caption: str = ""  # may quote the lookup row's columns: "Staff survey: {wording}"
    notes: tuple[str, ...] = ()  # likewise, each printed when all its columns are filled


@dataclass(frozen=True)
class Display(_Immutable):
    """How the report prints a table. Captions, headers and notes may quote ``{year}``,
    ``{last_year}``, ``{area}``, ``{period_end}`` and any key figure as ``{ref}``."""

    caption: str = ""  # defaults to the table's title
    columns: tuple[str, ...] = ()  # default: every input and computed column
    headers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    widths: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    decimals: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    blanks: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    fallback: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    total: bool = False  # add a totals row, added up from the rows
    notes: tuple[str, ...] = ()
    row_notes: str | None = None  # a column whose filled cells become notes under the table
    sort: str | None = None  # a column the rows are printed in order of
    chart: ChartSpec | None = None
    group: GroupSpec | None = None
    builder: str | None = None  # a bespoke display registered by name
    hidden: bool = False  # not printed (figures kept only for checking)


@dataclass(frozen=True)
class TableRollover(_Immutable):
    """How a table moves on to a new year (see :mod:`xl_addin.rollover.rules`)."""

    rule: str  # "series", "standing", "emptied", "earlier_years", "rolled_with" or a bespoke
    options: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    def text(self, key: str) -> str | None:
        value = self.options.get(key)
        return None if value is None else str(value)

    def names(self, key: str) -> tuple[str, ...]:
        value = self.options.get(key)
        return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()

    def pairs(self, key: str) -> tuple[tuple[str, str], ...]:
        value = self.options.get(key)
        if not isinstance(value, Mapping):
            return ()
        return tuple((str(k), str(v)) for k, v in value.items())

    def number(self, key: str) -> int:
        value = self.options.get(key)
        return int(value) if isinstance(value, int | float) else 0


@dataclass(frozen=True)
class Table(_Immutable):
    """A named Excel Table on a tab."""

    name: str  # the Excel Table name, e.g. "tblIndicators"
    title: str  # shown in the row above the table; how chairs and messages name it
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
    behaviour: str | None = None  # a bespoke behaviour registered by name ("indicators", ...)
    section: str | None = None  # the report section it belongs to, when not placed in text
    display: Display = field(default_factory=Display)
    rollover: TableRollover | None = None
    child_level: bool = False  # its counts are of individual children, deaths or young people
    since: str | None = None  # the profile version that added it (older workbooks lack it)
    custom: bool = False  # a chair's own table, read from the workbook with no declaration
    tab: str = ""  # the tab it sits on (set by the loader)
    shared_title: bool = False  # another table of the profile has the same title

    def __post_init__(self) -> None:
        if self.facts and self.columns and self.columns != FACT_COLUMNS:
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

    @property
    def is_narrative(self) -> bool:
        return any(column.placeholders for column in self.columns)

    def has(self, key: str) -> bool:
        return any(col.key == key for col in self.columns)

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
class Narrative(_Immutable):
    """A tab's Report text table and the sections its rows may write."""

    table: str
    sections: tuple[str, ...]


@dataclass(frozen=True)
class Sheet(_Immutable):
    """A worksheet (tab), owned by one sub-group or team."""

    name: str
    owner: str
    title: str
    description: str
    tables: tuple[Table, ...]
    narrative: Narrative | None = None

    def table(self, name: str) -> Table:
        for tbl in self.tables:
            if tbl.name == name:
                return tbl
        raise KeyError(f"sheet {self.name!r} has no table {name!r}")


@dataclass(frozen=True)
class Section(_Immutable):
    """A section of the report, with a stable id; its printed number follows its place."""

    id: str
    title: str  # may contain {area}, replaced by the Settings area in the report
    tab: str  # the tab whose chair writes this section
    builder: str | None = None  # a bespoke section registered by name ("on_a_page")
    options: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    enabled: bool = True  # a board can switch a section off: its tables are then not required

    @property
    def label(self) -> str:
        """How the section is named in the Report text dropdown."""
        return self.title.format(area="The Area")

    def heading(self, area: str) -> str:
        """The heading printed in the report: "Cumbria's Children and Young People"."""
        return self.title.format(area=area)

    @property
    def tag(self) -> str:
        """The Word template's tag for this section: ``{{p section_<id> }}``."""
        return f"section_{self.id}"


@dataclass(frozen=True)
class HeadlineSpec(_Immutable):
    """A headline figure of the year, this year against last (Dashboard, report on a page)."""

    key: str
    label: str
    kind: str  # "number", "percent" or "rate"
    source: Call  # series(...), facts(...), history(...) or count(...)
    better: str = ""  # "High" or "Low" when a direction is better


@dataclass(frozen=True)
class StatutoryMap(_Immutable):
    """Where a board's report meets one statutory requirement (xl_addin/statutory): each
    section, table and key figure named must have content for the requirement to be met."""

    sections: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Profile(_Immutable):
    """Everything particular to one board: the workbook, the report and their rules."""

    name: str  # the profile's id, e.g. "starter"
    title: str
    version: str  # the workbook layout version; a workbook records the one it was made with
    sheets: tuple[Sheet, ...]
    owners: Mapping[str, str]  # owner -> tab colour (hex RGB)
    sections: tuple[Section, ...] = ()
    checks: tuple[Check, ...] = ()
    headlines: tuple[HeadlineSpec, ...] = ()
    description: str = ""
    template: str = "annual_report.docx"  # in word_templates/, or a path beside the profile
    source: str = ""  # the file it was read from, for messages
    statutory: Mapping[str, StatutoryMap] = field(
        default_factory=lambda: MappingProxyType({}))  # requirement id -> where it is met

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

    def has_table(self, name: str) -> bool:
        return any(tbl.name == name for _, tbl in self.iter_tables())

    def table(self, name: str) -> Table:
        return self.sheet_of(name).table(name)

    def sheet_of(self, table_name: str) -> Sheet:
        for sheet, tbl in self.iter_tables():
            if tbl.name == table_name:
                return sheet
        raise KeyError(f"no table {table_name!r}")

    def fact(self, key: str) -> Fact:
        for _, fact in self.iter_facts():
            if fact.key == key:
                return fact
        raise KeyError(f"no key figure {key!r}")

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(f"no section {section_id!r}")

    def enabled_sections(self) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.enabled)

    def section_of_table(self, table: Table) -> Section | None:
        """The section a table belongs to when no chair placed it in the text."""
        if table.section is not None:
            return self.section(table.section)
        sheet = self.sheet_of(table.name)
        owned = [s for s in self.sections if s.tab == sheet.name]
        return owned[0] if owned else None

    def is_switched_off(self, table: Table) -> bool:
        """True when every section the table could print in is switched off."""
        section = self.section_of_table(table)
        return section is not None and not section.enabled

    def headline(self, key: str) -> HeadlineSpec:
        for headline in self.headlines:
            if headline.key == key:
                return headline
        raise KeyError(f"no headline {key!r}")


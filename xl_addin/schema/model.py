"""The one declaration of a board profile: tabs, Excel Tables, columns, sections and rules.

A :class:`Profile` is everything particular to one board: its report's sections, the tabs
of its master workbook and the named Excel Tables on each, every column and key figure,
the cross-checks between them, the headline figures and how each table is computed,
printed and rolled over to a new year. Profiles are data files (``workbook/profiles/``).

These classes are both what a profile file may say and what the tool works with: each
field's type, default and constraints are written here once, with the markers of
:mod:`.decode` (``Key("name")`` where the file's key differs from the attribute,
``Pattern``, ``Between``, ``Items``, and ``Convert`` for a formula the file writes as text
and the declaration holds parsed). :mod:`.loader` reads a file into them with
:func:`~.decode.decode`, then checks what the shape cannot (that every name refers to
something that exists); the blank workbook, the validation, the computation, the report
and the data dictionary all read the same objects. Like Frictionless Data's Table Schema,
a table lists its ``fields``, each with a ``name``, a ``title``, a ``type`` and
constraints (``required``, ``unique``, ``choices``, ``minimum``, ``maximum``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType
from typing import Annotated, Any, Literal, TypeVar

from xl_addin.core.decode import (
    FIXED,
    Between,
    Convert,
    Items,
    Key,
    Length,
    Pattern,
    Problems,
    decode,
)
from xl_addin.core.palette import RAG_FILLS
from xl_addin.schema.behaviours import (
    COLUMN_FUNCTIONS,
    FACT_FUNCTIONS,
    FACT_ROLLOVERS,
    HEADLINE_SOURCES,
    TABLE_BEHAVIOURS,
)
from xl_addin.schema.crossref import Check
from xl_addin.schema.expr import Call, ExprError, Name, parse_expr
from xl_addin.schema.placeholders import NEUTRAL, fill

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
    "CheckSpec",
    "StatutoryMap",
    "Profile",
    "FACT_COLUMNS",
    "NARRATIVE_STYLES",
    "PLACEMENT_STYLES",
    "BLANK_ROWS",
    "RATING_LETTERS",
]

BLANK_ROWS = 10  # blank rows a fresh workbook offers a table that does not say
RATING_LETTERS = tuple(RAG_FILLS)  # the letters the workbook and the report colour


_K = TypeVar("_K")
_V = TypeVar("_V")


def _index(pairs: Iterator[tuple[_K, _V]]) -> dict[_K, _V]:
    """A lookup keeping the first value of each key, as a scan in order would find it."""
    out: dict[_K, _V] = {}
    for key, value in pairs:
        out.setdefault(key, value)
    return out


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


# --- what a value in the file may be --------------------------------------------------------

IDENTIFIER = Pattern(r"[a-z][a-z0-9_]{0,62}", "lower-case letters, digits and _, starting "
                     "with a letter")
Identifier = Annotated[str, IDENTIFIER]
TableName = Annotated[str, Pattern(r"[A-Za-z_][A-Za-z0-9_]{0,62}", "letters, digits and _ "
                                   "(an Excel Table name), starting with a letter")]
SectionId = Annotated[str, Pattern(r"[a-z][a-z0-9_]{0,40}", "lower-case letters, digits and "
                                   "_, starting with a letter")]
Label = Annotated[str, Length(1, 255)]
Prose = Annotated[str, Length(0, 2_000)]
Version = Annotated[str, Pattern(r"\d+(\.\d+){0,2}", "a version such as 1.2 (in quotes)")]


def _colour(raw: object, where: str, problems: Problems) -> str | None:
    """An RGB colour; YAML reads an all-digit colour (548235) as a number: take it back."""
    text = f"{raw:06d}" if isinstance(raw, int) and not isinstance(raw, bool) else raw
    if isinstance(text, str) and len(text.strip()) == 6 and all(
            c in "0123456789abcdefABCDEF" for c in text.strip()):
        return text.strip()
    problems.add(where, f"{raw!r} is not a colour: write six hexadecimal digits, e.g. 4472C4")
    return None


def _version(raw: object, where: str, problems: Problems) -> str | None:
    """A version; YAML reads 1.10 as the number 1.1, so a version must be quoted to keep it."""
    text = repr(raw) if isinstance(raw, float) else str(raw) if isinstance(raw, int) and \
        not isinstance(raw, bool) else raw
    if isinstance(text, str) and Pattern(r"\d+(\.\d+){0,2}", "").compiled.fullmatch(
            text.strip()):
        return text.strip()
    problems.add(where, f"{raw!r} is not a version such as '1.2' (write it in quotes)")
    return None


Colour = Annotated[str, Convert(_colour)]


def formula(known: Mapping[str, tuple[int, int]]) -> Convert:
    """A formula the file writes as ``ratio(a, b)``, parsed, naming a function of ``known``
    with the number of values it takes. A bare name means a call without values."""

    def parse(raw: object, where: str, problems: Problems) -> Call | None:
        if not isinstance(raw, str) or not raw.strip() or len(raw) > 2_000:
            problems.add(where, f"{raw!r} is not a formula such as ratio(a, b)")
            return None
        try:
            tree = parse_expr(raw)
        except ExprError as exc:
            problems.note(where, str(exc))
            return None
        if isinstance(tree, Name):
            tree = Call(tree.text)
        if not isinstance(tree, Call):
            problems.note(where, f"{raw!r} is not a formula such as ratio(a, b)")
            return None
        if tree.name not in known:
            from xl_addin.core.decode import _nearest

            problems.note(where, f"unknown function {tree.name!r}{_nearest(tree.name, known)}"
                          f"; known: {', '.join(sorted(known))}")
            return None
        low, high = known[tree.name]
        if not low <= len(tree.args) <= high:
            problems.note(where, f"{tree.name}() takes {low}"
                          + (f" to {high}" if high != low else "")
                          + f" value(s), not {len(tree.args)}")
        return tree

    return Convert(parse)


# --- columns and key figures ----------------------------------------------------------------


@dataclass(frozen=True)
class Column(_Immutable):
    """One column of an Excel Table (a ``field`` of a table in the file)."""

    LABEL = ("field", "name")

    key: Annotated[str, Key("name"), IDENTIFIER]  # the name in formulas and the template
    header: Annotated[str, Key("title"), Length(1, 255)]  # the header cell text in Excel
    kind: Annotated[Kind, Key("type")]
    description: Prose = ""
    required: bool = False
    choices: tuple[Label, ...] = ()
    unit: str = ""
    role: Role = Role.INPUT
    minimum: float | None = 0  # numbers below this are errors; None allows negatives
    maximum: float | None = None  # percentages are always capped at 100%
    unique: bool = False
    unit_from: Identifier | None = None  # MEASURE/TARGET: the key of the column giving the unit
    width: Annotated[int | None, Between(3, 255)] = None  # characters; default by kind
    placeholders: bool = False  # TEXT: may quote figures as {ref}
    required_if: tuple[Identifier, ...] = ()  # required when any of these columns is filled
    compute: Annotated[Call | None, formula(COLUMN_FUNCTIONS)] = None  # how the tool works it out
    since: Label | None = None  # the profile version that added it (older workbooks lack it)
    # CHOICE: its letters are coloured like RAG ratings and counted; None in the file means
    # "when its choices are rating letters" (two or more of G/A/R/C, and at most one other)
    rating_declared: Annotated[bool | None, Key("rating")] = None
    rating: Annotated[bool, FIXED] = False  # what it comes to (worked out from the above)

    def __post_init__(self) -> None:
        letters = [c for c in self.choices if c in RATING_LETTERS]
        automatic = len(letters) >= 2 and len(self.choices) - len(letters) <= 1
        chosen = automatic if self.rating_declared is None else self.rating_declared
        object.__setattr__(self, "rating", chosen and self.kind is Kind.CHOICE)

    @property
    def is_numeric(self) -> bool:
        return self.kind in {Kind.INTEGER, Kind.NUMBER, Kind.PERCENT, Kind.CURRENCY, Kind.MEASURE}


@dataclass(frozen=True)
class Fact(_Immutable):
    """One declared row of a fact table: a single figure with its own kind."""

    LABEL = ("figure", "key")

    key: Identifier
    label: Label
    kind: Annotated[Kind, Key("type")]
    description: Prose = ""
    required: bool = True  # a computed figure is never required of a person
    unit: str = ""
    minimum: float | None = 0  # a computed figure has no minimum (it may be a fall)
    maximum: float | None = None
    choices: tuple[Label, ...] = ()
    compute: Annotated[Call | None, formula(FACT_FUNCTIONS)] = None  # worked out, never typed
    # keep(), advance(), carry(fact), set(value, note); else emptied
    rollover: Annotated[Call | None, formula(FACT_ROLLOVERS)] = None
    child_level: bool = False  # a count of children, deaths or young people
    since: Label | None = None  # the profile version that added it (older workbooks lack it)

    def __post_init__(self) -> None:
        if self.compute is not None:
            object.__setattr__(self, "required", False)
            object.__setattr__(self, "minimum", None)

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


# --- how a table is printed -------------------------------------------------------------------


@dataclass(frozen=True)
class ChartSpec(_Immutable):
    """A chart of a table's columns against its category column (usually the year)."""

    kind: Literal["line", "bar"]
    series: Annotated[tuple[Identifier, ...], Items(1, 6)]  # columns drawn, one series each
    x: Identifier = "year"
    caption: Prose = ""  # defaults to the table's caption
    label: Prose = ""  # the value axis; defaults to the first series' header
    this_year: Identifier | None = None  # a key figure giving the reporting year's value
    replaces_table: bool = False  # print the chart instead of the table
    with_table: bool = False  # print the chart with a short table too (beside it), unlabelled


@dataclass(frozen=True)
class GroupSpec(_Immutable):
    """Print one table per value of ``column``, captioned from a lookup table's row."""

    column: Identifier
    lookup: TableName | None = None  # a table whose key column holds the group values
    caption: Prose = ""  # may quote the lookup row's columns: "Staff survey: {wording}"
    notes: tuple[Prose, ...] = ()  # likewise, each printed when all its columns are filled


def _empty() -> Mapping[Any, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Display(_Immutable):
    """How the report prints a table (``report:`` in the file; ``report: false`` hides it).
    Captions, headers and notes may quote ``{year}``, ``{last_year}``, ``{area}``,
    ``{period_end}`` and any key figure as ``{ref}``."""

    caption: Prose = ""  # defaults to the table's title
    columns: tuple[Identifier, ...] = ()  # default: every input and computed column
    headers: Mapping[Identifier, Label] = field(default_factory=_empty)
    widths: Mapping[Identifier, Annotated[float, Between(0, 20, above=True)]] = field(
        default_factory=_empty)
    decimals: Mapping[Identifier, Annotated[int, Between(0, 4)]] = field(default_factory=_empty)
    blanks: Mapping[Identifier, Label] = field(default_factory=_empty)
    fallback: Mapping[Identifier, Identifier] = field(default_factory=_empty)
    total: bool = False  # add a totals row, added up from the rows
    notes: tuple[Prose, ...] = ()
    row_notes: Identifier | None = None  # a column whose filled cells become notes under it
    sort: Identifier | None = None  # a column the rows are printed in order of
    chart: ChartSpec | None = None
    group: GroupSpec | None = None
    builder: Identifier | None = None  # a bespoke display registered by name
    hidden: bool = False  # not printed (figures kept only for checking)


def _display(raw: object, where: str, problems: Problems) -> Display | None:
    if raw is False:
        return Display(hidden=True)
    value = decode(Display, raw, where, problems)
    return value if isinstance(value, Display) else None


# --- how a table moves on to a new year -----------------------------------------------------


@dataclass(frozen=True)
class TableRollover(_Immutable):
    """How a table moves on to a new year (see :mod:`xl_addin.rollover`): one ``rule`` and
    the options that rule takes. In the file: ``rollover: series`` or ``rollover:
    {series: {lag: 1}}``."""

    rule: str  # "series", "standing", "emptied", "earlier_years", "rolled_with" or a bespoke
    # series: a year in arrears (lag), the two columns only the newest year keeps, the
    # population column carried with the year
    lag: Annotated[int, Between(0, 3)] = 0
    latest_only: Annotated[tuple[Label, ...], Items(2, 2)] | None = None
    population: Identifier | None = None
    # standing: columns carried (to: from), emptied, advanced a year; the one newest row kept
    carry: Mapping[Identifier, Identifier] = field(default_factory=_empty)
    clear: tuple[Identifier, ...] = ()
    advance: tuple[Identifier, ...] = ()
    newest_only: Identifier | None = None
    tally: Prose | None = None  # what the new-year summary says was done
    keep_if: Mapping[Identifier, tuple[Label, ...]] = field(
        default_factory=_empty)  # rows kept as they are: a column and the values that keep them
    # earlier_years: the column of earlier years and the computed total it feeds
    column: Identifier | None = None
    total: Identifier | None = None
    # rolled_with: the table it moves with; business_plan: the history table of actions
    table: TableName | None = None
    history: TableName | None = None

    def text(self, key: str) -> str | None:
        value = getattr(self, key, None)
        return None if value is None else str(value)

    def names(self, key: str) -> tuple[str, ...]:
        value = getattr(self, key, None)
        return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()

    def pairs(self, key: str) -> tuple[tuple[str, str], ...]:
        value = getattr(self, key, None)
        if not isinstance(value, Mapping):
            return ()
        return tuple((str(k), str(v)) for k, v in value.items())

    def number(self, key: str) -> int:
        value = getattr(self, key, None)
        return int(value) if isinstance(value, int | float) else 0


ROLLOVER_OPTIONS: dict[str, tuple[str, ...]] = {  # rule -> the options it takes
    "series": ("lag", "latest_only", "population"),
    "standing": ("carry", "clear", "advance", "newest_only"),
    "emptied": (),
    "earlier_years": ("column", "total"),
    "rolled_with": ("table",),
    "business_plan": ("history",),
}
ROLLOVER_NEEDS: dict[str, tuple[str, ...]] = {
    "earlier_years": ("column", "total"), "rolled_with": ("table",),
    "business_plan": ("history",)}


def _rollover(raw: object, where: str, problems: Problems) -> TableRollover | None:
    if isinstance(raw, str) and raw.strip() in ("emptied", "series", "standing"):
        return TableRollover(raw.strip())
    if not isinstance(raw, Mapping) or len(raw) != 1:
        problems.add(where, "name exactly one rule: series, standing, emptied, earlier_years, "
                     "rolled_with or business_plan")
        return None
    ((rule, options),) = raw.items()
    if rule not in ROLLOVER_OPTIONS:
        problems.add(where, f"unknown rule {rule!r}; known: {', '.join(ROLLOVER_OPTIONS)}")
        return None
    options = {} if options is None else options
    if not isinstance(options, Mapping):
        problems.add(f"{where}, {rule}", "expected a mapping of options")
        return None
    allowed = ROLLOVER_OPTIONS[rule]
    for key in options:
        if key not in allowed:
            problems.add(f"{where}, {rule}", f"unknown option {str(key)!r}; {rule} takes "
                         + (", ".join(allowed) or "no options"))
    for key in ROLLOVER_NEEDS.get(rule, ()):
        if key not in options:
            problems.add(f"{where}, {rule}", f"{key!r} is missing")
    if any(key not in allowed for key in options) or any(
            key not in options for key in ROLLOVER_NEEDS.get(rule, ())):
        return None
    decoded = decode(TableRollover, {"rule": rule, **options}, f"{where}, {rule}", problems)
    return decoded if isinstance(decoded, TableRollover) else None


# --- tables, tabs and sections ----------------------------------------------------------------


@dataclass(frozen=True)
class Table(_Immutable):
    """A named Excel Table on a tab: a table of rows (``fields``) or of key figures
    (``facts``)."""

    LABEL = ("table", "name")

    name: TableName  # the Excel Table name, e.g. "tblIndicators"
    title: Label  # shown in the row above the table; how chairs and messages name it
    description: Prose = ""
    columns: Annotated[tuple[Column, ...], Key("fields")] = ()
    facts: tuple[Fact, ...] = ()  # non-empty makes this a fact table
    key: Annotated[Identifier | None, Key("primary_key")] = None  # the column identifying a row
    total_label: Label | None = None  # a row whose label cell holds this is a totals row
    total_in: Identifier | None = None  # the label column for total_label; defaults to the key
    groups: tuple[Identifier, ...] = ()  # columns that split the rows into groups
    unique_together: tuple[Identifier, ...] = ()  # columns that together identify a row
    distinct: tuple[Identifier, ...] = ()  # columns that should identify a row (warning only)
    year_column: Identifier | None = None  # years run in order, one row per year (per group)
    year_group: tuple[Identifier, ...] = ()  # columns that group the rows of a multi-year table
    # empty rows a blank workbook offers: by default one per year of the window, else 10
    blank_rows_declared: Annotated[int | None, Key("blank_rows"), Between(0, 200)] = None
    window: Annotated[int | None, Between(1, 50)] = None  # years a series keeps
    behaviour: Identifier | None = None  # a bespoke behaviour ("indicators", ...)
    section: SectionId | None = None  # the report section it belongs to, when not placed
    display: Annotated[Display, Key("report"), Convert(_display)] = field(
        default_factory=Display)
    rollover: Annotated[TableRollover | None, Convert(_rollover)] = None
    child_level: bool = False  # its counts are of individual children, deaths or young people
    since: Label | None = None  # the profile version that added it (older workbooks lack it)
    blank_rows: Annotated[int, FIXED] = -1  # what that comes to (-1: not given in code)
    custom: Annotated[bool, FIXED] = False  # a chair's own table, read with no declaration
    tab: Annotated[str, FIXED] = ""  # the tab it sits on (set by the loader)
    shared_title: Annotated[bool, FIXED] = False  # another table has the same title

    def __post_init__(self) -> None:
        if self.facts and self.columns and self.columns != FACT_COLUMNS:
            raise ValueError("give either fields (a table of rows) or facts (a Key figures "
                             "table), not both")
        if self.facts:
            object.__setattr__(self, "columns", FACT_COLUMNS)
            object.__setattr__(self, "key", "ref")
        if self.blank_rows_declared is not None:
            object.__setattr__(self, "blank_rows", self.blank_rows_declared)
        elif self.blank_rows < 0:
            object.__setattr__(self, "blank_rows",
                               self.window if self.window is not None else BLANK_ROWS)
        behaviour = TABLE_BEHAVIOURS.get(self.behaviour or "")
        if behaviour is not None:  # what a bespoke behaviour implies, unless declared
            if behaviour.display and self.display.builder is None and not self.display.hidden:
                object.__setattr__(self, "display", _with_builder(self.display,
                                                                  behaviour.display))
            if behaviour.rollover and self.rollover is None:
                object.__setattr__(self, "rollover", TableRollover(behaviour.rollover))

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


def _with_builder(display: Display, builder: str) -> Display:
    from dataclasses import replace

    return replace(display, builder=builder)


@dataclass(frozen=True)
class Narrative(_Immutable):
    """A tab's Report text table and the sections its rows may write (``text:``)."""

    table: TableName
    sections: Annotated[tuple[SectionId, ...], Items(1)]


@dataclass(frozen=True)
class Sheet(_Immutable):
    """A worksheet (a ``tab`` in the file), owned by one sub-group or team."""

    LABEL = ("tab", "name")

    name: Annotated[str, Length(1, 31), Pattern(r"[^\\/?*\[\]:']+", "a tab name Excel "
                                                "allows (no \\ / ? * [ ] : ')")]
    owner: Label
    title: Label
    description: Prose = ""
    tables: tuple[Table, ...] = ()
    narrative: Annotated[Narrative | None, Key("text")] = None

    def table(self, name: str) -> Table:
        for tbl in self.tables:
            if tbl.name == name:
                return tbl
        raise KeyError(f"sheet {self.name!r} has no table {name!r}")


@dataclass(frozen=True)
class Section(_Immutable):
    """A section of the report, with a stable id; its printed number follows its place."""

    LABEL = ("section", "id")

    id: SectionId
    title: Label  # may quote {area}, {year} and the rest (schema/placeholders.py)
    tab: Label  # the tab whose chair writes this section
    builder: Identifier | None = None  # a bespoke section registered by name ("on_a_page")
    options: Mapping[Identifier, Any] = field(default_factory=_empty)
    enabled: bool = True  # a board can switch a section off: its tables are then not required

    @property
    def label(self) -> str:
        """How the section is named in the Report text dropdown of a blank workbook."""
        return self.label_for()

    def label_for(self, area: str | None = None) -> str:
        """The section's name in the Report text dropdown: its title with the area as
        Settings names it (``The Area`` before it does) and the year in words that stay
        true every year ("Priorities for next year")."""
        given = {**NEUTRAL, **({"area": area} if area else {})}
        return fill(self.title, given.get)

    def heading(self, area: str, quote: Callable[[str], str | None] | None = None) -> str:
        """The heading printed in the report: "Cumbria's Children and Young People";
        ``quote`` gives the other quotes (the year, a key figure)."""
        def value(name: str) -> str | None:
            if name == "area":
                return area
            found = quote(name) if quote is not None else None
            return found if found is not None else NEUTRAL.get(name)

        return fill(self.title, value)

    @property
    def tag(self) -> str:
        """The Word template's tag for this section: ``{{p section_<id> }}``."""
        return f"section_{self.id}"


# --- rules across the profile ---------------------------------------------------------------


@dataclass(frozen=True)
class HeadlineSpec(_Immutable):
    """A headline figure of the year, this year against last (Dashboard, report on a page)."""

    LABEL = ("headline", "key")

    key: Identifier
    label: Label
    kind: Literal["number", "percent", "rate"]
    source: Annotated[Call, formula(HEADLINE_SOURCES)]  # series, facts, history or count
    better: Literal["High", "Low", ""] = ""  # "High" or "Low" when a direction is better


@dataclass(frozen=True)
class CheckSpec(_Immutable):
    """A cross-check as the file writes it: ``id``, ``why`` and exactly one of the kinds
    (formulas as text). The loader compiles it, against the profile's tables and key
    figures, into the :class:`~.crossref.Check` validation runs (:mod:`.refs`)."""

    LABEL = ("check", "id")

    id: Annotated[str, Pattern(r"[a-z][a-z0-9.-]{0,62}", "lower-case letters, digits, . "
                               "and -")]
    why: Prose
    same: Annotated[tuple[Annotated[str, Length(1, 2_000)], ...], Items(2, 2)] | None = None
    tolerance: Annotated[float, Between(0, 0.5)] = 0.0
    at_least: Annotated[tuple[Annotated[str, Length(1, 2_000)], ...], Items(2, 2)] | None = None
    equation: Annotated[str, Length(1, 2_000)] | None = None
    percent_of: Annotated[tuple[Annotated[str, Length(1, 2_000)], ...],
                          Items(3, 3)] | None = None
    table: TableName | None = None  # the row_* checks' table
    row_percent: Annotated[tuple[Identifier, ...], Items(2, 3)] | None = None
    row_equation: Annotated[str, Length(1, 2_000)] | None = None
    row_rate: Annotated[tuple[Identifier, ...], Items(3, 3)] | None = None
    group_totals: Annotated[tuple[TableName, ...], Items(2)] | None = None
    column: Identifier | None = None  # group_totals: the column added up


@dataclass(frozen=True)
class StatutoryMap(_Immutable):
    """Where a board's report meets one statutory requirement (xl_addin/statutory): each
    section, table and key figure named must have content for the requirement to be met."""

    sections: tuple[SectionId, ...] = ()
    tables: tuple[TableName, ...] = ()
    facts: tuple[Identifier, ...] = ()


@dataclass(frozen=True)
class Profile(_Immutable):
    """Everything particular to one board: the workbook, the report and their rules."""

    name: Annotated[str, Key("profile"), Pattern(r"[a-z0-9][a-z0-9-]{0,62}", "lower-case "
                                                 "letters, digits and -")]  # e.g. "starter"
    title: Label
    # the workbook layout version; a workbook records the one it was made with
    version: Annotated[str, Convert(_version)]
    owners: Annotated[Mapping[Label, Colour], Items(1)]  # owner -> tab colour (hex RGB)
    sections: Annotated[tuple[Section, ...], Items(1)]
    sheets: Annotated[tuple[Sheet, ...], Key("tabs"), Items(1)]
    check_specs: Annotated[tuple[CheckSpec, ...], Key("checks")] = ()  # as written
    headlines: tuple[HeadlineSpec, ...] = ()
    description: Prose = ""
    # in word_templates/, or a path beside the profile
    template: Annotated[str, Pattern(r"[A-Za-z0-9_.-]+\.docx", "a .docx file name")] = \
        "annual_report.docx"
    statutory: Mapping[Identifier, StatutoryMap] = field(
        default_factory=_empty)  # requirement id -> where it is met
    # typed for a figure that is not available (e.g. "n/a"): read as blank, counted as filled
    missing_values: tuple[Label, ...] = ()
    source: Annotated[str, FIXED] = ""  # the file it was read from, for messages
    checks: Annotated[tuple[Check, ...], FIXED] = ()  # check_specs, compiled by the loader

    def iter_tables(self) -> Iterator[tuple[Sheet, Table]]:
        for sheet in self.sheets:
            for tbl in sheet.tables:
                yield sheet, tbl

    def iter_facts(self) -> Iterator[tuple[Table, Fact]]:
        for _, tbl in self.iter_tables():
            for fact in tbl.facts:
                yield tbl, fact

    # Lookups by name, built once per profile (a profile never changes once built); the
    # first of two equal names wins, as a scan in declaration order would find it.
    @cached_property
    def _sheets_by_name(self) -> dict[str, Sheet]:
        return _index((sheet.name, sheet) for sheet in self.sheets)

    @cached_property
    def _tables_by_name(self) -> dict[str, tuple[Sheet, Table]]:
        return _index((tbl.name, (sheet, tbl)) for sheet, tbl in self.iter_tables())

    @cached_property
    def _facts_by_key(self) -> dict[str, Fact]:
        return _index((fact.key, fact) for _, fact in self.iter_facts())

    @cached_property
    def _sections_by_id(self) -> dict[str, Section]:
        return _index((section.id, section) for section in self.sections)

    def sheet(self, name: str) -> Sheet:
        try:
            return self._sheets_by_name[name]
        except KeyError:
            raise KeyError(f"no sheet {name!r}") from None

    def has_table(self, name: str) -> bool:
        return name in self._tables_by_name

    def table(self, name: str) -> Table:
        try:
            return self._tables_by_name[name][1]
        except KeyError:
            raise KeyError(f"no table {name!r}") from None

    def sheet_of(self, table_name: str) -> Sheet:
        try:
            return self._tables_by_name[table_name][0]
        except KeyError:
            raise KeyError(f"no table {table_name!r}") from None

    def fact(self, key: str) -> Fact:
        try:
            return self._facts_by_key[key]
        except KeyError:
            raise KeyError(f"no key figure {key!r}") from None

    def section(self, section_id: str) -> Section:
        try:
            return self._sections_by_id[section_id]
        except KeyError:
            raise KeyError(f"no section {section_id!r}") from None

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

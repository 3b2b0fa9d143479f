"""What a board profile file may say, as pydantic models: the shape, before the meaning.

A profile is YAML. Its tables follow the ideas of Frictionless Data's Table Schema: each
table lists its ``fields``, each field has a ``name`` (the key used in formulas and the
template), a ``title`` (the header chairs see), a ``type`` and a ``description``, with
``required``, ``unique``, ``choices`` (Table Schema's ``enum``), ``minimum`` and
``maximum`` as constraints and ``primary_key`` naming the identifying field. What the
tool adds (a field's ``role``, a ``compute`` formula, how a table is printed and rolled
over) sits beside those keys. Unknown keys are errors, so a typing mistake is caught.

:mod:`.loader` turns a checked :class:`ProfileSpec` into the model the tool works with and
checks what the shape cannot: that every name refers to something that exists.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from xl_addin.schema.model import Kind, Role

__all__ = ["ProfileSpec", "TabSpec", "TableSpec", "FieldSpec", "FactSpec", "SectionSpec",
           "CheckSpec", "HeadlineSpec", "DisplaySpec", "ChartSpec", "GroupSpec", "TextSpec",
           "StatutorySpec"]

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,62}$")]
TableName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
SectionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,40}$")]
Label = Annotated[str, StringConstraints(min_length=1, max_length=255)]
Prose = Annotated[str, StringConstraints(max_length=2_000)]
def _digits(value: object) -> object:
    """YAML reads an all-digit colour (548235) or a version (2.0) as a number: take it back."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return f"{value:06d}"
    if isinstance(value, float):
        return repr(value)
    return value


Colour = Annotated[str, BeforeValidator(_digits), StringConstraints(pattern=r"^[0-9A-Fa-f]{6}$")]
Formula = Annotated[str, StringConstraints(min_length=1, max_length=2_000)]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class FieldSpec(_Spec):
    name: Identifier
    title: Label
    type: Kind
    description: Prose = ""
    role: Role = Role.INPUT
    required: bool = False
    unique: bool = False
    choices: list[Label] = []
    minimum: float | None = 0
    maximum: float | None = None
    unit: str = ""
    unit_from: Identifier | None = None
    width: Annotated[int, Field(ge=3, le=255)] | None = None
    placeholders: bool = False
    required_if: list[Identifier] = []
    compute: Formula | None = None
    since: Label | None = None


class FactSpec(_Spec):
    key: Identifier
    label: Label
    type: Kind
    description: Prose = ""
    required: bool = True
    unit: str = ""
    minimum: float | None = 0
    maximum: float | None = None
    choices: list[Label] = []
    compute: Formula | None = None
    rollover: Formula | None = None
    child_level: bool = False
    since: Label | None = None


class ChartSpec(_Spec):
    kind: Literal["line", "bar"]
    series: list[Identifier] = Field(min_length=1, max_length=6)
    x: Identifier = "year"
    caption: Prose = ""
    label: Prose = ""
    this_year: Identifier | None = None
    replaces_table: bool = False
    with_table: bool = False


class GroupSpec(_Spec):
    column: Identifier
    lookup: TableName | None = None
    caption: Prose = ""
    notes: list[Prose] = []


class DisplaySpec(_Spec):
    caption: Prose = ""
    columns: list[Identifier] = []
    headers: dict[Identifier, Label] = {}
    widths: dict[Identifier, Annotated[float, Field(gt=0, le=20)]] = {}
    decimals: dict[Identifier, Annotated[int, Field(ge=0, le=4)]] = {}
    blanks: dict[Identifier, Label] = {}
    fallback: dict[Identifier, Identifier] = {}
    total: bool = False
    notes: list[Prose] = []
    row_notes: Identifier | None = None
    sort: Identifier | None = None
    chart: ChartSpec | None = None
    group: GroupSpec | None = None
    builder: Identifier | None = None
    hidden: bool = False


class SeriesRollover(_Spec):
    lag: Annotated[int, Field(ge=0, le=3)] = 0
    latest_only: list[Label] | None = Field(default=None, min_length=2, max_length=2)
    population: Identifier | None = None


class StandingRollover(_Spec):
    carry: dict[Identifier, Identifier] = {}
    clear: list[Identifier] = []
    advance: list[Identifier] = []
    newest_only: Identifier | None = None


class EarlierYearsRollover(_Spec):
    column: Identifier
    total: Identifier


class WithRollover(_Spec):
    table: TableName


class BusinessPlanRollover(_Spec):
    history: TableName


class RolloverSpec(_Spec):
    """Exactly one of these says how the table moves on to a new year."""

    series: SeriesRollover | None = None
    standing: StandingRollover | None = None
    emptied: dict[str, Any] | None = None
    earlier_years: EarlierYearsRollover | None = None
    rolled_with: WithRollover | None = None
    business_plan: BusinessPlanRollover | None = None


class TableSpec(_Spec):
    name: TableName
    title: Label
    description: Prose = ""
    fields: list[FieldSpec] = []
    facts: list[FactSpec] = []
    primary_key: Identifier | None = None
    total_label: Label | None = None
    total_in: Identifier | None = None
    groups: list[Identifier] = []
    unique_together: list[Identifier] = []
    distinct: list[Identifier] = []
    year_column: Identifier | None = None
    year_group: list[Identifier] = []
    blank_rows: Annotated[int, Field(ge=0, le=200)] = 3
    window: Annotated[int, Field(ge=1, le=50)] | None = None
    behaviour: Identifier | None = None
    section: SectionId | None = None
    report: DisplaySpec | Literal[False] = DisplaySpec()
    rollover: RolloverSpec | Literal["emptied", "series", "standing"] | None = None
    child_level: bool = False
    since: Label | None = None


class TextSpec(_Spec):
    """A tab's Report text table and the sections it writes."""

    table: TableName
    sections: list[SectionId] = Field(min_length=1)


class TabSpec(_Spec):
    name: Annotated[str, StringConstraints(min_length=1, max_length=31,
                                           pattern=r"^[^\\/?*\[\]:']+$")]
    owner: Label
    title: Label
    description: Prose = ""
    text: TextSpec | None = None
    tables: list[TableSpec] = []


class SectionSpec(_Spec):
    id: SectionId
    title: Label
    tab: Label
    builder: Identifier | None = None
    options: dict[Identifier, Any] = {}
    enabled: bool = True


class CheckSpec(_Spec):
    """A cross-check: ``id``, ``why`` and exactly one of the kinds below."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9.-]{0,62}$")]
    why: Prose
    same: list[Formula] | None = Field(default=None, min_length=2, max_length=2)
    tolerance: Annotated[float, Field(ge=0, le=0.5)] = 0.0
    at_least: list[Formula] | None = Field(default=None, min_length=2, max_length=2)
    equation: Formula | None = None
    percent_of: list[Formula] | None = Field(default=None, min_length=3, max_length=3)
    table: TableName | None = None  # the row_* checks' table
    row_percent: list[Identifier] | None = Field(default=None, min_length=2, max_length=3)
    row_equation: Formula | None = None
    row_rate: list[Identifier] | None = Field(default=None, min_length=3, max_length=3)
    group_totals: list[TableName] | None = Field(default=None, min_length=2)
    column: Identifier | None = None  # group_totals: the column added up


class HeadlineSpec(_Spec):
    key: Identifier
    label: Label
    kind: Literal["number", "percent", "rate"]
    source: Formula
    better: Literal["High", "Low", ""] = ""


class StatutorySpec(_Spec):
    """Where a board's report meets one statutory requirement: all of these must have content."""

    sections: list[SectionId] = []
    tables: list[TableName] = []
    facts: list[Identifier] = []


class ProfileSpec(_Spec):
    profile: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]
    title: Label
    description: Prose = ""
    version: Annotated[str, BeforeValidator(lambda v: repr(v) if isinstance(v, float) else
                                            str(v) if isinstance(v, int) else v),
                       StringConstraints(pattern=r"^\d+(\.\d+){0,2}$")]
    template: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+\.docx$")] = \
        "annual_report.docx"
    owners: dict[Label, Colour] = Field(min_length=1)
    sections: list[SectionSpec] = Field(min_length=1)
    tabs: list[TabSpec] = Field(min_length=1)
    checks: list[CheckSpec] = []
    headlines: list[HeadlineSpec] = []
    statutory: dict[Identifier, StatutorySpec] = {}

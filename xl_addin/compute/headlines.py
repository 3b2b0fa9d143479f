"""The headline figures of the year: what the Dashboard shows and the report on a page quotes.

Every headline is worked out from the data, this year's and last year's, so a summary can
never quote a stale figure (the 2016-17 report's own summary page quoted the year before's
e-learning total as that year's). Which headlines a board has, and where each comes from,
is in its profile::

    series(tblEarlyHelp, rate, published_rate)   this year's and last year's rows; the first
                                                 filled column (the tool's own figure first)
    facts(s11_valid, s11_valid_before)           two key figures
    history(training_total, tblTrainingYears, attendees)
                                                 a computed total against last year's row
    count(tblReviews, kind, "Serious case review")  rows holding a value
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from xl_addin.core import fmt
from xl_addin.core.hidden import Hidden
from xl_addin.core.years import shift_year
from xl_addin.schema.expr import Call, Expr, Literal, Name
from xl_addin.schema.model import HeadlineSpec
from xl_addin.tables.dataset import Dataset
from xl_addin.tables.settings import Settings

__all__ = ["Headline", "headlines", "SOURCES"]


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    value: float | Hidden | None  # Hidden: withheld to protect a child (printed "c")
    previous: float | Hidden | None
    kind: str  # "number", "percent" or "rate"
    better: str = ""  # "High" or "Low" when a direction is better; "" when neither
    comparable: bool = True  # False when the two years' figures were worked out differently

    def shown(self, x: float | Hidden | None) -> str:
        if x is None:
            return "not known"
        if isinstance(x, Hidden):
            return str(x)
        if self.kind == "percent":
            return fmt.percent(x, 1 if abs(x * 1000 - round(x * 1000)) > 1e-9 else None)
        return fmt.number(x, 1 if self.kind == "rate" else 0)

    def change(self, style: str = "+1 pp") -> str | None:
        if self.value is None or self.previous is None or not self.comparable:
            return None
        if isinstance(self.value, Hidden) or isinstance(self.previous, Hidden):
            return str(Hidden())  # a change from or to a withheld figure gives it away
        places = 1 if self.kind in {"percent", "rate"} else 0
        return fmt.change_between(self.value, self.previous, places,
                                  percent=self.kind == "percent", style=style)


class Results(Protocol):
    """What a headline needs from the computation (``Computed`` provides it)."""

    facts: dict[str, object]

    def value(self, table: str, index: object, column: str) -> object: ...


Pair = tuple[float | None, float | None, bool]  # this year, last year, comparable
Source = Callable[[Call, Dataset, Results, Settings], Pair]


def _float(x: object) -> float | None:
    if isinstance(x, bool) or not isinstance(x, int | float):
        return None
    return float(x)


def _arg(expr: Expr) -> str:
    if isinstance(expr, Name):
        return expr.text
    if isinstance(expr, Literal):
        return str(expr.value)
    return str(expr)


def _series(call: Call, data: Dataset, computed: Results, settings: Settings) -> Pair:
    table, *columns = (_arg(a) for a in call.args)
    found = data.tables.get(table)
    if found is None or settings.year is None:
        return None, None, True
    year_column = found.table.year_column or "year"

    def one(index: object) -> tuple[float | None, str]:
        if not data.row_ok(table, index):
            return None, ""  # nothing from a row with an error
        rows = found.rows
        for column in columns:
            typed = rows.at[index, column] if column in rows else None
            value = typed if typed is not None else computed.value(table, index, column)
            if value is not None:
                return _float(value), column
        return None, ""

    now, before = (found.find(year_column, shift_year(settings.year, offset))
                   for offset in (0, -1))
    value, source = (None, "") if now is None else one(now)
    previous, earlier = (None, "") if before is None else one(before)
    return value, previous, source == earlier


def _facts(call: Call, data: Dataset, computed: Results, _: Settings) -> Pair:
    now = _arg(call.args[0])
    before = _arg(call.args[1]) if len(call.args) > 1 else None
    value = computed.facts.get(now, data.facts.get(now))
    return _float(value), _float(data.facts.get(before) if before else None), True


def _history(call: Call, data: Dataset, computed: Results, settings: Settings) -> Pair:
    total, table, column = (_arg(a) for a in call.args)
    found = data.tables.get(table)
    previous = None
    if found is not None and settings.year is not None:
        index = found.find(found.table.year_column or "year", shift_year(settings.year, -1))
        previous = None if index is None or not data.row_ok(table, index) \
            else found.rows.at[index, column]
    return _float(computed.facts.get(total)), _float(previous), True


def _count(call: Call, data: Dataset, _: Results, __: Settings) -> Pair:
    table, column, value = (_arg(a) for a in call.args)
    found = data.tables.get(table)
    if found is None or found.rows.empty:
        return None, None, True  # a table not filled in yet counts nothing, not 0
    if data.bad_rows.get(table):
        return None, None, True  # a count over rows with errors would be wrong
    return float((found.rows[column] == value).sum()), None, True


SOURCES: dict[str, Source] = {"series": _series, "facts": _facts, "history": _history,
                              "count": _count}


def headline(spec: HeadlineSpec, data: Dataset, computed: Results,
             settings: Settings) -> Headline:
    value, previous, comparable = SOURCES[spec.source.name](spec.source, data, computed,
                                                            settings)
    return Headline(spec.key, spec.label, value, previous, spec.kind, spec.better, comparable)


def headlines(data: Dataset, computed: Results) -> list[Headline]:
    """The year's headline figures, this year against last where last year is known."""
    settings = Settings(data.facts)
    return [headline(spec, data, computed, settings) for spec in data.profile.headlines]

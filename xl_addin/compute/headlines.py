"""The headline figures of the year: what the Dashboard shows and the report-on-a-page quotes.

Every headline is worked out from the data, this year's and last year's, so a summary can
never quote a stale figure (the 2016-17 report's own summary page quoted the year before's
e-learning total as that year's).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from .. import fmt
from ..dataset import Dataset
from ..years import shift_year
from .derived import Settings

__all__ = ["Headline", "headlines"]


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    value: float | None
    previous: float | None
    kind: str  # "number", "percent" or "rate"
    better: str = ""  # "High" or "Low" when a direction is better; "" when neither
    comparable: bool = True  # False when the two years' figures were worked out differently

    def shown(self, x: float | None) -> str:
        if x is None:
            return "not known"
        if self.kind == "percent":
            return fmt.percent(x, 1 if abs(x * 1000 - round(x * 1000)) > 1e-9 else None)
        return fmt.number(x, 1 if self.kind == "rate" else 0)

    def change(self, style: str = "+1 pp") -> str | None:
        if self.value is None or self.previous is None or not self.comparable:
            return None
        places = 1 if self.kind in {"percent", "rate"} else 0
        return fmt.change_between(self.value, self.previous, places,
                                  percent=self.kind == "percent", style=style)


class Results(Protocol):
    """What a headline needs from the computation (``Computed`` provides it)."""

    facts: dict[str, object]

    def value(self, table: str, index: object, column: str) -> object: ...


Pair = tuple[float | None, float | None, bool]  # this year, last year, comparable
Source = Callable[[Dataset, Results, Settings], Pair]


def _float(x: object) -> float | None:
    return None if x is None else float(x)  # type: ignore[arg-type]


def _series(table: str, *columns: str) -> Source:
    """This year's and last year's value, each from the first of ``columns`` that is filled.

    List the tool's own (computed) column first, so a headline quotes what the report's
    tables print. Two years filled from different columns (a rate worked out this year, a
    published one last year) are not compared.
    """

    def one(data: Dataset, computed: Results, index: object) -> tuple[float | None, str]:
        rows = data.tables[table].rows
        for column in columns:
            typed = rows.at[index, column] if column in rows else None
            value = typed if typed is not None else computed.value(table, index, column)
            if value is not None:
                return _float(value), column
        return None, ""

    def read(data: Dataset, computed: Results, settings: Settings) -> Pair:
        found = data.tables.get(table)
        if found is None or settings.year is None:
            return None, None, True
        now, before = (found.find("year", shift_year(settings.year, offset)) for offset in (0, -1))
        value, source = (None, "") if now is None else one(data, computed, now)
        previous, earlier = (None, "") if before is None else one(data, computed, before)
        return value, previous, source == earlier

    return read


def _facts(now: str, before: str | None = None) -> Source:
    def read(data: Dataset, computed: Results, _: Settings) -> Pair:
        value = computed.facts.get(now, data.facts.get(now))
        return _float(value), _float(data.facts.get(before) if before else None), True

    return read


def _history(total: str, table: str, column: str) -> Source:
    def read(data: Dataset, computed: Results, settings: Settings) -> Pair:
        found = data.tables.get(table)
        previous = None
        if found is not None and settings.year is not None:
            index = found.find("year", shift_year(settings.year, -1))
            previous = None if index is None else found.rows.at[index, column]
        return _float(computed.facts.get(total)), _float(previous), True

    return read


def _count(table: str, column: str, value: str) -> Source:
    def read(data: Dataset, _: Results, __: Settings) -> Pair:
        found = data.tables.get(table)
        if found is None:
            return None, None, True
        return float((found.rows[column] == value).sum()), None, True

    return read


# (key, label, kind, better direction, source)
HEADLINES: tuple[tuple[str, str, str, str, Source], ...] = (
    ("eha_rate", "Early Help Assessments per 10,000 children", "rate", "High",
     _series("tblEarlyHelp", "rate", "published_rate")),
    ("rereferrals", "Referrals that were re-referrals within 12 months", "percent", "Low",
     _series("tblReReferrals", "percent", "published_percent")),
    ("cp_plans", "Children on a child protection plan at 31 March", "number", "",
     _series("tblChildProtection", "number")),
    ("looked_after", "Children looked after at 31 March", "number", "",
     _series("tblLookedAfter", "number")),
    ("training", "Places taken on multi-agency training", "number", "High",
     _history("training_total", "tblTrainingYears", "attendees")),
    ("elearning", "E-learning courses passed", "number", "High",
     _series("tblElearningYears", "passed")),
    ("s11_responses", "Section 11 audit responses", "number", "High",
     _facts("s11_valid", "s11_valid_before")),
    ("survey", "Front-line staff who answered the survey", "number", "High",
     _facts("survey_respondents", "survey_respondents_before")),
    ("lado", "Allegations against staff referred to the LADO", "number", "",
     _history("lado_total", "tblLadoYears", "allegations")),
    ("scrs", "Serious case reviews published", "number", "",
     _count("tblReviews", "kind", "Serious case review")),
    ("chelseas_choice", "Children who saw Chelsea's Choice", "number", "High",
     _facts("chelseas_choice_children")),
    ("procedures_useful", "Users who found the procedures manual useful", "percent", "High",
     _facts("trix_useful")),
    ("twitter", "Followers on Twitter", "number", "High", _facts("twitter_followers")),
    ("newsletter", "Practitioners signed up for newsletters", "number", "High",
     _facts("newsletter_recipients")),
)


def headlines(data: Dataset, computed: Results) -> list[Headline]:
    """The year's headline figures, this year against last where last year is known."""
    settings = Settings(data)
    out = []
    for key, label, kind, better, source in HEADLINES:
        value, previous, comparable = source(data, computed, settings)
        out.append(Headline(key, label, value, previous, kind, better, comparable))
    return out

"""Derived figures: rates, percentages, gaps, totals and year-on-year changes.

Each function takes the typed tables and returns the values of one table's computed
columns (a DataFrame aligned with the table's rows) or computed key figures. Nothing here
reads or writes a file.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .. import fmt
from ..dataset import Dataset, TableData, records
from ..years import shift_year

__all__ = ["TABLE_RULES", "derived_facts", "Settings", "population_for"]


class Settings:
    """The Settings figures the computation needs, with the board's defaults."""

    def __init__(self, data: Dataset) -> None:
        facts = data.facts
        self.year: str | None = facts.get("reporting_year")  # type: ignore[assignment]
        self.population: int | None = facts.get("child_population")  # type: ignore[assignment]
        self.style: str = str(facts.get("difference_style") or "+1 pp")
        # a blank setting takes the default; zero is a real choice ("any shortfall")
        self.band = _setting(facts, "trend_no_change_band", 0.0)
        self.amber = _setting(facts, "rag_amber_tolerance", 0.05)
        self.red = _setting(facts, "rag_red_tolerance", 0.10)
        self.red_typed = self.red  # as typed, for messages, if the pair must be corrected


def _setting(facts: dict[str, object], key: str, default: float) -> float:
    value = facts.get(key)
    return default if value is None else float(value)  # type: ignore[arg-type]


def population_for(row: dict[str, object], settings: Settings) -> object:
    """The children a rate per 10,000 is taken over: the row's own population, or for the
    reporting year only, the Settings figure; None where neither is known."""
    if row.get("population") is not None:
        return row["population"]
    return settings.population if row.get("year") == settings.year else None


def _ratio(top: object, bottom: object) -> float | None:
    if top is None or not bottom:
        return None
    return float(top) / float(bottom)  # type: ignore[arg-type]


def _places(values: list[object], percent: bool) -> int:
    shown = [fmt.decimals_shown(float(v) * (100 if percent else 1)) for v in values
             if isinstance(v, int | float)]
    return max(shown, default=0)


def _changes(frame: pd.DataFrame, column: str, settings: Settings, *,
             percent: bool = False, places: int | None = None) -> list[str | None]:
    """Each row's change from the row before, in the board's style (rows are in year order)."""
    values = list(frame[column])
    if places is None:
        places = _places(values, percent)
    out: list[str | None] = [None]
    for before, now in zip(values, values[1:], strict=False):
        if before is None or now is None:
            out.append(None)
        else:
            out.append(fmt.change_between(float(now), float(before), places, percent=percent,
                                      style=settings.style))
    return out[: len(values)]


def _frame(table: TableData, **columns: list[object]) -> pd.DataFrame:
    return pd.DataFrame(columns, index=table.rows.index, dtype=object)


# --- one function per table -----------------------------------------------------------------


def _snapshot_series(table: TableData, _: Dataset, settings: Settings) -> pd.DataFrame:
    rates = []
    for _, row in records(table.rows):
        ratio = _ratio(row["number"], population_for(row, settings))
        rates.append(None if ratio is None else fmt.round_half_up(ratio * 10_000, 1))
    return _frame(table, rate=rates, change=_changes(table.rows, "number", settings))


def _rereferrals(table: TableData, _: Dataset, settings: Settings) -> pd.DataFrame:
    rows = table.rows
    percent = [_ratio(r["re_referrals"], r["referrals"]) for _, r in records(rows)]
    computed = rows.assign(percent=percent)
    return _frame(table, percent=percent,
                  change=_changes(computed, "percent", settings, percent=True, places=1))


def _share(count: str, base: str) -> Callable[[TableData, Dataset, Settings], pd.DataFrame]:
    def rule(table: TableData, _: Dataset, __: Settings) -> pd.DataFrame:
        values = [_ratio(r[count], r[base]) for _, r in records(table.rows)]
        key = "rate" if "rate" in {c.key for c in table.table.columns} else "percent"
        return _frame(table, **{key: values})
    return rule


def _group_share(table: TableData, _: Dataset, __: Settings) -> pd.DataFrame:
    """Each row's count over its group's total (the table's ``groups`` columns)."""
    count = "deaths" if "deaths" in table.rows else "responses"
    groups = list(table.table.groups)
    totals = table.rows.groupby(groups, dropna=False)[count].transform(
        lambda s: sum(v for v in s if v is not None))
    values = [_ratio(c, t) for c, t in zip(table.rows[count], totals, strict=True)]
    return _frame(table, percent=values)


def _s11_compliance(table: TableData, _: Dataset, settings: Settings) -> pd.DataFrame:
    places = _places(list(table.rows["previous"]) + list(table.rows["current"]), True)
    changes = [None if r["previous"] is None or r["current"] is None else
               fmt.change_between(r["current"], r["previous"], places, percent=True,  # type: ignore[arg-type]
                              style=settings.style)
               for _, r in records(table.rows)]
    return _frame(table, change=changes)


def _early_help_flow(table: TableData, _: Dataset, __: Settings) -> pd.DataFrame:
    gaps = [None if r["initiated"] is None or r["closed"] is None else
            r["initiated"] - r["closed"] for _, r in records(table.rows)]  # type: ignore[operator]
    return _frame(table, gap=gaps)


def _elearning_years(table: TableData, _: Dataset, settings: Settings) -> pd.DataFrame:
    rates = [_ratio(r["passed"], r["allocated"]) for _, r in records(table.rows)]
    return _frame(table, rate=rates, passed_change=_changes(table.rows, "passed", settings))


def _lado_employers(table: TableData, _: Dataset, __: Settings) -> pd.DataFrame:
    categories = ("physical", "emotional", "sexual", "neglect", "conduct")
    totals = [sum(r[c] or 0 for c in categories) for _, r in records(table.rows)]
    return _frame(table, total=totals)


def _cse(table: TableData, _: Dataset, settings: Settings) -> pd.DataFrame:
    return _frame(table, cse_change=_changes(table.rows, "cse_reports", settings),
                  mfh_change=_changes(table.rows, "mfh_episodes", settings))


def _fostering(table: TableData, _: Dataset, settings: Settings) -> pd.DataFrame:
    return _frame(table, local_change=_changes(table.rows, "local", settings))


TABLE_RULES: dict[str, Callable[[TableData, Dataset, Settings], pd.DataFrame]] = {
    "tblEarlyHelp": _snapshot_series,
    "tblChildProtection": _snapshot_series,
    "tblLookedAfter": _snapshot_series,
    "tblReReferrals": _rereferrals,
    "tblSection11Statutory": _share("fully_met", "agencies"),
    "tblSection11Compliance": _s11_compliance,
    "tblSurveyAnswers": _group_share,
    "tblEarlyHelpFlow": _early_help_flow,
    "tblElearningYears": _elearning_years,
    "tblElearningDepartments": _share("passed", "allocated"),
    "tblLadoEmployers": _lado_employers,
    "tblCseMfh": _cse,
    "tblPrivateFostering": _fostering,
    "tblCdopGender": _group_share,
    "tblCdopAge": _group_share,
    "tblCdopCategory": _group_share,
}


# --- key figures ------------------------------------------------------------------------------


def _column_sum(data: Dataset, table: str, column: str) -> int | None:
    found = data.tables.get(table)
    if found is None:
        return None
    values = [v for v in found.rows[column] if v is not None]
    return int(sum(values)) if values else None


def _last_year_value(data: Dataset, table: str, column: str, settings: Settings) -> object:
    found = data.tables.get(table)
    if found is None or settings.year is None:
        return None
    index = found.find("year", shift_year(settings.year, -1))
    return None if index is None else found.rows.at[index, column]


def _change(now: object, before: object, settings: Settings) -> str | None:
    if now is None or before is None:
        return None
    return fmt.change_between(float(now), float(before), 0, style=settings.style)  # type: ignore[arg-type]


def derived_facts(data: Dataset, settings: Settings) -> dict[str, object]:
    facts = data.facts
    training = _column_sum(data, "tblTraining", "attendees")
    lado = _column_sum(data, "tblLadoReferrers", "referrals")
    return {
        "training_total": training,
        "training_total_change": _change(
            training, _last_year_value(data, "tblTrainingYears", "attendees", settings),
            settings),
        "lado_total": lado,
        "lado_total_change": _change(
            lado, _last_year_value(data, "tblLadoYears", "allegations", settings), settings),
        "survey_respondents_change": _change(facts.get("survey_respondents"),
                                             facts.get("survey_respondents_before"), settings),
        "s11_valid_change": _change(facts.get("s11_valid"), facts.get("s11_valid_before"),
                                    settings),
    }

"""Every declared cross-check resolves on the example, fires when its figures disagree, and
is quiet when they agree. Pure core: the dataset is changed in memory, no files."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from tests.support.profiles import EXAMPLE
from xl_addin.core.values import Target
from xl_addin.core.years import shift_year, year_of_date
from xl_addin.schema.crossref import (
    AtLeast,
    CellRef,
    Check,
    Equation,
    FactRef,
    GroupTotalsAgree,
    PercentOf,
    Ref,
    RowEquation,
    RowPercent,
    RowRate,
    Same,
    SumRef,
    YearRef,
)
from xl_addin.tables.dataset import Dataset
from xl_addin.validate.crosschecks import run_checks

CHECKS = EXAMPLE.checks

# The seed's own inconsistencies: the checks that must fire on the shipped 2016-17 workbook.
SEED_INCONSISTENCIES = {
    "same.cp-plans-now",  # 523 in the context section, 525 in the series
    "same.cp-plans-before",  # "416 at 31 March 2015"; the series has 325
    "same.cla-now",  # 627 against 631
    "same.cla-rate-now",  # 67.6 against 68.0
    "same.cla-before",  # 661 against 663
    "same.cla-rate-before",  # 70.8 against 71.1
    "same.cs5-5",  # return interviews: 50.8% (CS5.5) against 29.5% (CSE table)
    "same.mfh-episodes",  # 1,186 against 1,138
    "same.s11-responses-before",  # 471 in the text, 486 in the table
    "same.s11-review-date",  # 28 March 2016 in the conclusions, 2017 earlier
    "same.da-audit-cases",  # 5 cases in section 16, 4 in Ofsted recommendation 1
    "same.elearning-passed",  # departments add to 8,846, not 8,839
    "same.elearning-allocated",  # departments add to 10,948, not 10,950
    "same.lado-nfa-base",  # "of the 279 allegations"; there were 296
    "same.cdop-table3-title",  # Table 3's title says 23 deaths; it counts 34
    "page.neglect-conference",  # "over 180"; 150 attended
    "page.elearning",  # last year's 5,533 quoted as this year's
    "page.eha-rate-now",  # 206.6 on the page, 206.4 in the table
    "cse.full-day",  # "over 200"; the table has 188
    "sum.s11-valid",  # 469 - 35 is 434, not 433
    "sum.s11-commissioning",  # 8 + 1 + 4 + 1 is 14, not 15
    "row.survey-respondents",  # Q21: 258 + 118 is 376, not 368
    "pct.rereferrals",  # 2015-16: 87 of 443 is 19.6%, not 20.1%
    "pct.survey",  # 45.97% (should be 45.07%), and Q21's shares
    "pct.not-confident",  # 59 of 355 is 17%, quoted as 16%
    "rate.early-help",  # 2,126 of 92,800 is 229.1 per 10,000, not 206.4
}


def _ids(checks: tuple[Check, ...]) -> list[str]:
    return [c.id for c in checks]


def _fires(check: Check, data: Dataset) -> bool:
    return bool(run_checks((check,), data, EXAMPLE))


def test_check_ids_are_unique() -> None:
    ids = _ids(CHECKS)
    assert len(ids) == len(set(ids))


def test_example_fires_exactly_the_seed_inconsistencies(example_result) -> None:
    fired = {c.id for c in CHECKS if _fires(c, example_result.data)}
    assert fired == SEED_INCONSISTENCIES


# --- changing figures in memory ----------------------------------------------------------


def _changed(value: object) -> object:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value * 3 + 37
    if isinstance(value, float):
        return value * 1.7 + 0.0123
    if isinstance(value, Target):
        return Target(value.low * 2 + 1, value.high * 2 + 1)
    if isinstance(value, dt.date):
        return value + dt.timedelta(days=400)
    return f"{value} changed"


def _locate(ref: Ref, data: Dataset) -> tuple[str, object, str] | tuple[str, str]:
    if isinstance(ref, FactRef):
        return ("fact", ref.key)
    table = data.tables[ref.table]  # type: ignore[attr-defined]
    if isinstance(ref, CellRef):
        return (ref.table, table.find(table.table.key, ref.row), ref.column)
    if isinstance(ref, YearRef):
        year = (
            year_of_date(data.facts[ref.date_fact])
            if ref.date_fact
            else shift_year(data.facts["reporting_year"], ref.offset)
        )
        return (ref.table, table.find("year", year), ref.column)
    if isinstance(ref, SumRef):
        rows = table.rows
        for column, allowed in ref.where:
            rows = rows[rows[column].isin(allowed)]
        if ref.year_fact:
            rows = rows[rows["year"] == data.facts[ref.year_fact]]
        return (ref.table, rows.index[0], ref.columns[0])
    raise TypeError(ref)


def _get(data: Dataset, where) -> object:
    if where[0] == "fact":
        return data.facts[where[1]]
    return data.tables[where[0]].rows.at[where[1], where[2]]


def _put(data: Dataset, where, value: object) -> None:
    if where[0] == "fact":
        data.facts[where[1]] = value
    else:
        data.tables[where[0]].rows.at[where[1], where[2]] = value


def _value(ref: Ref, data: Dataset) -> float:
    if isinstance(ref, SumRef):
        table = data.tables[ref.table]
        rows = table.rows
        for column, allowed in ref.where:
            rows = rows[rows[column].isin(allowed)]
        if ref.year_fact:
            rows = rows[rows["year"] == data.facts[ref.year_fact]]
        return float(sum(v for c in ref.columns for v in rows[c] if v is not None))
    value = _get(data, _locate(ref, data))
    return value.low if isinstance(value, Target) else value  # type: ignore[return-value]


def _break(check: Check, data: Dataset) -> None:
    """Change one figure the check relies on so that it must disagree."""
    if isinstance(check, Same):
        where = _locate(check.second, data)
    elif isinstance(check, Equation):
        where = _locate(check.result, data)
    elif isinstance(check, AtLeast):
        where = _locate(check.claimed, data)
        _put(data, where, _value(check.actual, data) + 1000)
        return
    elif isinstance(check, PercentOf):
        where = _locate(check.percent, data)
        _put(data, where, (_value(check.percent, data) + 0.23) % 1)
        return
    elif isinstance(check, RowPercent | RowRate | RowEquation | GroupTotalsAgree):
        table_name = check.tables[0] if isinstance(check, GroupTotalsAgree) else check.table
        column = {
            RowPercent: "percent",
            RowRate: "published",
            RowEquation: "result",
            GroupTotalsAgree: "column",
        }[type(check)]
        column = getattr(check, column) or check.parts[0][1]  # type: ignore[union-attr]
        rows = data.tables[table_name].rows
        candidates = [i for i in rows.index if rows.at[i, column] is not None]
        if isinstance(check, RowRate):  # only this year's row has a known population
            candidates = [
                i for i in candidates if rows.at[i, "year"] == data.facts["reporting_year"]
            ]
        index = candidates[0]
        old = rows.at[index, column]
        rows.at[index, column] = (old + 0.23) % 1 if isinstance(check, RowPercent) else old + 37
        return
    else:
        raise TypeError(check)
    _put(data, where, _changed(_get(data, where)))


@pytest.mark.parametrize("check", CHECKS, ids=_ids(CHECKS))
def test_check_fires_when_its_figures_disagree(check: Check, example_result) -> None:
    data = copy.deepcopy(example_result.data)
    _break(check, data)
    findings = run_checks((check,), data, EXAMPLE)
    assert findings, f"{check.id} did not fire: a reference may not resolve"
    for finding in findings:
        assert finding.sheet in {s.name for s in EXAMPLE.sheets}
        assert finding.cell and finding.message.endswith(check.why)


def _set_value(ref: Ref, data: Dataset, target: float) -> None:
    """Make ``ref`` resolve to ``target``; a sum is corrected through its first row."""
    where = _locate(ref, data)
    if isinstance(ref, SumRef):
        target = _get(data, where) + (target - _value(ref, data))
    _put(data, where, type(_get(data, where))(target))


def _repair(check: Check, data: Dataset) -> None:
    """Make the figures of a firing check agree, the way a chair would correct them."""
    if isinstance(check, Same):
        first = _get(data, _locate(check.first, data))
        if isinstance(check.first, SumRef) or isinstance(check.second, SumRef):
            _set_value(check.second, data, _value(check.first, data))
        else:
            _put(data, _locate(check.second, data), first)
    elif isinstance(check, Equation):
        total = sum(sign * _value(ref, data) for sign, ref in check.parts)
        _put(data, _locate(check.result, data), type(_value(check.result, data))(total))
    elif isinstance(check, AtLeast):
        _put(data, _locate(check.claimed, data), _value(check.actual, data))
    elif isinstance(check, PercentOf):
        _put(
            data, _locate(check.percent, data), _value(check.count, data) / _value(check.base, data)
        )
    elif isinstance(check, RowEquation):
        rows = data.tables[check.table].rows
        for i in rows.index:
            rows.at[i, check.parts[1][1]] = (
                data.facts[check.plus_fact] - rows.at[i, check.parts[0][1]]
                if rows.at[i, check.parts[0][1]] is not None
                else None
            )
    elif isinstance(check, RowPercent):
        table = data.tables[check.table]
        rows = table.rows
        groups = list(table.table.groups)
        for i in rows.index:
            same_group = rows
            for g in groups:
                same_group = same_group[same_group[g] == rows.at[i, g]]
            base = (
                rows.at[i, check.base]
                if check.base
                else sum(v for v in same_group[check.count] if v is not None)
            )
            rows.at[i, check.percent] = rows.at[i, check.count] / base
    elif isinstance(check, RowRate):
        rows = data.tables[check.table].rows
        for i in rows.index:
            rows.at[i, check.published] = None
    else:
        raise TypeError(check)


@pytest.mark.parametrize("check_id", sorted(SEED_INCONSISTENCIES))
def test_seed_inconsistency_goes_quiet_once_corrected(check_id: str, example_result) -> None:
    check = next(c for c in CHECKS if c.id == check_id)
    data = copy.deepcopy(example_result.data)
    assert _fires(check, data)
    _repair(check, data)
    assert not _fires(check, data)

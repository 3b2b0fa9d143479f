"""Evaluate the declared cross-checks (schema/checks.py) against the typed data.

A check whose figures are blank or unreadable is skipped: those cells already have their
own findings. Every disagreement is a warning at the cell a person should look at.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from xl_addin.core import fmt
from xl_addin.core.findings import Finding, Severity
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
from xl_addin.schema.model import Profile
from xl_addin.schema.wording import sum_of, table_named
from xl_addin.tables.dataset import Dataset, Place, TableData, records
from xl_addin.tables.settings import Settings, population_for
from xl_addin.validate.settled import row_name

__all__ = ["run_checks"]


@dataclass(frozen=True)
class Resolved:
    value: object
    place: Place
    describe: str  # "children looked after at period end (Context!C12)"
    kind: str = ""  # the schema kind of the figure, so it is written the way it is typed
    unit: str = ""
    table: str | None = None  # where the figure lives, for the finding's own fields
    column: str | None = None
    figure: str | None = None

    @property
    def shown(self) -> str:
        return _show(self.value, self.kind, self.unit)


def run_checks(checks: tuple[Check, ...], data: Dataset,
               schema: Profile) -> list[Finding]:
    out: list[Finding] = []
    for check in checks:
        evaluate = _EVALUATORS[type(check)]
        out += evaluate(check, data, schema)
    return out


# --- references ---------------------------------------------------------------------------------


def _resolve(ref: Ref, data: Dataset, schema: Profile) -> Resolved | None:
    """The figure a reference names; None when it is blank or cannot be trusted (a row or
    key figure with an error, a sum over a table with one): nothing is checked against it."""
    if isinstance(ref, FactRef):
        place = data.fact_places.get(ref.key)
        value = data.facts.get(ref.key)
        if place is None or value is None or ref.key in data.bad_facts:
            return None
        owner, fact = next((t, f) for t, f in schema.iter_facts() if f.key == ref.key)
        return Resolved(value, place, f"'{fact.label}' ({_at(place)})", fact.kind.value,
                        fact.unit, owner.name, "value", fact.key)
    if isinstance(ref, CellRef):
        table = data.tables.get(ref.table)
        if table is None or table.table.key is None:
            return None
        index = table.find(table.table.key, ref.row)
        if index is None or not data.row_ok(ref.table, index):
            return None
        header = table.table.column(ref.column).header
        return _cell(table, index, ref.column, f"{ref.row} '{header}'")
    if isinstance(ref, YearRef):
        return _resolve_year(ref, data)
    if isinstance(ref, SumRef):
        return _resolve_sum(ref, data)
    raise TypeError(f"unknown reference {ref!r}")


def _cell(table: TableData, index: object, column: str, what: str) -> Resolved | None:
    value = table.rows.at[index, column]
    if value is None:
        return None
    place = table.place(index, column)
    declared = table.table.column(column)
    unit = str(table.rows.at[index, declared.unit_from] or "") if declared.unit_from \
        else declared.unit
    return Resolved(value, place, f"{what} in {table_named(table.table)} ({_at(place)})",
                    declared.kind.value, unit, table.table.name, column)


def _resolve_year(ref: YearRef, data: Dataset) -> Resolved | None:
    table = data.tables.get(ref.table)
    reporting_year = data.facts.get("reporting_year")
    if table is None or not isinstance(reporting_year, str):
        return None
    if ref.date_fact is not None:
        day = data.facts.get(ref.date_fact)
        if not isinstance(day, dt.date):
            return None
        year = year_of_date(day)
    else:
        year = shift_year(reporting_year, ref.offset)
    index = table.find("year", year)
    if index is None or not data.row_ok(ref.table, index):
        return None
    header = table.table.column(ref.column).header
    return _cell(table, index, ref.column, f"{year} '{header}'")


def _resolve_sum(ref: SumRef, data: Dataset) -> Resolved | None:
    table = data.tables.get(ref.table)
    if table is None or table.rows.empty or data.bad_rows.get(ref.table):
        return None  # a sum over rows with errors would be wrong, not just short
    rows = table.rows
    for column, allowed in ref.where:
        rows = rows[rows[column].isin(allowed)]
    if ref.year_fact is not None:
        rows = rows[rows["year"] == data.facts.get(ref.year_fact)]
    values = [v for c in ref.columns for v in rows[c] if v is not None]
    if not values:
        return None
    last_index = rows.index[-1]
    year = data.facts.get(ref.year_fact) if ref.year_fact is not None else None
    place = table.place(last_index, ref.columns[0])
    declared = table.table.column(ref.columns[0])
    return Resolved(sum(values), place, sum_of(table.table, ref.columns, ref.where, year),
                    declared.kind.value, declared.unit, table.table.name, ref.columns[0])


def _at(place: Place) -> str:
    return f"'{place.sheet}'!{place.cell}" if place.cell else f"'{place.sheet}'"


def _show(value: object, kind: str = "", unit: str = "") -> str:
    """A figure written for a person, by its declared kind (a percentage with its % sign)."""
    return fmt.value(value, kind, unit)


def _float(value: object) -> float:
    """A figure the caller has checked is filled, as a float (a Target: its one figure)."""
    number = _number(value)
    return 0.0 if number is None else number


def _number(value: object) -> float | None:
    if isinstance(value, Target):
        return value.low if not value.is_range else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    return None


def _agree(a: object, b: object, tolerance: float = 0.0) -> bool:
    """Figures typed twice should be identical; ``tolerance`` allows for "about" figures."""
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return a == b
    return abs(x - y) <= max(tolerance * max(abs(x), abs(y)), 1e-9)


def _finding(rule: str, at: Resolved | Place, message: str, table: str | None = None,
             column: str | None = None, *, check: Check, row: str = "") -> Finding:
    """A warning at a resolved figure (with its table, column and figure) or a place; its
    sign-off key names the check (and the row, for a check of every row)."""
    message = message[:1].upper() + message[1:]
    key = f"{rule}: {check.id}" + (f" [{row}]" if row else "")
    if isinstance(at, Resolved):
        return Finding(Severity.WARNING, at.place.sheet, at.place.cell, rule, message, at.table,
                       at.column, at.figure, key=key)
    return Finding(Severity.WARNING, at.sheet, at.cell, rule, message, table, column, key=key)


# --- evaluators -------------------------------------------------------------------------------


def _same(check: Same, data: Dataset, schema: Profile) -> list[Finding]:
    first, second = _resolve(check.first, data, schema), _resolve(check.second, data, schema)
    if first is None or second is None or _agree(first.value, second.value, check.tolerance):
        return []
    return [_finding("check.same", second,
                     f"{second.describe} is {second.shown}, but "
                     f"{first.describe} is {first.shown}. {check.why}", check=check)]


def _equation(check: Equation, data: Dataset, schema: Profile) -> list[Finding]:
    result = _resolve(check.result, data, schema)
    parts = [(sign, _resolve(ref, data, schema)) for sign, ref in check.parts]
    if result is None or any(p is None for _, p in parts):
        return []
    total = sum(sign * _float(p.value) for sign, p in parts if p is not None)
    if abs(total - _float(result.value)) < 1e-6:
        return []
    sums = " ".join(f"{'+' if sign > 0 else '-'} {p.shown}"  # type: ignore[union-attr]
                    for sign, p in parts).lstrip("+ ")
    return [_finding("check.sum", result,
                     f"{result.describe} is {result.shown}, but {sums} = "
                     f"{_show(total, result.kind, result.unit)}. {check.why}", check=check)]


def _at_least(check: AtLeast, data: Dataset, schema: Profile) -> list[Finding]:
    claimed, actual = _resolve(check.claimed, data, schema), _resolve(check.actual, data, schema)
    if claimed is None or actual is None:
        return []
    if float(actual.value) >= float(claimed.value):  # type: ignore[arg-type]
        return []
    return [_finding("check.at-least", claimed,
                     f"{claimed.describe} says over {claimed.shown}, but "
                     f"{actual.describe} is {actual.shown}. {check.why}", check=check)]


def _percent_matches(percent: float, count: float, base: float) -> tuple[bool, float]:
    places = fmt.decimals_shown(percent * 100)
    expected = fmt.round_half_up(100 * count / base, places)
    return expected == fmt.round_half_up(percent * 100, places), expected


def _percent_of(check: PercentOf, data: Dataset, schema: Profile) -> list[Finding]:
    pct, count, base = (_resolve(r, data, schema) for r in (check.percent, check.count,
                                                             check.base))
    if pct is None or count is None or base is None or not base.value:
        return []
    ok, expected = _percent_matches(float(pct.value), float(count.value),  # type: ignore[arg-type]
                                    float(base.value))  # type: ignore[arg-type]
    if ok:
        return []
    return [_finding("check.percent", pct,
                     f"{pct.describe} is {fmt.percent(float(pct.value))}, but "  # type: ignore[arg-type]
                     f"{count.shown} out of {base.shown} is "
                     f"{fmt.number(expected)}%. {check.why}", check=check)]


def _rows(table: TableData, data: Dataset,
          *columns: str) -> Iterator[tuple[object, dict[str, object]]]:
    """The rows without errors that have every one of ``columns`` filled."""
    for index, row in records(table.rows):
        if not data.row_ok(table.table.name, index):
            continue
        values = {col.key: row[col.key] for col in table.table.columns}
        if all(values.get(c) is not None for c in columns):
            yield index, values


def _bad_groups(table: TableData, data: Dataset) -> set[tuple[object, ...]]:
    """The groups of rows (the table's groups) holding a row with an error: nothing that
    adds a group up can be checked."""
    bad = data.bad_rows.get(table.table.name, set())
    return {tuple(row[g] for g in table.table.groups) for index, row in records(table.rows)
            if index in bad}


def _row_percent(check: RowPercent, data: Dataset, schema: Profile) -> list[Finding]:
    table = data.tables.get(check.table)
    if table is None:
        return []
    out = []
    group_sums: dict[tuple, float] = {}
    broken = _bad_groups(table, data)
    for _, row in _rows(table, data, check.count):
        group = tuple(row[g] for g in table.table.groups)
        group_sums[group] = group_sums.get(group, 0.0) + float(row[check.count])  # type: ignore[arg-type]
    for index, row in _rows(table, data, check.percent, check.count):
        group = tuple(row[g] for g in table.table.groups)
        if not check.base and group in broken:
            continue
        base = row.get(check.base) if check.base else group_sums.get(group)
        if not base:
            continue
        ok, expected = _percent_matches(float(row[check.percent]),  # type: ignore[arg-type]
                                        float(row[check.count]), float(base))  # type: ignore[arg-type]
        if ok:
            continue
        label = " ".join(str(row[k]) for k in (*table.table.groups, table.table.label_column
                                               or "") if k and row.get(k) is not None)
        header = table.table.column(check.count).header
        out.append(_finding("check.percent", table.place(index, check.percent),
                            f"{label or 'This row'}: the percentage in "
                            f"{table_named(table.table)} is "
                            f"{fmt.percent(float(row[check.percent]))}, but "  # type: ignore[arg-type]
                            f"{_show(row[check.count])} '{header}' out of {_show(base)} is "
                            f"{fmt.number(expected)}%. {check.why}", table.table.name,
                            check.percent, check=check, row=row_name(table, index)))
    return out


def _row_equation(check: RowEquation, data: Dataset, schema: Profile) -> list[Finding]:
    table = data.tables.get(check.table)
    if table is None:
        return []
    if check.plus_fact is not None:
        target = _resolve(FactRef(check.plus_fact), data, schema)
        if target is None:
            return []
    out = []
    needed = [c for _, c in check.parts] + ([check.result] if check.result else [])
    for index, row in _rows(table, data, *needed):
        total = sum(sign * _float(row[c]) for sign, c in check.parts)
        expected = float(target.value) if check.plus_fact else float(row[check.result])  # type: ignore[arg-type,union-attr]
        if abs(total - expected) < 1e-6:
            continue
        cell = check.result or check.parts[0][1]
        label = row.get(table.table.key or "") or "This row"
        shown = " ".join(f"{'+' if s > 0 else '-'} {_show(row[c])} '"
                         f"{table.table.column(c).header}'" for s, c in check.parts).lstrip("+ ")
        against = (target.describe if check.plus_fact else  # type: ignore[union-attr]
                   f"'{table.table.column(check.result).header}'")
        out.append(_finding("check.sum", table.place(index, cell),
                            f"{label} in {table_named(table.table)}: {shown} = {_show(total)}, "
                            f"but {against} is {_show(expected)}. {check.why}", table.table.name,
                            cell, check=check, row=row_name(table, index)))
    return out


def _row_rate(check: RowRate, data: Dataset, schema: Profile) -> list[Finding]:
    table = data.tables.get(check.table)
    if table is None:
        return []
    settings = Settings(data.facts)
    out = []
    for index, row in _rows(table, data, check.published, check.number):
        population = population_for(row, settings, check.population)
        source = "its population" if row.get(check.population) else "the Settings population"
        if not population:
            continue
        published = float(row[check.published])  # type: ignore[arg-type]
        places = fmt.decimals_shown(published)
        expected = fmt.round_half_up(float(row[check.number]) / float(population) * 10_000,  # type: ignore[arg-type]
                                     places)
        if expected == fmt.round_half_up(published, places):
            continue
        out.append(_finding("check.rate", table.place(index, check.published),
                            f"{row.get('year')}: the published rate in "
                            f"{table_named(table.table)} is "
                            f"{fmt.number(published)} per 10,000, but {_show(row[check.number])}"
                            f" out of {source} ({_show(population)}) is "
                            f"{fmt.number(expected)}. {check.why}", table.table.name,
                            check.published, check=check, row=row_name(table, index)))
    return out


def _group_totals(check: GroupTotalsAgree, data: Dataset,
                  schema: Profile) -> list[Finding]:
    totals: dict[tuple, dict[str, tuple[float, Place]]] = {}
    broken: set[tuple[object, ...]] = set()
    for name in check.tables:
        table = data.tables.get(name)
        if table is None:
            continue
        broken |= _bad_groups(table, data)
        for index, row in _rows(table, data, check.column):
            group = tuple(row[g] for g in table.table.groups)
            value, _ = totals.setdefault(group, {}).get(name, (0.0, None))  # type: ignore[assignment]
            totals[group][name] = (value + float(row[check.column]),  # type: ignore[arg-type]
                                   table.place(index, check.column))
    out = []
    for group, by_table in totals.items():
        if group in broken:
            continue
        first_name, (first_total, _) = next(iter(by_table.items()))
        for name, (total, place) in by_table.items():
            if abs(total - first_total) > 1e-6:
                out.append(_finding("check.sum", place,
                                    f"{' '.join(map(str, group))}: "
                                    f"{table_named(data.tables[name].table)} counts "
                                    f"{_show(total)} but "
                                    f"{table_named(data.tables[first_name].table)} counts "
                                    f"{_show(first_total)}. {check.why}", name, check.column,
                                    check=check, row=", ".join(map(str, group))))
    return out


_EVALUATORS: dict[type, Callable[..., list[Finding]]] = {
    Same: _same,
    Equation: _equation,
    AtLeast: _at_least,
    PercentOf: _percent_of,
    RowPercent: _row_percent,
    RowEquation: _row_equation,
    RowRate: _row_rate,
    GroupTotalsAgree: _group_totals,
}

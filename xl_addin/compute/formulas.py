"""The profile's formulas, worked out: computed columns and computed key figures.

A profile declares each computed column with a formula over its own row (or its table)::

    rate:    rate_per_10000(number, population)
    percent: ratio(re_referrals, referrals)
    change:  change(percent, 1)          the change from the row before, 1 decimal place
    gap:     difference(initiated, closed)
    total:   sum(physical, emotional, sexual)
    percent: share_of_group(deaths)      each row's share of its group (the table's groups)
    change:  change_between(current, previous)

and each computed key figure with ``column_sum(table, column)`` or ``change(now, before)``,
where ``before`` may be ``last_year(table, column)``. Every function here is pure: typed
rows in, values out. A blank input gives a blank result, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from xl_addin.core import fmt
from xl_addin.core.years import shift_year
from xl_addin.schema.expr import Call, Expr, Literal, Name
from xl_addin.schema.model import Kind, Table
from xl_addin.tables.dataset import Dataset, TableData, records
from xl_addin.tables.settings import Settings, population_for

__all__ = ["computed_columns", "computed_facts", "COLUMN_RULES", "FACT_RULES",
           "column_places"]

Row = dict[str, object]
ColumnRule = Callable[[TableData, Call, Settings], list[object]]


def _name(arg: Expr) -> str:
    return arg.text if isinstance(arg, Name) else str(arg)


def _float(x: object) -> float | None:
    if x is None or isinstance(x, bool) or not isinstance(x, int | float):
        return None
    return float(x)


def _ratio(top: object, bottom: object) -> float | None:
    a, b = _float(top), _float(bottom)
    if a is None or not b:
        return None
    return a / b


def column_places(values: Sequence[object], percent: bool) -> int:
    """The decimal places a column's figures are written with (the most any one needs)."""
    shown = [fmt.decimals_shown(fmt.as_percentage(v) if percent else float(v))
             for v in (_float(x) for x in values) if v is not None]
    return max(shown, default=0)


def _rows(table: TableData) -> list[Row]:
    return [row for _, row in records(table.rows)]


def _ratio_rule(table: TableData, call: Call, _: Settings) -> list[object]:
    top, bottom = (_name(a) for a in call.args)
    return [_ratio(r[top], r[bottom]) for r in _rows(table)]


def _rate_rule(table: TableData, call: Call, settings: Settings) -> list[object]:
    number, population = (_name(a) for a in call.args)
    out: list[object] = []
    for row in _rows(table):
        ratio = _ratio(row[number], population_for(row, settings, population,
                                                   table.table.year_column))
        out.append(None if ratio is None else fmt.round_half_up(ratio * 10_000, 1))
    return out


def _difference_rule(table: TableData, call: Call, _: Settings) -> list[object]:
    a, b = (_name(x) for x in call.args)
    out: list[object] = []
    for row in _rows(table):
        x, y = _float(row[a]), _float(row[b])
        out.append(None if x is None or y is None else _whole(x - y))
    return out


def _whole(x: float) -> float | int:
    return int(x) if x.is_integer() else x


def _sum_rule(table: TableData, call: Call, _: Settings) -> list[object]:
    columns = [_name(a) for a in call.args]
    out: list[object] = []
    for row in _rows(table):
        values = [_float(row[c]) for c in columns]
        filled = [v for v in values if v is not None]
        out.append(_whole(sum(filled)) if filled else None)
    return out


def _share_rule(table: TableData, call: Call, _: Settings,
                broken: frozenset[tuple[object, ...]] = frozenset()) -> list[object]:
    """Each row's share of its group; blank for a whole group holding a row with an error
    (``broken``), whose total is not known."""
    count = _name(call.args[0])
    groups = list(table.table.groups)
    rows = _rows(table)
    totals: dict[tuple[object, ...], float] = {}
    for row in rows:
        value = _float(row[count])
        if value is not None:
            key = tuple(row[g] for g in groups)
            totals[key] = totals.get(key, 0.0) + value
    return [None if tuple(row[g] for g in groups) in broken else
            _ratio(row[count], totals.get(tuple(row[g] for g in groups))) for row in rows]


def _is_percent(table: Table, column: str, values: Sequence[object]) -> bool:
    return table.has(column) and table.column(column).kind is Kind.PERCENT


def _change_rule(table: TableData, call: Call, settings: Settings,
                 worked: dict[str, list[object]] | None = None) -> list[object]:
    """Each row's change on last year's own row (of its year group); blank when that row is
    missing or has an error, never a change on an earlier year. A table without years
    compares each row with the row before it."""
    column = _name(call.args[0])
    values = (worked or {}).get(column) or list(table.rows[column])
    percent = _is_percent(table.table, column, values)
    places_arg = call.args[1] if len(call.args) > 1 else None
    places = (int(places_arg.value) if isinstance(places_arg, Literal) and
              isinstance(places_arg.value, int) else column_places(values, percent))
    year = table.table.year_column
    rows = _rows(table)
    out: list[object] = [None] * len(rows)
    if year:
        where: dict[tuple[object, ...], int] = {}
        for i, row in enumerate(rows):
            where[(*(row[g] for g in table.table.year_group), row[year])] = i
        pairs = [(i, where.get((*(row[g] for g in table.table.year_group), earlier)))
                 for i, row in enumerate(rows) if (earlier := _year_before(row[year]))]
    else:
        pairs = [(i, i - 1 if i else None) for i in range(len(rows))]
    for i, before in pairs:
        now_value, before_value = _float(values[i]), \
            (_float(values[before]) if before is not None else None)
        if now_value is not None and before_value is not None:
            out[i] = fmt.change_between(now_value, before_value, places, percent=percent,
                                        style=settings.style)
    return out


def _year_before(year: object) -> str | None:
    """'2016-17' -> '2015-16'; None for a blank or a cell that is not a year."""
    text = str(year or "")
    if len(text) < 4 or not text[:4].isdigit():
        return None
    return shift_year(text, -1)


def _change_between_rule(table: TableData, call: Call, settings: Settings) -> list[object]:
    now, before = (_name(a) for a in call.args)
    rows = _rows(table)
    percent = _is_percent(table.table, now, [])
    places = column_places([r[now] for r in rows] + [r[before] for r in rows], percent)
    out: list[object] = []
    for row in rows:
        a, b = _float(row[now]), _float(row[before])
        out.append(None if a is None or b is None else
                   fmt.change_between(a, b, places, percent=percent, style=settings.style))
    return out


COLUMN_RULES: dict[str, ColumnRule] = {
    "ratio": _ratio_rule,
    "rate_per_10000": _rate_rule,
    "change": _change_rule,
    "difference": _difference_rule,
    "sum": _sum_rule,
    "share_of_group": _share_rule,
    "change_between": _change_between_rule,
}


def computed_columns(table: TableData, settings: Settings,
                     broken: frozenset[tuple[object, ...]] = frozenset()
                     ) -> pd.DataFrame | None:
    """The values of the table's formula columns, aligned with its rows; None if it has none.

    Formulas may use other computed columns (``change(percent)`` after ``ratio(...)``), so
    they are worked out in the order declared, each seeing the ones before. ``broken``: the
    groups (by the table's groups) holding a row with an error, whose shares are not known.
    """
    formulas = [c for c in table.table.columns if c.compute is not None]
    if not formulas:
        return None
    worked: dict[str, list[object]] = {}
    frame = table.rows
    for column in formulas:
        call = column.compute
        assert call is not None
        view = TableData(table.table, table.sheet, frame.assign(**worked) if worked else frame,
                         table.cells, table.totals, table.total_cells)
        if call.name == "change":
            worked[column.key] = _change_rule(view, call, settings, worked)
        elif call.name == "share_of_group":
            worked[column.key] = _share_rule(view, call, settings, broken)
        else:
            worked[column.key] = COLUMN_RULES[call.name](view, call, settings)
    return pd.DataFrame(worked, index=table.rows.index, dtype=object)


# --- key figures ----------------------------------------------------------------------------


def _column_sum(data: Dataset, table: str, column: str) -> float | int | None:
    found = data.tables.get(table)
    if found is None or data.bad_rows.get(table):
        return None  # a total over rows with errors would be wrong, not just short
    values = [v for v in (_float(x) for x in found.rows[column]) if v is not None]
    return _whole(sum(values)) if values else None


def _last_year(data: Dataset, table: str, column: str, settings: Settings) -> object:
    found = data.tables.get(table)
    if found is None or settings.year is None:
        return None
    year = found.table.year_column or "year"
    index = found.find(year, shift_year(settings.year, -1))
    if index is None or not data.row_ok(table, index):
        return None
    return found.rows.at[index, column]


def _value(arg: Expr, data: Dataset, done: dict[str, object], settings: Settings) -> object:
    if isinstance(arg, Call) and arg.name == "last_year":
        table, column = (_name(a) for a in arg.args)
        return _last_year(data, table, column, settings)
    key = _name(arg)
    if key in data.bad_facts:
        return None
    return done[key] if key in done else data.facts.get(key)


def _fact_value(call: Call, data: Dataset, done: dict[str, object],
                settings: Settings) -> object:
    if call.name == "column_sum":
        table, column = (_name(a) for a in call.args)
        return _column_sum(data, table, column)
    if call.name == "last_year":
        return _value(call, data, done, settings)
    now, before = (_float(_value(a, data, done, settings)) for a in call.args)
    if now is None or before is None:
        return None
    return fmt.change_between(now, before, 0, style=settings.style)


FACT_RULES = frozenset({"column_sum", "change", "last_year"})


def computed_facts(data: Dataset, settings: Settings) -> dict[str, object]:
    """Every computed key figure, in the order the profile declares them."""
    done: dict[str, object] = {}
    for _, fact in data.profile.iter_facts():
        if fact.compute is not None:
            done[fact.key] = _fact_value(fact.compute, data, done, settings)
    return done

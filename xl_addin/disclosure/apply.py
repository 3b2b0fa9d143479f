"""Print small counts of children as "c": a pure transformation before the report is built.

``suppress(data, computed)`` returns copies of both in which

* every child-level count from 1 to 5 is :class:`~xl_addin.core.hidden.Hidden` (primary);
* where a printed total (a Total row, a row total, or a group's total that its shares
  give away) would reveal a hidden count, more counts are hidden (secondary), until none
  can be worked out (:mod:`.secondary`); a total whose line has a single cell is hidden too;
* every figure worked out from a hidden count is hidden: rates, shares, ratios,
  differences and changes in the same row, the change in the next year's row, a figure
  kept as published beside it, a computed key figure, and a headline this year or last.

Totals themselves stay (they are worked out from the true values): that is what secondary
suppression protects. The report then prints each Hidden value as "c". Nothing is read
from or written to a file; the originals are not changed.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

import pandas as pd

from xl_addin.compute import Computed
from xl_addin.compute.headlines import Headline
from xl_addin.core.hidden import Hidden, is_hidden
from xl_addin.core.years import shift_year
from xl_addin.disclosure.counts import child_counts, child_facts, count_columns, is_small
from xl_addin.disclosure.secondary import Line, protect
from xl_addin.schema import Role, Table
from xl_addin.schema.expr import Name
from xl_addin.tables.dataset import Dataset, TableData
from xl_addin.tables.settings import Settings

__all__ = ["Suppression", "TableSuppression", "suppress", "derived_facts", "GRAND"]

Cell = tuple[object, str]  # (row index, column)
GRAND: tuple[object, ...] = ()  # the group key of a whole-table total


@dataclass(frozen=True)
class TableSuppression:
    """What was hidden in one table."""

    name: str
    title: str
    primary: frozenset[Cell] = frozenset()  # counts from 1 to 5
    secondary: frozenset[Cell] = frozenset()  # counts hidden so a total gives nothing away
    derived: frozenset[Cell] = frozenset()  # rates, shares and changes worked from them
    hidden_totals: frozenset[tuple[str, tuple[object, ...]]] = frozenset()  # (column, group)

    def total_hidden(self, column: str, group: tuple[object, ...] = GRAND) -> bool:
        return (column, group) in self.hidden_totals


@dataclass(frozen=True)
class Suppression:
    """Everything hidden in one build of the report, for its note on the figures."""

    tables: Mapping[str, TableSuppression] = field(default_factory=dict)
    facts: tuple[str, ...] = ()  # key figures hidden (small, or worked from one)
    headlines: tuple[str, ...] = ()  # headline figures hidden
    fact_labels: tuple[str, ...] = ()

    @property
    def primary(self) -> int:
        return sum(len(t.primary) for t in self.tables.values())

    @property
    def secondary(self) -> int:
        return sum(len(t.secondary) for t in self.tables.values())

    @property
    def derived(self) -> int:
        return sum(len(t.derived) for t in self.tables.values())

    def total_hidden(self, table: str, column: str, group: tuple[object, ...] = GRAND) -> bool:
        found = self.tables.get(table)
        return found is not None and found.total_hidden(column, group)

    @property
    def anything(self) -> bool:
        return bool(self.primary or self.facts or self.headlines)


def suppress(data: Dataset, computed: Computed) -> tuple[Dataset, Computed, Suppression]:
    """Copies of ``data`` and ``computed`` with small counts, and what gives them away,
    hidden; and a record of what was hidden."""
    small = {(c.table, c.index, c.column) for c in child_counts(data)
             if c.index is not None and is_small(c.value)}
    new_data = copy.copy(data)
    new_data.tables = dict(data.tables)
    new_computed = copy.copy(computed)
    new_computed.columns = dict(computed.columns)
    tables: dict[str, TableSuppression] = {}
    for name, table_data in data.tables.items():
        primary = {(i, col) for t, i, col in small if t == name}
        if not primary:
            continue
        extra = computed.columns.get(name)
        done, rows, frame = _table(table_data, extra, primary)
        tables[name] = done
        new_data.tables[name] = dataclasses.replace(table_data, rows=rows)
        if frame is not None:
            new_computed.columns[name] = frame
    facts = [key for key in child_facts(data) if is_small(data.facts.get(key))]
    new_data.facts = {k: Hidden(v) if k in facts else v for k, v in data.facts.items()}
    derived = derived_facts(data, set(facts))
    new_computed.facts = {k: Hidden(v) if k in derived else v
                          for k, v in computed.facts.items()}
    hidden_facts = set(facts) | derived
    headlines = _headlines(new_data, new_computed, computed.headlines, hidden_facts)
    new_computed.headlines = headlines
    labels = tuple(f.label for _, f in data.profile.iter_facts() if f.key in hidden_facts)
    record = Suppression(tables, tuple(k for k in data.facts if k in hidden_facts)
                         + tuple(sorted(derived - set(data.facts))),
                         tuple(h.key for h in headlines
                               if is_hidden(h.value) or is_hidden(h.previous)), labels)
    return new_data, new_computed, record


# --- one table ------------------------------------------------------------------------------


def _table(table_data: TableData, extra: pd.DataFrame | None, primary: set[Cell],
           ) -> tuple[TableSuppression, pd.DataFrame, pd.DataFrame | None]:
    table = table_data.table
    rows = table_data.rows
    counts = count_columns(table)
    values: dict[Hashable, object] = {(i, c): rows.at[i, c] for i in rows.index for c in counts}
    lines = _lines(table, rows, counts, extra)
    done = protect(values, lines, primary)
    hidden = {cast(Cell, c) for c in done.hidden}
    withheld = [cast(tuple[str, object, object], t) for t in done.hidden_totals]
    derived = _derive(table, rows, hidden)
    new_rows = rows.astype(object).copy()
    for index, column in hidden:
        _put(new_rows, index, column)
    new_frame = None if extra is None else extra.astype(object).copy()
    row_totals = {(t[1], str(t[2])) for t in withheld if t[0] == "row"}
    for index, column in derived | row_totals:
        if column in new_rows.columns and table.column(column).role is not Role.COMPUTED:
            _put(new_rows, index, column)
        elif new_frame is not None and column in new_frame.columns:
            _put(new_frame, index, column)
    totals = frozenset((str(t[1]), cast(tuple[object, ...], t[2])) for t in withheld
                       if t[0] == "column")
    record = TableSuppression(table.name, table.title, frozenset(primary),
                              frozenset(hidden - primary), frozenset(derived), totals)
    return record, new_rows, new_frame


def _put(frame: pd.DataFrame, index: object, column: str) -> None:
    """Replace a cell of an object-typed frame by its Hidden stand-in."""
    frame.at[index, column] = cast(Any, Hidden(frame.at[index, column]))


def _lines(table: Table, rows: pd.DataFrame, counts: tuple[str, ...],
           extra: pd.DataFrame | None) -> list[Line]:
    """The totals a reader can see: a group's (its shares give it away), the Total row,
    and a row total worked out by sum()."""
    lines: list[Line] = []
    filled = {c: [i for i in rows.index if rows.at[i, c] is not None] for c in counts}
    for column in counts:
        if table.groups:
            groups: dict[tuple[object, ...], list[object]] = {}
            for i in filled[column]:
                groups.setdefault(tuple(rows.at[i, g] for g in table.groups), []).append(i)
            lines += [Line(frozenset((i, column) for i in members), ("column", column, key))
                      for key, members in groups.items()]
        elif table.display.total and filled[column]:
            lines.append(Line(frozenset((i, column) for i in filled[column]),
                              ("column", column, GRAND)))
    for total in table.columns:
        if total.compute is None or total.compute.name != "sum":
            continue
        parts = [str(a) for a in total.compute.args if str(a) in counts]
        for i in rows.index:
            cells = frozenset((i, p) for p in parts if rows.at[i, p] is not None)
            if cells:
                lines.append(Line(cells, ("row", i, total.key)))
    return lines


def _derive(table: Table, rows: pd.DataFrame, hidden: set[Cell]) -> set[Cell]:
    """Cells worked out from a hidden count: formulas over it in its row (a row total
    excepted), the next year's change, and figures kept as published in its row."""
    out: set[Cell] = set()
    changed = True
    while changed:
        changed = False
        for column in table.columns:
            call = column.compute
            if call is None or call.name == "sum":
                continue
            args = [a.text for a in call.args if isinstance(a, Name)]
            for i in rows.index:
                cell = (i, column.key)
                if cell in out:
                    continue
                sources = {(i, a) for a in args}
                if call.name == "change":
                    before = _row_before(table, rows, i)
                    if before is not None:
                        sources |= {(before, a) for a in args}
                if sources & (hidden | out):
                    out.add(cell)
                    changed = True
    references = [c.key for c in table.columns if c.role is Role.REFERENCE]
    for i in {i for i, _ in hidden}:
        out |= {(i, r) for r in references}
    return out


def _row_before(table: Table, rows: pd.DataFrame, index: object) -> object | None:
    """The row a change() compares with: the year before, in the same year group."""
    year = table.year_column
    if year is None:
        ordered = list(rows.index)
        at = ordered.index(index)
        return ordered[at - 1] if at > 0 else None
    group = tuple(rows.at[index, g] for g in table.year_group)
    earlier = [i for i in rows.index
               if tuple(rows.at[i, g] for g in table.year_group) == group
               and str(rows.at[i, year]) < str(rows.at[index, year])]
    return max(earlier, key=lambda i: str(rows.at[i, year])) if earlier else None


# --- key figures and headlines --------------------------------------------------------------


def derived_facts(data: Dataset, hidden: set[str]) -> set[str]:
    """Computed key figures worked out from a hidden one (a change; a sum is a total)."""
    out: set[str] = set()
    for _, fact in data.profile.iter_facts():
        call = fact.compute
        if call is None or call.name != "change":
            continue
        names = {a.text for a in call.args if isinstance(a, Name)}
        if names & (hidden | out):
            out.add(fact.key)
    return out


def _headlines(data: Dataset, computed: Computed, headlines: list[Headline],
               hidden_facts: set[str]) -> list[Headline]:
    """Each headline with this year's or last year's figure hidden when its source is."""
    settings = Settings(data.facts)
    specs = {h.key: h for h in data.profile.headlines}
    out = []
    for headline in headlines:
        spec = specs.get(headline.key)
        now, before = (False, False) if spec is None else \
            _hidden_sources(spec.source.name, [_arg(a) for a in spec.source.args], data,
                            computed, settings, hidden_facts)
        out.append(dataclasses.replace(
            headline, value=Hidden(headline.value) if now else headline.value,
            previous=Hidden(headline.previous) if before else headline.previous))
    return out


def _arg(expr: object) -> str:
    return expr.text if isinstance(expr, Name) else str(getattr(expr, "value", expr))


def _hidden_sources(kind: str, args: list[str], data: Dataset, computed: Computed,
                    settings: Settings, hidden_facts: set[str]) -> tuple[bool, bool]:
    if kind == "facts":
        return args[0] in hidden_facts, len(args) > 1 and args[1] in hidden_facts
    if kind not in ("series", "history") or settings.year is None:
        return False, False
    table_name, columns = (args[0], args[1:]) if kind == "series" else (args[1], args[2:])
    found = data.tables.get(table_name)
    if found is None:
        return False, False
    year = found.table.year_column or "year"

    def hidden_in(offset: int) -> bool:
        index = found.find(year, shift_year(settings.year, offset))  # type: ignore[arg-type]
        if index is None:
            return False
        for column in columns:
            value = _cell(found, computed, index, column)
            if value is not None:
                return is_hidden(value)
        return False

    if kind == "history":
        return False, hidden_in(-1)
    return hidden_in(0), hidden_in(-1)


def _cell(found: TableData, computed: Computed, index: Hashable, column: str) -> object:
    typed = found.rows.at[index, column] if column in found.rows else None
    return typed if typed is not None else computed.value(found.table.name, index, column)


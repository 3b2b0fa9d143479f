"""Print any table as its profile's ``report:`` declaration says: no code per table.

A table's display names the columns printed and their headers, widths and decimal places;
a caption and notes (which may quote ``{year}``, ``{last_year}``, ``{area}``,
``{period_end}`` and any key figure); whether a totals row is added up; a chart of some of
its columns; or one table per group of rows. A chair's own table, which has no
declaration, is printed whole with the title typed above it. A table with no rows prints
nothing, and a chart needs at least two figures.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from xl_addin.core import fmt
from xl_addin.core.hidden import HIDDEN_MARK, is_hidden, true_value
from xl_addin.core.palette import RAG_FILLS
from xl_addin.report.content.blocks import Block, Cell, Chart, ChartKind, Series
from xl_addin.report.content.blocks import Column as ReportColumn
from xl_addin.report.content.blocks import Table as ReportTable
from xl_addin.report.content.outline import chart_with_table
from xl_addin.report.content.series import alt_text
from xl_addin.report.content.sources import NOT_AVAILABLE, Row, Sources
from xl_addin.schema.model import ChartSpec, Column, Display, Kind, Role, Table

__all__ = ["table_blocks", "chart_blocks", "cell_text", "fill",
           "MIN_CHART_POINTS", "DisplayBuilder", "TOTALS_LEFT_OUT"]

MIN_CHART_POINTS = 2  # a chart of fewer figures than this says nothing a sentence cannot
NUMERIC = {Kind.INTEGER, Kind.NUMBER, Kind.PERCENT, Kind.CURRENCY, Kind.MEASURE}
FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")

DisplayBuilder = Callable[[Sources, Table], list[Block]]
TOTALS_LEFT_OUT = ("Draft: the totals are left blank because a row of this table has an "
                   "error (listed in the appendix); they are printed once it is corrected.")


def fill(text: str, s: Sources, row: Mapping[str, object] | None = None) -> str:
    """``text`` with ``{year}``, ``{area}``, a row's ``{column}`` and key figures filled in."""
    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if row is not None and name in row:
            value = row[name]
            return "" if value is None else fmt.value(value)
        if name == "area":
            return s.area
        return s.figures.quote(name)

    return FIELD.sub(one, text)


def _has_all(text: str, row: Mapping[str, object]) -> bool:
    names = [n for _, n, _, _ in string.Formatter().parse(text) if n]
    return all(row.get(n) is not None for n in names if n in row)


def cell_text(column: Column, value: object, decimals: int | None = None,
              blank: str | None = None) -> str:
    """A value as the report prints it, by its column's kind; blanks as 'n/a' or ''."""
    if value is None:
        if blank is not None:
            return blank
        return NOT_AVAILABLE if column.kind in NUMERIC or column.role is Role.COMPUTED else ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if column.kind is Kind.PERCENT and isinstance(value, int | float):
        return fmt.percent(float(value), decimals)
    if column.kind is Kind.CURRENCY and isinstance(value, int | float):
        return fmt.money(float(value))
    if column.kind is Kind.INTEGER and isinstance(value, int | float):
        return fmt.number(float(value), 0 if decimals is None else decimals)
    if column.kind in NUMERIC and isinstance(value, int | float):
        return fmt.number(float(value), decimals)
    return fmt.value(value, column.kind.value, column.unit)


def _columns(table: Table) -> list[Column]:
    display = table.display
    if display.columns:
        return [table.column(key) for key in display.columns]
    return [c for c in table.columns if c.role is not Role.REFERENCE]


def _value(row: Row, column: Column, display: Display) -> object:
    value = row.get(column.key)
    if value is None and column.key in display.fallback:
        value = row.get(display.fallback[column.key])
    return value


def _ordered(rows: list[Row], table: Table) -> list[Row]:
    key = table.display.sort or table.year_column
    if key is None:
        return rows
    return sorted(rows, key=lambda r: (r.get(key) is None, str(r.get(key) or "").casefold()))


def _total_row(table: Table, columns: Sequence[Column], rows: Sequence[Row],
               display: Display, s: Sources | None = None) -> tuple[Cell, ...]:
    sums: dict[str, float] = {}
    for column in table.columns:
        if column.kind in NUMERIC:
            # a withheld count still counts in its total: the total is of the true figures
            values = [float(v) for r in rows
                      if isinstance(v := true_value(r.get(column.key)), int | float)
                      and not isinstance(v, bool)]
            if values:
                sums[column.key] = sum(values)
    cells: list[Cell] = []
    for i, column in enumerate(columns):
        if i == 0:
            cells.append(Cell(table.total_label or "Total"))
            continue
        if s is not None and s.total_hidden(table.name, column.key):
            cells.append(Cell(HIDDEN_MARK))
            continue
        group = tuple(rows[0].get(g) for g in table.groups) if rows else ()
        kept = s.kept.totals.get((table.name, column.key, group)) if s is not None else None
        if kept is not None:  # signed off: the total as typed
            cells.append(Cell(cell_text(column, kept.typed, display.decimals.get(column.key))))
            continue
        total = _column_total(column, sums)
        cells.append(Cell("" if total is None else
                          cell_text(column, total, display.decimals.get(column.key))))
    return tuple(cells)


def _column_total(column: Column, sums: Mapping[str, float]) -> float | None:
    """A total the reader can check: added up, or worked out again from the added-up parts."""
    call = column.compute
    if call is None:
        return sums.get(column.key) if column.kind is not Kind.PERCENT else None
    names = [str(a) for a in call.args]
    if call.name == "ratio" and all(n in sums for n in names) and sums[names[1]]:
        return sums[names[0]] / sums[names[1]]
    if call.name == "sum" and any(n in sums for n in names):
        return sum(sums.get(n, 0.0) for n in names)
    if call.name == "difference" and all(n in sums for n in names):
        return sums[names[0]] - sums[names[1]]
    return None


def _report_table(s: Sources, table: Table, rows: list[Row], caption: str,
                  notes: Sequence[str] = ()) -> ReportTable:
    display = table.display
    columns = _columns(table)
    header = [ReportColumn(fill(display.headers.get(c.key, c.header), s),
                           display.widths.get(c.key, _default_width(c)), c.kind in NUMERIC)
              for c in columns]
    body = tuple(tuple(_cell(c, _value(r, c, display), display) for c in columns)
                 for r in rows)
    total = _total_row(table, columns, rows, display, s) if display.total else None
    written = [fill(n, s) for n in display.notes]
    if total is not None and s.data.bad_rows.get(table.name):
        # a total over rows with errors would be wrong, not just short: left blank
        total = (total[0], *(Cell(NOT_AVAILABLE) if c.text else c for c in total[1:]))
        if s.draft:
            written.append(TOTALS_LEFT_OUT)
    if display.row_notes:
        written += [f"{cell_text(columns[0], r.get(columns[0].key))}: {r[display.row_notes]}"
                    for r in rows if r.get(display.row_notes)]
    return ReportTable(caption, tuple(header), body, total=total,
                       notes=tuple(written) + tuple(notes))


def _cell(column: Column, value: object, display: Display) -> Cell:
    """A printed cell; a rating column's letter (G, A, R, C) centred, bold and coloured, as
    the indicators' are."""
    text = cell_text(column, value, display.decimals.get(column.key),
                     display.blanks.get(column.key))
    status = text if column.rating and isinstance(value, str) and text in RAG_FILLS else None
    return Cell(text, status=status)


def _default_width(column: Column) -> float:
    if column.kind in NUMERIC or column.kind in (Kind.YEAR, Kind.DATE):
        return 1.0
    return 2.5 if (column.width or 0) >= 40 else 1.4


def caption_of(s: Sources, table: Table) -> str:
    return fill(table.display.caption or table.title, s)


def table_blocks(s: Sources, table: Table,
                 builders: Mapping[str, DisplayBuilder] | None = None) -> list[Block]:
    """The blocks that print ``table``: its table and chart, or what its builder makes."""
    display = table.display
    if display.hidden:
        return []
    if display.builder is not None:
        if builders is None or display.builder not in builders:
            raise KeyError(f"no display builder {display.builder!r}")
        return builders[display.builder](s, table)
    if display.group is not None:
        return _grouped(s, table)
    rows = _ordered(s.rows(table.name), table)
    if not rows:
        return []
    chart = display.chart
    drawn = _chart(s, table, rows, chart) if chart is not None else []
    if chart is not None and chart.replaces_table:
        return list(drawn)  # the alt text states every figure
    printed = _report_table(s, table, rows, caption_of(s, table))
    if not drawn or not chart_with_table(chart, len(rows)):
        return [printed]  # a short table says it all: a chart would repeat it
    drawn = [replace(drawn[0], labels=False)]  # the table gives the figures
    first, last = drawn[0].categories[0], drawn[0].categories[-1]
    own = drawn[0].caption
    if own == printed.caption:  # never the same caption twice
        own = f"{own}: {first} to {last}"
    return [printed, replace(drawn[0], caption=own)]


def chart_blocks(s: Sources, table: Table) -> list[Block]:
    """Only the chart of a table: its declared one, or for a chair's own table, its numbers
    against its first column."""
    rows = _ordered(s.rows(table.name), table)
    spec = table.display.chart or _implied_chart(table)
    if spec is None or not rows:
        return []
    return list(_chart(s, table, rows, spec))


def _implied_chart(table: Table) -> ChartSpec | None:
    numbers = [c.key for c in table.columns if c.kind in NUMERIC][:4]
    if not numbers or len(table.columns) < 2:
        return None
    x = table.columns[0].key
    if table.columns[0].kind is Kind.YEAR:
        return ChartSpec("line", tuple(numbers), x=x)
    return ChartSpec("bar", tuple(numbers), x=x)


def _number(x: object) -> float | None:
    if isinstance(x, bool) or not isinstance(x, int | float):
        return None
    return float(x)


def _chart(s: Sources, table: Table, rows: list[Row], spec: ChartSpec) -> list[Chart]:
    x_column = table.column(spec.x)
    categories = [cell_text(x_column, r.get(spec.x)) for r in rows]
    values = {key: [_number(_value(r, table.column(key), table.display)) for r in rows]
              for key in spec.series}
    if spec.this_year and s.year and s.year not in categories:
        categories.append(s.year)
        for key in spec.series:
            values[key].append(_number(s.figures.value(spec.this_year)))
    series = [Series(fill(table.display.headers.get(k, table.column(k).header), s),
                     tuple(values[k])) for k in spec.series]
    filled = sum(v is not None for one in series for v in one.values)
    if filled < MIN_CHART_POINTS or len(categories) < MIN_CHART_POINTS:
        return []
    caption = fill(spec.caption or table.display.caption or table.title, s)
    percent = table.column(spec.series[0]).kind is Kind.PERCENT
    label = fill(spec.label, s) if spec.label else series[0].name
    kind = ChartKind.LINE if spec.kind == "line" else ChartKind.BAR

    def shown(v: float) -> str:
        return fmt.percent(v, 1) if percent else fmt.number(v)

    text = alt_text(kind, caption, categories, series, shown)
    withheld = [categories[i] for i, r in enumerate(rows) for k in spec.series
                if is_hidden(_value(r, table.column(k), table.display))]
    if withheld:  # a withheld count is left out of the chart, and the alt text says so
        text += (f" Not drawn, to protect children's identities ({HIDDEN_MARK}): "
                 f"{', '.join(dict.fromkeys(withheld))}.")
    return [Chart(kind, caption, tuple(categories), tuple(series), label, text, percent)]


def _grouped(s: Sources, table: Table) -> list[Block]:
    group = table.display.group
    assert group is not None
    rows = s.rows(table.name)
    lookups: dict[object, Row] = {}
    order: list[object] = []
    if group.lookup is not None:
        lookup_table = s.data.profile.table(group.lookup)
        key = lookup_table.key or group.column
        for row in s.rows(group.lookup):
            lookups[row.get(key)] = row
            order.append(row.get(key))
    order += [r.get(group.column) for r in rows if r.get(group.column) not in order]
    blocks: list[Block] = []
    for value in order:
        own = [r for r in rows if r.get(group.column) == value]
        if not own:
            continue
        context = lookups.get(value, {group.column: value})
        caption = fill(group.caption, s, context) if group.caption else \
            f"{caption_of(s, table)}: {fmt.value(value)}"
        notes = [fill(n, s, context) for n in group.notes if _has_all(n, context)]
        blocks.append(_report_table(s, table, own, caption, notes))
    return blocks

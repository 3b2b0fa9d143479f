"""About the figures: the one note that tells a reader what they need to trust the figures.

It is written from the data, never typed: where rates come from, what "pp" means, which
figures published at the time this report corrects and why, and ratings on thresholds of
an indicator's own. The tool's own workings (trends typed by hand, missing populations,
checks) belong to validation and drafts, never here.

Each part is a *provider*: a function from :class:`Sources` to the note's lines, in the
order of :data:`PROVIDERS`. A line that starts with "- " prints as a bullet. To say more,
write a provider and add it to the tuple::

    def staffing(s: Sources) -> list[str]:
        return ["..."] if ... else []

    PROVIDERS = (*PROVIDERS, staffing)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from xl_addin.core import fmt
from xl_addin.disclosure import suppression_notes
from xl_addin.report.content.blocks import Block, Paragraph, TextStyle
from xl_addin.report.content.display import cell_text
from xl_addin.report.content.sources import Row, Sources
from xl_addin.schema.model import Column, Kind, Role, Section, Table
from xl_addin.tables.dataset import is_number, total_gaps
from xl_addin.tables.placement import quoted_in

__all__ = ["Provider", "PROVIDERS", "about_the_figures", "rates_source", "percentage_points",
           "corrected_figures", "typed_totals", "own_thresholds", "small_numbers", "BULLET"]

Provider = Callable[[Sources], list[str]]
BULLET = "- "


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".").rstrip()
    return f"{text}." if text else ""


def _rate_columns(table: Table) -> list[Column]:
    return [c for c in table.columns if c.compute is not None
            and c.compute.name == "rate_per_10000"]


def rates_source(s: Sources) -> list[str]:
    """Where rates per 10,000 children come from."""
    uses: list[tuple[Table, bool]] = []  # tables with rates, and whether earlier years
    for table_data in s.data.tables.values():  # are printed as published
        table = table_data.table
        rates = _rate_columns(table)
        if not rates or table.display.hidden:
            continue
        rows = s.rows(table.name)
        published = any(r.get(c.key) is None and r.get(table.display.fallback.get(c.key, ""))
                        is not None for r in rows for c in rates)
        uses.append((table, published))
    population = s.figures.value("child_population")
    if not uses or not isinstance(population, int | float):
        return []
    source = s.figures.value("child_population_source")
    where = f"the {source} estimate" if source else "the estimate"
    line = (f"Rates per 10,000 children for {s.year or 'this year'} use {where} of "
            f"{fmt.number(float(population), 0)} children aged under 18 in {s.area}")
    if any(published for _, published in uses):
        line += "; rates for earlier years are as they were published at the time"
    return [_sentence(line)]


def percentage_points(s: Sources) -> list[str]:
    """What "pp" means, when changes in percentages are written with it."""
    if str(s.figures.value("difference_style") or "+1 pp") != "+1 pp":
        return []
    return ["A change in a percentage is given in percentage points (pp): a rise from 20% "
            "to 22% is +2 pp."]


def _label(table: Table, row: Row) -> str:
    """How a row is named in a sentence: its year, or its group and key."""
    keys: list[str] = []
    if table.year_column:
        keys.append(table.year_column)
    else:
        keys += [g for g in table.groups]
        key = table.key or next((c.key for c in table.columns if c.kind is Kind.TEXT), None)
        if key and key not in keys:
            keys.append(key)
    return ", ".join(str(row[k]) for k in keys if row.get(k) is not None)


def _shown(column: Column, value: float, places: int | None) -> str:
    if column.kind is Kind.PERCENT:
        return fmt.percent(value, places)
    return fmt.number(value, places)


def _places(column: Column, value: float) -> int:
    scaled = fmt.as_percentage(value) if column.kind is Kind.PERCENT else value
    return fmt.decimals_shown(scaled)


def _pairs(table: Table) -> list[tuple[Column, Column]]:
    """(the tool's column, the column as published) pairs of a table."""
    out = []
    for column in table.columns:
        if column.role is not Role.COMPUTED or column.compute is None:
            continue
        reference = table.display.fallback.get(column.key) or f"published_{column.key}"
        if table.has(reference) and table.column(reference).role is Role.REFERENCE:
            out.append((column, table.column(reference)))
    return out


def _because(column: Column, row: Row, s: Sources) -> str:
    call = column.compute
    assert call is not None
    names = [str(a) for a in call.args]
    values = [row.get(n) for n in names]
    if call.name == "ratio" and all(isinstance(v, int | float) for v in values):
        return (f"{fmt.number(float(values[0]), 0)} out of "  # type: ignore[arg-type]
                f"{fmt.number(float(values[1]), 0)}")  # type: ignore[arg-type]
    if call.name == "rate_per_10000" and isinstance(values[0], int | float):
        population = values[1] if isinstance(values[1], int | float) else \
            s.figures.value("child_population")
        if isinstance(population, int | float):
            return (f"{fmt.number(float(values[0]), 0)} for "
                    f"{fmt.number(float(population), 0)} children")
    return ""


def corrected_figures(s: Sources) -> list[str]:
    """Figures published at the time that do not agree with their own counts."""
    lines: list[str] = []
    for table_data in s.data.tables.values():
        table = table_data.table
        if table.display.hidden:
            continue
        for column, reference in _pairs(table):
            for row in s.rows(table.name):
                mine, published = row.get(column.key), row.get(reference.key)
                if not isinstance(mine, int | float) or not isinstance(published, int | float):
                    continue
                places = _places(reference, float(published))
                if _shown(reference, float(mine), places) == _shown(reference, float(published),
                                                                    places):
                    continue
                printed = table.display.decimals.get(column.key, places)
                because = _because(column, row, s)
                lines.append(BULLET + _sentence(
                    f"{table.title}, {_label(table, row)}: {column.header.lower()} published "
                    f"as {_shown(reference, float(published), places)}; this report gives "
                    f"{_shown(column, float(mine), printed)}"
                    + (f", worked out from {because}" if because else "")))
    lines += typed_totals(s)
    if not lines:
        return []
    return ["Where a figure published at the time does not agree with the counts it was "
            "worked out from, this report gives the figure worked out again from the counts:",
            *lines]


def typed_totals(s: Sources) -> list[str]:
    """Totals typed in the workbook that differ from their rows (the report adds up)."""
    lines = []
    for table_data in s.data.tables.values():
        table = table_data.table
        if table.display.hidden or not table.display.total:
            continue
        for gap in total_gaps(table_data):
            if not is_number(gap.typed):
                continue  # not a figure: the validation reports it
            group = ", ".join(str(gap.total[g]) for g in table.groups)
            lines.append(BULLET + _sentence(
                f"{table.title}{', ' + group if group else ''}: the total of "
                f"{gap.column.header.lower()} was published as "
                f"{cell_text(gap.column, gap.typed)}; its rows add up to "
                f"{cell_text(gap.column, gap.added)}, the total this report gives"))
    return lines


def own_thresholds(s: Sources) -> list[str]:
    """Indicators rated on thresholds of their own, and why."""
    lines = []
    for table_data in s.data.tables.values():
        table = table_data.table
        if table.behaviour != "indicators" or not table.has("threshold_reason"):
            continue
        for row in s.rows(table.name):
            if row.get("amber_from") is None and row.get("red_from") is None:
                continue
            reason = str(row.get("threshold_reason") or "").strip()
            lines.append(_sentence(f"{row['ref']} is rated on thresholds of its own"
                                   + (f": {reason}" if reason else "")))
    return lines


def small_numbers(s: Sources) -> list[str]:
    """What was withheld as "c" (xl_addin.disclosure), when small numbers were."""
    return suppression_notes(s.suppression, quoted_in(s.data))


PROVIDERS: tuple[Provider, ...] = (rates_source, percentage_points, corrected_figures,
                                   own_thresholds, small_numbers)


def about_the_figures(s: Sources, section: Section, written: Sequence[Block],
                      providers: Sequence[Provider] | None = None) -> list[Block]:
    """The section: the chairs' own words for it (if any), then every provider's lines."""
    blocks: list[Block] = list(written)
    for provider in PROVIDERS if providers is None else providers:
        for line in provider(s):
            if line.startswith(BULLET):
                blocks.append(Paragraph(line[len(BULLET):], TextStyle.BULLET))
            else:
                blocks.append(Paragraph(line))
    return blocks

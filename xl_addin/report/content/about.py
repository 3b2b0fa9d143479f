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
from xl_addin.report.content.display import caption_of, cell_text, fill
from xl_addin.report.content.kept import KeptTotal, published_pairs
from xl_addin.report.content.sources import Row, Sources
from xl_addin.schema.model import Column, Kind, Section, Table
from xl_addin.tables.dataset import is_number, total_gaps
from xl_addin.tables.placement import quoted_in

__all__ = ["Provider", "PROVIDERS", "about_the_figures", "rates_source", "percentage_points",
           "corrected_figures", "typed_totals", "kept_figures", "own_thresholds",
           "small_numbers", "BULLET"]

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
    """How a row is named in a sentence: its year, or its answer, course or key."""
    if table.year_column:
        return str(row.get(table.year_column) or "")
    key = table.label_column or table.key or next(
        (c.key for c in table.columns if c.kind is Kind.TEXT and c.key not in table.groups),
        None)
    return str(row.get(key) or "") if key else ""


def _caption(s: Sources, table: Table, row: Row) -> str:
    """The table as the reader sees it captioned: a table printed once per group (a survey
    question) by that group's caption."""
    group = table.display.group
    if group is not None and group.caption:
        context: Row = {group.column: row.get(group.column)}
        if group.lookup is not None:
            lookup = s.data.profile.table(group.lookup)
            key = lookup.key or group.column
            context = next((r for r in s.rows(group.lookup)
                            if r.get(key) == row.get(group.column)), context)
        return fill(group.caption, s, context)
    return caption_of(s, table)


def _named(caption: str, label: str) -> str:
    """A table's caption and a row's name, as the start of a sentence."""
    if not label:
        return caption
    return f"{caption} – {label}" if caption.endswith("?") else f"{caption}, {label}"


def _lead(caption: str, rest: str) -> str:
    """A caption, then what is said of it: 'Title: the total ...'; after a question,
    'Question? The total ...'."""
    if caption.endswith("?"):
        return f"{caption} {rest[:1].upper()}{rest[1:]}"
    return f"{caption}: {rest}"


def _shown(column: Column, value: float, places: int | None) -> str:
    if column.kind is Kind.PERCENT:
        return fmt.percent(value, places)
    return fmt.number(value, places)


def _places(column: Column, value: float) -> int:
    scaled = fmt.as_percentage(value) if column.kind is Kind.PERCENT else value
    return fmt.decimals_shown(scaled)


def _pairs(table: Table) -> list[tuple[Column, Column]]:
    """(the tool's column, the column as published) pairs of a table."""
    return [(table.column(tool), table.column(reference))
            for reference, tool in published_pairs(table).items()]


def _words(table: Table, key: str) -> str:
    """A column's heading as words in a sentence: 'Re-referrals within 12 months' ->
    're-referrals within 12 months' (an acronym keeps its capitals)."""
    header = table.display.headers.get(key) or table.column(key).header
    first = header.split(" ", 1)[0]
    return header if first.isupper() and len(first) > 1 else header[:1].lower() + header[1:]


def _inputs(s: Sources, table: Table, column: Column, row: Row) -> str:
    """What the tool works a figure out from, in words with the figures:
    'the assessments initiated (2,126) and the number of children aged under 18 (92,800,
    ONS mid-2015)'."""
    call = column.compute
    if call is None:
        return ""
    names = [str(a) for a in call.args]
    values = [row.get(n) for n in names]
    if call.name == "ratio" and all(is_number(v) for v in values):
        return (f"{fmt.number(float(values[0]), 0)} {_words(table, names[0])} out of "  # type: ignore[arg-type]
                f"{fmt.number(float(values[1]), 0)} {_words(table, names[1])}")  # type: ignore[arg-type]
    if call.name == "rate_per_10000" and is_number(values[0]):
        own = values[1] if len(values) > 1 and is_number(values[1]) else None
        population = own if own is not None else s.figures.value("child_population")
        source = s.figures.value("child_population_source") if own is None else None
        if is_number(population):
            return (f"the {_words(table, names[0])} ({fmt.number(float(values[0]), 0)}) "
                    f"and the number of children aged under 18 "
                    f"({fmt.number(float(population), 0)}{f', {source}' if source else ''})")
    if call.name == "share_of_group" and is_number(values[0]):
        group = tuple(row.get(g) for g in table.groups)
        total = sum(float(v) for r in s.rows(table.name)
                    if tuple(r.get(g) for g in table.groups) == group
                    and is_number(v := r.get(names[0])))
        return (f"{fmt.number(float(values[0]), 0)} {_words(table, names[0])} out of "
                f"{fmt.number(total, 0)} in all")
    return ""


def corrected_figures(s: Sources) -> list[str]:
    """Figures published at the time that do not agree with the counts they were worked out
    from, each with what this report gives and how."""
    lines: list[str] = []
    for table_data in s.data.tables.values():
        table = table_data.table
        if table.display.hidden:
            continue
        for column, reference in _pairs(table):
            for row in s.rows(table.name):
                mine, published = row.get(column.key), row.get(reference.key)
                if not is_number(mine) or not is_number(published):
                    continue
                places = _places(reference, float(published))
                if _shown(reference, float(mine), places) == _shown(reference, float(published),
                                                                    places):
                    continue
                printed = table.display.decimals.get(column.key, places)
                label = _label(table, row)
                inputs = _inputs(s, table, column, row)
                lines.append(BULLET + _sentence(
                    f"{_named(_caption(s, table, row), label)}: the "
                    f"{_words(table, column.key)} is "
                    + (f"worked out from {inputs}, which gives " if inputs else "")
                    + f"{_shown(column, float(mine), printed)}; the board published "
                    f"{_shown(reference, float(published), places)} at the time"))
    lines += typed_totals(s)
    if not lines:
        return []
    return ["Where a figure published at the time does not agree with the counts it was "
            "worked out from, this report gives the figure worked out again from the counts:",
            *lines]


def typed_totals(s: Sources) -> list[str]:
    """Totals published at the time that differ from their rows (the report adds up)."""
    lines = []
    for table_data in s.data.tables.values():
        table = table_data.table
        if table.display.hidden or not table.display.total or \
                s.data.bad_rows.get(table.name):
            continue  # rows with errors do not add up to anything
        for gap in total_gaps(table_data):
            group = tuple(gap.total[g] for g in table.groups)
            if not is_number(gap.typed) or (table.name, gap.column.key, group) in s.kept.totals:
                continue  # not a figure (the validation reports it), or kept as published
            lines.append(BULLET + _sentence(_lead(
                _caption(s, table, gap.total),
                f"the total of {_words(table, gap.column.key)} was published as "
                f"{cell_text(gap.column, gap.typed)}; the figures it totals add up to "
                f"{cell_text(gap.column, gap.added)}, which this report gives")))
    return lines


def kept_figures(s: Sources) -> list[str]:
    """Figures the board kept as published, though the counts give another, and why."""
    lines = []
    for kept in s.kept.all():
        table = s.data.profile.table(kept.table) if s.data.profile.has_table(kept.table) \
            else None
        signed = kept.finding.signed
        if table is None or signed is None:
            continue
        why = _sentence(signed.why)
        if isinstance(kept, KeptTotal):
            row: Row = dict(zip(table.groups, kept.group, strict=True))
            column = table.column(kept.column)
            added = sum(float(v) for r in s.rows(table.name)
                        if tuple(r.get(g) for g in table.groups) == kept.group
                        and is_number(v := r.get(kept.column)))
            lines.append(BULLET + _sentence(_lead(
                _caption(s, table, row),
                f"the total of {_words(table, kept.column)} is given as published at the "
                f"time, {cell_text(column, kept.typed)}, though the figures it totals add up "
                f"to {cell_text(column, added)}. {why}")))
            continue
        row = s.row(kept.table, kept.index) or {}
        column = table.column(kept.column)
        tool = s.computed.value(kept.table, kept.index, kept.column)
        if kept.column == "rag":
            name = f"{row.get('ref')} ({row.get('description')})" if row.get("ref") else \
                _label(table, row)
            lines.append(BULLET + _sentence(
                f"{name}: the rating is given as published at the time, {kept.typed}, where "
                f"the target and the usual bands would give {tool or 'none'}. {why}"))
            continue
        label = _label(table, row)
        inputs = _inputs(s, table, column, {**row, kept.column: tool})
        shown = cell_text(column, kept.typed, table.display.decimals.get(kept.column))
        worked = cell_text(column, tool, table.display.decimals.get(kept.column))
        lines.append(BULLET + _sentence(
            f"{_named(_caption(s, table, row), label)}: the "
            f"{_words(table, kept.column)} is given as published at the time, {shown}; "
            + (f"worked out from {inputs} it would be {worked}" if inputs and tool is not None
               else f"worked out again it would be {worked}") + f". {why}"))
    if not lines:
        return []
    return ["Where the board has kept a figure as it was published, although the counts "
            "give another, this report prints the published figure, for the reason given:",
            *lines]


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
            name = f"{row['ref']} ({row['description']})" if row.get("description") \
                else str(row["ref"])
            lines.append(_sentence(f"Indicator {name} is rated against limits of its own "
                                   "rather than the ones the other indicators share"
                                   + (f": {reason[:1].lower() + reason[1:]}" if reason
                                      else "")))
    return lines


def small_numbers(s: Sources) -> list[str]:
    """What was withheld as "c" (xl_addin.disclosure), when small numbers were."""
    return suppression_notes(s.suppression, quoted_in(s.data))


PROVIDERS: tuple[Provider, ...] = (rates_source, percentage_points, corrected_figures,
                                   kept_figures, own_thresholds, small_numbers)


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

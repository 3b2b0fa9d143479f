"""Next year's master workbook from this year's: history moves along, unfinished work carries.

``roll_over(data, computed)`` takes this year's validated data and returns the typed rows of
next year's workbook (for ``io.xlsx_writer.build_workbook``) with a plain-English note of
what changed. It is pure: no file, no Excel. How each table rolls is the profile's: each
table's ``rollover`` names a rule (``series``, ``standing``, ``emptied``,
``earlier_years``, ``business_plan``, ``rolled_with``), every report-text table moves its
Text to "Last year's text", and each key figure's ``rollover`` says whether it stands
(``keep()``), moves on a year (``advance()``), takes this year's value of another figure as
'last year' (``carry(...)``) or is set (``set(...)``); every other key figure is emptied. A
table with no rule keeps its rows with their figures emptied, or, with a year column,
moves along as a series.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from xl_addin.compute import Computed
from xl_addin.core import fmt
from xl_addin.core.errors import WorkbookError
from xl_addin.core.years import shift_year
from xl_addin.schema import Fact, Kind, Profile, Role, Table
from xl_addin.schema.active import active_profile
from xl_addin.schema.behaviours import carried_note, carried_over
from xl_addin.schema.expr import Literal, Name
from xl_addin.tables.dataset import Dataset, records

__all__ = ["roll_over", "Rollover", "rule_for", "Series", "EarlierYears", "Standing",
           "Emptied", "BusinessPlan", "RolledWith"]

Row = dict[str, object]
Rows = dict[str, list[Row]]

# Kept key figures that go stale (a population, a share): carried, and flagged for review.
STANDING_FIGURES = frozenset({Kind.INTEGER, Kind.NUMBER, Kind.PERCENT, Kind.CURRENCY})

def _date_after(day: object) -> object:
    """The same day a year later (29 February becomes 28 February); blank stays blank."""
    if not isinstance(day, dt.date):
        return day
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


@dataclass(frozen=True)
class Rollover:
    """Next year's workbook as typed rows, and what the rollover did, in words."""

    year: str  # the year rolled over from
    next_year: str
    rows: Rows
    notes: list[str]
    own: tuple[tuple[str, Table], ...] = ()  # (tab, table): chairs' own tables, carried


@dataclass
class _Context:
    data: Dataset
    computed: Computed
    schema: Profile
    year: str
    next_year: str
    notes: list[str] = field(default_factory=list)
    tallies: dict[str, list[str]] = field(default_factory=dict)

    def rows(self, name: str) -> list[Row]:
        """This year's body rows of a table, with the tool's computed columns filled in."""
        found = self.data.tables.get(name)
        if found is None:
            return []
        frame = found.rows
        worked = self.computed.columns.get(name)
        if worked is not None:
            frame = frame.assign(**{key: worked[key] for key in worked.columns})
        return [row for _, row in records(frame)]

    def where(self, table: Table) -> str:
        return f"{self.schema.sheet_of(table.name).name}: {table.title}"

    def tally(self, heading: str, item: str) -> None:
        self.tallies.setdefault(heading, []).append(item)


def _inputs(table: Table, row: Row) -> Row:
    """The typed (input and as-published) values of a row; computed columns start blank."""
    return {c.key: row.get(c.key) for c in table.columns if c.role is not Role.COMPUTED}


def _rows(n: int, what: str) -> str:
    return f"{n} {what}" + ("" if n == 1 else "s")


def _years(n: int) -> str:
    return "a year" if n == 1 else f"{n} years"


def _headers(table: Table, keys: tuple[str, ...]) -> str:
    return ", ".join(f"'{table.column(k).header}'" for k in keys)


# --- how a table rolls ----------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One row per year (per ``year_group``): move along by a year, within the window."""

    lag: int = 0  # years the table runs behind the reporting year
    latest_only: tuple[str, object] | None = None  # (column, value): rows for the newest year only
    population: str | None = None  # left blank for 'the Settings figure': frozen into history

    def roll(self, ctx: _Context, table: Table) -> Rows:
        year = table.year_column or "year"
        rows = [self._frozen(ctx, _inputs(table, r), year) for r in ctx.rows(table.name)]
        new_year = shift_year(ctx.year, 1 - self.lag)
        newest = max((str(r[year]) for r in rows), default=None)
        blank = {**_inputs(table, {}), year: new_year}
        opened = [{**blank, **{g: r[g] for g in table.year_group}}
                  for r in rows if r[year] == newest] if table.year_group else [blank]
        first = shift_year(new_year, 1 - table.window) if table.window else ""
        kept = [r for r in rows if str(r[year]) >= first and not self._comparison(r)]
        dropped = sorted({str(r[year]) for r in rows} - {str(r[year]) for r in kept})
        late = f" (its figures run {_years(self.lag)} behind)" if self.lag else ""
        opening = (f"{_rows(len(opened), 'empty row')} opened for {new_year}{late}"
                   if opened else "")
        ctx.notes.append(f"{ctx.where(table)}: "
                         + "; ".join(part for part in (
                             f"{newest} is now history" if newest else "",
                             f"dropped {', '.join(dropped)}" if dropped else "",
                             opening) if part) + ".")
        return {table.name: kept + opened}

    def _comparison(self, row: Row) -> bool:
        return self.latest_only is not None and row[self.latest_only[0]] == self.latest_only[1]

    def _frozen(self, ctx: _Context, row: Row, year: str) -> Row:
        if self.population and row[self.population] is None and row[year] == ctx.year:
            return {**row, self.population: ctx.data.fact("child_population")}
        return row


@dataclass(frozen=True)
class EarlierYears:
    """Totals of earlier years; this year's total is computed, and now becomes history."""

    column: str  # the total's column
    total: str  # the computed key figure holding this year's total

    def roll(self, ctx: _Context, table: Table) -> Rows:
        rows = [_inputs(table, r) for r in ctx.rows(table.name)]
        total = ctx.computed.facts.get(self.total)
        if total is None or any(r["year"] == ctx.year for r in rows):
            ctx.notes.append(f"{ctx.where(table)}: kept as it was (no {ctx.year} total, or "
                             "already there).")
            return {table.name: rows}
        ctx.notes.append(f"{ctx.where(table)}: {ctx.year} added with this year's total "
                         f"({fmt.value(total)}).")
        return {table.name: [*rows, {"year": ctx.year, self.column: total}]}


@dataclass(frozen=True)
class Standing:
    """Rows that stand from year to year (members, indicators, report text): this year's
    figures move to a 'last year' column, are emptied, or move on a year."""

    carry: tuple[tuple[str, str], ...] = ()  # (to, from): this year's value becomes last year's
    clear: tuple[str, ...] = ()  # emptied for the new year
    advance: tuple[str, ...] = ()  # dates moved on by a year
    newest_only: str | None = None  # a year column: keep only the rows of its newest year
    tally: str | None = None  # report with like tables under this heading, not on its own
    keep_if: tuple[tuple[str, tuple[str, ...]], ...] = ()  # rows kept as typed: (column, values)

    def roll(self, ctx: _Context, table: Table) -> Rows:
        rows = ctx.rows(table.name)
        if self.newest_only is not None:
            newest = max((str(r[self.newest_only]) for r in rows), default=None)
            rows = [r for r in rows if r[self.newest_only] == newest]
        out = [self._rolled(table, r) for r in rows]
        if self.tally:
            kept = sum(self._kept(r) for r in rows)
            ctx.tally(self.tally, f"{ctx.schema.sheet_of(table.name).name} ({len(out)}"
                      + (f"; {_rows(kept, 'row')} placing a table or a chart kept as "
                         + ("it was" if kept == 1 else "they were") if kept else "") + ")")
        else:
            ctx.notes.append(f"{ctx.where(table)}: {_rows(len(out), 'row')} kept"
                             + self._said(table))
        return {table.name: out}

    def _kept(self, row: Row) -> bool:
        return any(str(row.get(key)) in values for key, values in self.keep_if)

    def _rolled(self, table: Table, row: Row) -> Row:
        new = _inputs(table, row)
        if self._kept(row):
            return new  # a table's or chart's place stands from year to year
        for to, source in self.carry:
            new[to] = row[source]
        for key in self.clear:
            new[key] = None
        for key in self.advance:
            new[key] = _date_after(row[key])
        return new

    def _said(self, table: Table) -> str:
        parts = [f"{_headers(table, (source,))} moved to {_headers(table, (to,))}"
                 for to, source in self.carry]
        if self.clear:
            parts.append(f"emptied {_headers(table, self.clear)}")
        if self.advance:
            parts.append(f"{_headers(table, self.advance)} moved on a year")
        return ("; " + "; ".join(parts) if parts else ", as they were") + "."


@dataclass(frozen=True)
class Emptied:
    """This year's own list (findings, reviews): next year starts with none."""

    def roll(self, ctx: _Context, table: Table) -> Rows:
        ctx.tally("Started empty for the new year", ctx.where(table))
        return {table.name: []}


@dataclass(frozen=True)
class BusinessPlan:
    """Actions not complete (any status but C, blank too) carry forward with a History
    note, their Update and Status emptied; completed ones move to the history table."""

    history: str  # the table of completed actions

    def roll(self, ctx: _Context, table: Table) -> Rows:
        history = ctx.schema.table(self.history)
        done = [_inputs(history, r) for r in ctx.rows(self.history)]
        carried: list[Row] = []
        statuses: Counter[str] = Counter()
        for row in ctx.rows(table.name):
            status = row["status"]
            statuses[str(status or "no status")] += 1
            if status == "C":
                done.append({**_inputs(history, row), "year": ctx.year})
            else:
                carried.append({**_inputs(table, row), "update": None, "status": None,
                                "history": _carried_history(row, ctx.year)})
        counts = ", ".join(f"{s} {statuses[s]}" for s in ("G", "A", "R", "no status")
                           if statuses[s])
        ctx.notes.append(f"{ctx.where(table)}: {len(carried)} actions not complete carried "
                         f"forward ({counts or 'none'}), with Update and Status emptied; "
                         f"{statuses['C']} completed actions moved to {history.title}.")
        return {table.name: carried, self.history: done}


def _carried_history(row: Row, year: str) -> str:
    status = row["status"]
    entry = f"Carried forward from {year} (" + (f"status {status})" if status else "no status)")
    return f"{row['history']}; {entry}" if row["history"] else entry


@dataclass(frozen=True)
class RolledWith:
    """A table whose rows another table's rule writes."""

    table: str

    def roll(self, ctx: _Context, table: Table) -> Rows:
        return {}


Rule = Series | EarlierYears | Standing | Emptied | BusinessPlan | RolledWith


def rule_for(table: Table) -> Rule:
    """How a (non-fact) table rolls, from its profile declaration."""
    declared = table.rollover
    if declared is None:
        if table.year_column is not None:
            return Series()
        return Standing(clear=tuple(c.key for c in table.columns
                                    if c.is_numeric and c.role is not Role.COMPUTED))
    if declared.rule == "series":
        latest = declared.names("latest_only")
        return Series(lag=declared.number("lag"),
                      latest_only=(latest[0], latest[1]) if len(latest) == 2 else None,
                      population=declared.text("population"))
    if declared.rule == "standing":
        keep_if = tuple((str(k), tuple(str(v) for v in values))
                        for k, values in declared.keep_if.items())
        return Standing(carry=declared.pairs("carry"), clear=declared.names("clear"),
                        advance=declared.names("advance"),
                        newest_only=declared.text("newest_only"), tally=declared.text("tally"),
                        keep_if=keep_if)
    if declared.rule == "earlier_years":
        return EarlierYears(str(declared.text("column")), str(declared.text("total")))
    if declared.rule == "business_plan":
        return BusinessPlan(str(declared.text("history")))
    if declared.rule == "rolled_with":
        return RolledWith(str(declared.text("table")))
    return Emptied()


# --- key figures ----------------------------------------------------------------------------


def _roll_facts(ctx: _Context) -> Rows:
    out: Rows = {}
    counts: Counter[str] = Counter()
    settings: list[str] = []
    review: list[str] = []
    for table, fact in ctx.schema.iter_facts():
        if fact.computed:
            continue  # written by the tool
        value, note, how = _rolled_fact(ctx, fact)
        counts[how] += 1
        if how == "set":
            settings.append(f"'{fact.label}' set to {value}")
        if note is not None and carried_over(note) is not None:
            review.append(f"'{fact.label}' ({fmt.value(value)})")
        out.setdefault(table.name, []).append({"ref": fact.key, "value": value, "note": note})
    parts = [f"{counts['standing']} standing figures kept" if counts["standing"] else "",
             f"{counts['advanced']} moved on a year" if counts["advanced"] else "",
             f"{counts['carried']} 'last year' figures given this year's value"
             if counts["carried"] else "",
             f"{counts['emptied']} emptied for {ctx.next_year}" if counts["emptied"] else ""]
    ctx.notes.append("Key figures: " + ", ".join(p for p in parts if p)
                     + (f"; {'; '.join(settings)}" if settings else "") + ".")
    if review:
        ctx.notes.append(f"Carried from {ctx.year} for the chairs to confirm for "
                         f"{ctx.next_year} (each is flagged on its tab until its note is "
                         f"changed): {', '.join(review)}.")
    return out


def _literal(arg: object) -> object:
    if isinstance(arg, Literal):
        return arg.value
    if isinstance(arg, Name):
        return arg.text
    return None


def _rolled_fact(ctx: _Context, fact: Fact) -> tuple[object, str | None, str]:
    """(new value, note, how) of one typed key figure."""
    facts = ctx.data.facts
    rule = fact.rollover
    how = rule.name if rule is not None else "empty"
    if rule is not None and how == "set":
        value = _literal(rule.args[0])
        note = _literal(rule.args[1]) if len(rule.args) > 1 else None
        return value, None if note is None else str(note), "set"
    if how == "advance":
        value = facts.get(fact.key)
        return shift_year(value) if isinstance(value, str) else _date_after(value), None, \
            "advanced"
    if rule is not None and how == "carry":
        source = str(_literal(rule.args[0]))
        label = ctx.schema.fact(source).label
        return facts.get(source), f"{ctx.year}: '{label}', carried over.", "carried"
    if how == "keep":
        value = facts.get(fact.key)
        if value is None or fact.kind not in STANDING_FIGURES:
            return value, ctx.data.notes.get(fact.key), "standing"
        said = ctx.data.notes.get(fact.key) or facts.get(f"{fact.key}_source")
        return value, carried_note(ctx.year, str(said) if said else None), "standing"
    return None, None, "emptied"


# --- the whole workbook ---------------------------------------------------------------------


def roll_over(data: Dataset, computed: Computed, schema: Profile | None = None) -> Rollover:
    """Next year's rows for every table the profile has switched on, from this year's
    validated data, and the chairs' own tables carried as they were."""
    year = data.fact("reporting_year")
    if not isinstance(year, str):
        raise WorkbookError("Cannot roll over: the Settings tab has no reporting year.")
    schema = active_profile(schema or data.profile)
    ctx = _Context(data, computed, schema, year, shift_year(year))
    period_end = _date_after(data.fact("period_end"))
    ctx.notes.append(f"Reporting year {year} moved on to {ctx.next_year}, period end "
                     f"{fmt.value(period_end)}.")
    rows: Rows = {}
    for _, table in schema.iter_tables():
        if not table.is_fact_table:
            rows.update(rule_for(table).roll(ctx, table))
    rows.update(_roll_facts(ctx))
    own = _own_tables(ctx, rows)
    ctx.notes += [f"{heading}: {'; '.join(items)}." for heading, items in ctx.tallies.items()]
    return Rollover(year, ctx.next_year, rows, ctx.notes, own)


def _own_tables(ctx: _Context, rows: Rows) -> tuple[tuple[str, Table], ...]:
    """A chair's own tables, carried with their titles and their rows as they were (a
    totals row too), for the chair to bring up to date."""
    own = []
    tabs = {sheet.name for sheet in ctx.schema.sheets}
    for name, found in ctx.data.tables.items():
        if not found.table.custom or found.sheet not in tabs:
            continue  # a table on a tab the profile lacks is listed as not carried
        body = [_inputs(found.table, r) for _, r in records(found.rows)]
        totals = [_inputs(found.table, r) for _, r in records(found.totals)]
        rows[name] = body + totals
        own.append((found.sheet, found.table))
        ctx.notes.append(f"{found.sheet}: your own table '{found.table.title}' carried with "
                         f"its {_rows(len(body), 'row')} as they were in {ctx.year}; bring "
                         f"them up to date for {ctx.next_year}.")
    return tuple(own)

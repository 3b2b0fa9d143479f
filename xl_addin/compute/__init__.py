"""Computation: RAG ratings, trends, year-on-year tables and derived figures.

``compute(data)`` takes the validated, typed data and returns a :class:`Computed`: the
values of every computed column and key figure, the Dashboard's tables, and the findings
the computation adds (a rating that differs from the published one, a trend typed by
hand). What is computed is the profile's: each table's formula columns
(:mod:`.formulas`), its computed key figures, its headlines, and the bespoke behaviours
it names (the indicator set, the business plan). A row with an error is skipped, and so
is any figure that depends on it; everything else is worked out. It is pure: no file, no
Excel, no Word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from xl_addin.compute.formulas import computed_columns, computed_facts
from xl_addin.compute.headlines import Headline, headlines
from xl_addin.compute.rag import Bands, rate
from xl_addin.compute.trend import trend
from xl_addin.core import fmt
from xl_addin.core.findings import Finding, Severity
from xl_addin.schema import SETTINGS_TABLE, Role
from xl_addin.schema.wording import table_named
from xl_addin.tables.dataset import Dataset, TableData, records
from xl_addin.tables.settings import Settings

__all__ = ["compute", "Computed", "Headline", "Ratings", "own_ratings", "RAG_ORDER",
           "STATUS_ORDER"]

RAG_ORDER = ("G", "A", "R", "n/a")
STATUS_ORDER = ("C", "G", "A", "R", "Blank")  # business-plan status; Blank = no update due


@dataclass(frozen=True)
class Ratings:
    """The letters of a board's own rating (or status) column, counted: its Dashboard rows."""

    table: str  # the Excel Table
    title: str  # the table's title, as a chair knows it
    column: str  # the column's heading
    counts: dict[str, int]  # letter -> rows holding it, in the column's order

    def summary(self) -> str:
        """"'RAG' in 'Priorities for next year': 2 G, 1 A"."""
        counted = ", ".join(f"{n} {letter}" for letter, n in self.counts.items())
        return f"'{self.column}' in '{self.title}': {counted}"


@dataclass
class Computed:
    columns: dict[str, pd.DataFrame] = field(default_factory=dict)  # table -> computed columns
    facts: dict[str, object] = field(default_factory=dict)  # computed key figures
    rag_counts: dict[str, int] = field(default_factory=dict)
    plan_status: pd.DataFrame = field(default_factory=pd.DataFrame)  # theme x status counts
    findings: list[Finding] = field(default_factory=list)
    headlines: list[Headline] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # table -> rows left out (errors)
    ratings: list[Ratings] = field(default_factory=list)  # boards' own rating columns

    def value(self, table: str, index: object, column: str) -> object:
        frame = self.columns.get(table)
        if frame is None or column not in frame:
            return None
        return frame.at[index, column]

    def summary(self) -> str:
        """The ratings counted, as the CLI and the add-in say them ('' when there are none):
        "ratings 3 G, 1 A, 0 R, 1 n/a; 'RAG' in 'Priorities': 2 G, 1 A"."""
        parts = []
        if self.rag_counts:
            parts.append("ratings " + ", ".join(f"{n} {letter}" for letter, n in
                                                self.rag_counts.items()))
        parts += [r.summary() for r in self.ratings]
        return "; ".join(parts)


def compute(data: Dataset) -> Computed:
    settings = Settings(data.facts)
    result = Computed()
    result.findings = _check_tolerances(data, settings)
    for name, table in data.tables.items():
        frames = []
        if table.table.behaviour == "indicators":
            frame, findings = _indicators(table, settings, data)
            frames.append(frame)
            result.findings += findings
            if not result.rag_counts:
                ratings = frame["rag"]
                result.rag_counts = {r: int((ratings == r).sum()) for r in RAG_ORDER}
        bad = data.bad_rows.get(name, set())
        broken = frozenset(tuple(row[g] for g in table.table.groups)
                           for index, row in records(table.rows) if index in bad)
        formulas = computed_columns(_without(table, bad), settings, broken)
        if formulas is not None:
            frames.append(formulas)
        if bad:
            result.skipped[name] = len(bad & set(table.rows.index))
        if frames:
            frame = pd.concat(frames, axis=1)
            if bad:
                frame.loc[frame.index.isin(list(bad)), :] = None
            result.columns[name] = frame
        if table.table.behaviour == "business_plan" and result.plan_status.empty:
            ok = table.rows[~table.rows.index.isin(list(bad))] if bad else table.rows
            result.plan_status = plan_status(ok)
    result.facts = computed_facts(data, settings)
    result.headlines = headlines(data, result)
    result.ratings = own_ratings(data)
    return result


def own_ratings(data: Dataset) -> list[Ratings]:
    """Each rating column a board's table has (``rating``, or choices that are RAG
    letters), its letters counted over the rows without errors. The indicators' and the
    business plan's are counted by their behaviours."""
    out = []
    for name, table in data.tables.items():
        if table.table.behaviour is not None or table.rows.empty:
            continue
        bad = data.bad_rows.get(name, set())
        for column in table.table.columns:
            if not column.rating or column.role is Role.COMPUTED:
                continue
            values = [v for i, v in table.rows[column.key].items() if i not in bad]
            counts = {c: sum(1 for v in values if v == c) for c in column.choices}
            out.append(Ratings(name, table.table.title, column.header, counts))
    return out


def _without(table: TableData, bad: set[object]) -> TableData:
    """The table with the values of its rows with errors blanked: nothing is worked out
    from them (a change from a row with an error is not worked out either)."""
    if not bad:
        return table
    rows = table.rows.copy()
    rows.loc[rows.index.isin(list(bad)), :] = None
    return TableData(table.table, table.sheet, rows, table.cells, table.totals,
                     table.total_cells, table.ref)


def _check_tolerances(data: Dataset, settings: Settings) -> list[Finding]:
    """The Settings tolerances must run amber then red; if not, say so and rate with amber."""
    if settings.amber <= settings.red:
        return []
    place = data.fact_places.get("rag_red_tolerance")
    settings.red = settings.amber
    return [Finding(Severity.ERROR, place.sheet if place else "Settings",
                    place.cell if place else None, "settings.tolerances",
                    f"The red tolerance ({fmt.percent(settings.red_typed)}) is below the amber "
                    f"tolerance ({fmt.percent(settings.amber)}): a target missed by more than "
                    "the amber tolerance turns Amber, and by more than the red one Red, so "
                    "red must be the larger. Correct one of the two.",
                    SETTINGS_TABLE, "value", "rag_red_tolerance")]


def _indicators(table: TableData, settings: Settings,
                data: Dataset) -> tuple[pd.DataFrame, list[Finding]]:
    default = Bands(settings.amber, settings.red)
    findings: list[Finding] = []
    rags: list[object] = []
    trends: list[object] = []
    bases: list[object] = []
    for index, row in records(table.rows):
        if not data.row_ok(table.table.name, index):
            rags.append(None)
            trends.append(None)
            bases.append(None)
            continue
        bands = default.with_own(row.get("amber_from"), row.get("red_from"))  # type: ignore[arg-type]
        rag = rate(row["value"], row["target"], row["polarity"], bands)  # type: ignore[arg-type]
        band = settings.band / 100 if row["unit"] == "%" else settings.band
        worked = trend(row["value"], row["previous"], row["polarity"], rag, band)  # type: ignore[arg-type]
        basis = "last year's value" if worked else None
        typed = row.get("trend_typed")
        if worked is None and typed:
            worked, basis = str(typed), "typed by hand"
            findings.append(_finding(table, index, "trend_typed", "trend.typed",
                                     f"the trend {worked} is typed by hand because last "
                                     "year's value is blank; type last year's value so the "
                                     "tool can work the trend out",
                                     "trends typed by hand because last year's value is "
                                     "blank; type last year's values so the tool can work "
                                     "the trends out"))
        rags.append(rag)
        trends.append(worked)
        bases.append(basis)
        published = row.get("published_rag")
        if published and published != rag:
            findings.append(_finding(table, index, "published_rag", "rag.published",
                                     f"the tool rates it {rag}, but {published} was published. "
                                     "Check the value, target and polarity, or give the "
                                     "indicator its own thresholds",
                                     "the tool's ratings differ from those published. Check "
                                     "each value, target and polarity, or give the indicators "
                                     "their own thresholds"))
    frame = pd.DataFrame({"rag": rags, "trend": trends, "trend_basis": bases},
                         index=table.rows.index, dtype=object)
    return frame, findings


def _finding(table: TableData, index: object, column: str, rule: str, message: str,
             gist: str) -> Finding:
    """A warning at one indicator's cell: "'Trend typed by hand' for CS2.2 in '…': …"."""
    place = table.place(index, column)
    header, named = table.table.column(column).header, table_named(table.table)
    ref = table.rows.at[index, table.table.key or "ref"]
    one = f"'{header}' for {fmt.value(ref)} in {named}" if ref is not None else \
        f"'{header}' in {named}"
    return Finding(Severity.WARNING, place.sheet, place.cell, rule, f"{one}: {message}.",
                   table.table.name, column, gist=f"'{header}' in {named}: {gist}")


def plan_status(rows: pd.DataFrame) -> pd.DataFrame:
    """Business-plan actions counted by theme and status, with an overall row."""
    themes = list(dict.fromkeys(t for t in rows["theme"] if t))
    counts = {theme: {s: 0 for s in STATUS_ORDER} for theme in [*themes, "All themes"]}
    for _, row in records(rows):
        status = row["status"] or "Blank"
        for theme in (row["theme"], "All themes"):
            if theme in counts and status in counts[theme]:
                counts[theme][status] += 1
    frame = pd.DataFrame.from_dict(counts, orient="index", columns=list(STATUS_ORDER))
    frame["Total"] = frame.sum(axis=1)
    return frame

"""The multi-year series: a table and a chart for each, from one row per year.

Every chart carries alt text that states the figures it draws, so a reader who cannot see
it loses nothing. Rates per 10,000 are the tool's own where the population is known, and
otherwise the rate as published (earlier years), which the table's note says.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .. import fmt
from .model import Block, Cell, Chart, ChartKind, Column, Series, Table
from .sources import NOT_AVAILABLE, Sources, count, header, share

__all__ = ["snapshot_series", "rereferrals", "cse_mfh", "yearly_totals", "private_fostering",
           "elearning_years", "alt_text"]


def alt_text(kind: ChartKind, subject: str, categories: Sequence[str],
             series: Sequence[Series], shown: Callable[[float], str]) -> str:
    """'Line chart: <subject>, 2012-13 345, 2013-14 591, ...' (each series named if several)."""
    def figures(values: Sequence[float | None]) -> str:
        return ", ".join(f"{year} {NOT_AVAILABLE if v is None else shown(v)}"
                         for year, v in zip(categories, values, strict=True))

    if len(series) == 1:
        return f"{kind.value.capitalize()} chart: {subject}, {figures(series[0].values)}."
    parts = "; ".join(f"{s.name}: {figures(s.values)}" for s in series)
    return f"{kind.value.capitalize()} chart: {subject}. {parts}."


def _chart(kind: ChartKind, caption: str, categories: list[str], series: list[Series],
           y_label: str, *, percent: bool = False) -> Chart:
    def shown(v: float) -> str:
        return fmt.percent(v, 1) if percent else fmt.number(v)

    return Chart(kind, caption, tuple(categories), tuple(series), y_label,
                 alt_text(kind, caption, categories, series, shown),
                 percent)


def _float(x: object) -> float | None:
    return None if x is None else float(x)  # type: ignore[arg-type]


def snapshot_series(s: Sources, table: str, caption: str, counted: str) -> list[Block]:
    """Early Help, child protection and looked-after children: number, rate and change."""
    years, numbers, rows = [], [], []
    as_published = False
    for year, row in s.series_rows(table):
        rate = row["rate"]
        if rate is None and row["published_rate"] is not None:
            rate, as_published = row["published_rate"], True
        years.append(year)
        numbers.append(_float(row["number"]))
        rows.append((Cell(year), Cell(count(row["number"])),
                     Cell(NOT_AVAILABLE if rate is None else fmt.number(float(rate), 1)),
                     Cell(str(row["change"] or NOT_AVAILABLE))))
    if not rows:
        return []
    notes = ("Rates per 10,000 children aged under 18. Where the workbook gives no population "
             "for a year, its rate is the one published at the time.",) if as_published else (
             "Rates per 10,000 children aged under 18.",)
    return [
        Table(caption, (Column("Year", 1), Column(counted, 1.4, True),
                        Column(header(table, "rate"), 1.4, True),
                        Column(header(table, "change"), 1.4, True)), tuple(rows), notes=notes),
        _chart(ChartKind.LINE, caption, years, [Series(counted, tuple(numbers))], counted),
    ]


def rereferrals(s: Sources) -> list[Block]:
    table = "tblReReferrals"
    years, shares, rows = [], [], []
    for year, row in s.series_rows(table):
        years.append(year)
        shares.append(_float(row["percent"]))
        rows.append((Cell(year), Cell(count(row["referrals"])), Cell(count(row["re_referrals"])),
                     Cell(share(row["percent"], 1)), Cell(str(row["change"] or NOT_AVAILABLE))))
    if not rows:
        return []
    caption = "Referrals that were re-referrals within 12 months"
    columns = (Column("Year", 1), Column(header(table, "referrals"), 1.3, True),
               Column(header(table, "re_referrals"), 1.6, True),
               Column(header(table, "percent"), 1.2, True),
               Column(header(table, "change"), 1.3, True))
    return [
        Table(caption, columns, tuple(rows),
              notes=("Good performance is a low percentage.",)),
        _chart(ChartKind.LINE, caption, years, [Series("Re-referrals", tuple(shares))],
               "Share of referrals", percent=True),
    ]


def cse_mfh(s: Sources) -> list[Block]:
    table = "tblCseMfh"
    years, cse, mfh, rows, notes = [], [], [], [], []
    for year, row in s.series_rows(table):
        years.append(year)
        cse.append(_float(row["cse_reports"]))
        mfh.append(_float(row["mfh_episodes"]))
        rows.append((Cell(year), Cell(count(row["cse_reports"])),
                     Cell(str(row["cse_change"] or NOT_AVAILABLE)),
                     Cell(count(row["mfh_episodes"])),
                     Cell(str(row["mfh_change"] or NOT_AVAILABLE)),
                     Cell(share(row["rhi_in_time"], 1))))
        if row["note"]:
            notes.append(f"{year}: {row['note']}")
    if not rows:
        return []
    caption = "Child sexual exploitation reports and missing from home episodes"
    columns = (Column("Year", 0.9), Column(header(table, "cse_reports"), 1.2, True),
               Column(header(table, "cse_change"), 1.1, True),
               Column(header(table, "mfh_episodes"), 1.2, True),
               Column(header(table, "mfh_change"), 1.1, True),
               Column(header(table, "rhi_in_time"), 1.4, True))
    series = [Series(header(table, "cse_reports"), tuple(cse)),
              Series(header(table, "mfh_episodes"), tuple(mfh))]
    return [Table(caption, columns, tuple(rows), notes=tuple(notes)),
            _chart(ChartKind.BAR, caption, years, series, "Number in the year")]


def yearly_totals(s: Sources, table: str, column: str, this_year: str | None,
                  caption: str, label: str) -> list[Block]:
    """A bar chart of earlier years' totals and this year's, which the tool adds up."""
    totals = {year: _float(row[column]) for year, row in s.series_rows(table)}
    if s.year and this_year is not None:
        totals[s.year] = _float(s.figures.value(this_year))
    if not totals:
        return []
    years = sorted(totals)
    return [_chart(ChartKind.BAR, caption, years, [Series(label, tuple(totals[y] for y in years))],
                   label)]


def private_fostering(s: Sources) -> list[Block]:
    table = "tblPrivateFostering"
    years, local, rows = [], [], []
    for year, row in s.series_rows(table):
        years.append(year)
        local.append(_float(row["local"]))
        rows.append((Cell(year), Cell(count(row["local"])), Cell(count(row["north_west"])),
                     Cell(count(row["england"])),
                     Cell(str(row["local_change"] or NOT_AVAILABLE))))
    if not rows:
        return []
    caption = "Children reported as privately fostered at 31 March"
    columns = (Column("Year", 1), Column(s.area, 1, True),
               Column(header(table, "north_west"), 1, True),
               Column(header(table, "england"), 1, True),
               Column(f"Change in {s.area}", 1.2, True))
    return [
        Table(caption, columns, tuple(rows),
              notes=(f"{NOT_AVAILABLE}: no figure was published for that year.",)),
        _chart(ChartKind.LINE, f"{caption}, {s.area}", years,
               [Series(s.area, tuple(local))], "Children"),
    ]


def elearning_years(s: Sources) -> list[Block]:
    table = "tblElearningYears"
    rows: list[tuple[Cell, ...]] = []
    for year, row in s.series_rows(table):
        rows.append((Cell(year), Cell(count(row["allocated"])), Cell(count(row["passed"])),
                     Cell(share(row["rate"], 0)),
                     Cell(str(row["passed_change"] or NOT_AVAILABLE))))
    if not rows:
        return []
    columns = (Column("Year", 1), Column(header(table, "allocated"), 1.2, True),
               Column(header(table, "passed"), 1.2, True),
               Column(header(table, "rate"), 1.2, True),
               Column(header(table, "passed_change"), 1.2, True))
    return [Table("E-learning courses allocated and passed, by membership year", columns,
                  tuple(rows))]


"""What the tool writes into a workbook, as data: one plan that every writer applies.

The openpyxl writer (:mod:`.xlsx_results`, for files) and the xlwings writer
(:mod:`.xlwings_results`, for a live book in Excel) both apply this plan, so a file computed
by the CLI and a book computed from Excel show the same values, fills, number formats,
links and highlights. The plan says what goes where; the writers only know how to put it
there.

- :func:`results_cells`: the computed columns of each table and the computed key figures,
  written into the tabs people fill in: values and number formats only;
- :func:`coloured_cells`: the cells coloured by the workbook's own conditional formats
  (the RAG letters), which a writer makes sure are there;
- :func:`validation_tab` and :func:`dashboard_tab`: the two tabs rewritten whole each run;
- :func:`highlights`: the cells the findings name, filled until the next run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from xl_addin.compute import RAG_ORDER, STATUS_ORDER, Computed, Ratings
from xl_addin.core.findings import Finding
from xl_addin.core.palette import FINDING_FILLS, RAG_FILLS
from xl_addin.core.raw import address, column_letter
from xl_addin.tables.dataset import Dataset
from xl_addin.writers.column_formats import NUMBER_FORMATS, ColourRule, colour_rules

__all__ = ["CellWrite", "Font", "Align", "Tab", "Highlight", "ReportLink", "results_cells",
           "validation_tab", "dashboard_tab", "highlights", "listed_places", "DASHBOARD",
           "VALIDATION", "MARKER", "HIGHLIGHT_FORMULA", "NO_FILL", "FINDINGS_FIRST_ROW",
           "FINDING_PLACE_COLUMNS", "ColourRule", "coloured_cells"]

DASHBOARD = "Dashboard"
VALIDATION = "Validation"
MARKER = "lscb-report"  # in the formula of every highlight rule this tool adds
HIGHLIGHT_FORMULA = f'ISTEXT("{MARKER}")'  # always true: the rule exists only to fill its cell
NO_FILL = ""  # a fill instruction that removes the cell's fill
HEADER_FILL = "1F3864"
TAB_COLOR = "000000"
LINK_FONT_COLOR = "0563C1"
FINDINGS_FIRST_ROW = 5  # the Validation tab lists one finding a row from here
FINDING_PLACE_COLUMNS = (2, 3)  # ... with its tab in column B and its cell in column C


@dataclass(frozen=True)
class Font:
    bold: bool | None = None
    size: float | None = None
    color: str | None = None  # "RRGGBB"
    underline: bool = False


@dataclass(frozen=True)
class Align:
    horizontal: str | None = None  # "center"
    vertical: str | None = None  # "top"
    wrap: bool = False


@dataclass(frozen=True)
class CellWrite:
    """One cell the tool writes. ``None`` for a format means: leave the cell's own."""

    sheet: str
    cell: str  # A1
    value: object
    number_format: str | None = None
    fill: str | None = None  # "RRGGBB", or NO_FILL to remove the fill
    font: Font | None = None
    align: Align | None = None
    link: str | None = None  # a place in this workbook: "'Tab'!A1"
    url: str | None = None  # an address outside it


@dataclass(frozen=True)
class Tab:
    """A tab the tool owns and rewrites whole each run."""

    name: str
    after: tuple[str, ...]  # placed after the first of these tabs that exists (else first)
    cells: tuple[CellWrite, ...]
    widths: tuple[tuple[str, float], ...] = ()  # (column letter, width in characters)
    freeze: str | None = None  # the top-left cell that is not frozen
    color: str = TAB_COLOR


@dataclass(frozen=True)
class Highlight:
    sheet: str
    cell: str
    fill: str


class ReportLink(NamedTuple):
    """The last built report, linked from the Dashboard."""

    text: str
    url: str


# --- computed cells -------------------------------------------------------------------------


def results_cells(data: Dataset, computed: Computed) -> list[CellWrite]:
    """Every computed column value and computed key figure, at its cell."""
    cells: list[CellWrite] = []
    for name, frame in computed.columns.items():
        table = data.tables[name]
        for column in frame.columns:
            number_format = NUMBER_FORMATS.get(table.table.column(column).kind, "General")
            for index, value in frame[column].items():
                cell = table.cells.at[index, column]
                if cell is not None:
                    cells.append(CellWrite(table.sheet, cell, value, number_format))
    for key, value in computed.facts.items():
        place = data.fact_places.get(key)
        if place is not None and place.cell:
            cells.append(CellWrite(place.sheet, place.cell, value))
    return cells


def coloured_cells(data: Dataset, computed: Computed
                   ) -> dict[str, tuple[list[str], tuple[ColourRule, ...]]]:
    """The computed cells whose colour comes from conditional formats, and those formats.

    A RAG letter's colour is not written into the cell: the workbook holds one conditional
    format per letter on its RAG column
    (:func:`~xl_addin.writers.column_formats.colour_rules`), so the tool writes only the
    letter and the colour follows it.
    """
    found: dict[str, tuple[list[str], tuple[ColourRule, ...]]] = {}
    for name, frame in computed.columns.items():
        table = data.tables[name]
        for column in frame.columns:
            rules = colour_rules(table.table.column(column))
            places = [c for c in table.cells[column] if c] if rules else []
            if places:
                found.setdefault(table.sheet, ([], rules))[0].extend(places)
    return found


# --- Validation tab -------------------------------------------------------------------------


def validation_tab(findings: Sequence[Finding], source: str, sheets: Iterable[str]) -> Tab:
    """Every finding, errors first and in tab order, each linked to its cell."""
    sheets = list(sheets)
    present = set(sheets)
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    notes = len(findings) - errors - warnings
    disagreements = [f for f in findings if f.disagreement]
    unsettled = sum(f.signed is None for f in disagreements)
    settled = (f" {len(disagreements)} disagreement(s), {unsettled} of them open: correct "
               "each open one, or sign it off on the Sign-off tab with its sign-off key, "
               "before the report is published." if disagreements else "")
    cells = [
        _cell(VALIDATION, 1, 1, "Validation", font=Font(bold=True, size=16)),
        _cell(VALIDATION, 2, 1, f"{source}: {errors} error(s), {warnings} warning(s)"
              + (f", {notes} note(s)" if notes else "") + "." + settled + " Rewritten each "
              "time Validate or Compute runs; click a cell reference to go there."),
        *_header_row(VALIDATION, 4, ("Severity", "Tab", "Cell", "Rule", "Problem",
                                     "Sign-off key", "Sign-off")),
    ]
    order = {name: i for i, name in enumerate(sheets)}
    ranked = sorted(findings, key=lambda f: (f.severity != "error", order.get(f.sheet or "", 99),
                                             f.sort_key))
    for row, finding in enumerate(ranked, start=FINDINGS_FIRST_ROW):
        linked = bool(finding.cell) and finding.sheet in present
        cells += [
            _cell(VALIDATION, row, 1, finding.severity.upper(),
                  fill=FINDING_FILLS[finding.severity]),
            _cell(VALIDATION, row, 2, finding.sheet),
            _cell(VALIDATION, row, 3, finding.cell or "",
                  font=Font(color=LINK_FONT_COLOR, underline=True) if linked else None,
                  link=f"'{finding.sheet}'!{finding.cell}" if linked else None),
            _cell(VALIDATION, row, 4, finding.rule),
            _cell(VALIDATION, row, 5, finding.message, align=Align(vertical="top", wrap=True)),
            _cell(VALIDATION, row, 6, finding.key or "", align=Align(vertical="top", wrap=True)),
            _cell(VALIDATION, row, 7, finding.state_text,
                  fill=None if finding.state is None else
                  FINDING_FILLS["info"] if finding.signed else FINDING_FILLS["warning"],
                  align=Align(vertical="top", wrap=True)),
        ]
    widths = tuple(zip("ABCDEFG", (10, 18, 8, 18, 100, 34, 34), strict=True))
    return Tab(VALIDATION, ("Instructions",), tuple(cells), widths,
               freeze=f"A{FINDINGS_FIRST_ROW}")


def highlights(findings: Sequence[Finding], sheets: Iterable[str]) -> list[Highlight]:
    """The cells the findings name, in the colour of their severity."""
    present = set(sheets)
    return [Highlight(f.sheet, f.cell, FINDING_FILLS[f.severity]) for f in findings
            if f.cell and f.sheet in present]


def listed_places(rows: Sequence[Sequence[object]]) -> list[tuple[str, str]]:
    """(tab, cell) of each finding listed on a Validation tab, from its columns B:C.

    ``rows`` are the tab's values in those two columns from :data:`FINDINGS_FIRST_ROW` down:
    how a live book finds the cells an earlier run highlighted.
    """
    return [(str(tab), str(cell)) for tab, cell in rows if tab and cell]


# --- Dashboard tab --------------------------------------------------------------------------


def dashboard_tab(data: Dataset, computed: Computed, report: ReportLink | None = None) -> Tab:
    """Ratings counted, business-plan status by theme and the headline figures."""
    year = data.facts.get("reporting_year") or ""
    cells = [
        _cell(DASHBOARD, 1, 1, f"Dashboard {year}".strip(), font=Font(bold=True, size=16)),
        _cell(DASHBOARD, 2, 1, "Worked out by lscb-report from the tabs of this workbook. Do "
              "not type here: this tab is rewritten each time Compute runs."),
    ]
    if report is not None:
        cells.append(_cell(DASHBOARD, 3, 1, report.text,
                           font=Font(color=LINK_FONT_COLOR, underline=True), url=report.url))
    # only what the profile has: indicators, a business plan, a board's own ratings, headlines
    behaviours = {t.table.behaviour for t in data.tables.values()}
    row = 2
    if "indicators" in behaviours:
        block, row = _rag_block(row + 2, computed)
        cells += block
    if "business_plan" in behaviours:
        block, row = _plan_block(row + 2, computed)
        cells += block
    for ratings in computed.ratings:
        block, row = _ratings_block(row + 2, ratings)
        cells += block
    if computed.headlines:
        block, row = _headline_block(row + 2, data, computed)
        cells += block
    widths = tuple(zip("ABCDEFG", (52, 14, 14, 14, 10, 10, 10), strict=True))
    return Tab(DASHBOARD, (VALIDATION, "Instructions"), tuple(cells), widths)


def _ratings_block(row: int, ratings: Ratings) -> tuple[list[CellWrite], int]:
    """A board's own rating column, its letters counted."""
    cells = [_cell(DASHBOARD, row, 1, f"'{ratings.title}' by '{ratings.column}'",
                   font=Font(bold=True, size=12)),
             *_header_row(DASHBOARD, row + 1, (ratings.column, "Rows"))]
    for offset, (letter, n) in enumerate(ratings.counts.items(), start=2):
        cells += [_cell(DASHBOARD, row + offset, 1, letter, fill=RAG_FILLS.get(letter)),
                  _cell(DASHBOARD, row + offset, 2, n)]
    return cells, row + 1 + len(ratings.counts)


def _rag_block(row: int, computed: Computed) -> tuple[list[CellWrite], int]:
    cells = [_cell(DASHBOARD, row, 1, "Performance indicators by rating",
                   font=Font(bold=True, size=12)),
             *_header_row(DASHBOARD, row + 1, ("Rating", "Indicators"))]
    names = {"G": "Green: on target", "A": "Amber: just off target", "R": "Red: off target",
             "n/a": "Not rated: no target"}
    for offset, letter in enumerate(RAG_ORDER, start=2):
        cells += [_cell(DASHBOARD, row + offset, 1, f"{letter}  {names[letter]}",
                        fill=RAG_FILLS.get(letter)),
                  _cell(DASHBOARD, row + offset, 2, computed.rag_counts.get(letter, 0))]
    return cells, row + 1 + len(RAG_ORDER)


def _plan_block(row: int, computed: Computed) -> tuple[list[CellWrite], int]:
    cells = [_cell(DASHBOARD, row, 1, "Business plan actions by status",
                   font=Font(bold=True, size=12)),
             *_header_row(DASHBOARD, row + 1, ("Theme", *STATUS_ORDER, "Total"))]
    for offset, (theme, counts) in enumerate(computed.plan_status.iterrows(), start=2):
        cells.append(_cell(DASHBOARD, row + offset, 1, theme,
                           font=Font(bold=theme == "All themes")))
        cells += [_cell(DASHBOARD, row + offset, col, int(counts[status]))
                  for col, status in enumerate((*STATUS_ORDER, "Total"), start=2)]
    return cells, row + 1 + len(computed.plan_status)


def _headline_block(row: int, data: Dataset, computed: Computed) -> tuple[list[CellWrite], int]:
    cells = [_cell(DASHBOARD, row, 1, "Headline figures for the report-on-a-page",
                   font=Font(bold=True, size=12)),
             *_header_row(DASHBOARD, row + 1, ("Figure", "This year", "Last year", "Change"))]
    style = str(data.facts.get("difference_style") or "+1 pp")
    for offset, headline in enumerate(computed.headlines, start=2):
        previous = headline.shown(headline.previous) if headline.previous is not None else ""
        cells += [_cell(DASHBOARD, row + offset, 1, headline.label),
                  _cell(DASHBOARD, row + offset, 2, headline.shown(headline.value)),
                  _cell(DASHBOARD, row + offset, 3, previous),
                  _cell(DASHBOARD, row + offset, 4, headline.change(style) or "")]
    return cells, row + 1 + len(computed.headlines)


# --- helpers --------------------------------------------------------------------------------


def _cell(sheet: str, row: int, column: int, value: object, *, fill: str | None = None,
          font: Font | None = None, align: Align | None = None, link: str | None = None,
          url: str | None = None) -> CellWrite:
    return CellWrite(sheet, address(row, column), value, fill=fill, font=font, align=align,
                     link=link, url=url)


def _header_row(sheet: str, row: int, headers: Sequence[str]) -> list[CellWrite]:
    return [CellWrite(sheet, f"{column_letter(col)}{row}", header, fill=HEADER_FILL,
                      font=Font(bold=True, color="FFFFFF"))
            for col, header in enumerate(headers, start=1)]

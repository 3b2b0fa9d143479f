"""The bespoke displays a profile names: indicators, business plan, child deaths, reviews,
and the report on a page. Each takes the table (or section) that names it, so it works for
any board whose table has the columns the behaviour needs (schema/behaviours.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from xl_addin.core import fmt
from xl_addin.core.findings import Finding
from xl_addin.core.hidden import HIDDEN_MARK, is_hidden, true_value
from xl_addin.core.values import Target
from xl_addin.report.content.about import about_the_figures
from xl_addin.report.content.blocks import Block, Cell, Column, Detail, Heading, Paragraph
from xl_addin.report.content.blocks import Table as ReportTable
from xl_addin.report.content.display import (
    TOTALS_LEFT_OUT,
    DisplayBuilder,
    caption_of,
    cell_text,
    fill,
)
from xl_addin.report.content.glance import on_a_page
from xl_addin.report.content.org_chart import structure
from xl_addin.report.content.references import detail_title
from xl_addin.report.content.sources import NOT_AVAILABLE, Row, Sources, count, share
from xl_addin.schema.model import Role, Section, Table
from xl_addin.tables.dataset import is_number

__all__ = ["DISPLAY", "SECTIONS", "STATUS_LABELS", "findings_appendix", "on_a_page"]

BELOW = "See below"  # a review printed under its own heading: what happened is there

STATUS_LABELS = {"C": "Complete (C)", "G": "On track (G)", "A": "At risk (A)",
                 "R": "Off track (R)", "Blank": "No update due"}


def _text(x: object) -> str:
    return "" if x is None else str(x)


def _header(table: Table, key: str) -> str:
    return table.column(key).header if table.has(key) else key


# --- indicators -----------------------------------------------------------------------------


def _measure(value: object, unit: object, places: int | None) -> str:
    if not is_number(value):
        return NOT_AVAILABLE
    if unit == "%":
        return fmt.percent(float(value), places)
    return fmt.number(float(value), places)


def _target(target: object, unit: object) -> str:
    if isinstance(target, Target):
        low = _measure(target.low, unit, None)
        return f"{low}–{_measure(target.high, unit, None)}" if target.is_range else low
    return _text(target)


def indicators(s: Sources, table: Table) -> list[Block]:
    rows = s.rows(table.name)
    if not rows:
        return []
    body = []
    for r in rows:
        decimals = r.get("decimals")
        places = int(decimals) if isinstance(decimals, int | float) else None
        rag = _text(r["rag"])
        body.append((Cell(_text(r["ref"])), Cell(_text(r["description"])),
                     Cell(_measure(r["value"], r["unit"], places)),
                     Cell(rag, status=rag if rag in {"G", "A", "R"} else None),
                     Cell(_text(r["trend"])), Cell(_text(r["polarity"])),
                     Cell(_target(r["target"], r["unit"]))))
    columns = (Column(_header(table, "ref"), 0.8), Column(_header(table, "description"), 3),
               Column(_header(table, "value"), 0.9, True), Column("RAG against target", 0.85),
               Column("Trend on last year", 1.1), Column(_header(table, "polarity"), 1.25),
               Column(f"Target {s.year or ''}".strip(), 0.95, True))
    return [ReportTable(caption_of(s, table), columns, tuple(body),
                        notes=_indicator_notes(s, rows))]


def _indicator_notes(s: Sources, rows: list[Row]) -> tuple[str, ...]:
    amber, red = (s.figures.text(k) for k in ("rag_amber_tolerance", "rag_red_tolerance"))
    counts = s.computed.rag_counts
    return (f"RAG against target: G when the target is met or missed by no more than {amber} "
            f"of it; A when it is missed by more than {amber} but no more than {red}; R when "
            "it is missed by more than that; n/a when there is no target.",
            "Ratings this year: " + ", ".join(f"{n} {r}" for r, n in counts.items()) + ".")


# --- business plan --------------------------------------------------------------------------


def business_plan(s: Sources, table: Table) -> list[Block]:
    """The status of the plan's actions counted by theme, then every action by theme (in
    place, or in an appendix when the template places ``{{p appendix_<section> }}``)."""
    rows = s.rows(table.name)
    if not rows:
        return []
    f = s.figures
    blocks: list[Block] = []
    if all(f.value(k) is not None for k in ("plan_period", "update_month", "next_plan_period")):
        blocks.append(Paragraph(
            f"The position of every action in the {f.text('plan_period')} Business Plan at "
            f"{f.text('update_month')} is below. Any action not complete is carried forward "
            f"into the {f.text('next_plan_period')} Business Plan."))
    blocks += _status_counts(s, table)
    themes = [_theme_table(table, theme, [r for r in rows if str(r["theme"]) == theme])
              for theme in dict.fromkeys(str(r["theme"]) for r in rows)]
    section = s.data.profile.section_of_table(table)
    title = detail_title(section.heading(s.area, s.figures.quote) if section
                         else table.title)
    blocks.append(Detail(title, tuple(themes), "Every action, with its update and status, "
                         "is listed by theme in {title}."))
    return blocks


def _status_counts(s: Sources, table: Table) -> list[Block]:
    counts = s.computed.plan_status
    if counts.empty:
        return []
    statuses = [c for c in counts.columns if c in STATUS_LABELS]
    columns = (Column(_header(table, "theme"), 3),
               *(Column(STATUS_LABELS[c], 1, True) for c in statuses),
               Column("Total", 0.8, True))

    def line(theme: str) -> tuple[Cell, ...]:
        return (Cell(theme), *(Cell(count(counts.at[theme, c])) for c in statuses),
                Cell(count(counts.at[theme, "Total"])))

    themes = [t for t in counts.index if t != "All themes"]
    return [ReportTable("Business plan actions by theme and status", columns,
                        tuple(line(t) for t in themes), total=line("All themes"),
                        notes=(f"Status: {table.column('status').description}",))]


def _theme_table(table: Table, theme: str, rows: list[Row]) -> ReportTable:
    """One theme's actions: the columns the profile's report: lists (the theme is the
    table's caption), or ref, action, who, when, update and status."""
    declared = [k for k in table.display.columns if k not in ("theme", "part")]
    keys = declared or [k for k in ("ref", "action", "who", "when", "update", "status")
                        if table.has(k)]
    widths = {"ref": 0.6, "action": 3.1, "who": 1.6, "when": 1.2, "update": 2.9,
              "status": 0.75, **table.display.widths}
    columns = tuple(Column(_header(table, k), widths.get(k, 1.4)) for k in keys)
    body = []
    for r in rows:
        cells = []
        for key in keys:
            if key == "ref":
                part = r.get("part")
                cells.append(Cell(_text(r["ref"]) + (f" (part {part})" if part is not None
                                                     else "")))
            elif key == "action":
                aim = r.get("aim")
                cells.append(Cell(_text(r["action"]) + (f"\nAim: {aim}" if aim else "")))
            elif key == "status":
                status = _text(r["status"])
                cells.append(Cell(status, status=status) if status
                             else Cell(STATUS_LABELS["Blank"]))
            elif key in declared and table.column(key).rating and r.get(key):
                cells.append(Cell(_text(r[key]), status=_text(r[key])))
            else:
                cells.append(Cell(fmt.value(r.get(key), "", "month")
                                  if r.get(key) is not None else ""))
        body.append(tuple(cells))
    return ReportTable(theme, columns, tuple(body))


# --- child deaths ---------------------------------------------------------------------------


def _areas(table: Table) -> tuple[str, str | None]:
    """The board's own area and the comparison (the Area column's first and last choices)."""
    choices = table.column("area").choices
    local = choices[0] if choices else "This area"
    return local, (choices[-1] if len(choices) > 1 else None)


def _years(rows: list[Row], area: str) -> list[str]:
    return sorted({str(r["year"]) for r in rows if r["area"] == area and r["year"]})


def child_deaths(s: Sources, table: Table) -> list[Block]:
    """Deaths by year with their share beside the comparison's latest shares; or, for a
    table of shares only, the shares by year."""
    rows = s.rows(table.name)
    local, national = _areas(table)
    years = _years(rows, local)
    if not years:
        return []
    found = _years(rows, national) if national else []
    latest = found[-1] if found else None
    categories = list(dict.fromkeys(str(r["category"]) for r in rows))
    cells = {(str(r["year"]), r["area"], str(r["category"])): r for r in rows}
    counted = table.has("deaths")
    columns = [Column(_header(table, "category"), 3.2 if counted else 2.4),
               *(Column(f"{s.area} {y}", 1.1 if counted else 1, True) for y in years)]
    if latest:
        columns.append(Column(f"{national} {latest}", 1.1 if counted else 1, True))

    def here(year: str, category: str) -> Cell:
        row = cells.get((year, local, category))
        if row is None:
            return Cell(NOT_AVAILABLE)
        if not counted:
            return Cell(share(row.get("percent")))
        if row["deaths"] is None:
            return Cell(NOT_AVAILABLE)
        if is_hidden(row["deaths"]):  # withheld, and so is its share
            return Cell(HIDDEN_MARK)
        return Cell(f"{count(row['deaths'])} ({share(row['percent'])})")

    def there(category: str) -> Cell:
        row = cells.get((str(latest), national, category))
        if row is None:
            return Cell(NOT_AVAILABLE)
        value = row.get("percent") if row.get("percent") is not None else \
            row.get("published_percent")
        return Cell(share(value, 1 if counted else 0))

    body = tuple((Cell(c), *(here(y, c) for y in years), *((there(c),) if latest else ()))
                 for c in categories)
    if not counted:
        return [ReportTable(caption_of(s, table), tuple(columns), body)]
    broken = bool(s.data.bad_rows.get(table.name))  # a total over rows with errors is wrong
    totals = [None if broken else
              sum(int(true_value(r["deaths"])) for r in rows  # type: ignore[call-overload]
                  if r["area"] == local and str(r["year"]) == y and r["deaths"] is not None)
              for y in years]
    total = (Cell("Total"),
             *(Cell(HIDDEN_MARK if s.total_hidden(table.name, "deaths", (y, local))
                    else count(t)) for y, t in zip(years, totals, strict=True)),
             *((Cell(""),) if latest else ()))
    withheld = any(c.text == HIDDEN_MARK for row in (*body, total) for c in row)
    notes = ("Each cell gives the number of deaths reviewed and, in brackets, its share of "
             "that year's deaths" + (f", or {HIDDEN_MARK} where that number is from 1 to 5: "
                                     "withheld, with its share, so that no child can be "
                                     "identified." if withheld else "."),
             *((TOTALS_LEFT_OUT,) if broken and s.draft else ()))
    return [ReportTable(caption_of(s, table), tuple(columns), body, total=total, notes=notes)]


# --- reviews --------------------------------------------------------------------------------


def reviews(s: Sources, table: Table) -> list[Block]:
    """The table of reviews, then each review of the first kind (a child safeguarding
    practice review) with what happened and its lessons. Every column the profile prints
    is printed: what happened in any other review (a rapid review) is in the table."""
    rows = s.rows(table.name)
    if not rows:
        return []
    first_kind = table.column("kind").choices[0] if table.has("kind") and \
        table.column("kind").choices else None

    def own_heading(review: Row) -> bool:
        return first_kind is None or review.get("kind") == first_kind

    shown = table.display.columns or tuple(
        c.key for c in table.columns if c.role is not Role.REFERENCE)
    keys = [k for k in shown if k != "summary" or any(
        r.get("summary") and not own_heading(r) for r in rows)]
    widths = {"child": 1, "kind": 1.4, "published": 1.3, "note": 3, "summary": 3.5}
    columns = tuple(Column(_header(table, k), table.display.widths.get(k, widths.get(k, 1.4)))
                    for k in keys)
    body = tuple(tuple(Cell(BELOW if k == "summary" and own_heading(r) and r.get(k) else
                            cell_text(table.column(k), r.get(k),
                                      blank=table.display.blanks.get(k)))
                       for k in keys) for r in rows)
    blocks: list[Block] = [ReportTable(caption_of(s, table), columns, body)]
    lessons_table = _related(s, table, "lesson")
    lessons = s.rows(lessons_table.name) if lessons_table else []
    for review in rows:
        if not own_heading(review):
            continue
        title = str(review["child"])
        if review.get("published") is not None:
            title += f" (published {fmt.value(review['published'], 'date')})"
        blocks.append(Heading(2, title))
        if review.get("summary"):
            blocks.append(Paragraph(str(review["summary"])))
        if lessons_table is not None:
            blocks += _lessons(lessons_table, review["child"], lessons)
    return blocks


def _related(s: Sources, table: Table, column: str) -> Table | None:
    """The table on the same tab whose rows name ``table``'s rows and hold ``column``."""
    sheet = s.data.profile.sheet_of(table.name)
    key = table.key or ""
    return next((t for t in sheet.tables if t.name != table.name and t.has(column)
                 and t.has(key)), None)


def _lessons(table: Table, child: object, lessons: list[Row]) -> list[Block]:
    own = [r for r in lessons if r.get("child") == child]
    if not own:
        return []
    columns = (Column(_header(table, "number"), 0.6), Column(_header(table, "lesson"), 8))
    body = tuple((Cell("Also" if r.get("number") is None else count(r["number"])),
                  Cell(_text(r["lesson"]))) for r in own)
    return [ReportTable(f"Lessons from the review of {child}", columns, body,
                        notes=("Also: an additional lesson the review identified.",)
                        if any(r.get("number") is None for r in own) else ())]


def findings_appendix(findings: Sequence[Finding],
                      missing_sections: Sequence[str] = ()) -> list[Block]:
    """A draft's list of every finding, so nobody mistakes it for the finished report."""
    errors = sum(1 for f in findings if f.severity == "error")
    unsettled = sum(1 for f in findings if f.disagreement and f.signed is None)
    blocks: list[Block] = [Paragraph(
        f"This draft was built from a workbook with {errors} error(s) and "
        f"{len(findings) - errors} other finding(s), listed below with their tab and cell. "
        "Figures that depend on them may be missing or wrong. Correct the workbook and build "
        "the report again before publishing it.")]
    if unsettled:
        blocks.append(Paragraph(
            f"{unsettled} finding(s) say two figures disagree and are not yet settled: "
            "correct each one in the workbook, or sign it off on the Sign-off tab with its "
            "key, before the report is published."))
    if missing_sections:
        blocks.append(Paragraph("These sections are not in the Word template, so this report "
                                "leaves them out: " + "; ".join(missing_sections) + ". Add "
                                "their tags to the template to print them."))
    if findings:
        columns = (Column("Severity", 0.9), Column("Tab", 1.3), Column("Cell", 0.6),
                   Column("Finding", 3.9), Column("Sign-off", 1.7))
        body = tuple((Cell(str(f.severity)), Cell(f.sheet or "(workbook)"),
                      Cell(f.cell or ""), Cell(f.message), Cell(_state(f))) for f in findings)
        blocks.append(ReportTable("Findings in the workbook", columns, body))
    return blocks


def _state(finding: Finding) -> str:
    """A disagreement's state for the draft's list: open, with its key, or signed off."""
    if not finding.disagreement:
        return ""
    if finding.signed is None:
        return f"Open. Key: {finding.key}"
    return finding.state_text


DISPLAY: dict[str, DisplayBuilder] = {
    "indicators": indicators,
    "business_plan": business_plan,
    "child_deaths": child_deaths,
    "reviews": reviews,
    "structure": structure,
}

SectionBuilder = Callable[[Sources, Section, Sequence[Block]], list[Block]]

SECTIONS: dict[str, SectionBuilder] = {"on_a_page": on_a_page,
                                       "about_the_figures": about_the_figures}

_ = fill  # re-exported for builders written against the display helpers
__all__ += ["indicators", "business_plan", "child_deaths", "reviews"]
_unused: Mapping[str, object] = {}

"""The business plan update, the report on a page, and a draft's appendix of findings."""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding
from ..schema import SCHEMA
from .model import Block, Cell, Column, Heading, Paragraph, Table, TextStyle
from .sources import NOT_AVAILABLE, Sources, count, header

__all__ = ["business_plan", "on_a_page", "findings_appendix", "PAGE_HEADLINES"]

PLAN = "tblBusinessPlan"
STATUS_LABELS = {"C": "Complete (C)", "G": "On track (G)", "A": "At risk (A)",
                 "R": "Off track (R)", "Blank": "No update due"}

# The headline figures the report on a page quotes, in its order (keys of compute.headlines).
PAGE_HEADLINES = ("eha_rate", "rereferrals", "training", "elearning", "s11_responses", "scrs",
                  "chelseas_choice", "twitter", "newsletter", "procedures_useful")


def _text(x: object) -> str:
    return "" if x is None else str(x)


def business_plan(s: Sources) -> list[Block]:
    rows = s.rows(PLAN)
    if not rows:
        return []
    f = s.figures
    blocks: list[Block] = [Paragraph(
        f"The tables below give the position of every action in the {f.text('plan_period')} "
        f"Business Plan at {f.text('update_month')}. Any action not complete is carried "
        f"forward into the {f.text('next_plan_period')} Business Plan.")]
    blocks += _status_counts(s)
    for theme in dict.fromkeys(str(r["theme"]) for r in rows):
        blocks.append(Heading(2, theme))
        blocks.append(_theme_table(theme, [r for r in rows if str(r["theme"]) == theme]))
    return blocks


def _status_counts(s: Sources) -> list[Block]:
    counts = s.computed.plan_status
    if counts.empty:
        return []
    statuses = [c for c in counts.columns if c in STATUS_LABELS]
    columns = (Column(header(PLAN, "theme"), 3),
               *(Column(STATUS_LABELS[c], 1, True) for c in statuses),
               Column("Total", 0.8, True))

    def line(theme: str) -> tuple[Cell, ...]:
        return (Cell(theme), *(Cell(count(counts.at[theme, c])) for c in statuses),
                Cell(count(counts.at[theme, "Total"])))

    themes = [t for t in counts.index if t != "All themes"]
    return [Table("Business plan actions by theme and status", columns,
                  tuple(line(t) for t in themes), total=line("All themes"),
                  notes=(f"Status: {SCHEMA.table(PLAN).column('status').description}",))]


def _theme_table(theme: str, rows: list[dict[str, object]]) -> Table:
    columns = (Column(header(PLAN, "ref"), 0.65), Column(header(PLAN, "action"), 3.1),
               Column(header(PLAN, "who"), 1.75), Column(header(PLAN, "when"), 1.05),
               Column(header(PLAN, "update"), 2.7), Column(header(PLAN, "status"), 0.85))
    body = []
    for r in rows:
        ref = _text(r["ref"]) + (f" (part {r['part']})" if r["part"] is not None else "")
        action = _text(r["action"]) + (f"\nAim: {r['aim']}" if r["aim"] else "")
        status = _text(r["status"])
        body.append((Cell(ref), Cell(action), Cell(_text(r["who"])), Cell(_text(r["when"])),
                     Cell(_text(r["update"])), Cell(status, status=status or None)))
    return Table(f"Business plan: {theme}", columns, tuple(body))


def on_a_page(s: Sources, achievements: Sequence[Block]) -> list[Block]:
    """Section 32: the chairs' achievements, the headline figures, and members' views."""
    blocks: list[Block] = [Heading(2, "Achievements"), *achievements]
    wanted = {h.key: h for h in s.computed.headlines}
    lines = [wanted[key] for key in PAGE_HEADLINES if key in wanted]
    if lines:
        columns = (Column("Figure", 3.4), Column(s.year or "This year", 1, True),
                   Column(s.last_year or "Last year", 1, True), Column("Change", 1, True))
        body = tuple((Cell(h.label), Cell(h.shown(h.value)),
                      Cell(h.shown(h.previous) if h.previous is not None else NOT_AVAILABLE),
                      Cell(h.change(str(s.figures.value("difference_style") or "+1 pp"))
                           or NOT_AVAILABLE))
                     for h in lines)
        note = (f"{NOT_AVAILABLE}: last year's figure is not known, or was worked out "
                "differently (a rate published at the time, against one worked out from the "
                "population), so the two are not compared.")
        blocks += [Heading(2, "Performance and data"),
                   Table("The year in figures", columns, body, notes=(note,))]
    views = [r for r in s.rows("tblMemberViews") if r["on_page"] == "Yes"]
    if views:
        blocks.append(Heading(2, "View from Board members"))
        blocks += [Paragraph(_text(r["point"]), TextStyle.BULLET) for r in views]
    return blocks


def findings_appendix(findings: Sequence[Finding]) -> list[Block]:
    """A draft's list of every finding, so nobody mistakes it for the finished report."""
    errors = sum(1 for f in findings if f.severity == "error")
    intro = Paragraph(
        f"This draft was built from a workbook with {errors} error(s) and "
        f"{len(findings) - errors} other finding(s), listed below with their tab and cell. "
        "Figures that depend on them may be missing or wrong. Correct the workbook and build "
        "the report again before publishing it.")
    if not findings:
        return [intro]
    columns = (Column("Severity", 0.9), Column("Tab", 1.3), Column("Cell", 0.6),
               Column("Finding", 5.2))
    body = tuple((Cell(str(f.severity)), Cell(f.sheet or "(workbook)"), Cell(f.cell or ""),
                  Cell(f.message)) for f in findings)
    return [intro, Table("Findings in the workbook", columns, body)]

"""The year's data tables as the report prints them (the multi-year series are in series.py).

Each builder takes the :class:`Sources` and returns the blocks for one table: the table
itself and, where useful, a note. A builder returns nothing when its Excel Table is missing
(a draft built from a broken workbook). Totals rows are added up here from the rows; a total
typed in the workbook is only ever checked, never printed.
"""

from __future__ import annotations

from .. import fmt
from ..schema import SCHEMA
from ..schema.sheets_learning import LADO_CATEGORIES
from ..values import Target
from .model import Block, Cell, Column, Table
from .sources import NOT_AVAILABLE, Sources, amount, count, header, share

__all__ = [
    "members", "member_views", "contributions", "spend", "indicators", "early_help_flow",
    "quality_groups", "audit_findings", "ofsted_strengths", "ofsted_recommendations",
    "ofsted_judgements", "s11_statutory", "s11_compliance", "survey_answers", "training",
    "elearning_departments", "lado_employers", "lado_referrers", "lado_outcomes", "glossary",
]


def _text(x: object) -> str:
    return "" if x is None else str(x)


def _total_label(table: str) -> str:
    return SCHEMA.table(table).total_label or "Total"


def _simple(s: Sources, table: str, caption: str, *columns: tuple[str, float]) -> list[Block]:
    """A table of text columns, printed as typed."""
    rows = s.rows(table)
    if not rows:
        return []
    return [Table(caption, tuple(Column(header(table, key), width) for key, width in columns),
                  tuple(tuple(Cell(_text(r[key])) for key, _ in columns) for r in rows))]


# --- the Board and its budget -----------------------------------------------------------------


def members(s: Sources) -> list[Block]:
    return _simple(s, "tblMembers", "Agencies represented at the Board", ("agency", 3),
                   ("note", 2))


def member_views(s: Sources) -> list[Block]:
    return _simple(s, "tblMemberViews", "What Board members said", ("question", 1.2),
                   ("point", 4))


def _money_table(s: Sources, table: str, key: str, caption: str) -> list[Block]:
    rows = s.rows(table)
    if not rows:
        return []
    total = sum(float(r["amount"]) for r in rows if r["amount"] is not None)  # type: ignore[arg-type]
    notes = tuple(f"{r[key]}: {r['note']}" for r in rows if r.get("note"))
    return [Table(caption, (Column(header(table, key), 3), Column(s.year or "Amount", 1, True)),
                  tuple((Cell(_text(r[key])), Cell(amount(r["amount"]))) for r in rows),
                  total=(Cell(_total_label(table)), Cell(fmt.money(total))), notes=notes)]


def contributions(s: Sources) -> list[Block]:
    return _money_table(s, "tblContributions", "partner", "Contributions from partner agencies")


def spend(s: Sources) -> list[Block]:
    return _money_table(s, "tblSpend", "item", "What the Board spent")


# --- performance ------------------------------------------------------------------------------


def _measure(value: object, unit: object, places: int | None) -> str:
    if value is None:
        return NOT_AVAILABLE
    if unit == "%":
        return fmt.percent(float(value), places)  # type: ignore[arg-type]
    return fmt.number(float(value), places)  # type: ignore[arg-type]


def _target(target: object, unit: object) -> str:
    if isinstance(target, Target):
        low = _measure(target.low, unit, None)
        return f"{low}–{_measure(target.high, unit, None)}" if target.is_range else low
    return _text(target)


def indicators(s: Sources) -> list[Block]:
    table = "tblIndicators"
    rows = s.rows(table)
    if not rows:
        return []
    body = []
    for r in rows:
        places = None if r["decimals"] is None else int(r["decimals"])  # type: ignore[arg-type]
        rag = _text(r["rag"])
        body.append((Cell(_text(r["ref"])), Cell(_text(r["description"])),
                     Cell(_measure(r["value"], r["unit"], places)),
                     Cell(rag, status=rag if rag in {"G", "A", "R"} else None),
                     Cell(_text(r["trend"])), Cell(_text(r["polarity"])),
                     Cell(_target(r["target"], r["unit"]))))
    columns = (Column(header(table, "ref"), 0.8), Column(header(table, "description"), 3),
               Column(header(table, "value"), 0.9, True), Column("RAG against target", 0.85),
               Column("Trend on last year", 1.1), Column(header(table, "polarity"), 1.25),
               Column(f"Target {s.year or ''}".strip(), 0.95, True))
    return [Table(f"Performance indicators at {s.figures.text('period_end')}", columns,
                  tuple(body), notes=_indicator_notes(s, rows))]


def _indicator_notes(s: Sources, rows: list[dict[str, object]]) -> tuple[str, ...]:
    amber, red = (s.figures.text(k) for k in ("rag_amber_tolerance", "rag_red_tolerance"))
    counts = s.computed.rag_counts
    notes = [f"RAG against target: G when the target is met or missed by no more than {amber} "
             f"of it; A when it is missed by more than {amber} but no more than {red}; R when "
             "it is missed by more than that; n/a when there is no target.",
             "Ratings this year: " + ", ".join(f"{n} {r}" for r, n in counts.items()) + "."]
    own = [f"{r['ref']} ({r['threshold_reason']})" for r in rows
           if r["amber_from"] is not None or r["red_from"] is not None]
    if own:
        notes.append("Indicators with thresholds of their own: " + "; ".join(own) + ".")
    typed = sum(1 for r in rows if r["trend_basis"] == "typed by hand")
    if typed:
        notes.append(f"The trend of {typed} indicator(s) was given by hand, because last "
                     "year's value is not in the workbook.")
    return tuple(notes)


def early_help_flow(s: Sources) -> list[Block]:
    table = "tblEarlyHelpFlow"
    rows = s.rows(table)
    if not rows:
        return []
    body = tuple((Cell(fmt.value(r["month"], "date", "month")), Cell(count(r["initiated"])),
                  Cell(count(r["closed"])), Cell(count(r["gap"]))) for r in rows)
    columns = (Column(header(table, "month"), 1.4), Column(header(table, "initiated"), 1, True),
               Column(header(table, "closed"), 1, True), Column(header(table, "gap"), 1, True))
    return [Table("Early Help Assessments initiated and closed in the month", columns, body,
                  notes=("Gap: assessments initiated less assessments closed.",))]


def quality_groups(s: Sources) -> list[Block]:
    return _simple(s, "tblQualityGroups", "Locality Quality Assurance Groups and their chairs",
                   ("locality", 1), ("chair_agency", 2))


def audit_findings(s: Sources) -> list[Block]:
    return _simple(s, "tblAuditFindings", "What the themed audits found", ("audit", 1.3),
                   ("finding", 4), ("kind", 1.1))


# --- inspection and Section 11 ----------------------------------------------------------------


def ofsted_strengths(s: Sources) -> list[Block]:
    return _simple(s, "tblLscbStrengths", "Strengths Ofsted found in the Board", ("strength", 1))


def ofsted_recommendations(s: Sources) -> list[Block]:
    table = "tblOfstedRecommendations"
    rows = s.rows(table)
    if not rows:
        return []
    columns = (Column(header(table, "number"), 0.4), Column(header(table, "recommendation"), 2.2),
               Column(f"Update {s.year or 'this year'}", 3.6))
    body = tuple((Cell(count(r["number"])), Cell(_text(r["recommendation"])),
                  Cell(_text(r["update"]))) for r in rows)
    return [Table("Ofsted's recommendations to the Board and what has been done", columns, body)]


def ofsted_judgements(s: Sources) -> list[Block]:
    blocks = _simple(s, "tblOfstedJudgements", "Ofsted's judgements on children's services",
                     ("area", 3), ("judgement", 1.4))
    if blocks and isinstance(blocks[0], Table) and s.figures.value("overall_judgement"):
        judged = blocks[0]
        overall = f"Overall judgement: {s.figures.text('overall_judgement')}."
        blocks[0] = Table(judged.caption, judged.columns, judged.rows, notes=(overall,))
    return blocks


def s11_statutory(s: Sources) -> list[Block]:
    table = "tblSection11Statutory"
    rows = s.rows(table)
    if not rows:
        return []
    columns = (Column(header(table, "standard"), 4), Column(header(table, "fully_met"), 0.8, True),
               Column(header(table, "agencies"), 0.9, True),
               Column(header(table, "percent"), 1, True),
               Column(s.last_year or header(table, "previous_percent"), 0.9, True))
    body = tuple((Cell(_text(r["standard"])), Cell(count(r["fully_met"])),
                  Cell(count(r["agencies"])), Cell(share(r["percent"])),
                  Cell(share(r["previous_percent"]))) for r in rows)
    return [Table("Statutory partners fully meeting each Section 11 standard", columns, body)]


def s11_compliance(s: Sources) -> list[Block]:
    table = "tblSection11Compliance"
    rows = s.rows(table)
    if not rows:
        return []
    columns = (Column(header(table, "standard"), 4),
               Column(s.last_year or header(table, "previous"), 0.9, True),
               Column(s.year or header(table, "current"), 0.9, True),
               Column(header(table, "change"), 1, True))
    body = tuple((Cell(_text(r["standard"])), Cell(share(r["previous"])),
                  Cell(share(r["current"])), Cell(_text(r["change"]))) for r in rows)
    f = s.figures
    note = (f"Valid responses: {f.text('s11_valid')} this year against "
            f"{f.text('s11_valid_before')} last year ({f.text('s11_valid_change')}).")
    return [Table("All responses fully meeting each Section 11 standard, year on year",
                  columns, body, notes=(note,))]


# --- staff survey and training ------------------------------------------------------------------


def survey_answers(s: Sources) -> list[Block]:
    table = "tblSurveyAnswers"
    answers = s.rows(table)
    blocks: list[Block] = []
    for question in s.rows("tblSurveyQuestions"):
        rows = [r for r in answers if r["question"] == question["question"]]
        if not rows:
            continue
        total = sum(int(r["responses"]) for r in rows if r["responses"] is not None)  # type: ignore[call-overload]
        notes = ()
        if question["answered"] is not None:
            notes = (f"Answered: {count(question['answered'])}; skipped: "
                     f"{count(question['skipped'])}.",)
        columns = (Column(header(table, "answer"), 3), Column(header(table, "responses"), 1, True),
                   Column(header(table, "percent"), 1, True))
        body = tuple((Cell(_text(r["answer"])), Cell(count(r["responses"])),
                      Cell(share(r["percent"], 1))) for r in rows)
        blocks.append(Table(f"Staff survey: {question['wording']}", columns, body,
                            total=(Cell(_total_label(table)), Cell(count(total)), Cell("")),
                            notes=notes))
    return blocks


def training(s: Sources) -> list[Block]:
    table = "tblTraining"
    rows = s.rows(table)
    if not rows:
        return []
    total = s.column_sums(table, "attendees")["attendees"]
    columns = (Column(header(table, "event"), 4), Column(header(table, "attendees"), 1, True),
               Column(header(table, "domestic_abuse"), 1.1))
    body = tuple((Cell(_text(r["event"])), Cell(count(r["attendees"])),
                  Cell(_text(r["domestic_abuse"]))) for r in rows)
    return [Table(f"Attendance at multi-agency learning events, {s.year or 'this year'}", columns,
                  body, total=(Cell(_total_label(table)), Cell(count(total)), Cell("")))]


def elearning_departments(s: Sources) -> list[Block]:
    table = "tblElearningDepartments"
    rows = s.rows(table)
    if not rows:
        return []
    sums = s.column_sums(table, "passed", "allocated")
    rate = sums["passed"] / sums["allocated"] if sums["allocated"] else None
    columns = (Column(header(table, "department"), 3), Column(header(table, "passed"), 1, True),
               Column("Allocated", 1, True), Column(header(table, "rate"), 1.2, True))
    body = tuple((Cell(_text(r["department"])), Cell(count(r["passed"])),
                  Cell(count(r["allocated"])), Cell(share(r["rate"]))) for r in rows)
    total = (Cell(_total_label(table)), Cell(count(sums["passed"])),
             Cell(count(sums["allocated"])), Cell(share(rate)))
    return [Table("E-learning courses passed and allocated, by department", columns, body,
                  total=total)]


# --- LADO -------------------------------------------------------------------------------------


def lado_employers(s: Sources) -> list[Block]:
    table = "tblLadoEmployers"
    rows = s.rows(table)
    if not rows:
        return []
    keys = (*LADO_CATEGORIES, "total")
    sums = s.column_sums(table, *keys)
    columns = (Column(header(table, "employer"), 2.4),
               *(Column(header(table, k), 1.15, True) for k in keys))
    body = tuple((Cell(_text(r["employer"])), *(Cell(count(r[k])) for k in keys)) for r in rows)
    total = (Cell(_total_label(table)), *(Cell(count(sums[k])) for k in keys))
    return [Table("Allegations by employer and category of harm", columns, body, total=total)]


def lado_referrers(s: Sources) -> list[Block]:
    table = "tblLadoReferrers"
    rows = s.rows(table)
    if not rows:
        return []
    total = s.column_sums(table, "referrals")["referrals"]
    columns = (Column(header(table, "agency"), 3), Column(header(table, "referrals"), 1, True))
    body = tuple((Cell(_text(r["agency"])), Cell(count(r["referrals"]))) for r in rows)
    return [Table(f"Referrals to the LADO by agency, {s.year or 'this year'}", columns, body,
                  total=(Cell(_total_label(table)), Cell(count(total))))]


def lado_outcomes(s: Sources) -> list[Block]:
    table = "tblLadoOutcomes"
    rows = s.rows(table)
    if not rows:
        return []
    columns = (Column(header(table, "outcome"), 3), Column(header(table, "number"), 1, True))
    body = tuple((Cell(_text(r["outcome"])), Cell(count(r["number"]))) for r in rows)
    return [Table("Outcomes of referrals to the LADO", columns, body,
                  notes=("One allegation can have several outcomes, so the outcomes are not "
                         "added up.",))]


def glossary(s: Sources) -> list[Block]:
    return _simple(s, "tblGlossary", "Acronyms used in this report", ("acronym", 1),
                   ("meaning", 5))

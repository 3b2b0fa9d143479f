"""The report's content, built from the workbook's data alone: the template's contract.

``build_model(data, computed, findings)`` returns a :class:`ReportModel`: the plain fields
the Word template shows (:data:`TEMPLATE_FIELDS`) and the 32 sections of the body, each
with its chairs' text (``{ref}`` quotes filled in), its tables and its charts. It is pure:
no Word, no Excel, no files.

Where things go. Each section prints its owning tab's opening text, then the text other
tabs give it (section 12 takes Early Help's), then the owner's remaining text. The text
falls into passages, one per subheading. :data:`LAYOUT` puts each table or chart after the
passage with a given subheading, or after the opening one; a subheading a chair has renamed
leaves its tables at the end of the section, so nothing is ever lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..compute import Computed
from ..dataset import Dataset, records
from ..findings import Finding, Severity
from ..schema import SCHEMA, SECTIONS, Table
from . import plan, reviews, series, tables
from .figures import Figures
from .model import Block, Heading, PageBreak, Paragraph, ReportModel, Section, TextStyle
from .sources import Sources

__all__ = ["build_model", "TemplateField", "TEMPLATE_FIELDS", "LAYOUT", "OPENING",
           "DRAFT_BANNER", "LANGUAGE"]

LANGUAGE = "en-GB"
DRAFT_BANNER = "DRAFT – data has errors"
OPENING = ""  # anchor: after a section's opening passage


@dataclass(frozen=True)
class TemplateField:
    name: str
    kind: str  # "text", "yes/no" or "subdocument"
    meaning: str
    tag: str = ""  # how the template writes it, when not {{ name }}

    @property
    def written(self) -> str:
        return self.tag or f"{{{{ {self.name} }}}}"


TEMPLATE_FIELDS: tuple[TemplateField, ...] = (
    TemplateField("board_name", "text", "The board's full name, from Settings."),
    TemplateField("board_short_name", "text", "The board's short name, from Settings."),
    TemplateField("area", "text", "The area the board covers, from Settings."),
    TemplateField("reporting_year", "text", "The year the report covers, e.g. 2016-17."),
    TemplateField("period_end", "text", "The last day of that year, e.g. 31 March 2017."),
    TemplateField("draft", "yes/no", "Yes when the report was built as a draft (--draft): "
                  "shows the draft banner and marks the header.",
                  "{%p if draft %} ... {%p endif %}, {% if draft %} ... {% endif %}"),
    TemplateField("draft_banner", "text", f"The draft banner's words: '{DRAFT_BANNER}' when "
                  "the workbook has errors, otherwise 'DRAFT'."),
    TemplateField("contents", "subdocument", "The entries of the table of contents, with page "
                  "numbers Word refreshes on opening; sits inside the TOC field.",
                  "{{p contents }}"),
    TemplateField("body", "subdocument", "The 32 sections of the report (and a draft's "
                  "appendix of findings), built by the tool.", "{{p body }}"),
)

Builder = Callable[[Sources], list[Block]]


@dataclass(frozen=True)
class Placement:
    after: str  # the subheading of the passage it follows; OPENING for the first passage
    build: Builder


def _at(after: str, *builders: Builder) -> tuple[Placement, ...]:
    return tuple(Placement(after, b) for b in builders)


def _snapshot(table: str, caption: str, counted: str) -> Builder:
    return lambda s: series.snapshot_series(s, table, caption, counted)


def _cdop(table: str) -> Builder:
    return lambda s: reviews.cdop_counts(s, table)


LAYOUT: dict[int, tuple[Placement, ...]] = {
    5: _at(OPENING, tables.members),
    6: _at(OPENING, tables.member_views),
    10: _at(OPENING, tables.contributions, tables.spend),
    12: (*_at(OPENING, tables.indicators),
         *_at("Early Help Assessments", _snapshot(
             "tblEarlyHelp", "Early Help Assessments initiated in the year to 31 March",
             "Assessments initiated")),
         *_at("Auditing of Early Help Assessments", tables.early_help_flow),
         *_at("Re-referrals", series.rereferrals),
         *_at("Child sexual exploitation and missing from home", series.cse_mfh),
         *_at("Child protection", _snapshot(
             "tblChildProtection", "Children on a child protection plan at 31 March",
             "Children on a plan")),
         *_at("Children looked after", _snapshot(
             "tblLookedAfter", "Children looked after at 31 March", "Children looked after"))),
    13: _at(OPENING, tables.quality_groups, tables.audit_findings),
    17: (*_at("What Ofsted said about the LSCB", tables.ofsted_strengths,
              tables.ofsted_recommendations),
         *_at("Children's services", tables.ofsted_judgements)),
    18: (*_at("Statutory partners", tables.s11_statutory),
         *_at("Overall compliance", tables.s11_compliance)),
    19: _at(OPENING, tables.survey_answers),
    20: (*_at("The learning programme", tables.training, lambda s: series.yearly_totals(
            s, "tblTrainingYears", "attendees", "training_total",
            "Places taken on multi-agency training, by year", "Places taken")),
         *_at("E-learning", series.elearning_years, tables.elearning_departments)),
    22: _at("LADO activity", tables.lado_employers, tables.lado_referrers,
            tables.lado_outcomes, lambda s: series.yearly_totals(
                s, "tblLadoYears", "allegations", "lado_total",
                "Allegations referred to the LADO, by year", "Allegations")),
    23: _at("Performance", series.private_fostering),
    25: _at(OPENING, reviews.reviews),
    26: _at(OPENING, reviews.practice_themes),
    27: (*_at("The deaths reviewed", _cdop("tblCdopGender"), _cdop("tblCdopAge"),
              _cdop("tblCdopCategory")),
         *_at("Time taken to review cases", reviews.cdop_sign_off),
         *_at("Recommendations", reviews.cdop_recommendations)),
    28: _at(OPENING, plan.business_plan),
    31: _at(OPENING, tables.glossary),
}
ON_A_PAGE = 32
STYLES = {style.value: style for style in TextStyle}  # the Report text tables' Style column


@dataclass
class Passage:
    subheading: str | None
    blocks: list[Block] = field(default_factory=list)


def build_model(data: Dataset, computed: Computed, findings: Sequence[Finding] = (), *,
                draft: bool = False) -> ReportModel:
    """The whole report as plain data; ``draft`` adds the banner and the findings appendix."""
    figures = Figures(data.facts, computed.facts)
    sources = Sources(data, computed, figures)
    area = sources.area
    passages = _passages(data, figures)
    sections = [_section(number, SECTIONS[number].heading(area), passages.get(number, []),
                         sources) for number in sorted(SECTIONS)]
    if draft:
        sections.append(Section(None, "Appendix: findings in the workbook",
                                (PageBreak(), *plan.findings_appendix(findings))))
    errors = any(f.severity is Severity.ERROR for f in findings)
    fields: dict[str, str | bool] = {
        "board_name": figures.text("board_name"),
        "board_short_name": figures.text("board_short_name"),
        "area": area,
        "reporting_year": figures.text("reporting_year"),
        "period_end": figures.text("period_end"),
        "draft": draft,
        "draft_banner": DRAFT_BANNER if errors else "DRAFT",
    }
    title = f"{fields['board_name']} Annual Report {fields['reporting_year']}"
    return ReportModel(fields, tuple(sections), title)


def _narrative_tables() -> list[tuple[str, Table]]:
    """(tab, table) for every Report text table, in tab order."""
    return [(sheet.name, table) for sheet, table in SCHEMA.iter_tables()
            if any(column.placeholders for column in table.columns)]


def _passages(data: Dataset, figures: Figures) -> dict[int, list[Passage]]:
    """Each section's text as passages, the owning tab's opening passage first."""
    by_label = {section.label: number for number, section in SECTIONS.items()}
    found: dict[int, dict[str, list[Passage]]] = {}
    for sheet, table in _narrative_tables():
        table_data = data.tables.get(table.name)
        if table_data is None:
            continue
        for _, row in records(table_data.rows):
            number = by_label.get(str(row["section"]))
            if number is None or not row["text"]:
                continue
            own = found.setdefault(number, {}).setdefault(sheet, [])
            if row["subheading"] or not own:
                own.append(Passage(row["subheading"] or None))
            style = STYLES.get(str(row["style"]), TextStyle.PARAGRAPH)
            own[-1].blocks.append(Paragraph(figures.fill(str(row["text"])), style))
    ordered: dict[int, list[Passage]] = {}
    for number, by_sheet in found.items():
        owner = by_sheet.pop(SECTIONS[number].sheet, [])
        others = [p for passages in by_sheet.values() for p in passages]
        ordered[number] = owner[:1] + others + owner[1:]
    return ordered


def _section(number: int, heading: str, passages: list[Passage], s: Sources) -> Section:
    placements = list(LAYOUT.get(number, ()))
    blocks: list[Block] = []
    if number == ON_A_PAGE:
        text = [b for p in passages for b in _passage_blocks(p)]
        return Section(number, heading, (PageBreak(), *plan.on_a_page(s, text)))
    for index, passage in enumerate(passages):
        blocks += _passage_blocks(passage)
        here = [p for p in placements if _matches(p.after, passage, index)]
        for placement in here:
            blocks += placement.build(s)
            placements.remove(placement)
    for placement in placements:  # anchors not found (renamed subheadings, no text at all)
        blocks += placement.build(s)
    return Section(number, heading, tuple(blocks))


def _matches(anchor: str, passage: Passage, index: int) -> bool:
    if anchor == OPENING:
        return index == 0
    return (passage.subheading or "").strip().casefold() == anchor.casefold()


def _passage_blocks(passage: Passage) -> list[Block]:
    heading: list[Block] = [Heading(2, passage.subheading)] if passage.subheading else []
    return heading + passage.blocks

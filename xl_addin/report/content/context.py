"""The report's content, built from the workbook's data alone: the template's contract.

``build_model(data, computed, findings)`` returns a :class:`ReportModel`: the plain fields
the Word template shows (:data:`TEMPLATE_FIELDS`) and one :class:`Section` per section of
the board's profile, each with its chairs' text (``{ref}`` quotes filled in), its tables
and its charts. It is pure: no Word, no Excel, no files. Section numbers are not decided
here: they follow the order the Word template places the sections in.

Where things go. Each section prints its owning tab's opening passage, then the text other
tabs give it (in tab order), then the owner's remaining passages (a passage starts at each
subheading). A subheading that several tabs use is printed once, where it first comes, with
the owning tab's rows under it first and then each other tab's, in tab order. A
row of Report text with the Style "Table" or "Chart" places that table (or only its
chart) there; its Text names the table by the title above it on its tab. A table nobody
placed goes at the end of the section it belongs to, so nothing is ever lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from xl_addin.compute import Computed
from xl_addin.compute.headlines import headlines
from xl_addin.core import fmt
from xl_addin.core.findings import Finding, Severity
from xl_addin.core.hidden import HIDDEN_MARK
from xl_addin.disclosure import suppress as suppress_small
from xl_addin.disclosure.notes import TABLE_NOTE
from xl_addin.report.content import builders
from xl_addin.report.content.blocks import (
    Block,
    Detail,
    Heading,
    PageBreak,
    Paragraph,
    ReportModel,
    Table,
    TextStyle,
)
from xl_addin.report.content.blocks import Section as ReportSection
from xl_addin.report.content.display import chart_blocks, table_blocks
from xl_addin.report.content.figures import Figures
from xl_addin.report.content.kept import Kept, KeptCell, KeptResults, kept_figures
from xl_addin.report.content.noise import quiet_tables
from xl_addin.report.content.quoted import quote_text
from xl_addin.report.content.references import FINDINGS_HEADING, FINDINGS_ID
from xl_addin.report.content.sources import Sources
from xl_addin.report.content.statutory import (
    STATUTORY_HEADING,
    STATUTORY_ID,
    section_numbers,
    statutory_appendix,
)
from xl_addin.schema.model import PLACEMENT_STYLES, Section
from xl_addin.schema.model import Table as ProfileTable
from xl_addin.statutory import words as framework_words
from xl_addin.tables.dataset import Dataset, records
from xl_addin.tables.placement import find_table, loose, section_labels, section_of

__all__ = ["build_model", "TemplateField", "TEMPLATE_FIELDS", "DRAFT_BANNER", "LANGUAGE",
           "UNSETTLED_BANNER", "NOT_DATED",
           "NOT_FILLED", "APPENDIX_ID", "STATUTORY_ID", "APPENDIX_IDS"]

LANGUAGE = "en-GB"
DRAFT_BANNER = "DRAFT – data has errors"
UNSETTLED_BANNER = "DRAFT – figures not yet signed off"
NOT_DATED = "not yet: this is a draft, and Settings give no publication date"
NOT_FILLED = "Not filled in yet."
APPENDIX_ID = FINDINGS_ID
APPENDIX_IDS = (STATUTORY_ID, APPENDIX_ID)  # unnumbered, after every section, in this order


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
    TemplateField("board_name", "text", "The partnership's (or board's) full name, from "
                  "Settings."),
    TemplateField("board_short_name", "text", "Its short name, from Settings."),
    TemplateField("area", "text", "The area it covers, from Settings."),
    TemplateField("report_title", "text", "What the report is called under the guidance "
                  "named on Settings (framework): 'Annual Report' under Working Together "
                  "2015, 'Yearly Report' under 2018 and 2023."),
    TemplateField("body_type", "text", "What the report calls the body that writes it under "
                  "that guidance: 'board' (2015) or 'partnership' (2018, 2023)."),
    TemplateField("reporting_year", "text", "The year the report covers, e.g. 2016-17."),
    TemplateField("period_end", "text", "The last day of that year, e.g. 31 March 2017."),
    TemplateField("publication_date", "text", "The date the report is published: the "
                  "Settings figure publication_date, e.g. '12 October 2017'. A final report "
                  f"needs one; a draft without one reads '{NOT_DATED}'."),
    TemplateField("logo", "subdocument", "The partnership's logo on the cover, from the picture "
                  "file named in Settings (logo_file); nothing at all when none is given, "
                  "leaving a typographic cover.", "{{p logo }}"),
    TemplateField("draft", "yes/no", "Yes when the report was built as a draft (--draft): "
                  "shows the draft banner and marks the header.",
                  "{%p if draft %} ... {%p endif %}, {% if draft %} ... {% endif %}"),
    TemplateField("draft_banner", "text", f"The draft banner's words: '{DRAFT_BANNER}' when "
                  f"the workbook has errors, '{UNSETTLED_BANNER}' when a disagreement is "
                  "neither corrected nor signed off, otherwise 'DRAFT'."),
    TemplateField("contents", "subdocument", "The entries of the table of contents (section "
                  "headings), with their page numbers when the report was laid out "
                  "(--pdf or --page-numbers); sits inside the TOC field.",
                  "{{p contents }}"),
    TemplateField("body", "subdocument", "Every section of the report not placed by its own "
                  "tag, in the profile's order (and a draft's appendix of findings).",
                  "{{p body }}"),
)

STYLES = {style.value: style for style in TextStyle}  # the Report text tables' Style column


@dataclass
class Passage:
    subheading: str | None
    blocks: list[Block] = field(default_factory=list)


@dataclass
class _Text:
    """Every section's passages, and which tables the text placed."""

    passages: dict[str, list[Passage]] = field(default_factory=dict)
    placed: set[str] = field(default_factory=set)


def build_model(data: Dataset, computed: Computed, findings: Sequence[Finding] = (), *,
                draft: bool = False, missing_sections: Sequence[str] = (),
                order: Sequence[str] | None = None, suppress: bool = False) -> ReportModel:
    """The whole report as plain data; ``draft`` adds the banner and the findings appendix.

    ``missing_sections`` are the headings of sections the Word template leaves out: a
    draft lists them in its appendix. ``order`` is the order the Word template prints the
    sections in (section ids; default: the profile's), which numbers them in the statutory
    appendix. ``suppress`` prints child-level counts of 1 to 5, and whatever would give
    them away, as "c" (xl_addin.disclosure); the About the figures note says so. What is
    for the board rather than the public (the statutory deadline and where the report must
    be sent) is printed in a draft only.
    """
    profile = data.profile
    kept = kept_figures(data, findings)  # figures the board signed off to keep as typed
    if kept:
        computed = replace(computed, rag_counts=_kept_ratings(data, computed, kept),
                           headlines=headlines(data, KeptResults(computed, kept)))
    shown, worked, suppression = (suppress_small(data, computed) if suppress
                                  else (data, computed, None))
    figures = Figures(shown.facts, worked.facts, profile)
    sources = Sources(shown, worked, figures, suppression, draft, kept)
    figures.table_quote = lambda text: quote_text(sources, text)
    area = sources.area
    text = _text(sources)
    sections = []
    for section in profile.enabled_sections():
        blocks = _section_blocks(section, text, sources)
        heading = section.heading(area, figures.quote)
        if not _has_content(blocks):
            if not draft:
                continue
            blocks = [Paragraph(NOT_FILLED, TextStyle.NOTE)]
        blocks = quiet_tables(blocks)
        if suppression is not None:
            blocks = explain_withheld(blocks)
        sections.append(ReportSection(section.id, heading, tuple(blocks)))
    numbers = section_numbers(order or [s.id for s in profile.sections],
                              [s.id for s in sections])
    statutory = statutory_appendix(data, area, numbers, figures.quote, draft=draft)
    if statutory:
        sections.append(ReportSection(STATUTORY_ID, STATUTORY_HEADING,
                                      (PageBreak(), *statutory)))
    if draft:
        sections.append(ReportSection(APPENDIX_ID, FINDINGS_HEADING,
                                      (PageBreak(), *builders.findings_appendix(
                                          findings, missing_sections))))
    errors = any(f.severity is Severity.ERROR for f in findings)
    words = framework_words(data.facts.get("framework"))
    unsettled = any(f.disagreement and f.signed is None for f in findings)
    fields: dict[str, str | bool] = {
        "board_name": figures.text("board_name"),
        "board_short_name": figures.text("board_short_name"),
        "area": area,
        "report_title": words.report_title,
        "body_type": words.body,
        "reporting_year": figures.text("reporting_year"),
        "period_end": figures.text("period_end"),
        "publication_date": _publication_date(data.facts.get("publication_date")),
        "draft": draft,
        "draft_banner": DRAFT_BANNER if errors else UNSETTLED_BANNER if unsettled else "DRAFT",
    }
    title = f"{fields['board_name']} {words.report_title} {fields['reporting_year']}"
    subject = f"{words.report[:1].upper()}{words.report[1:]} of {words.publisher}"
    return ReportModel(fields, tuple(sections), title, subject)


def explain_withheld(blocks: Sequence[Block]) -> list[Block]:
    """Each table that shows a "c" with a note saying what it means (unless its notes
    already do, as the child-death tables' do)."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Detail):
            block = replace(block, blocks=tuple(explain_withheld(block.blocks)))
        elif isinstance(block, Table) and _shows_c(block) and not any(
                n.startswith(f"{HIDDEN_MARK}:") or f"or {HIDDEN_MARK} " in n
                for n in block.notes):
            block = replace(block, notes=(*block.notes, TABLE_NOTE))
        out.append(block)
    return out


def _shows_c(table: Table) -> bool:
    rows = (*table.rows, *((table.total,) if table.total else ()))
    return any(cell.text == HIDDEN_MARK for row in rows for cell in row)


def _publication_date(value: object) -> str:
    """The cover's date: the day Settings give; a draft without one says so (a final report
    cannot be built without one, and never shows the day it was built as its date)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return fmt.date(value)
    if value:
        return str(value)
    return NOT_DATED


def _kept_ratings(data: Dataset, computed: Computed, kept: Kept) -> dict[str, int]:
    """The ratings counted again with the published ratings the board kept."""
    counts = dict(computed.rag_counts)
    for cell in kept.all():
        if isinstance(cell, KeptCell) and cell.column == "rag":
            tool = computed.value(cell.table, cell.index, "rag")
            if tool in counts and str(cell.typed) in counts and tool != cell.typed:
                counts[str(tool)] -= 1
                counts[str(cell.typed)] += 1
    return counts


def _has_content(blocks: Sequence[Block]) -> bool:
    return any(not isinstance(b, PageBreak) for b in blocks)


def _text(s: Sources) -> _Text:
    """Each section's text as passages, the owning tab's opening passage first."""
    profile = s.data.profile
    labels = section_labels(s.data)
    found: dict[str, dict[str, list[Passage]]] = {}
    placed: set[str] = set()
    for sheet in profile.sheets:
        if sheet.narrative is None:
            continue
        table_data = s.data.tables.get(sheet.narrative.table)
        if table_data is None:
            continue
        for _, row in records(table_data.rows):
            section_id = section_of(labels, row["section"])
            if section_id is None or not row["text"]:
                continue
            own = found.setdefault(section_id, {}).setdefault(sheet.name, [])
            if row["subheading"] or not own:
                own.append(Passage(str(row["subheading"]) if row["subheading"] else None))
            style = str(row["style"])
            if style in PLACEMENT_STYLES:
                table = find_table(s.data, str(row["text"]), sheet.name)
                if table is not None and table.name not in placed:
                    placed.add(table.name)
                    own[-1].blocks += (table_blocks(s, table, builders.DISPLAY)
                                       if style == "Table" else chart_blocks(s, table))
                continue
            text_style = STYLES.get(style, TextStyle.PARAGRAPH)
            own[-1].blocks.append(Paragraph(s.figures.fill(str(row["text"])), text_style))
    ordered: dict[str, list[Passage]] = {}
    rank = {sheet.name: i for i, sheet in enumerate(profile.sheets)}
    for section_id, by_sheet in found.items():
        tab = profile.section(section_id).tab
        owner = by_sheet.pop(tab, [])
        others = [(name, p) for name, passages in by_sheet.items() for p in passages]
        sequence = [(tab, p) for p in owner[:1]] + others + [(tab, p) for p in owner[1:]]
        order = {**rank, tab: -1}  # the owning tab's rows first
        ordered[section_id] = _merged(sequence, order)
    return _Text(ordered, placed)


def _merged(sequence: list[tuple[str, Passage]], rank: dict[str, int]) -> list[Passage]:
    """Passages under the same subheading, from several tabs, as one: the subheading is
    printed once, where it first comes, with the owning tab's rows under it first and then
    each other tab's, in tab order."""
    heads: dict[str, list[tuple[str, Passage]]] = {}
    out: list[tuple[str | None, list[tuple[str, Passage]]]] = []
    for tab, passage in sequence:
        key = loose(passage.subheading) if passage.subheading else None
        if key is not None and key in heads:
            heads[key].append((tab, passage))
            continue
        parts = [(tab, passage)]
        if key is not None:
            heads[key] = parts
        out.append((key, parts))
    merged = []
    for _, parts in out:
        first = parts[0][1]
        if len(parts) == 1:
            merged.append(first)
            continue
        parts = sorted(parts, key=lambda part: rank.get(part[0], len(rank)))
        merged.append(Passage(first.subheading, [b for _, p in parts for b in p.blocks]))
    return merged


def _unplaced(s: Sources, section: Section, placed: set[str]) -> list[ProfileTable]:
    profile = s.data.profile
    out = []
    for table_data in s.data.tables.values():
        table = table_data.table
        if table.name in placed or table.display.hidden:
            continue
        home = (profile.section_of_table(table) if profile.has_table(table.name)
                else _custom_home(s, table_data.sheet))
        if home is not None and home.id == section.id:
            out.append(table)
    order = {t.name: i for i, (_, t) in enumerate(profile.iter_tables())}
    return sorted(out, key=lambda t: order.get(t.name, len(order)))


def _custom_home(s: Sources, sheet: str) -> Section | None:
    """A chair's own table prints in the first section its tab writes."""
    profile = s.data.profile
    tab = next((t for t in profile.sheets if t.name == sheet), None)
    ids = list(tab.narrative.sections) if tab is not None and tab.narrative else []
    ids += [section.id for section in profile.sections if section.tab == sheet]
    return next((profile.section(i) for i in ids if profile.section(i).enabled), None)


def _section_blocks(section: Section, text: _Text, s: Sources) -> list[Block]:
    passages = text.passages.get(section.id, [])
    written = [b for p in passages for b in _passage_blocks(p)]
    if section.builder is not None:
        return builders.SECTIONS[section.builder](s, section, written)
    blocks = list(written)
    for table in _unplaced(s, section, text.placed):
        blocks += table_blocks(s, table, builders.DISPLAY)
    return blocks


def _passage_blocks(passage: Passage) -> list[Block]:
    heading: list[Block] = [Heading(2, passage.subheading)] if passage.subheading else []
    return heading + passage.blocks

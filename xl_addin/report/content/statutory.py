"""The appendix "How this report meets the statutory requirements", from the data alone.

For each requirement of the framework named on Settings (xl_addin/statutory), the
appendix gives the requirement in plain words, where the guidance says it, and the
sections of this report that meet it, by their printed number and heading (the numbers
follow the Word template's order, so the caller passes them in). A requirement not met
yet is shown as such, with what is missing: only a draft can be built that way, since
validation reports each gap as an error. A draft adds the deadline and circulation after the
table, for the board; the published report leaves them out.

While the report's note on the figures is built elsewhere, the appendix also carries
the note on small numbers when they were printed as "c" (:func:`suppression_blocks`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from xl_addin.tables.dataset import Dataset
from xl_addin.validate.coverage import Coverage, Met, coverage

if TYPE_CHECKING:
    from xl_addin.report.content.blocks import Block

__all__ = ["STATUTORY_ID", "STATUTORY_HEADING", "statutory_appendix",
           "section_numbers"]

STATUTORY_ID = "statutory_appendix"
STATUTORY_HEADING = "How this report meets the statutory requirements"
NOT_MET = "Not met yet"
DRAFT_ONLY = "For the board (printed in drafts only):"


def section_numbers(order: Sequence[str], printed: Sequence[str],
                    unnumbered: Sequence[str] = ()) -> dict[str, int]:
    """Section id -> its printed number: its place among the printed sections, in the
    Word template's ``order`` (ids the template does not place keep the report's order)."""
    placed = [i for i in order if i in printed and i not in unnumbered]
    placed += [i for i in printed if i not in placed and i not in unnumbered]
    return {section_id: n for n, section_id in enumerate(placed, start=1)}


def statutory_appendix(data: Dataset, area: str, numbers: Mapping[str, int],
                       quote: Callable[[str], str | None] | None = None, *,
                       draft: bool = False) -> list[Block]:
    """The appendix's blocks; [] when Settings names no framework the tool knows, or the
    board's profile maps none of its requirements. When the report is due and where it must
    be sent is the board's to-do, not the public's: a draft prints it, a final report not."""
    # the report's blocks are imported here, not with the module: validation reads this
    # module's names (through the references check) without building the appendix
    from xl_addin.report.content.blocks import Cell, Column, Paragraph, Table

    found = coverage(data)
    if found is None or not found.mapped:
        return []
    framework = found.framework
    blocks: list[Block] = [Paragraph(
        f"This report follows {framework.title}. What it must contain comes from "
        f"{framework.guidance}; the duty to publish it, from {framework.law}. The table "
        "shows, for each thing the guidance says the report must contain, where this report "
        "contains it.")]
    rows = tuple((Cell(m.requirement.summary), Cell(m.requirement.cited),
                  Cell(_where(data, area, numbers, m, quote)))
                 for m in found.requirements)
    blocks.append(Table(
        f"What {framework.name} requires of this report, and where it is met",
        (Column("Requirement", 3.2), Column("Guidance", 1.8), Column("Where in this report",
                                                                     2.4)),
        rows, notes=_notes(found)))
    if found.publication is not None and draft:
        blocks.append(Paragraph(f"{DRAFT_ONLY} {found.publication.sentence}"))
    return blocks


def _where(data: Dataset, area: str, numbers: Mapping[str, int], met: Met,
           quote: Callable[[str], str | None] | None = None) -> str:
    if not met.ok:
        return f"{NOT_MET}: " + " ".join(gap.what for gap in met.gaps)
    shown = []
    for section_id in met.sections:
        section = data.profile.section(section_id)
        heading = section.heading(area, quote)
        number = numbers.get(section_id)
        shown.append(f"{number}. {heading}" if number is not None else
                     f"{heading} (not in this report's Word template)")
    return "; ".join(shown) or "n/a"


def _notes(found: Coverage) -> tuple[str, ...]:
    gaps = [m for m in found.requirements if not m.ok]
    if not gaps:
        return ("Every requirement is met by the sections named.",)
    return (f"{len(gaps)} requirement(s) not met yet: this is a draft. Fill in what is "
            "missing before the report is published.",)



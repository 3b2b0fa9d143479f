"""The Word styles the report uses: the contract between the template and the renderer.

The renderer only ever names these styles, so restyling one in Word restyles every place
the report uses it. ``tools/make_template.py`` creates them, a test checks the committed
template still defines them, and ``docs/template-fields.md`` lists them for the comms team.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["StyleKind", "StyleUse", "STYLES"]


class StyleKind(StrEnum):
    PARAGRAPH = "paragraph"
    TABLE = "table"


@dataclass(frozen=True)
class StyleUse:
    name: str  # the style's name as Word shows it
    kind: StyleKind
    use: str  # where the report uses it, for the comms team


P, T = StyleKind.PARAGRAPH, StyleKind.TABLE

STYLES: tuple[StyleUse, ...] = (
    StyleUse("Title", P, "The board's name on the cover."),
    StyleUse("Subtitle", P, "The report's name and year on the cover."),
    StyleUse("Draft Banner", P, "The warning at the top of a draft built from data with errors."),
    StyleUse("TOC Heading", P, "The word 'Contents' above the table of contents."),
    StyleUse("toc 1", P, "A section in the table of contents."),
    StyleUse("toc 2", P, "A subheading in the table of contents."),
    StyleUse("Heading 1", P, "Each section heading, an appendix, and the draft appendix."),
    StyleUse("Heading 2", P, "Subheadings inside a section: a chair's subheading, a serious "
             "case review, a business-plan theme, a part of the report on a page."),
    StyleUse("Heading 3", P, "Headings below a subheading (kept for the comms team)."),
    StyleUse("Normal", P, "Paragraphs of text."),
    StyleUse("List Bullet", P, "Bulleted points."),
    StyleUse("Quote", P, "Quoted words of children, staff and partners."),
    StyleUse("Caption", P, "The title above each table and each chart."),
    StyleUse("Figure", P, "The paragraph that holds a chart (or the cover's logo)."),
    StyleUse("Table Note", P, "Notes and sources under a table."),
    StyleUse("Table Heading", P, "Header cells of text columns."),
    StyleUse("Table Heading Number", P, "Header cells of number columns (right-aligned)."),
    StyleUse("Table Text", P, "Body cells of text columns."),
    StyleUse("Table Number", P, "Body cells of number columns (right-aligned)."),
    StyleUse("Table Status", P, "A RAG or business-plan status letter: centred and bold, on "
             "its colour."),
    StyleUse("Tile Label", P, "What a figure is, at the top of a tile of the year at a "
             "glance."),
    StyleUse("Tile Figure", P, "The figure itself, large, in a tile of the year at a glance."),
    StyleUse("Tile Note", P, "Last year's figure and the direction, under a tile's figure."),
    StyleUse("Glance Point", P, "A bulleted achievement on the year at a glance, in smaller "
             "type so the page holds them."),
    StyleUse("Cover Note", P, "The publication date and the period covered, on the cover."),
    StyleUse("LSCB Table", T, "Every data table: borders, header row shading, totals row."),
    StyleUse("Header", P, "The running header."),
    StyleUse("Footer", P, "The page numbers."),
)


"""The report as plain data: sections of headings, paragraphs, tables and charts.

The context builds a :class:`ReportModel` from the workbook's data; the renderer turns it
into Word. Nothing here knows about Word: a table is rows of text cells, a
chart is its series and the alt text that states them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "TextStyle",
    "Heading",
    "Paragraph",
    "PageBreak",
    "Column",
    "Cell",
    "Table",
    "Series",
    "ChartKind",
    "Chart",
    "Tile",
    "Tiles",
    "Columns",
    "Detail",
    "Block",
    "Section",
    "ReportModel",
]


class TextStyle(StrEnum):
    """How a paragraph is printed; the renderer maps each to a template style."""

    PARAGRAPH = "Paragraph"
    BULLET = "Bullet"
    QUOTE = "Quote"
    NOTE = "Note"  # small print under a table
    POINT = "Point"  # a short bulleted point on the year at a glance, in smaller type


@dataclass(frozen=True)
class Heading:
    level: int  # 1 for a section, 2 for a subheading, 3 below that
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: TextStyle = TextStyle.PARAGRAPH


@dataclass(frozen=True)
class PageBreak:
    """Start the next block on a new page."""


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 1.0  # share of the table's width, relative to the other columns
    numeric: bool = False  # right-aligned


@dataclass(frozen=True)
class Cell:
    text: str
    status: str | None = None  # a RAG or business-plan letter whose colour fills the cell


@dataclass(frozen=True)
class Table:
    caption: str  # numbered when the report is assembled
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None  # a totals row, added up from the rows
    notes: tuple[str, ...] = ()
    beside: Chart | None = None  # a chart of the same figures, printed beside the table

    def __post_init__(self) -> None:
        for row in (*self.rows, *((self.total,) if self.total else ())):
            if len(row) != len(self.columns):
                raise ValueError(f"{self.caption}: a row has {len(row)} cells for "
                                 f"{len(self.columns)} columns")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per category; None where there is no figure


class ChartKind(StrEnum):
    LINE = "line"
    BAR = "bar"


@dataclass(frozen=True)
class Chart:
    kind: ChartKind
    caption: str  # numbered when the report is assembled
    categories: tuple[str, ...]  # the years along the bottom
    series: tuple[Series, ...]
    y_label: str
    alt_text: str  # states every figure the chart shows
    percent: bool = False  # values are fractions, shown as percentages
    labels: bool = True  # each point carries its figure (not when a table beside gives them)


@dataclass(frozen=True)
class Tile:
    """One shaded box of the year at a glance: a figure, or a count of ratings."""

    label: str  # what the figure is
    value: str  # the figure, printed large
    detail: str = ""  # a line under it: last year's figure and the direction
    status: str | None = None  # a RAG or business-plan letter whose colour fills the tile


@dataclass(frozen=True)
class Tiles:
    """A row-by-row grid of tiles; ``title`` names it for screen readers."""

    title: str
    tiles: tuple[Tile, ...]
    across: int = 3  # tiles in a row


@dataclass(frozen=True)
class Columns:
    """Paragraphs set in side-by-side columns (a long list on the year at a glance); each
    part is one column, read top to bottom before the next."""

    parts: tuple[tuple[Paragraph, ...], ...]


@dataclass(frozen=True)
class Detail:
    """Blocks that print in place, or in an appendix when the template places one for the
    section (``{{p appendix_<section id> }}``); ``pointer`` says where they went."""

    title: str  # the appendix's heading, without its letter ("Business Plan Update in full")
    blocks: tuple[Block, ...]
    pointer: str = "Every item is listed in full in {title}."  # title: "Appendix A: ..."


Block = Heading | Paragraph | PageBreak | Table | Chart | Tiles | Columns | Detail


@dataclass(frozen=True)
class Section:
    id: str  # the profile's section id (or the draft appendix's)
    heading: str
    blocks: tuple[Block, ...]
    number: int | None = None  # given by the section's place in the Word template

    @property
    def title(self) -> str:
        """The heading as printed: '4. Cumbria's Children and Young People'."""
        return self.heading if self.number is None else f"{self.number}. {self.heading}"


@dataclass(frozen=True)
class ReportModel:
    """Everything the renderer needs: the template's fields and the body's sections."""

    fields: dict[str, str | bool]  # plain template fields (see TEMPLATE_FIELDS)
    sections: tuple[Section, ...]
    title: str  # the document's title property
    subject: str = ""  # the document's subject property: "Yearly report of the ..."

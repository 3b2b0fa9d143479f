"""Short constructors and shared choice lists for the schema declarations."""

from __future__ import annotations

from .model import Column, Fact, Kind, Role, Table
from .sections import SECTIONS

__all__ = [
    "RAG_STATUS",
    "RAG",
    "POLARITY",
    "TREND",
    "YES_NO",
    "UNITS",
    "JUDGEMENTS",
    "STYLES",
    "col",
    "fact",
    "facts",
    "derived",
    "change",
    "narrative",
    "year",
]

RAG_STATUS = ("C", "G", "A", "R")  # business plan: Complete, Green, Amber, Red
RAG = ("G", "A", "R", "n/a")  # indicators against target
POLARITY = ("High", "Low", "n/a")
TREND = ("Improving", "Declining", "Static", "Sustained")
YES_NO = ("Yes", "No")
UNITS = ("%", "per 10,000", "rate", "number", "days")
JUDGEMENTS = ("Outstanding", "Good", "Requires improvement", "Inadequate")
STYLES = ("Paragraph", "Bullet", "Quote")


def col(key: str, header: str, kind: Kind, description: str, **options: object) -> Column:
    """A column; options are the optional fields of :class:`Column`."""
    return Column(key, header, kind, description, **options)  # type: ignore[arg-type]


def year(description: str = "Reporting year, written like 2016-17.") -> Column:
    return Column("year", "Year", Kind.YEAR, description, required=True, width=10)


def fact(key: str, label: str, kind: Kind = Kind.INTEGER, description: str = "",
         **options: object) -> Fact:
    """A declared figure; options are the optional fields of :class:`Fact`."""
    return Fact(key, label, kind, description, **options)  # type: ignore[arg-type]


def derived(key: str, label: str, description: str, kind: Kind = Kind.INTEGER) -> Fact:
    """A figure the tool works out and writes into its Key figures table."""
    return Fact(key, label, kind, description, required=False, minimum=None, computed=True)


def facts(name: str, title: str, description: str, *rows: Fact) -> Table:
    return Table(name, title, description, facts=rows)


def narrative(name: str, sections: tuple[int, ...]) -> Table:
    """The words of the report sections that a sheet owns, one paragraph per row."""
    titles = tuple(SECTIONS[number].label for number in sections)
    return Table(
        name,
        "Report text",
        "The words of this tab's report sections, one paragraph or bullet per row, in "
        "reading order. Write {ref} to quote a figure from any 'Key figures' table, so "
        "that the report always prints the current figure.",
        columns=(
            Column("section", "Section", Kind.CHOICE, "The report section this text belongs to.",
                   required=True, choices=titles, width=34),
            Column("subheading", "Subheading", Kind.TEXT,
                   "Optional heading printed above this paragraph.", width=30),
            Column("style", "Style", Kind.CHOICE, "Paragraph, Bullet or Quote.",
                   required=True, choices=STYLES, width=11),
            Column("text", "Text", Kind.TEXT, "The paragraph itself, in plain words.",
                   required=True, width=100, placeholders=True),
            Column("previous_text", "Last year's text", Kind.TEXT,
                   "Filled in when the workbook is rolled over to a new year: last year's "
                   "paragraph, to start from. It is not printed.", role=Role.REFERENCE,
                   width=60),
        ),
        blank_rows=5,
    )


def change(key: str = "change", header: str = "Change on last year",
           of: str = "the figure") -> Column:
    """A computed difference from the previous row's year, written in the Settings style."""
    return Column(key, header, Kind.TEXT, f"Change in {of} since the year before.",
                  role=Role.COMPUTED, width=14)


def computed(key: str, header: str, kind: Kind, description: str, **options: object) -> Column:
    return Column(key, header, kind, description, role=Role.COMPUTED,  # type: ignore[arg-type]
                  **options)


def reference(key: str, header: str, kind: Kind, description: str,
              **options: object) -> Column:
    return Column(key, header, kind, description, role=Role.REFERENCE,  # type: ignore[arg-type]
                  **options)

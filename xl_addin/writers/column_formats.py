"""How a column's cells are shown in a sheet: its number format and its colours.

Pure data for every writer (a fresh workbook, the computed workbook's parts, a live book):
the number format of each kind of column, and the conditional colours of a rating column.
"""

from __future__ import annotations

from dataclasses import dataclass

from xl_addin.core.palette import RAG_FILLS
from xl_addin.schema import Column, Kind, Role

__all__ = ["NUMBER_FORMATS", "COMPUTED_FILL", "ColourRule", "colour_rules"]

COMPUTED_FILL = "EDEDED"  # the grey of a computed cell

NUMBER_FORMATS: dict[Kind, str] = {
    Kind.INTEGER: "#,##0",
    Kind.NUMBER: "#,##0.0##",
    Kind.PERCENT: "0.0#%",
    Kind.CURRENCY: "£#,##0",
    Kind.DATE: "dd/mm/yyyy",
    Kind.TEXT: "@",
    Kind.CHOICE: "@",
    Kind.YEAR: "@",
}


@dataclass(frozen=True)
class ColourRule:
    """A conditional format: a cell whose text is ``text`` is filled with ``fill``."""

    text: str
    fill: str  # "RRGGBB"


def colour_rules(column: Column) -> tuple[ColourRule, ...]:
    """The colours of a RAG column, one conditional format per letter: a computed one, or
    a board's own rating or status column (``rating:`` in the profile, or choices that are
    the letters).

    The colour follows the letter, so the tool writes only the letter; a letter without a
    colour of its own (n/a) keeps the grey of a computed cell (or none, typed).
    """
    letters = set(column.choices) - {"n/a"}
    if column.role is Role.COMPUTED and letters and letters <= set(RAG_FILLS):
        return tuple(ColourRule(letter, RAG_FILLS.get(letter, COMPUTED_FILL))
                     for letter in column.choices)
    if column.rating:  # a board's own rating column: its letters coloured as typed
        return tuple(ColourRule(letter, RAG_FILLS[letter]) for letter in column.choices
                     if letter in RAG_FILLS)
    return ()

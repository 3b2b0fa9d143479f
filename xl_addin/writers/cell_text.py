"""Text stays text: the one rule every writer applies before putting a string into a cell.

Excel reads an entry that begins with ``=``, ``+``, ``-`` or ``@`` as a formula (and, in an
East Asian input method, the full-width ``＝ ＋ － ＠`` too); a leading tab or line break is
how spreadsheet injection hides one. A business-plan theme or a paragraph a chair typed as
"=HYPERLINK(...)" must come back as the same text, never as a live formula.

- openpyxl (:func:`put_text`) makes any string that starts with ``=`` a formula, and one
  that looks like an error code (``#N/A``) an error: the cell's type is set back to text,
  and a string that starts like a formula gets Excel's "quote prefix", so editing the cell
  in Excel later keeps it text too.
- A live book (:func:`live_value`, xlwings on desktop Excel and the Office.js add-in, whose
  client assigns ``range.values``) gets every string with a leading apostrophe, which Excel
  stores as a text marker and never shows: "=SUM(A1)" is stored as the text "=SUM(A1)",
  "'tis" as "'tis", and "1-4" stays "1-4" rather than becoming the 1st of April.
- The package writer (:mod:`xl_addin.writers.package.sheet`) writes text as inline
  strings, which are text by construction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

__all__ = ["FORMULA_STARTS", "starts_like_formula", "put_text", "live_value"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
TEXT_MARKER = "'"


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def put_text(cell: Cell, value: object) -> Cell:
    """Set an openpyxl cell's value; a string is always stored as a string."""
    cell.value = value
    if isinstance(value, str) and cell.data_type != "s":
        cell.data_type = "s"
    if isinstance(value, str) and starts_like_formula(value):
        cell.quotePrefix = True
    return cell


def live_value(value: object) -> object:
    """The value to hand to a live book so that a string is stored as exactly that text."""
    if isinstance(value, str) and value:
        return TEXT_MARKER + value
    return value

"""Does any formula in the workbook read a cell the tool just changed?

A formula's saved result (``<v>``) stays in the file after compute, and the reader uses it
(``validate`` reads results, not formulas). When a formula reads a cell the tool wrote (a
chair's ``=COUNTIF(O8:O55,"G")`` over the RAG column, say), that saved result is out of date
until Excel recalculates, so the workbook is marked to be recalculated when Excel opens it
(``calcPr fullCalcOnLoad``). The flag discards nothing: every saved result stays in the file
for any program that reads it without calculating, and Excel clears the flag when it next
saves. When no formula reads a changed cell, the workbook is not marked, so Excel opens it
as saved and does not ask to save it again on closing.

The test is cautious: a reference it cannot place exactly (a structured reference such as
``tblIndicators[RAG]``, a name it cannot resolve, a reference across several tabs, or
INDIRECT and OFFSET, which can point anywhere) counts as reading a changed cell.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from xl_addin.core.raw import address, column_number
from xl_addin.writers.package.book import WHOLE_TAB, XlsxBook
from xl_addin.writers.package.ooxml import qn
from xl_addin.writers.package.sheet import Position, SheetPart

__all__ = ["formulas_read_changes"]

Changes = Mapping[str, set[Position] | None]
Box = tuple[int, int, int, int]  # top, left, bottom, right
ANYWHERE = ("INDIRECT(", "OFFSET(", "@INDIRECT(", "@OFFSET(")
MAX_ROW, MAX_COLUMN = 1_048_576, 16_384
SHEET = r"(?:'(?P<quoted>(?:[^']|'')+)'|(?P<bare>[^'!:\[\]]+))!"
CELL = r"\$?([A-Za-z]{1,3})\$?(\d+)"
AREA = re.compile(rf"^(?:{SHEET})?(?:{CELL}(?::{CELL})?|\$?([A-Za-z]{{1,3}}):\$?([A-Za-z]{{1,3}})"
                  r"|\$?(\d+):\$?(\d+))$")
NAME = re.compile(r"^[A-Za-z_\\][\w.\\]*$")
FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
MAX_DEPTH = 8  # names defined through names


def formulas_read_changes(book: XlsxBook) -> bool:
    """True if a formula in the workbook may read a cell the tool changed."""
    changes = {name.casefold(): cells for name, cells in book.changed_cells().items()}
    if not changes:
        return False
    names = _defined_names(book)
    for entry in book.entries():
        if not entry.is_worksheet or changes.get(entry.name.casefold(), ()) is WHOLE_TAB:
            continue
        if not FORMULA_TAG.search(book.package.read(str(entry.part))):
            continue
        for formula in _formulas(book.sheet(entry.name)):
            if _reads(formula, entry.name, changes, names, 0):
                return True
    return False


def _formulas(sheet: SheetPart) -> list[str]:
    """Every cell formula of the sheet, a shared formula written out for each of its cells."""
    from openpyxl.formula.translate import Translator  # openpyxl: only for formulas

    cells = list(sheet.formula_cells())
    masters = {f.get("si"): (place, f.text) for place, f in cells
               if f.get("t") == "shared" and f.text}
    found = []
    for place, formula in cells:
        if formula.text:
            found.append(formula.text)
        elif formula.get("t") == "shared" and formula.get("si") in masters:
            origin, text = masters[formula.get("si")]
            found.append(Translator(f"={text}", origin=address(*origin)).translate_formula(
                address(*place))[1:])
    return found


def _defined_names(book: XlsxBook) -> dict[str, str]:
    names = {}
    for element in book.root.iter(qn("definedName")):
        if element.get("name") and element.text:
            names[str(element.get("name")).casefold()] = element.text
    return names


def _reads(formula: str, sheet: str, changes: Changes, names: Mapping[str, str],
           depth: int) -> bool:
    from openpyxl.formula.tokenizer import Token, Tokenizer, TokenizerError

    if depth > MAX_DEPTH:
        return True
    try:
        tokens = Tokenizer(f"={formula}").items
    except TokenizerError:
        return True
    for token in tokens:
        if token.type == Token.FUNC and token.value.upper() in ANYWHERE:
            return True
        if token.type != Token.OPERAND or token.subtype != Token.RANGE:
            continue
        if token.value.startswith("["):
            continue  # another workbook: nothing the tool wrote
        area = _area(token.value, sheet)
        if area is not None:
            if _touches(changes.get(area[0].casefold(), ()), area[1]):
                return True
        elif NAME.match(token.value) and token.value.casefold() in names:
            if _reads(names[token.value.casefold()], sheet, changes, names, depth + 1):
                return True
        else:
            return True
    return False


def _area(reference: str, sheet: str) -> tuple[str, Box] | None:
    """(tab, box) of a plain reference such as 'Early Help'!$B$3:C9, A:A or 1:3."""
    found = AREA.match(reference)
    if found is None:
        return None
    tab = (found["quoted"] or "").replace("''", "'") or found["bare"] or sheet
    groups = found.groups()[2:]
    if groups[0]:
        first = _cell(groups[0], groups[1])
        last = _cell(groups[2], groups[3]) if groups[2] else first
        return tab, (min(first[0], last[0]), min(first[1], last[1]),
                     max(first[0], last[0]), max(first[1], last[1]))
    if groups[4]:
        left, right = sorted((column_number(groups[4]), column_number(groups[5])))
        return tab, (1, left, MAX_ROW, right)
    top, bottom = sorted((int(groups[6]), int(groups[7])))
    return tab, (top, 1, bottom, MAX_COLUMN)


def _cell(letters: str, row: str) -> Position:
    return int(row), column_number(letters)


def _touches(cells: set[Position] | None | tuple[()], box: Box) -> bool:
    if cells is WHOLE_TAB:
        return True
    top, left, bottom, right = box
    return any(top <= row <= bottom and left <= column <= right for row, column in cells)

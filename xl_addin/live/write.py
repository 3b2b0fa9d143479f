"""Write the computation's results into a live Excel book (xlwings).

Applies the plan of :mod:`.results_plan`, the one the file writer applies too, so a book
computed from Excel shows the same values, number formats, RAG colours (conditional
formats), Dashboard and Validation tabs, links and highlights as a file computed by the CLI.

Every string goes to Excel with a leading apostrophe (:func:`~.cell_text.live_value`):
Excel, on the desktop and through Office.js (whose client assigns ``range.values``), reads
an entry starting with "=" as a formula, and the apostrophe makes it text, which is what the
file writer writes.

With the remote engine (the Office.js add-in) every write becomes an action that Excel
applies after the call returns, and nothing written can be read back in the same call:
the cells an earlier run highlighted are read first (:func:`previous_highlights`). Writes
are grouped into rectangles, so a column of RAG letters costs one value write, one
number-format write and one fill write, not one of each per cell.

Three things differ by engine. Column widths are characters on desktop Excel and points
through Office.js. A link to a cell needs Office.js's ``documentReference``, which the
xlwings hyperlink action does not set, so in the add-in links are set by its JavaScript
function :data:`LINKS_CALLBACK` (``static/js/lscb.js``). A tab's colour has no xlwings
API, so the tool's tabs keep Excel's default colour in a live book.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import NamedTuple, TypeVar

import xlwings as xw
from xlwings.utils import address_to_index_tuple

from xl_addin.compute import Computed
from xl_addin.core.findings import Finding
from xl_addin.tables.dataset import Dataset
from xl_addin.writers.cell_text import live_value
from xl_addin.writers.plan import (
    FINDING_PLACE_COLUMNS,
    FINDINGS_FIRST_ROW,
    HIGHLIGHT_FORMULA,
    NO_FILL,
    VALIDATION,
    CellWrite,
    ColourRule,
    ReportLink,
    Tab,
    coloured_cells,
    dashboard_tab,
    highlights,
    listed_places,
    results_cells,
    validation_tab,
)

K = TypeVar("K", bound=Hashable)  # what cells are grouped by: a format, a font, ...

__all__ = ["previous_highlights", "write_validation", "write_results", "call_js",
           "LINKS_CALLBACK"]

LINKS_CALLBACK = "lscbSetLinks"  # registered by the add-in's static/js/lscb.js
MAX_COLOR_CELLS = 10_000  # Range.set_colors takes at most this many cells a call

Position = tuple[int, int]  # (row, column), 1-based


class Box(NamedTuple):
    top: int
    left: int
    bottom: int
    right: int

    def positions(self) -> list[list[Position]]:
        return [[(row, col) for col in range(self.left, self.right + 1)]
                for row in range(self.top, self.bottom + 1)]


def previous_highlights(book: xw.Book) -> list[tuple[str, str]]:
    """The (tab, cell) places the last run listed on the Validation tab, read before writing."""
    if VALIDATION not in _names(book):
        return []
    sheet = book.sheets[VALIDATION]
    last = sheet.used_range.last_cell.row
    if last < FINDINGS_FIRST_ROW:
        return []
    first, second = FINDING_PLACE_COLUMNS
    rows = sheet.range((FINDINGS_FIRST_ROW, first), (last, second)).options(ndim=2).value
    return listed_places(rows)


def write_validation(book: xw.Book, findings: Sequence[Finding], source: str,
                     previous: Iterable[tuple[str, str]] = ()) -> None:
    """Rewrite the Validation tab; move the highlights from ``previous`` to the findings."""
    names = _names(book)
    by_sheet: dict[str, list[Position]] = defaultdict(list)
    for sheet, cell in previous:
        if sheet in names:
            by_sheet[sheet].append(address_to_index_tuple(cell))
    for sheet, places in by_sheet.items():
        for box in _boxes(places):
            _range(book.sheets[sheet], box).conditional_formats.clear()
    _write_tab(book, validation_tab(findings, source, names))
    marks: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for mark in highlights(findings, names):
        marks[mark.sheet, mark.fill].append(address_to_index_tuple(mark.cell))
    for (sheet, fill), places in marks.items():
        for box in _boxes(places):
            _range(book.sheets[sheet], box).conditional_formats.add_custom(
                f"={HIGHLIGHT_FORMULA}", fill_color=f"#{fill}")


def write_results(book: xw.Book, data: Dataset, computed: Computed,
                  report: ReportLink | None = None) -> int:
    """Write computed cells and the Dashboard (linking ``report``); returns cells written."""
    cells = results_cells(data, computed)
    by_sheet: dict[str, list[CellWrite]] = defaultdict(list)
    for write in cells:
        by_sheet[write.sheet].append(write)
    for sheet, writes in by_sheet.items():
        _apply(book.sheets[sheet], writes)
    for sheet, (places, rules) in coloured_cells(data, computed).items():
        _colour(book.sheets[sheet], places, rules)
    _write_tab(book, dashboard_tab(data, computed, report))
    return len(cells)


def _colour(sheet: xw.Sheet, places: Sequence[str], rules: Sequence[ColourRule]) -> None:
    """The RAG letters' conditional formats on the cells written, set afresh each run.

    A live book's formats cannot be read, so those on the tool's RAG cells are cleared and
    added again (no finding is ever placed on a computed cell, so no highlight is lost).
    """
    for box in _boxes(address_to_index_tuple(p) for p in places):
        formats = _range(sheet, box).conditional_formats
        formats.clear()
        for rule in rules:
            formats.add_cell_value("equal_to", '="' + rule.text.replace('"', '""') + '"',
                                   fill_color=f"#{rule.fill}")


# --- tabs and cells -------------------------------------------------------------------------


def _write_tab(book: xw.Book, tab: Tab) -> None:
    """Clear the tab if it exists (formulas elsewhere keep pointing at it), else add it."""
    names = _names(book)
    if tab.name in names:
        sheet = book.sheets[tab.name]
        sheet.clear()
    else:
        anchor = next((name for name in tab.after if name in names), None)
        sheet = (book.sheets.add(tab.name, after=book.sheets[anchor]) if anchor
                 else book.sheets.add(tab.name, before=book.sheets[0]))
    _apply(sheet, tab.cells)
    for letter, width in tab.widths:
        sheet.range(f"{letter}1").column_width = _column_width(book, width)
    if tab.freeze:
        sheet.freeze_panes.freeze_at(tab.freeze)


def _apply(sheet: xw.Sheet, writes: Sequence[CellWrite]) -> None:
    at = {address_to_index_tuple(w.cell): w for w in writes}
    for box in _boxes(at):
        _range(sheet, box).value = [[live_value(at[p].value) for p in row]
                                    for row in box.positions()]
    for number_format, boxes in _grouped(at, lambda w: w.number_format).items():
        for box in boxes:
            _range(sheet, box).number_format = number_format
    for box in _boxes(p for p, w in at.items() if w.fill is not None):
        for part in _chunks(box):
            _range(sheet, part).set_colors([[_color(at[p].fill) for p in row]
                                            for row in part.positions()])
    for font, boxes in _grouped(at, lambda w: w.font).items():
        for box in boxes:
            target = _range(sheet, box).font
            if font.bold is not None:
                target.bold = font.bold
            if font.size is not None:
                target.size = font.size
            if font.color is not None:
                target.color = f"#{font.color}"
    for align, boxes in _grouped(at, lambda w: w.align).items():
        for box in boxes:
            cells = _range(sheet, box)
            if align.horizontal:
                cells.horizontal_alignment = align.horizontal  # type: ignore[assignment]
            if align.vertical:
                cells.vertical_alignment = align.vertical  # type: ignore[assignment]
            if align.wrap:
                cells.wrap_text = True
    _link(sheet, [w for w in writes if w.link or w.url])


def _link(sheet: xw.Sheet, writes: Sequence[CellWrite]) -> None:
    if not writes:
        return
    if _served(sheet.book):
        targets = [[w.cell, {"documentReference": w.link} if w.link else {"address": w.url},
                    str(w.value)] for w in writes]
        call_js(sheet.book, LINKS_CALLBACK, sheet.name, targets)
        return
    for w in writes:  # desktop Excel reads an address starting with # as a place in the book
        sheet[w.cell].add_hyperlink(f"#{w.link}" if w.link else str(w.url), str(w.value))


def call_js(book: xw.Book, function: str, *args: object) -> None:
    """Have the Office.js add-in run its JavaScript ``function(context, *args)`` in order.

    xlwings' ``book.app.macro(function)(...)`` queues the call on the app's most recently
    opened book, which on a server handling several clicks at once can be another
    request's book; this queues it on ``book`` itself, as the same ``runMacro`` action.
    """
    book.impl.append_json_action(func="runMacro", args=[function, *args])


# --- grouping -------------------------------------------------------------------------------


def _boxes(positions: Iterable[Position]) -> list[Box]:
    """Cover the positions exactly with rectangles: runs down each column, joined across."""
    columns: dict[int, list[int]] = defaultdict(list)
    for row, col in set(positions):
        columns[col].append(row)
    runs: list[Box] = []
    for col in sorted(columns):
        rows = sorted(columns[col])
        start = previous = rows[0]
        for row in rows[1:]:
            if row != previous + 1:
                runs.append(Box(start, col, previous, col))
                start = row
            previous = row
        runs.append(Box(start, col, previous, col))
    joined: list[Box] = []
    open_boxes: dict[tuple[int, int], int] = {}  # (top, bottom) -> index in joined
    for run in runs:
        index = open_boxes.get((run.top, run.bottom))
        if index is not None and joined[index].right == run.left - 1:
            joined[index] = joined[index]._replace(right=run.right)
        else:
            open_boxes[run.top, run.bottom] = len(joined)
            joined.append(run)
    return joined


def _grouped(at: dict[Position, CellWrite],
             key: Callable[[CellWrite], K | None]) -> dict[K, list[Box]]:
    """Rectangles of the cells sharing each key; cells whose key is None are left out."""
    groups: dict[K, list[Position]] = defaultdict(list)
    for position, write in at.items():
        value = key(write)
        if value is not None:
            groups[value].append(position)
    return {value: _boxes(places) for value, places in groups.items()}


def _chunks(box: Box) -> list[Box]:
    rows = max(1, MAX_COLOR_CELLS // (box.right - box.left + 1))
    return [box._replace(top=top, bottom=min(top + rows - 1, box.bottom))
            for top in range(box.top, box.bottom + 1, rows)]


# --- engine details -------------------------------------------------------------------------


def _range(sheet: xw.Sheet, box: Box) -> xw.Range:
    return sheet.range((box.top, box.left), (box.bottom, box.right))


def _color(fill: str | None) -> str | None:
    return None if fill == NO_FILL or fill is None else f"#{fill}"


def _names(book: xw.Book) -> list[str]:
    return [sheet.name for sheet in book.sheets]


def _served(book: xw.Book) -> bool:
    """True for a book sent by the Office.js add-in through xlwings Server."""
    return book.app.engine.name == "remote"


def _column_width(book: xw.Book, characters: float) -> float:
    """Excel's width in characters, in the unit the engine takes (points through Office.js)."""
    return (characters * 7 + 5) * 0.75 if _served(book) else characters

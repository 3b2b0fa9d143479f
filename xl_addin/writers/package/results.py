"""Write the computation's results into a workbook file, part by part.

Only what the tool owns is written, straight into the workbook's package
(:class:`~xl_addin.writers.package.book.XlsxBook`): the values of the computed columns and computed
key figures, the two tabs rewritten whole each run (Dashboard and Validation), the
conditional formats that highlight the cells the findings name, and, where a workbook
lacks them, the conditional formats that colour the RAG letters. Everything else in the
package comes back byte for byte: people's cells, their formulas with their saved
results, pictures, charts, comments, their conditional formats and data validation.

What goes where is decided by :mod:`.results_plan`, which the live-Excel writer
(:mod:`.xlwings_results`) applies too; this module only puts the plan into the package.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from lxml import etree

from xl_addin.compute import Computed
from xl_addin.core.findings import Finding
from xl_addin.core.raw import Bounds, address, cell_position, reference_bounds
from xl_addin.schema import Role
from xl_addin.tables.dataset import Dataset, records
from xl_addin.writers.package.book import XlsxBook
from xl_addin.writers.package.ooxml import qn
from xl_addin.writers.package.sheet import SheetPart
from xl_addin.writers.plan import (
    DASHBOARD,
    HIGHLIGHT_FORMULA,
    MARKER,
    VALIDATION,
    ColourRule,
    coloured_cells,
    dashboard_tab,
    highlights,
    results_cells,
    validation_tab,
)

__all__ = ["write_results", "write_validation", "clear_highlights", "computed_addresses",
           "DASHBOARD", "VALIDATION", "MARKER"]


def write_results(book: XlsxBook, data: Dataset, computed: Computed) -> int:
    """Write computed columns, computed key figures and the Dashboard; returns cells written."""
    cells = results_cells(data, computed)
    for write in cells:
        book.sheet(write.sheet).put(write.cell, write.value, number_format=write.number_format,
                                    fill=write.fill, font=write.font, align=write.align)
    for sheet, (places, rules) in coloured_cells(data, computed).items():
        _ensure_colours(book, book.sheet(sheet), places, rules)
    book.write_tab(dashboard_tab(data, computed))
    return len(cells)


def clear_highlights(book: XlsxBook) -> None:
    """Remove the highlights of the last run (before anything else adds a format)."""
    for _, sheet in book.worksheets(holding=MARKER.encode()):
        sheet.remove_rules(_is_highlight)


def write_validation(book: XlsxBook, findings: Sequence[Finding], source: str) -> None:
    """Rewrite the Validation tab and move the highlights to the cells the findings name.

    The highlights go after every other conditional format, so that running again puts
    them back exactly where they were.
    """
    clear_highlights(book)
    book.write_tab(validation_tab(findings, source, book.sheet_names))
    marks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for mark in highlights(findings, book.sheet_names):
        marks[mark.sheet, mark.fill].append(mark.cell)
    for (sheet_name, fill), places in sorted(marks.items()):
        sheet = book.sheet(sheet_name)
        rule = etree.Element(qn("cfRule"), type="expression",
                             dxfId=str(book.styles.dxf_fill(fill)),
                             priority=str(sheet.next_priority()))
        etree.SubElement(rule, qn("formula")).text = HIGHLIGHT_FORMULA
        sheet.add_format(_sqref(places), [rule])


def _is_highlight(rule: etree._Element) -> bool:
    return any(MARKER in (f.text or "") for f in rule.findall(qn("formula")))


def _ensure_colours(book: XlsxBook, sheet: SheetPart, places: Sequence[str],
                    rules: Sequence[ColourRule]) -> None:
    """Add the RAG colour rules for any of ``places`` a workbook does not colour yet.

    The workbooks the tool generates hold these rules; a workbook made by an earlier
    version may not. A rule counts as present when it fills cells equal to the letter,
    whatever colour a person may have chosen for it since.
    """
    covered: dict[str, list[Bounds]] = defaultdict(list)
    for sqref, rule in sheet.rules():
        formula = rule.find(qn("formula"))
        if (rule.get("type") == "cellIs" and rule.get("operator") == "equal"
                and formula is not None):
            covered[formula.text or ""] += _boxes(sqref)
    for colour in rules:
        boxes = covered[_quoted(colour.text)]
        missing = [p for p in places if not any(_inside(cell_position(p), b) for b in boxes)]
        if not missing:
            continue
        rule = etree.Element(qn("cfRule"), type="cellIs",
                             dxfId=str(book.styles.dxf_fill(colour.fill)),
                             priority=str(sheet.next_priority()), operator="equal")
        etree.SubElement(rule, qn("formula")).text = _quoted(colour.text)
        sheet.add_format(_sqref(missing), [rule])


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _boxes(sqref: str) -> list[Bounds]:
    """The areas of a reference list such as "O8:O55 Q3" or "O:O" (None: no bound)."""
    found = []
    for part in sqref.split():
        try:
            found.append(reference_bounds(part))
        except ValueError:
            continue  # not a reference: covers nothing
    return found


def _inside(place: tuple[int, int], box: Bounds) -> bool:
    row, column = place
    top, left, bottom, right = box
    return ((left is None or left <= column) and (right is None or column <= right)
            and (top is None or top <= row) and (bottom is None or row <= bottom))


def _sqref(places: Sequence[str]) -> str:
    """The cells as one reference list: runs down a column joined ("L8:L55"), in order."""
    singles = sorted({cell_position(p) for p in places if ":" not in p}, key=lambda p: (p[1], p[0]))
    parts: list[tuple[tuple[int, int], str]] = [(cell_position(p.split(":")[0]), p)
                                                for p in set(places) if ":" in p]
    start = 0
    for index, (row, column) in enumerate(singles):
        following = singles[index + 1] if index + 1 < len(singles) else None
        if following != (row + 1, column):
            first = singles[start]
            text = address(*first) if first == (row, column) else \
                f"{address(*first)}:{address(row, column)}"
            parts.append((first, text))
            start = index + 1
    return " ".join(text for _, text in sorted(parts))


def computed_addresses(data: Dataset) -> set[tuple[str, str]]:
    """Every (sheet, cell) the tool may write: computed columns and computed key figures."""
    owned: set[tuple[str, str]] = set()
    for table in data.tables.values():
        for column in table.table.columns:
            if column.role is Role.COMPUTED:
                owned |= {(table.sheet, str(a)) for _, row in records(table.cells[[column.key]])
                          for a in row.values() if a}
    for _, fact in data.profile.iter_facts():
        place = data.fact_places.get(fact.key)
        if fact.computed and place is not None and place.cell:
            owned.add((place.sheet, place.cell))
    return owned

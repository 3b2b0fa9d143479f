"""What next year's workbook cannot carry over from this year's, listed for the person.

``new-year`` writes next year's workbook fresh from the schema, because its rows move: the
figures in the Excel Tables are carried (a formula's figure as the value it last showed),
but nothing else a chair added to this year's workbook. :func:`uncarried` finds those
additions in this year's package, so the CLI can list them instead of dropping them
silently:

- tabs the tool does not know, macros, pivot tables, names a person defined;
- on each tab: pictures, charts, shapes and embedded objects; comments and notes (the
  tool's own notes on column headings are written again); conditional formats and data
  validation that next year's workbook does not have; links; formulas (with the cells
  whose formula had no saved value, which come across blank); and anything typed outside
  the tables.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lxml import etree
from openpyxl.workbook.workbook import Workbook

from xl_addin.core.raw import reference_bounds
from xl_addin.schema import Profile
from xl_addin.schema.resolve import PROFILE_NAME, VERSION_NAME
from xl_addin.writers.package.book import SheetEntry, XlsxBook
from xl_addin.writers.package.ooxml import REL, qn
from xl_addin.writers.package.sheet import SheetPart
from xl_addin.writers.plan import DASHBOARD, MARKER, VALIDATION
from xl_addin.writers.workbook.fresh import header_note
from xl_addin.writers.workbook.layout import BANNER_ROWS

__all__ = ["Uncarried", "uncarried"]

GENERATED_TABS = {"Instructions", "Lists"}
KEPT_NAMES = {VERSION_NAME, PROFILE_NAME}
DRAWING = f"{REL}/drawing"
COMMENTS = f"{REL}/comments"
PIVOT = f"{REL}/pivotTable"
TABLE = f"{REL}/table"
THREADED = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
X14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM = "http://schemas.microsoft.com/office/excel/2006/main"
SHOWN = 6  # cells named in a line; the rest are counted
Box = tuple[int, int, int, int]  # top, left, bottom, right


@dataclass(frozen=True)
class Uncarried:
    """Something in this year's workbook that next year's does not have."""

    sheet: str | None  # None: the workbook as a whole
    what: str  # e.g. "2 pictures, 1 chart"
    cells: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = f"{self.sheet}: " if self.sheet else ""
        shown = ", ".join(self.cells[:SHOWN])
        more = f" and {len(self.cells) - SHOWN} more" if len(self.cells) > SHOWN else ""
        return f"{where}{self.what}" + (f" ({shown}{more})" if self.cells else "")


def uncarried(data: bytes, source: str, next_year: Workbook,
              profile: Profile) -> list[Uncarried]:
    """Everything in this year's package (``data``) that ``next_year`` does not carry."""
    book = XlsxBook(data, source)
    known = {sheet.name for sheet in profile.sheets}
    found: list[Uncarried] = []
    other = [e.name for e in book.entries()
             if e.name not in known | GENERATED_TABS | {DASHBOARD, VALIDATION}]
    if other:
        found.append(Uncarried(None, f"{_count(len(other), 'tab')} the tool does not know, "
                                     f"not copied: {', '.join(other)}"))
    if any(n.lower().endswith("vbaproject.bin") for n in book.package.names()):
        found.append(Uncarried(None, "macros (VBA): next year's workbook is a plain .xlsx"))
    names = [str(e.get("name")) for e in book.root.iter(qn("definedName"))
             if str(e.get("name")) not in KEPT_NAMES and not str(e.get("name")).startswith(
                 "_xlnm.")]
    if names:
        found.append(Uncarried(None, f"{_count(len(names), 'defined name')}: "
                                     f"{', '.join(names)}"))
    generated = _generated_rules(next_year)
    notes = _generated_notes(profile)
    for entry in book.entries():
        if entry.name in known and entry.is_worksheet:
            found += _on_tab(book, entry, generated, notes.get(entry.name, set()))
    return found


def _on_tab(book: XlsxBook, entry: SheetEntry, generated: set[tuple],
            tool_notes: set[str]) -> list[Uncarried]:
    sheet = book.sheet(entry.name)
    rels = book.package.relationships(str(entry.part))
    found: list[Uncarried] = []
    things = Counter[str]()
    for rel in rels:
        if rel.type == DRAWING and book.package.has(rel.target):
            things.update(_drawn(book.package.xml(rel.target)))
        elif rel.type == PIVOT:
            things["pivot table"] += 1
    for tag, label in (("oleObject", "embedded object"), ("control", "form control")):
        things[label] += sum(1 for _ in sheet.root.iter(qn(tag)))
    things["sparkline group"] += sum(1 for _ in sheet.root.iter(f"{{{X14}}}sparklineGroup"))
    if +things:
        found.append(Uncarried(entry.name, ", ".join(_count(n, t) for t, n in
                                                     sorted((+things).items()))))
    notes = _notes(book, rels, tool_notes)
    if notes:
        found.append(Uncarried(entry.name, _count(len(notes), "comment"), tuple(notes)))
    extra = [(kind, sqref) for kind, sqref, key in _rules(entry.name, sheet)
             if key not in generated]
    for kind in ("conditional format", "data validation rule"):
        places = tuple(sqref for k, sqref in extra if k == kind)
        if places:
            found.append(Uncarried(entry.name, _count(len(places), kind), places))
    links = [h.get("ref") or "" for h in sheet.root.iter(qn("hyperlink"))]
    if links:
        found.append(Uncarried(entry.name, _count(len(links), "link"), tuple(links)))
    boxes = _table_boxes(book, rels)
    found += _formulas(entry.name, sheet, boxes)
    outside = [sheet.reference(p) for p in sorted(sheet.positions())
               if not _banner(p) and not _inside(p, boxes) and sheet.has_value(p)]
    if outside:
        found.append(Uncarried(entry.name, f"{_count(len(outside), 'cell')} typed outside "
                                           "the tables", tuple(outside)))
    return found


def _drawn(drawing: etree._Element) -> Counter[str]:
    counted = Counter[str]()
    for anchor in drawing:
        for child in anchor:
            name = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if name == "pic":
                counted["picture"] += 1
            elif name == "graphicFrame":
                is_chart = any(True for _ in child.iter(f"{{{CHART_NS}}}chart"))
                counted["chart" if is_chart else "embedded object"] += 1
            elif name in ("sp", "cxnSp", "grpSp"):
                counted["shape"] += 1
    return counted


def _notes(book: XlsxBook, rels: Iterable, generated: set[str]) -> list[str]:
    """Cells with a comment or note other than the tool's own notes on column headings.

    The tool's notes are recognised by their text, which next year's workbook has again
    (a program that saves the file may drop their author's name).
    """
    cells: list[str] = []
    for rel in rels:
        if rel.type not in (COMMENTS, THREADED) or not book.package.has(rel.target):
            continue
        root = book.package.xml(rel.target)
        if rel.type == THREADED:
            cells += [c.get("ref") or "" for c in root if c.get("parentId") is None]
            continue
        for comment in root.iter(qn("comment")):
            text = " ".join("".join(t.text or "" for t in comment.iter(qn("t"))).split())
            if text not in generated:
                cells.append(comment.get("ref") or "")
    return sorted(set(cells), key=cells.index)


def _generated_notes(profile: Profile) -> dict[str, set[str]]:
    """Tab -> the texts of the notes the workbook writer puts on its column headings."""
    return {sheet.name: {" ".join(header_note(c).split()) for t in sheet.tables
                         for c in t.columns} for sheet in profile.sheets}


def _rules(sheet_name: str, sheet: SheetPart) -> list[tuple[str, str, tuple]]:
    """(kind, cells, signature) of every conditional format and validation rule."""
    found = []
    for formatting in sheet.root.iter(qn("conditionalFormatting"),
                                      f"{{{X14}}}conditionalFormatting"):
        sqref = formatting.get("sqref") or _text(formatting.find(f"{{{XM}}}sqref"))
        for rule in formatting:
            if etree.QName(rule).localname != "cfRule":
                continue
            formulas = _formulas_of(rule)
            if any(MARKER in f for f in formulas):
                continue  # the tool's own highlights
            found.append(("conditional format", sqref, (sheet_name, "cf", rule.get("type"),
                                                         rule.get("operator"), formulas)))
    for rule in sheet.root.iter(qn("dataValidation"), f"{{{X14}}}dataValidation"):
        sqref = rule.get("sqref") or _text(rule.find(f"{{{XM}}}sqref"))
        found.append(("data validation rule", sqref, _validation_key(
            sheet_name, rule.get("type"), rule.get("operator"), _formulas_of(rule))))
    return found


def _validation_key(sheet: str, kind: str | None, operator: str | None,
                    formulas: tuple[str, ...]) -> tuple:
    """A validation rule's meaning: programs differ in the operator and second formula they
    write where Excel ignores them (a list has neither; only "between" needs two)."""
    kind = kind or "none"
    if kind in ("list", "custom", "none"):
        return (sheet, "dv", kind, None, formulas[:1])
    operator = operator or "between"
    return (sheet, "dv", kind, operator,
            formulas[:2] if operator in ("between", "notBetween") else formulas[:1])


def _formulas_of(rule: etree._Element) -> tuple[str, ...]:
    texts = []
    for element in rule.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name in ("formula", "formula1", "formula2", "f") and element.text:
            texts.append(element.text.strip().lstrip("="))
    return tuple(texts)


def _text(element: etree._Element | None) -> str:
    return (element.text or "") if element is not None else ""


def _generated_rules(wb: Workbook) -> set[tuple]:
    """The signatures of next year's conditional formats and validation, as written."""
    found: set[tuple] = set()
    for ws in wb.worksheets:
        for formatting in ws.conditional_formatting:
            for rule in formatting.rules:
                found.add((ws.title, "cf", rule.type, rule.operator,
                           tuple(str(f).lstrip("=") for f in rule.formula or ())))
        for rule in ws.data_validations.dataValidation:
            formulas = tuple(str(f).lstrip("=") for f in (rule.formula1, rule.formula2) if f)
            found.add(_validation_key(ws.title, rule.type, rule.operator, formulas))
    return found


def _formulas(sheet_name: str, sheet: SheetPart, boxes: list[Box]) -> list[Uncarried]:
    """Formulas in the tables: carried as the values they showed (blank without one)."""
    cells = sorted(p for p, _ in sheet.formula_cells() if _inside(p, boxes))
    if not cells:
        return []
    blank = tuple(sheet.reference(p) for p in cells if not sheet.has_value(p))
    found = [Uncarried(sheet_name, f"{_count(len(cells), 'formula')} in the tables, carried "
                                   "as the values they showed",
                       tuple(sheet.reference(p) for p in cells))]
    if blank:
        found.append(Uncarried(sheet_name, f"{_count(len(blank), 'formula')} with no saved "
                                           "value, so blank in next year's workbook (open "
                                           "this year's in Excel, save it, and run new-year "
                                           "again)", blank))
    return found


def _table_boxes(book: XlsxBook, rels: Sequence) -> list[Box]:
    """Each table's cells, with the row above it, where its title is."""
    boxes = []
    for rel in rels:
        if rel.type == TABLE and book.package.has(rel.target):
            ref = book.package.xml(rel.target).get("ref") or ""
            try:
                top, left, bottom, right = reference_bounds(ref)
            except ValueError:
                continue
            if top is None or left is None or bottom is None or right is None:
                continue  # a table is a box of cells
            boxes.append((top - 1, left, bottom, right))
    return boxes


def _inside(place: tuple[int, int], boxes: list[Box]) -> bool:
    row, column = place
    return any(top <= row <= bottom and left <= column <= right
               for top, left, bottom, right in boxes)


def _banner(place: tuple[int, int]) -> bool:
    """The tab's title, owner, description and legend, written again each year."""
    row, column = place
    return column == 1 and row <= BANNER_ROWS - 1


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" + ("" if n == 1 else "s")

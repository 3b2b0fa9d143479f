"""One worksheet part, edited in place: a cell's value, and the tool's conditional formats.

:class:`SheetPart` changes only what it is asked to: the ``<c>`` element of a cell the tool
owns (its value, and its cell format only when the plan asks for a different one) and the
conditional formats the tool adds or removes. Every other element of the part (people's
cells, formulas and their saved results, merged cells, data validation, their conditional
formats, drawings, comments, tables) is left as it was.

Text is written as an inline string (``t="inlineStr"``), so it is always text, never a
formula, and the shared-strings part is left alone. A cell the tool overwrites that was the
first cell of a shared formula hands its formula on to the next cell sharing it, so the
other cells keep working.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections.abc import Callable, Iterator

from lxml import etree

from xl_addin.core.printable import UNPRINTABLE
from xl_addin.core.raw import address, cell_position
from xl_addin.core.serial_dates import EPOCH_1900, EPOCH_1904, to_serial
from xl_addin.writers.cell_text import starts_like_formula
from xl_addin.writers.package.ooxml import MAIN, qn, xml_key
from xl_addin.writers.package.styles import StyleBook

__all__ = ["SheetPart", "WORKSHEET_ORDER", "insert_in_order", "text_element",
           "encode"]

Position = tuple[int, int]  # (row, column), 1-based

# CT_Worksheet's children, in the order the schema requires
WORKSHEET_ORDER = (
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState",
    "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting",
    "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter",
    "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags",
    "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects",
    "controls", "webPublishItems", "tableParts", "extLst")
ROW, CELL = qn("row"), qn("c")
VALUE_CHILDREN = ("f", "v", "is")
VALUE_ATTRIBUTES = ("t", "cm", "vm")  # type, and the metadata of dynamic-array formulas
XML_ILLEGAL = UNPRINTABLE  # stored escaped, as Excel stores them (lone surrogates too)
ESCAPE_LIKE = re.compile("_(x[0-9A-Fa-f]{4}_)")
XML_NS = "http://www.w3.org/XML/1998/namespace"


def insert_in_order(root: etree._Element, element: etree._Element) -> None:
    """Insert a child of ``<worksheet>`` where the schema wants it: after its own kind."""
    rank = WORKSHEET_ORDER.index(etree.QName(element).localname)
    for index, child in enumerate(root):
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child)
        if (name.namespace == MAIN and name.localname in WORKSHEET_ORDER
                and WORKSHEET_ORDER.index(name.localname) > rank):
            root.insert(index, element)
            return
    root.append(element)


def text_element(tag: str, text: str) -> etree._Element:
    """``<t>`` holding ``text`` as Excel stores it: control characters escaped as _xHHHH_."""
    if "_x" in text:
        text = ESCAPE_LIKE.sub(r"_x005F_\1", text)
    if XML_ILLEGAL.search(text):
        text = XML_ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    element = etree.Element(qn(tag))
    element.text = text
    if text != text.strip() or "\n" in text:
        element.set(f"{{{XML_NS}}}space", "preserve")
    return element


def encode(cell: etree._Element, value: object, *, date1904: bool = False) -> None:
    """Give an empty ``<c>`` the value: a number, a truth value, a date, or text."""
    if value is None:
        return
    if isinstance(value, str):  # the most common, checked first
        cell.set("t", "inlineStr")
        etree.SubElement(cell, qn("is")).append(text_element("t", value))
        cell.insert(0, cell[-1])
    elif isinstance(value, bool):
        cell.set("t", "b")
        _value(cell, "1" if value else "0")
    elif isinstance(value, numbers.Integral):
        _value(cell, str(int(value)))
    elif isinstance(value, numbers.Real):
        number = float(value)
        if math.isfinite(number):
            _value(cell, str(int(number)) if number.is_integer() and abs(number) < 1e15
                   else repr(number))
    elif isinstance(value, (dt.datetime, dt.date, dt.time)):
        _value(cell, repr(float(to_serial(value, EPOCH_1904 if date1904 else EPOCH_1900))))
    else:
        cell.set("t", "inlineStr")
        inline = etree.Element(qn("is"))
        inline.append(text_element("t", str(value)))
        cell.insert(0, inline)


def _value(cell: etree._Element, text: str) -> None:
    element = etree.Element(qn("v"))
    element.text = text
    cell.insert(0, element)


class SheetPart:
    """A parsed worksheet with the changes the tool makes to it."""

    def __init__(self, root: etree._Element, styles: StyleBook, *,
                 date1904: bool = False) -> None:
        self.root = root
        self.styles = styles
        self.date1904 = date1904
        self.changed: set[Position] = set()  # cells whose value or format changed
        self.dirty = False
        self.formulas_removed = False  # a cell that held a formula holds a value now
        data = root.find(qn("sheetData"))
        if data is None:
            data = etree.Element(qn("sheetData"))
            insert_in_order(root, data)
        self.data = data
        self._rows: dict[int, etree._Element] = {}
        self._cells: dict[Position, etree._Element] = {}
        self._index()
        self._last_row = max(self._rows, default=0)

    def _index(self) -> None:
        """Every row and cell by its position (filling in an ``r`` a writer left out)."""
        row_number = 0
        for row in self.data.iter(ROW):
            given = row.get("r")
            row_number = int(given or row_number + 1)
            if given != str(row_number):
                row.set("r", str(row_number))
            self._rows[row_number] = row
            column = 0
            for cell in row.iter(CELL):
                reference = cell.get("r")
                column = cell_position(reference)[1] if reference else column + 1
                written = address(row_number, column)
                if reference != written:  # left out, or "$A$1", "a1", another row's
                    cell.set("r", written)
                self._cells[row_number, column] = cell

    # --- cells -------------------------------------------------------------------------

    def formula_cells(self) -> Iterator[tuple[Position, etree._Element]]:
        """(position, <f>) of every cell holding a formula."""
        for place, cell in self._cells.items():
            formula = cell.find(qn("f"))
            if formula is not None:
                yield place, formula

    @staticmethod
    def reference(place: Position) -> str:
        return address(*place)

    def has_value(self, place: Position) -> bool:
        """True if the cell holds a value (a formula's saved result counts)."""
        cell = self._cells.get(place)
        if cell is None:
            return False
        value = cell.find(qn("v"))
        return (value is not None and bool(value.text)) or cell.find(qn("is")) is not None

    def positions(self) -> list[Position]:
        """Every cell the part lists, with a value or not."""
        return list(self._cells)

    def put(self, reference: str, value: object, *, number_format: str | None = None,
            fill: str | None = None, font: object = None, align: object = None) -> None:
        """Write ``value`` into the cell; its format changes only where one is given."""
        place = cell_position(reference)
        cell = self._cells.get(place)
        created = cell is None
        if cell is None:
            cell = self._new_cell(place)
        before = xml_key(cell)
        self._hand_on_shared_formula(place, cell)
        self._encode(cell, value)
        style = int(cell.get("s") or 0)
        wanted = self.styles.derive(style, number_format=number_format, fill=fill,
                                    font=font, align=align,  # type: ignore[arg-type]
                                    quote_prefix=isinstance(value, str)
                                    and starts_like_formula(value))
        if wanted != style:
            cell.set("s", str(wanted))
        if created or xml_key(cell) != before:
            self.changed.add(place)
            self.dirty = True

    def _new_cell(self, place: Position) -> etree._Element:
        """A new, empty cell at ``place``, its row made if need be, both kept in order."""
        row_number, column = place
        row = self._rows.get(row_number)
        if row is None:
            row = etree.Element(ROW, r=str(row_number))
            if row_number > self._last_row:  # the usual case: rows are written top down
                self.data.append(row)
                self._last_row = row_number
            else:
                self._rows[min(n for n in self._rows if n > row_number)].addprevious(row)
            self._rows[row_number] = row
        cell = etree.Element(CELL, r=address(*place))
        cells = row.findall(CELL)
        if not cells or cell_position(cells[-1].get("r"))[1] < column:
            row.append(cell)  # the usual case: cells are written left to right
        else:
            next(c for c in cells if cell_position(c.get("r"))[1] > column).addprevious(cell)
        self._cells[place] = cell
        self._grow_dimension(place)
        return cell

    def _grow_dimension(self, place: Position) -> None:
        dimension = self.root.find(qn("dimension"))
        if dimension is None or ":" not in (dimension.get("ref") or ""):
            return
        first, last = (cell_position(p.replace("$", "")) for p in dimension.get("ref").split(":"))
        top, left = min(first[0], place[0]), min(first[1], place[1])
        bottom, right = max(last[0], place[0]), max(last[1], place[1])
        dimension.set("ref", f"{address(top, left)}:{address(bottom, right)}")

    def _encode(self, cell: etree._Element, value: object) -> None:
        for child in list(cell):
            if etree.QName(child).localname in VALUE_CHILDREN:
                self.formulas_removed |= etree.QName(child).localname == "f"
                cell.remove(child)
        for attribute in VALUE_ATTRIBUTES:
            cell.attrib.pop(attribute, None)
        encode(cell, value, date1904=self.date1904)

    def _hand_on_shared_formula(self, place: Position, cell: etree._Element) -> None:
        """Before a shared formula's first cell is overwritten, give it to the next one."""
        formula = cell.find(qn("f"))
        if formula is None or formula.get("t") != "shared" or not formula.text:
            return
        group = formula.get("si")
        others = sorted((p, f) for p, f in self.formula_cells()
                        if p != place and f.get("t") == "shared" and f.get("si") == group)
        if not others:
            return
        from openpyxl.formula.translate import Translator  # only for a shared formula

        (row, column), heir = others[0]
        origin, target = address(*place), address(row, column)
        heir.text = Translator(f"={formula.text}", origin=origin).translate_formula(
            target)[1:]
        rows = [p[0] for p, _ in others]
        columns = [p[1] for p, _ in others]
        heir.set("ref", f"{address(min(rows), min(columns))}:"
                        f"{address(max(rows), max(columns))}")
        self.changed.add((row, column))

    # --- conditional formats -----------------------------------------------------------

    def remove_rules(self, unwanted: Callable[[etree._Element], bool]) -> int:
        """Remove the conditional-format rules ``unwanted`` picks; returns how many."""
        removed = 0
        for formatting in self.root.findall(qn("conditionalFormatting")):
            for rule in formatting.findall(qn("cfRule")):
                if unwanted(rule):
                    formatting.remove(rule)
                    removed += 1
            if not len(formatting.findall(qn("cfRule"))):
                self.root.remove(formatting)
        if removed:
            self.dirty = True
        return removed

    def rules(self) -> Iterator[tuple[str, etree._Element]]:
        """(sqref, <cfRule>) of every conditional-format rule in the part's main list."""
        for formatting in self.root.findall(qn("conditionalFormatting")):
            for rule in formatting.findall(qn("cfRule")):
                yield formatting.get("sqref") or "", rule

    def next_priority(self) -> int:
        """One more than the largest rule priority, the Excel 2010 extension's included."""
        found = [int(e.get("priority")) for e in self.root.iter("{*}cfRule")
                 if (e.get("priority") or "").lstrip("-").isdigit()]
        return max(found, default=0) + 1

    def add_format(self, sqref: str, rules: list[etree._Element]) -> None:
        formatting = etree.Element(qn("conditionalFormatting"), sqref=sqref)
        formatting.extend(rules)
        insert_in_order(self.root, formatting)
        self.dirty = True

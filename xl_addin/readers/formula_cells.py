"""Which cells of the Excel Tables hold a formula, and whether its result was saved.

openpyxl, reading values, gives a formula cell's saved result, or nothing when no result
was saved (a file written by a program, or never opened and saved in Excel); it cannot say
which. This reads each sheet part that holds a table, streaming its XML, and notes every
cell inside a table's range (its row below and column right included) that holds a
formula: :func:`with_formulas` puts the formula text on those cells
(:attr:`~xl_addin.core.raw.RawCell.formula`), so the validation can tell a formula whose
result is missing from a cell left blank.

Bounded: a sheet part with no formula at all is not parsed, the parser resolves no entity
and reaches no network, and the package has passed :func:`~xl_addin.files.safety.check_package`.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import replace
from pathlib import Path

from lxml import etree

from xl_addin.core.raw import Box, RawCell, RawTable, RawWorkbook, column_number

__all__ = ["with_formulas", "sheet_formulas"]

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HAS_FORMULA = re.compile(rb"<(?:\w+:)?f[\s/>]")
_ADDRESS = re.compile(r"^([A-Z]+)(\d+)$")


def with_formulas(path: Path, raw: RawWorkbook) -> RawWorkbook:
    """``raw`` with the formula of every table cell that holds one (the same object, its
    tables' cells replaced). A package that cannot be read this way is left as it is: the
    reader has already read its values."""
    boxes: dict[str, list[RawTable]] = {}
    for table in raw.tables.values():
        boxes.setdefault(table.sheet, []).append(table)
    try:
        with zipfile.ZipFile(path) as package:
            parts = _sheet_parts(package)
            for sheet, tables in boxes.items():
                part = parts.get(sheet)
                if part is None:
                    continue
                found = sheet_formulas(package.read(part), [_bounds(t) for t in tables])
                if found:
                    for table in tables:
                        _attach(table, found)
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError, ValueError):
        return raw
    return raw


def sheet_formulas(xml: bytes, boxes: list[Box]) -> dict[str, str]:
    """A1 address -> formula ("=SUM(B2:B9)"), for the formula cells inside ``boxes`` (each
    widened by the row below and the column right) of one sheet part. A cell whose formula
    is shared from another cell gets that cell's text."""
    if not HAS_FORMULA.search(xml):
        return {}
    wide = [(top, left, bottom + 1, right + 1) for top, left, bottom, right in boxes]
    shared: dict[str, str] = {}
    out: dict[str, str] = {}
    parser = etree.iterparse(_Stream(xml), events=("end",), tag=f"{{{MAIN}}}c",
                             resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    for _, cell in parser:
        formula = cell.find(f"{{{MAIN}}}f")
        where = cell.get("r") or ""
        if formula is not None:
            text = formula.text or ""
            index = formula.get("si")
            if formula.get("t") == "shared" and index is not None:
                if text:
                    shared[index] = text
                text = text or shared.get(index, "")
            place = _split(where)
            if place is not None and any(a <= place[0] <= c and b <= place[1] <= d
                                         for a, b, c, d in wide):
                out[where] = f"={text}" if text else "=(a formula)"
        cell.clear()
    return out


class _Stream:
    """Bytes as a file, for iterparse."""

    def __init__(self, data: bytes) -> None:
        self._data = memoryview(data)
        self._at = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else min(len(self._data), self._at + size)
        chunk = bytes(self._data[self._at:end])
        self._at = end
        return chunk


def _split(a1: str) -> tuple[int, int] | None:
    match = _ADDRESS.match(a1)
    return None if match is None else (int(match.group(2)), column_number(match.group(1)))


def _bounds(table: RawTable) -> Box:
    first, _, last = table.ref.partition(":")
    a, b = _split(first), _split(last or first)
    if a is None or b is None:
        return (0, 0, -1, -1)
    return a[0], a[1], b[0], b[1]


def _attach(table: RawTable, found: dict[str, str]) -> None:
    def mark(cell: RawCell) -> RawCell:
        formula = found.get(cell.address)
        return cell if formula is None else replace(cell, formula=formula)

    table.headers = [mark(c) for c in table.headers]
    table.rows = [[mark(c) for c in row] for row in table.rows]
    table.below = [mark(c) for c in table.below]
    table.right = [mark(c) for c in table.right]


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part's name in the package."""
    book = etree.fromstring(package.read("xl/workbook.xml"),
                            etree.XMLParser(resolve_entities=False, no_network=True))
    rels = etree.fromstring(package.read("xl/_rels/workbook.xml.rels"),
                            etree.XMLParser(resolve_entities=False, no_network=True))
    targets = {r.get("Id"): r.get("Target") or "" for r in rels.iter(f"{{{RELS}}}Relationship")}
    out: dict[str, str] = {}
    for sheet in book.iter(f"{{{MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{OFFICE_RELS}}}id"))
        if not target:
            continue
        name = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join("xl", target))
        out[str(sheet.get("name"))] = name
    return out

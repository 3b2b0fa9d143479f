"""Read an .xlsx master workbook into a :class:`~xl_addin.core.raw.RawWorkbook`, streaming.

Only what the core needs is read: the tab names, the workbook's defined names, each named
Excel Table's cells (with the row just below, the column just right and the title cell just
above it, where a chair may have typed something the table does not include) and the
merged ranges. The package is first checked by :func:`~xl_addin.files.safety.check_package`
(hostile files are refused before anything is parsed); then:

1. the workbook part, its relationships and each tab's relationships give the tabs and
   their Excel Tables (a few KB each), and a file without the Settings table is refused
   from that list alone, before any sheet is parsed;
2. the number formats (to tell dates from numbers, as Excel shows them) and, when a cell
   needs them, the shared strings are read;
3. each tab that holds a table is streamed row by row (lxml's iterparse, with every row
   dropped once read), keeping only the cells inside the tables' boxes; once the last row
   any table needs is passed, the rest of the part is only scanned for merged ranges.

Limits taken from real workbooks are checked *while* reading, before anything is held in
memory, so any file ends in a clear message within seconds: see :data:`LIMITS`. Values are
read as Excel saved them (a formula's saved result; ``RawCell.formula`` keeps the formula
itself), exactly as openpyxl's ``load_workbook(data_only=True)`` gives them, which
tests/readers/test_readers.py checks cell by cell on every workbook the tests use.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from lxml import etree

from xl_addin.core.errors import NotAMasterWorkbook, UnreadableWorkbook
from xl_addin.core.number_formats import BUILTIN_FORMATS, shows_date, shows_duration
from xl_addin.core.raw import (
    MAX_TABLE_ROWS,
    Box,
    RawCell,
    RawTable,
    RawWorkbook,
    address,
    column_number,
    outside_cells,
)
from xl_addin.core.serial_dates import EPOCH_1900, EPOCH_1904, from_iso, from_serial
from xl_addin.files.safety import check_package, describe_size
from xl_addin.schema import SETTINGS_TABLE

__all__ = ["read_workbook", "check_identity", "table_box", "Limits", "LIMITS", "MAX_TABLE_COLUMNS"]

MAX_TABLE_COLUMNS = 60  # the widest real table has 16
SHEET_ROWS, SHEET_COLUMNS = 1_048_576, 16_384  # the last row and column of a worksheet


@dataclass(frozen=True)
class Limits:
    """What a master workbook may hold. A real one: a few hundred KB of XML per tab, about
    20,000 cells and 6,000 shared strings in all; the largest genuine workbook of the test
    corpus has a 7 MB part. Each limit leaves a wide margin and bounds the time and memory a
    crafted file can cost (any file ends within seconds and well under 1 GB)."""

    part_bytes: int = 32 * 1024**2  # a tab, the shared strings or the styles, inflated
    small_part_bytes: int = 4 * 1024**2  # the workbook, relationships, a table part
    sheet_cells: int = 250_000  # cells parsed on one tab, down to its tables' last row
    workbook_cells: int = 500_000  # ... on all tabs together
    shared_strings: int = 1_000_000  # entries of the shared strings table
    sheets: int = 250  # tabs
    tables: int = 500  # Excel Tables in all


LIMITS = Limits()

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
ROW, CELL, MERGE = f"{{{MAIN}}}row", f"{{{MAIN}}}c", f"{{{MAIN}}}mergeCell"
V, F, IS, T, R, SI = (f"{{{MAIN}}}{tag}" for tag in ("v", "f", "is", "t", "r", "si"))
MERGE_REF = re.compile(
    rb"<(?:[A-Za-z_][\w.-]{0,30}:)?mergeCell\b[^>]{0,200}?\bref\s*=\s*[\"']([^\"'>]{0,100})")
A1 = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")
# Text XML cannot carry directly is written _xHHHH_ (a carriage return as _x000D_; an
# underscore that would start such a run as _x005F_): Excel reads each back as its character.
ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
CHUNK = 256 * 1024

# What lxml, zipfile and the conversions raise for a damaged package that passed the guard.
DAMAGED = (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, AttributeError,
           OverflowError, etree.LxmlError, EOFError, OSError)


def _parser() -> etree.XMLParser:
    """Plain data only: no entities, no network, no huge text nodes."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           remove_comments=True, remove_pis=True)


def read_workbook(path: Path, limits: Limits = LIMITS) -> RawWorkbook:
    """Read a master workbook file. Raises a :class:`WorkbookError` if it is not one."""
    path = Path(path)
    check_package(path)
    try:
        with zipfile.ZipFile(path) as archive:
            return _Reader(archive, path.name, limits).read()
    except (UnreadableWorkbook, NotAMasterWorkbook):
        raise
    except DAMAGED as exc:
        raise UnreadableWorkbook(
            f"Cannot read {path.name}: the file is damaged or not a normal Excel workbook "
            f"({type(exc).__name__}). Open it in Excel and save it again as .xlsx.") from exc


def check_identity(source: str, table_names: set[str]) -> None:
    """Raise NotAMasterWorkbook unless the tables include the Settings table."""
    if SETTINGS_TABLE in table_names:
        return
    if len(table_names) >= 10:
        raise NotAMasterWorkbook(
            f"Not an LSCB master workbook: {source} has no Settings table "
            f"({SETTINGS_TABLE}). Copy the Settings tab from a blank workbook "
            "(lscb-report new-workbook).")
    raise NotAMasterWorkbook(
        f"Not an LSCB master workbook: {source} does not have the master workbook's "
        "tables. Choose the master workbook, or start one with lscb-report new-workbook.")


@dataclass
class _Table:
    name: str
    ref: str
    box: Box


@dataclass
class _Sheet:
    name: str
    part: str
    tables: list[_Table] = field(default_factory=list)


@dataclass
class _Style:
    number_format: str | None  # None for General
    date: bool
    duration: bool


class _Reader:
    """One pass over one package; every read is bounded by :class:`Limits`."""

    def __init__(self, archive: zipfile.ZipFile, source: str, limits: Limits) -> None:
        self.archive = archive
        self.source = source
        self.limits = limits
        self.parts = {info.filename: info for info in archive.infolist()}
        self.epoch = EPOCH_1900
        self.styles: list[_Style] = []
        self.strings: list[str] | None = None
        self.cells_read = 0
        self.shared: dict[str, str] = {}  # a tab's shared formulas: si -> the first cell's text

    # -- the package --------------------------------------------------------------------

    def read(self) -> RawWorkbook:
        workbook_part = self._workbook_part()
        root = self._xml(workbook_part)
        if root.find(f"{{{MAIN}}}workbookPr") is not None and _true(
                root.find(f"{{{MAIN}}}workbookPr").get("date1904")):
            self.epoch = EPOCH_1904
        sheets = self._sheets(root, workbook_part)
        names = _constant_names(root)
        tables = [t for sheet in sheets for t in sheet.tables]
        if len(tables) > self.limits.tables:
            raise self._too_much(f"it holds {len(tables):,} Excel Tables",
                                 f"{self.limits.tables:,}")
        check_identity(self.source, {t.name for t in tables})
        self._read_styles(workbook_part)
        raw_tables: dict[str, RawTable] = {}
        for sheet in sheets:
            if sheet.tables:
                raw_tables.update(self._read_sheet(sheet))
        return RawWorkbook(self.source, [s.name for s in sheets], raw_tables, names)

    def _workbook_part(self) -> str:
        """The workbook part, found as the package's relationships name it."""
        for rel in self._rels("_rels/.rels"):
            if rel[1].endswith("/officeDocument") and rel[2] in self.parts:
                return rel[2]
        if "xl/workbook.xml" in self.parts:
            return "xl/workbook.xml"
        raise KeyError("the package names no workbook part")

    def _sheets(self, root: etree._Element, workbook_part: str) -> list[_Sheet]:
        rels = {rid: (kind, target) for rid, kind, target in
                self._rels(_rels_of(workbook_part))}
        found: list[_Sheet] = []
        container = root.find(f"{{{MAIN}}}sheets")
        for element in (container if container is not None else []):
            if element.tag != f"{{{MAIN}}}sheet":
                continue
            rid = element.get(f"{{{REL_NS}}}id")
            name = element.get("name")
            if rid is None or rid not in rels or name is None:
                continue
            kind, target = rels[rid]
            if target not in self.parts:
                continue  # as openpyxl: a tab whose part is missing is not there
            if len(found) >= self.limits.sheets:
                raise self._too_much(f"it holds more than {self.limits.sheets:,} tabs",
                                     f"{self.limits.sheets:,}")
            sheet = _Sheet(name, target)
            if "chartsheet" not in kind:
                sheet.tables = self._tables_of(sheet)
            found.append(sheet)
        return found

    def _tables_of(self, sheet: _Sheet) -> list[_Table]:
        tables = []
        for _, kind, target in self._rels(_rels_of(sheet.part)):
            if not kind.endswith("/table") or target not in self.parts:
                continue
            root = self._xml(target)
            name, ref = root.get("displayName"), root.get("ref")
            if not name:
                continue
            tables.append(_Table(name, ref or "", table_box(self.source, name, ref or "")))
        return tables

    # -- bounded XML ----------------------------------------------------------------------

    def _bytes(self, part: str, limit: int) -> bytes:
        with self.archive.open(self.parts[part]) as stream:
            data = stream.read(limit + 1)
        if len(data) > limit:
            raise self._too_much(f"its part '{part}' is larger than {describe_size(limit)}",
                                 f"{describe_size(limit)} a part")
        return data

    def _xml(self, part: str) -> etree._Element:
        return etree.fromstring(self._bytes(part, self.limits.small_part_bytes), _parser())

    def _rels(self, part: str) -> list[tuple[str, str, str]]:
        """(id, type, target part) of each relationship of a part; none if it has no rels."""
        if part not in self.parts:
            return []
        base = posixpath.dirname(posixpath.dirname(part))  # "xl/_rels/x.rels" -> "xl"
        out = []
        for element in self._xml(part):
            if element.tag != f"{{{PKG_REL}}}Relationship" or element.get("TargetMode") == \
                    "External":
                continue
            target = element.get("Target") or ""
            resolved = (target.lstrip("/") if target.startswith("/") else
                        posixpath.normpath(posixpath.join(base, target)))
            out.append((element.get("Id") or "", element.get("Type") or "", resolved))
        return out

    def _stream(self, part: str, what: str) -> _Capped:
        """The inflated part, refused past :attr:`Limits.part_bytes` while it is read;
        ``what`` names it for a person ("the tab 'Board'")."""
        size = describe_size(self.limits.part_bytes)
        return _Capped(self.archive.open(self.parts[part]), self.limits.part_bytes,
                       lambda: self._too_much(f"{what} holds more than {size}", f"{size}"))

    def _too_much(self, clause: str, limit: str) -> UnreadableWorkbook:
        return UnreadableWorkbook(
            f"Cannot read {self.source}: {clause}, far more than a master workbook holds (the "
            f"limit is {limit}), so it was not read; check you chose the right file, or "
            "delete what is not needed and save it again.")

    # -- number formats and shared strings ------------------------------------------------

    def _read_styles(self, workbook_part: str) -> None:
        targets = [t for _, kind, t in self._rels(_rels_of(workbook_part))
                   if kind.endswith("/styles") and t in self.parts]
        if not targets:
            return
        root = etree.fromstring(self._bytes(targets[0], self.limits.part_bytes), _parser())
        custom: dict[int, str] = {}
        formats = root.find(f"{{{MAIN}}}numFmts")
        for element in (formats if formats is not None else []):
            try:
                custom[int(element.get("numFmtId", ""))] = element.get("formatCode") or ""
            except ValueError:
                continue
        xfs = root.find(f"{{{MAIN}}}cellXfs")
        for xf in (xfs if xfs is not None else []):
            try:
                number = int(xf.get("numFmtId", "0"))
            except ValueError:
                number = 0
            code = custom[number] if number in custom else BUILTIN_FORMATS.get(number)
            self.styles.append(_Style(None if code in (None, "General") else code,
                                      shows_date(code), shows_duration(code)))

    def _shared_strings(self) -> list[str]:
        if self.strings is not None:
            return self.strings
        self.strings = []
        targets = [t for _, kind, t in self._rels(_rels_of(self._workbook_part()))
                   if kind.endswith("/sharedStrings") and t in self.parts]
        if not targets:
            return self.strings
        with self._stream(targets[0], "its table of texts") as stream:
            for _, element in etree.iterparse(stream, events=("end",), tag=SI,
                                              resolve_entities=False, no_network=True,
                                              huge_tree=False, remove_comments=True):
                if len(self.strings) >= self.limits.shared_strings:
                    raise self._too_much(f"it holds more than {self.limits.shared_strings:,} "
                                         "different texts", f"{self.limits.shared_strings:,}")
                self.strings.append(_unescape(_text(element)))
                _drop(element)
        return self.strings

    # -- one tab --------------------------------------------------------------------------

    def _read_sheet(self, sheet: _Sheet) -> dict[str, RawTable]:
        """The tab's tables, read from one stream of its rows: each row is counted against
        the limits, its wanted cells kept, and it is dropped; reading stops after the last
        row any table needs (the rest of the part is only scanned for merged ranges)."""
        wanted = _Wanted(sheet.tables)
        cells: dict[tuple[int, int], RawCell] = {}
        row_number = on_sheet = 0
        self.shared = {}
        with self._stream(sheet.part, f"the tab '{sheet.name}'") as stream:
            events = etree.iterparse(stream, events=("end",), tag=ROW, resolve_entities=False,
                                     no_network=True, huge_tree=False, remove_comments=True)
            for _, row in events:
                number = row.get("r")
                row_number = int(number) if number is not None and number.isdigit() \
                    else row_number + 1
                on_sheet += len(row)
                self._count(on_sheet, len(row), sheet)
                if row_number > wanted.last_row:
                    _drop(row)
                    break
                self._read_row(row, row_number, wanted, cells)
                _drop(row)
            merged = stream.rest_merged()
        for ref in merged:
            _blank_merged(cells, ref)
        return {t.name: self._table(sheet, t, cells, merged, [o.box for o in sheet.tables
                                                               if o is not t])
                for t in sheet.tables}

    def _count(self, on_sheet: int, in_row: int, sheet: _Sheet) -> None:
        self.cells_read += in_row
        if on_sheet > self.limits.sheet_cells:
            raise self._too_much(f"the tab '{sheet.name}' holds more than "
                                 f"{self.limits.sheet_cells:,} cells",
                                 f"{self.limits.sheet_cells:,} a tab")
        if self.cells_read > self.limits.workbook_cells:
            raise self._too_much(f"it holds more than {self.limits.workbook_cells:,} cells",
                                 f"{self.limits.workbook_cells:,}")

    def _read_row(self, row: etree._Element, row_number: int, wanted: _Wanted,
                  cells: dict[tuple[int, int], RawCell]) -> None:
        spans = wanted.columns(row_number)
        if not spans:
            return
        last = max(right for _, right in spans)
        column = 0
        for element in row:
            if element.tag != CELL:
                continue
            ref = element.get("r")
            place = _place(ref) if ref else None
            if place is None:
                column += 1
                here = row_number
            else:
                here, column = place
            if here == row_number:
                if column > last:
                    break  # cells come in column order: the rest are right of the tables
                if any(left <= column <= right for left, right in spans):
                    cells[(here, column)] = self._cell(
                        element, ref if place is not None and ref else address(here, column))
            elif any(left <= column <= right for left, right in wanted.columns(here)):
                cells[(here, column)] = self._cell(element, address(here, column))

    def _cell(self, element: etree._Element, where: str) -> RawCell:
        """One cell, valued as openpyxl's ``data_only`` reading values it."""
        kind = element.get("t") or "n"
        text = formula = inline = None
        for child in element:
            tag = child.tag
            if tag == V:
                text = child.text or None
            elif tag == F:
                formula = "=" + (child.text or "")
                index = child.get("si")
                if index is not None and child.get("t") == "shared":  # the first cell holds
                    if child.text:  # the text; the others name it by its index
                        self.shared[index] = formula
                    else:
                        formula = self.shared.get(index, "=(shared with another cell)")
            elif tag == IS:
                inline = child
        if kind == "inlineStr":
            return RawCell(None if inline is None else _unescape(_text(inline)), where, False,
                           None, formula)
        if text is None:
            number_format = self._style(element.get("s")).number_format if kind == "n" \
                else None
            return RawCell(None, where, False, number_format, formula)
        if kind == "n":
            style = self._style(element.get("s"))
            number: float = float(text) if ("." in text or "E" in text or "e" in text) \
                else int(text)
            if style.date:
                try:
                    moment = from_serial(number, self.epoch, duration=style.duration)
                except (OverflowError, ValueError):
                    return RawCell("#VALUE!", where, True, None, formula)
                return RawCell(moment, where, False, None, formula)
            return RawCell(number, where, False, style.number_format, formula)
        if kind == "s":
            return RawCell(self._shared_strings()[int(text)], where, False, None, formula)
        if kind == "b":
            return RawCell(bool(int(text)), where, False, None, formula)
        if kind == "d":
            try:
                return RawCell(from_iso(text), where, False, None, formula)
            except (OverflowError, ValueError):
                return RawCell("#VALUE!", where, True, None, formula)
        if kind == "e":
            return RawCell(text, where, True, None, formula)
        return RawCell(text, where, False, None, formula)  # "str": a formula's text result

    def _style(self, index: str | None) -> _Style:
        try:
            return self.styles[int(index)] if index else _GENERAL
        except (ValueError, IndexError):
            return _GENERAL

    def _table(self, sheet: _Sheet, table: _Table, cells: dict[tuple[int, int], RawCell],
               merged: list[str], others: list[Box]) -> RawTable:
        min_row, min_col, max_row, max_col = table.box
        last_row = min(max_row, min_row + MAX_TABLE_ROWS + 1)

        def at(row: int, column: int) -> RawCell:
            return cells.get((row, column)) or RawCell(None, address(row, column))

        grid = [[at(row, col) for col in range(min_col, max_col + 1)]
                for row in range(min_row, last_row + 1)]
        below, right = outside_cells((min_row, min_col, last_row, max_col), others)
        if last_row < max_row or last_row >= SHEET_ROWS:
            below = []  # a table too large to read has no row below worth reading
        if max_col >= SHEET_COLUMNS:
            right = []
        above = at(min_row - 1, min_col).value if min_row > 1 else None
        title = above.strip() if isinstance(above, str) and above.strip() else None
        overlapping = [ref for ref in merged if _overlaps(ref, table.box)]
        return RawTable(table.name, sheet.name, table.ref, grid[0], grid[1:], overlapping,
                        _filled(at, below), _filled(at, right), title,
                        rows_declared=max_row - min_row)


_GENERAL = _Style(None, False, False)


class _Wanted:
    """The cells a tab's tables need: their boxes with a row below, a column right and the
    row above (the title)."""

    def __init__(self, tables: list[_Table]) -> None:
        self.boxes = []
        for table in tables:
            top, left, bottom, right = table.box
            bottom = min(bottom, top + MAX_TABLE_ROWS + 1)
            self.boxes.append((max(top - 1, 1), left, bottom + 1, right + 1))
        self.last_row = max((box[2] for box in self.boxes), default=0)

    def columns(self, row: int) -> list[tuple[int, int]]:
        """The column spans wanted in ``row`` (none: skip the row)."""
        return [(left, right) for top, left, bottom, right in self.boxes
                if top <= row <= bottom]


class _Capped:
    """A part's inflated bytes, refused once more than ``limit`` have been read.

    Every byte that passes is also scanned for merged ranges (``<mergeCell ref=...>``), so
    that the parser can stop after the last row it needs and the rest of the part is only
    scanned (:meth:`rest_merged`). Markup cannot hide in cell text, where a '<' is written
    '&lt;'."""

    OVERLAP = 512  # longer than any mergeCell tag the pattern accepts

    def __init__(self, stream: IO[bytes], limit: int,
                 refuse: Callable[[], UnreadableWorkbook]) -> None:
        self.stream, self.limit, self.refuse, self.count = stream, limit, refuse, 0
        self.tail = b""
        self.merged: list[str] = []

    def read(self, size: int | None = -1) -> bytes:
        data = self.stream.read(CHUNK if size is None or size < 0 else min(size, CHUNK))
        self.count += len(data)
        if self.count > self.limit:
            raise self.refuse()
        self._scan(data, final=not data)
        return data

    def _scan(self, data: bytes, *, final: bool) -> None:
        window = self.tail + data
        cutoff = len(window) if final else max(len(window) - self.OVERLAP, 0)
        self.merged += [m.group(1).decode("ascii", "replace")
                        for m in MERGE_REF.finditer(window) if m.start() < cutoff]
        self.tail = window[cutoff:]

    def rest_merged(self) -> list[str]:
        """Read what is left of the part; every merged range in it, as openpyxl names them."""
        while self.read(CHUNK):
            pass
        return [ref for ref in map(_normal_range, self.merged) if ref]

    def __enter__(self) -> _Capped:
        return self

    def __exit__(self, *_: object) -> None:
        self.stream.close()


def _normal_range(ref: str) -> str:
    """'$A$1:B2' -> 'A1:B2', as openpyxl prints a merged range ('' if not a range)."""
    points = [A1.match(p.strip()) for p in ref.split(":")]
    if not 1 <= len(points) <= 2 or not all(points):
        return ""
    cols = [column_number(p.group(1)) for p in points if p]
    rows = [int(p.group(2)) for p in points if p]
    first, last = address(min(rows), min(cols)), address(max(rows), max(cols))
    return first if first == last else f"{first}:{last}"


def table_box(source: str, name: str, ref: str) -> Box:
    """The box of the Excel Table ``name`` from its range ``ref``; UnreadableWorkbook when
    the range is damaged, outside a sheet or wider than a master workbook's tables."""
    corners = ref.split(":")
    points = [A1.match(c.strip()) for c in corners]
    if not 1 <= len(corners) <= 2 or not all(points):
        raise UnreadableWorkbook(f"Cannot read {source}: the Excel Table {name} has "
                                 f"a damaged range {ref!r}.")
    cols = [column_number(p.group(1)) for p in points if p]
    rows = [int(p.group(2)) for p in points if p]
    min_col, max_col, min_row, max_row = min(cols), max(cols), min(rows), max(rows)
    if not (1 <= min_row and max_row <= SHEET_ROWS and 1 <= min_col
            and max_col <= SHEET_COLUMNS):
        raise UnreadableWorkbook(f"Cannot read {source}: the Excel Table {name} has "
                                 f"a damaged range {ref!r}.")
    if max_col - min_col + 1 > MAX_TABLE_COLUMNS:
        raise UnreadableWorkbook(f"Cannot read {source}: the Excel Table {name} is "
                                 f"{max_col - min_col + 1:,} columns wide.")
    return min_row, min_col, max_row, max_col


def _range_box(ref: str) -> Box:
    first, _, last = ref.partition(":")
    a, b = A1.match(first), A1.match(last or first)
    assert a is not None and b is not None
    return (int(a.group(2)), column_number(a.group(1)), int(b.group(2)),
            column_number(b.group(1)))


def _overlaps(ref: str, box: Box) -> bool:
    top, left, bottom, right = _range_box(ref)
    return top <= box[2] and bottom >= box[0] and left <= box[3] and right >= box[1]


def _blank_merged(cells: dict[tuple[int, int], RawCell], ref: str) -> None:
    """Inside a merged range only its first cell keeps a value (as Excel shows it)."""
    top, left, bottom, right = _range_box(ref)
    for key in list(cells):
        row, column = key
        if top <= row <= bottom and left <= column <= right and key != (top, left):
            cells[key] = RawCell(None, cells[key].address)


def _filled(at: object, places: list[tuple[int, int]]) -> list[RawCell]:
    found = (at(row, column) for row, column in places)  # type: ignore[operator]
    return [cell for cell in found if cell.value not in (None, "")]


def _text(element: etree._Element) -> str:
    """A string item's text: its own <t> and each run's <t>, leaving phonetic runs out."""
    parts = []
    for child in element:
        tag = child.tag
        if tag == T:
            if child.text is not None:
                parts.append(child.text)
        elif tag == R:
            for part in child:
                if part.tag == T and part.text is not None:
                    parts.append(part.text)
    return parts[0] if len(parts) == 1 else "".join(parts)


def _unescape(text: str) -> str:
    """The text as Excel shows it: each _xHHHH_ run read as its character. (openpyxl keeps
    the runs as written, but for the underscore's own; a character XML cannot hold, such as
    a lone surrogate, then reaches validation, which reports it at its cell.)"""
    if "_x" not in text:
        return text
    return ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


_COLUMNS: dict[str, int] = {}


def _place(ref: str) -> tuple[int, int] | None:
    """(row, column) of a cell's own A1 reference, when it is written as Excel writes it
    ("B12": capitals, no $, no leading zero); None otherwise (the caller counts along)."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters):]
    if not digits or digits[0] == "0" or not 1 <= len(letters) <= 3:
        return None
    column = _COLUMNS.get(letters)
    if column is None:
        if not (letters.isalpha() and letters.isascii() and letters.isupper()):
            return None
        column = _COLUMNS.setdefault(letters, column_number(letters))
    return int(digits), column


def _drop(element: etree._Element) -> None:
    """Free a parsed element and everything before it."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _rels_of(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _true(value: str | None) -> bool:
    return value is not None and value.strip().lower() in ("1", "true")


def _constant_names(root: etree._Element) -> dict[str, str]:
    """Workbook-level defined names that hold a text constant (="cumbria-2016-17")."""
    out: dict[str, str] = {}
    container = root.find(f"{{{MAIN}}}definedNames")
    for element in (container if container is not None else []):
        if element.tag != f"{{{MAIN}}}definedName" or element.get("localSheetId") is not None:
            continue
        name, text = element.get("name"), element.text or ""
        if name and len(text) < 200 and text.startswith('"') and text.endswith('"'):
            out[name] = text[1:-1].replace('""', '"')
    return out


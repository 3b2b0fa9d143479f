"""Excel, as far as the add-in's actions go: replay a script's actions on a model of the book.

The xlwings remote engine turns every write into an action that the Office.js client
applies in Excel. :class:`Replay` applies them, in order, to a plain model (sheets, cell
values, number formats, fills, links, highlights, RAG colour rules), starting from the
workbook file the payload was made from, so tests can compare the result with the file
writer's.

Values are entered as Excel enters them through ``range.values``: a string with a leading
apostrophe is stored as the text after it; an unmarked string that starts with "=", "+",
"-" or "@" (and is not a number) becomes a formula, recorded in ``Cell.formula``.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.cell import coordinate_to_tuple

from xl_addin.writers.plan import MARKER

Position = tuple[int, int]


FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d")


@dataclass
class Cell:
    value: object = None
    number_format: str = "General"
    fill: str | None = None  # "RRGGBB" or None
    link: str | None = None  # documentReference or address
    formula: str | None = None  # what Excel would have taken as a formula


def entered(value: object) -> tuple[object, str | None]:
    """(value stored, formula) for a value Excel receives through range.values."""
    if not isinstance(value, str) or not value:
        return (None if value == "" else value), None
    if value.startswith("'"):
        return value[1:], None
    if value.startswith(FORMULA_STARTS):
        try:
            return float(value), None
        except ValueError:
            return None, value
    return value, None


_READ: dict[str, bytes] = {}  # a file's sha-256 -> its Replay, pickled


@dataclass
class Replay:
    sheets: list[str]
    cells: dict[str, dict[Position, Cell]]
    highlights: dict[str, dict[Position, str]] = field(default_factory=dict)
    colours: dict[str, dict[Position, dict[str, str]]] = field(default_factory=dict)
    written: dict[str, set[Position]] = field(default_factory=dict)
    calls: list[tuple[str, list]] = field(default_factory=list)  # runMacro: (function, args)
    alerts: list[str] = field(default_factory=list)
    active: str | None = None

    @classmethod
    def of_file(cls, path: Path) -> Replay:
        """The book as Excel holds it before the click: values, formats and fills. (Read
        once per content: the tests click on the same unchanged example again and again.)"""
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        if digest not in _READ:
            wb = load_workbook(path)
            cells = {ws.title: {(c.row, c.column): Cell(c.value, c.number_format, fill_of(c))
                                for row in ws.iter_rows() for c in row}
                     for ws in wb.worksheets}
            _READ[digest] = pickle.dumps(cls(list(wb.sheetnames), cells, highlights_of(wb)))
        replay: Replay = pickle.loads(_READ[digest])  # a copy of its own to change
        return replay

    def apply(self, actions: list[dict]) -> Replay:
        for action in actions:
            getattr(self, f"_{action['func']}")(action)
        return self

    def cell(self, sheet: str, position: Position) -> Cell:
        return self.cells.setdefault(sheet, {}).setdefault(position, Cell())

    # --- actions ------------------------------------------------------------------------

    def _addSheet(self, action: dict) -> None:  # noqa: N802 - named after the action
        position, name = action["args"]
        self.sheets.insert(position, name)
        self.cells[name] = {}

    def _sheetClear(self, action: dict) -> None:  # noqa: N802
        self.cells[self._sheet(action)] = {}

    def _activateSheet(self, action: dict) -> None:  # noqa: N802
        self.active = self.sheets[action["args"][0]]

    def _setValues(self, action: dict) -> None:  # noqa: N802
        for place, value in self._each(action, action["values"]):
            cell = self._touch(action, place)
            cell.value, cell.formula = entered(value)

    def _setNumberFormat(self, action: dict) -> None:  # noqa: N802
        for place, _ in self._each(action):
            self._touch(action, place).number_format = action["args"][0]

    def _setRangeColors(self, action: dict) -> None:  # noqa: N802
        for place, color in self._each(action, action["args"][0]):
            if color != "keep":
                self._touch(action, place).fill = color.lstrip("#").upper() if color else None

    def _addConditionalFormat(self, action: dict) -> None:  # noqa: N802
        spec = action["args"][0]
        fill = spec["fill_color"].lstrip("#").upper()
        for place, _ in self._each(action):
            if spec["type"] == "CellValue":  # a RAG colour: cell equal to a letter
                assert spec["operator"] == "EqualTo", spec
                letter = spec["formula1"].removeprefix('="').removesuffix('"')
                self.colours.setdefault(self._sheet(action), {}).setdefault(
                    place, {})[letter] = fill
            else:
                self.highlights.setdefault(self._sheet(action), {})[place] = fill

    def _clearConditionalFormats(self, action: dict) -> None:  # noqa: N802
        for place, _ in self._each(action):
            self.highlights.get(self._sheet(action), {}).pop(place, None)
            self.colours.get(self._sheet(action), {}).pop(place, None)

    def _alert(self, action: dict) -> None:
        self.alerts.append(action["args"][0])

    def _runMacro(self, action: dict) -> None:  # noqa: N802
        function, *args = action["args"]
        self.calls.append((function, args))
        if function == "lscbSetLinks":
            sheet, links = args
            for cell, target, _ in links:
                self.cell(sheet, coordinate_to_tuple(cell)).link = target.get(
                    "documentReference", target.get("address"))

    def _formatting_only(self, action: dict) -> None:
        """Fonts, alignment, widths and panes: not compared, but must be well formed."""
        assert action["sheet_position"] is not None

    _setFontProperty = _setHorizontalAlignment = _setVerticalAlignment = _formatting_only
    _setWrapText = _setColumnWidth = _freezePaneAtRange = _formatting_only

    # --- helpers ------------------------------------------------------------------------

    def _sheet(self, action: dict) -> str:
        return self.sheets[action["sheet_position"]]

    def _each(self, action: dict, matrix: list | None = None):
        for i in range(action["row_count"]):
            for j in range(action["column_count"]):
                place = (action["start_row"] + i + 1, action["start_column"] + j + 1)
                yield place, None if matrix is None else matrix[i][j]

    def _touch(self, action: dict, place: Position) -> Cell:
        sheet = self._sheet(action)
        self.written.setdefault(sheet, set()).add(place)
        return self.cell(sheet, place)


def fill_of(cell) -> str | None:
    """An openpyxl cell's solid fill as "RRGGBB", or None."""
    if cell.fill is None or cell.fill.patternType != "solid":
        return None
    return str(cell.fill.fgColor.rgb)[-6:].upper()


def colours_of(wb) -> dict[str, dict[Position, dict[str, str]]]:
    """The RAG colour rules of an openpyxl workbook: sheet -> cell -> letter -> fill."""
    found: dict[str, dict[Position, dict[str, str]]] = {}
    for ws in wb.worksheets:
        for formatting in ws.conditional_formatting:
            for rule in formatting.rules:
                if rule.type != "cellIs" or rule.operator != "equal":
                    continue
                letter = rule.formula[0].strip('"')
                fill = str(rule.dxf.fill.bgColor.rgb)[-6:].upper()
                for area in formatting.sqref.ranges:
                    for place in _cells(area):
                        found.setdefault(ws.title, {}).setdefault(place, {})[letter] = fill
    return found


def _cells(area) -> list[Position]:
    """The (row, column) of every cell of an openpyxl CellRange."""
    return [(row, col) for row in range(area.min_row, area.max_row + 1)
            for col in range(area.min_col, area.max_col + 1)]


def highlights_of(wb) -> dict[str, dict[Position, str]]:
    """The tool's highlights in an openpyxl workbook: sheet -> cell -> fill."""
    marks: dict[str, dict[Position, str]] = {}
    for ws in wb.worksheets:
        for formatting in ws.conditional_formatting:
            for rule in formatting.rules:
                if any(MARKER in text for text in rule.formula or ()):
                    fill = str(rule.dxf.fill.bgColor.rgb)[-6:].upper()
                    for area in formatting.sqref.ranges:
                        for place in _cells(area):
                            marks.setdefault(ws.title, {})[place] = fill
    return marks

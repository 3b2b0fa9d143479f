"""Is a request's body a workbook as the Office.js client sends it? One plain line if not.

xlwings Server hands the parsed JSON to xlwings' remote engine, which trusts its shape:
a body that is not an object, a book without ``sheets`` or a number where a list
belongs made the server answer 500. :func:`problem` checks the shape the engine and the
add-in's reader rely on (see ``getBookData`` in xlwings Server's client), field by field,
and says what is wrong and where. Fields it does not know are left alone.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from xl_addin.core.raw import column_number

__all__ = ["problem", "MAX_ARGS", "MAX_ARG_LENGTH"]

MAX_ARGS = 4
MAX_ARG_LENGTH = 2048
MAX_SHEETS = 1000
MAX_NAME = 255
SHEET_NAME = re.compile(r"[^\[\]:*?/\\]{1,31}")  # Excel's own rule for a tab's name
CELL = r"\$?[A-Za-z]{1,3}\$?[0-9]{1,7}"
RANGE = re.compile(rf"{CELL}(?::{CELL})?")
LAST_COLUMN, LAST_ROW = 16_384, 1_048_576


class Bad(ValueError):
    """The body is not a workbook payload; the message says where."""


def problem(body: bytes) -> str | None:
    """None for a well-formed payload; otherwise one sentence saying what is wrong."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "The request's body is not UTF-8 text."
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        return "The request's body is nested too deeply to be a workbook."
    except ValueError:  # JSONDecodeError, NaN or Infinity, an integer too long to read
        return "The request's body is not valid JSON."
    try:
        _payload(data)
    except Bad as bad:
        return f"The request is not a workbook as the add-in sends it: {bad}"
    return None


def _no_constant(name: str) -> object:
    raise ValueError(name)


# --- the payload, part by part ----------------------------------------------------------------


def _payload(data: object) -> None:
    top = _object(data, "the body")
    if top.get("client") != "Office.js":
        raise Bad("'client' must be \"Office.js\": this server answers the Excel add-in only.")
    _text(top, "version", "the body")
    sheets = _list(top, "sheets", "the body", required=True)
    if not sheets or len(sheets) > MAX_SHEETS:
        raise Bad(f"'sheets' must list between 1 and {MAX_SHEETS:,} sheets.")
    book = _object(top.get("book"), "'book'")
    _text(book, "name", "'book'", limit=MAX_NAME)
    active = book.get("active_sheet_index")
    if not isinstance(active, int) or isinstance(active, bool) or not 0 <= active < len(sheets):
        raise Bad("'book.active_sheet_index' must be the position of one of the sheets.")
    _optional(book, "selection", "'book'", str)
    _optional(book, "calculation", "'book'", str)
    names = _list(top, "names", "the body", required=False) or []
    for index, name in enumerate(names):
        _defined_name(name, f"names[{index}]")
    seen: set[str] = set()
    for index, sheet in enumerate(sheets):
        name = _sheet(sheet, f"sheets[{index}]")
        if name.casefold() in seen:
            raise Bad(f"sheets[{index}] repeats the sheet name of an earlier sheet.")
        seen.add(name.casefold())
    args = top.get("args", [])
    if not isinstance(args, list) or len(args) > MAX_ARGS or not all(
            isinstance(arg, str) and len(arg) <= MAX_ARG_LENGTH for arg in args):
        raise Bad(f"'args' must be a list of at most {MAX_ARGS} short texts.")


def _defined_name(value: object, where: str) -> None:
    name = _object(value, where)
    _text(name, "name", where, limit=MAX_NAME)
    for key in ("refers_to", "type", "address", "scope_sheet_name"):
        _optional(name, key, where, str)
    for key in ("sheet_index", "scope_sheet_index"):
        if name.get(key) is not None and not _integer(name[key]):
            raise Bad(f"{where}.{key} must be a whole number or null.")
    if not isinstance(name.get("book_scope"), bool):
        raise Bad(f"{where}.book_scope must be true or false.")
    if name.get("address") is not None and not RANGE.fullmatch(name["address"]):
        raise Bad(f"{where}.address is not a cell address.")


def _sheet(value: object, where: str) -> str:
    sheet = _object(value, where)
    name = _text(sheet, "name", where, limit=31)
    if not SHEET_NAME.fullmatch(name):
        raise Bad(f"{where}.name is not a name Excel allows for a sheet.")
    _optional(sheet, "visibility", where, str)
    _optional(sheet, "print_area", where, str)
    for key in ("show_gridlines", "notes_supported"):
        _optional(sheet, key, where, bool)
    for key in ("pictures", "shapes", "charts", "notes"):
        _optional(sheet, key, where, list)
    _optional(sheet, "pivot_tables", where, list)
    _address(sheet, "used_range_address", where, required=False)
    _values(sheet.get("values"), f"{where}.values")
    tables = _list(sheet, "tables", where, required=False) or []
    for index, table in enumerate(tables):
        _table(table, f"{where}.tables[{index}]")
    return name


def _values(value: object, where: str) -> None:
    if not isinstance(value, list) or not value:
        raise Bad(f"{where} must be a list of rows.")
    width = None
    for i, row in enumerate(value):
        if not isinstance(row, list):
            raise Bad(f"{where}[{i}] must be a list of cells.")
        if width is None:
            width = len(row)
        elif len(row) != width:
            raise Bad(f"{where}[{i}] is not as long as the rows above it.")
        for j, cell in enumerate(row):
            if not _scalar(cell):
                raise Bad(f"{where}[{i}][{j}] is not a cell value (text, number, true/false "
                          "or empty).")


def _table(value: object, where: str) -> None:
    table = _object(value, where)
    _text(table, "name", where, limit=MAX_NAME)
    _address(table, "range_address", where, required=True)
    _address(table, "data_body_range_address", where, required=False)
    _address(table, "header_row_range_address", where, required=False)
    _address(table, "total_row_range_address", where, required=False)
    columns = _list(table, "columns", where, required=False) or []
    if not all(isinstance(column, str) for column in columns):
        raise Bad(f"{where}.columns must be a list of texts.")
    for key in ("row_count", "column_count"):
        if table.get(key) is not None and not (_integer(table[key]) and table[key] >= 0):
            raise Bad(f"{where}.{key} must be a whole number.")
    for key, value_ in table.items():
        if key.startswith("show_") and not isinstance(value_, bool):
            raise Bad(f"{where}.{key} must be true or false.")
    _optional(table, "table_style", where, str)


# --- small checks ----------------------------------------------------------------------------


def _object(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Bad(f"{where} must be a JSON object.")
    return value


def _list(owner: dict[str, Any], key: str, where: str, *, required: bool) -> list[Any] | None:
    value = owner.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, list):
        raise Bad(f"{where} needs '{key}' as a list.")
    return value


def _text(owner: dict[str, Any], key: str, where: str, *, limit: int = MAX_NAME) -> str:
    value = owner.get(key)
    if not isinstance(value, str) or not value or len(value) > limit:
        raise Bad(f"{where} needs '{key}' as a text of 1 to {limit} characters.")
    return value


def _optional(owner: dict[str, Any], key: str, where: str, kind: type) -> None:
    value = owner.get(key)
    if value is not None and not isinstance(value, kind):
        raise Bad(f"{where}.{key} has the wrong type.")


def _address(owner: dict[str, Any], key: str, where: str, *, required: bool) -> None:
    value = owner.get(key)
    if value is None and not required:
        return
    if not isinstance(value, str) or not RANGE.fullmatch(value) or not _inside(value):
        raise Bad(f"{where}.{key} is not a cell or range address.")


def _inside(address: str) -> bool:
    """Every corner of an A1 address lies within Excel's grid."""
    for corner in address.replace("$", "").split(":"):
        letters = corner.rstrip("0123456789")
        column = column_number(letters)
        row = int(corner[len(letters):])
        if not (1 <= column <= LAST_COLUMN and 1 <= row <= LAST_ROW):
            return False
    return True


def _integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _scalar(value: object) -> bool:
    if value is None or isinstance(value, str | bool):
        return True
    if isinstance(value, int):
        return _finite(value)
    return isinstance(value, float) and math.isfinite(value)


def _finite(value: int) -> bool:
    """An integer Excel could hold: it converts to a finite float."""
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


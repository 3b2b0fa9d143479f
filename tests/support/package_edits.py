"""Edits openpyxl cannot make: a cell's XML written as another program (or Excel) writes it.

openpyxl writes a formula without its saved result and refuses infinity; Excel saves each
formula's last result beside it, and other programs may write "1E+999". These helpers patch
a saved .xlsx in place.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["set_cell_xml", "set_cells"]


def _sheet_part(package: zipfile.ZipFile, sheet: str) -> str:
    """The worksheet part of the tab named ``sheet`` (openpyxl numbers them in tab order)."""
    workbook = package.read("xl/workbook.xml").decode()
    names = re.findall(r'<sheet [^>]*name="([^"]+)"', workbook)
    return f"xl/worksheets/sheet{names.index(escape(sheet)) + 1}.xml"


def set_cell_xml(path: Path, sheet: str, cell: str, value: str, *, formula: str | None = None,
                 cell_type: str | None = None) -> None:
    """Make ``sheet``!``cell`` hold ``value`` as written (``<v>value</v>``), with a formula
    whose saved result it is, and ``t="cell_type"`` ("str" for text, "e" for an error)."""
    temporary = path.with_suffix(".patching")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w",
                                                          zipfile.ZIP_DEFLATED) as target:
        part = _sheet_part(source, sheet)
        for item in source.infolist():
            data = source.read(item)
            if item.filename == part:
                text = data.decode()
                found = re.search(rf'<c r="{cell}"(?: [^>]*)?(?:/>|>.*?</c>)', text)
                style = re.search(r' s="\d+"', found.group(0)) if found else None
                kind = f' t="{cell_type}"' if cell_type else ""
                inner = (f"<f>{escape(formula)}</f>" if formula else "") + \
                    f"<v>{escape(value)}</v>"
                new = f'<c r="{cell}"{style.group(0) if style else ""}{kind}>{inner}</c>'
                assert found, f"{sheet}!{cell} is not in the file"
                text = text[:found.start()] + new + text[found.end():]
                data = text.encode()
            target.writestr(item, data)
    temporary.replace(path)


def set_cells(path: Path, values: dict[tuple[str, str], object]) -> None:
    """Type each value into its (tab, cell) as openpyxl would save it, in one pass over the
    package: a number or a boolean as such, text as an inline string (an Excel error code
    as an error value), None as an empty cell keeping its format. Cells the sheet does not
    hold yet are added in their row, in column order."""
    from openpyxl.cell.cell import ERROR_CODES

    by_sheet: dict[str, dict[str, object]] = {}
    for (sheet, cell), value in values.items():
        by_sheet.setdefault(sheet, {})[cell] = value
    temporary = path.with_suffix(".patching")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w",
                                                          zipfile.ZIP_DEFLATED) as target:
        parts = {_sheet_part(source, sheet): sheet for sheet in by_sheet}
        for item in source.infolist():
            data = source.read(item)
            if item.filename in parts:
                text = data.decode()
                for cell, value in by_sheet[parts[item.filename]].items():
                    text = _typed(text, cell, value, ERROR_CODES)
                data = text.encode()
            target.writestr(item, data)
    temporary.replace(path)


def _typed(text: str, cell: str, value: object, errors: object) -> str:
    found = re.search(rf'<c r="{cell}"(?: [^>]*?)?(?:/>|>.*?</c>)', text)
    style = re.search(r' s="\d+"', found.group(0)) if found else None
    s = style.group(0) if style else ""
    if value is None:
        new = f'<c r="{cell}"{s}/>'
    elif isinstance(value, bool):
        new = f'<c r="{cell}"{s} t="b"><v>{int(value)}</v></c>'
    elif isinstance(value, int | float):
        new = f'<c r="{cell}"{s}><v>{value!r}</v></c>'
    elif isinstance(value, str) and value in errors:  # type: ignore[operator]
        new = f'<c r="{cell}"{s} t="e"><v>{escape(value)}</v></c>'
    else:
        new = (f'<c r="{cell}"{s} t="inlineStr"><is><t xml:space="preserve">'
               f"{escape(str(value))}</t></is></c>")
    if found:
        return text[:found.start()] + new + text[found.end():]
    column, row = re.match(r"([A-Z]+)(\d+)", cell).groups()  # type: ignore[union-attr]
    found_row = re.search(rf'<row r="{row}"[^>]*?(?:/>|>(.*?)</row>)', text)
    if found_row is None:
        raise AssertionError(f"row {row} is not in the sheet: add the cell with openpyxl")
    cells = list(re.finditer(r'<c r="([A-Z]+)\d+"', found_row.group(1) or ""))
    after = [m for m in cells if (len(m.group(1)), m.group(1)) > (len(column), column)]
    if after:
        at = found_row.start(1) + after[0].start()
        return text[:at] + new + text[at:]
    if found_row.group(0).endswith("/>"):
        opening = found_row.group(0)[:-2] + ">"
        return text[:found_row.start()] + opening + new + "</row>" + text[found_row.end():]
    at = found_row.end() - len("</row>")
    return text[:at] + new + text[at:]

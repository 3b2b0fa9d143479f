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

__all__ = ["set_cell_xml"]


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

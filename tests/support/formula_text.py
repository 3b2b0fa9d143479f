"""Text that looks like a formula, typed by chairs where the tool copies or shows it.

:func:`type_formula_like_text` puts each kind of dangerous start (=, +, -, @, a tab, a line
break, a carriage return, the full-width ＝) into text cells of a copy of the workbook, as
Excel stores text typed with a leading apostrophe: a string, not a formula. One of them is
a business-plan theme, which the Dashboard shows after compute; the rest are indicator
names, glossary entries and a paragraph, which next year's workbook carries.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree
from openpyxl import load_workbook

from tests.support.profiles import EXAMPLE, cell_of
from xl_addin.core.raw import RawWorkbook

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
THEME = '=HYPERLINK("http://example.org/phish","Click here")'
INDICATORS = {"CS1.0": "=1+1 is not a sum", "CS1.1": "+44 1228 606060",
              "CS2.2": "-5 on last year", "CS2.3": "\uff1dSUM(A1:A9)"}
GLOSSARY = ("@risk: a word, not a function", "\tA tab first", "\nA line break first",
            "\rA carriage return first")
PARAGRAPH = "=IMPORTXML(\"http://example.org\", \"//a\") is a paragraph, not a formula"


def type_formula_like_text(source: Path, target: Path, raw: RawWorkbook) -> list[str]:
    """Copy ``source`` to ``target`` with the texts typed in; returns them as the tool reads
    them (a text cell's surrounding spaces, tabs and line breaks are trimmed)."""
    wb = load_workbook(source)
    places: dict[tuple[str, str], str] = {}
    plan = raw.tables["tblBusinessPlan"]
    theme_col = _column(raw, "tblBusinessPlan", "theme")
    status_col = _column(raw, "tblBusinessPlan", "status")
    open_theme = next(r[theme_col].value for r in plan.rows if r[status_col].value != "C")
    for row in plan.rows:  # every action of a theme that has actions carried forward
        if row[theme_col].value == open_theme:
            places[plan.sheet, row[theme_col].address] = THEME
    for ref, text in INDICATORS.items():
        places[cell_of(raw, "tblIndicators", "description", ref)] = text
    for index, text in enumerate(GLOSSARY):
        places[cell_of(raw, "tblGlossary", "meaning", row_index=index)] = text
    text_table = next(t.name for _, t in EXAMPLE.iter_tables()
                      if "text" in [c.key for c in t.columns] and t.name in raw.tables
                      and raw.tables[t.name].rows)
    places[cell_of(raw, text_table, "text", row_index=0)] = PARAGRAPH
    for (sheet, cell), text in places.items():
        wb[sheet][cell].value = text
        wb[sheet][cell].data_type = "s"  # what Excel keeps for text typed after an apostrophe
    wb.save(target)
    return sorted({text.strip() for text in places.values()})


def formulas_in(data: bytes) -> list[str]:
    """Every cell formula in a package: (part, cell) of each <f>."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                root = etree.fromstring(archive.read(name))
                found += [f"{name}!{f.getparent().get('r')}" for f in root.iter(f"{{{MAIN}}}f")]
    return found


def _column(raw: RawWorkbook, table: str, key: str) -> int:
    headers = [str(h.value) for h in raw.tables[table].headers]
    return headers.index(EXAMPLE.table(table).column(key).header)

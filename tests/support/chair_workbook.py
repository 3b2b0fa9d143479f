"""A copy of the shipped workbook after a chair has worked on it in a spreadsheet program.

The chair typed a formula into a typed cell (an indicator's value), added a formula beside
the table that counts the Green ratings, typed a note outside the tables, inserted a
picture and a chart, commented on a cell, added a conditional format and a data validation
rule, and added a tab of their own. :func:`chair_edits` makes those edits with openpyxl.

A formula carries its saved result only once a spreadsheet program has calculated it:
:func:`saved_by_libreoffice` opens and saves the file in LibreOffice, as a chair's program
would (and rewrites the whole package its own way); :func:`with_saved_results` writes the
results into the file directly, for machines without LibreOffice.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from openpyxl import load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from PIL import Image as PILImage

from tests.support.profiles import cell_of
from xl_addin.core.raw import RawWorkbook

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
FORMULA = "0.5+0.3"  # typed into CS1.0's value; its result is 0.8
RESULT = "0.8"
OWN_TAB = "My notes"
COMMENT_AUTHOR = "Chair of PMQAG"
COMMENT_TEXT = "Checked against the CIN census."


@dataclass(frozen=True)
class ChairEdits:
    """Where the chair's additions are, to look for them afterwards."""

    sheet: str
    formula_cell: str  # a typed cell holding a formula
    counting_cell: str  # a formula outside the tables that reads the RAG column
    note_cell: str  # text typed outside the tables
    comment_cell: str
    validated_cell: str


def chair_edits(source: Path, target: Path, raw: RawWorkbook) -> ChairEdits:
    """Copy ``source`` to ``target`` with the chair's additions."""
    sheet, formula_cell = cell_of(raw, "tblIndicators", "value", "CS1.0")
    _, comment_cell = cell_of(raw, "tblIndicators", "value", "CS1.1")
    _, first_rag = cell_of(raw, "tblIndicators", "rag", row_index=0)
    _, last_rag = cell_of(raw, "tblIndicators", "rag", row_index=-1)
    _, first_value = cell_of(raw, "tblIndicators", "value", row_index=0)
    _, last_value = cell_of(raw, "tblIndicators", "value", row_index=-1)
    wb = load_workbook(source)
    ws = wb[sheet]
    free = get_column_letter(ws.max_column + 2)  # a column right of every table
    edits = ChairEdits(sheet, formula_cell, f"{free}2", f"{free}1", comment_cell, f"{free}3")
    ws[formula_cell] = f"={FORMULA}"
    ws[edits.counting_cell] = f'=COUNTIF({first_rag}:{last_rag},"G")'
    ws[edits.note_cell] = "Chair's note: figures checked with the data team"
    picture = target.with_name("logo.png")
    PILImage.new("RGB", (24, 24), (31, 56, 100)).save(picture)
    ws.add_image(Image(str(picture)), f"{free}5")
    chart = BarChart()
    chart.add_data(Reference(ws, range_string=f"'{sheet}'!{first_value}:{last_value}"))
    ws.add_chart(chart, f"{free}15")
    ws[comment_cell].comment = Comment(COMMENT_TEXT, COMMENT_AUTHOR)
    ws.conditional_formatting.add(f"{first_value}:{last_value}", CellIsRule(
        operator="greaterThan", formula=["0.9"], fill=PatternFill("solid", bgColor="FFFF00")))
    rule = DataValidation(type="list", formula1='"Yes,No"')
    rule.add(edits.validated_cell)
    ws.add_data_validation(rule)
    wb.create_sheet(OWN_TAB)["A1"] = "My own working"
    wb.save(target)
    picture.unlink()
    return edits


def with_saved_results(path: Path, edits: ChairEdits) -> None:
    """Write the formulas' results into the file, as a spreadsheet program would on saving.

    Also drops openpyxl's "recalculate on opening" flag, which Excel does not leave behind.
    """
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    part = _part_of(files, edits.sheet)
    root = etree.fromstring(files[part])
    cells = {c.get("r"): c for c in root.iter(f"{{{MAIN}}}c")}
    counted = sum(1 for c in cells.values() if _text(c) == "G")
    for ref, value in ((edits.formula_cell, RESULT), (edits.counting_cell, str(counted))):
        cell = cells[ref]
        for old in cell.findall(f"{{{MAIN}}}v"):
            cell.remove(old)
        etree.SubElement(cell, f"{{{MAIN}}}v").text = value
    files[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    files["xl/workbook.xml"] = files["xl/workbook.xml"].replace(b' fullCalcOnLoad="1"', b"")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    path.write_bytes(out.getvalue())


def saved_by_libreoffice(path: Path, folder: Path) -> Path | None:
    """``path`` opened and saved again by LibreOffice Calc, or None without it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run([soffice, "--headless", "--norestore",
                        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                        "--convert-to", "xlsx", "--outdir", str(folder / "saved"), str(path)],
                       check=True, capture_output=True, timeout=180)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        return None  # e.g. only LibreOffice Writer is installed, without Calc
    saved = folder / "saved" / path.name
    return saved if saved.is_file() else None


def _part_of(files: dict[str, bytes], sheet: str) -> str:
    book = etree.fromstring(files["xl/workbook.xml"])
    rels = etree.fromstring(files["xl/_rels/workbook.xml.rels"])
    rel_id = next(s.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
                  for s in book.iter(f"{{{MAIN}}}sheet") if s.get("name") == sheet)
    target = next(r.get("Target") for r in rels if r.get("Id") == rel_id)
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _text(cell) -> str:
    return "".join(t.text or "" for t in cell.iter(f"{{{MAIN}}}t"))

"""The Instructions tab: how to fill in the workbook, and which tab belongs to whom."""

from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from xl_addin.schema import Profile
from xl_addin.writers.cell_text import put_text
from xl_addin.writers.workbook.sizing import fit_row_heights

__all__ = ["write_instructions", "STEPS"]

STEPS = (
    "Each tab belongs to one sub-group or team; its owner is named at the top and tabs of "
    "the same owner share a colour. Fill in your own tabs only.",
    "Type in the white cells of each table. Grey columns are worked out by the tool: leave "
    "them alone. Blue columns keep figures exactly as they were published, for checking.",
    "Type numbers as numbers and percentages with the % sign (17.7%). Dates like 31/03/2017. "
    "Years like 2016-17. Use the dropdowns where a column offers one.",
    "To add a row, type in the row just below a table: Excel extends the table. Do not "
    "insert blank rows or merge cells inside a table, and do not rename tabs, tables or "
    "column headings.",
    "Totals rows may be left blank: the tool adds them up. If you type a total, it is checked.",
    "In the 'Report text' tables, write one paragraph per row. To quote a figure from any "
    "'Key figures' table, write its Ref in braces, e.g. {cp_plans_now}: the report then always "
    "prints the current figure.",
    "When you have finished, the business unit runs Validate. Every problem is listed with "
    "its tab and cell; errors must be fixed before the report is built, warnings must be "
    "checked.",
)


def write_instructions(ws: Worksheet, schema: Profile) -> None:
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 80
    put_text(ws["A1"], "LSCB annual report: master data workbook").font = Font(size=18, bold=True)
    _wide(ws, 2, "This workbook holds every figure and every paragraph of the Board's annual "
                 "report. The report is built from it, so a figure typed here is the figure "
                 "that is published.")
    row = 4
    put_text(ws.cell(row, 1), "How to fill it in").font = Font(size=13, bold=True)
    for number, step in enumerate(STEPS, start=1):
        row += 1
        _wide(ws, row, f"{number}. {step}")
    row += 2
    put_text(ws.cell(row, 1), "Tabs and owners").font = Font(size=13, bold=True)
    row += 1
    for col, header in enumerate(("Tab", "Owner", "What it holds"), start=1):
        put_text(ws.cell(row, col), header).font = Font(bold=True)
    table_start = row + 1
    for sheet in schema.sheets:
        row += 1
        put_text(ws.cell(row, 1), sheet.name).fill = PatternFill(
            "solid", fgColor=schema.owners[sheet.owner])
        ws.cell(row, 1).font = Font(bold=True, color="FFFFFF")
        put_text(ws.cell(row, 2), sheet.owner)
        put_text(ws.cell(row, 3), sheet.description).alignment = Alignment(wrap_text=True,
                                                                           vertical="top")
    ws.sheet_properties.tabColor = "000000"
    fit_row_heights(ws, first_row=table_start)


def _wide(ws: Worksheet, row: int, text: str) -> None:
    """A paragraph across the three columns, tall enough to show all of it."""
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    put_text(ws.cell(row, 1), text).alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[row].height = 15 * (-(-len(text) // 160))

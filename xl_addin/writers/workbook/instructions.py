"""The Instructions tab: how to fill in the workbook, and which tab belongs to whom."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from xl_addin.schema import SETTINGS_TABLE, Kind, Profile
from xl_addin.statutory import Words
from xl_addin.writers.cell_text import put_text
from xl_addin.writers.workbook.sizing import fit_row_heights

__all__ = ["write_instructions", "steps", "Examples", "examples"]

YEAR = re.compile(r"^\d{4}-\d{2}$")
DEFAULT_YEAR = "2024-25"  # the examples' year in a blank workbook, before Settings gives one

FIGURE_KINDS = (Kind.INTEGER, Kind.NUMBER, Kind.PERCENT, Kind.CURRENCY)


@dataclass(frozen=True)
class Examples:
    """The examples the Instructions give, taken from the profile and the workbook's data."""

    figure: str  # a key figure's Ref, as a chair would quote it: {meetings_held}
    figure_label: str  # what it is
    year: str  # a reporting year: 2024-25
    date: str  # a date as typed: 31/03/2025


def examples(profile: Profile, facts: Mapping[str, object]) -> Examples:
    """A key figure of the profile itself (one a chair types, outside Settings), and the
    year and date of the workbook's Settings where they are filled in."""
    found = [(table, fact) for table, fact in profile.iter_facts()
             if table.name != SETTINGS_TABLE]
    typed = [f for _, f in found if not f.computed]
    figure = next((f for f in typed if f.kind in FIGURE_KINDS), None) or \
        next(iter(typed), None) or next((f for _, f in found), None)
    year = facts.get("reporting_year")
    year = year if isinstance(year, str) and YEAR.match(year) else DEFAULT_YEAR
    end = facts.get("period_end")
    date = f"{end:%d/%m/%Y}" if isinstance(end, dt.date) else f"31/03/20{year[-2:]}"
    if figure is None:
        return Examples("area", "the area on Settings", year, date)
    return Examples(figure.key, figure.label, year, date)


def steps(words: Words, example: Examples) -> tuple[str, ...]:
    """How to fill it in, in order, with the profile's own examples."""
    return (
        "Each tab belongs to one sub-group or team; its owner is named at the top and tabs "
        "of the same owner share a colour. Fill in your own tabs only.",
        "Type in the white cells of each table. Grey columns are worked out by the tool: "
        "leave them alone. Blue columns keep figures exactly as they were published, for "
        "checking.",
        f"Type numbers as numbers and percentages with the % sign (17.7%). Dates like "
        f"{example.date}. Years like {example.year}. Use the dropdowns where a column "
        "offers one. Leave a figure that is not known yet blank.",
        "Each table has blank rows to type in; rows left blank are ignored. To add more "
        "rows, type in the row just below a table (Excel extends the table) or insert rows "
        "inside it. Do not merge cells inside a table, and do not rename tabs, tables or "
        "column headings.",
        "Totals rows may be left blank: the tool adds them up. If you type a total, it is "
        "checked.",
        f"In the 'Report text' tables, write one paragraph per row. To quote a figure from "
        f"any 'Key figures' table, write its Ref in braces, e.g. {{{example.figure}}} for "
        f"'{example.figure_label}': the {words.report} then always prints the current "
        "figure. {year}, {next_year} and {area} print the reporting year, the next one and "
        "the area on Settings.",
        "When you have finished, the business unit runs Validate. Every problem is listed "
        f"with its tab and cell; errors must be fixed before the {words.report} is built, "
        "warnings must be checked.",
    )


def write_instructions(ws: Worksheet, schema: Profile, words: Words,
                       example: Examples) -> None:
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 50
    ws.column_dimensions["C"].width = 80
    title = f"{words.report_title}: master data workbook"
    put_text(ws["A1"], title).font = Font(size=18, bold=True)
    _wide(ws, 2, f"This workbook holds every figure and every paragraph of the "
                 f"{words.body}'s {words.report}. The {words.report} is built from it, so a "
                 "figure typed here is the figure that is published.")
    row = 4
    put_text(ws.cell(row, 1), "How to fill it in").font = Font(size=13, bold=True)
    for number, step in enumerate(steps(words, example), start=1):
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

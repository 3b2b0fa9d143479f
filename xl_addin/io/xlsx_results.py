"""Write the computation's results back into an .xlsx workbook (openpyxl).

Only cells the tool owns are written: the computed columns of each table, the computed
rows of the Key figures tables, and two tabs rewritten whole each run, Dashboard and
Validation. Cells that people typed keep their values and their formatting; findings are
highlighted through conditional formatting, which is removed again on the next run.

What goes where is decided by :mod:`.results_plan`, which the live-Excel writer
(:mod:`.xlwings_results`) applies too; this module only puts the plan into openpyxl cells.
"""

from __future__ import annotations

from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from ..compute import Computed
from ..dataset import Dataset, records
from ..findings import Finding
from ..schema import Role
from .results_plan import (
    DASHBOARD,
    HIGHLIGHT_FORMULA,
    MARKER,
    VALIDATION,
    CellWrite,
    Highlight,
    Tab,
    dashboard_tab,
    highlights,
    results_cells,
    validation_tab,
)

__all__ = ["write_results", "write_validation", "computed_addresses", "DASHBOARD", "VALIDATION"]


def write_results(wb: Workbook, data: Dataset, computed: Computed) -> int:
    """Write computed columns, computed key figures and the Dashboard; returns cells written."""
    cells = results_cells(data, computed)
    for write in cells:
        _put(wb[write.sheet], write)
    _write_tab(wb, dashboard_tab(data, computed))
    return len(cells)


def write_validation(wb: Workbook, findings: list[Finding], source: str) -> None:
    """Rewrite the Validation tab and the highlights of the cells it names."""
    _write_tab(wb, validation_tab(findings, source, wb.sheetnames))
    _highlight(wb, highlights(findings, wb.sheetnames))


def _put(ws: Worksheet, write: CellWrite) -> None:
    cell = ws[write.cell]
    cell.value = write.value
    if write.number_format is not None:
        cell.number_format = write.number_format
    if write.fill is not None:
        cell.fill = PatternFill("solid", fgColor=write.fill) if write.fill else PatternFill()
    if write.font is not None:
        cell.font = Font(bold=write.font.bold, size=write.font.size, color=write.font.color,
                         underline="single" if write.font.underline else None)
    if write.align is not None:
        cell.alignment = Alignment(horizontal=write.align.horizontal,
                                   vertical=write.align.vertical,
                                   wrap_text=write.align.wrap or None)
    if write.link is not None:
        cell.hyperlink = Hyperlink(ref=write.cell, location=write.link)
    elif write.url is not None:
        cell.hyperlink = write.url


def _write_tab(wb: Workbook, tab: Tab) -> None:
    """Replace the tab with a fresh one placed after the first of ``tab.after`` present."""
    if tab.name in wb.sheetnames:
        del wb[tab.name]
    anchor = next((name for name in tab.after if name in wb.sheetnames), None)
    ws = wb.create_sheet(tab.name, wb.sheetnames.index(anchor) + 1 if anchor else 0)
    ws.sheet_properties.tabColor = tab.color
    for write in tab.cells:
        _put(ws, write)
    for letter, width in tab.widths:
        ws.column_dimensions[letter].width = width
    if tab.freeze:
        ws.freeze_panes = tab.freeze


def _highlight(wb: Workbook, marks: list[Highlight]) -> None:
    for ws in wb.worksheets:
        _clear_highlights(ws)
    for mark in marks:
        rule = FormulaRule(formula=[HIGHLIGHT_FORMULA], stopIfTrue=False,
                           fill=PatternFill("solid", bgColor=mark.fill))
        wb[mark.sheet].conditional_formatting.add(mark.cell, rule)


def _clear_highlights(ws: Worksheet) -> None:
    kept = ConditionalFormattingList()
    for formatting in ws.conditional_formatting:
        for rule in formatting.rules:
            if not any(MARKER in text for text in rule.formula or ()):
                kept.add(str(formatting.sqref), rule)
    ws.conditional_formatting = kept


def computed_addresses(data: Dataset) -> set[tuple[str, str]]:
    """Every (sheet, cell) the tool may write: computed columns and computed key figures."""
    owned: set[tuple[str, str]] = set()
    for table in data.tables.values():
        for column in table.table.columns:
            if column.role is Role.COMPUTED:
                owned |= {(table.sheet, a) for _, row in records(table.cells[[column.key]])
                          for a in row.values() if a}
    for _, fact in data.profile.iter_facts():
        place = data.fact_places.get(fact.key)
        if fact.computed and place is not None and place.cell:
            owned.add((place.sheet, place.cell))
    return owned

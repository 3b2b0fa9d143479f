"""Write the computation's results back into an .xlsx workbook (openpyxl).

Only cells the tool owns are written: the computed columns of each table, the computed
rows of the Key figures tables, and two tabs rewritten whole each run, Dashboard and
Validation. Cells that people typed keep their values and their formatting; findings are
highlighted through conditional formatting, which is removed again on the next run.
"""

from __future__ import annotations

from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from ..compute import RAG_ORDER, STATUS_ORDER, Computed
from ..dataset import Dataset, records
from ..findings import Finding
from ..palette import FINDING_FILLS, RAG_FILLS
from ..schema import SCHEMA, Role
from .xlsx_writer import NUMBER_FORMATS

__all__ = ["write_results", "write_validation", "computed_addresses", "DASHBOARD", "VALIDATION"]

DASHBOARD = "Dashboard"
VALIDATION = "Validation"
MARKER = "lscb-report"  # in the formula of every highlight rule this tool adds
HEADER_FILL = PatternFill("solid", fgColor="1F3864")


def write_results(wb: Workbook, data: Dataset, computed: Computed) -> int:
    """Write computed columns, computed key figures and the Dashboard; returns cells written."""
    written = 0
    for name, frame in computed.columns.items():
        table = data.tables[name]
        for column in frame.columns:
            kind = table.table.column(column).kind
            for index, value in frame[column].items():
                address = table.cells.at[index, column]
                if address is None:
                    continue
                cell = wb[table.sheet][address]
                cell.value = value
                cell.number_format = NUMBER_FORMATS.get(kind, "General")
                if column == "rag":
                    cell.fill = PatternFill("solid", fgColor=RAG_FILLS.get(str(value), "FFFFFF")
                                            ) if value in RAG_FILLS else PatternFill()
                    cell.alignment = Alignment(horizontal="center", vertical="top")
                written += 1
    for key, value in computed.facts.items():
        place = data.fact_places.get(key)
        if place is not None and place.cell:
            wb[place.sheet][place.cell].value = value
            written += 1
    _write_dashboard(wb, data, computed)
    return written


# --- Validation tab -------------------------------------------------------------------------


def write_validation(wb: Workbook, findings: list[Finding], source: str) -> None:
    """Rewrite the Validation tab and the highlights of the cells it names."""
    ws = _fresh_sheet(wb, VALIDATION)
    errors = sum(f.severity == "error" for f in findings)
    ws["A1"] = "Validation"
    ws["A1"].font = Font(size=16, bold=True)
    ws["A2"] = (f"{source}: {errors} error(s), {len(findings) - errors} warning(s). "
                "Rewritten each time Validate or Compute runs; click a cell reference to go "
                "there.")
    headers = ("Severity", "Tab", "Cell", "Rule", "Problem")
    _header_row(ws, 4, headers, (10, 18, 8, 18, 110))
    order = {s.name: i for i, s in enumerate(SCHEMA.sheets)}
    ranked = sorted(findings, key=lambda f: (f.severity != "error", order.get(f.sheet or "", 99),
                                             f.sort_key))
    for row, finding in enumerate(ranked, start=5):
        ws.cell(row, 1, finding.severity.upper()).fill = PatternFill(
            "solid", fgColor=FINDING_FILLS[finding.severity])
        ws.cell(row, 2, finding.sheet)
        link = ws.cell(row, 3, finding.cell or "")
        if finding.cell and finding.sheet in wb.sheetnames:
            link.hyperlink = Hyperlink(ref=link.coordinate,
                                       location=f"'{finding.sheet}'!{finding.cell}")
            link.font = Font(color="0563C1", underline="single")
        ws.cell(row, 4, finding.rule)
        ws.cell(row, 5, finding.message).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A5"
    _highlight(wb, findings)


def _highlight(wb: Workbook, findings: list[Finding]) -> None:
    for ws in wb.worksheets:
        _clear_highlights(ws)
    for finding in findings:
        if finding.cell and finding.sheet in wb.sheetnames:
            rule = FormulaRule(formula=[f'ISTEXT("{MARKER}")'], stopIfTrue=False,
                               fill=PatternFill("solid", bgColor=FINDING_FILLS[finding.severity]))
            wb[finding.sheet].conditional_formatting.add(finding.cell, rule)


def _clear_highlights(ws: Worksheet) -> None:
    kept = ConditionalFormattingList()
    for formatting in ws.conditional_formatting:
        for rule in formatting.rules:
            if not any(MARKER in text for text in rule.formula or ()):
                kept.add(str(formatting.sqref), rule)
    ws.conditional_formatting = kept


# --- Dashboard tab --------------------------------------------------------------------------


def _write_dashboard(wb: Workbook, data: Dataset, computed: Computed) -> None:
    ws = _fresh_sheet(wb, DASHBOARD, after=VALIDATION)
    year = data.facts.get("reporting_year") or ""
    ws["A1"] = f"Dashboard {year}".strip()
    ws["A1"].font = Font(size=16, bold=True)
    ws["A2"] = "Worked out by lscb-report from the tabs of this workbook. Do not type here: " \
               "this tab is rewritten each time Compute runs."
    row = 4
    row = _rag_block(ws, row, computed) + 2
    row = _plan_block(ws, row, computed) + 2
    _headline_block(ws, row, data, computed)
    for letter, width in zip("ABCDEFG", (52, 14, 14, 14, 10, 10, 10), strict=True):
        ws.column_dimensions[letter].width = width


def _rag_block(ws: Worksheet, row: int, computed: Computed) -> int:
    ws.cell(row, 1, "Performance indicators by rating").font = Font(size=12, bold=True)
    _header_row(ws, row + 1, ("Rating", "Indicators"))
    names = {"G": "Green: on target", "A": "Amber: just off target", "R": "Red: off target",
             "n/a": "Not rated: no target"}
    for offset, letter in enumerate(RAG_ORDER, start=2):
        label = ws.cell(row + offset, 1, f"{letter}  {names[letter]}")
        if letter in RAG_FILLS:
            label.fill = PatternFill("solid", fgColor=RAG_FILLS[letter])
        ws.cell(row + offset, 2, computed.rag_counts.get(letter, 0))
    return row + 1 + len(RAG_ORDER)


def _plan_block(ws: Worksheet, row: int, computed: Computed) -> int:
    ws.cell(row, 1, "Business plan actions by status").font = Font(size=12, bold=True)
    _header_row(ws, row + 1, ("Theme", *STATUS_ORDER, "Total"))
    for offset, (theme, counts) in enumerate(computed.plan_status.iterrows(), start=2):
        ws.cell(row + offset, 1, theme).font = Font(bold=theme == "All themes")
        for col, status in enumerate((*STATUS_ORDER, "Total"), start=2):
            ws.cell(row + offset, col, int(counts[status]))
    return row + 1 + len(computed.plan_status)


def _headline_block(ws: Worksheet, row: int, data: Dataset, computed: Computed) -> int:
    ws.cell(row, 1, "Headline figures for the report-on-a-page").font = Font(size=12,
                                                                           bold=True)
    _header_row(ws, row + 1, ("Figure", "This year", "Last year", "Change"))
    style = str(data.facts.get("difference_style") or "+1 pp")
    for offset, headline in enumerate(computed.headlines, start=2):
        ws.cell(row + offset, 1, headline.label)
        ws.cell(row + offset, 2, headline.shown(headline.value))
        ws.cell(row + offset, 3, headline.shown(headline.previous)
                if headline.previous is not None else "")
        ws.cell(row + offset, 4, headline.change(style) or "")
    return row + 1 + len(computed.headlines)


# --- helpers --------------------------------------------------------------------------------


def _fresh_sheet(wb: Workbook, name: str, after: str | None = None) -> Worksheet:
    """An empty tab called ``name``, replacing any earlier one, placed after Instructions."""
    if name in wb.sheetnames:
        del wb[name]
    anchor = after if after in wb.sheetnames else "Instructions"
    position = wb.sheetnames.index(anchor) + 1 if anchor in wb.sheetnames else 0
    ws = wb.create_sheet(name, position)
    ws.sheet_properties.tabColor = "000000"
    return ws


def _header_row(ws: Worksheet, row: int, headers: tuple[str, ...],
                widths: tuple[int, ...] = ()) -> None:
    for col, header in enumerate(headers, start=1):
        cell = ws.cell(row, col, header)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row, col).column_letter].width = width


def computed_addresses(data: Dataset) -> set[tuple[str, str]]:
    """Every (sheet, cell) the tool may write: computed columns and computed key figures."""
    owned: set[tuple[str, str]] = set()
    for table in data.tables.values():
        for column in table.table.columns:
            if column.role is Role.COMPUTED:
                owned |= {(table.sheet, a) for _, row in records(table.cells[[column.key]])
                          for a in row.values() if a}
    for _, fact in SCHEMA.iter_facts():
        place = data.fact_places.get(fact.key)
        if fact.computed and place is not None and place.cell:
            owned.add((place.sheet, place.cell))
    return owned


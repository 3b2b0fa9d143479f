"""Match the workbook's tabs, Excel Tables and columns to the schema.

Finds what is missing or renamed and says what it expected and what it found, with a
"did you mean" where a close match exists.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from ..findings import Finding, Severity
from ..raw import RawTable, RawWorkbook
from ..schema import Profile, Sheet, Table

__all__ = ["MatchedTable", "match_structure", "normalise", "MAX_TABLE_ROWS"]

MAX_TABLE_ROWS = 5_000  # far beyond any real table; bounds the work a hostile file can cause


@dataclass
class MatchedTable:
    table: Table
    raw: RawTable
    positions: dict[str, int]  # column key -> position in the raw rows


def normalise(text: object) -> str:
    """Header text compared loosely: case, spacing and punctuation do not matter."""
    return re.sub(r"[^a-z0-9%]+", " ", str(text or "").casefold()).strip()


def _did_you_mean(wanted: str, found: list[str]) -> str:
    close = difflib.get_close_matches(wanted, found, n=1, cutoff=0.6)
    if not close:
        by_norm = {normalise(f): f for f in found}
        close = [by_norm[n] for n in difflib.get_close_matches(normalise(wanted), list(by_norm),
                                                               n=1, cutoff=0.6)]
    return f" Did you mean {close[0]!r}?" if close else ""


def match_structure(raw: RawWorkbook,
                    schema: Profile) -> tuple[list[Finding], dict[str, MatchedTable]]:
    findings: list[Finding] = []
    matched: dict[str, MatchedTable] = {}
    for sheet in schema.sheets:
        findings += _check_sheet(raw, sheet)
        for table in sheet.tables:
            found = raw.tables.get(table.name)
            if found is None:
                findings.append(_missing_table(raw, sheet, table))
                continue
            if found.sheet != sheet.name and sheet.name in raw.sheets:
                findings.append(Finding(
                    Severity.WARNING, found.sheet, None, "table.moved",
                    f"The table {table.name} ({table.title}) belongs on the tab "
                    f"'{sheet.name}' but is on '{found.sheet}'."))
            if len(found.rows) > MAX_TABLE_ROWS:
                findings.append(Finding(
                    Severity.ERROR, found.sheet, None, "table.too-large",
                    f"The table {table.name} has {len(found.rows):,} rows; the tool reads "
                    f"at most {MAX_TABLE_ROWS:,}. Delete the empty rows at its end."))
                continue
            column_findings, positions = _match_columns(table, found)
            findings += column_findings
            findings += [Finding(Severity.ERROR, found.sheet, rng.split(":")[0], "cell.merged",
                                 f"Cells {rng} are merged inside the table {table.name}. "
                                 "Unmerge them (Home > Merge & Center) and type each value "
                                 "in its own cell.") for rng in found.merged]
            matched[table.name] = MatchedTable(table, found, positions)
    return findings, matched


def _check_sheet(raw: RawWorkbook, sheet: Sheet) -> list[Finding]:
    if sheet.name in raw.sheets:
        return []
    homes = {raw.tables[t.name].sheet for t in sheet.tables if t.name in raw.tables}
    if homes:
        where = ", ".join(f"'{h}'" for h in sorted(homes))
        message = (f"The tab '{sheet.name}' ({sheet.owner}) is missing, but its tables are "
                   f"on {where}. Was it renamed? Rename it back to '{sheet.name}'.")
    else:
        message = (f"The tab '{sheet.name}' ({sheet.owner}) is missing."
                   f"{_did_you_mean(sheet.name, raw.sheets)} Tabs found: "
                   f"{', '.join(raw.sheets)}.")
    return [Finding(Severity.ERROR, sheet.name, None, "sheet.missing", message)]


def _missing_table(raw: RawWorkbook, sheet: Sheet, table: Table) -> Finding:
    hint = _did_you_mean(table.name, list(raw.tables))
    on_sheet = raw.table_names_on(sheet.name)
    seen = f" Tables on that tab: {', '.join(on_sheet)}." if on_sheet else ""
    return Finding(Severity.ERROR, sheet.name, None, "table.missing",
                   f"The Excel Table {table.name} ({table.title}) is missing from the tab "
                   f"'{sheet.name}'.{hint}{seen} Restore it from a blank workbook "
                   "(lscb-report new-workbook).")


def _match_columns(table: Table, raw: RawTable) -> tuple[list[Finding], dict[str, int]]:
    findings: list[Finding] = []
    by_norm = {normalise(cell.value): i for i, cell in enumerate(raw.headers)}
    positions: dict[str, int] = {}
    for column in table.columns:
        pos = by_norm.pop(normalise(column.header), None)
        if pos is not None:
            positions[column.key] = pos
    leftovers = [str(raw.headers[i].value) for i in by_norm.values()]
    for column in table.columns:
        if column.key in positions:
            continue
        findings.append(Finding(
            Severity.ERROR, raw.sheet, raw.headers[0].address if raw.headers else None,
            "column.missing",
            f"The table {table.name} has no column '{column.header}'."
            f"{_did_you_mean(column.header, leftovers)} Columns found: "
            f"{', '.join(str(h.value) for h in raw.headers)}."))
    for i in by_norm.values():
        header = raw.headers[i]
        findings.append(Finding(
            Severity.WARNING, raw.sheet, header.address, "column.unexpected",
            f"The column '{header.value}' is not part of the table {table.name}; the tool "
            "ignores it."))
    return findings, positions

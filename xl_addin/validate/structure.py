"""Match the workbook's tabs, Excel Tables and columns to the schema.

Finds what is missing or renamed and says what it expected and what it found: a renamed
column heading is named at its cell with the heading the tool expects, and a value typed
just outside a table (the row below it, the column right of it) is reported with how to
extend the table over it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from xl_addin.core.findings import Finding, Severity
from xl_addin.core.raw import MAX_TABLE_ROWS, RawCell, RawTable, RawWorkbook
from xl_addin.schema import Column, Profile, Sheet, Table
from xl_addin.schema.signoff_tab import SIGNOFF_TAB
from xl_addin.schema.wording import short, table_named

__all__ = ["MatchedTable", "match_structure", "normalise", "MAX_TABLE_ROWS", "EXTEND_ROW",
           "EXTEND_COLUMN"]

PAIRED = 0.5  # how alike a found heading and a missing one must be to call it a rename

EXTEND_ROW = (
    "If the row belongs in the table, extend the table over it: in Excel, drag the small "
    "handle at the table's bottom-right corner down (or click in the table, then Table "
    "Design > Resize Table); LibreOffice never extends a table by itself: there, insert rows "
    "inside the table (right-click a row number in the table > Insert Rows Above), move the "
    "figures into them and delete the row below. If it is a note, leave a blank row between "
    "it and the table")
EXTEND_COLUMN = (
    "If it belongs in the table, extend the table over it: in Excel, drag the small handle at "
    "the table's bottom-right corner to the right (or Table Design > Resize Table); in "
    "LibreOffice, insert a column inside the table instead. The tool reads only the table's "
    "own columns, so a note there is safe to leave")


@dataclass
class MatchedTable:
    table: Table
    raw: RawTable
    positions: dict[str, int]  # column key -> position in the raw rows


def normalise(text: object) -> str:
    """Header text compared loosely: case, spacing and punctuation do not matter."""
    return re.sub(r"[^a-z0-9%]+", " ", str(text or "").casefold()).strip()


def match_structure(raw: RawWorkbook,
                    schema: Profile) -> tuple[list[Finding], dict[str, MatchedTable]]:
    findings: list[Finding] = []
    matched: dict[str, MatchedTable] = {}
    for sheet in schema.sheets:
        if sheet.name == SIGNOFF_TAB and sheet.name not in raw.sheets and not any(
                t.name in raw.tables for t in sheet.tables):
            findings.append(Finding(
                Severity.INFO, None, None, "signoff.no-tab",
                f"This workbook has no '{SIGNOFF_TAB}' tab (it was made before there was "
                "one), so no finding can be signed off in it: lscb-report upgrade writes a "
                "copy with the tab added."))
            continue
        findings += _check_sheet(raw, sheet)
        for table in sheet.tables:
            found = raw.tables.get(table.name)
            if found is None:
                findings.append(_missing_table(raw, sheet, table))
                continue
            named = table_named(table)
            if found.sheet != sheet.name and sheet.name in raw.sheets:
                findings.append(Finding(
                    Severity.WARNING, found.sheet, None, "table.moved",
                    f"The table {named} belongs on the tab '{sheet.name}' but is on this tab "
                    f"('{found.sheet}'). Move it back, or leave it: it is still read.",
                    table.name))
            rows = found.rows_declared if found.rows_declared is not None else len(found.rows)
            if rows > MAX_TABLE_ROWS:
                findings.append(Finding(
                    Severity.ERROR, found.sheet, None, "table.too-large",
                    f"The table {named} has {rows:,} rows; the tool reads "
                    f"at most {MAX_TABLE_ROWS:,}. Delete the empty rows at its end.",
                    table.name))
                continue
            column_findings, positions = _match_columns(table, found)
            findings += column_findings
            findings += [Finding(Severity.ERROR, found.sheet, rng.split(":")[0], "cell.merged",
                                 f"Cells {rng} are merged inside the table {named}. Unmerge "
                                 "them (Home > Merge & Center) and type each value in its own "
                                 "cell.", table.name) for rng in found.merged]
            findings += _outside(table, found)
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
        close = difflib.get_close_matches(sheet.name, raw.sheets, n=1, cutoff=0.6)
        hint = (f" The tab '{close[0]}' may be it: if so, rename it back to '{sheet.name}'."
                if close else "")
        message = (f"The tab '{sheet.name}' ({sheet.owner}) is missing.{hint} Tabs found: "
                   f"{', '.join(raw.sheets)}.")
    return [Finding(Severity.ERROR, sheet.name, None, "sheet.missing", message)]


def _missing_table(raw: RawWorkbook, sheet: Sheet, table: Table) -> Finding:
    """A table not found by its Excel name. The name is what Excel shows under Table Design >
    Table Name; where a table on the tab was renamed, the message gives the name to restore
    (the one place a message names a table by its Excel name: it is the text to type)."""
    on_sheet = raw.table_names_on(sheet.name)
    unknown = [name for name in on_sheet if name not in _expected_names(sheet)]
    close = difflib.get_close_matches(table.name, unknown, n=1, cutoff=0.6)
    if close or len(unknown) == 1:
        renamed = close[0] if close else unknown[0]
        hint = (f" A table on this tab is now called '{renamed}': if it is this one, click in "
                f"it and set Table Design > Table Name back to {table.name}.")
    else:
        hint = " Copy it from a blank workbook (lscb-report new-workbook)."
    return Finding(Severity.ERROR, sheet.name, None, "table.missing",
                   f"The table {table_named(table)} is missing from the tab '{sheet.name}', "
                   f"or it was renamed in Excel.{hint}", table.name)


def _expected_names(sheet: Sheet) -> set[str]:
    return {t.name for t in sheet.tables}


def _match_columns(table: Table, raw: RawTable) -> tuple[list[Finding], dict[str, int]]:
    findings: list[Finding] = []
    by_norm = {normalise(cell.value): i for i, cell in enumerate(raw.headers)}
    positions: dict[str, int] = {}
    for column in table.columns:
        pos = by_norm.pop(normalise(column.header), None)
        if pos is not None:
            positions[column.key] = pos
    leftovers = sorted(by_norm.values())
    missing = [c for c in table.columns if c.key not in positions]
    renamed = _renames(table, missing, positions, raw.headers, leftovers)
    named = table_named(table)
    found = ", ".join(f"'{short(h.value, 30)}'" for h in raw.headers if h.value is not None)
    for column in missing:
        header = renamed.get(column.key)
        if header is not None:  # read under the heading it should have: one finding, not one
            positions[column.key] = raw.headers.index(header)  # per cell of the column
            findings.append(Finding(
                Severity.ERROR, raw.sheet, header.address, "column.missing",
                f"The heading '{short(header.value)}' in {named} should read "
                f"'{column.header}': the tool finds each column by its heading. Rename it "
                f"back to '{column.header}'.", table.name, column.key))
        else:
            findings.append(Finding(
                Severity.ERROR, raw.sheet, raw.headers[0].address if raw.headers else None,
                "column.missing",
                f"{named} has no column headed '{column.header}' (headings found: {found}). "
                "Add the column back: copy it from a blank workbook (lscb-report "
                "new-workbook).", table.name, column.key))
    paired = {id(h) for h in renamed.values()}
    for i in leftovers:
        header = raw.headers[i]
        if id(header) in paired:
            continue
        findings.append(Finding(
            Severity.WARNING, raw.sheet, header.address, "column.unexpected",
            f"The column '{short(header.value)}' is not part of the table {named}; the tool "
            "ignores it.", table.name))
    return findings, positions


def _renames(table: Table, missing: list[Column], positions: dict[str, int],
             headers: list[RawCell], leftovers: list[int]) -> dict[str, RawCell]:
    """Each missing column's heading as the chair renamed it: the most alike leftover
    heading; failing that, the leftover heading just after the column's neighbour on the
    left (where the column stood); failing that, when one column is missing and one heading
    is left over, that one."""
    spare = [i for i in leftovers if headers[i].value is not None]
    pairs = sorted(((difflib.SequenceMatcher(None, normalise(c.header),
                                             normalise(headers[i].value)).ratio(), n, i)
                    for n, c in enumerate(missing) for i in spare), reverse=True)
    out: dict[str, int] = {}
    for ratio, n, i in pairs:
        if ratio < PAIRED:
            break
        if missing[n].key not in out and i not in out.values():
            out[missing[n].key] = i
    keys = [c.key for c in table.columns]
    for column in missing:
        before = [positions.get(k, out.get(k)) for k in keys[:keys.index(column.key)]]
        placed = [p for p in before if p is not None]
        where = placed[-1] + 1 if placed else 0
        if column.key not in out and where in spare and where not in out.values():
            out[column.key] = where
    left = [c for c in missing if c.key not in out]
    unused = [i for i in spare if i not in out.values()]
    if len(left) == 1 and len(unused) == 1:
        out[left[0].key] = unused[0]
    return {key: headers[i] for key, i in out.items()}


def _outside(table: Table, raw: RawTable) -> list[Finding]:
    """Values typed just outside the table: the row below it, the column right of it."""
    named = table_named(table)
    out = []
    for cell in raw.below:
        out.append(Finding(
            Severity.ERROR, raw.sheet, cell.address, "cell.below-table",
            f"A value is typed in the row just below the table {named}, outside it, so the "
            f"tool does not read it and the report would leave it out. {EXTEND_ROW}.",
            table.name,
            gist=f"Values typed in the row just below the table {named}, outside it, so the "
                 f"tool does not read them and the report would leave them out. {EXTEND_ROW}"))
    for cell in raw.right:
        out.append(Finding(
            Severity.WARNING, raw.sheet, cell.address, "cell.beside-table",
            f"A value is typed in the column just right of the table {named}, outside it, so "
            f"the tool does not read it. {EXTEND_COLUMN}.", table.name,
            gist=f"Values typed in the column just right of the table {named}, outside it, so "
                 f"the tool does not read them. {EXTEND_COLUMN}"))
    return out


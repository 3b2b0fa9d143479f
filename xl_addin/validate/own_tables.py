"""A chair's own table: an Excel Table the profile does not declare, read with no code.

A chair may add a table to their tab (Insert > Table) and give it a title in the cell
above. The tool reads it like any other: each column's kind is inferred from its cells
and their number formats (a column of mostly numbers is a number column, and a word in
it is reported), a row labelled Total is checked against the rows above it, and the table
is printed in the tab's section under its title, where a chair can also place it or its
chart with a Report text row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from xl_addin.core.findings import Finding, Severity
from xl_addin.core.printable import broken_in, code_points, printable
from xl_addin.core.raw import RawCell, RawTable, RawWorkbook, address, column_number
from xl_addin.schema import Column, Display, Kind, Profile, Table
from xl_addin.validate.cells import EXCEL_ERRORS, is_blank, parse
from xl_addin.validate.structure import MAX_TABLE_ROWS, MatchedTable, normalise

__all__ = ["custom_tables", "infer_table", "TOTAL_LABELS"]

TOTAL_LABELS = ("total", "grand total", "totals", "all")
TOOL_TABS = frozenset({"Instructions", "Lists", "Dashboard", "Validation"})


def _key(header: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", header.casefold()).strip("_") or "column"
    if base[0].isdigit():
        base = f"c_{base}"
    key, n = base[:40], 2
    while key in taken:
        key, n = f"{base[:36]}_{n}", n + 1
    taken.add(key)
    return key


def _kind_of(cell: RawCell) -> Kind | None:
    value, number_format = cell.value, cell.number_format or ""
    if is_blank(value) or cell.is_error or (isinstance(value, str) and
                                            value.strip().upper() in EXCEL_ERRORS):
        return None
    if isinstance(value, bool):
        return Kind.TEXT
    if isinstance(value, dt.date | dt.datetime):
        return Kind.DATE
    if isinstance(value, int | float):
        if "%" in number_format:
            return Kind.PERCENT
        if "£" in number_format:
            return Kind.CURRENCY
        return Kind.INTEGER if float(value).is_integer() else Kind.NUMBER
    text = str(value).strip()
    for kind in (Kind.YEAR, Kind.PERCENT, Kind.CURRENCY):
        if kind is Kind.PERCENT and not text.endswith("%"):
            continue
        if kind is Kind.CURRENCY and not text.startswith("£"):
            continue
        if parse(kind, text).error is None:
            return kind
    if parse(Kind.NUMBER, text).error is None:
        number = parse(Kind.NUMBER, text).value
        return Kind.INTEGER if isinstance(number, float) and number.is_integer() else Kind.NUMBER
    return Kind.TEXT


def _column_kind(cells: list[RawCell]) -> Kind:
    kinds = Counter(k for k in map(_kind_of, cells) if k is not None)
    if not kinds:
        return Kind.TEXT
    numeric = {Kind.INTEGER, Kind.NUMBER, Kind.PERCENT, Kind.CURRENCY}
    numbers = sum(n for k, n in kinds.items() if k in numeric)
    if numbers * 2 >= sum(kinds.values()):
        found = {k for k in kinds if k in numeric}
        for kind in (Kind.PERCENT, Kind.CURRENCY, Kind.NUMBER):
            if kind in found:
                return kind
        return Kind.INTEGER
    kind, _ = kinds.most_common(1)[0]
    return kind if kind in (Kind.DATE, Kind.YEAR) else Kind.TEXT


def _is_total(cells: list[RawCell]) -> bool:
    return bool(cells) and normalise(cells[0].value) in TOTAL_LABELS


def infer_table(raw: RawTable) -> Table:
    """A declaration for a table nobody declared, from its header and its cells."""
    body = [row for row in raw.rows[:MAX_TABLE_ROWS] if not _is_total(row)]
    total = next((str(row[0].value).strip() for row in raw.rows if _is_total(row)), None)
    taken: set[str] = set()
    columns = []
    for i, header in enumerate(raw.headers):
        text = printable(str(header.value)).strip() if not is_blank(header.value) else ""
        text = text or f"Column {i + 1}"
        kind = _column_kind([row[i] for row in body if i < len(row)])
        minimum = 0 if kind is Kind.INTEGER else None
        columns.append(Column(_key(text, taken), text, kind, "A column of a chair's own "
                              "table.", minimum=minimum, width=min(60, max(10, len(text) + 2))))
    title = printable(raw.title or "").strip() or raw.name
    year = next((c.key for c in columns if c.kind is Kind.YEAR), None)
    return Table(raw.name, title, "A table a chair added to the workbook.",
                 columns=tuple(columns), total_label=total,
                 total_in=columns[0].key if columns and total else None,
                 year_column=None if year != columns[0].key else year,
                 display=Display(total=total is not None), custom=True)


def custom_tables(raw: RawWorkbook, profile: Profile,
                  active: Profile) -> tuple[list[Finding], dict[str, MatchedTable]]:
    """Every Excel Table on a profile tab that the profile does not declare."""
    known = {t.name for _, t in profile.iter_tables()}
    tabs = {sheet.name for sheet in active.sheets}
    findings: list[Finding] = []
    matched: dict[str, MatchedTable] = {}
    for name, table in raw.tables.items():
        if name in known or table.sheet in TOOL_TABS or not table.headers:
            continue
        if table.sheet not in tabs:
            findings.append(Finding(
                Severity.WARNING, table.sheet, table.headers[0].address, "table.unplaced",
                f"The table '{table.title or name}' is on a tab the board's profile does not "
                "have, so the report cannot tell which section it belongs to and leaves it "
                "out. Move it to the tab of the section it belongs to."))
            continue
        rows = table.rows_declared if table.rows_declared is not None else len(table.rows)
        if rows > MAX_TABLE_ROWS:
            findings.append(Finding(
                Severity.ERROR, table.sheet, table.headers[0].address, "table.too-large",
                f"The table '{table.title or name}' has {rows:,} rows; the tool reads at most "
                f"{MAX_TABLE_ROWS:,}. Delete the empty rows at its end.", name))
            continue
        declared = infer_table(table)
        positions = {column.key: i for i, column in enumerate(declared.columns)}
        matched[name] = MatchedTable(declared, table, positions)
        findings += _broken_words(table, declared)
        findings.append(Finding(
            Severity.INFO, table.sheet, table.headers[0].address, "table.custom",
            f"The table '{declared.title}' is your own (the profile does not declare it): "
            "it is read as typed, its columns checked by the kind of their figures"
            + (", its total checked against its rows" if declared.total_label else "")
            + ", and it is printed in this tab's section."))
    return findings, matched


def _broken_words(raw: RawTable, declared: Table) -> list[Finding]:
    """The table's title and headings print in the report: a character in them that no
    Word document can hold is left out, and said so at its cell."""
    first = raw.headers[0].address
    letters = first.rstrip("0123456789")
    above = address(int(first[len(letters):]) - 1, column_number(letters))
    places: list[tuple[str, object]] = [(above, raw.title)] if int(first[len(letters):]) > 1 \
        else []
    places += [(cell.address, cell.value) for cell in raw.headers]
    out = []
    for cell, text in places:
        found = broken_in(text) if isinstance(text, str) else []
        if found:
            out.append(Finding(
                Severity.WARNING, raw.sheet, cell, "cell.broken-characters",
                f"The title or a heading of your table '{declared.title}' holds "
                f"{'a character' if len(found) == 1 else 'characters'} that a Word document "
                f"cannot hold ({code_points(found)}); the report leaves "
                f"{'it' if len(found) == 1 else 'them'} out; retype the text.", raw.name))
    return out

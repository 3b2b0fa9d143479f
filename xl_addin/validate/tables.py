"""Read each matched table cell by cell, then apply the rules that span a table.

Cell rules: Excel errors, types, choices, required values, ranges.
Table rules: unique ids, years in order, typed totals against their rows, {ref} quotes,
and for fact tables, that every declared figure is present.
"""

from __future__ import annotations

import difflib
import re

import pandas as pd

from .. import fmt
from ..dataset import Dataset, Place, TableData, records
from ..findings import Finding, Severity
from ..raw import RawCell
from ..schema import Column, Fact, Kind, Profile, Role, Table
from .cells import Parsed, is_blank, parse
from .structure import MatchedTable, normalise

__all__ = ["read_tables"]

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def read_tables(matched: dict[str, MatchedTable], fact_keys: set[str],
                fresh: bool, profile: Profile) -> tuple[list[Finding], Dataset]:
    """Typed tables and their findings. ``fresh``: blank required values are 'not filled
    in yet' (info), as in a workbook just rolled over to a new year, not errors."""
    findings: list[Finding] = []
    data = Dataset(profile)
    for m in matched.values():
        if m.table.is_fact_table:
            findings += _read_facts(m, data, fresh)
        else:
            table_findings, table_data = _read_rows(m, fresh)
            findings += table_findings
            data.tables[m.table.name] = table_data
    findings += _check_placeholders(data, fact_keys)
    return findings, data


# --- cells -----------------------------------------------------------------------------------


def _cell_findings(table: Table, sheet: str, column: Column | Fact, cell: RawCell,
                   parsed: Parsed, label: str) -> list[Finding]:
    where = f"{label} in {table.name}"
    if cell.is_error or parsed.rule == "cell.excel-error":
        return [Finding(Severity.ERROR, sheet, cell.address, "cell.excel-error",
                        f"{where} holds the Excel error {cell.value}; fix the formula or "
                        "type the figure.")]
    if parsed.error:
        return [Finding(Severity.ERROR, sheet, cell.address, parsed.rule,
                        f"{where}: {parsed.error}.")]
    out = []
    if parsed.note:
        rule = "cell.choice-case" if parsed.rule == "cell.choice-case" else "cell.as-text"
        out.append(Finding(Severity.WARNING, sheet, cell.address, rule,
                           f"{where}: {parsed.note}; it was read as "
                           f"{fmt.value(parsed.value, str(column.kind))}."))
    out += _range_findings(table, sheet, column, cell, parsed.value, where)
    return out


def _range_findings(table: Table, sheet: str, column: Column | Fact, cell: RawCell,
                    value: object, where: str) -> list[Finding]:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return []
    is_percent = column.kind is Kind.PERCENT
    low = column.minimum
    high = 1.0 if is_percent else column.maximum
    shown = fmt.value(value, "percent" if is_percent else "")
    if low is not None and value < low:
        what = "a count" if column.kind is Kind.INTEGER else "this figure"
        return [Finding(Severity.ERROR, sheet, cell.address, "cell.range",
                        f"{where} is {shown}, but {what} cannot be below "
                        f"{fmt.value(low, str(column.kind))}.")]
    if high is not None and value > high:
        hint = ""
        if is_percent and value <= 100:
            hint = f" Did you mean {fmt.number(value)}%? Type it with the % sign."
        return [Finding(Severity.ERROR, sheet, cell.address, "cell.range",
                        f"{where} is {shown}, above the most it can be "
                        f"({fmt.value(high, str(column.kind))}).{hint}")]
    return []


# --- ordinary tables ------------------------------------------------------------------------


def _read_rows(m: MatchedTable, fresh: bool) -> tuple[list[Finding], TableData]:
    table, sheet = m.table, m.raw.sheet
    findings: list[Finding] = []
    body: list[dict[str, object]] = []
    body_cells: list[dict[str, str]] = []
    totals: list[dict[str, object]] = []
    total_cells: list[dict[str, str]] = []
    for raw_row in m.raw.rows:
        cells = {key: raw_row[pos] for key, pos in m.positions.items() if pos < len(raw_row)}
        if all(is_blank(c.value) for c in cells.values()):
            continue
        is_total = _is_total_row(table, cells)
        values: dict[str, object] = {}
        for column in table.columns:
            cell = cells.get(column.key)
            if cell is None:
                values[column.key] = None
                continue
            unit = _unit_of(column, cells)
            parsed = parse(column.kind, cell.value, unit=unit, choices=column.choices)
            if column.role is not Role.COMPUTED:
                label = f"'{column.header}'"
                findings += _cell_findings(table, sheet, column, cell, parsed, label)
            values[column.key] = parsed.value if not parsed.error else None
        if not is_total:
            findings += _required(table, sheet, cells, values, fresh)
        (totals if is_total else body).append(values)
        (total_cells if is_total else body_cells).append(
            {k: c.address for k, c in cells.items()})
    columns = [c.key for c in table.columns]
    data = TableData(table, sheet, _frame(body, columns), _frame(body_cells, columns),
                     _frame(totals, columns), _frame(total_cells, columns))
    findings += _unique(data)
    findings += _years(data)
    findings += _typed_totals(data)
    findings += _threshold_order(data)
    return findings, data


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """An object-typed frame in which a missing value is always ``None``, never NaN."""
    return pd.DataFrame([[row.get(c) for c in columns] for row in rows], columns=columns,
                        dtype=object)


def _unit_of(column: Column, cells: dict[str, RawCell]) -> str:
    if column.unit_from is None:
        return column.unit
    cell = cells.get(column.unit_from)
    return str(cell.value).strip() if cell is not None and not is_blank(cell.value) else ""


def _is_total_row(table: Table, cells: dict[str, RawCell]) -> bool:
    label_key = table.label_column
    if table.total_label is None or label_key is None or label_key not in cells:
        return False
    return normalise(cells[label_key].value) == normalise(table.total_label)


def _required(table: Table, sheet: str, cells: dict[str, RawCell],
              values: dict[str, object], fresh: bool) -> list[Finding]:
    out = []
    for column in table.columns:
        needed = column.required or any(values.get(k) is not None for k in column.required_if)
        if not needed or column.role is Role.COMPUTED or column.key not in cells:
            continue
        cell = cells[column.key]
        if is_blank(cell.value) and fresh and column.required:
            out.append(_not_filled(sheet, cell.address,
                                   f"'{column.header}' in {table.name}", column.description))
        elif is_blank(cell.value):
            because = ""
            if not column.required:
                because = " because " + " or ".join(
                    f"'{table.column(k).header}'" for k in column.required_if) + " is filled"
            out.append(Finding(Severity.ERROR, sheet, cell.address, "cell.required",
                               f"'{column.header}' in {table.name} is blank; it is required"
                               f"{because}. {column.description}"))
    return out


def _not_filled(sheet: str, cell: str, what: str, description: str = "") -> Finding:
    return Finding(Severity.INFO, sheet, cell, "cell.not-filled",
                   f"{what} is not filled in yet for the new year. {description}".rstrip())


def _unique(data: TableData) -> list[Finding]:
    table = data.table
    out: list[Finding] = []
    groups: list[tuple[tuple[str, ...], Severity, str]] = [
        ((c.key,), Severity.ERROR, "row.duplicate") for c in table.columns if c.unique]
    if table.unique_together:
        groups.append((table.unique_together, Severity.ERROR, "row.duplicate"))
    if table.distinct:
        groups.append((table.distinct, Severity.WARNING, "row.similar"))
    for keys, severity, rule in groups:
        seen: dict[tuple, object] = {}
        for index, row in records(data.rows):
            ident = tuple(row[k] for k in keys)
            if ident[0] is None:
                continue
            if ident in seen:
                shown = " / ".join(fmt.value(v) for v in ident if v is not None)
                first = data.cells.at[seen[ident], keys[0]]
                headers = " and ".join(f"'{table.column(k).header}'" for k in keys)
                out.append(Finding(severity, data.sheet, data.cells.at[index, keys[0]], rule,
                                   f"{headers} {shown} appears twice in {table.name} (first "
                                   f"at {first}); each row needs its own."))
            else:
                seen[ident] = index
    return out


def _years(data: TableData) -> list[Finding]:
    table = data.table
    if table.year_column is None:
        return []
    out: list[Finding] = []
    frame = data.rows
    group_keys = list(table.year_group)
    grouped = frame.groupby(group_keys, dropna=False, sort=False) if group_keys else [((), frame)]
    for _, rows in grouped:
        previous: str | None = None
        for index, year in rows[table.year_column].items():
            if year is None:
                continue
            if previous is not None and str(year) <= previous:
                out.append(Finding(Severity.ERROR, data.sheet,
                                   data.cells.at[index, table.year_column], "years.order",
                                   f"In {table.name}, {year} comes after {previous}; list "
                                   "years oldest first, each once."))
            previous = str(year) if previous is None or str(year) > previous else previous
    return out


def _typed_totals(data: TableData) -> list[Finding]:
    table = data.table
    out: list[Finding] = []
    numeric = [c for c in table.columns if c.is_numeric and c.role is Role.INPUT]
    for index, total_row in records(data.totals):
        body = data.rows
        for key in table.groups:
            body = body[body[key] == total_row[key]]
        for column in numeric:
            typed = total_row[column.key]
            if typed is None:
                continue
            added = sum(v for v in body[column.key] if v is not None)
            if abs(float(typed) - float(added)) > 1e-6:
                what = f" for {total_row[table.groups[0]]}" if table.groups else ""
                out.append(Finding(
                    Severity.WARNING, data.sheet, data.total_cells.at[index, column.key],
                    "total.mismatch",
                    f"The {table.total_label} of '{column.header}' in {table.name}{what} is "
                    f"typed as {fmt.value(typed, str(column.kind))}, but its rows add up to "
                    f"{fmt.value(added, str(column.kind))}."))
    return out


def _threshold_order(data: TableData) -> list[Finding]:
    keys = {c.key for c in data.table.columns}
    if not {"amber_from", "red_from"} <= keys:
        return []
    out = []
    for index, row in records(data.rows):
        amber, red = row["amber_from"], row["red_from"]
        if amber is not None and red is not None and amber > red:
            out.append(Finding(Severity.ERROR, data.sheet, data.cells.at[index, "amber_from"],
                               "row.thresholds",
                               f"{row[data.table.key or 'ref']}: the own amber threshold "
                               f"({fmt.percent(amber)}) is above the own red threshold "
                               f"({fmt.percent(red)})."))
    return out


# --- fact tables ----------------------------------------------------------------------------


def _read_facts(m: MatchedTable, data: Dataset, fresh: bool) -> list[Finding]:
    table, sheet = m.table, m.raw.sheet
    findings: list[Finding] = []
    declared = {f.key: f for f in table.facts}
    ref_pos, value_pos = m.positions.get("ref"), m.positions.get("value")
    if ref_pos is None or value_pos is None:
        return findings  # the missing column is already reported
    seen: dict[str, str] = {}
    for raw_row in m.raw.rows:
        ref_cell, value_cell = raw_row[ref_pos], raw_row[value_pos]
        if is_blank(ref_cell.value):
            continue
        ref = str(ref_cell.value).strip()
        fact = declared.get(ref)
        if fact is None:
            hint = difflib.get_close_matches(ref, list(declared), n=1, cutoff=0.6)
            also = f" Did you mean {hint[0]!r}?" if hint else ""
            findings.append(Finding(Severity.WARNING, sheet, ref_cell.address, "fact.unknown",
                                    f"{table.name} has a row '{ref}' that the tool does not "
                                    f"know; it is ignored.{also}"))
            continue
        if ref in seen:
            findings.append(Finding(Severity.ERROR, sheet, ref_cell.address, "row.duplicate",
                                    f"The figure '{ref}' appears twice in {table.name} (first "
                                    f"at {seen[ref]}); delete one."))
            continue
        seen[ref] = ref_cell.address
        data.fact_places[ref] = Place(sheet, value_cell.address)
        if fact.computed:
            continue  # written by the tool
        parsed = parse(fact.kind, value_cell.value, unit=fact.unit, choices=fact.choices)
        findings += _cell_findings(table, sheet, fact, value_cell, parsed, f"'{fact.label}'")
        if fact.required and is_blank(value_cell.value) and fresh:
            findings.append(_not_filled(sheet, value_cell.address,
                                        f"'{fact.label}' ({ref}) in {table.name}"))
        elif fact.required and is_blank(value_cell.value):
            findings.append(Finding(Severity.ERROR, sheet, value_cell.address, "cell.required",
                                    f"'{fact.label}' ({ref}) in {table.name} is blank; it "
                                    "is required."))
        data.facts[ref] = None if parsed.error else parsed.value
    for key, fact in declared.items():
        if key not in seen:
            findings.append(Finding(Severity.ERROR, sheet, None, "fact.missing",
                                    f"{table.name} has no row for '{fact.label}' (Ref {key}). "
                                    "Add a row with that Ref."))
    return findings


# --- {ref} quotes in text ------------------------------------------------------------------


def _check_placeholders(data: Dataset, known: set[str]) -> list[Finding]:
    out: list[Finding] = []
    for table_data in data.tables.values():
        for column in table_data.table.columns:
            if not column.placeholders:
                continue
            for index, text in table_data.rows[column.key].items():
                for ref in PLACEHOLDER.findall(str(text or "")):
                    if ref in known:
                        continue
                    hint = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
                    also = f" Did you mean {{{hint[0]}}}?" if hint else ""
                    out.append(Finding(
                        Severity.ERROR, table_data.sheet, table_data.cells.at[index, column.key],
                        "cell.placeholder",
                        f"The text quotes {{{ref}}}, which is not a figure in any Key figures "
                        f"table.{also}"))
    return out

"""Read each matched table cell by cell, then apply the rules that span a table.

Cell rules: Excel errors, types, choices, required values, ranges (by the row's Unit where
a table mixes units, for values and targets alike). A cell with an error reads as blank, so
no figure that cannot be used reaches the computation or the report.
Table rules: unique ids, years in order, typed totals against their rows, {ref} quotes,
and for fact tables, that every declared figure is present.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from xl_addin.core import fmt
from xl_addin.core.findings import Finding, Severity
from xl_addin.core.raw import RawCell
from xl_addin.core.values import Target
from xl_addin.schema import Column, Fact, Kind, Profile, Role, Table
from xl_addin.schema.behaviours import carried_over
from xl_addin.schema.crossref import CellRef, FactRef, SumRef, YearRef
from xl_addin.schema.placeholders import QUOTES, known_list
from xl_addin.schema.wording import column_named, short, table_named
from xl_addin.tables.dataset import Dataset, Place, TableData, is_number, records, total_gaps
from xl_addin.tables.quotes import is_table_quote, parse_quote, row_for
from xl_addin.validate.cells import Parsed, clean_text, is_blank, parse
from xl_addin.validate.structure import MatchedTable, normalise

__all__ = ["read_tables", "Where"]

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# What a figure is, for "… cannot be negative", by the row's unit or the column's kind.
_WHAT = {"%": "a percentage", "per 10,000": "a rate per 10,000", "rate": "a rate",
         "number": "a count", "days": "a number of days", Kind.INTEGER: "a count",
         Kind.PERCENT: "a percentage", Kind.CURRENCY: "an amount of money"}


@dataclass(frozen=True)
class Where:
    """One cell's place in words: ``one`` names the cell, ``all`` its column (for a group)."""

    sheet: str
    table: Table
    one: str  # "'Value' for CS2.2 in 'Performance indicators at period end'"
    all: str  # "'Value' in 'Performance indicators at period end'"
    column: str | None = None
    figure: str | None = None

    def finding(self, severity: Severity, cell: str | None, rule: str, message: str,
                gist: str | None = None) -> Finding:
        return Finding(severity, self.sheet, cell, rule, f"{self.one}: {message}.",
                       self.table.name, self.column, self.figure,
                       f"{self.all}: {gist}" if gist else None)


def read_tables(matched: dict[str, MatchedTable], fact_keys: set[str],
                fresh: bool, profile: Profile, *,
                ignored: set[str] | frozenset[str] = frozenset()) -> tuple[list[Finding], Dataset]:
    """Typed tables and their findings. ``fresh``: blank required values are 'not filled
    in yet' (info), as in a workbook just rolled over to a new year, not errors.
    ``ignored``: key figures of the profile this workbook is not held to (rows for them
    are passed over without a word)."""
    findings: list[Finding] = []
    data = Dataset(profile)
    missing = tuple(v.casefold() for v in profile.missing_values)
    for m in matched.values():
        if m.table.is_fact_table:
            findings += _read_facts(m, data, fresh, ignored, missing)
        else:
            table_findings, table_data = _read_rows(m, fresh, missing)
            findings += table_findings
            data.tables[m.table.name] = table_data
    findings += _check_placeholders(data, fact_keys | set(QUOTES))
    return findings, data


# --- cells -----------------------------------------------------------------------------------


def _check_cell(where: Where | _CellWhere, declared: Column | Fact, cell: RawCell, parsed: Parsed,
                unit: str, missing: tuple[str, ...] = ()) -> tuple[list[Finding], object]:
    """The cell's findings and its value (None if it cannot be used)."""
    if cell.formula is not None and is_blank(cell.value) and not cell.is_error:
        what = "text" if declared.kind in (Kind.TEXT, Kind.CHOICE) else "figure"
        return [where.finding(Severity.ERROR, cell.address, "cell.formula-unsaved",
                              f"holds the formula {short(cell.formula, 60)}, a formula whose "
                              "result has not been saved: open and save the workbook in "
                              f"Excel, or type the {what}",
                              "formulas whose results have not been saved: open and save "
                              f"the workbook in Excel, or type the {what}s")], None
    notes = [] if cell.formula is None else [where.finding(
        Severity.INFO, cell.address, "cell.formula",
        f"holds the formula {short(cell.formula, 60)} in a cell people type into; the tool "
        f"reads the result Excel saved, {short(fmt.value(cell.value), 40)}. Type the figure "
        "itself if it should not change with other cells",
        "formulas in cells people type into; the tool reads the results Excel saved")]
    found, value = _check_value(where, declared, cell, parsed, unit, missing)
    return notes + found, value


def _check_value(where: Where | _CellWhere, declared: Column | Fact, cell: RawCell, parsed: Parsed,
                 unit: str, missing: tuple[str, ...] = ()) -> tuple[list[Finding], object]:
    if cell.is_error or parsed.rule == "cell.excel-error":
        return [where.finding(Severity.ERROR, cell.address, "cell.excel-error",
                              f"holds the Excel error {cell.value}; fix the formula or type "
                              "the figure", "Excel error values; fix the formulas or type the "
                              "figures")], None
    if parsed.error:
        unknown = _if_unknown(declared, missing) if parsed.rule == "cell.type" else ""
        return [where.finding(Severity.ERROR, cell.address, parsed.rule,
                              parsed.error + unknown, (parsed.gist or "") + unknown
                              if parsed.gist else None)], None
    problems = _range_findings(where, declared, cell, parsed.value, unit)
    if problems:
        return problems, None
    out = []
    if parsed.note:
        shown = fmt.value(parsed.value, str(declared.kind), unit)
        read = "" if parsed.rule in ("cell.hidden-characters", "cell.broken-characters") \
            else f"; it was read as {shown}"
        out.append(where.finding(Severity.WARNING, cell.address, parsed.rule,
                                 f"{parsed.note}{read}", parsed.gist))
    return out, parsed.value


FIGURE_KINDS = frozenset({Kind.INTEGER, Kind.NUMBER, Kind.PERCENT, Kind.CURRENCY, Kind.DATE,
                          Kind.YEAR, Kind.MEASURE, Kind.TARGET})


def _if_unknown(declared: Column | Fact, missing: tuple[str, ...]) -> str:
    """What to type for a figure not known yet: said after a type error in a figure."""
    if declared.kind not in FIGURE_KINDS:
        return ""
    if missing:
        return (f". If the figure is not known yet, leave the cell blank; if it is not "
                f"available at all, type {missing[0]}")
    return ". If the figure is not known yet, leave the cell blank"


def _marked_missing(value: object, missing: tuple[str, ...]) -> bool:
    """A cell typed as the profile marks a figure that is not available (``n/a``)."""
    return bool(missing) and isinstance(value, str) and \
        clean_text(value).strip().casefold() in missing


def _is_percent(declared: Column | Fact, unit: str) -> bool:
    return declared.kind is Kind.PERCENT or (
        declared.kind in (Kind.MEASURE, Kind.TARGET) and unit == "%")


def _range_findings(where: Where | _CellWhere, declared: Column | Fact, cell: RawCell,
                    value: object, unit: str) -> list[Finding]:
    """A figure below its minimum or above its maximum; a percentage (by the column's kind
    or the row's Unit) over 100%, with "Did you mean 97.3%?" where it was typed without %."""
    if isinstance(value, Target):
        ends = [value.low, value.high] if value.is_range else [value.low]
    elif is_number(value):
        ends = [value]
    else:
        return []
    percent = _is_percent(declared, unit)
    low, high = declared.minimum, 1.0 if percent else declared.maximum
    below = low is not None and min(ends) < low
    if not below and (high is None or max(ends) <= high):
        return []  # the usual case: nothing to say, so nothing to put into words
    kind = "percent" if percent else str(declared.kind)
    shown = fmt.value(value, kind)
    what = _WHAT.get(unit if declared.kind in (Kind.MEASURE, Kind.TARGET) else declared.kind,
                     "this figure")
    if low is not None and below:
        if low == 0:
            return [where.finding(Severity.ERROR, cell.address, "cell.range",
                                  f"{shown} is negative, but {what} cannot be",
                                  f"negative figures, but {what} cannot be negative")]
        return [where.finding(Severity.ERROR, cell.address, "cell.range",
                              f"{shown} is below {fmt.value(low, kind)}, the least it can be",
                              f"figures below {fmt.value(low, kind)}, the least they can be")]
    if not percent:
        return [where.finding(Severity.ERROR, cell.address, "cell.range",
                              f"{shown} is above {fmt.value(high, kind)}, the most it can be",
                              f"figures above {fmt.value(high, kind)}, the most they can be")]
    return [_over_100(where, cell, value, ends, declared.kind is Kind.PERCENT)]


def _over_100(where: Where | _CellWhere, cell: RawCell, value: object, ends: list[float],
              column_is_percent: bool) -> Finding:
    typed = fmt.value(value, "number")
    place = "a percentage column" if column_is_percent else "a row whose Unit is %"
    gist = ("percentages over 100%; a figure typed without its % sign is read as hundreds of "
            "percent: type 97.3% rather than 97.3")
    typed_bare = not (isinstance(cell.value, str) and "%" in cell.value)
    if typed_bare and all(1 < end <= 100 for end in ends):
        meant = "-".join(f"{fmt.number(end)}%" for end in ends)
        return where.finding(Severity.ERROR, cell.address, "cell.range",
                             f"{typed} in {place} is read as {fmt.value(value, 'percent')}, "
                             f"but a percentage cannot be over 100%. Did you mean {meant}? "
                             "Type it with the % sign", gist)
    return where.finding(Severity.ERROR, cell.address, "cell.range",
                         f"{fmt.value(value, 'percent')} is over 100%, the most a percentage "
                         "can be", gist)


# --- ordinary tables ------------------------------------------------------------------------


def _read_rows(m: MatchedTable, fresh: bool,
               missing: tuple[str, ...] = ()) -> tuple[list[Finding], TableData]:
    table, sheet = m.table, m.raw.sheet
    findings: list[Finding] = []
    body: list[dict[str, object]] = []
    body_cells: list[dict[str, str]] = []
    totals: list[dict[str, object]] = []
    total_cells: list[dict[str, str]] = []
    for raw_row in m.raw.rows:
        cells = {key: raw_row[pos] for key, pos in m.positions.items() if pos < len(raw_row)}
        if all(is_blank(c.value) and c.formula is None for c in cells.values()):
            continue
        is_total = _is_total_row(table, cells)
        row = _row_label(table, cells)
        values: dict[str, object] = {}
        for column in table.columns:
            cell = cells.get(column.key)
            if cell is None:
                values[column.key] = None
                continue
            if _marked_missing(cell.value, missing):
                values[column.key] = None  # not available, as the profile marks it
                continue
            unit = _unit_of(column, cells)
            parsed = parse(column.kind, cell.value, unit=unit, choices=column.choices)
            if column.role is Role.COMPUTED:
                values[column.key] = parsed.value if not parsed.error else None
                continue
            where = _CellWhere(sheet, table, column, row)
            cell_findings, values[column.key] = _check_cell(where, column, cell, parsed, unit,
                                                            missing)
            findings += cell_findings
        if not is_total:
            findings += _required(table, sheet, cells, values, row, fresh)
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


class _CellWhere:
    """A cell of an ordinary table, as :class:`Where` names it; its words are put together
    only when a finding needs them (most of a workbook's thousands of cells have none)."""

    __slots__ = ("sheet", "table", "column", "row")

    def __init__(self, sheet: str, table: Table, column: Column, row: str | None) -> None:
        self.sheet, self.table, self.column, self.row = sheet, table, column, row

    def finding(self, severity: Severity, cell: str | None, rule: str, message: str,
                gist: str | None = None) -> Finding:
        everywhere = column_named(self.table, self.column.key)
        one = (f"'{self.column.header}' for {self.row} in {table_named(self.table)}"
               if self.row else everywhere)
        return Where(self.sheet, self.table, one, everywhere, column=self.column.key).finding(
            severity, cell, rule, message, gist)


def _row_label(table: Table, cells: dict[str, RawCell]) -> str | None:
    """The row as a chair knows it: the value in its key column (an indicator's Ref, a
    year), if it has one."""
    cell = cells.get(table.key or "")
    if cell is None or is_blank(cell.value):
        return None
    value = cell.value
    if isinstance(value, str):
        return short(clean_text(value), 30)
    if is_number(value) and abs(value) < 10**15 and value == int(value):
        return str(int(value))  # a year typed as 2012 reads "2012", not "2,012"
    return short(fmt.value(value), 30)


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """An object-typed frame in which a missing value is always ``None``, never NaN.

    Built from one object array: pandas then has nothing to infer or copy (a third of the
    time of building it from lists, which counts: validation builds four per table)."""
    grid = np.empty((len(rows), len(columns)), dtype=object)
    for i, row in enumerate(rows):
        grid[i, :] = [row.get(c) for c in columns]
    return pd.DataFrame(grid, columns=_labels(tuple(columns)), dtype=object, copy=False)


@lru_cache(maxsize=1024)
def _labels(columns: tuple[str, ...]) -> pd.Index:
    """A table's column labels, made once: pandas then has nothing to infer for each of the
    four frames of every table (an Index never changes, so the frames can share it)."""
    return pd.Index(list(columns))


def _unit_of(column: Column, cells: dict[str, RawCell]) -> str:
    if column.unit_from is None:
        return column.unit
    cell = cells.get(column.unit_from)
    if cell is None or is_blank(cell.value) or not isinstance(cell.value, str):
        return ""
    return clean_text(cell.value).strip()


def _is_total_row(table: Table, cells: dict[str, RawCell]) -> bool:
    label_key = table.label_column
    if table.total_label is None or label_key is None or label_key not in cells:
        return False
    return normalise(cells[label_key].value) == normalise(table.total_label)


def _required(table: Table, sheet: str, cells: dict[str, RawCell],
              values: dict[str, object], row: str | None, fresh: bool) -> list[Finding]:
    out = []
    for column in table.columns:
        needed = column.required or any(values.get(k) is not None for k in column.required_if)
        if not needed or column.role is Role.COMPUTED or column.key not in cells:
            continue
        cell = cells[column.key]
        if not is_blank(cell.value) or cell.formula is not None:
            continue  # a figure marked not available is an answer too; a formula without
            # its result has a finding of its own
        where = _CellWhere(sheet, table, column, row)
        if fresh and column.required:
            out.append(_not_filled(where, cell.address, column.description))
            continue
        because = ""
        if not column.required:
            because = " because " + " or ".join(
                f"'{table.column(k).header}'" for k in column.required_if) + " is filled"
        out.append(where.finding(Severity.ERROR, cell.address, "cell.required",
                                 f"blank, but it is required{because}. "
                                 f"{column.description.rstrip('.')}",
                                 f"blank cells, but each is required{because}. "
                                 f"{column.description.rstrip('.')}"))
    return out


def _not_filled(where: Where | _CellWhere, cell: str, description: str = "") -> Finding:
    tail = f". {description.rstrip('.')}" if description else ""
    return where.finding(Severity.INFO, cell, "cell.not-filled",
                         f"not filled in yet for the new year{tail}",
                         f"not filled in yet for the new year{tail}")


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
                                   f"{headers} {shown} appears twice in {table_named(table)} "
                                   f"(first at {first}); each row needs its own.", table.name,
                                   keys[0]))
            else:
                seen[ident] = index
    return out


def _years(data: TableData) -> list[Finding]:
    table = data.table
    if table.year_column is None:
        return []
    out: list[Finding] = []
    frame = data.rows
    groups = [frame[key].tolist() for key in table.year_group]
    latest: dict[tuple, str] = {}  # each group's latest year so far (rows in their order)
    for position, (index, year) in enumerate(frame[table.year_column].items()):
        if year is None:
            continue
        group = tuple(values[position] for values in groups)
        previous = latest.get(group)
        if previous is not None and str(year) <= previous:
            out.append(Finding(Severity.ERROR, data.sheet,
                               data.cells.at[index, table.year_column], "years.order",
                               f"In {table_named(table)}, {year} comes after {previous}; "
                               "list years oldest first, each once.", table.name,
                               table.year_column))
        if previous is None or str(year) > previous:
            latest[group] = str(year)
    return out


def _typed_totals(data: TableData) -> list[Finding]:
    table = data.table
    out: list[Finding] = []
    for gap in total_gaps(data):
        what = f" for {gap.total[table.groups[0]]}" if table.groups else ""
        kind = str(gap.column.kind)
        out.append(Finding(
            Severity.WARNING, data.sheet, data.total_cells.at[gap.index, gap.column.key],
            "total.mismatch",
            f"The {table.total_label} of {column_named(table, gap.column.key)}{what} is "
            f"typed as {fmt.value(gap.typed, kind)}, but its rows add up to "
            f"{fmt.value(gap.added, kind)}.", table.name, gap.column.key))
    return out


def _threshold_order(data: TableData) -> list[Finding]:
    keys = {c.key for c in data.table.columns}
    if not {"amber_from", "red_from"} <= keys:
        return []
    out = []
    for index, row in records(data.rows):
        amber, red = row["amber_from"], row["red_from"]
        if is_number(amber) and is_number(red) and float(amber) > float(red):
            label = row.get(data.table.key or "ref") or "An indicator"
            out.append(Finding(Severity.ERROR, data.sheet, data.cells.at[index, "amber_from"],
                               "row.thresholds",
                               f"{label} in "
                               f"{table_named(data.table)}: the own amber threshold "
                               f"({fmt.percent(float(amber))}) is above the own red threshold "
                               f"({fmt.percent(float(red))}); amber must come first.",
                               data.table.name, "amber_from"))
    return out


# --- fact tables ----------------------------------------------------------------------------


def _read_facts(m: MatchedTable, data: Dataset, fresh: bool,
                ignored: set[str] | frozenset[str] = frozenset(),
                missing: tuple[str, ...] = ()) -> list[Finding]:
    table, sheet = m.table, m.raw.sheet
    findings: list[Finding] = []
    declared = {f.key: f for f in table.facts}
    ref_pos, value_pos = m.positions.get("ref"), m.positions.get("value")
    note_pos = m.positions.get("note")
    if ref_pos is None or value_pos is None:
        return findings  # the missing column is already reported
    seen: dict[str, str] = {}
    named = table_named(table)
    for raw_row in m.raw.rows:
        ref_cell, value_cell = raw_row[ref_pos], raw_row[value_pos]
        if is_blank(ref_cell.value):
            continue
        ref = short(clean_text(fmt.value(ref_cell.value)), 60)
        fact = declared.get(ref)
        if fact is None and ref in ignored:
            continue  # a figure of the profile this workbook is not held to
        if fact is None:
            hint = difflib.get_close_matches(ref, list(declared), n=1, cutoff=0.6)
            also = f" Did you mean {hint[0]!r}?" if hint else ""
            findings.append(Finding(Severity.WARNING, sheet, ref_cell.address, "fact.unknown",
                                    f"{named} has a row with the Ref '{ref}', which the tool "
                                    f"does not know; it is ignored.{also}", table.name, "ref"))
            continue
        if ref in seen:
            findings.append(Finding(Severity.ERROR, sheet, ref_cell.address, "row.duplicate",
                                    f"The figure '{fact.label}' appears twice in {named} "
                                    f"(first at {seen[ref]}); delete one.", table.name, "ref",
                                    ref))
            continue
        seen[ref] = ref_cell.address
        data.fact_places[ref] = Place(sheet, value_cell.address)
        note_cell = raw_row[note_pos] if note_pos is not None and note_pos < len(raw_row) \
            else None
        if note_cell is not None and not is_blank(note_cell.value):
            data.notes[ref] = clean_text(str(note_cell.value)).strip()
            findings += _carried(sheet, table.name, fact, note_cell, value_cell)
        if fact.computed:
            continue  # written by the tool
        where = Where(sheet, table, f"'{fact.label}'", f"'Value' in {named}", "value", ref)
        if _marked_missing(value_cell.value, missing):
            data.facts[ref] = None  # not available, as the profile marks it
            continue
        parsed = parse(fact.kind, value_cell.value, unit=fact.unit, choices=fact.choices)
        cell_findings, value = _check_cell(where, fact, value_cell, parsed, fact.unit,
                                           missing)
        findings += cell_findings
        if value_cell.formula is not None:
            pass  # a formula without its result has a finding of its own
        elif fact.required and is_blank(value_cell.value) and fresh:
            findings.append(_not_filled(where, value_cell.address))
        elif fact.required and is_blank(value_cell.value):
            findings.append(where.finding(Severity.ERROR, value_cell.address, "cell.required",
                                          "blank, but it is required",
                                          "figures left blank, but each is required"))
        data.facts[ref] = value
    for key, fact in declared.items():
        if key not in seen:
            findings.append(Finding(Severity.ERROR, sheet, None, "fact.missing",
                                    f"{named} has no row for '{fact.label}'. Add a row whose "
                                    f"Ref is {key}.", table.name, "ref", key))
    return findings


def _carried(sheet: str, table: str, fact: Fact | None, note: RawCell,
             value: RawCell) -> list[Finding]:
    """A standing figure a new year carried over, not yet confirmed (its note unchanged)."""
    year = carried_over(note.value)
    if fact is None or year is None:
        return []
    return [Finding(Severity.WARNING, sheet, value.address, "fact.carried",
                    f"'{fact.label}' was carried over from {year} ({fmt.value(value.value)}). "
                    f"Confirm it still holds, or type this year's figure; then replace the "
                    f"note in {note.address} with its source.", table, "value", fact.key,
                    gist="figures carried over from last year, to confirm")]


# --- {ref} quotes in text ------------------------------------------------------------------


def _table_quote_problem(text: str, data: Dataset) -> str | None:
    """Why a quote of a table's figure names nothing; None when it names a figure."""
    try:
        ref = parse_quote(text, data.profile)
    except ValueError as exc:
        return f"it cannot be read: {exc}"
    if isinstance(ref, FactRef | SumRef):
        return None
    table = data.tables.get(ref.table)
    if table is None:
        return f"the workbook has no table {ref.table}"
    year = data.facts.get("reporting_year")
    date = data.facts.get(ref.date_fact) if isinstance(ref, YearRef) and ref.date_fact else None
    if row_for(ref, table, str(year) if year else None, date) is None:
        which = f"'{ref.row}'" if isinstance(ref, CellRef) else "for that year"
        return f"{table_named(table.table)} has no row {which}"
    return None


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
                    if is_table_quote(ref):
                        problem = _table_quote_problem(ref, data)
                        if problem:
                            out.append(Finding(
                                Severity.ERROR, table_data.sheet,
                                table_data.cells.at[index, column.key], "cell.placeholder",
                                f"{column_named(table_data.table, column.key)}: the text quotes "
                                f"{{{short(ref, 80)}}}, but {problem}.", table_data.table.name,
                                column.key))
                        continue
                    hint = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
                    also = f" Did you mean {{{hint[0]}}}?" if hint else ""
                    out.append(Finding(
                        Severity.ERROR, table_data.sheet, table_data.cells.at[index, column.key],
                        "cell.placeholder",
                        f"{column_named(table_data.table, column.key)}: the text quotes "
                        f"{{{short(ref)}}}, which is not a figure in any Key figures table "
                        f"nor one of {known_list()}.{also}", table_data.table.name,
                        column.key))
    return out

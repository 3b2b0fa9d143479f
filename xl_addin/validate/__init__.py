"""Validation: every problem in a workbook, found at once, each at its sheet and cell.

``validate(raw)`` finds the workbook's board profile (the one it records), then runs, in
order: the structure (tabs, tables, columns), every cell, the rules that span a table,
the chairs' own tables, the profile's cross-checks, the report's shape and the statutory
requirements. It never stops at the first problem, and it only checks: it returns the
findings and the typed data, with the rows that have errors marked, so that the
computation (:mod:`xl_addin.compute`) and the report skip just those rows. The whole
pipeline (checks, computation, disclosure control, page fit) is :func:`xl_addin.jobs.checked`.
"""

from __future__ import annotations

from dataclasses import dataclass

from xl_addin.core.findings import RULES, Finding, Severity
from xl_addin.core.raw import RawWorkbook, column_number
from xl_addin.schema import SETTINGS_TABLE, Profile
from xl_addin.schema.active import active_profile, newer_than
from xl_addin.schema.resolve import Resolved, profile_for, settings_area
from xl_addin.tables.dataset import Dataset, TableData
from xl_addin.validate.coverage import Coverage, coverage, statutory_findings
from xl_addin.validate.crosschecks import run_checks
from xl_addin.validate.own_tables import custom_tables
from xl_addin.validate.sections import section_findings
from xl_addin.validate.structure import match_structure
from xl_addin.validate.tables import read_tables

__all__ = ["validate", "Validation", "Finding", "Severity", "RULES"]

TABLE_WIDE = frozenset({"column.missing", "table.too-large", "cell.merged"})


@dataclass
class Validation:
    """What validation found, and the typed data it read (rows with errors marked)."""

    findings: list[Finding]
    data: Dataset
    profile: Profile  # the board's whole profile (data.profile: the part in use)
    version: str | None  # the profile version the workbook was made with
    coverage: Coverage | None  # the statutory requirements met; None: framework unknown


def validate(raw: RawWorkbook, profile: Profile | None = None, *,
             fresh: bool = False) -> Validation:
    """Every finding of the checks, and the typed data.

    ``profile`` overrides the profile the workbook records. ``fresh=True`` is for a
    workbook just rolled over to a new year: a blank required value is then 'not filled in
    yet' (severity info, rule cell.not-filled) instead of an error.
    """
    resolved = profile_for(raw.names, set(raw.tables), raw.source, profile)
    active = active_profile(resolved.profile, resolved.version,
                            area=settings_area(raw.tables))
    findings = _profile_notes(resolved)
    structure, matched = match_structure(raw, active)
    findings += structure
    own, custom = custom_tables(raw, resolved.profile, active)
    findings += own
    matched.update(custom)
    fact_keys = {fact.key for _, fact in active.iter_facts()}
    left_out = {fact.key for _, fact in resolved.profile.iter_facts()} - fact_keys
    table_findings, data = read_tables(matched, fact_keys, fresh, active, ignored=left_out)
    for name, table in data.tables.items():
        table.ref = matched[name].raw.ref if name in matched else ""
    findings += table_findings
    _mark_bad(data, findings)  # nothing below is worked out or checked from those rows
    findings = [f for f in findings if f.rule != "total.mismatch" or not
                data.bad_rows.get(f.table or "")]  # rows with errors do not add up
    findings += run_checks(active.checks, data, active)
    findings += section_findings(data, fresh)
    _mark_bad(data, findings)
    findings += _publication_note(data)
    statutory = coverage(data)
    findings += statutory_findings(data, fresh, statutory)
    return Validation(findings, data, resolved.profile, resolved.version, statutory)


def _profile_notes(resolved: Resolved) -> list[Finding]:
    notes = []
    if resolved.note:
        notes.append(Finding(Severity.INFO, None, None, "workbook.profile", resolved.note))
    profile = resolved.profile
    newer = [t.title for _, t in profile.iter_tables() if newer_than(t.since, resolved.version)]
    newer += [f"{c.header} ({t.title})" for _, t in profile.iter_tables() for c in t.columns
              if newer_than(c.since, resolved.version)]
    newer += [f"{f.label} ({t.title})" for t, f in profile.iter_facts()
              if newer_than(f.since, resolved.version)]
    if newer:
        notes.append(Finding(
            Severity.INFO, None, None, "workbook.older",
            f"This workbook was made with version {resolved.version} of the board profile "
            f"'{profile.name}'; version {profile.version} adds {', '.join(newer)}. They are "
            "not required of this workbook; lscb-report upgrade adds them, empty."))
    elif newer_than(resolved.version, profile.version):
        notes.append(Finding(
            Severity.WARNING, None, None, "workbook.newer",
            f"This workbook was made with version {resolved.version} of the board profile "
            f"'{profile.name}', newer than the {profile.version} installed here: update "
            "lscb-report, or some of its tables may be reported as unknown."))
    return notes


def _publication_note(data: Dataset) -> list[Finding]:
    """A note while Settings give no publication date: a final report needs one."""
    if data.facts.get("publication_date") is not None or "publication_date" in data.bad_facts:
        return []
    place = data.fact_places.get("publication_date")
    if place is None:
        return []  # a profile without the setting: the build says what is missing
    return [Finding(Severity.INFO, place.sheet, place.cell, "publication.date",
                    "'Publication date' is blank: a draft can be built, but a final report "
                    "needs the day it will be published, which its cover and properties give.",
                    SETTINGS_TABLE, "value", "publication_date")]


def _mark_bad(data: Dataset, findings: list[Finding]) -> None:
    """Mark the rows (and key figures) that have an error, so nothing is worked out from
    them; a table missing a column has every row marked."""
    errors = [f for f in findings if f.severity is Severity.ERROR and f.sheet]
    by_sheet: dict[str, list[TableData]] = {}
    for table in data.tables.values():
        by_sheet.setdefault(table.sheet, []).append(table)
    fact_cells: dict[tuple[str | None, str | None], str] = {
        (p.sheet, p.cell): key for key, p in data.fact_places.items()}
    for finding in errors:
        if (finding.sheet, finding.cell) in fact_cells:
            data.bad_facts.add(fact_cells[(finding.sheet, finding.cell)])
            continue
        for table in by_sheet.get(finding.sheet or "", []):
            if finding.rule in TABLE_WIDE and _in_table(table, finding.cell):
                data.bad_rows.setdefault(table.table.name, set()).update(table.rows.index)
                continue
            hits = table.cells.index[(table.cells == finding.cell).any(axis=1)] \
                if finding.cell and not table.cells.empty else []
            if len(hits):
                data.bad_rows.setdefault(table.table.name, set()).update(hits)


def _in_table(table: TableData, cell: str | None) -> bool:
    """Whether an A1 cell lies in the table's range (its header row included)."""
    if cell is None or not table.ref:
        return False
    corners = [_split(part) for part in table.ref.split(":")]
    point = _split(cell.split(":")[0])
    if point is None or None in corners or len(corners) != 2:
        return False
    (c1, r1), (c2, r2) = corners  # type: ignore[misc]
    return c1 <= point[0] <= c2 and r1 <= point[1] <= r2


def _split(a1: str) -> tuple[int, int] | None:
    letters = "".join(ch for ch in a1 if ch.isalpha()).upper()
    digits = "".join(ch for ch in a1 if ch.isdigit())
    if not letters or not digits:
        return None
    return column_number(letters), int(digits)

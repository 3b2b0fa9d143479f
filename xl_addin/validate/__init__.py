"""Validation: every problem in a workbook, found at once, each at its sheet and cell.

``validate(raw)`` finds the workbook's board profile (the one it records), then runs, in
order: the structure (tabs, tables, columns), every cell, the rules that span a table,
the chairs' own tables, the profile's cross-checks and the report's shape. It never stops
at the first problem, and it returns the typed data, with the rows that have errors
marked, for the computation and the report.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compute import Computed, compute
from ..dataset import Dataset, TableData
from ..disclosure import small_count_findings
from ..findings import RULES, Finding, Severity
from ..raw import RawWorkbook, column_number
from ..schema import Profile
from ..schema.active import active_profile, newer_than
from ..schema.resolve import Resolved, profile_for
from ..statutory import Publication
from ..statutory.coverage import coverage, statutory_findings
from .crosschecks import run_checks
from .custom import custom_tables
from .glance import glance_findings
from .sections import section_findings
from .structure import match_structure
from .tables import read_tables

__all__ = ["validate", "Result", "Finding", "Severity", "RULES", "skipped_rows"]

TABLE_WIDE = frozenset({"column.missing", "table.too-large", "cell.merged"})


@dataclass
class Result:
    findings: list[Finding]
    data: Dataset
    computed: Computed
    profile: Profile | None = None  # the board's whole profile (data.profile: the part in use)
    version: str | None = None  # the profile version the workbook was made with
    publication: Publication | None = None  # when the report is due, and where it must go

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def infos(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.INFO]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def unfilled(self) -> list[Finding]:
        """Notes of a fresh workbook: cells, and statutory content, not filled in yet."""
        return [f for f in self.findings if self.is_unfilled(f)]

    @staticmethod
    def is_unfilled(finding: Finding) -> bool:
        """Whether a finding is one of :attr:`unfilled` (without building the list)."""
        rule = finding.rule
        return finding.severity is Severity.INFO and (
            rule == "cell.not-filled"
            or (rule.startswith("statutory.") and rule != "statutory.deadline"))


def validate(raw: RawWorkbook, profile: Profile | None = None, *, fresh: bool = False) -> Result:
    """Every finding, the typed data and the computed figures.

    ``profile`` overrides the profile the workbook records. ``fresh=True`` is for a
    workbook just rolled over to a new year: a blank required value is then 'not filled in
    yet' (severity info, rule cell.not-filled) instead of an error.
    """
    resolved = profile_for(raw.names, set(raw.tables), raw.source, profile)
    active = active_profile(resolved.profile, resolved.version)
    findings = _profile_notes(resolved)
    structure, matched = match_structure(raw, active)
    findings += structure
    own, custom = custom_tables(raw, resolved.profile, active)
    findings += own
    matched.update(custom)
    fact_keys = {fact.key for _, fact in active.iter_facts()}
    table_findings, data = read_tables(matched, fact_keys, fresh, active)
    for name, table in data.tables.items():
        table.ref = matched[name].raw.ref if name in matched else ""
    findings += table_findings
    findings += run_checks(active.checks, data, active)
    findings += section_findings(data, fresh)
    _mark_bad(data, findings)
    computed = compute(data)
    findings += computed.findings
    statutory = coverage(data)
    findings += statutory_findings(data, fresh, statutory)
    findings += small_count_findings(data)
    findings += glance_findings(data, computed)
    findings.sort(key=lambda f: f.sort_key)
    return Result(findings, data, computed, resolved.profile, resolved.version,
                  statutory.publication if statutory is not None else None)


def skipped_rows(result: Result) -> str:
    """What the errors kept out of the computation, in words (for the CLI and the pane)."""
    profile = result.data.profile
    parts = []
    for name, rows in result.computed.skipped.items():
        title = profile.table(name).title if profile.has_table(name) else name
        parts.append(f"'{title}' ({rows} row{'s' if rows != 1 else ''})")
    if not parts:
        return "Nothing was left out."
    return "Left out because of errors: " + "; ".join(parts) + "."


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

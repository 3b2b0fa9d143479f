"""Validation: every problem in a workbook, found at once, each at its sheet and cell.

``validate(raw)`` runs, in order: the structure (tabs, tables, columns), every cell, the
rules that span a table, and the declared cross-checks. It never stops at the first
problem, and it returns the typed data for the computation and the report.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compute import Computed, compute
from ..dataset import Dataset
from ..findings import RULES, Finding, Severity
from ..raw import RawWorkbook
from ..schema import CHECKS, SCHEMA, WorkbookSchema
from ..schema.crossref import Check
from .crosschecks import run_checks
from .structure import match_structure
from .tables import read_tables

__all__ = ["validate", "Result", "Finding", "Severity", "RULES"]


@dataclass
class Result:
    findings: list[Finding]
    data: Dataset
    computed: Computed

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def infos(self) -> list[Finding]:
        """Cells not filled in yet (only when validated with ``fresh=True``)."""
        return [f for f in self.findings if f.severity is Severity.INFO]

    @property
    def ok(self) -> bool:
        return not self.errors


def validate(raw: RawWorkbook, schema: WorkbookSchema = SCHEMA,
             checks: tuple[Check, ...] = CHECKS, *, fresh: bool = False) -> Result:
    """Every finding, the typed data and the computed figures.

    ``fresh=True`` is for a workbook just rolled over to a new year: a blank required value
    is then 'not filled in yet' (severity info, rule cell.not-filled) instead of an error.
    """
    findings, matched = match_structure(raw, schema)
    fact_keys = {fact.key for _, fact in schema.iter_facts()}
    table_findings, data = read_tables(matched, fact_keys, fresh)
    findings += table_findings
    findings += run_checks(checks, data, schema)
    computed = compute(data)
    findings += computed.findings
    findings.sort(key=lambda f: f.sort_key)
    return Result(findings, data, computed)

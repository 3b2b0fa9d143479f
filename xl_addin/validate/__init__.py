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
    def ok(self) -> bool:
        return not self.errors


def validate(raw: RawWorkbook, schema: WorkbookSchema = SCHEMA,
             checks: tuple[Check, ...] = CHECKS) -> Result:
    findings, matched = match_structure(raw, schema)
    fact_keys = {fact.key for _, fact in schema.iter_facts()}
    table_findings, data = read_tables(matched, fact_keys)
    findings += table_findings
    findings += run_checks(checks, data, schema)
    computed = compute(data)
    findings += computed.findings
    findings.sort(key=lambda f: f.sort_key)
    return Result(findings, data, computed)

"""Figures the board signed off to keep as typed, where the report would print its own.

The report normally prints the tool's figure where it works one out (a rate, a share, a
rating, a total) and says in About the figures what was published at the time. When the
business unit signs a disagreement off with the decision to keep the typed figure
(:data:`~xl_addin.schema.signoff_tab.KEEP`), the report prints the typed figure there
instead, and About the figures gives the board's reason. :func:`kept_figures` finds those
figures from the findings; :class:`~xl_addin.report.content.sources.Sources` applies them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from xl_addin.compute.headlines import Results
from xl_addin.core.findings import Finding
from xl_addin.schema import Role, Table
from xl_addin.schema.signoff_tab import KEEP
from xl_addin.tables.dataset import Dataset

__all__ = ["Kept", "KeptCell", "KeptTotal", "kept_figures", "published_pairs", "REPLACED"]

# The disagreements where the report prints the tool's figure in place of a typed one.
REPLACED = frozenset({"check.rate", "check.percent", "rag.published", "total.mismatch"})


def published_pairs(table: Table) -> dict[str, str]:
    """The column as published -> the tool's column that takes its place in print."""
    out: dict[str, str] = {}
    for column in table.columns:
        if column.role is not Role.COMPUTED:
            continue
        reference = table.display.fallback.get(column.key) or f"published_{column.key}"
        if table.has(reference) and table.column(reference).role is Role.REFERENCE:
            out[reference] = column.key
    return out


@dataclass(frozen=True)
class KeptCell:
    table: str
    index: object  # the row's index in the typed table
    column: str  # the tool's column, printed with the typed figure instead
    typed: object
    finding: Finding


@dataclass(frozen=True)
class KeptTotal:
    table: str
    column: str
    group: tuple[object, ...]
    typed: object
    finding: Finding


@dataclass(frozen=True)
class Kept:
    cells: Mapping[tuple[str, object], tuple[KeptCell, ...]] = field(default_factory=dict)
    totals: Mapping[tuple[str, str, tuple[object, ...]], KeptTotal] = field(
        default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.cells or self.totals)

    def all(self) -> list[KeptCell | KeptTotal]:
        return [*(c for cells in self.cells.values() for c in cells), *self.totals.values()]


def kept_figures(data: Dataset, findings: Iterable[Finding]) -> Kept:
    """The typed figures a sign-off keeps, each where the report prints it."""
    cells: dict[tuple[str, object], list[KeptCell]] = {}
    totals: dict[tuple[str, str, tuple[object, ...]], KeptTotal] = {}
    for finding in findings:
        signed = finding.signed
        if signed is None or signed.decision != KEEP or finding.rule not in REPLACED:
            continue
        table = data.tables.get(finding.table or "")
        if table is None or not finding.column or not finding.cell:
            continue
        spec = table.table
        if finding.rule == "total.mismatch":
            hits = table.total_cells.index[(table.total_cells == finding.cell).any(axis=1)] \
                if not table.total_cells.empty else []
            if len(hits):
                row = table.totals.loc[hits[0]]
                group = tuple(row[g] for g in spec.groups)
                totals[(spec.name, finding.column, group)] = KeptTotal(
                    spec.name, finding.column, group, row[finding.column], finding)
            continue
        hits = table.cells.index[(table.cells == finding.cell).any(axis=1)] \
            if not table.cells.empty else []
        tool = published_pairs(spec).get(finding.column)
        if not len(hits) or tool is None:
            continue
        index = hits[0]
        cells.setdefault((spec.name, index), []).append(KeptCell(
            spec.name, index, tool, table.rows.at[index, finding.column], finding))
    return Kept({k: tuple(v) for k, v in cells.items()}, totals)


class KeptResults:
    """The computation's figures as the headlines read them, with each figure the board
    kept as published taken from the published column (the tool's is hidden), so the year
    at a glance gives what the tables give."""

    def __init__(self, computed: Results, kept: Kept) -> None:
        self.computed, self.kept = computed, kept
        self.facts = computed.facts

    def value(self, table: str, index: object, column: str) -> object:
        if any(c.column == column for c in self.kept.cells.get((table, index), ())):
            return None
        return self.computed.value(table, index, column)


__all__ += ["KeptResults"]

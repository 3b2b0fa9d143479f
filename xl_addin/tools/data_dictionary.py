"""Write docs/data-dictionary.md from the schema, the rules and the cross-checks.

    python -m xl_addin.tools.data_dictionary          # rewrite docs/data-dictionary.md
    python -m xl_addin.tools.data_dictionary --check  # exit 1 if the file is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..findings import RULES
from ..schema import CHECKS, SCHEMA, SECTIONS, Column, Fact, Kind, Table
from .generated import write_or_check

__all__ = ["render", "DICTIONARY_PATH"]

DICTIONARY_PATH = Path(__file__).resolve().parents[2] / "docs" / "data-dictionary.md"


def render() -> str:
    lines = [
        "# Data dictionary",
        "",
        "Generated from the schema by `python -m xl_addin.tools.data_dictionary`; do not edit.",
        "",
        f"Schema version {SCHEMA.version}: {len(SCHEMA.sheets)} tabs, "
        f"{sum(1 for _ in SCHEMA.iter_tables())} Excel Tables, "
        f"{sum(1 for _ in SCHEMA.iter_facts())} key figures, {len(CHECKS)} cross-checks.",
        "",
        "Roles: **input** is typed by a person; **computed** is written by the tool (never "
        "type there); **reference** keeps a figure as it was published, so the tool's own "
        "figure can be checked against it.",
        "",
        "## Tabs",
        "",
        "| Tab | Owner | Report sections | What it holds |",
        "| --- | --- | --- | --- |",
    ]
    for sheet in SCHEMA.sheets:
        sections = ", ".join(str(n) for n in sheet.sections) or "-"
        lines.append(f"| {sheet.name} | {sheet.owner} | {sections} | {sheet.description} |")
    lines += ["", "## Report sections", "", "| No. | Section | Tab |", "| --- | --- | --- |"]
    lines += [f"| {s.number} | {s.title} | {s.sheet} |" for s in SECTIONS.values()]
    for sheet in SCHEMA.sheets:
        lines += ["", f"## {sheet.name}", "", f"Owner: {sheet.owner}. {sheet.description}"]
        for table in sheet.tables:
            lines += _table(table)
    lines += ["", "## Validation rules", "", "| Rule | Severity | Meaning |",
              "| --- | --- | --- |"]
    lines += [f"| `{rule}` | {sev} | {text} |" for rule, (sev, text) in RULES.items()]
    lines += ["", "## Cross-checks", "", "| Check | Kind | Why the figures should agree |",
              "| --- | --- | --- |"]
    lines += [f"| `{c.id}` | {type(c).__name__} | {c.why} |" for c in CHECKS]
    return "\n".join(lines) + "\n"


def _table(table: Table) -> list[str]:
    lines = ["", f"### {table.name}: {table.title}", "", table.description, ""]
    notes = []
    if table.key:
        notes.append(f"Each row is identified by **{table.column(table.key).header}**.")
    if table.total_label:
        notes.append(f"A row labelled '{table.total_label}' is a totals row, checked against "
                     "the rows above it.")
    if table.year_column:
        notes.append("Years run oldest first, one row per year.")
    if notes:
        lines += [" ".join(notes), ""]
    if table.is_fact_table:
        lines += ["| Ref | Figure | Type | Required | Notes |", "| --- | --- | --- | --- | --- |"]
        lines += [_fact_row(f) for f in table.facts]
    else:
        lines += ["| Column | Type | Role | Required | Allowed values | Description |",
                  "| --- | --- | --- | --- | --- | --- |"]
        lines += [_column_row(c) for c in table.columns]
    return lines


def _column_row(column: Column) -> str:
    kind = column.kind.value + (f" ({column.unit})" if column.unit else "")
    if column.choices:
        allowed = ", ".join(column.choices)
    elif column.kind is Kind.PERCENT:
        allowed = "0% to 100%"
    else:
        allowed = _range(column.minimum, column.maximum) if column.is_numeric else ""
    required = "yes" if column.required else ("if " + ", ".join(column.required_if)
                                              if column.required_if else "")
    return (f"| {column.header} | {kind} | {column.role.value} | {required} | {allowed} | "
            f"{column.description} |")


def _fact_row(fact: Fact) -> str:
    allowed = ", ".join(fact.choices)
    notes = "; ".join(x for x in (fact.description, allowed) if x)
    return (f"| `{fact.key}` | {fact.label} | {fact.kind.value} | "
            f"{'yes' if fact.required else ''} | {notes} |")


def _range(low: float | None, high: float | None) -> str:
    if low is None and high is None:
        return ""
    if high is None:
        return f">= {low:g}"
    return f"{low:g} to {high:g}" if low is not None else f"<= {high:g}"


def main(argv: list[str] | None = None) -> int:
    command = "python -m xl_addin.tools.data_dictionary"
    return write_or_check(DICTIONARY_PATH, render(), command, argv)


if __name__ == "__main__":
    sys.exit(main())

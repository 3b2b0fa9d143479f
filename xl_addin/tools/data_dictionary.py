"""Write each shipped profile's data dictionary: its tabs, tables, columns and checks.

    python -m xl_addin.tools.data_dictionary          # rewrite docs/profiles/*/data-dictionary.md
    python -m xl_addin.tools.data_dictionary --check  # exit 1 if one is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from xl_addin.core.findings import DISAGREEMENTS, RULES
from xl_addin.schema import Column, Fact, Kind, Profile, Table
from xl_addin.statutory import frameworks
from xl_addin.tools.generated import write_or_check_all
from xl_addin.tools.profiles import DOCS, shipped_profiles

__all__ = ["render", "dictionary_path"]


def dictionary_path(profile: Profile) -> Path:
    return DOCS / profile.name / "data-dictionary.md"


def render(profile: Profile) -> str:
    schema = profile
    lines = [
        f"# Data dictionary: {profile.title}",
        "",
        f"Generated from the board profile `{profile.name}` by "
        "`python -m xl_addin.tools.data_dictionary`; do not edit.",
        "",
        f"Profile version {schema.version}: {len(profile.sections)} report sections, "
        f"{len(schema.sheets)} tabs, {sum(1 for _ in schema.iter_tables())} Excel Tables, "
        f"{sum(1 for _ in schema.iter_facts())} key figures, {len(profile.checks)} "
        "cross-checks.",
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
    for sheet in schema.sheets:
        written = sheet.narrative.sections if sheet.narrative else ()
        owned = [s.id for s in profile.sections if s.tab == sheet.name]
        sections = ", ".join(f"`{i}`" for i in dict.fromkeys([*owned, *written])) or "-"
        lines.append(f"| {sheet.name} | {sheet.owner} | {sections} | {sheet.description} |")
    lines += ["", "## Report sections", "",
              "In the profile's order; the Word template may place them in another order, "
              "and the printed numbers follow the template.", "",
              "| Id | Section | Tab | Template tag | Note |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| `{s.id}` | {s.title} | {s.tab} | `{{{{p {s.tag} }}}}` | "
              f"{'' if s.enabled else 'switched off'}"
              f"{'built by ' + s.builder if s.builder else ''} |" for s in profile.sections]
    for sheet in schema.sheets:
        lines += ["", f"## {sheet.name}", "", f"Owner: {sheet.owner}. {sheet.description}"]
        for table in sheet.tables:
            lines += _table(table)
    lines += ["", "## Validation rules", "", "| Rule | Severity | Meaning |",
              "| --- | --- | --- |"]
    lines += [f"| `{rule}` | {sev} | {text}"
              + (" A disagreement: corrected, or signed off on the Sign-off tab, before a "
                 "final report." if rule in DISAGREEMENTS else "") + " |"
              for rule, (sev, text) in RULES.items()]
    lines += _statutory(profile)
    lines += ["", "## Cross-checks", "", "| Check | Kind | Why the figures should agree |",
              "| --- | --- | --- |"]
    lines += [f"| `{c.id}` | {type(c).__name__} | {c.why} |" for c in profile.checks]
    if profile.headlines:
        lines += ["", "## Headline figures", "", "| Key | Figure | Kind | Comes from |",
                  "| --- | --- | --- | --- |"]
        lines += [f"| `{h.key}` | {h.label} | {h.kind} | `{h.source}` |"
                  for h in profile.headlines]
    return "\n".join(lines) + "\n"


def _statutory(profile: Profile) -> list[str]:
    """Where this profile's report meets each statutory requirement (its statutory: key)."""
    if not profile.statutory:
        return []
    lines = ["", "## Statutory requirements", "",
             "Where the report meets each requirement of the statutory guidance named on "
             "Settings (`statutory:` in the profile; the requirements are in "
             "`xl_addin/statutory/frameworks.yaml`). Every section, table and key figure "
             "listed must have content, or validation reports `statutory.<requirement>`.", "",
             "| Requirement | Frameworks | Sections | Tables | Key figures |",
             "| --- | --- | --- | --- | --- |"]
    for requirement, where in profile.statutory.items():
        names = ", ".join(f.name for f in frameworks()
                          if any(r.id == requirement for r in f.requirements))
        lines.append(f"| `{requirement}` | {names} | "
                     + " | ".join(", ".join(f"`{n}`" for n in getattr(where, kind)) or "-"
                                  for kind in ("sections", "tables", "facts")) + " |")
    return lines


def _table(table: Table) -> list[str]:
    lines = ["", f"### {table.title} (`{table.name}`)", "", table.description, ""]
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
    files = {dictionary_path(p): render(p) for p in shipped_profiles()}
    return write_or_check_all(files, command, argv)


if __name__ == "__main__":
    sys.exit(main())

"""Checks on the report's shape: placement rows, and sections with nothing in them yet.

A Report text row with the Style "Table" or "Chart" must name a table (by its title on its
tab, or its Excel Table name); a table placed twice prints at its first place only. A
section with no text and no table rows yet is left out of the report (a draft marks it).
"""

from __future__ import annotations

import difflib

from xl_addin.core.findings import Finding, Severity
from xl_addin.schema import PLACEMENT_STYLES, Profile
from xl_addin.tables.dataset import Dataset, records
from xl_addin.tables.placement import find_table, loose, section_labels, section_of

__all__ = ["section_findings"]


def section_findings(data: Dataset, fresh: bool = False) -> list[Finding]:
    profile = data.profile
    findings: list[Finding] = []
    placed: dict[str, str] = {}  # table -> where first placed
    written: set[str] = set()  # sections with any text or placement
    labels = section_labels(data)
    for sheet in profile.sheets:
        if sheet.narrative is None or sheet.narrative.table not in data.tables:
            continue
        table_data = data.tables[sheet.narrative.table]
        for index, row in records(table_data.rows):
            section = section_of(labels, row["section"])
            if section is not None and row["text"]:
                written.add(section)
            if str(row["style"]) not in PLACEMENT_STYLES or not row["text"]:
                continue
            cell = str(table_data.cells.at[index, "text"])
            table = find_table(data, str(row["text"]), sheet.name)
            if table is None:
                findings.append(_unknown(data, sheet.name, cell, str(row["text"])))
                continue
            if table.name in placed:
                findings.append(Finding(
                    Severity.WARNING, sheet.name, cell, "text.placed-twice",
                    f"'{row['text']}' is already placed at {placed[table.name]}; the report "
                    "prints each table once, at its first place. Delete one of the two rows."))
            else:
                placed[table.name] = f"'{sheet.name}'!{cell}"
    if not fresh:
        findings += _empty_sections(data, profile, written)
    return findings


def _unknown(data: Dataset, sheet: str, cell: str, text: str) -> Finding:
    titles = sorted({t.table.title for t in data.tables.values() if not t.table.is_narrative
                     and not t.table.is_fact_table})
    close = difflib.get_close_matches(text, titles, n=1, cutoff=0.5)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    return Finding(Severity.WARNING, sheet, cell, "text.placement",
                   f"No table is titled '{text}', so nothing is placed here.{hint} Write the "
                   "title exactly as it stands above the table on its tab.")


def _empty_sections(data: Dataset, profile: Profile, written: set[str]) -> list[Finding]:
    filled: set[str] = set(written)
    for table_data in data.tables.values():
        table = table_data.table
        if table_data.rows.empty or table.display.hidden or table.is_narrative:
            continue
        if profile.has_table(table.name):
            home = profile.section_of_table(table)
            if home is not None:
                filled.add(home.id)
        else:
            filled.update(s.id for s in profile.sections if s.tab == table_data.sheet)
    out = []
    for section in profile.enabled_sections():
        if section.id in filled or section.builder is not None:
            continue
        out.append(Finding(
            Severity.WARNING, section.tab, None, "section.empty",
            f"The section '{section.label}' has no text or figures yet, so the report leaves "
            "it out (a draft shows it as not filled in yet)."))
    return out


_ = loose

"""Upgrade a workbook to the current version of its board profile (or to another profile).

Everything typed is carried across as it was typed, cell by cell, matched by table name
and column heading; tables and columns the workbook lacks are added empty; what could not
be carried (a column or a table the profile no longer has) is listed. The input is never
changed; the output is written whole or not at all.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from xl_addin.core.errors import OutputError
from xl_addin.core.raw import RawTable
from xl_addin.jobs.next_year import check_new_year_output
from xl_addin.readers.xlsx import read_workbook
from xl_addin.schema import Profile, Role, Table
from xl_addin.schema.active import active_profile
from xl_addin.schema.resolve import profile_for, settings_area
from xl_addin.validate.cells import is_blank
from xl_addin.validate.own_tables import TOOL_TABS, infer_table
from xl_addin.validate.structure import normalise
from xl_addin.writers.workbook.fresh import build_workbook, save_workbook

__all__ = ["upgrade", "Upgraded", "carried_rows"]

Row = dict[str, object]


@dataclass
class Upgraded:
    profile: Profile
    changes: list[str] = field(default_factory=list)


def upgrade(source: Path, out: Path, *, profile: Profile | None = None,
                 force: bool = False) -> Upgraded:
    source, out = Path(source), Path(out)
    try:
        check_new_year_output(source, out, force=force)
    except OutputError as exc:
        raise OutputError(str(exc).replace("next year's workbook", "the upgraded workbook")) \
            from exc
    raw = read_workbook(source)
    resolved = profile_for(raw.names, set(raw.tables), raw.source, profile)
    target = resolved.profile
    done = Upgraded(target)
    if resolved.note:
        done.changes.append(resolved.note)
    if resolved.version != target.version or profile is not None:
        done.changes.append(f"recorded the board profile '{target.name}', version "
                            f"{target.version} (it was {resolved.version or 'not recorded'}).")
    own: list[tuple[str, Table]] = []
    rows = carried_rows(raw.tables, target, done.changes, own, settings_area(raw.tables))
    save_workbook(build_workbook(target, rows, own), out)
    return done


def carried_rows(tables: dict[str, RawTable], profile: Profile, changes: list[str],
                 own: list[tuple[str, Table]] | None = None,
                 area: str | None = None) -> dict[str, list[Row]]:
    """Each table the profile has switched on, its rows carried from the workbook's table
    of the same name; and, into ``own``, the chairs' own tables on its tabs, carried whole.
    ``area``: the Settings area, which names sections in Report text."""
    rows: dict[str, list[Row]] = {}
    active = active_profile(profile, area=area)
    known = {t.name for _, t in active.iter_tables()}
    off = {t.name for _, t in profile.iter_tables()} - known
    for sheet, table in active.iter_tables():
        raw = tables.get(table.name)
        if raw is None:
            changes.append(f"added the table '{table.title}' to the '{sheet.name}' tab, "
                           "empty.")
            continue
        rows[table.name] = _carry(raw, table, changes, sheet.name)
    tabs = {sheet.name for sheet in active.sheets}
    for name, raw in tables.items():
        if name in known or raw.sheet in TOOL_TABS:
            continue
        filled = any(not is_blank(c.value) for r in raw.rows for c in r)
        if name in off:
            if filled:
                changes.append(f"not carried: the table '{raw.title or name}' on the "
                               f"'{raw.sheet}' tab, whose section is switched off in the "
                               f"profile ({name} keeps it).")
        elif own is not None and raw.sheet in tabs and raw.headers:
            declared = infer_table(raw)
            own.append((raw.sheet, declared))
            rows[name] = _carry_own(raw, declared)
            changes.append(f"carried your own table '{declared.title}' on the '{raw.sheet}' "
                           f"tab, as it was ({len(rows[name])} row(s)).")
        else:
            changes.append(f"not carried: the table '{raw.title or name}' on the "
                           f"'{raw.sheet}' tab is not in the profile (copy it across by hand "
                           "if it is still wanted).")
    return rows


def _carry_own(raw: RawTable, table: Table) -> list[Row]:
    """A chair's own table's rows, as typed."""
    keys = [c.key for c in table.columns]
    out = []
    for cells in raw.rows:
        row = {key: cells[i].value for i, key in enumerate(keys) if i < len(cells)}
        if any(not is_blank(v) for v in row.values()):
            out.append(row)
    return out


def _carry(raw: RawTable, table: Table, changes: list[str], tab: str) -> list[Row]:
    by_header = {normalise(cell.value): i for i, cell in enumerate(raw.headers)}
    positions: dict[str, int] = {}
    for column in table.columns:
        if column.role is Role.COMPUTED:  # worked out again, never carried: but it is there
            by_header.pop(normalise(column.header), None)
            continue
        position = by_header.pop(normalise(column.header), None)
        if position is None:
            changes.append(f"added the column '{column.header}' to '{table.title}' "
                           f"({tab} tab), empty.")
        else:
            positions[column.key] = position
    for i in by_header.values():
        header = raw.headers[i].value
        if not is_blank(header):
            changes.append(f"not carried: the column '{header}' of '{table.title}' ({tab} "
                           "tab) is not in the profile.")
    out: list[Row] = []
    relabelled = 0
    for cells in raw.rows:
        row = {key: cells[i].value for key, i in positions.items() if i < len(cells)}
        if all(is_blank(v) for v in row.values()):
            continue
        if table.is_narrative and isinstance(row.get("section"), str):
            label = _section_label(str(row["section"]), table)
            relabelled += label != row["section"]
            row["section"] = label
        out.append(row)
    if relabelled:
        changes.append(f"'{table.title}' ({tab} tab): {relabelled} Section cell(s) moved to "
                       "the section names this version uses.")
    return out


def _section_label(value: str, table: Table) -> str:
    """'12. Key LSCB Performance Indicators' (before sections had ids) -> its name now."""
    number, dot, rest = value.strip().partition(". ")
    text = rest if dot and number.isdigit() else value.strip()
    choices = {normalise(c): c for c in table.column("section").choices}
    if normalise(text) in choices:
        return choices[normalise(text)]
    close = difflib.get_close_matches(normalise(text), list(choices), n=1, cutoff=0.85)
    return choices[close[0]] if close else value  # a retitled section ("Subgroups")

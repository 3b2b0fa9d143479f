"""The part of a profile a given workbook is held to.

Two things make a profile's table not required: its section is switched off (a board
that does not report on something), or it is newer than the workbook (a table added in
a later version of the profile, which ``lscb-report upgrade`` adds). A column or a key
figure added in a later version is likewise not required of an older workbook.
"""

from __future__ import annotations

from dataclasses import replace

from xl_addin.schema.behaviours import SETTINGS_TABLE, TABLE_BEHAVIOURS
from xl_addin.schema.model import Profile, Section, Sheet, Table

__all__ = ["active_profile", "version_key", "newer_than", "serves"]


def version_key(version: str | None) -> tuple[int, ...]:
    """'2.1' -> (2, 1); a missing or unreadable version counts as the oldest."""
    try:
        return tuple(int(part) for part in str(version or "0").split("."))
    except ValueError:
        return (0,)


def newer_than(since: str | None, workbook_version: str | None) -> bool:
    return since is not None and workbook_version is not None and \
        version_key(since) > version_key(workbook_version)


def serves(profile: Profile, sheet: Sheet, table: Table) -> list[Section]:
    """The sections a table can print in or feed: its own, or its tab's."""
    if table.section is not None:
        return [profile.section(table.section)]
    ids = [s.id for s in profile.sections if s.tab == sheet.name]
    if sheet.narrative is not None:
        ids += [i for i in sheet.narrative.sections if i not in ids]
    return [profile.section(i) for i in ids]


def _needed(profile: Profile, sheet: Sheet, table: Table) -> bool:
    if table.name == SETTINGS_TABLE:
        return True
    sections = serves(profile, sheet, table)
    return not sections or any(s.enabled for s in sections)


def active_profile(profile: Profile, workbook_version: str | None = None, *,
                   area: str | None = None, generic: bool = True) -> Profile:
    """``profile`` without the tables of switched-off sections, nor the tables and columns
    added after ``workbook_version`` (None: the workbook is as new as the profile), nor the
    settings only a switched-off behaviour reads (the indicators' RAG tolerances).

    ``area`` (the Settings area) names the sections in the Report text dropdowns ("Children
    in Northshire"); ``generic`` also allows the names a blank workbook offers ("Children in
    The Area"), as validation must."""
    sheets = []
    unused = _unused_settings(profile)
    for sheet in profile.sheets:
        tables = []
        for table in sheet.tables:
            if not _needed(profile, sheet, table) or newer_than(table.since, workbook_version):
                continue
            columns = tuple(c for c in table.columns
                            if not newer_than(c.since, workbook_version))
            facts = tuple(f for f in table.facts if not newer_than(f.since, workbook_version)
                          and not (table.name == SETTINGS_TABLE and f.key in unused))
            if table.is_narrative and sheet.narrative is not None:
                table = _narrative_for(profile, sheet, table, area, generic)
            elif columns != table.columns and not table.is_fact_table:
                table = replace(table, columns=columns)
            elif facts != table.facts:
                if not facts:
                    continue  # every figure in it is newer than the workbook
                table = replace(table, columns=(), facts=facts)
            tables.append(table)
        if tables:
            sheets.append(replace(sheet, tables=tuple(tables)))
    if len(sheets) == len(profile.sheets) and all(
            a.tables == b.tables for a, b in zip(sheets, profile.sheets, strict=True)):
        return profile
    return replace(profile, sheets=tuple(sheets))


def _unused_settings(profile: Profile) -> set[str]:
    """Settings read only by a behaviour no table that is switched on has."""
    used = {t.behaviour for sheet in profile.sheets for t in sheet.tables
            if t.behaviour and _needed(profile, sheet, t)}
    return {key for name, behaviour in TABLE_BEHAVIOURS.items() if name not in used
            for key in behaviour.settings}


def _narrative_for(profile: Profile, sheet: Sheet, table: Table, area: str | None,
                   generic: bool) -> Table:
    """A Report text table offers only the sections that are switched on, named with the
    Settings area where it is known."""
    column = table.column("section")
    assert sheet.narrative is not None
    ids = [i for i in sheet.narrative.sections if profile.section(i).enabled]
    labels = [profile.section(i).label_for(area) for i in ids]
    if generic or not area:
        labels += [profile.section(i).label for i in ids]
    choices = tuple(dict.fromkeys(labels))
    if choices == column.choices:
        return table
    columns = tuple(replace(c, choices=choices) if c.key == "section" else c
                    for c in table.columns)
    return replace(table, columns=columns)

"""Which profile a workbook follows: the one it records, or, for a workbook made before
workbooks recorded one, the installed profile whose tables it has most of.

A workbook records its profile and the profile's version as two defined names
(:data:`PROFILE_NAME`, :data:`VERSION_NAME`), which chairs never see or type over and which
Excel, LibreOffice and Excel on the web all keep.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from xl_addin.core.errors import NotAMasterWorkbook
from xl_addin.core.raw import RawTable
from xl_addin.schema.behaviours import SETTINGS_TABLE
from xl_addin.schema.loader import ProfileError, available_profiles, load_profile, read_profile
from xl_addin.schema.model import Profile

__all__ = ["PROFILE_NAME", "VERSION_NAME", "Resolved", "profile_for", "settings_area"]

PROFILE_NAME = "lscb_profile"
VERSION_NAME = "lscb_schema_version"


@dataclass(frozen=True)
class Resolved:
    profile: Profile
    version: str | None  # the profile version the workbook was made with, if recorded
    note: str | None = None  # how the profile was chosen, when the workbook did not say


def profile_for(names: Mapping[str, str], tables: set[str], source: str,
                chosen: Profile | None = None) -> Resolved:
    """The profile for a workbook with these defined names and Excel Tables.

    ``chosen`` (a profile the user named) wins over what the workbook records.
    """
    recorded = (names.get(PROFILE_NAME) or "").strip() or None
    version = (names.get(VERSION_NAME) or "").strip() or None
    if chosen is not None:
        return Resolved(chosen, version if recorded in (None, chosen.name) else None)
    if recorded is not None:
        try:
            return Resolved(load_profile(recorded), version)
        except ProfileError as exc:
            raise ProfileError(source, [f"it was made with the board profile {recorded!r}, "
                                        "which this installation cannot use: "
                                        + "; ".join(exc.problems)
                                        + ". Install that profile (LSCB_PROFILES) or name "
                                        "one with --profile."]) from exc
    best: tuple[int, Profile] | None = None
    for info in available_profiles():
        try:
            profile = read_profile(info.path)
        except ProfileError:
            continue
        names_in = {t.name for _, t in profile.iter_tables()}
        overlap = len(names_in & tables)
        if overlap * 2 > len(names_in) and (best is None or overlap > best[0]):
            best = (overlap, profile)
    if best is None:
        raise NotAMasterWorkbook(
            f"{source} does not say which board profile it follows, and its tables match "
            "none of the installed profiles (lscb-report profiles). Name one with --profile.")
    return Resolved(best[1], version, f"{source} does not record its board profile; it has "
                    f"most of the tables of '{best[1].name}', so that profile is used. "
                    "Run lscb-report upgrade to record it.")


def settings_area(tables: Mapping[str, RawTable]) -> str | None:
    """The area typed on a workbook's Settings tab, read before its tables are: the Report
    text dropdowns name sections with it ("Children in Northshire")."""
    table = tables.get(SETTINGS_TABLE)
    if table is None:
        return None
    for row in table.rows:  # Ref, Figure, Value, Source or note
        if len(row) > 2 and str(row[0].value or "").strip() == "area":
            value = row[2].value
            return (value.strip() or None) if isinstance(value, str) else None
    return None

"""A board's profile: the one description of its report, its workbook and their rules.

Everything that names a sheet, a table, a column, a section or a check reads it from a
:class:`Profile`, loaded from a data file (``workbook/profiles/*.yaml``) by
:func:`load_profile`. Nothing particular to one board lives in the code.
"""

from __future__ import annotations

from xl_addin.schema.behaviours import CORE_SETTINGS, REQUIRED_SETTINGS, SETTINGS_TABLE
from xl_addin.schema.loader import (
    ProfileError,
    ProfileInfo,
    available_profiles,
    load_profile,
    narrative_table,
    profile_folders,
    read_profile,
)
from xl_addin.schema.model import (
    FACT_COLUMNS,
    NARRATIVE_STYLES,
    PLACEMENT_STYLES,
    ChartSpec,
    Column,
    Display,
    Fact,
    GroupSpec,
    HeadlineSpec,
    Kind,
    Narrative,
    Profile,
    Role,
    Section,
    Sheet,
    StatutoryMap,
    Table,
    TableRollover,
)

__all__ = [
    "Profile",
    "Section",
    "Sheet",
    "Table",
    "Column",
    "Fact",
    "Kind",
    "Role",
    "Display",
    "ChartSpec",
    "GroupSpec",
    "HeadlineSpec",
    "Narrative",
    "TableRollover",
    "StatutoryMap",
    "FACT_COLUMNS",
    "NARRATIVE_STYLES",
    "PLACEMENT_STYLES",
    "SETTINGS_TABLE",
    "CORE_SETTINGS",
    "REQUIRED_SETTINGS",
    "ProfileError",
    "ProfileInfo",
    "available_profiles",
    "load_profile",
    "read_profile",
    "profile_folders",
    "narrative_table",
    "STARTER",
]

STARTER = "starter"  # the profile a new board starts from

"""The one description of the master workbook: sheets, Excel Tables, columns and owners.

Everything that names a sheet, a table or a column reads it from here: the blank workbook
writer, the reader, the validation, the data dictionary and (later) the report context.
"""

from __future__ import annotations

from .checks import CHECKS
from .model import FACT_COLUMNS, Column, Fact, Kind, Role, Sheet, Table, WorkbookSchema
from .sections import SECTIONS, Section
from .sheets_board import BOARD, BUDGET, CONTEXT, GLOSSARY, INSPECTION, SETTINGS, YOUNG_PEOPLE
from .sheets_learning import (
    BUSINESS_PLAN,
    CASE_REVIEWS,
    CDOP,
    DOMESTIC_ABUSE_SHEET,
    FOSTERING_SHEET,
    LADO,
    NEGLECT_SHEET,
    TRAINING,
)
from .sheets_performance import (
    AUDITS,
    CSE_SHEET,
    EARLY_HELP_SHEET,
    PERFORMANCE,
    SECTION_11,
    STAFF_SURVEY,
)

__all__ = [
    "SCHEMA",
    "CHECKS",
    "SECTIONS",
    "Section",
    "Column",
    "Fact",
    "FACT_COLUMNS",
    "Kind",
    "Role",
    "Sheet",
    "Table",
    "WorkbookSchema",
    "SETTINGS_TABLE",
]

SETTINGS_TABLE = "tblSettings"  # the table whose presence marks a file as a master workbook

# Tab colour for each owner (RGB hex). Chairs find their tabs by colour.
OWNERS: dict[str, str] = {
    "LSCB Business Unit": "1F4E79",
    "LSCB Business Group": "2E75B6",
    "Performance Management and Quality Assurance Group": "548235",
    "Early Help Subgroup": "A9D18E",
    "CSE and Missing from Home Subgroup": "C55A11",
    "Neglect Task Group": "7030A0",
    "Domestic Abuse Subgroup": "B4A7D6",
    "Learning and Improvement Subgroup": "BF8F00",
    "LADO Service": "843C0C",
    "Children's Services (Private Fostering)": "00B0F0",
    "Case Review Group": "7F7F7F",
    "Child Death Overview Panel": "404040",
    "Communications, Engagement and Participation Subgroup": "FF66CC",
}

SCHEMA = WorkbookSchema(
    version="1.0",
    sheets=(
        SETTINGS,
        BOARD,
        BUDGET,
        YOUNG_PEOPLE,
        CONTEXT,
        PERFORMANCE,
        EARLY_HELP_SHEET,
        AUDITS,
        NEGLECT_SHEET,
        DOMESTIC_ABUSE_SHEET,
        INSPECTION,
        SECTION_11,
        STAFF_SURVEY,
        TRAINING,
        CSE_SHEET,
        LADO,
        FOSTERING_SHEET,
        CASE_REVIEWS,
        CDOP,
        BUSINESS_PLAN,
        GLOSSARY,
    ),
    owners=OWNERS,
)

"""The Sign-off tab every workbook has, whatever its profile: the tool's own, like Settings.

When the tool finds two figures that disagree (a typed total and its rows, one figure given
in two places, a published rate worked out differently, report text against the data), the
business unit settles each one before the report is published: it corrects the workbook, or
it signs the finding off here, with the decision, why, who and when. A row names its
finding by the finding's sign-off key, which the Validation tab and ``lscb-report
validate`` print.
"""

from __future__ import annotations

from xl_addin.schema.model import Column, Display, Kind, Sheet, Table, TableRollover

__all__ = ["SIGNOFF_TAB", "SIGNOFF_TABLE", "KEEP", "USE_TOOL", "BOTH", "DECISIONS",
           "signoff_sheet"]

SIGNOFF_TAB = "Sign-off"
SIGNOFF_TABLE = "tblSignOff"

KEEP = "Keep the figure as typed"
USE_TOOL = "Use the tool's figure"
BOTH = "Both figures are right"
DECISIONS = (KEEP, USE_TOOL, BOTH)

DESCRIPTION = (
    "The business unit's record of each disagreement the tool found and what the board "
    "decided. A report is published only when every disagreement is corrected in the "
    "workbook or signed off here. Copy a finding's sign-off key from the Validation tab "
    "(or lscb-report validate) into Finding, then choose the decision and say why, who "
    "and when.")


def signoff_table() -> Table:
    return Table(
        SIGNOFF_TABLE, "Sign-off of findings",
        "One row per finding signed off. Keep the figure as typed: the typed figure stands, "
        "and the report prints it where it would print the tool's own (a total, a "
        "percentage, a rate or a rating), saying why in About the figures. Use the tool's "
        "figure: the figure the tool works out, or the one it is checked against, is right; "
        "the report prints the tool's. Both figures are right: they count different "
        "things or dates, as Why says.",
        columns=(
            Column("finding", "Finding", Kind.TEXT, "The finding's sign-off key, copied from "
                   "the Validation tab (column Sign-off key) or from lscb-report validate.",
                   width=50),
            Column("decision", "Decision", Kind.CHOICE, "What the board decided.",
                   choices=DECISIONS, width=26),
            Column("why", "Why", Kind.TEXT, "The reason, in a sentence a reader can follow: "
                   "About the figures prints it for a figure kept as typed.", width=60),
            Column("who", "Signed off by", Kind.TEXT, "The name and role of the person who "
                   "signed it off.", width=24),
            Column("date", "Date", Kind.DATE, "The day it was signed off.", width=12),
        ),
        blank_rows=10,
        rollover=TableRollover("emptied"),
        display=Display(hidden=True),
        tab=SIGNOFF_TAB,
    )


def signoff_sheet(owner: str) -> Sheet:
    """The Sign-off tab, owned by ``owner`` (the Settings tab's owner: the business unit)."""
    return Sheet(SIGNOFF_TAB, owner, "Sign-off", DESCRIPTION, (signoff_table(),))

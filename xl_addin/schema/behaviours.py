"""The contract between a profile and the tool's few bespoke behaviours.

Most tables need no code: their columns, computed columns, display and rollover are
declared in the profile. A handful of things are too particular for that and are
registered by name: the indicator set (RAG and trend), the business plan (status and
carry-forward), the child-death tables (a year in arrears, beside England), the glossary
(the acronyms the word checks accept) and the report on a page. This module says which
names exist and what each needs from the table or section that uses it, so that a profile
naming one is checked when it is loaded. The code behind each name lives with the layer it
belongs to (compute, report, rollover, validate); a test checks that every name here has
its code there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["carried_note", "carried_over", "TableBehaviour", "TABLE_BEHAVIOURS",
           "DISPLAY_BUILDERS", "SECTION_BUILDERS",
           "SECTION_OPTIONS", "COLUMN_FUNCTIONS", "FACT_FUNCTIONS", "HEADLINE_SOURCES",
           "FACT_ROLLOVERS", "TABLE_ROLLOVERS", "CORE_SETTINGS", "REQUIRED_SETTINGS",
           "SETTINGS_TABLE"]


@dataclass(frozen=True)
class TableBehaviour:
    requires: tuple[str, ...]  # columns the table must have
    computes: tuple[str, ...] = ()  # computed columns the behaviour fills
    display: str | None = None  # the display builder it implies
    rollover: str | None = None  # the rollover rule it implies
    settings: tuple[str, ...] = ()  # Settings rows only it reads: left out without it


TABLE_BEHAVIOURS: dict[str, TableBehaviour] = {
    "indicators": TableBehaviour(
        requires=("ref", "description", "unit", "value", "target", "polarity", "previous",
                  "rag", "trend", "trend_basis"),
        computes=("rag", "trend", "trend_basis"),
        display="indicators",
        settings=("rag_amber_tolerance", "rag_red_tolerance", "trend_no_change_band",
                  "targets_reviewed")),
    "business_plan": TableBehaviour(
        requires=("theme", "ref", "action", "who", "status"),
        display="business_plan", rollover="business_plan"),
    "child_deaths": TableBehaviour(requires=("year", "area", "category"),
                                   display="child_deaths"),
    # the acronyms the report explains: the word checks accept them (validate/words)
    "glossary": TableBehaviour(requires=("acronym", "meaning")),
}

# Display builders for tables printed in a way the generic display cannot describe.
DISPLAY_BUILDERS = frozenset({"indicators", "business_plan", "child_deaths", "reviews",
                              "structure"})

# Section builders, and the options each takes.
SECTION_BUILDERS = frozenset({"on_a_page", "about_the_figures"})
SECTION_OPTIONS: dict[str, frozenset[str]] = {
    "on_a_page": frozenset({"headlines", "views", "max_tiles"}),
    "about_the_figures": frozenset(),
}

# Functions a computed column may use: name -> (fewest, most) arguments. Every argument is
# a column of the same table, except the optional decimal places of change().
COLUMN_FUNCTIONS: dict[str, tuple[int, int]] = {
    "ratio": (2, 2),  # the first column over the second
    "rate_per_10000": (2, 2),  # a number and the population column (blank: Settings figure)
    "change": (1, 2),  # the change from the row before (rows in year order)
    "difference": (2, 2),  # the first less the second
    "sum": (1, 20),  # the row's columns added up
    "share_of_group": (1, 1),  # the row's share of its group's total (the table's groups)
    "change_between": (2, 2),  # the first column's change from the second, in the same row
}

# Functions a computed key figure may use.
FACT_FUNCTIONS: dict[str, tuple[int, int]] = {
    "column_sum": (2, 2),  # column_sum(table, column)
    "change": (2, 2),  # change(now, before): each a key figure or last_year(table, column)
    "last_year": (2, 2),  # last_year(table, column): the previous reporting year's row
}

# Where a headline figure comes from.
HEADLINE_SOURCES: dict[str, tuple[int, int]] = {
    "series": (2, 4),  # series(table, column, ...): first filled column, this year and last
    "facts": (1, 2),  # facts(now, before)
    "history": (3, 3),  # history(total, table, column): a computed total and last year's row
    "count": (3, 3),  # count(table, column, value): rows holding the value
}

# How a typed key figure moves on to a new year (anything else is emptied).
FACT_ROLLOVERS: dict[str, tuple[int, int]] = {
    "keep": (0, 0),  # stands from year to year; kept for checking
    "advance": (0, 0),  # a year or a date, moved on by a year
    "carry": (1, 1),  # takes this year's value of another figure ("last year" figures)
    "set": (1, 2),  # set to a value, with an optional note
    "empty": (0, 0),
}

TABLE_ROLLOVERS = frozenset({"series", "standing", "emptied", "earlier_years", "rolled_with",
                             "business_plan"})

SETTINGS_TABLE = "tblSettings"  # the table whose presence marks a file as a master workbook

# Settings the core reads. The first five must be in every profile; the rest take defaults.
REQUIRED_SETTINGS = ("board_name", "board_short_name", "area", "reporting_year", "period_end")
CORE_SETTINGS = (*REQUIRED_SETTINGS, "child_population", "child_population_source",
                 "rag_amber_tolerance", "rag_red_tolerance", "trend_no_change_band",
                 "difference_style", "targets_reviewed", "framework",
                 "suppress_small_numbers", "publication_date", "logo_file")


# The note a new year writes beside a standing figure it carried (the child population):
# validation flags the figure until someone changes the note.
CARRIED = re.compile(r"^Carried over from (\d{4}-\d{2}): confirm it still holds")


def carried_note(year: str, source: str | None) -> str:
    """'Carried over from 2023-24: confirm it still holds, then replace this note with its
    source (was: ONS mid-2022 estimate).'"""
    was = f" (was: {source})" if source else ""
    return (f"Carried over from {year}: confirm it still holds, then replace this note with "
            f"its source{was}.")


def carried_over(note: object) -> str | None:
    """The year a carried figure's note says it came from; None for any other note."""
    match = CARRIED.match(str(note or ""))
    return match.group(1) if match else None

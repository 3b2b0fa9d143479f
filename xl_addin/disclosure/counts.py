"""Which figures count children, and which of them are small enough to identify a child.

A table the profile marks ``child_level: true`` counts individual children, deaths or young
people. Its count columns are its whole-number columns that people type, except a
population used as the denominator of a rate (``rate_per_10000(number, population)``) or
of a share (``ratio(part, whole)``), which counts the whole population, not the children
the table is about. A key figure marked ``child_level: true`` is such a count on its own.

The Department for Education publishes children's social care statistics with every
number from 1 to 5 replaced by "c" (and zero shown as zero), so that no child can be
identified; counts in that range are flagged here before publication
(``disclosure.small-count``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from xl_addin.core.findings import Finding, Severity
from xl_addin.schema import Kind, Role, Table
from xl_addin.schema.wording import table_named
from xl_addin.tables.dataset import Dataset, Place, is_number, records

__all__ = ["SMALL_LOW", "SMALL_HIGH", "is_small", "count_columns", "child_facts",
           "ChildCount", "child_counts", "small_count_findings", "wants_suppression",
           "SMALL_COUNT_RULE", "SETTING"]

SMALL_LOW, SMALL_HIGH = 1, 5  # the DfE's range for children's social care statistics
SMALL_COUNT_RULE = "disclosure.small-count"
SETTING = "suppress_small_numbers"  # the Settings switch: Yes prints small counts as "c"
DENOMINATORS = {"rate_per_10000": 1, "ratio": 1}  # function -> argument that is a whole


def is_small(value: object) -> bool:
    """A whole number from 1 to 5 (zero is shown: it identifies nobody)."""
    if not is_number(value):
        return False
    return float(value).is_integer() and SMALL_LOW <= value <= SMALL_HIGH


def count_columns(table: Table) -> tuple[str, ...]:
    """The columns of a child-level table that count children, deaths or young people."""
    if not table.child_level or table.is_fact_table:
        return ()
    wholes = {str(c.compute.args[DENOMINATORS[c.compute.name]]) for c in table.columns
              if c.compute is not None and c.compute.name in DENOMINATORS
              and len(c.compute.args) > DENOMINATORS[c.compute.name]}
    return tuple(c.key for c in table.columns if c.kind is Kind.INTEGER
                 and c.role is Role.INPUT and c.key not in wholes)


def child_facts(data: Dataset) -> tuple[str, ...]:
    """The key figures that count children on their own (typed, whole numbers)."""
    return tuple(f.key for _, f in data.profile.iter_facts()
                 if f.child_level and f.kind is Kind.INTEGER and not f.computed)


@dataclass(frozen=True)
class ChildCount:
    table: str  # the Excel Table (a Key figures table for a key figure)
    index: object | None  # the row in the table's data; None for a key figure
    column: str  # the column, or the key figure's key
    value: object
    place: Place
    label: str  # how a person names it: "Deaths (2015-16, 8 - Perinatal/neonatal event)"


def child_counts(data: Dataset) -> Iterator[ChildCount]:
    """Every child-level count in the workbook, in table order."""
    for table_data in data.tables.values():
        table = table_data.table
        columns = count_columns(table)
        for index, row in records(table_data.rows) if columns else ():
            for column in columns:
                yield ChildCount(table.name, index, column, row.get(column),
                                 table_data.place(index, column),
                                 _label(table, row, column))
    for key in child_facts(data):
        place = data.fact_places.get(key)
        if place is None:
            continue
        fact = data.profile.fact(key)
        yield ChildCount(_fact_table(data, key), None, key, data.facts.get(key), place,
                         fact.label)


def _fact_table(data: Dataset, key: str) -> str:
    return next((t.name for t, f in data.profile.iter_facts() if f.key == key), "")


def _label(table: Table, row: dict[str, object], column: str) -> str:
    """'Deaths (2015-16, This area, 8 - Perinatal/neonatal event)' for a message."""
    keys = [k for k in (table.year_column, *table.year_group, *table.groups, table.key)
            if k and k != column]
    shown = [str(row[k]) for k in dict.fromkeys(keys) if row.get(k) not in (None, "")]
    header = table.column(column).header
    return f"{header} ({', '.join(shown)})" if shown else header


def wants_suppression(facts: dict[str, object]) -> bool:
    """True when Settings asks for small counts to be printed as "c"."""
    return str(facts.get(SETTING) or "").strip().casefold() == "yes"


def small_count_findings(data: Dataset) -> list[Finding]:
    """A warning at each child-level count from 1 to 5; when Settings already prints them
    as "c", one note on Settings instead."""
    small = [c for c in child_counts(data) if is_small(c.value)]
    if not small:
        return []
    if wants_suppression(data.facts):
        place = data.fact_places.get(SETTING)
        return [Finding(Severity.INFO, place.sheet if place else None,
                        place.cell if place else None, SMALL_COUNT_RULE,
                        f"{len(small)} count(s) of 1 to 5 children, deaths or young people "
                        "will be printed as 'c' in the report, as Settings asks, with any "
                        "figure that would give them away.")]
    advice = ("Check before publishing; to print it as 'c' (the Department for Education's "
              "practice), set 'Print counts of 1 to 5 as c' to Yes on Settings, or build with "
              "--suppress-small-numbers.")
    out = []
    for c in small:
        if not isinstance(c.value, int | float):
            continue
        named = table_named(data.profile.table(c.table)) if data.profile.has_table(c.table) \
            else f"'{c.table}'"
        out.append(Finding(
            Severity.WARNING, c.place.sheet, c.place.cell, SMALL_COUNT_RULE,
            f"{c.label} in {named} is {c.value:g}: a count of 1 to 5 children, deaths or "
            f"young people can identify a child. {advice}",
            c.table, c.column if c.index is not None else None,
            c.column if c.index is None else None,
            gist=f"counts of 1 to 5 children, deaths or young people can identify a child. "
                 f"{advice}" if c.index is not None else None))
    return out

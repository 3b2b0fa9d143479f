"""``{ref}`` quotes in Report text that name a table's figure, not only a key figure.

Besides a key figure (``{cp_plans_now}``), a chair's text may quote any figure a table
holds, written as a profile's cross-checks write it::

    {year(tblChildProtection, number)}           the reporting year's row of a series
    {year(tblLookedAfter, rate, -1)}             ... the year before
    {cell(tblTraining, "Neglect SCR conference", attendees)}   the row whose key is that
    {sum(tblLadoReferrers, referrals)}           a column added up

so that the report prints the same figure as the table, and follows it when it changes.
The validation suggests the quote to write (:func:`quote_for`) when text types a figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from xl_addin.core.years import shift_year, year_of_date
from xl_addin.schema import Profile
from xl_addin.schema.crossref import CellRef, FactRef, SumRef, YearRef
from xl_addin.schema.refs import parse_ref
from xl_addin.tables.dataset import TableData

__all__ = ["parse_quote", "quote_for", "is_table_quote", "row_for"]


@dataclass(frozen=True)
class _Names:
    fields: dict[str, dict[str, object]]
    facts: dict[str, object]


_CACHE: dict[int, tuple[Profile, _Names]] = {}


def _names(profile: Profile) -> _Names:
    """What a quote may name in ``profile`` (kept for the few profiles a process uses)."""
    held = _CACHE.get(id(profile))
    if held is not None and held[0] is profile:
        return held[1]
    names = _Names({t.name: {c.key: c for c in t.columns} for _, t in profile.iter_tables()},
                   {f.key: f for _, f in profile.iter_facts()})
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[id(profile)] = (profile, names)
    return names


def is_table_quote(text: str) -> bool:
    """Whether a ``{...}`` quote is written as a reference to a table (has brackets)."""
    return "(" in text


Quote = FactRef | CellRef | YearRef | SumRef


def parse_quote(text: str, profile: Profile) -> Quote:
    """The reference a quote names; ValueError says what is wrong with it."""
    ref = parse_ref(text.strip(), _names(profile))
    if not isinstance(ref, FactRef | CellRef | YearRef | SumRef):
        raise ValueError(f"{text!r} is not a figure")
    return ref


def row_for(ref: CellRef | YearRef, table: TableData, year: str | None,
            date: object = None) -> object | None:
    """The index of the row a cell or year reference names; None when there is none."""
    if isinstance(ref, CellRef):
        key = table.table.key
        if key is None:
            return None
        hits = table.rows.index[table.rows[key].astype(str) == ref.row]
        return hits[0] if len(hits) else None
    if ref.date_fact is not None:
        if not hasattr(date, "year"):
            return None
        wanted = year_of_date(date)  # type: ignore[arg-type]
    elif year is None:
        return None
    else:
        wanted = shift_year(year, ref.offset)
    column = table.table.year_column or "year"
    if column not in table.rows:
        return None
    return table.find(column, wanted)


def quote_for(table: TableData, index: object, column: str, year: str | None) -> str | None:
    """The ``{ref}`` that quotes one cell: by year for a series (relative to the reporting
    year ``year``), by key for a table with one; None for a table with neither."""
    spec = table.table
    name = spec.name
    if spec.year_column and spec.year_column in table.rows and year and not spec.groups:
        row_year = table.rows.at[index, spec.year_column]
        try:
            offset = int(str(row_year)[:4]) - int(year[:4])
        except ValueError:
            return None
        return f"{{year({name}, {column}{'' if offset == 0 else f', {offset}'})}}"
    if spec.key and not spec.groups:
        value = table.rows.at[index, spec.key]
        if value is None or '"' in str(value):
            return None
        return f'{{cell({name}, "{value}", {column})}}'
    return None

"""Print a quote of a table's figure in a chair's text, as the table prints it.

``{year(tblLookedAfter, number)}`` prints the reporting year's row of the table, with its
column's format and decimal places, the tool's own figure where the table prints the tool's
(:mod:`xl_addin.tables.quotes` says what may be quoted). A figure from a row with an error
is never printed: a draft shows "n/a" in its place.
"""

from __future__ import annotations

from xl_addin.report.content.display import cell_text
from xl_addin.report.content.sources import NOT_AVAILABLE, Sources
from xl_addin.schema.crossref import CellRef, FactRef, SumRef, YearRef
from xl_addin.tables.dataset import is_number
from xl_addin.tables.quotes import parse_quote, row_for

__all__ = ["quote_text"]


def quote_text(s: Sources, text: str) -> str | None:
    """The figure a table quote names, as printed; None when it names nothing."""
    try:
        ref = parse_quote(text, s.data.profile)
    except ValueError:
        return None
    if isinstance(ref, FactRef):
        return s.figures.text(ref.key)
    table = s.data.tables.get(ref.table)
    if table is None:
        return None
    spec = table.table
    if isinstance(ref, SumRef):
        if s.data.bad_rows.get(ref.table):
            return NOT_AVAILABLE  # a sum over rows with errors would be wrong
        rows = s.rows(ref.table)
        for key, allowed in ref.where:
            rows = [r for r in rows if str(r.get(key)) in allowed]
        if ref.year_fact is not None:
            rows = [r for r in rows if r.get("year") == s.figures.value(ref.year_fact)]
        values = [float(v) for r in rows for c in ref.columns if is_number(v := r.get(c))]
        if not values:
            return NOT_AVAILABLE
        first = spec.column(ref.columns[0])
        return cell_text(first, sum(values), spec.display.decimals.get(first.key))
    if not isinstance(ref, CellRef | YearRef):
        return None
    date = s.figures.value(ref.date_fact) if isinstance(ref, YearRef) and ref.date_fact \
        else None
    index = row_for(ref, table, s.year, date)
    if index is None or not s.data.row_ok(ref.table, index):
        return None if index is None else NOT_AVAILABLE
    row = s.row(ref.table, index)
    if row is None:
        return None
    column = spec.column(ref.column)
    value = row.get(ref.column)
    if value is None and ref.column in spec.display.fallback:
        value = row.get(spec.display.fallback[ref.column])
    return cell_text(column, value, spec.display.decimals.get(ref.column))

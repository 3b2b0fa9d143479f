"""What the report's builders read: the typed tables, the computed columns and key figures.

:class:`Sources` hides the split between a table's typed columns (``Dataset``) and its
computed ones (``Computed``): a builder asks for a table's rows and gets both, the tool's
own figure winning over a blank. The small formatting helpers print a blank as "n/a".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from xl_addin.compute import Computed
from xl_addin.core import fmt
from xl_addin.core.years import shift_year
from xl_addin.disclosure import Suppression
from xl_addin.report.content.figures import Figures
from xl_addin.report.content.kept import Kept
from xl_addin.schema import Role
from xl_addin.tables.dataset import Dataset, records

__all__ = ["Sources", "Row", "NOT_AVAILABLE", "count", "share", "amount", "first_filled"]

NOT_AVAILABLE = "n/a"

Row = dict[str, object]


@dataclass(frozen=True)
class Sources:
    data: Dataset
    computed: Computed
    figures: Figures
    suppression: Suppression | None = None  # set when small counts are printed as "c"
    draft: bool = False  # a draft says why a figure is left out; a final report never has to
    kept: Kept = field(default_factory=Kept)  # typed figures a sign-off keeps in print

    def total_hidden(self, table: str, column: str, group: tuple[object, ...] = ()) -> bool:
        """True when a printed total would give a withheld count away (so it is "c")."""
        return self.suppression is not None and \
            self.suppression.total_hidden(table, column, group)
    _rows: dict[str, list[Row]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def area(self) -> str:
        return str(self.figures.value("area") or "the area")

    @property
    def year(self) -> str | None:
        """The reporting year, e.g. '2016-17'."""
        value = self.figures.value("reporting_year")
        return str(value) if value else None

    @property
    def last_year(self) -> str | None:
        return shift_year(self.year, -1) if self.year else None

    def rows(self, table: str) -> list[Row]:
        """The table's body rows, typed and computed columns together; [] if it is missing.

        Each table is read once (the builders ask for some tables several times); every
        caller gets its own copy of each row."""
        if table not in self._rows:
            self._rows[table] = self._read(table)
        return [dict(row) for row in self._rows[table]]

    def _read(self, table: str) -> list[Row]:
        found = self.data.tables.get(table)
        if found is None:
            return []
        extra = self.computed.columns.get(table)
        computed = [c.key for c in found.table.columns if c.role is Role.COMPUTED]
        out: list[Row] = []
        for index, row in records(found.rows):
            # grey columns come from this run only, never from what an earlier run wrote
            for key in computed:
                row[key] = extra.at[index, key] if extra is not None and key in extra else None
            for cell in self.kept.cells.get((table, index), ()):
                row[cell.column] = cell.typed  # signed off: printed as typed
            out.append(row)
        return out

    def row(self, table: str, index: object) -> Row | None:
        """One body row by its index in the typed table (a copy), or None."""
        found = self.data.tables.get(table)
        if found is None or index not in found.rows.index:
            return None
        if table not in self._rows:
            self._rows[table] = self._read(table)
        return dict(self._rows[table][found.rows.index.get_loc(index)])

    def column_sums(self, table: str, *columns: str) -> dict[str, int]:
        """Totals of whole-number columns, added up from the rows (never the typed total)."""
        rows = self.rows(table)
        return {c: int(sum(r[c] for r in rows if r[c] is not None)) for c in columns}  # type: ignore[misc]

    def series_rows(self, table: str) -> Iterator[tuple[str, Row]]:
        """(year, row) for a one-row-per-year table, in year order."""
        for row in sorted(self.rows(table), key=lambda r: str(r["year"])):
            yield str(row["year"]), row


def first_filled(row: Row, *columns: str) -> object:
    """The first of ``columns`` that is filled in ``row``: the tool's figure, else as typed."""
    return next((row[c] for c in columns if row.get(c) is not None), None)


def count(x: object) -> str:
    """A whole number with thousands separators; n/a when blank."""
    return NOT_AVAILABLE if x is None else fmt.number(float(x), 0)  # type: ignore[arg-type]


def share(x: object, places: int | None = 0) -> str:
    """A fraction as a percentage at the given decimal places; n/a when blank."""
    return NOT_AVAILABLE if x is None else fmt.percent(float(x), places)  # type: ignore[arg-type]


def amount(x: object) -> str:
    return NOT_AVAILABLE if x is None else fmt.money(float(x))  # type: ignore[arg-type]

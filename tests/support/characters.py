"""Text holding characters no Word or Excel file can hold, for property-based tests, and the
cells of the shipped workbook to put it in: one of every kind of cell, and the Settings.

A cell's text can hold them (:mod:`xl_addin.core.printable`): control characters, lone
halves of surrogate pairs, U+FFFE and U+FFFF. Excel stores them in its file as ``_xHHHH_``
(:func:`excel_escaped`), which is how a file written by openpyxl carries them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from hypothesis import strategies as st
from openpyxl.utils.cell import range_boundaries

from tests.support.profiles import EXAMPLE
from xl_addin.core.printable import UNPRINTABLE
from xl_addin.core.raw import RawWorkbook, address
from xl_addin.schema import SETTINGS_TABLE, Role

__all__ = ["UNPRINTABLE_CHARACTER", "TEXT_WITH_UNPRINTABLE", "Target", "targets",
           "placements", "with_text", "excel_escaped", "holds_unprintable"]

UNPRINTABLE_CHARACTER = st.one_of(
    st.sampled_from([chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]),
    st.integers(0xD800, 0xDFFF).map(chr),  # half a surrogate pair, alone
    st.sampled_from(["\ufffe", "\uffff"]),
)
# What a chair might have typed around it: words, and text the tool reads as a figure.
AROUND = st.one_of(st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=12),
                   st.sampled_from(["45%", "2016-17", "1,234", "£5", "Yes", "G", "Not set",
                                    "31/03/2017", "5-7.5", "Cumbria LSCB"]))
TEXT_WITH_UNPRINTABLE = st.builds(
    lambda before, chars, after: before + "".join(chars) + after,
    AROUND, st.lists(UNPRINTABLE_CHARACTER, min_size=1, max_size=3), AROUND)


def holds_unprintable(value: object) -> bool:
    return isinstance(value, str) and UNPRINTABLE.search(value) is not None


def excel_escaped(text: str) -> str:
    """``text`` as Excel stores it in a file: what XML cannot carry written _xHHHH_ (and a
    typed "_x0041_" kept as text by escaping its underscore)."""
    text = re.sub(r"_(?=x[0-9A-Fa-f]{4}_)", "_x005F_", text)
    return UNPRINTABLE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


@dataclass(frozen=True)
class Target:
    """A cell to put text in: its table, its row (an index into the raw rows), its column."""

    kind: str  # the cell's kind, or "setting: <key>"
    table: str
    row: int
    column: int

    def where(self, raw: RawWorkbook) -> tuple[str, str]:
        """(sheet, A1) of the cell."""
        table = raw.tables[self.table]
        left, top, _, _ = range_boundaries(table.ref)
        return table.sheet, address(top + 1 + self.row, left + self.column)


def targets(raw: RawWorkbook) -> tuple[list[list[Target]], list[Target]]:
    """Every cell a chair types in, by kind (one list per kind), and each Settings value
    (the board's name first). A test picks a cell of every kind, and some of the Settings."""
    by_kind: dict[str, list[Target]] = {}
    settings: list[Target] = []
    for _, table in EXAMPLE.iter_tables():
        found = raw.tables[table.name]
        if table.is_fact_table:
            ref = [str(row[0].value) for row in found.rows]
            value = [c.key for c in table.columns].index("value")
            for fact in table.facts:
                if fact.computed or fact.key not in ref:
                    continue
                if table.name == SETTINGS_TABLE:
                    settings.append(Target(f"setting: {fact.key}", table.name,
                                           ref.index(fact.key), value))
                else:
                    by_kind.setdefault(f"figure: {fact.kind}", []).append(
                        Target(f"figure: {fact.kind}", table.name, ref.index(fact.key), value))
            continue
        for index, column in enumerate(table.columns):
            if column.role is Role.COMPUTED:
                continue
            by_kind.setdefault(f"{column.kind}", []).extend(
                Target(f"{column.kind}", table.name, row, index)
                for row in range(len(found.rows)))
    settings.sort(key=lambda target: target.kind != "setting: board_name")
    return [by_kind[kind] for kind in sorted(by_kind)], settings


PICK = st.integers(min_value=0, max_value=2**32)


@st.composite
def placements(draw: st.DrawFn, raw: RawWorkbook,
               text: st.SearchStrategy[str] = TEXT_WITH_UNPRINTABLE) -> list[tuple[Target, str]]:
    """Text for one cell of every kind, the board's name and some other Settings."""
    kinds, settings = targets(raw)
    chosen = [cells[draw(PICK) % len(cells)] for cells in kinds]
    others = draw(st.lists(st.sampled_from(settings[1:]), max_size=3, unique=True))
    return [(target, draw(text)) for target in [*chosen, settings[0], *others]]


def with_text(raw: RawWorkbook, edits: list[tuple[Target, str]]) -> RawWorkbook:
    """A copy of ``raw`` with each target cell holding its text."""
    tables = dict(raw.tables)
    for target, text in edits:
        table = tables[target.table]
        rows = [list(row) for row in table.rows]
        cell = rows[target.row][target.column]
        rows[target.row][target.column] = replace(cell, value=text, is_error=False)
        tables[target.table] = replace(table, rows=rows)
    return replace(raw, tables=tables)

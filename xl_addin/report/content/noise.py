"""Tables without noise: no column of nothing, and blanks explained once.

Applied to every table of the finished model, whoever built it:

- a column that is blank, or "n/a", in every row (its total too) is left out; a column of
  figures left out gets a note saying there were none, since a reader may look for it;
- a column of words filled in only a row or two of a longer table becomes notes under
  it ("Child AD: completed as an SCR, then ..."), rather than a column of blanks;
- a column blank or "n/a" in half its rows or more keeps its place but gets one note under
  the table saying what the blank means, unless the table's notes already say it (a
  profile's ``notes:`` can give the board's own reason: "n/a: ...", or the column's header).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from xl_addin.report.content.blocks import Block, Cell, Detail, Table
from xl_addin.report.content.sources import NOT_AVAILABLE

__all__ = ["quiet_tables", "quiet_table", "MOSTLY"]

MOSTLY = 0.5  # a column this blank (or more) gets a note saying why
FEW = 2  # a column of words filled in this few rows (of FEW * 3 or more) becomes notes
_EMPTY = ("", NOT_AVAILABLE)


def _blank(cell: Cell) -> bool:
    return cell.text.strip() in _EMPTY


def quiet_table(table: Table) -> Table:
    """``table`` without its empty columns, and with a note on its mostly blank ones."""
    if not table.rows:
        return table
    rows = [list(r) for r in table.rows]
    total = list(table.total) if table.total else None
    keep = [0] + [i for i in range(1, len(table.columns))
                  if not all(_blank(r[i]) for r in rows)
                  or (total is not None and not _blank(total[i]))]
    notes = list(table.notes)
    for i in list(keep[1:]):
        filled = [r for r in rows if not _blank(r[i])]
        if table.columns[i].numeric or len(filled) > FEW or len(rows) < FEW * 3:
            continue
        notes += [f"{r[0].text.strip()}: {r[i].text.strip().strip('()')}" for r in filled]
        keep.remove(i)
    dropped = [table.columns[i] for i in range(len(table.columns)) if i not in keep
               and all(_blank(r[i]) for r in rows)]
    for column in dropped:
        if column.numeric and column.header.strip():
            notes.append(f"{column.header}: no figures were given, so the column is left out.")
    for i in keep[1:]:
        column = table.columns[i]
        blanks = [r[i] for r in rows if _blank(r[i])]
        if len(blanks) < max(2, MOSTLY * len(rows)) or _explained(column.header, notes):
            continue
        if any(c.text.strip() == NOT_AVAILABLE for c in blanks):
            notes.append(f"{NOT_AVAILABLE}: no figure was given for that row.")
        else:
            notes.append(f"{column.header}: left blank where none is recorded.")
    if len(keep) == len(table.columns) and notes == list(table.notes):
        return table
    return replace(table, columns=tuple(table.columns[i] for i in keep),
                   rows=tuple(tuple(r[i] for i in keep) for r in rows),
                   total=tuple(total[i] for i in keep) if total is not None else None,
                   notes=tuple(notes))


def _explained(header: str, notes: Sequence[str]) -> bool:
    """Whether a note already says what a blank (or n/a) in the column means."""
    lead = header.strip().casefold()
    return any(n.casefold().startswith((f"{NOT_AVAILABLE}:", f"{NOT_AVAILABLE} ", f"{lead}:"))
               or f"{NOT_AVAILABLE} when" in n or f"{NOT_AVAILABLE} where" in n
               for n in notes)


def quiet_tables(blocks: Sequence[Block]) -> list[Block]:
    """Every table of ``blocks`` (those in a detail too) made quiet."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Detail):
            block = replace(block, blocks=tuple(quiet_tables(block.blocks)))
        elif isinstance(block, Table):
            block = quiet_table(block)
        out.append(block)
    return out

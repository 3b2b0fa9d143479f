"""Secondary suppression: hide more cells until no hidden cell can be worked out.

A table prints totals (a Total row, a row total, or shares that give a group's total
away). A total with one hidden cell in it gives that cell away by subtraction, so a
second cell of the line is hidden too; and with totals both ways, hidden cells can still
be solved from the rows and columns together, so hiding goes on until none can.

A hidden cell can be worked out exactly when the line totals determine it: when its unit
vector lies in the row space of the lines' equations over the hidden cells. That is what
:func:`exposed` tests (by rank), so the method is not limited to rows and columns: any
family of lines works. A cell that is the only cell of its line cannot be protected by
hiding more cells, so that line's total is hidden instead.

Which cell is hidden next follows the usual practice: a cell of the line that gives the
hidden one away, the smallest count first (a zero only when nothing else is left), and of
equal counts one that shares a line with a hidden cell already.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["Line", "Protection", "protect", "exposed"]


@dataclass(frozen=True)
class Line:
    """Cells whose total is printed (or can be worked out), and the name of that total."""

    cells: frozenset[Hashable]
    total: Hashable


@dataclass(frozen=True)
class Protection:
    hidden: frozenset[Hashable]  # every hidden cell: the small counts and the extra ones
    hidden_totals: frozenset[Hashable]  # totals hidden because their line has one cell

    def secondary(self, primary: Iterable[Hashable]) -> frozenset[Hashable]:
        return self.hidden - frozenset(primary)


def exposed(hidden: Iterable[Hashable], lines: Sequence[Line]) -> list[Hashable]:
    """The hidden cells that the lines' totals determine exactly, in a stable order."""
    cells = sorted(set(hidden), key=repr)
    column = {cell: i for i, cell in enumerate(cells)}
    rows = [[1.0 if cell in line.cells else 0.0 for cell in cells] for line in lines
            if line.cells & set(cells)]
    if not rows:
        return []
    matrix = np.array(rows)
    rank = np.linalg.matrix_rank(matrix)
    out = []
    for cell in cells:
        unit = np.zeros(len(cells))
        unit[column[cell]] = 1.0
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            out.append(cell)
    return out


def protect(values: Mapping[Hashable, object], lines: Sequence[Line],
            primary: Iterable[Hashable]) -> Protection:
    """Hide ``primary`` and as few other cells as this method finds, so that no hidden cell
    can be worked out from the lines' totals. ``values`` gives each cell's count."""
    hidden = set(primary)
    active = list(lines)
    hidden_totals: set[Hashable] = set()
    while True:
        open_cells = exposed(hidden, active)
        if not open_cells:
            return Protection(frozenset(hidden), frozenset(hidden_totals))
        cell = open_cells[0]
        choice = _complement(cell, hidden, active, values)
        if choice is not None:
            hidden.add(choice)
            continue
        # no other cell of its lines can be hidden: hide the totals of those lines instead
        for line in [ln for ln in active if cell in ln.cells]:
            hidden_totals.add(line.total)
            active.remove(line)


def _complement(cell: Hashable, hidden: set[Hashable], lines: Sequence[Line],
                values: Mapping[Hashable, object]) -> Hashable | None:
    """The cell to hide next to protect ``cell``: from a line that gives it away."""
    own = [line for line in lines if cell in line.cells]
    candidates = {c for line in own for c in line.cells if c not in hidden}
    if not candidates:
        return None

    def joins(c: Hashable) -> bool:  # shares another line with a hidden cell already
        return any(c in line.cells and line.cells & hidden for line in lines
                   if line not in own)

    def rank(c: Hashable) -> tuple[bool, float, bool, str]:
        count = _number(values.get(c))
        return (count == 0, count, not joins(c), repr(c))

    return min(candidates, key=rank)


def _number(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return float("inf")
    return float(value)

"""The Board's structure drawn as a diagram from its table: ``builder: structure``.

Each row of the table is a group, with the group it reports to or works with. The report
prints one table in which every group stands under its parent, set in by its depth and
marked with an arrow (→ reports to, ↔ works with), so the eye reads it as an organisation
chart. A screen reader, which does not see indentation, meets the same rows in the same
order, parent before its children, and a column that says in words whom each group reports
to or works with. The table keeps its caption, and its header row repeats on every page.

The table needs a name column (``group``, or else its key or first column) and may have
``reports_to``, ``relation`` (Reports to or Works with; blank reads as Reports to) and
``lead``; the profile's ``widths`` share out the page between them. Rows are drawn
whatever their data: a group whose parent is blank, is itself, or is not in the table
starts a new tree at the left, so does a group caught in a loop of parents, and no group
is drawn twice or set in more than ``MAX_DEPTH`` steps.
"""

from __future__ import annotations

from collections.abc import Iterator

from xl_addin.report.content.blocks import Block, Cell, Column
from xl_addin.report.content.blocks import Table as ReportTable
from xl_addin.report.content.display import caption_of, fill
from xl_addin.report.content.sources import Row, Sources
from xl_addin.schema.model import Table

__all__ = ["structure", "tree", "MAX_DEPTH", "REPORTS_TO", "WORKS_WITH"]

MAX_DEPTH = 6  # deeper groups are drawn at this depth, so a long chain stays on the page
REPORTS_TO = "Reports to"
WORKS_WITH = "Works with"
ARROWS = {REPORTS_TO: "\u2192", WORKS_WITH: "\u2194"}  # → and ↔, both in Arial and Calibri
INDENT = "\u00a0" * 4  # no-break spaces, which Word keeps at the start of a cell


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _name_key(table: Table) -> str:
    if table.has("group"):
        return "group"
    return table.key or table.columns[0].key


def _relation(row: Row) -> str:
    return WORKS_WITH if _text(row.get("relation")).casefold() == WORKS_WITH.casefold() \
        else REPORTS_TO


def tree(rows: list[Row], name: str, parent: str = "reports_to") -> Iterator[tuple[int, Row]]:
    """(depth, row) for every row once, each parent before its children, in table order."""
    named: dict[str, Row] = {}
    for row in rows:
        named.setdefault(_text(row.get(name)).casefold(), row)
    children: dict[int, list[Row]] = {}
    roots: list[Row] = []
    for row in rows:
        above = named.get(_text(row.get(parent)).casefold())
        if above is None or above is row or not _text(row.get(parent)):
            roots.append(row)
        else:
            children.setdefault(id(above), []).append(row)
    drawn: set[int] = set()

    def walk(row: Row, depth: int) -> Iterator[tuple[int, Row]]:
        stack = [(row, depth)]
        while stack:
            current, level = stack.pop()
            if id(current) in drawn:
                continue
            drawn.add(id(current))
            yield min(level, MAX_DEPTH), current
            stack.extend((child, level + 1)
                         for child in reversed(children.get(id(current), [])))

    for root in roots:
        yield from walk(root, 0)
    for row in rows:  # groups in a loop of parents, which no root reaches
        if id(row) not in drawn:
            yield from walk(row, 0)


def structure(s: Sources, table: Table) -> list[Block]:
    """The structure table: each group under its parent, and in words whom it answers to."""
    rows = s.rows(table.name)
    if not rows:
        return []
    name = _name_key(table)
    has_parent, has_lead = table.has("reports_to"), table.has("lead")
    body: list[tuple[Cell, ...]] = []
    for depth, row in tree(rows, name) if has_parent else ((0, r) for r in rows):
        parent = _text(row.get("reports_to")) if has_parent else ""
        relation = _relation(row)
        marker = f"{INDENT * (depth - 1)}{ARROWS[relation]} " if depth else ""
        cells = [Cell(marker + _text(row.get(name)))]
        if has_parent:
            cells.append(Cell(f"{relation} {parent}" if parent else ""))
        if has_lead:
            cells.append(Cell(_text(row.get("lead"))))
        body.append(tuple(cells))
    widths = {name: 3.2, "reports_to": 2.2, "lead": 2.4} | dict(table.display.widths)
    columns = [Column(table.column(name).header, widths[name])]
    if has_parent:
        columns.append(Column(table.column("reports_to").header, widths["reports_to"]))
    if has_lead:
        columns.append(Column(table.column("lead").header, widths["lead"]))
    notes = tuple(fill(n, s) for n in table.display.notes)
    return [ReportTable(caption_of(s, table), tuple(columns), tuple(body), notes=notes)]

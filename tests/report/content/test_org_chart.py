"""The Board's structure, drawn from its table as a diagram (report/structure.py)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests.support.profiles import cell_of
from xl_addin.core.raw import RawWorkbook
from xl_addin.jobs.checked import Result
from xl_addin.report.content.blocks import ReportModel, Table
from xl_addin.report.content.context import build_model
from xl_addin.report.content.org_chart import MAX_DEPTH, tree

CAPTION = "How the LSCB is organised"


def _table(model: ReportModel) -> Table:
    found = [b for s in model.sections for b in s.blocks
             if isinstance(b, Table) and b.caption == CAPTION]
    assert len(found) == 1
    return found[0]


def _depth(text: str) -> int:
    """How far a group is set in: its arrow, after four no-break spaces a level."""
    if not text.startswith(("\u00a0", "\u2192", "\u2194")):
        return 0
    return (len(text) - len(text.lstrip("\u00a0"))) // 4 + 1


@pytest.fixture(scope="module")
def drawn(example_result: Result) -> Table:
    model = build_model(example_result.data, example_result.computed, example_result.findings)
    section = next(s for s in model.sections if s.id == "structure")
    assert any(isinstance(b, Table) and b.caption == CAPTION for b in section.blocks)
    return _table(model)


def test_each_group_stands_under_the_group_it_reports_to(drawn: Table) -> None:
    rows = [[c.text for c in row] for row in drawn.rows]
    names = [r[0].lstrip("\u00a0\u2192\u2194 ") for r in rows]
    assert [c.header for c in drawn.columns] == ["Group", "Reports to or works with",
                                                  "Chair or lead"]
    assert names[0] == "Cumbria LSCB" and _depth(rows[0][0]) == 0 and rows[0][1] == ""
    business = names.index("Business Group")
    assert rows[business][0] == "\u2192 Business Group"
    assert rows[business][1] == "Reports to Cumbria LSCB"
    pmqag = names.index("Performance Management and Quality Assurance Group")
    assert [names[pmqag + i] for i in (1, 2, 3)] == [
        "Quality Assurance Group: North & Eden", "Quality Assurance Group: South",
        "Quality Assurance Group: West"]
    assert _depth(rows[pmqag][0]) == 2 and _depth(rows[pmqag + 1][0]) == 3
    assert rows[pmqag + 1][1] == "Reports to Performance Management and Quality Assurance Group"
    assert rows[pmqag + 1][2] == "Police"
    ypb = names.index("Young Perspective Board")
    assert rows[ypb][0].startswith("\u2194") and rows[ypb][1] == "Works with Cumbria LSCB"
    assert len(names) == len(set(names)) == 28


def test_the_diagram_reads_in_order_with_its_caption_and_key(drawn: Table) -> None:
    """A screen reader meets each parent before its children, and the words say how each
    group connects, so the indentation is never the only clue."""
    rows = [[c.text for c in row] for row in drawn.rows]
    seen: set[str] = set()
    for name, connection, _ in rows:
        seen.add(name.lstrip("\u00a0\u2192\u2194 "))
        if connection:
            assert connection.split(" ", 2)[2] in seen, f"{name} comes before its parent"
    assert drawn.caption == CAPTION
    assert drawn.notes and "\u2192" in drawn.notes[0] and "\u2194" in drawn.notes[0]


def _row(rows: list[dict[str, object]], name: str) -> dict[str, object]:
    return next(r for r in rows if r["group"] == name)


def test_tree_survives_loops_unknown_parents_and_long_chains() -> None:
    rows: list[dict[str, object]] = [
        {"group": "Board", "reports_to": None}, {"group": "A", "reports_to": "b"},
        {"group": "B", "reports_to": "A"}, {"group": "Self", "reports_to": "Self"},
        {"group": "Orphan", "reports_to": "Nobody"}, {"group": "Child", "reports_to": "Board"}]
    order = [(depth, str(row["group"])) for depth, row in tree(rows, "group")]
    assert sorted(name for _, name in order) == sorted(str(r["group"]) for r in rows)
    assert order[:2] == [(0, "Board"), (1, "Child")]  # a parent's name matches in any case
    assert (0, "Self") in order and (0, "Orphan") in order
    assert {name for _, name in order[-2:]} == {"A", "B"}  # the loop, drawn once each
    chain = [{"group": f"g{i}", "reports_to": f"g{i - 1}" if i else None}
             for i in range(10_000)]
    started = time.perf_counter()
    depths = [depth for depth, _ in tree(chain, "group")]
    assert time.perf_counter() - started < 2
    assert len(depths) == 10_000 and max(depths) == MAX_DEPTH


def test_a_chairs_mistakes_still_draw_every_group(broken: Callable[..., Result],
                                                  example_raw: RawWorkbook) -> None:
    """A typo in Reports to, or a loop of groups reporting to each other, loses no row."""

    def edit(wb) -> None:  # noqa: ANN001 - an openpyxl Workbook
        sheet, address = cell_of(example_raw, "tblStructure", "reports_to", "Cumbria LSCB")
        wb[sheet][address] = "Policy and Procedures Sub-group"  # a loop through the Board
        sheet, address = cell_of(example_raw, "tblStructure", "reports_to", "CSE Working Group")
        wb[sheet][address] = "CSE sub group"  # no such group

    result = broken(edit)
    assert not [f for f in result.findings if f.severity == "error"]
    table = _table(build_model(result.data, result.computed, result.findings))
    names = [row[0].text.lstrip("\u00a0\u2192\u2194 ") for row in table.rows]
    assert len(names) == len(set(names)) == 28
    working = next(row for row in table.rows if row[0].text.endswith("CSE Working Group"))
    assert working[0].text == "CSE Working Group"  # its parent is unknown: drawn at the left
    assert working[1].text == "Reports to CSE sub group"  # as typed, for the chair to see

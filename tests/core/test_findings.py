"""Findings as a person reads them: grouped by rule and column, one tab at a time."""

from __future__ import annotations

import pytest

from xl_addin.core.findings import (
    GROUP_FROM,
    Finding,
    Severity,
    UnknownTab,
    cell_ranges,
    find_tab,
    group,
    on_tab,
    tally,
)

W = Severity.WARNING


def _finding(cell: str, message: str = "m", column: str = "trend_typed",
             gist: str | None = "g", sheet: str = "Performance") -> Finding:
    return Finding(W, sheet, cell, "trend.typed", message, "tblIndicators", column, gist=gist)


@pytest.mark.parametrize("cells,expected", [
    (["L8"], "L8"),
    ([f"L{r}" for r in range(8, 56)], "L8:L55"),
    (["L8", "L9", "L11", "L12", "L13"], "L8:L9, L11:L13"),
    (["A20", "B20", "C20", "F20"], "A20:C20, F20"),
    (["AA5", "Z5"], "Z5:AA5"),
    (["C10", "D11"], "C10, D11"),
    ([f"C{r}" for r in range(1, 40, 2)], "C1, C3, C5, C7, C9, C11, C13, C15, and 12 more"),
])
def test_cell_ranges(cells, expected) -> None:
    assert cell_ranges(cells) == expected


def test_one_rule_in_one_column_is_one_line() -> None:
    findings = [_finding(f"L{r}", f"CS{r}: typed by hand") for r in range(8, 56)]
    lines = group(findings)
    assert len(lines) == 1
    assert lines[0].cells == "L8:L55" and lines[0].message == "g (48 cells)."
    assert lines[0].findings == tuple(findings)  # each finding is kept, for --json


def test_a_few_different_findings_keep_their_details() -> None:
    two = [_finding("D12", "Did you mean 97.3%?"), _finding("D14", "Did you mean 88%?")]
    assert [line.message for line in group(two)] == [f.message for f in two]
    alike = [_finding("A52", "same"), _finding("B52", "same")]
    assert [line.cells for line in group(alike)] == ["A52:B52"]  # nothing lost by grouping
    assert GROUP_FROM == 3


def test_different_columns_rules_or_tabs_are_not_grouped() -> None:
    findings = [_finding("L8"), _finding("L9"), _finding("L10"),
                _finding("M8", "a", column="rag"), _finding("M9", "b", column="rag"),
                _finding("L11", sheet="Board"), _finding("L12", gist=None)]
    lines = group(findings)
    assert sorted(line.cells or "" for line in lines) == ["L11", "L12", "L8:L10", "M8", "M9"]


def test_find_tab_forgives_capitals_and_suggests_a_name() -> None:
    tabs = ["Settings", "Performance", "CSE and MFH"]
    assert find_tab("performance", tabs) == "Performance"
    assert find_tab("  cse AND  mfh ", tabs) == "CSE and MFH"
    with pytest.raises(UnknownTab, match="There is no tab 'Perfromance'. Did you mean "
                                         "'Performance'?"):
        find_tab("Perfromance", tabs)
    with pytest.raises(UnknownTab, match="The tabs are: Settings, Performance, CSE and MFH"):
        find_tab("Budget 2017", tabs)


def test_on_tab_and_tally() -> None:
    findings = [_finding("L8"), _finding("C3", sheet="Board"),
                Finding(Severity.ERROR, "Board", "C4", "cell.type", "x")]
    assert on_tab(findings, "Board") == findings[1:]
    counts = tally(findings)
    assert list(counts) == ["Performance", "Board"]
    assert counts["Board"][Severity.ERROR] == 1 and counts["Board"][W] == 1


def test_messages_never_carry_control_characters_or_line_breaks() -> None:
    finding = Finding(W, "Board", "C3", "cell.type", "'a\x01b\nc' is odd", gist="x\x0by")
    assert finding.message == "'a b c' is odd" and finding.gist == "x y"

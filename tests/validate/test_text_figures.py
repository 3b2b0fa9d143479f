"""Figures typed into Report text, checked against the data: measured on the example.

The shipped example quotes every figure with a {ref}, so the check must find nothing in
it. Then each numeric quote of a key figure is typed out instead, as a chair would type it:
once as the figure itself (a note suggesting the quote) and once 8% off (a warning). The
measurement: how many it finds, and that it never cries wolf when the figure is right.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from xl_addin.core import fmt
from xl_addin.core.findings import RULES, Severity
from xl_addin.jobs.checked import Result
from xl_addin.report.content.figures import Figures
from xl_addin.tables.dataset import TableData
from xl_addin.tables.placement import PLACEHOLDER
from xl_addin.validate.text_figures import TextChecker, numbers_in

NUMERIC = {"integer", "number", "percent", "currency"}
NOTES_FOUND = 0.75  # measured: 126 of 157 figures typed as they are
WARNINGS_FOUND = 0.45  # measured: 80 of 157 figures typed 8% off


def test_the_shipped_example_has_no_figure_typed_in_its_text(example_result: Result) -> None:
    """Every disagreement the check can find in the example is listed here: none, because
    its text quotes each figure with {ref} (issue 18)."""
    assert [f.message for f in example_result.findings if f.rule.startswith("text.")] == []


@pytest.fixture(scope="module")
def checker(example_result: Result) -> TextChecker:
    return TextChecker(example_result.data, example_result.computed.columns,
                       example_result.computed.facts)


def typed_out(result: Result, off: float) -> Iterator[tuple[str, str, str, TableData]]:
    """(key, figure as typed, the paragraph with it typed, its table) for every numeric
    {ref} of a key figure in the example's Report text; ``off`` moves the figure by that
    share (a whole number moves by at least one)."""
    data, computed = result.data, result.computed
    figures = Figures(data.facts, computed.facts, data.profile)
    declared = {f.key: f for _, f in data.profile.iter_facts()}
    for sheet in data.profile.sheets:
        if sheet.narrative is None:
            continue
        table = data.tables[sheet.narrative.table]
        for text, style in zip(table.rows["text"], table.rows["style"], strict=True):
            if not isinstance(text, str) or style in ("Table", "Chart"):
                continue
            for match in PLACEHOLDER.finditer(text):
                key = match.group(1)
                fact, value = declared.get(key), figures.value(key)
                if fact is None or fact.kind.value not in NUMERIC or \
                        not isinstance(value, int | float) or isinstance(value, bool):
                    continue
                if off:
                    moved = value * (1 + off)
                    if fact.kind.value == "integer":
                        moved = max(round(moved), value + 1)
                    shown = fmt.value(moved, fact.kind.value, fact.unit)
                else:
                    shown = figures.text(key)
                yield key, shown, text[:match.start()] + shown + text[match.end():], table


def test_a_figure_typed_as_it_is_gets_a_note_and_never_a_warning(
        example_result: Result, checker: TextChecker) -> None:
    found = total = 0
    for key, shown, text, table in typed_out(example_result, 0):
        findings = checker.check(text, table, "A1", "section")
        assert not [f for f in findings if f.rule == "text.figure"], (key, text)
        notes = [f for f in findings if f.rule == "text.quote" and f"types {shown} " in f.message]
        found += bool(notes)
        total += 1
        for note in notes:
            assert note.severity is RULES["text.quote"][0] is Severity.INFO
            assert "Write {" in note.message
    assert total > 100 and found / total >= NOTES_FOUND, (found, total)


def test_a_figure_typed_wrong_gets_a_warning_naming_both_figures(
        example_result: Result, checker: TextChecker) -> None:
    found = total = 0
    for _, shown, text, table in typed_out(example_result, 0.08):
        findings = [f for f in checker.check(text, table, "A1", "section")
                    if f.rule == "text.figure" and f"says {shown} " in f.message]
        found += bool(findings)
        total += 1
        for finding in findings:
            assert finding.severity is Severity.WARNING and finding.disagreement
            assert finding.key and finding.key.startswith("text.figure: ") and shown in finding.key
            assert "so that the report does not contradict itself" in finding.message
    assert found / total >= WARNINGS_FOUND, (found, total)


def test_the_seeded_contradiction_in_the_lado_text_is_found(
        example_result: Result, checker: TextChecker) -> None:
    """'Of the 279 allegations' where every table says 296 (the 2016-17 report's words)."""
    table = example_result.data.tables["tblLadoNarrative"]
    findings = checker.check("Of the 279 allegations, more ended with no further action "
                             "after initial discussion.", table, "D11", "LADO")
    assert [f.rule for f in findings] == ["text.figure"]
    assert "296" in findings[0].message and "{lado_total}" in findings[0].message


@pytest.mark.parametrize("clause, typed", [
    ("Section 11 of the Children Act 2004 asks for 9 standards", ["9"]),
    ("children aged 0-19 and 3 to 6 months", []),
    ("the rate was 39 per 10,000 in 2015-16", ["39"]),
    ("on 18 March 2017 at level 2", []),
    ("more than 1,200 followers, about 45.5% of them", ["1,200", "45.5%"]),
    ("the 3rd quarter 2 figure", []),
])
def test_years_dates_names_and_ranges_are_not_figures(clause: str, typed: list[str]) -> None:
    assert [t.text for t in numbers_in(clause)] == typed


def test_more_than_and_about_are_respected(example_result: Result,
                                           checker: TextChecker) -> None:
    table = example_result.data.tables["tblTrainingNarrative"]
    said = [f"The neglect conference drew {n} people." for n in
            ("more than 140", "about 155", "more than 190")]
    found = [checker.check(text, table, "A1", "s") for text in said]
    assert [f.rule for f in found[0]] == []  # 150 attended: "more than 140" holds
    assert [f.rule for f in found[1]] == []  # and "about 155"
    assert [f.rule for f in found[2]] == ["text.figure"]  # "more than 190" does not


def test_a_generated_profiles_text_is_checked_too(tmp_path) -> None:
    """The small made-up profile of tests/fixtures: its one paragraph quotes its figure, so
    nothing is found; typed out, the same figure is a note and another one a warning."""
    import datetime as dt

    from tests.support.profiles import FIXTURES
    from xl_addin.jobs.checked import check
    from xl_addin.readers.xlsx import read_workbook
    from xl_addin.schema import read_profile
    from xl_addin.writers.workbook.fresh import build_workbook, save_workbook

    profile = read_profile(FIXTURES / "profiles" / "tiny.yaml")
    facts = {"board_name": "Riverside", "board_short_name": "R", "area": "Riverside",
             "reporting_year": "2023-24", "period_end": dt.datetime(2024, 3, 31),
             "child_population": 50_000}
    rows = {"tblSettings": [{"ref": k, "value": v} for k, v in facts.items()],
            "tblReferrals": [{"year": "2022-23", "referrals": 450},
                             {"year": "2023-24", "referrals": 430}],
            "tblDataText": [{"section": "Referrals in The Area", "style": "Paragraph",
                             "text": text} for text in (
                                 "Referrals fell to {year(tblReferrals, referrals)}.",
                                 "Referrals fell to 430 this year.",
                                 "Referrals fell to 390 this year.")]}
    path = tmp_path / "tiny.xlsx"
    save_workbook(build_workbook(profile, rows), path)
    result = check(read_workbook(path), profile)
    text = {f.rule: f for f in result.findings if f.rule.startswith("text.")}
    assert set(text) == {"text.quote", "text.figure"}
    assert "{year(tblReferrals, referrals)}" in text["text.quote"].message
    assert "says 390" in text["text.figure"].message and "430" in text["text.figure"].message
    assert result.data.tables["tblDataText"].cells["text"].tolist().index(
        text["text.figure"].cell) == 2


def test_a_quote_of_a_table_that_names_nothing_is_an_error(broken, example_raw) -> None:
    from tests.support.profiles import cell_of

    sheet, cell = cell_of(example_raw, "tblLadoNarrative", "text", row_index=0)

    def quote(wb) -> None:
        wb[sheet][cell].value = ("{year(tblLadoYears, allegations, -9)} and "
                                 "{cell(tblTraining, \"No such course\", attendees)}")

    found = [f for f in broken(quote).findings if f.rule == "cell.placeholder"]
    assert [f.cell for f in found] == [cell, cell]
    assert "has no row for that year" in found[0].message
    assert "has no row 'No such course'" in found[1].message

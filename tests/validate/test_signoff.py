"""Disagreements are settled before a report is published: corrected, or signed off.

The shipped example signs off every contradiction of the 2016-17 report. A copy edited as
a chair would (a sign-off key typed with a slip, one without its date, a figure corrected so
that its sign-off goes stale, "approx 40" in a training row, "tbc" for a year, a formula
with no saved result) is checked once and read by each test.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.support.profiles import EXAMPLE, cell_of
from xl_addin.cli import main
from xl_addin.core.errors import NotReadyToPublish
from xl_addin.core.findings import DISAGREEMENTS, OPEN, SIGNED_OFF, Severity
from xl_addin.core.raw import RawCell, RawWorkbook
from xl_addin.jobs.checked import Result, check
from xl_addin.jobs.document import refuse_unpublishable
from xl_addin.jobs.upgraded import carried_rows
from xl_addin.readers.xlsx import read_workbook
from xl_addin.report import build_model
from xl_addin.report.content.blocks import Paragraph, Table
from xl_addin.report.content.display import TOTALS_LEFT_OUT
from xl_addin.rollover.rules import roll_over
from xl_addin.schema.signoff_tab import KEEP, SIGNOFF_TAB, SIGNOFF_TABLE
from xl_addin.writers.plan import validation_tab

# The contradictions of the 2016-17 report named in issue 18, by their sign-off keys.
ISSUE = {"check.same: same.cp-plans-now", "check.same: same.cla-now",
         "check.same: same.cla-rate-now", "check.same: same.lado-nfa-base",
         "check.at-least: cse.full-day", "check.sum: sum.s11-valid",
         "check.same: same.elearning-passed"}


def test_the_example_signs_off_every_disagreement_and_still_finds_each(
        example_result: Result) -> None:
    disagreements = example_result.disagreements
    keys = {f.key for f in disagreements}
    assert ISSUE <= keys and len(disagreements) >= 29
    assert example_result.unsettled == [] and example_result.publishable
    for finding in disagreements:
        assert finding.state == SIGNED_OFF and finding.signed is not None
        assert finding.signed.why and finding.signed.who and finding.signed.sheet == SIGNOFF_TAB
    # the figure stays where it was typed: the finding is at its cell, signed off
    plans = next(f for f in disagreements if f.key == "check.same: same.cp-plans-now")
    assert (plans.sheet, plans.cell) == ("Performance", "B73") and "523" in plans.message
    assert not [f for f in example_result.findings if f.rule.startswith("signoff.")]


def test_every_disagreement_rule_is_a_warning() -> None:
    from xl_addin.core.findings import RULES

    assert DISAGREEMENTS <= set(RULES)
    assert {RULES[r][0] for r in DISAGREEMENTS} == {Severity.WARNING}


def test_keys_do_not_move_when_a_row_is_added_elsewhere(example_raw: RawWorkbook,
                                                        example_result: Result) -> None:
    raw = copy.deepcopy(example_raw)
    for name in ("tblSurveyAnswers", "tblTraining", "tblChildProtection"):
        table = raw.tables[name]
        width = len(table.headers)
        first = [RawCell(None, f"Z{900 + i}") for i in range(width)]
        table.rows.insert(0, first)  # a blank row inserted above the others
    moved = check(raw)
    assert {f.key for f in moved.disagreements} == {f.key for f in example_result.disagreements}
    assert moved.unsettled == []


# --- a chair's edits ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def edited(tmp_path_factory: pytest.TempPathFactory, example_path: Path,
           example_raw: RawWorkbook) -> tuple[Path, Result, dict[str, str]]:
    path = tmp_path_factory.mktemp("signoff") / "edited.xlsx"
    shutil.copyfile(example_path, path)
    wb = load_workbook(path)
    places: dict[str, str] = {}
    sign = wb[SIGNOFF_TAB]
    rows = {sign.cell(r, 1).value: r for r in range(1, sign.max_row + 1)}
    typo = rows["check.same: same.cp-plans-now"]
    sign.cell(typo, 1).value = "check.same: same.cp-plan-now"
    places["typo"] = f"A{typo}"
    undated = rows["check.same: same.cla-now"]
    sign.cell(undated, 5).value = None
    places["undated"] = f"E{undated}"
    places["stale"] = f"A{rows['check.same: same.cla-rate-now']}"
    twice = rows["check.same: same.cdop-table3-title"]
    sign.cell(twice, 1).value = "Check.Same:  same.lado-nfa-base"  # capitals, spaces: the same
    first, second = sorted((twice, rows["check.same: same.lado-nfa-base"]))
    places["twice"], places["first"] = f"A{second}", f"A{first}"
    sheet, cell = cell_of(example_raw, "tblSurveyAnswers", "responses", row_index=0)
    wb[sheet][cell].value = "eleven"  # a Confidence answer
    sheet, cell = cell_of(example_raw, "tblContext", "value", "cla_rate_now")
    wb[sheet][cell].value = 68.0  # corrected: it now agrees with the series
    sheet, cell = cell_of(example_raw, "tblTraining", "attendees", "Better together roadshows")
    wb[sheet][cell].value = "approx 40"
    sheet, cell = cell_of(example_raw, "tblReReferrals", "year", "2014-15")
    wb[sheet][cell].value = "tbc"
    sheet, cell = cell_of(example_raw, "tblIndicators", "value", "HE2")
    wb[sheet][cell].value = "=0.85+0.03"  # openpyxl saves no result
    places["formula"] = cell
    sheet, cell = cell_of(example_raw, "tblBusinessPlan", "update", row_index=0)
    wb[sheet][cell].value = '=HYPERLINK("https://example.org","The plan")'
    places["hyperlink"] = f"{sheet}!{cell}"
    wb.save(path)
    return path, check(read_workbook(path)), places


def _at(result: Result, rule: str) -> list:
    return [f for f in result.findings if f.rule == rule]


def test_a_mistyped_key_is_found_with_what_was_meant(edited) -> None:
    _, result, places = edited
    typo = _at(result, "signoff.key")
    assert [(f.sheet, f.cell) for f in typo] == [(SIGNOFF_TAB, places["typo"])]
    assert "Did you mean 'check.same: same.cp-plans-now'" in typo[0].message
    plans = next(f for f in result.findings if f.key == "check.same: same.cp-plans-now")
    assert plans.state == OPEN


def test_a_sign_off_without_its_date_settles_nothing(edited) -> None:
    _, result, places = edited
    undated = _at(result, "signoff.incomplete")
    assert [(f.cell, f.severity) for f in undated] == [(places["undated"], Severity.WARNING)]
    assert "has no 'Date'" in undated[0].message
    assert next(f for f in result.findings if f.key == "check.same: same.cla-now").signed is None


def test_a_sign_off_whose_finding_has_gone_is_reported_for_removal(edited) -> None:
    _, result, places = edited
    stale = _at(result, "signoff.stale")
    assert places["stale"] in {f.cell for f in stale}
    assert all(f.severity is Severity.INFO and "Delete this row" in f.message for f in stale)


def test_a_finding_signed_off_twice_counts_once(edited) -> None:
    _, result, places = edited
    twice = _at(result, "signoff.twice")
    assert [f.cell for f in twice] == [places["twice"]]
    lado = next(f for f in result.findings if f.key == "check.same: same.lado-nfa-base")
    assert lado.signed is not None and lado.signed.cell == places["first"]


def test_shares_of_a_group_with_an_error_are_left_blank(edited) -> None:
    _, result, _ = edited
    answers = result.data.tables["tblSurveyAnswers"].rows
    shares = result.computed.columns["tblSurveyAnswers"]["percent"]
    by_question = {q: [shares[i] for i in answers.index[answers["question"] == q]]
                   for q in ("Confidence", "Involvement")}
    assert all(v is None for v in by_question["Confidence"])
    assert all(isinstance(v, float) for v in by_question["Involvement"])


def test_a_formula_without_its_result_is_an_error_at_its_cell(edited) -> None:
    _, result, places = edited
    unsaved = _at(result, "cell.formula-unsaved")
    assert {f.cell for f in unsaved} >= {places["formula"], places["hyperlink"].split("!")[1]}
    assert all("a formula whose result has not been saved: open and save the workbook in "
               "Excel, or type the" in f.message for f in unsaved)
    assert not [f for f in result.findings if f.rule == "cell.required"
                and f.cell == places["formula"]]


def test_a_final_report_is_refused_until_every_disagreement_is_settled(edited) -> None:
    path, result, _ = edited
    with pytest.raises(NotReadyToPublish) as refused:
        refuse_unpublishable(replace_errors(result))
    assert "check.same: same.cp-plans-now" in str(refused.value)
    assert NotReadyToPublish.exit_code == 1


def replace_errors(result: Result) -> Result:
    """The same result without its errors, so the sign-off rule is what refuses it."""
    from dataclasses import replace

    return replace(result, findings=[f for f in result.findings
                                     if f.severity is not Severity.ERROR])


def test_a_draft_lists_each_disagreement_with_its_state(edited) -> None:
    _, result, _ = edited
    model = build_model(result.data, result.computed, result.findings, draft=True)
    assert model.fields["draft_banner"] == "DRAFT – data has errors"
    appendix = next(s for s in model.sections if s.id == "findings_appendix")
    listed = next(b for b in appendix.blocks if isinstance(b, Table))
    states = {row[4].text for row in listed.rows}
    assert "Open. Key: check.same: same.cp-plans-now" in states
    assert any(s.startswith("Signed off by LSCB Business Manager on 15 August 2017")
               for s in states)


def test_nothing_is_worked_out_from_a_row_with_an_error(edited) -> None:
    _, result, _ = edited
    model = build_model(result.data, result.computed, result.findings, draft=True)
    tables = {b.caption: b for s in model.sections for b in s.blocks if isinstance(b, Table)}
    training = next(t for c, t in tables.items() if c.startswith("Attendance at multi-agency"))
    assert [c.text for c in training.total or ()][1] == "n/a"
    assert TOTALS_LEFT_OUT in training.notes
    assert result.computed.facts["training_total"] is None
    rereferrals = next(t for c, t in tables.items() if c.startswith("Referrals that were"))
    changes = {row[0].text: row[-1].text for row in rereferrals.rows}
    assert changes["2015-16"] == "n/a"  # not a change on 2013-14 under the same heading
    about = next(s for s in model.sections if s.id == "about_the_figures")
    assert not any("Multi-agency training" in getattr(b, "text", "") for b in about.blocks)


def test_the_cli_refuses_a_final_build_and_lists_what_is_open(
        edited, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "fixed.xlsx"
    wb = load_workbook(edited[0])
    for sheet, cell in (("Performance", edited[2]["formula"]),):
        wb[sheet][cell].value = 0.88
    for row in wb["Training"].iter_rows():
        for c in row:
            if c.value == "approx 40":
                c.value = 349
            if c.value == "tbc":
                c.value = "2014-15"
    for row in wb["Performance"].iter_rows():
        for c in row:
            if c.value == "tbc":
                c.value = "2014-15"
    for row in wb["Staff Survey"].iter_rows():
        for c in row:
            if c.value == "eleven":
                c.value = 11
    plan = edited[2]["hyperlink"].split("!")
    wb[plan[0]][plan[1]].value = "See the plan."
    wb.save(path)
    code = main(["build", str(path), "-o", str(tmp_path / "r.docx")])
    out = capsys.readouterr()
    assert code == 1, out
    assert "Sign-off key: check.same: same.cp-plans-now" in out.out
    assert "neither corrected nor signed off" in out.err
    assert not (tmp_path / "r.docx").exists()


# --- the example's sign-offs, as people see them ------------------------------------------


def test_validate_and_its_json_give_each_state(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    settled = [f for f in findings if f.get("state")]
    assert len(settled) >= 29 and {f["state"] for f in settled} == {SIGNED_OFF}
    first = settled[0]["signed_off"]
    assert first["by"] == "LSCB Business Manager" and first["date"] == "2017-08-15"
    assert main(["validate"]) == 0
    text = capsys.readouterr().out
    assert "Signed off by LSCB Business Manager on 15 August 2017" in text
    assert "disagreement(s): 0 open" in text


def test_the_validation_tab_shows_each_key_and_state(example_result: Result) -> None:
    tab = validation_tab(example_result.findings, "example.xlsx", ["Performance"])
    values = [c.value for c in tab.cells]
    assert "Sign-off key" in values and "check.same: same.cp-plans-now" in values
    assert any(str(v).startswith("Signed off by LSCB Business Manager") for v in values)


def test_the_report_prints_a_figure_kept_as_typed_and_says_why(example_result: Result) -> None:
    kept = next(f for f in example_result.findings
                if f.key == "check.rate: rate.early-help [2016-17]")
    assert kept.signed is not None and kept.signed.decision == KEEP
    model = build_model(example_result.data, example_result.computed, example_result.findings)
    early = next(b for s in model.sections for b in s.blocks if isinstance(b, Table)
                 and b.caption.startswith("Early Help Assessments initiated in the year"))
    assert [c.text for c in early.rows[-1]][:3] == ["2016-17", "2,126", "206.4"]
    about = " ".join(b.text for s in model.sections if s.id == "about_the_figures"
                     for b in s.blocks if isinstance(b, Paragraph))
    assert "the rate per 10,000 is given as published at the time, 206.4" in about
    assert kept.signed.why in about
    glance = next(s for s in model.sections if s.id == "on_a_page")
    assert "206.4" in str(glance.blocks)


def test_a_new_year_starts_the_sign_off_empty_and_an_upgrade_carries_it(
        example_result: Result, example_raw: RawWorkbook) -> None:
    rolled = roll_over(example_result.data, example_result.computed, EXAMPLE)
    assert rolled.rows.get(SIGNOFF_TABLE, []) == []
    rows = carried_rows(example_raw.tables, EXAMPLE, [])
    assert len(rows[SIGNOFF_TABLE]) == len(example_result.disagreements)


def test_a_workbook_made_before_the_sign_off_tab_still_validates(broken) -> None:
    def remove(wb) -> None:
        wb.remove(wb[SIGNOFF_TAB])

    result = broken(remove)
    assert result.ok, result.errors
    assert [f.rule for f in result.findings if f.rule.startswith("signoff.")] == \
        ["signoff.no-tab"]
    assert len(result.unsettled) == len(result.disagreements) >= 29


def test_a_sign_off_dated_for_the_record(example_result: Result) -> None:
    dates = {f.signed.date for f in example_result.disagreements if f.signed}
    assert dates == {dt.date(2017, 8, 15)}

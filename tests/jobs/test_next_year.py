"""Rolling the master workbook over to next year, and the worked example 2016-17 -> 2017-18.

The 2017-18 and 2018-19 figures below are INVENTED for the worked example: they are not
Cumbria's, they are never shipped, and they exist only to show what the compute core does
with a rolled-over workbook.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from tests.support.profiles import EXAMPLE
from xl_addin.cli import main
from xl_addin.compute import Computed
from xl_addin.core.findings import Severity
from xl_addin.core.years import shift_year, year_of_date
from xl_addin.files.shipped import example_workbook
from xl_addin.jobs.checked import Result, check
from xl_addin.jobs.document import BuildOptions, build
from xl_addin.readers.openpyxl_book import raw_from_openpyxl
from xl_addin.readers.xlsx import read_workbook
from xl_addin.rollover.rules import (
    BusinessPlan,
    RolledWith,
    Rollover,
    roll_over,
    rule_for,
)
from xl_addin.tables.dataset import Dataset, TableData
from xl_addin.writers.workbook.fresh import build_workbook

Row = dict[str, object]
Rows = dict[str, list[Row]]

# --- INVENTED 2017-18 figures (never Cumbria's) -------------------------------------------

INVENTED_INDICATORS = {"CS1.0": 0.162, "CS1.1": 0.910, "CS2.3": 52.0, "CS3.2": 25}
EXPECTED_TRENDS = {"CS1.0": "Improving", "CS1.1": "Declining", "CS2.3": "Improving",
                   "CS3.2": "Sustained"}
INVENTED_SERIES = {
    "tblChildProtection": {"number": 498},
    "tblLookedAfter": {"number": 640},
    "tblReReferrals": {"referrals": 450, "re_referrals": 72},
    "tblCseMfh": {"cse_reports": 700, "mfh_episodes": 1000},
}
# ref -> (2017-18 status, update). Their 2016-17 statuses: 1.1 blank, 1.2 G, 1.4 G, 3.1 A.
INVENTED_PLAN = {
    "1.1": ("A", "INVENTED: appraisals running late."),
    "1.2": ("C", "INVENTED: every member has met the Chair."),
    "1.4": ("G", "INVENTED: handbook with the LSCB for sign-off."),
    "3.1": ("R", "INVENTED: not started."),
}
INVENTED_TEXT = "INVENTED 2017-18 foreword, written for the worked example only."
INVENTED_ATTENDEES = 100  # each 2017-18 training event
INVENTED_REFERRALS = 10  # each LADO referring agency


def _row(rows: list[Row], **match: object) -> Row:
    hits = [r for r in rows if all(r.get(k) == v for k, v in match.items())]
    assert len(hits) == 1, (match, hits)
    return hits[0]


def _invent_2017_18(rows: Rows) -> Rows:
    """A copy of the rolled-over rows with the invented 2017-18 figures typed in."""
    rows = copy.deepcopy(rows)
    for row in rows["tblIndicators"]:
        if row["ref"] in INVENTED_INDICATORS:
            row["value"] = INVENTED_INDICATORS[str(row["ref"])]
    for name, values in INVENTED_SERIES.items():
        _row(rows[name], year="2017-18").update(values)
    for row in rows["tblBusinessPlan"]:
        if row["ref"] in INVENTED_PLAN:
            row["status"], row["update"] = INVENTED_PLAN[str(row["ref"])]
    rows["tblBoardNarrative"][0]["text"] = INVENTED_TEXT
    for row in rows["tblTraining"]:
        row["attendees"] = INVENTED_ATTENDEES
    for row in rows["tblLadoReferrers"]:
        row["referrals"] = INVENTED_REFERRALS
    return rows


def _checked(rows: Rows) -> Result:
    """Next year's workbook built from ``rows`` and validated as a fresh workbook."""
    return check(raw_from_openpyxl(build_workbook(EXAMPLE, rows), "next.xlsx"), fresh=True)


def _years(rows: list[Row], **match: object) -> list[object]:
    return [r["year"] for r in rows if all(r.get(k) == v for k, v in match.items())]


@pytest.fixture(scope="module")
def rolled(example_result: Result) -> Rollover:
    return roll_over(example_result.data, example_result.computed)


@pytest.fixture(scope="module")
def worked(rolled: Rollover) -> Result:
    """The worked example: 2017-18 as rolled over, with the invented figures typed in."""
    return _checked(_invent_2017_18(rolled.rows))


# --- the rules, as data --------------------------------------------------------------------


def test_every_table_has_a_rule_and_every_fact_rule_names_a_real_figure() -> None:
    rules = {table.name: rule_for(table) for _, table in EXAMPLE.iter_tables()
             if not table.is_fact_table}
    for name, rule in rules.items():
        if isinstance(rule, RolledWith):  # the table it names writes this one
            written_by = rules[rule.table]
            assert isinstance(written_by, BusinessPlan) and written_by.history == name
    typed = {f.key for _, f in EXAMPLE.iter_facts() if not f.computed}
    carried = [f.rollover for _, f in EXAMPLE.iter_facts()
               if f.rollover is not None and f.rollover.name == "carry"]
    assert carried and all(str(c.args[0]) in typed for c in carried)
    assert not any(f.rollover for _, f in EXAMPLE.iter_facts() if f.computed)


def test_year_after() -> None:
    assert shift_year("2016-17") == "2017-18"
    assert shift_year("2099-00") == "2100-01"
    assert shift_year("2016-17", -4) == "2012-13"
    assert year_of_date(dt.date(2017, 3, 31)) == "2016-17"
    assert year_of_date(dt.date(2017, 4, 1)) == "2017-18"


# --- series ----------------------------------------------------------------------------------


def test_a_five_year_series_drops_its_oldest_year_and_opens_the_new_one(
        rolled: Rollover) -> None:
    rows = rolled.rows["tblChildProtection"]
    assert EXAMPLE.table("tblChildProtection").window == 5
    assert _years(rows) == ["2013-14", "2014-15", "2015-16", "2016-17", "2017-18"]
    assert [r["number"] for r in rows] == [591, 325, 416, 525, None]
    assert [k for k, v in _row(rows, year="2017-18").items() if v is not None] == ["year"]
    # 2016-17 used the Settings population; as history it keeps the figure it was rated on
    assert _row(rows, year="2016-17")["population"] == 92800
    assert _row(rows, year="2015-16")["population"] is None


def test_a_series_without_a_window_keeps_every_year(rolled: Rollover) -> None:
    years = _years(rolled.rows["tblPrivateFostering"])
    assert years[0] == "2008-09" and years[-2:] == ["2016-17", "2017-18"] and len(years) == 10
    assert _years(rolled.rows["tblElearningYears"]) == ["2015-16", "2016-17", "2017-18"]


def test_cdop_runs_a_year_behind_and_keeps_england_for_the_newest_year_only(
        rolled: Rollover) -> None:
    rows = rolled.rows["tblCdopGender"]
    assert sorted(set(_years(rows, area="This area"))) == [
        "2013-14", "2014-15", "2015-16", "2016-17"]
    assert _years(rows, area="England") == ["2016-17", "2016-17"]
    assert [r["category"] for r in rows if r["year"] == "2016-17"] == [
        "Male", "Female", "Male", "Female"]
    assert all(r["deaths"] is None and r["published_percent"] is None
               for r in rows if r["year"] == "2016-17")
    assert _row(rows, year="2015-16", category="Male")["deaths"] == 21


def test_earlier_years_gain_this_years_computed_total(rolled: Rollover) -> None:
    assert [(r["year"], r["attendees"]) for r in rolled.rows["tblTrainingYears"]] == [
        ("2015-16", 1401), ("2016-17", 3995)]
    assert [(r["year"], r["allegations"]) for r in rolled.rows["tblLadoYears"]] == [
        ("2014-15", 507), ("2015-16", 381), ("2016-17", 296)]


# --- indicators, text, key figures ------------------------------------------------------------


def test_indicator_values_become_last_years_and_targets_stay(example_result: Result,
                                                            rolled: Rollover) -> None:
    before = example_result.data.tables["tblIndicators"].rows.to_dict("records")
    after = rolled.rows["tblIndicators"]
    assert [r["ref"] for r in after] == [r["ref"] for r in before]
    for old, new in zip(before, after, strict=True):
        assert new["previous"] == old["value"] and new["value"] is None
        for key in ("unit", "target", "polarity", "decimals", "amber_from", "red_from",
                    "threshold_reason"):
            assert new[key] == old[key], (old["ref"], key)
        for key in ("trend_typed", "published_rag", "published_trend"):
            assert new[key] is None
        assert "rag" not in new and "trend_basis" not in new  # computed: start blank


def test_own_thresholds_are_carried_for_the_board_to_revise() -> None:
    indicator = {"ref": "X1", "description": "Invented", "unit": "%", "value": 0.5,
                 "target": None, "polarity": "High", "amber_from": 0.02, "red_from": 0.04,
                 "threshold_reason": "Small numbers", "trend_typed": "Improving"}
    new = roll_over(_dataset(tblIndicators=[indicator]), Computed()).rows["tblIndicators"]
    assert new == [{**indicator, "value": None, "previous": 0.5, "decimals": None,
                    "trend_typed": None, "published_rag": None, "published_trend": None}]


def test_report_text_moves_to_last_years_text(example_result: Result,
                                              rolled: Rollover) -> None:
    before = example_result.data.tables["tblCseNarrative"].rows.to_dict("records")
    after = rolled.rows["tblCseNarrative"]
    assert [r["previous_text"] for r in after] == [r["text"] for r in before]
    assert all(r["text"] is None for r in after)
    assert [(r["section"], r["style"]) for r in after] == [
        (r["section"], r["style"]) for r in before]


def test_key_figures_are_kept_moved_on_carried_or_emptied(rolled: Rollover) -> None:
    facts = {r["ref"]: r["value"] for _, table in EXAMPLE.iter_tables() if table.is_fact_table
             for r in rolled.rows[table.name]}
    assert facts["board_name"] == "Cumbria Local Safeguarding Children Board"
    assert facts["chair_name"] == "Gill Rigg"
    assert facts["reporting_year"] == "2017-18" and facts["cdop_year"] == "2016-17"
    assert facts["period_end"] == dt.date(2018, 3, 31)
    assert facts["cp_plans_before"] == 523 and facts["cp_plans_before_date"] == dt.date(
        2017, 3, 31)
    assert facts["survey_respondents_before"] == 368 and facts["survey_respondents"] is None
    assert facts["plan_period"] == "2017-20" and facts["next_plan_period"] is None
    assert facts["targets_reviewed"] == "No"
    assert facts["twitter_followers"] is None and facts["cp_plans_now"] is None
    assert "training_total" not in facts  # computed: the tool writes it


# --- the business plan -------------------------------------------------------------------------


ACTION = {"theme": "1. Leadership", "ref": "1.9", "part": 2, "action": "Invented action",
          "who": "Chair", "when": "Jul-17", "aim": "Invented aim", "update": "Done so far"}


@pytest.mark.parametrize(("status", "history"), [
    ("C", None),
    ("G", "Carried forward from 2016-17 (status G)"),
    ("A", "Carried forward from 2016-17 (status A)"),
    ("R", "Carried forward from 2016-17 (status R)"),
    (None, "Carried forward from 2016-17 (no status)"),
])
def test_business_plan_actions_carry_forward_unless_complete(status: str | None,
                                                             history: str | None) -> None:
    data = _dataset(tblBusinessPlan=[{**ACTION, "status": status}])
    rows = roll_over(data, Computed()).rows
    if history is None:
        assert rows["tblBusinessPlan"] == []
        assert rows["tblBusinessPlanHistory"] == [
            {"year": "2016-17", "theme": "1. Leadership", "ref": "1.9", "part": ACTION["part"],
             "action": "Invented action", "who": "Chair", "update": "Done so far"}]
    else:
        assert rows["tblBusinessPlan"] == [
            {**ACTION, "update": None, "status": None, "history": history}]
        assert rows["tblBusinessPlanHistory"] == []


def test_the_shipped_plan_carries_every_action_not_complete(example_result: Result,
                                                             rolled: Rollover) -> None:
    before = example_result.data.tables["tblBusinessPlan"].rows.to_dict("records")
    open_actions = [(r["ref"], r["action"]) for r in before if r["status"] != "C"]
    done = [(r["ref"], r["action"]) for r in before if r["status"] == "C"]
    assert [(r["ref"], r["action"]) for r in rolled.rows["tblBusinessPlan"]] == open_actions
    history = rolled.rows["tblBusinessPlanHistory"]
    assert [(r["ref"], r["action"]) for r in history] == done
    assert {r["year"] for r in history} == {"2016-17"}
    assert len(open_actions) == 46 and len(done) == 16


# --- validation of a fresh workbook ------------------------------------------------------------


def test_a_fresh_workbook_has_no_errors_only_cells_not_filled_in(rolled: Rollover) -> None:
    wb = build_workbook(EXAMPLE, rolled.rows)
    fresh = check(raw_from_openpyxl(wb, "next.xlsx"), fresh=True)
    assert fresh.errors == []
    # blank cells, and statutory content not written yet (the reviews, the audits' findings)
    # and notes: when the report is due, that a publication date is needed, words to check
    notes = ("statutory.deadline", "publication.date", "text.spelling")
    assert fresh.unfilled == [f for f in fresh.infos if f.rule not in notes]
    rules = {f.rule for f in fresh.unfilled}
    assert "cell.not-filled" in rules and rules - {"cell.not-filled"} == {
        "statutory.effectiveness", "statutory.weaknesses", "statutory.lessons"}
    # the same workbook, checked for publishing: each of those is an error
    strict = check(raw_from_openpyxl(wb, "next.xlsx"))
    assert [(f.sheet, f.cell, f.rule) for f in strict.errors] == [
        (f.sheet, f.cell, "cell.required" if f.rule == "cell.not-filled" else f.rule)
        for f in fresh.unfilled]
    assert sorted(f.rule for f in strict.findings if f.severity is Severity.INFO
                  and f.rule != "text.spelling") == ["publication.date", "statutory.deadline"]


# --- the worked example: 2017-18 with invented figures -------------------------------------------


def test_worked_example_trends_come_from_last_years_values(worked: Result) -> None:
    table = worked.data.tables["tblIndicators"].rows
    computed = worked.computed.columns["tblIndicators"]
    for index, ref in table["ref"].items():
        if ref in EXPECTED_TRENDS:
            assert computed.at[index, "trend"] == EXPECTED_TRENDS[ref], ref
            assert computed.at[index, "trend_basis"] == "last year's value"
    assert "typed by hand" not in set(computed["trend_basis"])
    assert not [f for f in worked.findings if f.rule == "trend.typed"]
    assert worked.errors == []


@pytest.mark.parametrize(("table", "column", "change"), [
    ("tblChildProtection", "change", "−27"),  # 525 -> 498 (invented)
    ("tblLookedAfter", "change", "+9"),  # 631 -> 640 (invented)
    ("tblReReferrals", "change", "−1.7 pp"),  # 17.7% -> 16.0% (invented)
    ("tblCseMfh", "cse_change", "+16"),  # 684 -> 700 (invented)
    ("tblCseMfh", "mfh_change", "−138"),  # 1,138 -> 1,000 (invented)
])
def test_worked_example_year_on_year_changes(worked: Result, table: str, column: str,
                                             change: str) -> None:
    index = worked.data.tables[table].find("year", "2017-18")
    assert worked.computed.value(table, index, column) == change


def test_worked_example_business_plan_shows_the_carried_actions(worked: Result) -> None:
    plan = worked.data.tables["tblBusinessPlan"].rows
    carried = dict(zip(plan["ref"], plan["history"], strict=False))
    assert carried["1.1"] == "Carried forward from 2016-17 (no status)"
    assert carried["1.4"] == "Carried forward from 2016-17 (status G)"
    assert carried["3.1"] == "Carried forward from 2016-17 (status A)"
    assert "1.3" not in carried  # complete in 2016-17
    counts = worked.computed.plan_status.loc["All themes"]
    assert (counts["C"], counts["A"], counts["R"]) == (1, 1, 1)


def test_worked_example_report_lists_the_carried_actions(worked: Result, example_result: Result,
                                                         tmp_path: Path) -> None:
    from docx import Document

    from xl_addin.report.content.house import tidy

    # a draft: the invented year has no publication date and nothing signed off
    out = build(worked, tmp_path / "annual_report_2017-18.docx", BuildOptions(draft=True))
    cells = [cell.text for table in Document(str(out)).tables for row in table.rows
             for cell in row.cells]
    for action in worked.data.tables["tblBusinessPlan"].rows["action"]:  # in the house style
        assert any(tidy(str(action)) in cell for cell in cells), action
    before = example_result.data.tables["tblBusinessPlan"].rows
    done = before.loc[before["status"] == "C", "action"]
    assert not any(tidy(str(action)) in cell for action in done for cell in cells)


# --- two rollovers in a row ---------------------------------------------------------------------


def test_two_rollovers_in_a_row_keep_the_history_straight(worked: Result) -> None:
    second = roll_over(worked.data, worked.computed)
    rows = second.rows
    assert (second.year, second.next_year) == ("2017-18", "2018-19")
    plans = rows["tblChildProtection"]
    assert _years(plans) == ["2014-15", "2015-16", "2016-17", "2017-18", "2018-19"]
    assert _row(plans, year="2017-18")["number"] == 498
    assert _years(rows["tblCdopGender"], area="England") == ["2017-18", "2017-18"]
    assert sorted(set(_years(rows["tblCdopGender"], area="This area")))[0] == "2014-15"
    assert [(r["year"], r["attendees"]) for r in rows["tblTrainingYears"]] == [
        ("2015-16", 1401), ("2016-17", 3995), ("2017-18", 20 * INVENTED_ATTENDEES)]
    assert rows["tblLadoYears"][-1] == {"year": "2017-18",
                                        "allegations": 17 * INVENTED_REFERRALS}
    plan = {r["ref"]: r["history"] for r in rows["tblBusinessPlan"]}
    assert plan["1.4"] == ("Carried forward from 2016-17 (status G); "
                           "Carried forward from 2017-18 (status G)")
    assert plan["3.1"] == ("Carried forward from 2016-17 (status A); "
                           "Carried forward from 2017-18 (status R)")
    assert "1.2" not in plan
    history = rows["tblBusinessPlanHistory"]
    assert [r["year"] for r in history] == ["2016-17"] * 16 + ["2017-18"]
    assert history[-1]["ref"] == "1.2" and history[-1]["update"] == INVENTED_PLAN["1.2"][1]
    assert rows["tblBoardNarrative"][0]["previous_text"] == INVENTED_TEXT
    assert _row(rows["tblIndicators"], ref="CS1.0")["previous"] == 0.162
    assert _row(rows["tblIndicators"], ref="CS1.1")["target"] == _row(
        worked.data.tables["tblIndicators"].rows.to_dict("records"), ref="CS1.1")["target"]
    assert _checked(rows).errors == []


# --- the command -----------------------------------------------------------------------------


def test_new_year_writes_a_fresh_workbook_and_leaves_the_input_alone(
        example_path: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "this_year.xlsx"
    shutil.copyfile(example_path, source)
    out = tmp_path / "next_year.xlsx"
    assert main(["new-year", str(source), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "over from 2016-17 to 2017-18" in printed and "carried forward" in printed
    assert "0 error(s)" in printed and "not filled in yet" in printed
    assert "Not carried" not in printed  # the shipped workbook holds nothing a chair added
    assert source.read_bytes() == example_path.read_bytes()
    raw = read_workbook(out)
    assert not {"Dashboard", "Validation"} & set(raw.sheets)  # the tool's tabs start clean
    written = check(raw, fresh=True)
    assert written.errors == [] and written.data.fact("reporting_year") == "2017-18"
    assert main(["validate", str(out), "--fresh"]) == 0  # blanks are "not filled in yet"
    strict = check(raw)
    assert main(["validate", str(out)]) == 1 and len(strict.errors) == len(written.unfilled)


@pytest.mark.parametrize("saved_by", ["openpyxl", "libreoffice"])
def test_new_year_lists_what_it_cannot_carry(saved_by: str, chair_workbooks, tmp_path: Path,
                                             capsys) -> None:
    """A chair's picture, chart, comment, formats, formulas and own tab are named, not lost."""
    from tests.support.chair_workbook import OWN_TAB, RESULT

    paths, edits = chair_workbooks
    if paths[saved_by] is None:
        pytest.skip("LibreOffice is not installed")
    out = tmp_path / "next.xlsx"
    assert main(["new-year", str(paths[saved_by]), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    listed = printed[printed.index("Not carried"):].splitlines()[1:-1]
    here = f"  - {edits.sheet}: "
    assert listed == [
        f"  - 1 tab the tool does not know, not copied: {OWN_TAB}",
        f"{here}1 chart, 1 picture",
        f"{here}1 comment ({edits.comment_cell})",
        f"{here}1 conditional format ({_value_column(edits)})",
        f"{here}1 data validation rule ({edits.validated_cell})",
        f"{here}1 formula in the tables, carried as the values they showed "
        f"({edits.formula_cell})",
        f"{here}2 cells typed outside the tables ({edits.note_cell}, {edits.counting_cell})",
    ]
    assert printed.rstrip().endswith(f"Wrote {out}.")
    # the formula's figure is carried as its value: this year's value is next year's "last year"
    rows = check(read_workbook(out), fresh=True).data.tables["tblIndicators"].rows
    carried = rows.loc[rows["ref"] == "CS1.0", "previous"].iloc[0]
    assert carried == pytest.approx(float(RESULT))


def _value_column(edits) -> str:
    letters = "".join(ch for ch in edits.formula_cell if ch.isalpha())
    rows = check(read_workbook(example_workbook())).data.tables["tblIndicators"].cells
    numbers = [int("".join(ch for ch in a if ch.isdigit())) for a in rows["value"]]
    return f"{letters}{min(numbers)}:{letters}{max(numbers)}"


def test_a_formula_without_a_saved_value_stops_the_new_year(tmp_path: Path, example_path: Path,
                                                            example_raw, capsys) -> None:
    """Such a formula is an error at its cell (issue 18), so the year is not rolled over until
    the workbook is saved in Excel or the figure typed."""
    from openpyxl import load_workbook

    from tests.support.profiles import cell_of

    sheet, cell = cell_of(example_raw, "tblIndicators", "previous", "CS1.0")
    wb = load_workbook(example_path)
    wb[sheet][cell] = "=0.1+0.1"  # never calculated: no saved value
    source = tmp_path / "this.xlsx"
    wb.save(source)
    assert main(["new-year", str(source), "-o", str(tmp_path / "next.xlsx")]) == 1
    printed = capsys.readouterr().out
    assert f"ERROR {cell:>6}  'Last year's value' for CS1.0" in " ".join(printed.split()) or \
        cell in printed
    assert "a formula whose result has not been saved: open and save the workbook in " \
        "Excel, or type the figure" in printed
    assert "Not rolled over" in printed and not (tmp_path / "next.xlsx").exists()


def test_new_year_never_writes_over_its_input(example_path: Path, tmp_path: Path,
                                             capsys) -> None:
    source = tmp_path / "this_year.xlsx"
    shutil.copyfile(example_path, source)
    link = tmp_path / "link.xlsx"
    link.symlink_to(source)
    for out in (source, tmp_path / "." / "this_year.xlsx", link):
        assert main(["new-year", str(source), "-o", str(out), "--force"]) == 2
        assert "over this_year.xlsx" in capsys.readouterr().err
    assert source.read_bytes() == example_path.read_bytes()


def test_new_year_replaces_an_existing_output_only_with_force(example_path: Path,
                                                              tmp_path: Path, capsys) -> None:
    out = tmp_path / "next.xlsx"
    out.write_bytes(b"an older file")
    assert main(["new-year", str(example_path), "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == b"an older file"
    assert main(["new-year", str(example_path), "-o", str(out), "--force"]) == 0
    assert read_workbook(out).tables["tblSettings"]
    assert main(["new-year", str(example_path), "-o", str(tmp_path / "no" / "next.xlsx")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_new_year_refuses_a_workbook_with_errors(example_path: Path, tmp_path: Path,
                                                 example_raw, capsys) -> None:
    from openpyxl import load_workbook

    from tests.support.profiles import cell_of

    sheet, cell = cell_of(example_raw, "tblContributions", "amount", "CCG")
    wb = load_workbook(example_path)
    wb[sheet][cell] = "lots"
    source, out = tmp_path / "bad.xlsx", tmp_path / "next.xlsx"
    wb.save(source)
    assert main(["new-year", str(source), "-o", str(out)]) == 1
    printed = capsys.readouterr().out
    assert any(line.split()[:2] == ["ERROR", cell] for line in printed.splitlines())
    assert "Nothing was written" in printed
    assert not out.exists()


# --- helpers --------------------------------------------------------------------------------------


def _dataset(**tables: list[Row]) -> Dataset:
    """A 2016-17 dataset holding only the given tables' rows."""
    data = Dataset(EXAMPLE, facts={"reporting_year": "2016-17", "period_end": dt.date(2017, 3, 31)})
    for name, rows in tables.items():
        table = EXAMPLE.table(name)
        keys = [c.key for c in table.columns]
        frame = pd.DataFrame([[r.get(k) for k in keys] for r in rows], columns=keys,
                             dtype=object)
        empty = frame.iloc[0:0]
        data.tables[name] = TableData(table, EXAMPLE.sheet_of(name).name, frame, frame, empty,
                                      empty)
    return data


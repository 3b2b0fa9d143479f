"""Statutory requirements as data: frameworks, profile mappings, findings, deadlines, appendix."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from tests.support.profiles import EXAMPLE
from xl_addin.cli import main
from xl_addin.core.findings import Severity, rule_severity
from xl_addin.jobs.checked import Result
from xl_addin.report.content.blocks import Paragraph, ReportModel, Table
from xl_addin.report.content.context import build_model
from xl_addin.report.content.statutory import NOT_MET, STATUTORY_HEADING, STATUTORY_ID
from xl_addin.schema import ProfileError, load_profile, read_profile
from xl_addin.statutory import FrameworkError, framework, frameworks, requirement_ids
from xl_addin.statutory.frameworks import parse
from xl_addin.tables.dataset import Dataset
from xl_addin.tables.placement import home_of, placed_in, section_labels, section_of
from xl_addin.validate.coverage import DEADLINE_RULE, coverage, statutory_findings

WT2015 = framework("Working Together 2015")


# --- the frameworks file ---------------------------------------------------------------------


def test_three_frameworks_with_what_the_issue_lists() -> None:
    assert [f.name for f in frameworks()] == ["Working Together 2015", "Working Together 2018",
                                              "Working Together 2023"]
    assert [r.id for r in WT2015.requirements] == ["effectiveness", "weaknesses", "lessons",
                                                   "spending"]
    later = {"activity", "impact", "little_progress", "review_actions", "feedback"}
    assert {r.id for r in framework("Working Together 2018").requirements} == later
    assert {r.id for r in framework("Working Together 2023").requirements} == later | {
        "scrutiny"}
    assert "child death reviews" in WT2015.requirement("spending").summary
    assert "care leavers" in framework("Working Together 2023").requirement("impact").summary
    assert framework(None).name == framework("").name == "Working Together 2023"
    assert framework("working together 2018").name == "Working Together 2018"
    with pytest.raises(KeyError):
        framework("Working Together 1999")


@pytest.mark.parametrize(("name", "period_end", "deadline"), [
    ("Working Together 2015", dt.date(2017, 3, 31), dt.date(2018, 3, 31)),
    ("Working Together 2018", dt.date(2019, 3, 31), dt.date(2020, 3, 31)),
    ("Working Together 2018", dt.date(2020, 2, 29), dt.date(2021, 2, 28)),  # no 29 Feb 2021
    ("Working Together 2023", dt.date(2024, 3, 31), dt.date(2024, 9, 30)),
    ("Working Together 2023", dt.date(2024, 9, 30), dt.date(2025, 9, 30)),  # strictly after
    ("Working Together 2023", dt.date(2024, 12, 31), dt.date(2025, 9, 30)),
])
def test_the_deadline_follows_the_framework(name: str, period_end: dt.date,
                                            deadline: dt.date) -> None:
    assert framework(name).deadline(period_end) == deadline


def test_circulation_names_who_gets_the_report_and_when() -> None:
    wt2015 = WT2015.publication(dt.date(2017, 3, 31))
    assert wt2015.within_days is None and "Police and Crime Commissioner" in wt2015.sentence
    wt2023 = framework("Working Together 2023").publication(dt.date(2024, 3, 31))
    assert wt2023.within_days == 7
    assert all(who in wt2023.sentence for who in (
        "30 September 2024", "Child Safeguarding Practice Review Panel", "Foundations",
        "Department for Education"))
    assert wt2023.to_dict()["deadline"] == "2024-09-30"


def _file() -> dict[str, object]:
    from importlib.resources import files

    import yaml

    text = files("xl_addin.statutory").joinpath("frameworks.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def test_a_broken_frameworks_file_lists_every_problem() -> None:
    data = _file()
    first = data["frameworks"][0]
    first["requirements"].append(dict(first["requirements"][0]))  # a repeated id
    first["requirements"].append({"id": "deadline", "summary": "x", "reference": "y"})
    first["publish"] = {"rule": "months_after", "says": "soon"}  # no months
    data["frameworks"].append(dict(data["frameworks"][1]))  # a repeated framework
    with pytest.raises(FrameworkError) as raised:
        parse(data)
    message = str(raised.value)
    for part in ("'effectiveness' is listed twice", "'deadline' is a name the tool keeps",
                 "publish needs months", "'Working Together 2018' is listed twice"):
        assert part in message
    with pytest.raises(FrameworkError, match="summary"):
        parse({"frameworks": [{**_file()["frameworks"][0], "requirements": [{"id": "x"}]}]})


# --- the profile's statutory: key ------------------------------------------------------------


def test_both_profiles_map_every_requirement_they_may_be_held_to() -> None:
    assert set(EXAMPLE.statutory) == {r.id for r in WT2015.requirements}
    starter = load_profile("starter")
    assert set(starter.statutory) == requirement_ids()
    settings = starter.table("tblSettings").fact("framework")
    assert settings.choices == tuple(f.name for f in frameworks())
    assert "Working Together 2023" in settings.description


def test_a_profile_mapping_names_that_do_not_exist_is_refused(tmp_path: Path) -> None:
    import yaml

    source = Path(EXAMPLE.source)
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["statutory"] = {
        "spendng": {"tables": ["tblContributions"]},
        "lessons": {"sections": ["learning_from_review"], "tables": ["tblReviewLesson"],
                    "facts": ["no_such_figure"]},
        "weaknesses": {},
        "effectiveness": {"tables": ["tblSettings"]},
    }
    settings = next(t for tab in data["tabs"] for t in tab["tables"]
                    if t["name"] == "tblSettings")
    framework_fact = next(f for f in settings["facts"] if f["key"] == "framework")
    framework_fact["choices"] = ["Working Together 2015", "Working Together 2019"]
    path = tmp_path / "board.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(ProfileError) as raised:
        read_profile(path)
    problems = "\n".join(raised.value.problems)
    assert "statutory, 'spendng': no statutory framework has this requirement (did you " \
           "mean 'spending'?)" in problems
    assert "there is no section 'learning_from_review' (did you mean " \
           "'learning_from_reviews'?)" in problems
    assert "there is no table 'tblReviewLesson' (did you mean 'tblReviewLessons'?)" in problems
    assert "there is no key figure 'no_such_figure'" in problems
    assert "statutory, 'weaknesses': name at least one section" in problems
    assert "'tblSettings' is the Settings table" in problems
    assert "'Working Together 2019' is not a statutory framework the tool knows" in problems


# --- findings on the example -----------------------------------------------------------------


def test_the_example_meets_working_together_2015(example_result: Result) -> None:
    rules = {f.rule for f in example_result.findings if f.rule.startswith("statutory.")}
    assert rules == {DEADLINE_RULE}
    assert example_result.publication is not None
    assert example_result.publication.deadline == dt.date(2018, 3, 31)
    [note] = [f for f in example_result.findings if f.rule == DEADLINE_RULE]
    assert note.severity is Severity.INFO and note.sheet == "Settings" and note.cell is None
    assert "31 March 2018" in note.message and "Health and Wellbeing Board" in note.message
    assert rule_severity(DEADLINE_RULE) is Severity.INFO
    assert rule_severity("statutory.spending") is Severity.ERROR


def _copy(data: Dataset) -> Dataset:
    out = copy.copy(data)
    out.tables = dict(data.tables)
    out.facts = dict(data.facts)
    return out


def _emptied(data: Dataset, table: str) -> Dataset:
    out = _copy(data)
    found = out.tables[table]
    out.tables[table] = copy.copy(found)
    out.tables[table].rows = found.rows.iloc[0:0]
    return out


def _section_removed(data: Dataset, section_id: str) -> Dataset:
    """The section's Report text rows gone, and every table that prints in it emptied."""
    out = _copy(data)
    labels = section_labels(data)  # the section as a blank workbook names it, or Settings
    for sheet in data.profile.sheets:
        if sheet.narrative is None or sheet.narrative.table not in out.tables:
            continue
        found = out.tables[sheet.narrative.table]
        keep = found.rows["section"].map(lambda v: section_of(labels, v) != section_id
                                         ).astype(bool)
        out.tables[sheet.narrative.table] = copy.copy(found)
        out.tables[sheet.narrative.table].rows = found.rows[keep]
    placed = placed_in(data)
    for name, found in data.tables.items():
        if not found.table.is_narrative and home_of(data, found.table, placed) == section_id:
            out = _emptied(out, name)
    return out


def _removed(data: Dataset, kind: str, name: str) -> Dataset:
    if kind == "tables":
        return _emptied(data, name)
    if kind == "sections":
        return _section_removed(data, name)
    out = _copy(data)
    out.facts[name] = None
    return out


CONTENT = [(rid, kind, name) for rid, where in EXAMPLE.statutory.items()
           for kind in ("sections", "tables", "facts") for name in getattr(where, kind)]


@pytest.mark.parametrize(("requirement", "kind", "name"), CONTENT,
                         ids=[f"{r}-{n}" for r, _, n in CONTENT])
def test_removing_any_content_raises_its_requirements_finding(
        example_result: Result, requirement: str, kind: str, name: str) -> None:
    data = _removed(example_result.data, kind, name)
    found = [f for f in statutory_findings(data) if f.rule == f"statutory.{requirement}"]
    assert found, f"removing {kind} {name} raised nothing for {requirement}"
    summary = WT2015.requirement(requirement).summary
    assert all(f.severity is Severity.ERROR and summary in f.message for f in found)
    if kind == "tables":
        table = example_result.data.tables[name]
        assert any(f.sheet == table.sheet and f.cell == table.ref.split(":")[0]
                   and f"'{table.table.title}'" in f.message for f in found)


@pytest.mark.parametrize("requirement", [r.id for r in WT2015.requirements])
def test_removing_each_requirements_content_raises_that_requirement(
        example_result: Result, requirement: str) -> None:
    data = example_result.data
    where = EXAMPLE.statutory[requirement]
    for kind in ("sections", "tables", "facts"):
        for name in getattr(where, kind):
            data = _removed(data, kind, name)
    rules = {f.rule for f in statutory_findings(data) if f.severity is Severity.ERROR}
    assert f"statutory.{requirement}" in rules
    assert not {f.rule for f in statutory_findings(example_result.data)
                if f.severity is Severity.ERROR}  # the copy, not the fixture, was changed


def test_a_fresh_workbook_is_told_what_is_not_filled_in_yet(example_result: Result) -> None:
    data = _emptied(example_result.data, "tblContributions")
    [gap] = [f for f in statutory_findings(data, fresh=True) if f.rule == "statutory.spending"]
    assert gap.severity is Severity.INFO and gap.sheet == "Budget"


def test_a_requirement_the_profile_does_not_map_is_reported_at_settings(
        example_result: Result) -> None:
    data = _copy(example_result.data)
    data.facts["framework"] = "Working Together 2023"
    found = [f for f in statutory_findings(data) if f.severity is Severity.ERROR]
    assert {f.rule for f in found} == {
        f"statutory.{r.id}" for r in framework("Working Together 2023").requirements}
    place = example_result.data.fact_places["framework"]
    assert all((f.sheet, f.cell) == (place.sheet, place.cell) for f in found)
    assert all("does not say which sections" in f.message for f in found)
    assert coverage(data).publication.deadline == dt.date(2017, 9, 30)  # type: ignore[union-attr]


def test_emptying_a_table_in_the_workbook_stops_the_build(broken, example_raw, tmp_path: Path,
                                                         capsys) -> None:
    found = example_raw.tables["tblReviewLessons"]

    def clear(wb) -> None:  # a chair deletes every lesson
        for row in found.rows:
            for cell in row:
                wb[found.sheet][cell.address].value = None

    result = broken(clear, name="no_lessons.xlsx")
    [gap] = [f for f in result.errors if f.rule == "statutory.lessons"]
    assert gap.sheet == found.sheet and "'Lessons from the reviews'" in gap.message
    assert main(["build", str(tmp_path / "no_lessons.xlsx"), "-o",
                 str(tmp_path / "out.docx")]) == 1
    assert "lessons from the reviews" in capsys.readouterr().out.casefold()


def test_validate_prints_the_deadline_and_circulation(capsys) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    last = out.strip().splitlines()[-1]
    assert last.startswith("Publication: Under Working Together 2015, publish this report by "
                           "31 March 2018")


# --- the appendix ----------------------------------------------------------------------------


def _appendix(model: ReportModel) -> Table:
    [section] = [s for s in model.sections if s.id == STATUTORY_ID]
    assert section.heading == STATUTORY_HEADING
    [table] = [b for b in section.blocks if isinstance(b, Table)]
    return table


def test_the_appendix_says_where_each_requirement_is_met(example_result: Result) -> None:
    order = [s.id for s in EXAMPLE.sections][::-1]  # a template printing them backwards
    model = build_model(example_result.data, example_result.computed, order=order)
    printed = [s.id for s in model.sections if s.id != STATUTORY_ID]
    number = {sid: n for n, sid in enumerate(sid for sid in order if sid in printed)}
    table = _appendix(model)
    assert [r[0].text for r in table.rows] == [r.summary for r in WT2015.requirements]
    assert all(r[1].text.startswith("Working Together 2015, chapter 3") for r in table.rows)
    budget = EXAMPLE.section("budget")
    assert table.rows[3][2].text == f"{number['budget'] + 1}. {budget.heading('Cumbria')}"
    lessons = table.rows[2][2].text
    for sid in ("learning_from_reviews", "serious_case_reviews", "practice_reviews"):
        assert f"{number[sid] + 1}. {EXAMPLE.section(sid).heading('Cumbria')}" in lessons
    text = [b.text for s in model.sections if s.id == STATUTORY_ID for b in s.blocks
            if isinstance(b, Paragraph)]
    # when it is due and where it goes is the board's to-do: a draft gives it, the
    # published report does not
    assert not any("publish this report" in t or "Chief Executive" in t for t in text)
    draft = build_model(example_result.data, example_result.computed, draft=True)
    text = [b.text for s in draft.sections if s.id == STATUTORY_ID for b in s.blocks
            if isinstance(b, Paragraph)]
    assert any(t.startswith("For the board (printed in drafts only): Under Working Together "
                            "2015, publish this report by 31 March 2018") for t in text)


def test_a_draft_lists_the_gaps(example_result: Result) -> None:
    data = _emptied(example_result.data, "tblSpend")
    model = build_model(data, example_result.computed, statutory_findings(data), draft=True)
    spending = _appendix(model).rows[3][2].text
    assert spending.startswith(NOT_MET) and "'Spending'" in spending
    assert "1 requirement(s) not met yet" in _appendix(model).notes[0]


def test_the_shipped_profiles_carry_their_statutory_map_into_workbooks() -> None:
    for name in ("starter", "cumbria-2016-17"):
        profile = load_profile(name)
        for requirement, where in profile.statutory.items():
            assert requirement in requirement_ids()
            assert all(profile.has_table(t) for t in where.tables)


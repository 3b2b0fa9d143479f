"""What a partnership adopting the tool needs, piece by piece (issue 19), on a small profile.

The walkthrough in tests/cli/test_adopting.py runs the commands end to end; these check each
piece on its own, in memory where they can: the words of the guidance, the Instructions'
examples, the new year's care of the chairs' work, the year at a glance of a table not
filled in, two tabs writing one section, a figure marked not available, the Dashboard, and
the jobs that make a profile and a template.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import docx
import pytest
import yaml

from tests.support.profiles import EXAMPLE, FIXTURES, STARTER
from xl_addin.cli import main
from xl_addin.core.errors import LscbError, OutputError
from xl_addin.jobs.checked import Result, check
from xl_addin.jobs.new_profile import new_profile
from xl_addin.jobs.word_template import make_template
from xl_addin.readers.openpyxl_book import raw_from_openpyxl
from xl_addin.report import build_model
from xl_addin.report.content.blocks import Heading, Paragraph, Tiles
from xl_addin.rollover.rules import roll_over
from xl_addin.schema import Profile
from xl_addin.schema.loader import profile_from_data
from xl_addin.writers.plan import dashboard_tab
from xl_addin.writers.workbook.fresh import build_workbook

TINY = FIXTURES / "profiles" / "tiny.yaml"
SETTINGS = {"board_name": "Riverside Safeguarding Partnership", "board_short_name": "RSP",
            "area": "Riverside", "reporting_year": "2023-24",
            "period_end": dt.datetime(2024, 3, 31), "child_population": 50_000}


def _profile(edit=lambda text: text) -> Profile:
    return profile_from_data(yaml.safe_load(edit(TINY.read_text(encoding="utf-8"))), "t.yaml")


def _facts(values: dict[str, object]) -> list[dict[str, object]]:
    return [{"ref": k, "value": v} for k, v in values.items()]


def _rows(**tables: list[dict[str, object]]) -> dict[str, list[dict[str, object]]]:
    return {"tblSettings": _facts(SETTINGS), **tables}


def _check(profile: Profile, rows: dict, fresh: bool = False) -> Result:
    return check(raw_from_openpyxl(build_workbook(profile, rows), "t.xlsx"), profile,
                 fresh=fresh)


TEXT = [{"section": "Referrals in The Area", "style": "Chart", "text": "Referrals by year"},
        {"section": "Referrals in The Area", "style": "Paragraph", "text": "Down in {year}."}]
REFERRALS = [{"year": "2022-23", "referrals": 450}, {"year": "2023-24", "referrals": 430}]


@pytest.fixture(scope="module")
def tiny() -> Profile:
    return _profile()


@pytest.fixture(scope="module")
def result(tiny: Profile) -> Result:
    return _check(tiny, _rows(tblReferrals=REFERRALS, tblDataText=TEXT,
                              tblTopics=[{"topic": "Neglect", "count": 3}]))


# --- the words of the guidance ------------------------------------------------------------


@pytest.mark.parametrize(("framework", "title", "body", "subject"), [
    (None, "Yearly Report", "partnership", "Yearly report of the safeguarding partners"),
    ("Working Together 2023", "Yearly Report", "partnership",
     "Yearly report of the safeguarding partners"),
    ("Working Together 2018", "Yearly Report", "partnership",
     "Yearly report of the safeguarding partners"),
    ("Working Together 2015", "Annual Report", "board",
     "Annual report of a Local Safeguarding Children Board"),
])
def test_the_report_names_what_the_guidance_names(result: Result, framework: str | None,
                                                  title: str, body: str, subject: str) -> None:
    data = copy.copy(result.data)
    data.facts = {**result.data.facts, "framework": framework}
    model = build_model(data, result.computed)
    assert (model.fields["report_title"], model.fields["body_type"]) == (title, body)
    assert model.subject == subject
    assert model.title == f"Riverside Safeguarding Partnership {title} 2023-24"


def test_the_example_under_working_together_2015_keeps_its_words(example_result: Result) -> None:
    model = build_model(example_result.data, example_result.computed)
    assert model.fields["report_title"] == "Annual Report"
    assert model.subject == "Annual report of a Local Safeguarding Children Board"


@pytest.mark.parametrize(("framework", "words"), [
    (None, ("Yearly Report: master data workbook", "partnership's yearly report")),
    ("Working Together 2015", ("Annual Report: master data workbook", "board's annual report")),
])
def test_the_workbook_names_what_the_guidance_names(tiny: Profile, framework: str | None,
                                                    words: tuple[str, str]) -> None:
    wb = build_workbook(tiny, _rows(tblSettings=_facts({**SETTINGS, "framework": framework})))
    text = " ".join(str(c.value) for c in wb["Instructions"]["A"] if c.value)
    assert wb.properties.title == words[0] and words[0] in text and words[1] in text


def test_the_instructions_quote_a_figure_of_the_profile_and_its_year(tiny: Profile) -> None:
    blank = " ".join(str(c.value) for c in build_workbook(tiny)["Instructions"]["A"] if c.value)
    assert "{referrals_quoted} for 'Referrals quoted in the text'" in blank
    assert "cp_plans_now" not in blank and "2016-17" not in blank and "2017" not in blank
    filled = build_workbook(tiny, _rows())["Instructions"]
    text = " ".join(str(c.value) for c in filled["A"] if c.value)
    assert "Dates like 31/03/2024. Years like 2023-24." in text


# --- a new year keeps the chairs' work ------------------------------------------------------


def test_placement_rows_keep_their_style_and_text(result: Result, tiny: Profile) -> None:
    rolled = roll_over(result.data, result.computed, tiny)
    chart, paragraph = rolled.rows["tblDataText"]
    assert (chart["style"], chart["text"], chart["previous_text"]) == (
        "Chart", "Referrals by year", None)
    assert (paragraph["text"], paragraph["previous_text"]) == (None, "Down in {year}.")


def test_a_standing_figure_is_carried_and_flagged_until_confirmed(result: Result,
                                                                  tiny: Profile) -> None:
    rolled = roll_over(result.data, result.computed, tiny)
    population = next(r for r in rolled.rows["tblSettings"] if r["ref"] == "child_population")
    assert population["value"] == 50_000
    assert population["note"].startswith("Carried over from 2023-24: confirm it still holds")
    name = next(r for r in rolled.rows["tblSettings"] if r["ref"] == "board_name")
    assert name["note"] is None  # a name is not a figure that goes stale
    assert any("'Children' (50,000)" in note for note in rolled.notes)
    flagged = [f for f in _check(tiny, rolled.rows, fresh=True).findings
               if f.rule == "fact.carried"]
    assert len(flagged) == 1 and flagged[0].sheet == "Settings"
    assert "carried over from 2023-24 (50,000). Confirm it still holds" in flagged[0].message
    confirmed = copy.deepcopy(rolled.rows)
    for row in confirmed["tblSettings"]:
        if row["ref"] == "child_population":
            row["note"] = "ONS mid-2023 estimate"
    assert not [f for f in _check(tiny, confirmed, fresh=True).findings
                if f.rule == "fact.carried"]


def test_the_rollover_says_no_empty_count_and_names_no_switched_off_tab() -> None:
    profile = _profile(lambda t: t.replace("- {id: closing, title: Closing words, tab: Notes}",
                                           "- {id: closing, title: Closing words, tab: Notes}\n"
                                           "- {id: spare, title: Spare, tab: Spare, "
                                           "enabled: false}").replace(
        "- name: Notes\n", "- name: Spare\n  owner: Data team\n  title: Spare\n  tables:\n"
        "  - name: tblSpare\n    title: Spare rows\n    fields:\n"
        "    - {name: thing, title: Thing, type: text}\n- name: Notes\n"))
    done = _check(profile, _rows(tblReferrals=REFERRALS))
    notes = " ".join(roll_over(done.data, done.computed, profile).notes)
    assert "Spare" not in notes and "0 empty row" not in notes
    assert "1 empty row opened for 2024-25" in notes


# --- a table not filled in yet, and two tabs writing one section ------------------------------


def _counted() -> Profile:
    return _profile(lambda t: t.replace(
        "headlines: [referrals]}", "headlines: [referrals, neglect]}").replace(
        "- {key: referrals, label: Referrals in the year,",
        "- {key: neglect, label: Topics on neglect, kind: number, source: "
        "'count(tblTopics, topic, \"Neglect\")'}\n"
        "- {key: referrals, label: Referrals in the year,"))


def test_a_table_not_filled_in_is_never_a_0_tile() -> None:
    profile = _counted()
    done = _check(profile, _rows(tblReferrals=REFERRALS))
    assert next(h for h in done.computed.headlines if h.key == "neglect").value is None

    def tiles(draft: bool) -> list[tuple[str, str]]:
        model = build_model(done.data, done.computed, done.findings, draft=draft)
        glance = next(s for s in model.sections if s.id == "glance")
        return [(t.label, t.value) for b in glance.blocks if isinstance(b, Tiles)
                for t in b.tiles]

    assert ("Topics on neglect", "Not filled in yet") in tiles(draft=True)
    assert all(label != "Topics on neglect" for label, _ in tiles(draft=False))
    assert all(value != "0" for _, value in tiles(draft=True))


def test_two_tabs_write_one_section_each_subheading_once() -> None:
    profile = _profile(lambda t: t.replace("sections: [figures]}", "sections: [figures, "
                                           "welcome]}"))
    welcome = "Welcome"
    rows = _rows(
        tblNotesText=[{"section": welcome, "subheading": "Who we are", "style": "Paragraph",
                       "text": "Notes 1."},
                      {"section": welcome, "subheading": "Our numbers", "style": "Paragraph",
                       "text": "Notes 2."}],
        tblDataText=[{"section": welcome, "subheading": "Who we are", "style": "Paragraph",
                      "text": "Data 1."},
                     {"section": welcome, "subheading": "Our numbers", "style": "Paragraph",
                      "text": "Data 2."}])
    done = _check(profile, rows)
    model = build_model(done.data, done.computed)
    section = next(s for s in model.sections if s.id == "welcome")
    said = [b.text if isinstance(b, Heading | Paragraph) else "" for b in section.blocks]
    assert said == ["Who we are", "Notes 1.", "Data 1.", "Our numbers", "Notes 2.", "Data 2."]


# --- a figure not known -------------------------------------------------------------------


def test_a_type_error_says_what_to_type_when_a_figure_is_unknown(tiny: Profile) -> None:
    rows = _rows(tblReferrals=[{"year": "2023-24", "referrals": "tbc"}])
    [error] = [f for f in _check(tiny, rows).errors if f.rule == "cell.type"]
    assert error.message.endswith("'tbc' is not a whole number. If the figure is not known "
                                  "yet, leave the cell blank.")
    marked = _profile(lambda t: "missing_values: [n/a]\n" + t)
    [error] = [f for f in _check(marked, rows).errors if f.rule == "cell.type"]
    assert error.message.endswith("leave the cell blank; if it is not available at all, type "
                                  "n/a.")
    done = _check(marked, _rows(tblReferrals=[{"year": "2023-24", "referrals": "N/A"}]))
    assert done.ok and done.data.tables["tblReferrals"].rows["referrals"].tolist() == [None]


# --- the Dashboard and compute's summary ------------------------------------------------------


def test_the_dashboard_shows_only_what_the_profile_has(result: Result) -> None:
    texts = [str(c.value) for c in dashboard_tab(result.data, result.computed).cells]
    assert not any("indicators" in t or "Business plan" in t for t in texts)
    profile = _profile(lambda t: t.replace(
        "    - {name: count, title: Count, type: integer, required: true}",
        "    - {name: count, title: Count, type: integer, required: true}\n"
        "    - {name: rag, title: RAG, type: choice, choices: [G, A, R]}"))
    done = _check(profile, _rows(tblTopics=[{"topic": "A", "count": 1, "rag": "G"},
                                            {"topic": "B", "count": 1, "rag": "R"}]))
    assert done.computed.summary() == "'RAG' in 'Topics raised': 1 G, 0 A, 1 R"
    texts = [str(c.value) for c in dashboard_tab(done.data, done.computed).cells]
    assert "'Topics raised' by 'RAG'" in texts
    assert result.computed.summary() == ""


def test_compute_says_no_empty_ratings(tiny: Profile, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from xl_addin.writers.workbook.fresh import save_workbook

    monkeypatch.setenv("LSCB_PROFILES", str(TINY.parent))

    path = tmp_path / "t.xlsx"
    save_workbook(build_workbook(tiny, _rows(tblReferrals=REFERRALS)), path)
    assert main(["compute", str(path)]) == 0
    said = capsys.readouterr().out
    assert said.startswith("Computed t.xlsx: the grey columns, the Dashboard tab")
    assert "ratings" not in said


# --- making a profile and a template --------------------------------------------------------


def test_a_new_profile_from_the_example_is_ready_to_edit(tmp_path: Path) -> None:
    assert any(t.since for _, t in EXAMPLE.iter_tables())
    made = new_profile("riverside", "cumbria-2016-17", tmp_path / "riverside.yaml")
    assert made.profile.version == "1.0" and made.unmarked > 0
    assert made.profile.template == "riverside.docx"
    assert "since:" not in made.path.read_text(encoding="utf-8")
    assert len(made.profile.sections) == len(EXAMPLE.sections)
    with pytest.raises(OutputError, match="already exists"):
        new_profile("riverside", out=tmp_path / "riverside.yaml")
    with pytest.raises(LscbError, match="cannot name a profile"):
        new_profile("River Side", out=tmp_path / "x.yaml")


def test_a_template_has_tags_only_for_sections_switched_on(tmp_path: Path) -> None:
    text = Path(STARTER.source).read_text(encoding="utf-8").replace(
        "- {id: business_plan, title: Business plan update, tab: Business Plan}",
        "- {id: business_plan, title: Business plan update, tab: Business Plan, "
        "enabled: false}").replace("profile: starter", "profile: planless")
    (tmp_path / "planless.yaml").write_text(text, encoding="utf-8")
    made = make_template(tmp_path / "planless.yaml")
    assert made.path == tmp_path / "starter.docx"  # beside the profile, as template: names it
    tags = [p.text for p in docx.Document(str(made.path)).paragraphs if p.text.startswith("{{p")]
    assert "{{p section_business_plan }}" not in tags
    assert not any("appendix_" in tag for tag in tags)
    assert len([t for t in tags if t.startswith("{{p section_")]) == len(STARTER.sections) - 1
    with pytest.raises(OutputError, match="already exists"):
        make_template(tmp_path / "planless.yaml")


def test_upgrade_lists_no_column_that_is_there(result: Result, tiny: Profile,
                                               tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from xl_addin.writers.workbook.fresh import save_workbook

    path = tmp_path / "t.xlsx"
    save_workbook(build_workbook(tiny, _rows(tblReferrals=REFERRALS)), path)
    assert main(["upgrade", str(path), "-o", str(tmp_path / "u.xlsx"), "--profile",
                 str(TINY)]) == 0
    said = capsys.readouterr().out
    assert "not carried" not in said and "Rate per 10k" not in said

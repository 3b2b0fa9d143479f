"""The whole pipeline on boards that are not the example's: a small made-up profile, the
starter profile part filled in, a chair's own table, and a workbook from an older version."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.table import Table as XlTable

from tests.support.profiles import EXAMPLE, FIXTURES, STARTER
from xl_addin.cli import main
from xl_addin.jobs.checked import Result, check
from xl_addin.jobs.document import build
from xl_addin.readers.xlsx import read_workbook
from xl_addin.report import build_model
from xl_addin.report.content.blocks import Chart, Paragraph, Table
from xl_addin.rollover.rules import roll_over
from xl_addin.schema import Profile, read_profile
from xl_addin.schema.resolve import PROFILE_NAME, VERSION_NAME
from xl_addin.tools.make_template import build_template
from xl_addin.writers.workbook.fresh import build_workbook, save_workbook

TINY_SOURCE = FIXTURES / "profiles" / "tiny.yaml"
FACTS = {"board_name": "Riverside Safeguarding Partnership", "board_short_name": "RSP",
         "area": "Riverside", "reporting_year": "2023-24",
         "period_end": dt.datetime(2024, 3, 31), "child_population": 50_000,
         "publication_date": dt.datetime(2024, 9, 30)}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Profile]:
    """The tiny profile in a board's own profile folder (LSCB_PROFILES), with its Word
    template beside it, as IT would install it."""
    folder = tmp_path_factory.mktemp("tiny")
    shutil.copyfile(TINY_SOURCE, folder / "tiny.yaml")
    profile = read_profile(folder / "tiny.yaml")
    (folder / "tiny.docx").write_bytes(build_template(profile))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LSCB_PROFILES", str(folder))
        yield profile


def facts_rows(values: dict[str, object]) -> list[dict[str, object]]:
    return [{"ref": key, "value": value} for key, value in values.items()]


def tiny_rows() -> dict[str, list[dict[str, object]]]:
    return {
        "tblSettings": facts_rows(FACTS),
        "tblReferrals": [{"year": "2021-22", "referrals": 400, "population": 49_000},
                         {"year": "2022-23", "referrals": 450},
                         {"year": "2023-24", "referrals": 430}],
        "tblTopics": [{"topic": "Neglect", "count": 12}, {"topic": "Online harm", "count": 7}],
        "tblDataFigures": facts_rows({"referrals_quoted": 431}),
        "tblDataText": [{"section": "Referrals in The Area", "style": "Paragraph",
                         "text": "Referrals fell to {referrals_quoted}."},
                        {"section": "Referrals in The Area", "style": "Chart",
                         "text": "Referrals by year"}],
        "tblNotesText": [{"section": "Welcome", "style": "Paragraph", "text": "Hello."},
                         {"section": "At a glance", "style": "Bullet",
                          "text": "We met every month."}],
        # the text's 431 and the series' 430 disagree: the business unit signs it off
        "tblSignOff": [{"finding": "check.same: same.referrals",
                        "decision": "Both figures are right",
                        "why": "The text quotes the count on the day the draft was written.",
                        "who": "Business manager", "date": dt.datetime(2024, 9, 1)}],
    }


def save(profile: Profile, rows: dict, path: Path) -> Path:
    save_workbook(build_workbook(profile, rows), path)
    return path


@pytest.fixture(scope="module")
def tiny_result(tiny: Profile, tmp_path_factory: pytest.TempPathFactory) -> Result:
    path = save(tiny, tiny_rows(), tmp_path_factory.mktemp("wb") / "riverside.xlsx")
    return check(read_workbook(path))


def test_the_workbook_records_its_profile_and_every_command_follows_it(
        tiny: Profile, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = save(tiny, tiny_rows(), tmp_path / "riverside.xlsx")
    wb = load_workbook(path)
    assert wb.defined_names[PROFILE_NAME].attr_text == '"tiny"'
    assert wb.defined_names[VERSION_NAME].attr_text == '"1.0"'
    assert [ws.title for ws in wb.worksheets] == ["Instructions", "Lists", "Settings", "Data",
                                                  "Notes", "Sign-off"]
    result = check(read_workbook(path))
    assert result.data.profile.name == "tiny"
    assert main(["validate", str(path)]) == 0
    assert "riverside.xlsx: 0 error(s)" in capsys.readouterr().out


def test_the_tiny_boards_figures_are_worked_out_from_its_formulas(tiny_result: Result) -> None:
    assert tiny_result.ok, tiny_result.errors
    rates = tiny_result.computed.columns["tblReferrals"]
    assert list(rates["rate"]) == [81.6, None, 86.0]  # own population; none; Settings figure
    assert list(rates["change"]) == [None, "+50", "−20"]
    assert tiny_result.computed.facts["topics_total"] == 19
    same = [f for f in tiny_result.findings if f.rule == "check.same"]
    assert len(same) == 1 and "431" in same[0].message and "430" in same[0].message
    [headline] = tiny_result.computed.headlines
    assert (headline.value, headline.previous) == (430, 450)


def test_the_tiny_boards_report_follows_its_profile(tiny_result: Result) -> None:
    model = build_model(tiny_result.data, tiny_result.computed, tiny_result.findings)
    assert [s.heading for s in model.sections] == ["Welcome", "At a glance",
                                                   "Referrals in Riverside"]  # closing: empty
    figures = model.sections[2]
    assert isinstance(figures.blocks[1], Chart)  # the chair placed only the chart
    assert [type(b) for b in figures.blocks][-1] is Table  # topics: nobody placed it
    topics = figures.blocks[-1]
    assert isinstance(topics, Table) and [c.text for c in topics.total or ()] == ["Total", "19"]
    referrals = [b for b in figures.blocks if isinstance(b, Table)
                 and b.caption == "Referrals in each year"]
    assert referrals == [], "a placed chart does not print its table as well"


def test_a_draft_marks_an_empty_section_and_a_final_build_leaves_it_out(
        tiny_result: Result, tmp_path: Path) -> None:
    draft = build_model(tiny_result.data, tiny_result.computed, tiny_result.findings,
                        draft=True)
    closing = next(s for s in draft.sections if s.id == "closing")
    assert [b.text for b in closing.blocks if isinstance(b, Paragraph)] == ["Not filled in yet."]
    empty = [f for f in tiny_result.findings if f.rule == "section.empty"]
    assert [f.sheet for f in empty] == ["Notes"] and "Closing words" in empty[0].message
    out = build(tiny_result, tmp_path / "report.docx")
    headings = [p.text for p in docx.Document(str(out)).paragraphs
                if p.style.name == "Heading 1"]
    assert headings == ["1. Welcome", "2. At a glance", "3. Referrals in Riverside"]


def test_the_tiny_board_rolls_over_a_year(tiny_result: Result, tiny: Profile,
                                          tmp_path: Path) -> None:
    rolled = roll_over(tiny_result.data, tiny_result.computed, tiny)
    years = [r["year"] for r in rolled.rows["tblReferrals"]]
    assert years == ["2022-23", "2023-24", "2024-25"]  # a window of three years
    assert rolled.rows["tblTopics"][0]["count"] is None  # figures emptied, labels kept
    settings = {r["ref"]: r["value"] for r in rolled.rows["tblSettings"]}
    assert settings["reporting_year"] == "2024-25" and settings["area"] == "Riverside"
    path = save(tiny, rolled.rows, tmp_path / "next.xlsx")
    assert check(read_workbook(path), fresh=True).ok


# --- a section switched off -----------------------------------------------------------------


def test_a_section_switched_off_drops_its_tables_and_requires_nothing(tmp_path: Path) -> None:
    text = TINY_SOURCE.read_text(encoding="utf-8").replace(
        "- {id: figures, title: 'Referrals in {area}', tab: Data}",
        "- {id: figures, title: 'Referrals in {area}', tab: Data, enabled: false}")
    (tmp_path / "tiny.yaml").write_text(text, encoding="utf-8")
    profile = read_profile(tmp_path / "tiny.yaml")
    path = save(profile, {"tblSettings": facts_rows(FACTS)}, tmp_path / "off.xlsx")
    wb = load_workbook(path)
    assert "Data" not in wb.sheetnames
    result = check(read_workbook(path), profile)
    assert result.ok and "tblReferrals" not in result.data.tables
    assert not any(f.rule == "table.missing" for f in result.findings)


# --- an older workbook and upgrade ----------------------------------------------------------


def test_an_older_workbook_opens_and_upgrade_adds_what_is_new(tiny: Profile,
                                                             tmp_path: Path,
                                                             capsys) -> None:
    old = save(tiny, tiny_rows(), tmp_path / "old.xlsx")
    newer = TINY_SOURCE.read_text(encoding="utf-8").replace("version: '1.0'", "version: '1.1'")
    newer = newer.replace(
        "    - {name: count, title: Count, type: integer, required: true}",
        "    - {name: count, title: Count, type: integer, required: true}\n"
        "    - {name: source, title: Source, type: text, required: true, since: '1.1'}")
    newer = newer.replace(
        "  - name: tblDataFigures",
        "  - name: tblVisits\n    title: Visits\n    since: '1.1'\n    fields:\n"
        "    - {name: place, title: Place, type: text, required: true}\n"
        "  - name: tblDataFigures")
    folder = tmp_path / "profiles"
    folder.mkdir()
    (folder / "tiny.yaml").write_text(newer, encoding="utf-8")
    profile = read_profile(folder / "tiny.yaml")
    result = check(read_workbook(old), profile)
    assert result.ok, result.errors
    [older] = [f for f in result.findings if f.rule == "workbook.older"]
    assert "Visits" in older.message and "Source (Topics raised)" in older.message
    out = tmp_path / "upgraded.xlsx"
    assert main(["upgrade", str(old), "-o", str(out), "--profile",
                 str(folder / "tiny.yaml")]) == 0
    said = capsys.readouterr().out
    assert "added the table 'Visits'" in said and "added the column 'Source'" in said
    upgraded = check(read_workbook(out), profile)
    assert upgraded.data.tables["tblTopics"].rows["count"].tolist() == [12, 7]
    assert upgraded.version == "1.1"
    assert {f.rule for f in upgraded.errors} == {"cell.required"}  # the new Source cells
    assert main(["upgrade", str(old), "-o", str(out)]) == 2  # exists: not replaced
    assert old.read_bytes() == (tmp_path / "old.xlsx").read_bytes()


def test_new_year_on_an_older_workbook_writes_the_current_version(
        tiny: Profile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = save(tiny, tiny_rows(), tmp_path / "old.xlsx")
    folder = tmp_path / "profiles"
    folder.mkdir()
    newer = TINY_SOURCE.read_text(encoding="utf-8").replace("version: '1.0'", "version: '1.1'")
    newer = newer.replace(
        "  - name: tblDataFigures",
        "  - name: tblVisits\n    title: Visits\n    since: '1.1'\n    fields:\n"
        "    - {name: place, title: Place, type: text, required: true}\n"
        "  - name: tblDataFigures")
    (folder / "tiny.yaml").write_text(newer, encoding="utf-8")
    monkeypatch.setenv("LSCB_PROFILES", str(folder))
    out = tmp_path / "next.xlsx"
    assert main(["new-year", str(old), "-o", str(out)]) == 0
    rolled = check(read_workbook(out), fresh=True)
    assert rolled.version == "1.1" and "tblVisits" in rolled.data.tables
    assert rolled.data.facts["reporting_year"] == "2024-25"


def test_a_workbook_from_before_profiles_is_matched_by_its_tables(tmp_path: Path,
                                                                  example_path: Path) -> None:
    path = tmp_path / "legacy.xlsx"
    shutil.copyfile(example_path, path)
    wb = load_workbook(path)
    del wb.defined_names[PROFILE_NAME]
    wb.defined_names[VERSION_NAME].attr_text = '"1.0"'
    wb.save(path)
    result = check(read_workbook(path))
    assert result.data.profile.name == EXAMPLE.name
    assert any(f.rule == "workbook.profile" for f in result.findings)


def test_a_workbook_naming_a_profile_not_installed_says_so(tmp_path: Path,
                                                          example_path: Path,
                                                          capsys) -> None:
    path = tmp_path / "elsewhere.xlsx"
    shutil.copyfile(example_path, path)
    wb = load_workbook(path)
    wb.defined_names[PROFILE_NAME].attr_text = '"northshire-2024"'
    wb.save(path)
    assert main(["validate", str(path)]) == 2
    assert "northshire-2024" in capsys.readouterr().err


# --- a chair's own table --------------------------------------------------------------------


def add_own_table(path: Path, sheet: str, top: int, rows: list[list[object]],
                  title: str = "Visits by school") -> None:
    wb = load_workbook(path)
    ws = wb[sheet]
    ws.cell(top, 1, title)
    for r, values in enumerate(rows, start=top + 1):
        for c, value in enumerate(values, start=1):
            ws.cell(r, c, value)
    last = f"{chr(64 + len(rows[0]))}{top + len(rows)}"
    ws.add_table(XlTable(displayName="tblChairsVisits", ref=f"A{top + 1}:{last}"))
    wb.save(path)


def test_a_chairs_own_table_is_read_checked_and_printed(tmp_path: Path,
                                                        example_path: Path) -> None:
    path = tmp_path / "own.xlsx"
    shutil.copyfile(example_path, path)
    top = load_workbook(path)["Neglect"].max_row + 3
    add_own_table(path, "Neglect", top, [["School", "Visits", "Share"],
                                         ["North", 12, 0.4], ["South", "seven", 0.6],
                                         ["Total", 20, None]])
    result = check(read_workbook(path))
    own = result.data.tables["tblChairsVisits"]
    assert own.table.custom and own.table.title == "Visits by school"
    kinds = {c.header: c.kind.value for c in own.table.columns}
    assert kinds == {"School": "text", "Visits": "integer", "Share": "number"}
    rules = {(f.rule, f.cell) for f in result.findings if f.sheet == "Neglect"}
    assert ("cell.type", f"B{top + 3}") in rules  # "seven" in a number column
    # the rows cannot be added up while one has an error, so the typed total is not checked
    assert ("total.mismatch", f"B{top + 4}") not in rules
    model = build_model(result.data, result.computed, result.findings, draft=True)
    neglect = next(s for s in model.sections if s.id == "neglect")
    printed = [b for b in neglect.blocks if isinstance(b, Table)]
    assert printed[-1].caption == "Visits by school"
    # nor is a total printed: it would be worked out from the rows without the error
    assert [c.text for c in printed[-1].total or ()] == ["Total", "n/a", "n/a"]


def test_a_chairs_own_table_can_be_placed_and_charted(tmp_path: Path,
                                                      example_path: Path) -> None:
    path = tmp_path / "own.xlsx"
    shutil.copyfile(example_path, path)
    top = load_workbook(path)["Neglect"].max_row + 3
    add_own_table(path, "Neglect", top, [["Year", "Visits"], ["2015-16", 40], ["2016-17", 55]],
                  title="Visits by year")
    wb = load_workbook(path)
    ws = wb["Neglect"]
    text = ws.tables["tblNeglectNarrative"]
    first, last = text.ref.split(":")
    row = int("".join(ch for ch in first if ch.isdigit())) + 1
    ws.cell(row, 3).value = "Chart"  # the first paragraph becomes a placement of the chart
    ws.cell(row, 4).value = "Visits by year"
    wb.save(path)
    result = check(read_workbook(path))
    model = build_model(result.data, result.computed, result.findings)
    neglect = next(s for s in model.sections if s.id == "neglect")
    charts = [b for b in neglect.blocks if isinstance(b, Chart)]
    assert charts and charts[0].categories == ("2015-16", "2016-17")
    assert charts[0].series[0].values == (40.0, 55.0)


# --- the starter profile, part filled in ----------------------------------------------------


def starter_rows() -> dict[str, list[dict[str, object]]]:
    return {
        "tblSettings": facts_rows({**FACTS, "area": "Northshire",
                                   "board_name": "Northshire Safeguarding Partnership"}),
        "tblIndicators": [
            {"ref": "P1", "description": "Re-referrals within 12 months", "unit": "%",
             "value": 0.215, "target": 0.2, "polarity": "Low", "previous": 0.23},
            {"ref": "P2", "description": "Assessments in time", "unit": "%", "value": 0.9,
             "target": 0.85, "polarity": "High"},
        ],
        "tblChildProtection": [{"year": "2023-24", "number": 310}],
    }


def test_a_new_board_part_way_through_computes_what_it_can(tmp_path: Path, capsys) -> None:
    path = save(STARTER, starter_rows(), tmp_path / "northshire.xlsx")
    wb = load_workbook(path)
    ws = wb["Training"]
    table = ws.tables["tblTraining"]
    row = int("".join(ch for ch in table.ref.split(":")[0] if ch.isdigit())) + 1
    ws.cell(row, 1).value, ws.cell(row, 2).value = "Neglect workshop", "lots"  # an error
    wb.save(path)
    result = check(read_workbook(path))
    # the one typing error; the rest is what the statutory guidance needs and is not there yet
    assert [f.sheet for f in result.errors if not f.rule.startswith("statutory.")] == [
        "Training"]
    ratings = result.computed.columns["tblIndicators"]["rag"].tolist()
    assert ratings == ["A", "G"]  # rated although another tab has an error
    assert result.computed.facts["training_total"] is None  # depends on the error
    assert result.computed.skipped == {"tblTraining": 1}
    model = build_model(result.data, result.computed, result.findings, draft=True)
    empty = [s.heading for s in model.sections
             if [b.text for b in s.blocks if isinstance(b, Paragraph)] == ["Not filled in yet."]]
    assert "Budget and partner contributions" in empty
    charts = [b for s in model.sections for b in s.blocks if isinstance(b, Chart)]
    assert charts == []  # one year of figures: no chart of a single point
    out = tmp_path / "draft.docx"
    assert main(["build", str(path), "-o", str(out), "--draft"]) == 0
    assert out.exists()

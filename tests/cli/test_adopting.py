"""A partnership adopts the tool, as docs/adopting.md tells it to (issue 19).

The module fixture runs every ``lscb-report`` command of docs/adopting.md, in its order,
in a folder of its own, and between them does what the page tells a business manager to
do: edit the new profile (sections reordered and switched off, a section, a tab and a
survey table of its own, a RAG column on the priorities, a title quoting the year), fill
the workbook in (with openpyxl, then saved again by LibreOffice as a chair's program
would), reorder the Word template, and later raise the profile's version. The tests then
read what each command printed and wrote.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import shlex
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.table import Table as XlTable

from tests.support.chair_workbook import saved_by_libreoffice
from xl_addin.cli import main

DOC = Path(__file__).resolve().parents[2] / "docs" / "adopting.md"
NAME = "northshire"
YEAR, NEXT = "2024-25", "2025-26"
WORKBOOK = f"{NAME}_{YEAR}.xlsx"
SWITCHED_OFF = ("children_in_area", "effectiveness", "performance", "section_11", "training",
                "lado", "private_fostering", "child_deaths", "budget", "business_plan",
                "about_the_figures")
OFF_TABS = ("Performance", "Section 11", "Training", "LADO", "Private Fostering",
            "Child Deaths", "Budget", "Business Plan")
OWN_TABLE = "tblMyContacts"


@dataclass
class Run:
    line: str
    code: int
    out: str
    err: str


@dataclass
class Walkthrough:
    folder: Path
    runs: list[Run] = field(default_factory=list)
    libreoffice: bool = False

    def run(self, *words: str) -> Run:
        """The run of the command that starts with these words (the last such)."""
        wanted = " ".join(words)
        found = [r for r in self.runs if r.line.startswith(f"lscb-report {wanted}")]
        assert found, f"docs/adopting.md runs no 'lscb-report {wanted}'"
        return found[-1]


def doc_commands() -> list[str]:
    """The lscb-report lines of the page's bash blocks, in order."""
    blocks = re.findall(r"```bash\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines()
            if line.strip().startswith("lscb-report ")]


# --- what the business manager does between the commands ---------------------------------


def edit_profile(folder: Path) -> None:
    """The edits docs/adopting.md describes, made to the new profile's text."""
    path = folder / f"{NAME}.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(f"title: '{NAME.capitalize()} yearly report'",
                        "title: Northshire Safeguarding Children Partnership yearly report")
    text = "missing_values: [n/a]\n" + text
    for section in SWITCHED_OFF:  # switched off, as the page says
        text, n = re.subn(rf"(- \{{id: {section}, [^\n]*)\}}\n", r"\1, enabled: false}\n",
                          text)
        if not n:  # a section written over several lines
            text = re.sub(rf"(- id: {section}\n)", r"\1  enabled: false\n", text)
    # the sections in our own order: the priorities and our survey before the reviews
    text = text.replace("- {id: priorities, title: Priorities for next year, tab: Partnership}\n",
                        "")
    text = text.replace(
        "- {id: reviews, title: Learning from reviews, tab: Reviews}\n",
        "- {id: priorities, title: 'Priorities for {next_year}', tab: Partnership}\n"
        "- {id: survey, title: 'What children in {area} told us', tab: Survey}\n"
        "- {id: reviews, title: Learning from reviews, tab: Reviews}\n")
    # a RAG column on the priorities
    text = text.replace(
        "    - {name: lead, title: Lead, type: text, width: 24, description: The group or "
        "person who leads it.}\n",
        "    - {name: lead, title: Lead, type: text, width: 24, description: The group or "
        "person who leads it.}\n"
        "    - {name: rag, title: RAG, type: choice, choices: [G, A, R], description: Where "
        "it stands.}\n")
    text = text.replace("columns: [priority, actions, lead]", "columns: [priority, actions, "
                        "lead, rag]")
    # a tab of our own, with a survey table
    text = text.replace("- name: Glossary\n", SURVEY_TAB + "\n- name: Glossary\n", 1)
    # the year at a glance counts only what is switched on
    text = text.replace("headlines: [cp_plans, looked_after, early_help, training, lado, "
                        "reviews]", "headlines: [reviews]")
    # where the report meets what Working Together 2023 requires: sections switched on
    text = text[:text.index("statutory:\n")] + STATUTORY
    path.write_text(text, encoding="utf-8")


SURVEY_TAB = """- name: Survey
  owner: Partnership business unit
  title: Our survey of children
  description: What children told us in the year.
  text: {table: tblSurveyText, sections: [survey]}
  tables:
  - name: tblSurvey
    title: Survey answers
    description: One row per question.
    primary_key: question
    blank_rows: 12
    report: {caption: 'What children told us, {year}'}
    fields:
    - {name: question, title: Question, type: text, required: true, unique: true}
    - {name: agreed, title: Agreed, type: percent, required: true}
"""

STATUTORY = """statutory:
  activity: {sections: [arrangements, reviews], tables: [tblMembers]}
  impact: {sections: [voice, survey], tables: [tblSurvey]}
  little_progress: {sections: [challenges]}
  review_actions: {sections: [reviews], tables: [tblReviews, tblReviewLessons]}
  feedback: {sections: [voice]}
  scrutiny: {sections: [arrangements], facts: [chair_name]}
"""

SETTINGS = {"board_name": "Northshire Safeguarding Children Partnership",
            "board_short_name": "NSCP", "area": "Northshire", "reporting_year": YEAR,
            "child_population": 61_000, "child_population_source": "ONS mid-2023 estimate",
            "publication_date": dt.datetime(2025, 9, 12)}
TEXT = [  # (tab's Report text table, section as the dropdown names it, style, text)
    ("tblBoardNarrative", "Foreword", "Paragraph", "The partners met {meetings_held} times "
     "in {year}."),
    ("tblBoardNarrative", "Our safeguarding arrangements", "Paragraph", "Our independent "
     "scrutineer is {chair_name}."),
    ("tblBoardNarrative", "Listening to children and families", "Paragraph", "We asked."),
    ("tblBoardNarrative", "Where progress has been slow", "Paragraph", "Neglect, again."),
    ("tblBoardNarrative", "Priorities for next year", "Table", "Priorities for next year"),
    ("tblBoardNarrative", "Priorities for next year", "Paragraph", "Three priorities."),
    ("tblReviewsNarrative", "Learning from reviews", "Paragraph", "Two reviews ended."),
    ("tblSurveyText", "What children in The Area told us", "Paragraph", "Most feel safe."),
]


def fill_in(path: Path) -> None:
    """A chair's typing, into the blank rows of the fresh workbook (no rows inserted)."""
    import datetime as dt

    wb = load_workbook(path)

    def table(name: str) -> tuple[object, XlTable]:
        ws = next(ws for ws in wb.worksheets if name in ws.tables)
        return ws, ws.tables[name]

    def fill(name: str, rows: list[dict[str, object]]) -> None:
        ws, found = table(name)
        left, top, _, bottom = range_boundaries(found.ref)
        headers = [c.value for c in ws[top][left - 1:]]  # type: ignore[index]
        assert len(rows) <= bottom - top, f"{name}: too few blank rows for {len(rows)}"
        for i, row in enumerate(rows, start=1):
            for header, value in row.items():
                ws.cell(top + i, left + headers.index(header)).value = value  # type: ignore[union-attr]

    def facts(name: str, values: dict[str, object]) -> None:
        ws, found = table(name)
        left, top, _, bottom = range_boundaries(found.ref)
        for r in range(top + 1, bottom + 1):
            ref = ws.cell(r, left).value  # type: ignore[union-attr]
            if ref in values:
                ws.cell(r, left + 2).value = values[ref]  # type: ignore[union-attr]

    facts("tblSettings", {**SETTINGS, "period_end": dt.datetime(2025, 3, 31)})
    facts("tblBoardFigures", {"chair_name": "Sam Reid", "meetings_held": 6})
    fill("tblMembers", [{"Agency": a, "Role": "Safeguarding partner"} for a in
                        ("Northshire Council", "Northshire ICB", "Northshire Police")])
    fill("tblPriorities", [
        {"Priority": "Neglect", "What we will do": "The neglect toolkit", "Lead": "Exec",
         "RAG": "G"},
        {"Priority": "Exploitation", "What we will do": "A joint panel", "Lead": "Police",
         "RAG": "A"},
        {"Priority": "Online harm", "What we will do": "Schools' week", "Lead": "Schools",
         "RAG": "G"}])
    fill("tblReviews", [
        {"Review": "Child A", "Type": "Rapid review", "What happened": "A baby was hurt at "
         "home; the partners met within 15 working days."},
        {"Review": "Child B", "Type": "Child safeguarding practice review",
         "Published": dt.datetime(2025, 2, 3), "What happened": "Years of neglect."}])
    fill("tblReviewLessons", [{"Review": "Child B", "No.": 1, "Lesson": "Hear the child."}])
    fill("tblSurvey", [{"Question": "I feel safe at school", "Agreed": 0.82},
                       {"Question": "I know who to tell", "Agreed": "n/a"}])
    fill("tblGlossary", [{"Acronym": "ICB", "Meaning": "Integrated care board"}])
    by_table: dict[str, list[dict[str, object]]] = {}
    for name, section, style, text in TEXT:
        by_table.setdefault(name, []).append({"Section": section, "Style": style,
                                              "Text": text})
    for name, rows in by_table.items():
        fill(name, rows)
    own = wb["Partnership"]  # a chair's own table, with its title above it
    start = own.max_row + 3
    own.cell(start, 1, "Who to call")
    for i, (who, number) in enumerate((("Name", "Phone"), ("Front door", "0100 000 000"),
                                       ("Out of hours", "0100 000 001"))):
        own.cell(start + 1 + i, 1, who)
        own.cell(start + 1 + i, 2, number)
    own.add_table(XlTable(displayName=OWN_TABLE, ref=f"A{start + 1}:B{start + 3}"))
    wb.save(path)


def reorder_template(path: Path) -> None:
    """The comms team moves the survey to the front, after the foreword, and writes a line
    of their own before it."""
    document = docx.Document(str(path))
    tags = {p.text.strip(): p for p in document.paragraphs if p.text.startswith("{{p ")}
    survey, foreword = tags["{{p section_survey }}"], tags["{{p section_foreword }}"]
    foreword._p.addnext(survey._p)
    survey.insert_paragraph_before("Written with the children of Northshire.")
    document.save(str(path))


def raise_version(folder: Path) -> None:
    """A year on, the partnership adds a column to its survey table, as version 1.1."""
    path = folder / f"{NAME}.yaml"
    text = path.read_text(encoding="utf-8").replace("version: '1.0'", "version: '1.1'")
    text = text.replace(
        "    - {name: agreed, title: Agreed, type: percent, required: true}\n",
        "    - {name: agreed, title: Agreed, type: percent, required: true}\n"
        "    - {name: asked, title: Children asked, type: integer, since: '1.1'}\n")
    path.write_text(text, encoding="utf-8")


# --- the walkthrough ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Walkthrough]:
    folder = tmp_path_factory.mktemp("adopting") / "profiles"
    folder.mkdir()
    done = Walkthrough(folder)
    after: dict[str, Callable[[], None]] = {
        "profiles new": lambda: edit_profile(folder),
        "new-workbook": lambda: _fill_and_save_in_libreoffice(done),
        "make-template": lambda: reorder_template(folder / f"{NAME}.docx"),
        "new-year": lambda: raise_version(folder),
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        patch.setenv("LSCB_PROFILES", str(folder))
        for line in doc_commands():
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(shlex.split(line)[1:])
            done.runs.append(Run(line, code, out.getvalue(), err.getvalue()))
            for start, edit in after.items():
                if line.startswith(f"lscb-report {start}"):
                    edit()
        yield done


def _fill_and_save_in_libreoffice(done: Walkthrough) -> None:
    path = done.folder / WORKBOOK
    fill_in(path)
    saved = saved_by_libreoffice(path, done.folder.parent / "libreoffice")
    if saved is not None:
        shutil.copyfile(saved, path)
        done.libreoffice = True


# --- what it printed ------------------------------------------------------------------------


def test_every_command_of_the_page_runs(walk: Walkthrough) -> None:
    assert [r.line.split()[1] for r in walk.runs] == [
        "profiles", "profiles", "new-workbook", "make-template", "validate", "compute",
        "build", "build", "new-year", "upgrade"]
    failed = [(r.line, r.code, r.err) for r in walk.runs if r.code != 0]
    assert not failed


def test_the_workbook_went_through_libreoffice(walk: Walkthrough) -> None:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is not installed")
    assert walk.libreoffice


def test_the_new_profile_is_ready_to_edit(walk: Walkthrough) -> None:
    made = walk.run("profiles", "new")
    assert "version 1.0" in made.out and "made from 'starter'" in made.out
    checked = walk.run("profiles", "--check")
    assert f"'{NAME}' (version 1.0) is usable" in checked.out
    assert f"{len(SWITCHED_OFF)} off" in checked.out


def test_validate_finds_nothing_wrong(walk: Walkthrough) -> None:
    said = walk.run("validate").out
    assert "0 error(s), 0 warning(s)" in said and "ready." in said
    assert "Working Together 2023" in said  # the publication line


def test_compute_counts_the_partnerships_own_ratings(walk: Walkthrough) -> None:
    said = walk.run("compute").out
    assert "'RAG' in 'Priorities for next year': 2 G, 1 A, 0 R" in said
    assert "ratings ;" not in said and "ratings 0" not in said
    dashboard = load_workbook(walk.folder / WORKBOOK)["Dashboard"]
    cells = [c.value for row in dashboard.iter_rows() for c in row if c.value is not None]
    assert "'Priorities for next year' by 'RAG'" in cells
    assert not any("Performance indicators" in str(c) or "Business plan" in str(c)
                   for c in cells)


def test_the_builds_say_what_they_warned(walk: Walkthrough) -> None:
    draft, final = (r for r in walk.runs if r.line.startswith("lscb-report build"))
    assert "a draft" in draft.out
    assert "0 warning(s)" not in final.out and "no warnings" in final.out


def test_new_year_names_only_what_is_switched_on(walk: Walkthrough) -> None:
    said = walk.run("new-year").out
    for tab in OFF_TABS:
        assert f"  - {tab}:" not in said and f"{tab}: " not in said, tab
    assert "Indicator targets" not in said and " 0 empty row" not in said
    assert f"to {NEXT}" in said
    assert "'Children aged under 18 (for rates per 10,000)' (61,000)" in said
    assert "your own table 'Who to call' carried with its 2 rows" in said
    assert "Partnership (6; 1 row placing a table or a chart kept as it was)" in said


def test_upgrade_names_only_what_it_changed(walk: Walkthrough) -> None:
    said = walk.run("upgrade").out
    assert "version 1.1" in said
    assert "added the column 'Children asked' to 'Survey answers' (Survey tab), empty." in said
    assert "not carried" not in said and "Section cell" not in said
    for tab in OFF_TABS:
        assert f"'{tab}' tab" not in said, tab
    assert "carried your own table 'Who to call'" in said


# --- the workbook ---------------------------------------------------------------------------


def test_the_workbook_speaks_of_a_partnership(walk: Walkthrough) -> None:
    wb = load_workbook(walk.folder / f"{NAME}_{NEXT}.xlsx")
    assert "Yearly Report" in (wb.properties.title or "")
    text = " ".join(str(c.value) for c in wb["Instructions"]["A"] if c.value)
    assert "partnership's yearly report" in text
    assert "LSCB" not in text and "Board's" not in text
    assert "{meetings_held}" in text and "cp_plans_now" not in text
    assert "2016-17" not in text and "2017" not in text
    assert f"Years like {NEXT}" in text


def test_settings_hold_only_what_the_profile_uses(walk: Walkthrough) -> None:
    wb = load_workbook(walk.folder / WORKBOOK)
    refs = {row[0].value for row in wb["Settings"].iter_rows(min_row=7) if row[0].value}
    assert "area" in refs and "framework" in refs
    assert not refs & {"rag_amber_tolerance", "rag_red_tolerance", "trend_no_change_band",
                       "targets_reviewed"}
    assert not set(OFF_TABS) & set(wb.sheetnames)


def test_tables_have_the_blank_rows_the_profile_gives(walk: Walkthrough) -> None:
    """The survey's 12 (its own blank_rows), the starter's priorities' 8, a Report text
    table's rows for several paragraphs a section: typed into, the rest left blank, which
    validation passed over (it found nothing wrong)."""
    wb = load_workbook(walk.folder / WORKBOOK)
    sizes = {name: range_boundaries(ref)[3] - range_boundaries(ref)[1]
             for ws in wb.worksheets for name, ref in ws.tables.items()}
    assert sizes["tblSurvey"] == 12 and sizes["tblPriorities"] == 8
    assert sizes["tblBoardNarrative"] >= 20 and sizes["tblMembers"] >= 10


def test_next_year_keeps_the_chairs_work(walk: Walkthrough) -> None:
    wb = load_workbook(walk.folder / f"{NAME}_{NEXT}.xlsx")
    ws = wb["Partnership"]
    rows = _rows(ws, "tblBoardNarrative")
    placed = [r for r in rows if r["Style"] == "Table"]
    assert placed and placed[0]["Text"] == "Priorities for next year"
    assert placed[0]["Last year's text"] is None
    paragraph = next(r for r in rows if r["Section"] == "Foreword")
    assert paragraph["Text"] is None and paragraph["Last year's text"].startswith("The partners")
    assert OWN_TABLE in ws.tables
    assert [r["Name"] for r in _rows(ws, OWN_TABLE)] == ["Front door", "Out of hours"]
    settings = _rows(wb["Settings"], "tblSettings")
    population = next(r for r in settings if r["Ref"] == "child_population")
    assert population["Value"] == 61_000
    assert "Carried over from 2024-25" in population["Source or note"]
    survey = _rows(wb["Survey"], "tblSurveyText")
    assert survey[0]["Section"] == "What children in Northshire told us"
    lists = [c.value for row in wb["Lists"].iter_rows() for c in row if c.value]
    assert "What children in Northshire told us" in lists
    assert "What children in The Area told us" not in lists


def _rows(ws: object, name: str) -> list[dict[str, object]]:
    found = ws.tables[name]  # type: ignore[attr-defined]
    left, top, right, bottom = range_boundaries(found.ref)
    grid = [[c.value for c in row] for row in ws.iter_rows(  # type: ignore[attr-defined]
        min_row=top, max_row=bottom, min_col=left, max_col=right)]
    return [dict(zip(grid[0], row, strict=True)) for row in grid[1:]]


# --- the template and the report ------------------------------------------------------------


def test_the_template_has_tags_only_for_sections_switched_on(walk: Walkthrough) -> None:
    document = docx.Document(str(walk.folder / f"{NAME}.docx"))
    tags = [p.text.strip() for p in document.paragraphs if p.text.startswith("{{p ")]
    for section in SWITCHED_OFF:
        assert f"{{{{p section_{section} }}}}" not in tags
    assert not any(tag.startswith("{{p appendix_") for tag in tags)
    assert tags.index("{{p section_survey }}") == tags.index("{{p section_foreword }}") + 1


@pytest.fixture(scope="module")
def report(walk: Walkthrough) -> docx.document.Document:
    return docx.Document(str(walk.folder / f"{NAME}_{YEAR}.docx"))


def _text(document: docx.document.Document) -> str:
    body = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    headers = [p.text for s in document.sections for p in s.header.paragraphs]
    return "\n".join(body + cells + headers)


def test_the_report_follows_working_together_2023(report: docx.document.Document) -> None:
    text = _text(report)
    assert f"Yearly Report {YEAR}" in text
    assert "what the partnership did about it" in text
    assert f"NSCP · Yearly Report {YEAR}" in text
    assert "LSCB" not in text and "Annual Report" not in text and "the board" not in text
    assert report.core_properties.subject == "Yearly report of the safeguarding partners"
    assert report.core_properties.title == (f"{SETTINGS['board_name']} Yearly Report {YEAR}")
    assert "How this report meets the statutory requirements" in text


def test_the_report_follows_the_reordered_template(report: docx.document.Document) -> None:
    headings = [p.text for p in report.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["1. Foreword", "2. What children in Northshire told us",
                            "3. The year at a glance"]
    assert f"Priorities for {NEXT}" in " ".join(headings)
    text = _text(report)
    assert "Written with the children of Northshire." in text
    assert f"The partners met 6 times in {YEAR}." in text


def test_the_priorities_rag_prints_like_the_indicators(report: docx.document.Document) -> None:
    table = next(t for t in report.tables if t.rows[0].cells[-1].text == "RAG")
    cell = table.rows[1].cells[-1]
    assert cell.text == "G"
    paragraph = cell.paragraphs[0]
    assert paragraph.style.name == "Table Status"  # centred and bold
    shading = cell._tc.xpath("./w:tcPr/w:shd/@w:fill")  # noqa: SLF001
    assert shading == ["92D050"]


def test_what_happened_in_a_rapid_review_is_printed(report: docx.document.Document) -> None:
    text = _text(report)
    assert "A baby was hurt at home; the partners met within 15 working days." in text
    assert "Years of neglect." in text


def test_a_figure_marked_not_available_is_printed_so(report: docx.document.Document) -> None:
    table = next(t for t in report.tables if t.rows[0].cells[0].text == "Question")
    assert [c.text for c in table.rows[2].cells] == ["I know who to tell", "n/a"]

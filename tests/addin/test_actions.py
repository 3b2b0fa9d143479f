"""The add-in's actions and the desktop add-in's button, on the remote engine (no Excel).

Each action takes the payload the Office.js add-in sends for the shipped workbook (or a
broken copy), and the actions it returns are replayed as Excel would apply them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
import xlwings as xw
from lxml import etree
from openpyxl import load_workbook

from tests.support.formula_text import THEME, type_formula_like_text
from tests.support.officejs import Replay
from tests.support.payloads import book_payload
from tests.support.profiles import cell_of
from xl_addin.addin import actions, desktop
from xl_addin.cli import main
from xl_addin.tools import make_xlam
from xl_addin.writers.plan import DASHBOARD, VALIDATION


@pytest.fixture
def board(tmp_path: Path, example_path: Path) -> Path:
    path = tmp_path / "board.xlsx"
    shutil.copyfile(example_path, path)
    return path


def broken(path: Path, example_raw) -> tuple[str, str]:
    """Type text into a count: an error. Returns the cell."""
    sheet, cell = cell_of(example_raw, "tblLadoReferrers", "referrals", "Police")
    wb = load_workbook(path)
    wb[sheet][cell] = "fifty"
    wb.save(path)
    return sheet, cell


def click(path: Path, action, *args, name: str | None = None) -> tuple[actions.Outcome, Replay]:
    book = xw.Book(json=book_payload(path, exclude=actions.SHEETS_SKIPPED, name=name))
    try:
        outcome = actions.run("test", action, book, *args)
        return outcome, Replay.of_file(path).apply(book.json()["actions"])
    finally:
        book.close()


def test_validate_lists_the_findings_and_writes_only_the_validation_tab(board: Path) -> None:
    outcome, replay = click(board, actions.validate_book)
    assert outcome.ok and outcome.errors == 0 and len(outcome.findings) > 20
    assert "0 error(s)" in outcome.message
    assert VALIDATION in replay.sheets and DASHBOARD not in replay.sheets
    assert set(replay.written) == {VALIDATION}
    task_pane = outcome.to_dict()
    assert task_pane["warnings"] + task_pane["notes"] == len(outcome.findings)
    assert task_pane["notes"] == 1  # the deadline
    assert {"severity", "sheet", "cell", "rule", "message"} <= set(task_pane["findings"][0])
    # when the report is due and where it goes: a line of the message, and a field of its own
    assert "publish this report by 31 March 2018" in outcome.message
    publication = task_pane["publication"]
    assert publication["deadline"] == "2018-03-31" and publication["within_days"] is None
    assert "the Chair of the Health and Wellbeing Board" in publication["recipients"]


def test_compute_writes_ratings_and_the_dashboard(board: Path, example_result) -> None:
    outcome, replay = click(board, actions.compute_book)
    counts = example_result.computed.rag_counts
    assert outcome.ok and f"{counts['G']} G" in outcome.message
    assert replay.sheets[1:3] == [VALIDATION, DASHBOARD]


def test_build_hands_the_report_over_and_links_it_on_the_dashboard(board: Path,
                                                                   tmp_path: Path) -> None:
    kept = tmp_path / "kept"
    kept.mkdir()

    def deliver(built: Path) -> actions.Delivery:
        target = kept / built.name
        shutil.copyfile(built, target)
        return actions.Delivery("https://example.test/report", "Download the report")

    outcome, replay = click(board, actions.build_report_book, deliver)
    assert outcome.ok and outcome.report is not None
    [report] = kept.iterdir()
    assert report.name == "annual_report_2016-17.docx"
    assert docx.Document(str(report)).paragraphs
    assert replay.cell(DASHBOARD, (3, 1)).link == "https://example.test/report"
    assert replay.cell(DASHBOARD, (3, 1)).value == "Download the report"


def test_a_broken_workbook_gets_its_findings_not_a_traceback(board: Path, example_raw) -> None:
    sheet, cell = broken(board, example_raw)
    for action, *args in ((actions.validate_book,), (actions.compute_book,),
                          (actions.build_report_book, pytest.fail)):
        outcome, replay = click(board, action, *args)
        assert not outcome.ok and outcome.errors == 1
        error = outcome.to_dict()["findings"][0]
        assert (error["severity"], error["sheet"], error["cell"]) == ("error", sheet, cell)
        assert replay.active == VALIDATION
        assert any(c.value == cell for c in replay.cells[VALIDATION].values())
        # compute writes what the error allows; validate and build write no results
        assert (DASHBOARD in replay.sheets) == (action is actions.compute_book)


def test_a_workbook_that_is_not_a_master_gets_one_message(board: Path) -> None:
    payload = book_payload(board, exclude=actions.SHEETS_SKIPPED, name="budget.xlsx")
    payload["sheets"] = [{**payload["sheets"][0], "name": "Spend", "tables": [],
                          "values": [["Spend", 120]]}]
    book = xw.Book(json=payload)
    try:
        outcome = actions.run("validate", actions.validate_book, book)
        assert book.json()["actions"] == []
    finally:
        book.close()
    assert not outcome.ok and outcome.message.startswith("Not an LSCB master workbook: "
                                                         "budget.xlsx")


def press_build_report(path: Path) -> Replay:
    """The desktop add-in's button, as RunPython calls it, on the saved workbook ``path``."""
    book = xw.Book(json=book_payload(path, exclude=actions.SHEETS_SKIPPED, name=str(path)))
    book.set_mock_caller()
    try:
        desktop.main()
        return Replay.of_file(path).apply(book.json()["actions"])
    finally:
        del xw.Book._mock_caller  # xlwings has no call to undo set_mock_caller
        book.close()


def test_the_desktop_button_saves_the_report_beside_the_workbook(board: Path,
                                                                 example_raw) -> None:
    """On a workbook whose texts start like formulas, which stay text in the book."""
    type_formula_like_text(board, board, example_raw)
    earlier = board.parent / "annual_report_2016-17.docx"
    earlier.write_bytes(b"the comms team's edited report")
    replay = press_build_report(board)
    saved = board.parent / "annual_report_2016-17 (2).docx"
    assert saved.is_file() and docx.Document(str(saved)).paragraphs
    assert earlier.read_bytes() == b"the comms team's edited report"
    assert replay.alerts == [f"Report built. Saved as {saved} ({earlier.name} already there "
                             "was kept)."]
    assert replay.cell(DASHBOARD, (3, 1)).link == str(saved)
    assert THEME in {c.value for c in replay.cells[DASHBOARD].values()}
    assert [c for cells in replay.cells.values() for c in cells.values() if c.formula] == []


def test_the_desktop_button_stops_on_the_validation_tab_with_errors(board: Path,
                                                                    example_raw) -> None:
    broken(board, example_raw)
    replay = press_build_report(board)
    [alert] = replay.alerts
    assert alert.startswith("Report not built: 1 error(s).")
    assert replay.active == VALIDATION
    assert not list(board.parent.glob("*.docx"))


def test_the_desktop_button_needs_a_saved_workbook(board: Path) -> None:
    book = xw.Book(json=book_payload(board, exclude=actions.SHEETS_SKIPPED, name="Book1"))
    try:
        outcome = desktop.build_beside(book)
    finally:
        book.close()
    assert not outcome.ok and outcome.message.startswith("Save Book1 in a folder")


def test_the_cli_and_the_core_never_import_the_server() -> None:
    code = ("import sys; from xl_addin.cli import main; code = main(['validate']); "
            "loaded = {'xlwings_server', 'fastapi', 'uvicorn'} & set(sys.modules); "
            "print(sorted(loaded)); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_serve_without_the_server_extra_says_how_to_install_it(monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "xlwings_server", None)  # as if not installed
    monkeypatch.setenv("XLWINGS_PROJECT_DIR", "")  # restored after: serve() sets it
    assert main(["serve", "--port", "8765"]) == 2
    assert capsys.readouterr().err.strip().endswith("pip install -e '.[server]'")


def test_the_desktop_add_in_is_xlwings_template_with_one_relabelled_button() -> None:
    assert make_xlam.TARGET.read_bytes() == make_xlam.build()  # python -m xl_addin.tools.make_xlam
    with zipfile.ZipFile(make_xlam.TARGET) as xlam, zipfile.ZipFile(make_xlam.TEMPLATE) as template:
        assert xlam.read("xl/vbaProject.bin") == template.read("xl/vbaProject.bin")
        ribbon = etree.fromstring(xlam.read(make_xlam.CUSTOM_UI))
    [button] = ribbon.iter("{*}button")
    assert (button.get("label"), button.get("onAction")) == ("Build report", make_xlam.CALLBACK)

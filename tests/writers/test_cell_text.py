"""No writer turns text into a formula: =, +, -, @, tabs and line breaks stay text.

Through every writer: the package writer (compute), the openpyxl workbook writer
(new-year, new-workbook, the example), and the xlwings writer as the Office.js add-in and
the desktop add-in drive it (the remote engine's actions, replayed as Excel enters them).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import xlwings as xw
from openpyxl import load_workbook

from tests.support.formula_text import THEME, formulas_in, type_formula_like_text
from tests.support.officejs import Replay, entered
from tests.support.payloads import book_payload
from tests.support.profiles import EXAMPLE
from xl_addin.addin import actions
from xl_addin.cli import main
from xl_addin.writers.cell_text import FORMULA_STARTS, live_value, put_text
from xl_addin.writers.plan import DASHBOARD
from xl_addin.writers.workbook.fresh import build_workbook, save_workbook


@pytest.fixture(scope="module")
def typed(tmp_path_factory, example_path: Path, example_raw) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("text") / "board.xlsx"
    return path, type_formula_like_text(example_path, path, example_raw)


def _strings(path: Path) -> dict[str, set[str]]:
    wb = load_workbook(path)
    return {ws.title: {c.value for row in ws.iter_rows() for c in row
                       if isinstance(c.value, str)} for ws in wb.worksheets}


def test_compute_shows_the_theme_as_text_on_the_dashboard(typed, tmp_path: Path) -> None:
    path, _ = typed
    out = tmp_path / "computed.xlsx"
    assert main(["compute", str(path), "-o", str(out)]) == 0
    assert formulas_in(out.read_bytes()) == []
    assert THEME in _strings(out)[DASHBOARD]


def test_new_year_carries_the_texts_as_text(typed, tmp_path: Path) -> None:
    path, texts = typed
    out = tmp_path / "next.xlsx"
    assert main(["new-year", str(path), "-o", str(out)]) == 0
    assert formulas_in(out.read_bytes()) == []
    carried = set().union(*_strings(out).values())
    assert set(texts) <= carried


def test_the_workbook_writer_writes_every_dangerous_start_as_text(tmp_path: Path) -> None:
    terms = [{"acronym": f"T{i}", "meaning": f"{start}meaning"}
             for i, start in enumerate(FORMULA_STARTS)]
    out = tmp_path / "blank.xlsx"
    save_workbook(build_workbook(EXAMPLE, {"tblGlossary": terms}), out)
    assert formulas_in(out.read_bytes()) == []
    assert {t["meaning"] for t in terms} <= set().union(*_strings(out).values())


def test_put_text_keeps_error_like_text_and_marks_formula_like_text() -> None:
    ws = build_workbook(EXAMPLE).active
    assert put_text(ws["A1"], "#N/A").data_type == "s"
    cell = put_text(ws["A2"], "=1+1")
    assert (cell.data_type, cell.value, cell.quotePrefix) == ("s", "=1+1", True)
    assert put_text(ws["A3"], 12).data_type == "n"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-x", "@a", "\tx", "'tis", "1-4", "plain"])
def test_a_live_book_gets_every_string_with_the_text_marker(text: str) -> None:
    """Excel stores what follows the apostrophe as text, exactly, and never shows it."""
    assert entered(live_value(text)) == (text, None)
    if text.startswith(("=", "+", "-", "@")):  # without it, not the text: a formula or number
        assert entered(text) != (text, None)


def test_the_addin_writes_the_theme_as_text(typed) -> None:
    path, _ = typed
    book = xw.Book(json=book_payload(path, exclude=actions.SHEETS_SKIPPED))
    try:
        outcome = actions.compute_book(book)
        sent = book.json()["actions"]
    finally:
        book.close()
    assert outcome.ok
    values = [v for a in sent if a["func"] == "setValues" for row in a["values"] for v in row]
    assert values and all(v == "" or v[0] == "'" for v in values if isinstance(v, str))
    replay = Replay.of_file(path).apply(sent)
    assert [c for cells in replay.cells.values() for c in cells.values() if c.formula] == []
    assert THEME in {c.value for c in replay.cells[DASHBOARD].values()}

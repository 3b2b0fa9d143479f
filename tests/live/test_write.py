"""The xlwings reader and writer: the same tables in, the same results out as the file path.

Compute runs twice on the shipped workbook: through the file writer (``compute_file``, what
``lscb-report compute`` does) and through the xlwings writer on the remote engine, with the
payload the Office.js add-in would send. Excel's side is simulated by replaying the
returned actions (``officejs.Replay``); every cell the add-in writes must then match the file.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
import xlwings as xw
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook.workbook import Workbook

from tests.support.officejs import Replay, colours_of, fill_of, highlights_of
from tests.support.payloads import book_payload
from tests.support.profiles import cell_of
from xl_addin.addin.actions import SHEETS_SKIPPED, compute_book, validate_book
from xl_addin.core.palette import RAG_FILLS
from xl_addin.jobs.checked import check
from xl_addin.jobs.computed import compute_file
from xl_addin.live.read import read_book
from xl_addin.live.write import _boxes
from xl_addin.readers.xlsx import read_workbook
from xl_addin.writers.package.results import computed_addresses
from xl_addin.writers.plan import DASHBOARD, VALIDATION
from xl_addin.writers.workbook.fresh import COMPUTED_FILL


def run_in_excel(path: Path, action) -> Replay:
    """Click ``action`` on the book at ``path``: the payload in, the actions replayed."""
    book = xw.Book(json=book_payload(path, exclude=SHEETS_SKIPPED))
    try:
        action(book)
        return Replay.of_file(path).apply(book.json()["actions"])
    finally:
        book.close()


@pytest.fixture(scope="module")
def computed(tmp_path_factory, example_path: Path) -> tuple[Workbook, Replay]:
    """The example computed by the file writer and, from Excel, by the xlwings writer."""
    folder = tmp_path_factory.mktemp("writers")
    path = folder / "board.xlsx"
    shutil.copyfile(example_path, path)
    compute_file(path, folder / "file.xlsx")
    return load_workbook(folder / "file.xlsx"), run_in_excel(path, compute_book)


def _same(a: object, b: object) -> bool:
    """Equal as Excel shows them: blank is blank, and a file keeps 15 significant digits."""
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-14)
    return (a in (None, "") and b in (None, "")) or a == b


def test_the_xlwings_reader_reads_what_the_file_reader_reads(example_path: Path) -> None:
    book = xw.Book(json=book_payload(example_path, exclude=SHEETS_SKIPPED))
    try:
        live = read_book(book)
    finally:
        book.close()
    file = read_workbook(example_path)
    assert live.sheets == file.sheets and live.tables.keys() == file.tables.keys()
    for name, table in file.tables.items():
        assert (live.tables[name].sheet, live.tables[name].ref) == (table.sheet, table.ref)
        assert live.tables[name].headers == table.headers
        assert live.tables[name].rows == table.rows, name
        assert (live.tables[name].below, live.tables[name].right) == (table.below, table.right)
    assert check(live).findings == check(file).findings


def test_every_cell_the_addin_writes_matches_the_file(computed) -> None:
    wb, replay = computed
    checked = 0
    for sheet, places in replay.written.items():
        for place in places:
            live, file = replay.cell(sheet, place), wb[sheet].cell(*place)
            where = f"{sheet}!{file.coordinate}"
            assert live.formula is None and file.data_type != "f", where
            assert _same(live.value, file.value), where
            assert live.number_format == file.number_format, where
            assert live.fill == fill_of(file), where
            checked += 1
    assert checked > 800  # computed cells, key figures, both tabs


def test_the_addin_writes_only_computed_cells_on_the_tabs_people_fill(computed,
                                                                       example_result) -> None:
    _, replay = computed
    owned = computed_addresses(example_result.data)
    for sheet, places in replay.written.items():
        if sheet not in (DASHBOARD, VALIDATION):
            assert {(sheet, f"{get_column_letter(col)}{row}") for row, col in places} <= owned


@pytest.mark.parametrize("tab", [DASHBOARD, VALIDATION])
def test_dashboard_and_validation_tabs_match_whole(computed, tab: str) -> None:
    wb, replay = computed
    file = {(c.row, c.column): (c.value, fill_of(c)) for row in wb[tab].iter_rows()
            for c in row if c.value not in (None, "")}
    live = {p: (c.value, c.fill) for p, c in replay.cells[tab].items()
            if c.value not in (None, "")}
    assert live == file
    assert replay.sheets.index(tab) == wb.sheetnames.index(tab)


def test_rag_letters_are_coloured_by_conditional_formats(computed, example_result) -> None:
    """Both writers write only the letter; its colour comes from a rule keyed on the letter."""
    wb, replay = computed
    in_file = colours_of(wb)
    table = example_result.data.tables["tblIndicators"]
    seen = set()
    for index, letter in example_result.computed.columns["tblIndicators"]["rag"].items():
        place = table.place(index, "rag")
        position = coordinate_to_tuple(place.cell)
        written = replay.cell(place.sheet, position)
        expected = RAG_FILLS.get(letter, COMPUTED_FILL)
        assert written.value == letter == wb[place.sheet][place.cell].value, place
        assert replay.colours[place.sheet][position][letter] == expected, place
        assert in_file[place.sheet][position][letter] == expected, place
        assert written.fill == fill_of(wb[place.sheet][place.cell]) == COMPUTED_FILL, place
        seen.add(letter)
    assert seen == {"G", "A", "R", "n/a"}


def test_links_and_highlights_match(computed) -> None:
    wb, replay = computed
    links = {(c.row, c.column): c.hyperlink.location for c in wb[VALIDATION]["C"]
             if c.hyperlink}
    assert {p: c.link for p, c in replay.cells[VALIDATION].items() if c.link} == links
    assert len(links) > 20
    assert replay.highlights == highlights_of(wb)
    assert sum(len(marks) for marks in replay.highlights.values()) > 20


def test_a_second_run_moves_the_highlights(tmp_path: Path, example_path: Path,
                                          example_raw) -> None:
    sheet, cell = cell_of(example_raw, "tblLadoReferrers", "referrals", "Police")
    path = tmp_path / "board.xlsx"
    shutil.copyfile(example_path, path)
    wb = load_workbook(path)
    wb[sheet][cell] = "fifty"
    wb.save(path)
    first = run_in_excel(path, validate_book)
    assert first.highlights[sheet][coordinate_to_tuple(cell)] == "FFC7CE"
    assert first.active == VALIDATION
    compute_file(path)  # the file now lists the finding on its Validation tab, as Excel would
    wb = load_workbook(path)
    wb[sheet][cell] = 58
    wb.save(path)
    second = run_in_excel(path, validate_book)
    assert coordinate_to_tuple(cell) not in second.highlights.get(sheet, {})


def test_compute_is_a_few_actions_not_one_per_cell(tmp_path: Path, example_path: Path) -> None:
    book = xw.Book(json=book_payload(example_path, exclude=SHEETS_SKIPPED))
    try:
        compute_book(book)
        actions = book.json()["actions"]
    finally:
        book.close()
    assert len(actions) < 200  # ~900 cells written


@given(st.sets(st.tuples(st.integers(1, 12), st.integers(1, 6)), min_size=1))
def test_boxes_cover_the_cells_exactly_once(cells: set[tuple[int, int]]) -> None:
    covered = [(row, col) for box in _boxes(cells) for line in box.positions()
               for row, col in line]
    assert sorted(covered) == sorted(cells)

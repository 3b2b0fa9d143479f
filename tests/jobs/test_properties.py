"""Property-based tests over generated chair edits of the shipped workbook (issue 10, item 8).

Two levels, each as fast as it can be made:

- in memory, on the tables a reader hands the core: any value (any number, infinity, NaN,
  TRUE, any date or time, Excel errors, text of any length with any characters) in any
  typed cell, or in the row below a table, gets a figure or a finding at its cell, and
  validation, computation and the report's model raise nothing;
- on files (copies in a temporary folder), through the public functions the CLI calls: text,
  blanks, huge and negative numbers, formulas with and without saved results, text that
  begins with "=", rows typed below tables. ``validate``, ``compute_file`` and
  ``build_report`` raise nothing but :class:`~xl_addin.core.errors.LscbError`; compute never
  changes a typed cell, and computing its own output again gives the same bytes.

Both run a fixed, derandomised set of examples, so a run in CI is the same as a run here.
Each file example computes twice (about 2 s each), so the set is small; set
``LSCB_PROPERTY_SCALE=10`` to run ten times as many examples.
A formula's saved result is lost by the openpyxl compute writer (issue 10, item 3, handled
in its own change); until then its idempotence is asserted by the strict xfail below.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from tests.support.package_edits import set_cell_xml
from tests.support.profiles import EXAMPLE
from xl_addin.core.errors import LscbError, NotReadyToPublish
from xl_addin.core.raw import RawCell, RawWorkbook, address
from xl_addin.files.shipped import example_workbook
from xl_addin.jobs.checked import Result, check
from xl_addin.jobs.computed import compute_file
from xl_addin.jobs.document import BuildOptions, build, publication_date
from xl_addin.report import WorkbookHasErrors, build_model
from xl_addin.schema import Role
from xl_addin.validate.cells import EXCEL_ERRORS, is_blank

SCALE = int(os.environ.get("LSCB_PROPERTY_SCALE", "1"))
FIXED = {"deadline": None, "derandomize": True, "database": None,
         "suppress_health_check": list(HealthCheck),
         "phases": (Phase.explicit, Phase.generate)}  # no shrinking: a failure is reported as is


@dataclass(frozen=True)
class Place:
    table: str
    row: int  # index into the raw table's rows; len(rows) is the row just below the table
    column: int  # position in the table's columns


def _places(raw: RawWorkbook) -> list[Place]:
    """Every cell a chair types in (not the tool's grey columns, not the ignored label and
    note of a Key figures row), and the row just below each table."""
    out = []
    for _, table in EXAMPLE.iter_tables():
        found = raw.tables[table.name]
        typed = [i for i, column in enumerate(table.columns)
                 if column.role is not Role.COMPUTED
                 and not (table.is_fact_table and column.key in ("ref", "label", "note"))]
        owned = {i for i, cells in enumerate(found.rows) if table.is_fact_table
                 and str(cells[0].value) in {f.key for f in table.facts if f.computed}}
        out += [Place(table.name, row, col) for row in range(len(found.rows) + 1)
                for col in typed if row not in owned]  # a computed figure's cell is the tool's
    return out


# --- in memory ------------------------------------------------------------------------------

ANY_VALUE = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.floats(),
    st.integers(min_value=-10**30, max_value=10**30),
    st.booleans(),
    st.datetimes(),
    st.dates(),
    st.times(),
    st.timedeltas(),
    st.sampled_from(sorted(EXCEL_ERRORS)),
    st.sampled_from(["x" * 32_767, "45%", "£1,234", "1,234", "2016-17", "Not set", "5%-7.5%",
                     "97.3", "=SUM(A1:A3)", "\x01\x02", "-0", "1e999", "Yes", "G"]),
)


def _edited_raw(raw: RawWorkbook, edits: list[tuple[Place, object]]) -> RawWorkbook:
    tables = dict(raw.tables)
    for place, value in edits:
        table = tables[place.table]
        cell = RawCell(value, _address(raw, place)[1],
                       isinstance(value, str) and value in EXCEL_ERRORS)
        if place.row == len(table.rows):
            below = [c for c in table.below if c.address != cell.address]
            tables[place.table] = replace(table, below=[*below, cell])
            continue
        rows = list(table.rows)
        rows[place.row] = [cell if i == place.column else c
                           for i, c in enumerate(rows[place.row])]
        tables[place.table] = replace(table, rows=rows)
    return RawWorkbook(raw.source, raw.sheets, tables)


def _values_at(result: Result) -> dict[tuple[str, str], object]:
    """Every value the core read, at its (sheet, cell)."""
    out: dict[tuple[str, str], object] = {}
    for data in result.data.tables.values():
        for values, cells in ((data.rows, data.cells), (data.totals, data.total_cells)):
            for column in values.columns:
                for value, cell in zip(values[column], cells[column], strict=True):
                    if cell:
                        out[data.sheet, cell] = value
    for key, place in result.data.fact_places.items():
        out[place.sheet, str(place.cell)] = result.data.facts.get(key)
    return out


@pytest.fixture(scope="module")
def places(example_raw: RawWorkbook) -> list[Place]:
    return _places(example_raw)


# An edit: a place (an index into the list of places, which is read from the workbook) and a
# value. The places are picked by index so that the strategies need no file to be read.
PICK = st.integers(min_value=0, max_value=2**32)


@settings(max_examples=12 * SCALE, **FIXED)
@given(picks=st.lists(st.tuples(PICK, ANY_VALUE), min_size=1, max_size=8))
def test_any_value_in_any_cell_gets_a_figure_or_a_finding(picks, example_raw, places) -> None:
    edits = [(places[i % len(places)], value) for i, value in picks]
    raw = _edited_raw(example_raw, edits)
    result = check(raw)  # computes too
    build_model(result.data, result.computed, result.findings, draft=True)
    found = {(f.sheet, f.cell) for f in result.findings}
    read = _values_at(result)
    last = {_address(example_raw, place): value for place, value in edits}
    for where, value in last.items():
        if not is_blank(value):
            assert where in found or read.get(where) is not None, (where, value)


def _address(raw: RawWorkbook, place: Place) -> tuple[str, str]:
    """(sheet, A1) of a place; the row after the last is the row just below the table."""
    table = raw.tables[place.table]
    left, top, _, _ = range_boundaries(table.ref)
    return table.sheet, address(top + 1 + place.row, left + place.column)


# --- on files -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Formula:
    text: str
    saved: str | None = None  # the result Excel saved with it; None: never calculated
    kind: str = "n"  # the saved result's type: "n", "str", "b" or "e"


@dataclass(frozen=True)
class Text:
    """Text as a chair types it with a leading apostrophe: "=x" that is not a formula."""

    text: str


FILE_VALUE = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
            max_size=20),
    st.integers(min_value=-10**18, max_value=10**18),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e300, -1e300, -1, -0.5, 97.3, 150, 10**15, 1e-300]),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    st.builds(Formula, st.sampled_from(["SUM(1,2)", "1/0", "A1*2", 'HYPERLINK("http://x","y")',
                                        "NOW()"])),
    st.builds(Formula, st.just("SUM(1,2)"), st.just("3")),
    st.builds(Formula, st.just("1/0"), st.just("#DIV/0!"), st.just("e")),
    st.builds(Formula, st.just('"a"&"b"'), st.just("ab"), st.just("str")),
    st.builds(Text, st.sampled_from(["=x", "=SUM(A1:A9)", "+44 1228", "-note", "@home"])),
)


def _snapshot(path: Path, skip: set[tuple[str, str]] = frozenset()
              ) -> dict[tuple[str, str], tuple]:
    """Value and number format of every cell holding a value on the tabs people fill in."""
    wb = load_workbook(path, read_only=True)  # streamed: a snapshot needs no more
    try:
        return {(ws.title, cell.coordinate): (cell.value, cell.number_format)
                for ws in wb.worksheets if ws.title in {s.name for s in EXAMPLE.sheets}
                for row in ws.iter_rows() for cell in row
                if cell.value is not None and (ws.title, cell.coordinate) not in skip}
    finally:
        wb.close()


def _owned(result: Result) -> set[tuple[str, str]]:
    """The cells the tool writes: its grey columns and its computed key figures."""
    owned = set()
    for data in result.data.tables.values():
        for column in data.table.columns:
            if column.role is Role.COMPUTED:
                for frame in (data.cells, data.total_cells):
                    owned |= {(data.sheet, cell) for cell in frame[column.key] if cell}
    computed = {f.key for _, f in EXAMPLE.iter_facts() if f.computed}
    owned |= {(place.sheet, str(place.cell)) for key, place in result.data.fact_places.items()
              if key in computed}
    return owned


@cache
def _example_bytes() -> bytes:
    """The shipped workbook, read once (not a fixture: a failing example is printed whole)."""
    return example_workbook().read_bytes()


def _write(wb, place: Place, raw: RawWorkbook, value: object,
           saved: dict[tuple[str, str], Formula]) -> None:
    sheet, cell = _address(raw, place)
    target = wb[sheet][cell]
    saved.pop((sheet, cell), None)
    if isinstance(value, Formula):
        target.value = f"={value.text}"
        if value.saved is not None:
            saved[sheet, cell] = value
    elif isinstance(value, Text):
        target.value = value.text
        target.data_type = "s"
    else:
        target.value = value


@settings(max_examples=3 * SCALE, **FIXED)
@given(picks=st.lists(st.tuples(PICK, FILE_VALUE), min_size=1, max_size=6))
@example(picks=None)  # every kind of edit at least once: see _edits
def test_validate_compute_and_build_take_any_edit(picks, example_raw, places,
                                                  tmp_path_factory) -> None:
    edits = _edits(picks, places)
    folder = tmp_path_factory.mktemp("edit")
    path = folder / "board.xlsx"
    wb = load_workbook(io.BytesIO(_example_bytes()))
    saved: dict[tuple[str, str], Formula] = {}
    for place, value in edits:
        _write(wb, place, example_raw, value, saved)
    wb.save(path)
    for (sheet, cell), formula in saved.items():
        set_cell_xml(path, sheet, cell, formula.saved or "", formula=formula.text,
                     cell_type=None if formula.kind == "n" else formula.kind)
    typed = _snapshot(path)
    try:
        first = compute_file(path).result  # in place, as `lscb-report compute WORKBOOK` does
    except LscbError:
        return  # a file the tool refuses, in one clear sentence
    owned = _owned(first)
    assert _snapshot(path, owned) == {k: v for k, v in typed.items() if k not in owned}
    once = path.read_bytes()
    compute_file(path)
    assert path.read_bytes() == once  # computing twice changes nothing
    build_model(first.data, first.computed, first.findings, draft=True)
    if first.publishable and publication_date(first) is not None:
        build(first, folder / "report.docx")
    else:  # errors, a disagreement nobody has signed off, or no publication date
        with pytest.raises(WorkbookHasErrors if first.errors else NotReadyToPublish):
            build(first, folder / "report.docx")
        build(first, folder / "draft.docx", BuildOptions(draft=True))  # a draft still builds


def _edits(picks: list[tuple[int, object]] | None,
           places: list[Place]) -> list[tuple[Place, object]]:
    if picks is None:  # every kind of edit at least once, in one workbook
        below = max((p for p in places if p.table == "tblLadoReferrers"),
                    key=lambda p: (p.row, -p.column))
        return [(Place("tblTraining", 0, 1), 1e300), (Place("tblTraining", 1, 1), -3),
                (Place("tblTraining", 2, 1), Formula("SUM(1,2)")),
                (Place("tblGlossary", 0, 1), Text("=not a formula")),
                (Place("tblIndicators", 4, 3), 97.3), (below, "Probation"),
                (Place(below.table, below.row, 1), 7)]
    return [(places[i % len(places)], value) for i, value in picks]


def test_a_formula_keeps_its_saved_result_through_compute(tmp_path: Path, example_path: Path,
                                                           example_raw) -> None:
    path = tmp_path / "board.xlsx"
    wb = load_workbook(example_path)
    _write(wb, Place("tblTraining", 0, 1), example_raw, Formula("100+21", "121"), {})
    wb.save(path)
    set_cell_xml(path, "Training", "B8", "121", formula="100+21")
    once = compute_file(path).result
    computed = path.read_bytes()
    twice = compute_file(path).result
    assert math.isclose(once.data.tables["tblTraining"].rows.at[0, "attendees"], 121)
    assert twice.findings == once.findings
    assert path.read_bytes() == computed


def test_the_places_cover_every_table(places) -> None:
    assert {p.table for p in places} == {t.name for _, t in EXAMPLE.iter_tables()}

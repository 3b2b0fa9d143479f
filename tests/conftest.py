"""Shared fixtures: the shipped example, read once, and copies to break on purpose."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.profiles import EXAMPLE
from xl_addin.io.xlsx_reader import read_workbook
from xl_addin.paths import example_workbook
from xl_addin.raw import RawWorkbook
from xl_addin.validate import Result, validate

# The xlwings remote engine (add-in tests) and xlwings Server: PolyForm Noncommercial 1.0.0.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")


@pytest.fixture(scope="session")
def example_path() -> Path:
    return example_workbook()


@pytest.fixture(scope="session")
def example_raw(example_path: Path) -> RawWorkbook:
    return read_workbook(example_path)


@pytest.fixture(scope="session")
def example_result(example_raw: RawWorkbook) -> Result:
    return validate(example_raw)


@pytest.fixture(scope="session")
def example_report(tmp_path_factory: pytest.TempPathFactory,
                   example_result: Result) -> tuple[Path, list[tuple[int, int]]]:
    """The shipped example's report, built once, with the progress steps it reported."""
    from xl_addin.report import build_report

    out = tmp_path_factory.mktemp("example-report") / "report.docx"
    steps: list[tuple[int, int]] = []
    build_report(example_result, out, progress=lambda what, done, total: steps.append(
        (done, total)))
    return out, steps


def cell_of(raw: RawWorkbook, table: str, column: str, row_key: object = None,
            row_index: int = 0) -> tuple[str, str]:
    """(sheet, A1) of a cell found through the schema: by the row's key value, or by index."""
    schema_table = EXAMPLE.table(table)
    found = raw.tables[table]
    headers = [str(h.value) for h in found.headers]
    col = headers.index(schema_table.column(column).header)
    rows = found.rows
    if row_key is not None:
        key_col = headers.index(schema_table.column(schema_table.key or "ref").header)
        rows = [r for r in rows if str(r[key_col].value) == str(row_key)]
        row_index = 0
    return found.sheet, rows[row_index][col].address


Edit = Callable[[object], None]  # receives an openpyxl Workbook


@pytest.fixture
def broken(tmp_path: Path, example_path: Path) -> Callable[..., Result]:
    """Copy the example, apply edits with openpyxl, and validate the copy."""

    def make(*edits: Edit, name: str = "broken.xlsx") -> Result:
        path = tmp_path / name
        shutil.copyfile(example_path, path)
        wb = load_workbook(path)
        for edit in edits:
            edit(wb)
        wb.save(path)
        return validate(read_workbook(path))

    return make


@pytest.fixture(scope="session")
def chair_workbooks(tmp_path_factory, example_path: Path, example_raw: RawWorkbook):
    """The example after a chair's work: saved with results by openpyxl, and by LibreOffice.

    Returns {"openpyxl": path, "libreoffice": path or None} and the edits' places.
    """
    from .chair_workbook import chair_edits, saved_by_libreoffice, with_saved_results

    folder = tmp_path_factory.mktemp("chair")
    edited = folder / "chair.xlsx"
    edits = chair_edits(example_path, edited, example_raw)
    by_libreoffice = saved_by_libreoffice(edited, folder / "libreoffice")
    with_saved_results(edited, edits)
    return {"openpyxl": edited, "libreoffice": by_libreoffice}, edits

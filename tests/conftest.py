"""Shared fixtures: the shipped example, read once, and copies to break on purpose."""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.support.package_edits import set_cells
from tests.support.shared import made_once
from xl_addin.core.raw import RawWorkbook
from xl_addin.files.shipped import example_workbook
from xl_addin.jobs.checked import Result, check
from xl_addin.jobs.document import BuildEvents, build
from xl_addin.readers.xlsx import read_workbook

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
    return check(example_raw)


@pytest.fixture(scope="session")
def example_report(tmp_path_factory: pytest.TempPathFactory,
                   example_result: Result) -> tuple[Path, list[tuple[int, int]]]:
    """The shipped example's report, built once, with the progress steps it reported."""
    out = tmp_path_factory.mktemp("example-report") / "report.docx"
    steps: list[tuple[int, int]] = []
    build(example_result, out, None, BuildEvents(progress=lambda what, done, total: steps.append(
        (done, total))))
    return out, steps


@pytest.fixture(scope="session")
def example_laid_out(tmp_path_factory: pytest.TempPathFactory, example_result: Result) -> Path:
    """The shipped example's report built with its PDF (LibreOffice lays it out): the one
    conversion every layout test reads. Returns the .docx; the PDF is beside it."""
    from xl_addin.jobs.document import BuildOptions
    from xl_addin.report.word.pages import find_pdftotext
    from xl_addin.report.word.pdf import find_soffice

    if find_soffice() is None or find_pdftotext() is None:
        pytest.skip("LibreOffice and pdftotext are not installed: apt-get install -y "
                    "libreoffice-writer-nogui poppler-utils")

    def lay_out(folder: Path) -> None:
        build(example_result, folder / "report.docx", BuildOptions(pdf=folder / "report.pdf"))

    return made_once(tmp_path_factory, "laid-out", lay_out) / "report.docx"


Edit = Callable[[object], None]  # receives an openpyxl Workbook


@dataclass(frozen=True)
class CellEdit:
    """A value typed into one cell: written straight into the sheet's XML, as openpyxl would
    save it, without the second or so that loading and saving the workbook takes."""

    sheet: str
    cell: str
    value: object


@pytest.fixture
def broken(tmp_path: Path, example_path: Path) -> Callable[..., Result]:
    """Copy the example, apply edits (openpyxl ones, or :class:`CellEdit`), and check the
    copy."""

    def make(*edits: Edit | CellEdit, name: str = "broken.xlsx") -> Result:
        path = tmp_path / name
        shutil.copyfile(example_path, path)
        typed = [e for e in edits if isinstance(e, CellEdit)]
        others = [e for e in edits if not isinstance(e, CellEdit)]
        if typed:
            set_cells(path, {(e.sheet, e.cell): e.value for e in typed})
        if others:
            wb = load_workbook(path)
            for edit in others:
                edit(wb)
            wb.save(path)
        return check(read_workbook(path))

    return make


@pytest.fixture(scope="session")
def chair_workbooks(tmp_path_factory, example_path: Path, example_raw: RawWorkbook):
    """The example after a chair's work: saved with results by openpyxl, and by LibreOffice.

    Returns {"openpyxl": path, "libreoffice": path or None} and the edits' places.
    """
    from tests.support.chair_workbook import chair_edits, saved_by_libreoffice, with_saved_results

    def make(folder: Path) -> None:
        edited = folder / "chair.xlsx"
        edits = chair_edits(example_path, edited, example_raw)
        saved = saved_by_libreoffice(edited, folder / "libreoffice")
        with_saved_results(edited, edits)
        found = None if saved is None else saved.relative_to(folder)
        (folder / "made.pickle").write_bytes(pickle.dumps((edits, found)))

    folder = made_once(tmp_path_factory, "chair", make)  # LibreOffice saves it once a run
    edits, by_libreoffice = pickle.loads((folder / "made.pickle").read_bytes())
    return ({"openpyxl": folder / "chair.xlsx",
             "libreoffice": None if by_libreoffice is None else folder / by_libreoffice},
            edits)


def pytest_configure(config: pytest.Config) -> None:
    """Collect cycles as seldom as the command line does (``cli.GC_THRESHOLD``): a check
    makes some hundred thousand objects, and Python's default would search the whole test
    session's for cycles again and again."""
    import gc

    from xl_addin.cli import GC_THRESHOLD

    gc.set_threshold(*GC_THRESHOLD)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What is loaded by now (modules, the test items) lives as long as the session: freeze
    it, so that the cycle collector no longer searches it."""
    import gc

    gc.freeze()

"""lscb-report build: the validation gate, drafts, output names and error messages."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.support.profiles import cell_of
from tests.support.report_helpers import all_text, open_docx, rows, tables_by_caption
from xl_addin.cli import main
from xl_addin.jobs.document import build
from xl_addin.report import WorkbookHasErrors


@pytest.fixture
def broken_path(tmp_path: Path, example_path: Path, example_raw) -> Callable[[], Path]:
    """A copy of the example with one error: text in a money cell."""
    def make() -> Path:
        path = tmp_path / "broken.xlsx"
        shutil.copyfile(example_path, path)
        book = load_workbook(path)
        sheet, cell = cell_of(example_raw, "tblContributions", "amount", "CCG")
        book[sheet][cell].value = "lots"
        book.save(path)
        return path
    return make


def test_build_refuses_a_workbook_with_errors(tmp_path: Path, broken_path, capsys) -> None:
    out = tmp_path / "report.docx"
    assert main(["build", str(broken_path()), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert "ERROR" in captured.out and "Budget" in captured.out
    assert "Not built" in captured.err and "--draft" in captured.err
    assert not out.exists()


def test_the_library_refuses_errors_too(tmp_path: Path, broken: Callable, example_raw) -> None:
    sheet, cell = cell_of(example_raw, "tblContributions", "amount", "CCG")

    def text_in_money(wb) -> None:
        wb[sheet][cell].value = "lots"

    result = broken(text_in_money)
    with pytest.raises(WorkbookHasErrors):
        build(result, tmp_path / "report.docx")
    assert not (tmp_path / "report.docx").exists()


def test_a_draft_is_built_with_a_banner_and_the_findings(tmp_path: Path, broken_path,
                                                         example_raw, capsys) -> None:
    out = tmp_path / "draft.docx"
    assert main(["build", str(broken_path()), "-o", str(out), "--draft"]) == 0
    document = open_docx(out)
    assert "DRAFT – data has errors" in all_text(document)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[-1] == "Appendix C: Findings in the workbook"  # after A and B
    findings = rows(tables_by_caption(document)["Findings in the workbook"])
    sheet, cell = cell_of(example_raw, "tblContributions", "amount", "CCG")
    assert any(row[:3] == ["error", sheet, cell] for row in findings)
    assert "DRAFT" in document.sections[0].header.paragraphs[0].text
    assert "a draft" in capsys.readouterr().out


def test_a_finished_report_has_no_banner(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    out = tmp_path / "annual_report_2016-17.docx"  # the default name, in the current folder
    document = open_docx(out)
    assert "DRAFT" not in all_text(document)
    assert "DRAFT" not in document.sections[0].header.paragraphs[0].text
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically, nothing left behind


def test_progress_is_plain_lines_when_not_a_terminal(tmp_path: Path, capsys) -> None:
    assert main(["build", "-o", str(tmp_path / "r.docx")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("[0/") and err[-1].endswith("Done")


def test_build_wants_a_docx_name(tmp_path: Path, capsys) -> None:
    assert main(["build", "-o", str(tmp_path / "report.pdf")]) == 2
    assert ".docx" in capsys.readouterr().err


def test_a_missing_template_is_one_clear_line(tmp_path: Path, capsys) -> None:
    assert main(["build", "-o", str(tmp_path / "r.docx"), "--template",
                 str(tmp_path / "nowhere.docx")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == f"Cannot find the Word template {tmp_path / 'nowhere.docx'}."

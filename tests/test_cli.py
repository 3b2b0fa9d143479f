"""The lscb-report command: exit codes, output shapes, and hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xl_addin.cli import build_parser, main

from .conftest import cell_of
from .hostile import HOSTILE_FILES


def test_validate_shipped_example_exits_0_with_warnings(capsys) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "0 error(s)" in out and "warning(s)" in out
    assert "\nPerformance  (Performance Management and Quality Assurance Group)\n" in out


def test_validate_json_lists_findings_with_the_agreed_keys(capsys, example_raw) -> None:
    assert main(["validate", "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert findings and all(
        set(f) == {"severity", "sheet", "cell", "rule", "message"} for f in findings
    )
    assert {f["severity"] for f in findings} == {"warning", "info"}
    # the one note: when the report is due and where it goes (statutory.deadline)
    assert [f["rule"] for f in findings if f["severity"] == "info"] == ["statutory.deadline"]
    # the seed's own inconsistencies, each at its cell
    by_rule_cell = {(f["rule"], f["sheet"], f["cell"]) for f in findings}
    plans = cell_of(example_raw, "tblChildProtection", "number", "2016-17")
    assert ("check.same", *plans) in by_rule_cell  # 525 on plans, 523 in the context
    q21_total = cell_of(example_raw, "tblSurveyAnswers", "responses", row_index=-1)
    assert ("total.mismatch", *q21_total) in by_rule_cell  # Q21 total 258, answers add to 250


def test_validate_with_errors_exits_1(tmp_path: Path, example_path: Path, example_raw,
                                     capsys) -> None:
    from openpyxl import load_workbook

    sheet, cell = cell_of(example_raw, "tblContributions", "amount", "CCG")
    wb = load_workbook(example_path)
    wb[sheet][cell] = "lots"
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    assert main(["validate", str(path), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert any(f["severity"] == "error" and f["cell"] == cell for f in findings)


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_hostile_files_exit_2_with_one_line(name: str, tmp_path: Path, capsys) -> None:
    path = HOSTILE_FILES[name](tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    assert lines[0].startswith(("Cannot read", "Not an LSCB master workbook"))
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_missing_file_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["validate", str(tmp_path / "nope.xlsx")]) == 2
    assert "nope.xlsx" in capsys.readouterr().err


def test_a_spreadsheet_that_is_not_ours_exits_2(tmp_path: Path, capsys) -> None:
    from openpyxl import Workbook

    path = tmp_path / "budget.xlsx"
    wb = Workbook()
    wb.active["A1"] = "Some other spreadsheet"
    wb.save(path)
    assert main(["validate", str(path)]) == 2
    assert capsys.readouterr().err.startswith("Not an LSCB master workbook")


def test_master_workbook_without_settings_exits_2(
    tmp_path: Path, example_path: Path, capsys
) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(example_path)
    del wb["Settings"]
    path = tmp_path / "no_settings.xlsx"
    wb.save(path)
    assert main(["validate", str(path)]) == 2
    assert "no Settings table" in capsys.readouterr().err


def test_new_workbook_refuses_to_overwrite(tmp_path: Path, capsys) -> None:
    out = tmp_path / "blank.xlsx"
    assert main(["new-workbook", str(out)]) == 0
    stamp = out.stat().st_mtime_ns
    assert main(["new-workbook", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.stat().st_mtime_ns == stamp
    assert main(["new-workbook", str(out), "--force"]) == 0


def test_new_workbook_into_missing_folder_is_a_clear_error(tmp_path: Path, capsys) -> None:
    assert main(["new-workbook", str(tmp_path / "no" / "such" / "blank.xlsx")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_every_command_has_an_example_in_its_help() -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001 - argparse has no public API
    for name, sub in commands.items():
        assert sub.epilog and sub.epilog.startswith("Example: lscb-report " + name), name


def test_usage_error_returns_2_without_traceback(capsys) -> None:
    assert main(["frobnicate"]) == 2
    assert "invalid choice" in capsys.readouterr().err

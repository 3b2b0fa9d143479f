"""The lscb-report command: exit codes, output shapes, and hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.hostile import HOSTILE_FILES
from tests.support.profiles import cell_of
from xl_addin.cli import build_parser, main
from xl_addin.files.shipped import example_workbook


def test_validate_shipped_example_exits_0_with_warnings(capsys) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "0 error(s)" in out and "warning(s)" in out
    assert "\nPerformance  (Performance Management and Quality Assurance Group)\n" in out


def test_validate_json_lists_findings_with_the_agreed_keys(capsys, example_raw) -> None:
    assert main(["validate", "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    agreed = {"severity", "sheet", "cell", "rule", "message", "table", "column", "figure"}
    assert findings and all(set(f) in (agreed, agreed | {"key", "state", "signed_off"})
                            for f in findings)
    # a disagreement also gives its sign-off key and state (issue 18)
    assert all(set(f) > agreed for f in findings if f["rule"].startswith(("check.", "total.")))
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


# --- what a chair reads (issue 10, item 7) ------------------------------------------------


def test_validate_groups_one_rule_in_one_column_into_one_line(capsys) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    trend = [line for line in out.splitlines() if "typed by hand" in line]
    assert len(trend) == 1
    assert trend[0].split()[:2] == ["WARNING", "L8:L55"] and trend[0].endswith("(48 cells).")
    # no internal names, no rule ids, but in the sign-off keys people copy onto the Sign-off tab
    words = "\n".join(line for line in out.splitlines() if "Sign-off key: " not in line)
    assert "tbl" not in words and "[trend.typed]" not in words
    lines = out.rstrip().splitlines()
    assert lines[-2] == ("cumbria_lscb_2016-17.xlsx: 0 error(s), 132 warning(s) (29 "
                         "disagreement(s): 0 open, 29 signed off), 1 note(s). ready.")
    assert lines[-1].startswith("Publication: Under Working Together 2015, publish this report")


def test_validate_json_keeps_one_finding_per_cell(capsys) -> None:
    assert main(["validate", "--json"]) == 0
    trend = [f for f in json.loads(capsys.readouterr().out) if f["rule"] == "trend.typed"]
    assert len(trend) == 48 and {f["column"] for f in trend} == {"trend_typed"}
    assert {f["table"] for f in trend} == {"tblIndicators"}


@pytest.fixture
def budget_error(tmp_path: Path, example_path: Path, example_raw) -> Path:
    from openpyxl import load_workbook

    sheet, cell = cell_of(example_raw, "tblContributions", "amount", "CCG")
    wb = load_workbook(example_path)
    wb[sheet][cell] = "lots"
    path = tmp_path / "budget_error.xlsx"
    wb.save(path)
    return path


def test_validate_one_tab(budget_error: Path, capsys) -> None:
    assert main(["validate", str(budget_error), "--tab", "performance"]) == 0  # any capitals
    out = capsys.readouterr().out
    assert "\nPerformance  (" in out and "\nBudget" not in out and "\nBoard" not in out
    assert "budget_error.xlsx (tab 'Performance' only): 0 error(s), 55 warning(s) (7 " \
        "disagreement(s): 0 open, 7 signed off)." in out
    assert main(["validate", str(budget_error), "--tab", "Budget"]) == 1  # its errors only


def test_validate_one_tab_as_json(budget_error: Path, capsys) -> None:
    assert main(["validate", str(budget_error), "--tab", "BUDGET", "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert findings and {f["sheet"] for f in findings} == {"Budget"}


def test_validate_an_unknown_tab_suggests_one(capsys) -> None:
    assert main(["validate", "--tab", "Perfromance"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("There is no tab 'Perfromance'. Did you mean 'Performance'?")
    assert len(err.strip().splitlines()) == 1


def test_validate_fresh_lists_the_cells_by_column(capsys) -> None:
    blank = example_workbook().with_name("lscb_master_blank.xlsx")
    assert main(["validate", str(blank), "--fresh"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  INFO    C8:C13  'Value' in 'Settings': not filled in yet for the new year " \
           "(6 cells)." in lines  # the blank (starter) workbook's required settings


def test_compute_prints_a_summary_not_the_report(tmp_path: Path, example_path: Path,
                                                 budget_error: Path, capsys) -> None:
    out = tmp_path / "computed.xlsx"
    assert main(["compute", str(example_path), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    lines = printed.splitlines()
    assert lines[0].startswith("Computed computed.xlsx: ratings ")
    assert lines[1] == "Findings: 0 error(s), 132 warning(s):"  # 78, 53 small counts, glance
    assert "Performance 55 warnings" in [" ".join(line.split()) for line in lines]
    assert lines[-1].startswith(f"Each one, at its cell: lscb-report validate {out}")
    assert "typed by hand" not in printed and len(lines) < 20
    assert main(["compute", str(budget_error), "-o", str(out), "--force"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Computed what the errors allow in computed.xlsx: ratings ")
    assert "Left out because of errors: 'Partner contributions' (1 row)." in lines[0]
    # the budget's balance is not checked while a contribution has an error (issue 18)
    assert "Budget 1 error" in [" ".join(line.split()) for line in lines]

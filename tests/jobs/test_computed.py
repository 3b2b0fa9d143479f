"""lscb-report compute on workbook files: results written, typed cells untouched."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple

from tests.support.officejs import colours_of, highlights_of
from tests.support.profiles import EXAMPLE, cell_of
from xl_addin.cli import main
from xl_addin.core.palette import RAG_FILLS
from xl_addin.jobs.checked import check
from xl_addin.readers.xlsx import read_workbook
from xl_addin.writers.package.results import DASHBOARD, VALIDATION, computed_addresses


@pytest.fixture
def copy_of_example(tmp_path: Path, example_path: Path) -> Path:
    path = tmp_path / "board.xlsx"
    shutil.copyfile(example_path, path)
    return path


def _snapshot(path: Path, skip: set[tuple[str, str]]) -> dict[tuple[str, str], tuple]:
    """Value and visible formatting of every cell of the schema's tabs, except ``skip``."""
    wb = load_workbook(path)
    cells = {}
    for sheet in EXAMPLE.sheets:
        for row in wb[sheet.name].iter_rows():
            for cell in row:
                key = (sheet.name, cell.coordinate)
                if key in skip:
                    continue
                cells[key] = (cell.value, cell.number_format, cell.fill.fgColor.rgb,
                              cell.font.b, cell.alignment.wrap_text)
    return cells


def test_compute_never_changes_a_typed_cell(copy_of_example: Path, tmp_path: Path,
                                            example_raw) -> None:
    owned = computed_addresses(check(example_raw).data)
    before = _snapshot(copy_of_example, owned)
    out = tmp_path / "computed.xlsx"
    assert main(["compute", str(copy_of_example), "-o", str(out)]) == 0
    assert _snapshot(out, owned) == before
    assert len(owned) > 300  # the skip list is the computed cells, not everything


def test_compute_twice_in_place_gives_identical_bytes(copy_of_example: Path) -> None:
    assert main(["compute", str(copy_of_example)]) == 0
    first = copy_of_example.read_bytes()
    assert main(["compute", str(copy_of_example)]) == 0
    assert copy_of_example.read_bytes() == first


@pytest.mark.parametrize("value,letter", [(0.80, "G"), (0.70, "A"), (0.60, "R")])
def test_changing_a_value_changes_its_rating_and_colour(value, letter, copy_of_example: Path,
                                                        example_raw) -> None:
    """CS2.2 against its 75% target: 80% is G, 70% is A, 60% is R; the colour follows."""
    sheet, value_cell = cell_of(example_raw, "tblIndicators", "value", "CS2.2")
    _, rag_cell = cell_of(example_raw, "tblIndicators", "rag", "CS2.2")
    wb = load_workbook(copy_of_example)
    wb[sheet][value_cell] = value
    wb.save(copy_of_example)
    assert main(["compute", str(copy_of_example)]) == 0
    wb = load_workbook(copy_of_example)
    assert wb[sheet][rag_cell].value == letter
    assert colours_of(wb)[sheet][coordinate_to_tuple(rag_cell)][letter] == RAG_FILLS[letter]


def test_dashboard_and_validation_tabs(copy_of_example: Path, example_result) -> None:
    assert main(["compute", str(copy_of_example)]) == 0
    wb = load_workbook(copy_of_example)
    assert wb.sheetnames[1:3] == [VALIDATION, DASHBOARD]
    dashboard = [c.value for row in wb[DASHBOARD].iter_rows() for c in row if c.value]
    assert "G  Green: on target" in dashboard and 30 in dashboard
    assert "All themes" in dashboard and "8,839" in dashboard
    validation = wb[VALIDATION]
    links = [c for c in validation["C"] if c.hyperlink]
    assert len(links) == len([f for f in example_result.findings if f.cell])
    sheet, cell = links[0].hyperlink.location.split("!")
    assert sheet.strip("'") in wb.sheetnames and cell == links[0].value


def test_highlights_are_cleared_on_the_next_run(copy_of_example: Path, example_raw) -> None:
    sheet, cell = cell_of(example_raw, "tblLadoReferrers", "referrals", "Police")
    wb = load_workbook(copy_of_example)
    wb[sheet][cell] = "fifty"
    wb.save(copy_of_example)
    assert main(["compute", str(copy_of_example)]) == 1
    highlighted = _highlighted(copy_of_example)
    assert (sheet, cell) in highlighted
    wb = load_workbook(copy_of_example)
    wb[sheet][cell] = 58
    wb.save(copy_of_example)
    assert main(["compute", str(copy_of_example)]) == 0
    assert (sheet, cell) not in _highlighted(copy_of_example)


def _highlighted(path: Path) -> set[tuple[str, str]]:
    return {(sheet, get_column_letter(col) + str(row))
            for sheet, marks in highlights_of(load_workbook(path)).items()
            for row, col in marks}


def test_with_errors_the_rest_is_computed_and_the_row_is_left_out(copy_of_example: Path,
                                                                   example_raw,
                                                                   capsys) -> None:
    sheet, cell = cell_of(example_raw, "tblIndicators", "value", "CS2.2")
    _, rag_cell = cell_of(example_raw, "tblIndicators", "rag", "CS2.2")
    _, other_rag = cell_of(example_raw, "tblIndicators", "rag", "CS2.3")
    _, rate_cell = cell_of(example_raw, "tblChildProtection", "rate", row_index=4)
    wb = load_workbook(copy_of_example)
    wb[sheet][cell] = "#REF!"
    wb.save(copy_of_example)
    assert main(["compute", str(copy_of_example)]) == 1
    said = capsys.readouterr().out
    assert "Computed what the errors allow" in said
    assert "Left out because of errors: 'Performance indicators at period end' (1 row)" in said
    wb = load_workbook(copy_of_example)
    assert VALIDATION in wb.sheetnames and DASHBOARD in wb.sheetnames
    assert wb[sheet][rag_cell].value is None  # the row with the error is not rated
    assert wb[sheet][other_rag].value == "R"  # every other row is
    assert wb[sheet][rate_cell].value == 56.6  # and the other tables are filled


def test_workbook_features_survive(copy_of_example: Path) -> None:
    before = load_workbook(copy_of_example)
    assert main(["compute", str(copy_of_example)]) == 0
    after = load_workbook(copy_of_example)
    assert set(before.defined_names) == set(after.defined_names)
    for sheet in EXAMPLE.sheets:
        b, a = before[sheet.name], after[sheet.name]
        assert set(b.tables) == set(a.tables)
        assert {t: b.tables[t].ref for t in b.tables} == {t: a.tables[t].ref for t in a.tables}
        assert len(b.data_validations.dataValidation) == len(a.data_validations.dataValidation)
        assert b.freeze_panes == a.freeze_panes
        assert b.sheet_properties.tabColor.rgb == a.sheet_properties.tabColor.rgb
    assert check(read_workbook(copy_of_example)).ok


def test_an_xlsm_keeps_its_macros(tmp_path: Path, example_path: Path) -> None:
    macro = b"not really VBA, but it must come back byte for byte"
    path = tmp_path / "board.xlsm"
    _as_xlsm(example_path, path, macro)
    assert main(["compute", str(path)]) == 0
    with zipfile.ZipFile(path) as package:
        assert package.read("xl/vbaProject.bin") == macro


def _as_xlsm(source: Path, target: Path, macro: bytes) -> None:
    """A macro-enabled copy of ``source`` with a stand-in VBA project part."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml").replace(
                    b"</Types>", b'<Default Extension="bin" ContentType="application/'
                                 b'vnd.ms-office.vbaProject"/></Types>')
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdVba" '
                                    b'Type="http://schemas.microsoft.com/office/2006/'
                                    b'relationships/vbaProject" Target="vbaProject.bin"/>'
                                    b"</Relationships>")
            dst.writestr(item, data)
        dst.writestr("xl/vbaProject.bin", macro)


def test_read_only_and_locked_files_get_a_clear_message(copy_of_example: Path,
                                                        capsys) -> None:
    lock = copy_of_example.with_name(f"~${copy_of_example.name}")
    lock.write_text("owner")
    assert main(["compute", str(copy_of_example)]) == 2
    assert "open in Excel" in capsys.readouterr().err
    lock.unlink()


def test_output_must_keep_the_file_type(copy_of_example: Path, capsys) -> None:
    assert main(["compute", str(copy_of_example), "-o", "out.xlsm"]) == 2
    assert "file type" in capsys.readouterr().err

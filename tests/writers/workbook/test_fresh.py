"""The blank and example workbooks: generated from the schema, repeatably, and usable."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.support.profiles import EXAMPLE, STARTER
from xl_addin.cli import main
from xl_addin.schema import Kind, Role
from xl_addin.tools.build_example import EXAMPLE_PATH, build_example
from xl_addin.writers.workbook.fresh import STYLE, build_workbook, save_workbook

REPO = Path(__file__).resolve().parents[3]
BLANK = REPO / "workbook" / "lscb_master_blank.xlsx"


def test_blank_workbook_regenerates_identically(tmp_path: Path) -> None:
    out = tmp_path / "blank.xlsx"
    assert main(["new-workbook", str(out)]) == 0
    assert out.read_bytes() == BLANK.read_bytes(), (
        "workbook/lscb_master_blank.xlsx is out of date: run "
        "lscb-report new-workbook workbook/lscb_master_blank.xlsx --force"
    )


def test_example_regenerates_identically_from_its_csv_source(tmp_path: Path) -> None:
    out = tmp_path / "example.xlsx"
    assert build_example(out) == []
    assert out.read_bytes() == EXAMPLE_PATH.read_bytes(), (
        "the example workbook is out of date: run python -m xl_addin.tools.build_example"
    )


@pytest.fixture(scope="module")
def blank():
    return load_workbook(BLANK)


def test_blank_has_instructions_settings_and_one_tab_per_sheet(blank) -> None:
    assert blank.sheetnames[0] == "Instructions"
    assert blank.sheetnames[2] == "Settings"
    assert [s.name for s in STARTER.sheets] == [
        n for n in blank.sheetnames if n not in {"Instructions", "Lists"}
    ]
    assert blank["Lists"].sheet_state == "hidden"


def test_tabs_show_and_are_coloured_by_owner(blank) -> None:
    for sheet in STARTER.sheets:
        ws = blank[sheet.name]
        assert ws["A2"].value == f"Owner: {sheet.owner}"
        assert ws.sheet_properties.tabColor.rgb.endswith(STARTER.owners[sheet.owner])


def test_every_table_is_a_named_excel_table_with_its_headers(blank) -> None:
    for sheet, table in STARTER.iter_tables():
        ws = blank[sheet.name]
        assert table.name in ws.tables, table.name
        ref = ws.tables[table.name].ref
        first_row = ws[ref.split(":")[0]].row
        headers = [ws.cell(first_row, i + 1).value for i in range(len(table.columns))]
        assert headers == [c.header for c in table.columns]


def test_every_choice_column_has_a_dropdown(blank) -> None:
    for sheet, table in STARTER.iter_tables():
        ws = blank[sheet.name]
        ref = ws.tables[table.name].ref
        for i, column in enumerate(table.columns, start=1):
            if not column.choices or column.role is Role.COMPUTED:
                continue
            letter = ws.cell(1, i).column_letter
            lists = [
                dv
                for dv in ws.data_validations.dataValidation
                if dv.type == "list" and any(str(r).startswith(letter) for r in dv.sqref.ranges)
            ]
            assert lists, f"{table.name}.{column.key} ({ref}) has no dropdown"


def test_computed_and_reference_columns_look_different(blank) -> None:
    ws = blank["Performance"]
    ref = ws.tables["tblIndicators"].ref
    header_row = ws[ref.split(":")[0]].row
    table = STARTER.table("tblIndicators")
    for i, column in enumerate(table.columns, start=1):
        fill = ws.cell(header_row, i).fill.fgColor.rgb
        assert fill.endswith(STYLE[f"{column.role.value}_header"].fgColor.rgb[-6:])
        body = ws.cell(header_row + 1, i).fill
        if column.role is Role.INPUT:
            assert body.fill_type is None
        else:
            assert body.fgColor.rgb.endswith(STYLE[f"{column.role.value}_cell"].fgColor.rgb[-6:])


def test_number_formats_follow_the_column_kind(blank) -> None:
    ws = blank["Budget"]
    first = ws[ws.tables["tblContributions"].ref.split(":")[0]].row + 1
    assert ws.cell(first, 2).number_format.startswith("£")
    ws = blank["Performance"]
    first = ws[ws.tables["tblIndicators"].ref.split(":")[0]].row + 1
    assert ws.cell(first, 9).number_format.endswith("%")  # own amber threshold
    assert ws.cell(first, 1).number_format == "@"


def test_headers_are_frozen_and_columns_readable(blank) -> None:
    for sheet in STARTER.sheets:
        ws = blank[sheet.name]
        assert ws.freeze_panes is not None
        assert ws.column_dimensions["A"].width >= 9


def test_plain_xlsx_without_macros() -> None:
    with zipfile.ZipFile(BLANK) as package:
        names = package.namelist()
    assert not [n for n in names if "vbaProject" in n]
    assert "xl/workbook.xml" in names


def test_blank_validates_as_a_master_workbook_with_only_required_blanks(tmp_path) -> None:
    from xl_addin.jobs.checked import check
    from xl_addin.readers.xlsx import read_workbook
    from xl_addin.statutory import framework

    path = tmp_path / "blank.xlsx"
    save_workbook(build_workbook(STARTER), path)
    result = check(read_workbook(path))
    required = [f for f in result.errors if f.rule == "cell.required"]
    assert {f.rule for f in result.errors} - {"cell.required"} == {
        # a blank framework means Working Together 2023, whose content is not there yet
        f"statutory.{r.id}" for r in framework("Working Together 2023").requirements}
    assert {f.rule for f in result.warnings} == {"section.empty"}
    required_facts = sum(1 for _, f in STARTER.iter_facts() if f.required)
    assert len(required) == required_facts


def test_example_round_trips_the_typed_values(example_result) -> None:
    indicators = example_result.data.tables["tblIndicators"].rows
    assert len(indicators) == 48
    cs22 = indicators[indicators["ref"] == "CS2.2"].iloc[0]
    assert cs22["value"] == pytest.approx(0.685)
    assert cs22["target"].low == pytest.approx(0.75)
    assert example_result.data.facts["child_population"] == 92800
    kinds = {c.kind for _, t in EXAMPLE.iter_tables() for c in t.columns}
    assert Kind.FACT in kinds and Kind.TARGET in kinds

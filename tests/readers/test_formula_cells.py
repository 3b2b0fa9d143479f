"""Which table cells hold a formula, read from the sheet's XML (openpyxl gives values only)."""

from __future__ import annotations

from xl_addin.readers.formula_cells import sheet_formulas

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheet(*cells: str) -> bytes:
    return (f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">' + "".join(cells)
            + "</row></sheetData></worksheet>").encode()


def test_formulas_inside_a_table_are_found_with_or_without_a_result() -> None:
    xml = sheet('<c r="B2"><f>1+1</f><v>2</v></c>', '<c r="C2"><f>A1*2</f></c>',
                '<c r="D2"><v>5</v></c>', '<c r="Z9"><f>1</f></c>')
    found = sheet_formulas(xml, [(1, 2, 3, 3)])  # B1:C3; D (the column right) is read too
    assert found == {"B2": "=1+1", "C2": "=A1*2"}


def test_a_shared_formula_takes_its_text_from_the_first_cell() -> None:
    xml = sheet('<c r="B2"><f t="shared" ref="B2:B3" si="0">A2*2</f><v>4</v></c>',
                '<c r="B3"><f t="shared" si="0"/></c>')
    assert sheet_formulas(xml, [(1, 2, 5, 2)]) == {"B2": "=A2*2", "B3": "=A2*2"}


def test_a_sheet_without_formulas_is_not_parsed() -> None:
    assert sheet_formulas(b"<not even xml", [(1, 1, 9, 9)]) == {}

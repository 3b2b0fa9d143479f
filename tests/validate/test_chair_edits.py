"""Chairs' mistakes on copies of the shipped workbook, through validate, compute and build.

Each case edits its own cell, so the cases of one kind share one copy: one read, one compute
and one build per copy. Issue 10: range checks follow each row's Unit (item 1); any value a
cell can hold gets a figure or a finding at its cell (item 2); values typed just outside a
table are reported with how to extend it (item 5); messages in the chairs' words (item 7).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from tests.support.package_edits import set_cell_xml
from tests.support.profiles import EXAMPLE, cell_of
from tests.support.report_helpers import all_text, open_docx
from xl_addin.core.findings import RULES, Finding
from xl_addin.core.raw import RawWorkbook
from xl_addin.jobs.checked import Result, check
from xl_addin.jobs.computed import compute_file
from xl_addin.jobs.document import BuildOptions, build
from xl_addin.readers.xlsx import read_workbook
from xl_addin.report import WorkbookHasErrors


@dataclass(frozen=True)
class Case:
    name: str
    table: str
    column: str  # a column key; "<below>" / "<right>": the row below / column right of it
    row: object  # the row's key value, or its index (an int) for a table without one
    value: object
    rule: str | None  # the finding expected at the cell, or None: no finding at the cell
    says: str = ""  # a fragment of its message


# Item 1: the range follows each row's Unit, for values and targets alike.
UNITS = [
    Case("% value typed without %", "tblIndicators", "value", "CS2.2", 97.3, "cell.range",
         "97.3 in a row whose Unit is % is read as 9,730%, but a percentage cannot be over "
         "100%. Did you mean 97.3%?"),
    Case("% target over 100%", "tblIndicators", "target", "CS1.1", "150%", "cell.range",
         "150% is over 100%, the most a percentage can be"),
    Case("% range target without %", "tblIndicators", "target", "CS2.7", "5-7.5",
         "cell.range", "read as 500%-750%, but a percentage cannot be over 100%. Did you "
                       "mean 5%-7.5%?"),
    Case("% target typed as a number", "tblIndicators", "target", "CS2.0", 85, "cell.range",
         "Did you mean 85%?"),
    Case("% last year typed without %", "tblIndicators", "previous", "CS2.4", 98.3,
         "cell.range", "Did you mean 98.3%?"),
    Case("negative rate per 10,000", "tblIndicators", "value", "CS3.0", -4, "cell.range",
         "-4 is negative, but a rate per 10,000 cannot be"),
    Case("negative days target", "tblIndicators", "target", "CS3.20", -10, "cell.range",
         "a number of days cannot be"),
    Case("negative end of a range", "tblIndicators", "target", "CS3.4", "-5%-7.5%",
         "cell.range", "negative"),
    Case("a rate of 97.3 is a rate", "tblIndicators", "value", "CS2.3", 97.3, None),
    Case("a % in a days row", "tblIndicators", "value", "CS3.21", "45%", "cell.type",
         "'45%' is a percentage, but the row's Unit is days"),
    Case("% column typed without %", "tblSection11Compliance", "current", 0, 45, "cell.range",
         "45 in a percentage column is read as 4,500%, but a percentage cannot be over 100%. "
         "Did you mean 45%?"),
]

# Item 2: any value a cell can hold. Each is an error at its cell, and reads as blank.
ANY_VALUE = [
    Case("1e300 in a count", "tblTraining", "attendees", 0, 1e300, "cell.range",
         "1E+300 is far larger than any real figure"),
    Case("-1e300 in a count", "tblTraining", "attendees", 1, -1e300, "cell.range"),
    Case("a huge integer", "tblTraining", "attendees", 2, 10**20, "cell.range"),
    Case("16 significant digits", "tblTraining", "attendees", 3, 1234567890123456, "cell.range"),
    Case("TRUE in a count", "tblTraining", "attendees", 4, True, "cell.type",
         "TRUE is a TRUE/FALSE value, not a whole number"),
    Case("a date in a count", "tblTraining", "attendees", 5, dt.datetime(1900, 1, 1),
         "cell.type", "set it to Number"),
    Case("32,767 characters in a count", "tblTraining", "attendees", 6, "9" * 32_767,
         "cell.range"),
    Case("an Excel error value", "tblTraining", "attendees", 7, "#N/A", "cell.excel-error"),
    Case("a date in 1900", "tblReviews", "published", "Child N", dt.datetime(1900, 1, 1),
         "cell.range", "1 January 1900 is not a date this report can mean"),
    Case("a date in 9999", "tblReviews", "published", "Child L", dt.datetime(9999, 12, 31),
         "cell.range"),
    Case("a date serial in a year column", "tblChildProtection", "year", "2012-13", 41000,
         "years.order", "(1 April 2012), not a reporting year. Did you mean 2012-13?"),
    Case("a date in a year column", "tblLookedAfter", "year", "2012-13",
         dt.datetime(2013, 3, 31), "years.order", "Did you mean 2012-13?"),
    Case("a calendar year in a year column", "tblEarlyHelp", "year", "2016-17", 2016,
         "years.order", "2016 is a calendar year"),
    Case("32,767 characters of text", "tblGlossary", "meaning", "ABE", "x" * 32_767, None),
    Case("minus zero in a count", "tblLadoReferrers", "referrals", "Police", -0.0, None),
    Case("1e-300 in a percentage", "tblSection11Compliance", "previous", 1, 1e-300, None),
]

# Values that are read, with at most a warning: these copies are computed and built in full.
READ = [
    Case("a DEL character in text", "tblGlossary", "meaning", "CAMHS", "Common\x7f Assessment",
         "cell.hidden-characters", "invisible control characters"),
    Case("a C1 control character", "tblReviews", "summary", "Child N", "Neglect\x9d case",
         "cell.hidden-characters"),
    Case("a number typed as text", "tblLadoReferrers", "referrals", "Police", "1,234",
         "cell.as-text", "it was read as 1,234"),
    Case("a percentage typed as text", "tblIndicators", "value", "CS2.2", "68.5%",
         "cell.as-text", "it was read as 68.5%"),
    Case("a large but real count", "tblLadoReferrers", "referrals", "Education", 99_999_999,
         None),
    Case("text beginning with =", "tblGlossary", "meaning", "ABE", "=Achieving Best Evidence",
         None),
]

# Item 5: values typed just outside a table.
OUTSIDE = [
    Case("a row typed under a table", "tblLadoReferrers", "<below>", 0, "Probation",
         "cell.below-table", "just below the table 'Referrals by agency'"),
    Case("its figure", "tblLadoReferrers", "<below>", 1, 7, "cell.below-table",
         "LibreOffice never extends a table by itself"),
    Case("a row under a Key figures table", "tblContext", "<below>", 0, "new_figure",
         "cell.below-table", "'Key figures' (Context tab)"),
    Case("a row under the last table of a tab", "tblGlossary", "<below>", 1, "Zebra crossing",
         "cell.below-table"),
    Case("a note beside a table", "tblTraining", "<right>", 3, "check with Jane",
         "cell.beside-table", "Table Design > Resize Table"),
]


def _place(raw: RawWorkbook, case: Case) -> tuple[str, str]:
    table = raw.tables[case.table]
    if case.column.startswith("<"):
        left, top, right, bottom = range_boundaries(table.ref)
        row, column = (bottom + 1, left + case.row) if case.column == "<below>" else \
            (top + case.row, right + 1)
        return table.sheet, f"{chr(64 + column)}{row}"
    if isinstance(case.row, int):
        return cell_of(raw, case.table, case.column, row_index=case.row)
    return cell_of(raw, case.table, case.column, case.row)


@dataclass
class Edited:
    path: Path
    places: dict[str, tuple[str, str]]
    result: Result


def _edited(folder: Path, example_path: Path, raw: RawWorkbook, cases: list[Case]) -> Edited:
    path = folder / "edited.xlsx"
    shutil.copyfile(example_path, path)
    wb = load_workbook(path)
    places = {case.name: _place(raw, case) for case in cases}
    assert len(set(places.values())) == len(cases)  # every case has its own cell
    for case in cases:
        sheet, cell = places[case.name]
        wb[sheet][cell].value = case.value
        if isinstance(case.value, str) and case.value.startswith("="):
            wb[sheet][cell].data_type = "s"  # text, as a chair types it with a leading '
    wb.save(path)
    return Edited(path, places, check(read_workbook(path)))


@pytest.fixture(scope="module")
def refused(tmp_path_factory, example_path: Path, example_raw: RawWorkbook) -> Edited:
    return _edited(tmp_path_factory.mktemp("refused"), example_path, example_raw,
                   UNITS + ANY_VALUE + OUTSIDE)


@pytest.fixture(scope="module")
def read(tmp_path_factory, example_path: Path, example_raw: RawWorkbook) -> Edited:
    return _edited(tmp_path_factory.mktemp("read"), example_path, example_raw, READ)


def _check(edited: Edited, case: Case) -> None:
    sheet, cell = edited.places[case.name]
    here = [f for f in edited.result.findings if (f.sheet, f.cell) == (sheet, cell)]
    if case.rule is None:
        assert not here, here
        return
    assert [f.rule for f in here] == [case.rule], here
    finding = here[0]
    assert finding.severity is RULES[case.rule][0]
    assert case.says in finding.message
    assert finding.table == case.table


@pytest.mark.parametrize("case", UNITS + ANY_VALUE + OUTSIDE, ids=lambda c: c.name)
def test_each_mistake_is_found_at_its_cell(case: Case, refused: Edited) -> None:
    _check(refused, case)


@pytest.mark.parametrize("case", READ, ids=lambda c: c.name)
def test_odd_but_readable_values_are_read(case: Case, read: Edited) -> None:
    _check(read, case)
    assert read.result.ok


def test_refused_values_read_as_blank(refused: Edited, example_raw) -> None:
    """A value with an error never reaches the computation or the report."""
    data = refused.result.data
    training = data.tables["tblTraining"].rows["attendees"]
    assert list(training[:8]) == [None] * 8
    indicators = data.tables["tblIndicators"]
    assert indicators.rows.at[indicators.find("ref", "CS2.2"), "value"] is None
    assert indicators.rows.at[indicators.find("ref", "CS2.3"), "value"] == pytest.approx(97.3)


def test_compute_and_build_take_any_value(refused: Edited, tmp_path: Path) -> None:
    result = compute_file(refused.path, tmp_path / "computed.xlsx").result
    assert not result.ok and result.findings == refused.result.findings
    with pytest.raises(WorkbookHasErrors):
        build(result, tmp_path / "report.docx")
    draft = build(result, tmp_path / "draft.docx", BuildOptions(draft=True))
    text = all_text(open_docx(draft))
    assert "1E+300" in text  # in the appendix of findings, as the message says it


def test_readable_values_are_computed_and_built(read: Edited, tmp_path: Path) -> None:
    result = compute_file(read.path, tmp_path / "computed.xlsx").result
    assert result.ok
    # the edits make figures disagree, which nobody has signed off: a draft
    text = all_text(open_docx(build(result, tmp_path / "report.docx", BuildOptions(draft=True))))
    assert "Common Assessment" in text and "\x7f" not in text
    assert "=Achieving Best Evidence" in text


def test_figures_excel_cannot_show_written_by_another_program(tmp_path: Path,
                                                              example_path: Path,
                                                              example_raw) -> None:
    """A file written by another program can hold infinity, and Excel saves a formula's
    last result, an error value or text among them: each is an error at its cell."""
    path = tmp_path / "other.xlsx"
    shutil.copyfile(example_path, path)
    written = [  # (value as written, formula, its type, rule, what the message says)
        ("1E+999", None, None, "cell.range", "infinity is far larger than any real figure"),
        ("-1E+999", None, None, "cell.range", "infinity is far larger than any real figure"),
        ("1E+300", None, None, "cell.range", "1E+300 is far larger than any real figure"),
        ("#DIV/0!", "B9/0", "e", "cell.excel-error", "holds the Excel error #DIV/0!"),
        ("n/a", 'IF(TRUE,"n/a")', "str", "cell.type", "'n/a' is not a whole number"),
        ("126", "100+26", None, None, ""),
    ]
    cells = []
    for row, (value, formula, kind, _, _) in enumerate(written):
        sheet, cell = cell_of(example_raw, "tblTraining", "attendees", row_index=row)
        set_cell_xml(path, sheet, cell, value, formula=formula, cell_type=kind)
        cells.append(cell)
    result = check(read_workbook(path))
    found = {f.cell: f for f in result.errors}
    for cell, (_, _, _, rule, says) in zip(cells, written, strict=True):
        if rule is None:
            assert cell not in found
        else:
            assert found[cell].rule == rule and says in found[cell].message
    assert result.data.tables["tblTraining"].rows.at[5, "attendees"] == 126


# --- item 7: the chairs' words --------------------------------------------------------------

INTERNAL = re.compile(r"\btbl[A-Z]\w*|\[\w+\.[\w-]+\]")  # an Excel Table name, a [rule id]
KEYS = {key for _, t in EXAMPLE.iter_tables() for key in [c.key for c in t.columns]} | {
    f.key for _, f in EXAMPLE.iter_facts()}
KEYS = {key for key in KEYS if "_" in key}  # one-word keys ("area") are ordinary words too


def _internal_words(finding: Finding) -> list[str]:
    found = INTERNAL.findall(finding.message)
    found += [key for key in KEYS if re.search(rf"\b{key}\b", finding.message)]
    found += [rule for rule in RULES if rule in finding.message]
    return found


def test_no_message_uses_internal_names(refused: Edited, read: Edited, example_result) -> None:
    for finding in (*refused.result.findings, *read.result.findings,
                    *example_result.findings):
        assert not _internal_words(finding), finding.message


def test_percentages_are_shown_as_percentages(read: Edited) -> None:
    finding = next(f for f in read.result.findings if "68.5%" in f.message)
    assert "0.685" not in finding.message


def test_conditions_read_as_words(broken, example_raw) -> None:
    sheet, cell = cell_of(example_raw, "tblTraining", "attendees", row_index=0)

    def edit(wb) -> None:
        wb[sheet][cell].value = 5000  # a domestic abuse course: its sum no longer agrees

    messages = [f.message for f in broken(edit).findings if f.rule.startswith("check.")]
    assert any("over the rows marked Yes under 'Domestic abuse offer'" in m for m in messages)
    assert not any(" where " in m and " is Yes" in m for m in messages)

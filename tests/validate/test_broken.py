"""Crafted broken workbooks: each problem is found at its sheet and cell, under its rule."""

from __future__ import annotations

import pytest

from tests.conftest import CellEdit
from tests.support.profiles import cell_of
from xl_addin.core.findings import RULES, Severity
from xl_addin.core.raw import RawWorkbook
from xl_addin.jobs.checked import Result

# Rules asserted by the dedicated tests below (the parametrised cases add their own).
DEDICATED = {
    "cell.as-text",
    "cell.placeholder",
    "sheet.missing",
    "table.missing",
    "column.missing",
    "column.unexpected",
    "cell.merged",
    "fact.missing",
    "fact.unknown",
    "table.moved",
}


def _set(
    raw: RawWorkbook,
    table: str,
    column: str,
    value: object,
    row_key: object = None,
    row_index: int = 0,
) -> tuple[CellEdit, str, str]:
    sheet, cell = cell_of(raw, table, column, row_key, row_index)
    return CellEdit(sheet, cell, value), sheet, cell


def _expect(result: Result, rule: str, sheet: str | None, cell: str | None) -> None:
    hits = [
        f
        for f in result.findings
        if f.rule == rule and f.sheet == sheet and (cell is None or f.cell == cell)
    ]
    assert hits, f"no {rule} at {sheet}!{cell}; got " + "; ".join(
        f"{f.rule}@{f.sheet}!{f.cell}" for f in result.findings if f.rule == rule
    )
    assert RULES[rule][0] is hits[0].severity


# (description, table, column, row key, new value, expected rule)
CELL_CASES = [
    ("text in a number cell", "tblLadoReferrers", "referrals", "Police", "fifty", "cell.type"),
    ("#REF! in a cell", "tblContributions", "amount", "CCG", "#REF!", "cell.excel-error"),
    ("a negative count", "tblTraining", "attendees", "Neglect SCR conference", -5, "cell.range"),
    (
        "a percentage of 987",
        "tblSection11Compliance",
        "current",
        "A named person responsible at a senior level",
        9.87,
        "cell.range",
    ),
    ("a duplicate indicator id", "tblIndicators", "ref", "CS1.1", "CS1.0", "row.duplicate"),
    ("a fractional count", "tblLadoOutcomes", "number", "Caution", 2.5, "cell.type"),
    ("a choice not in the list", "tblIndicators", "polarity", "CS1.0", "Upward", "cell.choice"),
    ("a choice in other capitals", "tblIndicators", "polarity", "CS1.0", "LOW", "cell.choice-case"),
    ("a required value left blank", "tblIndicators", "description", "CS2.2", None, "cell.required"),
    ("a year written wrongly", "tblChildProtection", "year", "2013-14", "2013", "years.order"),
    ("years out of order", "tblLookedAfter", "year", "2014-15", "2011-12", "years.order"),
    ("a date that is not a date", "tblReviews", "published", "Child N", "soon", "cell.type"),
    (
        "an unknown {ref} in text",
        "tblBusinessPlanFigures",
        "value",
        "plan_period",
        "2016-19",
        None,
    ),  # placeholder test below uses narrative; this row is a control
    ("a typed total that disagrees", "tblContributions", "amount", "Total", 1, "total.mismatch"),
    (
        "own thresholds the wrong way round",
        "tblIndicators",
        "amber_from",
        "HE2",
        0.5,
        "row.thresholds",
    ),
    (
        "a reason missing for own thresholds",
        "tblIndicators",
        "threshold_reason",
        "HE2",
        None,
        "cell.required",
    ),
]


@pytest.mark.parametrize("case", CELL_CASES, ids=[c[0] for c in CELL_CASES])
def test_cell_problem_found_at_its_cell(case, example_raw, broken) -> None:
    _, table, column, key, value, rule = case
    edit, sheet, cell = _set(example_raw, table, column, value, key)
    result = broken(edit)
    if rule is None:
        assert not result.errors
        return
    _expect(result, rule, sheet, cell if rule != "row.thresholds" else None)


HUMAN_FORMATS = [
    ("tblContributions", "amount", "CCG", "£61,079", 61079.0),
    ("tblLadoReferrers", "referrals", "Police", "1,234", 1234),
    (
        "tblSection11Compliance",
        "current",
        "A named person responsible at a senior level",
        "45%",
        0.45,
    ),
]


@pytest.mark.parametrize("table,column,key,typed,read_as", HUMAN_FORMATS)
def test_human_formats_are_read_and_warned(
    table, column, key, typed, read_as, example_raw, broken
) -> None:
    edit, sheet, cell = _set(example_raw, table, column, typed, key)
    result = broken(edit)
    _expect(result, "cell.as-text", sheet, cell)
    frame = result.data.tables[table]
    index = frame.find(frame.table.key, key)
    assert frame.rows.at[index, column] == pytest.approx(read_as)
    assert not [f for f in result.errors if f.cell == cell]


def test_unknown_placeholder_in_text(example_raw, broken) -> None:
    edit, sheet, cell = _set(
        example_raw,
        "tblContextNarrative",
        "text",
        "There were {cp_plan_now} children on plans.",
        row_index=0,
    )
    result = broken(edit)
    _expect(result, "cell.placeholder", sheet, cell)
    message = next(f.message for f in result.findings if f.rule == "cell.placeholder")
    assert "{cp_plans_now}" in message  # did you mean


def test_renamed_sheet_says_where_its_tables_went(broken) -> None:
    def rename(wb) -> None:
        wb["Performance"].title = "Perf 2017"

    result = broken(rename)
    _expect(result, "sheet.missing", "Performance", None)
    message = next(f.message for f in result.findings if f.rule == "sheet.missing")
    assert "'Perf 2017'" in message and "Rename it back" in message
    assert not [f for f in result.findings if f.rule == "table.missing"]


def test_missing_table_suggests_the_name(broken) -> None:
    def rename_table(wb) -> None:
        table = wb["Budget"].tables["tblSpend"]
        table.name = table.displayName = "tblSpending"
        wb["Budget"].tables["tblSpending"] = table
        del wb["Budget"].tables["tblSpend"]

    result = broken(rename_table)
    _expect(result, "table.missing", "Budget", None)
    finding = next(f for f in result.findings if f.rule == "table.missing")
    assert finding.message.startswith("The table 'Spending' is missing from the tab 'Budget'")
    # the one message that gives an Excel Table name: the name to type back
    assert "now called 'tblSpending'" in finding.message
    assert finding.message.endswith("Table Design > Table Name back to tblSpend.")
    assert finding.table == "tblSpend"


@pytest.mark.parametrize("table,position,renamed,expected", [
    ("tblLadoReferrers", 1, "Numbers", "Number"),  # alike: matched by spelling
    ("tblIndicators", 3, "Figure", "Value"),  # not alike: matched by where it stands
    ("tblTraining", 1, "How many came", "Attended"),
])
def test_a_renamed_heading_is_named_at_its_cell_with_the_heading_expected(
        table, position, renamed, expected, example_raw, broken) -> None:
    header = example_raw.tables[table].headers[position]
    sheet = example_raw.tables[table].sheet

    def rename(wb) -> None:
        wb[sheet][header.address].value = renamed

    result = broken(rename)
    _expect(result, "column.missing", sheet, header.address)
    finding = next(f for f in result.findings if f.rule == "column.missing")
    assert f"The heading '{renamed}'" in finding.message
    assert f"should read '{expected}'" in finding.message
    assert not [f for f in result.findings if f.rule == "column.unexpected"]
    # the column is still read under the heading it should have: one error, not one per row
    assert [f.rule for f in result.errors] == ["column.missing"]


def test_a_missing_column_with_nothing_in_its_place(example_raw, broken) -> None:
    table = example_raw.tables["tblTraining"]

    def blank(wb) -> None:
        wb[table.sheet][table.headers[1].address].value = None

    result = broken(blank)
    finding = next(f for f in result.findings if f.rule == "column.missing")
    assert "has no column headed 'Attended'" in finding.message
    assert finding.column == "attendees"


def test_merged_cells_inside_a_table(example_raw, broken) -> None:
    sheet, first = cell_of(example_raw, "tblMembers", "agency", row_index=2)
    _, last = cell_of(example_raw, "tblMembers", "note", row_index=2)

    def merge(wb) -> None:
        wb[sheet].merge_cells(f"{first}:{last}")

    _expect(broken(merge), "cell.merged", sheet, first)


def test_missing_and_unknown_fact_rows(example_raw, broken) -> None:
    sheet, cell = cell_of(example_raw, "tblContext", "ref", "cin_now")

    def rename(wb) -> None:
        wb[sheet][cell].value = "cin_nw"

    result = broken(rename)
    _expect(result, "fact.missing", sheet, None)
    _expect(result, "fact.unknown", sheet, cell)
    assert "Did you mean 'cin_now'?" in next(
        f.message for f in result.findings if f.rule == "fact.unknown"
    )


def test_excel_error_typed_value_is_an_error_value(example_raw, broken) -> None:
    edit, sheet, cell = _set(example_raw, "tblContext", "value", "#DIV/0!", "cin_now")
    _expect(broken(edit), "cell.excel-error", sheet, cell)


def test_moved_table_is_a_warning(broken) -> None:
    def move(wb) -> None:
        table = wb["Glossary"].tables["tblGlossary"]
        del wb["Glossary"].tables["tblGlossary"]
        wb["Budget"].add_table(table)

    result = broken(move)
    _expect(result, "table.moved", "Budget", None)


def test_every_problem_is_reported_at_once(example_raw, broken) -> None:
    edits = [
        _set(example_raw, table, column, value, key)[0]
        for _, table, column, key, value, _ in CELL_CASES[:5]
    ]
    result = broken(*edits)
    rules = {f.rule for f in result.errors}
    assert {"cell.type", "cell.excel-error", "cell.range", "row.duplicate"} <= rules


def test_findings_are_plain_english_with_place(example_raw, broken) -> None:
    edit, sheet, cell = _set(example_raw, "tblLadoReferrers", "referrals", "fifty", "Police")
    finding = next(f for f in broken(edit).errors if f.cell == cell)
    assert finding.severity is Severity.ERROR
    assert "'fifty'" in finding.message and "not a whole number" in finding.message
    assert finding.to_dict() == {
        "severity": "error",
        "sheet": sheet,
        "cell": cell,
        "rule": "cell.type",
        "message": finding.message,
        "table": "tblLadoReferrers",
        "column": "referrals",
        "figure": None,
    }
    assert finding.message == ("'Number' for Police in 'Referrals by agency': 'fifty' is not "
                               "a whole number. If the figure is not known yet, leave the cell "
                               "blank.")


def test_every_rule_has_a_crafted_case() -> None:
    """Each rule outside the cross-checks is asserted by a case in this module.

    The cross-check rules (check.*, total.mismatch) are covered in test_crosschecks.py,
    rag.published, trend.typed and settings.tolerances in test_compute.py, cell.not-filled in
    test_rollover.py, table.too-large in test_reader.py, values typed outside a table and
    hidden characters in test_chair_edits.py, characters no Word file can hold (which no
    file written by openpyxl carries as such) in test_characters.py, row.similar by the
    shipped example, glance.too-much in test_report_context.py, the statutory and
    disclosure rules in test_statutory.py and test_disclosure.py, the sign-off rules and
    formulas in test_signoff.py, figures in text in test_text_figures.py, publication.date
    in test_publishing.py, and the word and reference checks (text.*, disclosure.in-text)
    in test_words.py and tests/report/content/test_references.py.
    """
    covered = DEDICATED | {case[-1] for case in CELL_CASES if case[-1]}
    structural = {r for r in RULES if not r.startswith(("check.", "total."))}
    assert structural - covered == {"table.too-large", "row.similar", "rag.published",
                                    "trend.typed", "cell.not-filled", "settings.tolerances",
                                    "cell.below-table", "cell.beside-table",
                                    "cell.hidden-characters", "cell.broken-characters",
                                    "statutory.<requirement>", "statutory.deadline",
                                    "statutory.unmapped",
                                    "disclosure.small-count", "disclosure.in-text",
                                    "glance.too-much", "fact.carried", "text.figure",
                                    "text.quote", "cell.formula-unsaved", "cell.formula",
                                    "signoff.key", "signoff.incomplete", "signoff.twice",
                                    "signoff.stale", "signoff.no-tab", "publication.date",
                                    "text.acronym", "text.variant", "text.method",
                                    "text.spelling", "text.reference"}


def test_years_go_oldest_first_within_each_group_of_rows(broken) -> None:
    """Gender by year: each area and gender's own rows run oldest first; rows of another
    group may come between them, and may hold any year."""
    result = broken(CellEdit("CDOP", "A10", "2011-12"), CellEdit("CDOP", "A16", "2012-13"))
    orders = [(f.sheet, f.cell) for f in result.findings
              if f.rule == "years.order" and f.table == "tblCdopGender"]
    assert orders == [("CDOP", "A10")]

"""Every reference in the chairs' text resolves (issue 21): appendices, numbered tables and
figures, and what stands "below" or "above" a paragraph."""

from __future__ import annotations

from collections.abc import Callable

from tests.support.profiles import cell_of
from xl_addin.jobs.checked import Result, appendices
from xl_addin.report.content.outline import CHART, TABLE, TEXT, outline
from xl_addin.report.content.references import appendix_letters, appendix_title


def test_the_example_refers_only_to_what_it_holds(example_result: Result) -> None:
    assert [f.message for f in example_result.findings if f.rule == "text.reference"] == []


def test_the_appendices_are_lettered_in_the_order_they_print(example_result: Result) -> None:
    held = appendices(example_result.data, example_result.profile, example_result.coverage)
    assert list(held.values()) == ["Business Plan Update in full",
                                   "How this report meets the statutory requirements"]
    letters = appendix_letters(list(held))
    assert [appendix_title(letters[i], t) for i, t in held.items()] == [
        "Appendix A: Business Plan Update in full",
        "Appendix B: How this report meets the statutory requirements"]
    draft = appendices(example_result.data, example_result.profile, example_result.coverage,
                       draft=True)
    assert list(draft)[-1] == "findings_appendix"


def test_the_outline_follows_the_report(example_result: Result) -> None:
    sections = outline(example_result.data)
    structure = [i.kind for i in sections["structure"]]
    assert structure[:2] == [TEXT, TABLE]  # "The table below ..." and the table
    assert [i.kind for i in sections["lado"]].count(CHART) == 1  # the chart instead of a table
    fostering = [i.kind for i in sections["private_fostering"] if i.kind != TEXT]
    assert fostering == [TABLE, CHART]  # its nine years, then the chart of them


def test_a_reference_to_nothing_is_a_warning_at_its_cell(broken: Callable[..., Result],
                                                         example_raw) -> None:  # noqa: ANN001
    raw_table = example_raw.tables["tblBoardNarrative"]
    header = [str(h.value) for h in raw_table.headers].index("Text")
    row = next(r for r in raw_table.rows
               if str(r[header].value).startswith("The table below is drawn"))
    sheet, cell = raw_table.sheet, row[header].address

    def edit(wb) -> None:  # noqa: ANN001
        wb[sheet][cell].value = ("The diagram below shows the groups; the action plans are in "
                                 "Appendix A and Appendix D, and Tables 1 to 3 give the "
                                 "deaths, as Figure 7 does.")

    found = [f for f in broken(edit).findings if f.rule == "text.reference"]
    assert {(f.sheet, f.cell) for f in found} == {(sheet, cell)}
    said = " ".join(f.message for f in found)
    assert "refers to Appendix D, but the report has no Appendix D (it has Appendix A: " \
           "Business Plan Update in full, Appendix B: How this report meets the statutory " \
           "requirements)" in said
    assert "'diagram below', but what comes below it in its section is a table" in said
    assert "Figure 7, but no table or chart in the report is captioned 'Figure 7'" in said
    assert "Table 1" not in said  # the child deaths' tables carry "Table 1." to "Table 3."
    assert len(found) == 3


def test_a_paragraph_promising_a_table_below_with_none_is_found(
        broken: Callable[..., Result], example_raw) -> None:  # noqa: ANN001
    sheet, cell = cell_of(example_raw, "tblBoardNarrative", "text", row_index=2)

    def edit(wb) -> None:  # noqa: ANN001
        wb[sheet][cell].value = "The chart below shows how we grew."

    found = [f for f in broken(edit).findings if f.rule == "text.reference"]
    assert [(f.sheet, f.cell) for f in found] == [(sheet, cell)]
    assert "there is no chart below it in its section" in found[0].message

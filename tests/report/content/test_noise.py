"""Tables without noise (issue 21): no column of nothing, blanks explained once."""

from __future__ import annotations

from xl_addin.jobs.checked import Result
from xl_addin.report import build_model
from xl_addin.report.content.blocks import Cell, Column, Detail, Table
from xl_addin.report.content.noise import quiet_table


def _table(rows: list[list[str]], headers: list[str], numeric: tuple[int, ...] = (),
           notes: tuple[str, ...] = ()) -> Table:
    return Table("T", tuple(Column(h, numeric=i in numeric) for i, h in enumerate(headers)),
                 tuple(tuple(Cell(t) for t in r) for r in rows), notes=notes)


def test_a_column_of_nothing_is_left_out_and_figures_say_so() -> None:
    table = quiet_table(_table([["a", "", "n/a"], ["b", "", "n/a"]], ["Name", "Note", "Rate"],
                               numeric=(2,)))
    assert [c.header for c in table.columns] == ["Name"]
    assert table.notes == ("Rate: no figures were given, so the column is left out.",)


def test_a_column_of_words_in_a_row_or_two_becomes_notes() -> None:
    rows = [["Police", ""], ["Health", "(two CCGs from April)"], ["Schools", ""],
            ["Probation", ""], ["Fire", ""], ["YOT", ""]]
    table = quiet_table(_table(rows, ["Agency", "Note"]))
    assert [c.header for c in table.columns] == ["Agency"]
    assert table.notes == ("Health: two CCGs from April",)


def test_a_mostly_blank_column_says_why_once() -> None:
    rows = [["2014-15", "8", "n/a"], ["2015-16", "13", "n/a"], ["2016-17", "6", "150"]]
    table = quiet_table(_table(rows, ["Year", "Here", "North West"], numeric=(1, 2)))
    assert table.notes == ("n/a: no figure was given for that row.",)
    said = quiet_table(_table(rows, ["Year", "Here", "North West"], numeric=(1, 2),
                              notes=("n/a: not published for that year.",)))
    assert said.notes == ("n/a: not published for that year.",)  # the board's own reason
    full = _table([["a", "1"], ["b", "2"]], ["Name", "Count"], numeric=(1,))
    assert quiet_table(full) is full


def test_the_examples_tables_are_quiet(example_result: Result) -> None:
    model = build_model(example_result.data, example_result.computed)
    tables = {b.caption: b for s in model.sections for b in s.blocks if isinstance(b, Table)}
    tables |= {b.caption: b for s in model.sections for d in s.blocks
               if isinstance(d, Detail) for b in d.blocks if isinstance(b, Table)}
    reviews = tables["Reviews completed in 2016-17"]
    assert [c.header for c in reviews.columns] == ["Review", "Type", "Published"]
    assert any(n.startswith("Child AD: Completed as an SCR") for n in reviews.notes)
    assert "Chair or lead: left blank where none is recorded." in tables[
        "How the LSCB is organised"].notes
    section_11 = tables["Statutory partners fully meeting each Section 11 standard"]
    assert [n for n in section_11.notes if n.startswith("n/a")] == [
        "n/a: last year's summary gave no figure for that standard."]
    agencies = tables["Agencies represented at the Board"]
    assert [c.header for c in agencies.columns] == ["Agency"]
    for table in tables.values():  # no column is blank in every row
        for i in range(1, len(table.columns)):
            assert any(r[i].text.strip() not in ("", "n/a") for r in table.rows), (
                table.caption, table.columns[i].header)

"""Disclosure control: small child-level counts flagged, printed as "c", never given away."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Hashable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.profiles import EXAMPLE
from tests.support.report_helpers import open_docx, rows, tables_by_caption
from xl_addin.cli import main
from xl_addin.core.findings import Severity
from xl_addin.core.hidden import Hidden, is_hidden
from xl_addin.disclosure import (
    SMALL_COUNT_RULE,
    Line,
    count_columns,
    protect,
    small_count_findings,
    suppress,
    suppression_notes,
)
from xl_addin.jobs.checked import Result
from xl_addin.report.content.blocks import Chart, ReportModel, Table
from xl_addin.report.content.context import build_model
from xl_addin.tables.dataset import Dataset

CDOP_TABLES = ("Table 2. Age at death, by year of review",
               "Table 3. Category of death, by year of review")


# --- which counts are child-level ------------------------------------------------------------


def test_count_columns_are_the_typed_counts_of_children_not_populations() -> None:
    assert count_columns(EXAMPLE.table("tblChildProtection")) == ("number",)
    assert count_columns(EXAMPLE.table("tblCdopAge")) == ("deaths",)
    assert count_columns(EXAMPLE.table("tblPrivateFostering")) == ("local", "north_west",
                                                                    "england")
    assert count_columns(EXAMPLE.table("tblLadoReferrers")) == ()  # allegations about adults
    assert count_columns(EXAMPLE.table("tblReviews")) == ()  # rows are named reviews


def test_each_small_count_in_the_example_is_a_warning_at_its_cell(
        example_result: Result, example_raw) -> None:
    from tests.support.profiles import cell_of

    found = [f for f in example_result.findings if f.rule == SMALL_COUNT_RULE]
    assert found and all(f.severity is Severity.WARNING for f in found)
    by_sheet = defaultdict(int)
    for finding in found:
        by_sheet[finding.sheet] += 1
    # 19 by age and 26 by category of death, one privately fostered count, and figures in the
    # text: the domestic abuse audit's 1, 2 and 2 children and four child-death figures
    assert dict(by_sheet) == {"CDOP": 49, "Private Fostering": 1, "Domestic Abuse": 3}
    sheet, cell = cell_of(example_raw, "tblPrivateFostering", "local", "2010-11")
    [fostering] = [f for f in found if (f.sheet, f.cell) == (sheet, cell)]
    assert "is 5" in fostering.message and "Department for Education" in fostering.message
    zero = cell_of(example_raw, "tblCdopCategory", "deaths", row_index=0)  # 2012-13: none
    assert zero not in {(f.sheet, f.cell) for f in found}


def test_with_settings_asking_for_c_there_is_one_note_instead(example_result: Result) -> None:
    data = copy.copy(example_result.data)
    data.facts = {**data.facts, "suppress_small_numbers": "Yes"}
    [note] = small_count_findings(data)
    assert note.severity is Severity.INFO and note.sheet == "Settings"
    assert note.message.startswith("53 count(s) of 1 to 5")


# --- secondary suppression: the property ------------------------------------------------------


def _bridges(hidden: set[tuple[int, int]], rows_free: set[int], cols_free: set[int],
             ) -> list[tuple[int, int]]:
    """Hidden cells the printed totals determine, by an independent route: with each cell
    an edge between its row and its column (a line whose total is not printed counts as
    one free node), a cell can be worked out exactly when its edge is a bridge."""
    def node(kind: str, i: int, free: set[int]) -> Hashable:
        return "free" if i in free else (kind, i)

    edges = [(node("r", r, rows_free), node("c", c, cols_free), (r, c)) for r, c in hidden]
    out = []
    for a, b, cell in edges:
        rest = [(x, y) for x, y, other in edges if other != cell]
        reached, todo = {a}, [a]
        while todo:
            here = todo.pop()
            for x, y in rest:
                for there in ((y,) if x == here else ()) + ((x,) if y == here else ()):
                    if there not in reached:
                        reached.add(there)
                        todo.append(there)
        if b not in reached:
            out.append(cell)
    return out


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[list[int]], bool, bool]:
    n_rows = draw(st.integers(1, 6))
    n_cols = draw(st.integers(1, 6))
    count = st.one_of(st.integers(0, 7), st.integers(0, 60))
    grid = draw(st.lists(st.lists(count, min_size=n_cols, max_size=n_cols),
                         min_size=n_rows, max_size=n_rows))
    return grid, draw(st.booleans()), draw(st.booleans())


@settings(max_examples=300, deadline=None)
@given(tables())
def test_no_hidden_count_can_be_worked_out_from_a_row_or_column_total(
        table: tuple[list[list[int]], bool, bool]) -> None:
    grid, row_totals, column_totals = table
    values = {(r, c): v for r, line in enumerate(grid) for c, v in enumerate(line)}
    lines = []
    if row_totals:
        lines += [Line(frozenset((r, c) for c in range(len(grid[0]))), ("row", r))
                  for r in range(len(grid))]
    if column_totals:
        lines += [Line(frozenset((r, c) for r in range(len(grid))), ("col", c))
                  for c in range(len(grid[0]))]
    primary = {cell for cell, v in values.items() if 1 <= v <= 5}
    done = protect(values, lines, primary)
    hidden = set(done.hidden)
    assert primary <= hidden
    rows_free = {r for r in range(len(grid)) if not row_totals or ("row", r) in
                 done.hidden_totals}
    cols_free = {c for c in range(len(grid[0])) if not column_totals or ("col", c) in
                 done.hidden_totals}
    assert _bridges(hidden, rows_free, cols_free) == []
    # a total is withheld only where its line has one cell, which then is hidden
    for total in done.hidden_totals:
        [line] = [ln for ln in lines if ln.total == total]
        assert line.cells <= hidden


def test_a_lone_small_count_takes_the_smallest_other_count_with_it() -> None:
    values = {("a", "n"): 3, ("b", "n"): 40, ("c", "n"): 12, ("d", "n"): 0}
    line = Line(frozenset(values), "total")
    done = protect(values, [line], {("a", "n")})
    assert done.hidden == {("a", "n"), ("c", "n")} and not done.hidden_totals


def test_a_line_of_one_cell_has_its_total_withheld() -> None:
    values = {("a", "n"): 2}
    done = protect(values, [Line(frozenset(values), "total")], {("a", "n")})
    assert done.hidden == {("a", "n")} and done.hidden_totals == {"total"}


# --- the transformation on the example ------------------------------------------------------


@pytest.fixture(scope="module")
def suppressed(example_result: Result):
    return suppress(example_result.data, example_result.computed)


def test_small_counts_and_what_gives_them_away_are_hidden(example_result: Result,
                                                          suppressed) -> None:
    data, computed, record = suppressed
    fostering = data.tables["tblPrivateFostering"]
    row = fostering.find("year", "2010-11")
    assert is_hidden(fostering.rows.at[row, "local"])
    assert fostering.rows.at[row, "england"] == 1650  # a national count stays
    changes = computed.columns["tblPrivateFostering"]
    later = fostering.find("year", "2011-12")
    assert is_hidden(changes.at[row, "local_change"])  # 5 - 9
    assert is_hidden(changes.at[later, "local_change"])  # 7 - 5 gives the 5 away
    assert not is_hidden(changes.at[fostering.find("year", "2012-13"), "local_change"])
    age = data.tables["tblCdopAge"]
    shares = computed.columns["tblCdopAge"]
    for index in age.rows.index:
        if is_hidden(age.rows.at[index, "deaths"]):
            assert is_hidden(shares.at[index, "percent"])  # no share of a withheld count
    assert data.facts["not_white_british"] == Hidden(1)
    assert record.facts and "not_white_british" in record.facts
    # the originals are untouched
    original = example_result.data.tables["tblPrivateFostering"]
    assert original.rows.at[row, "local"] == 5
    assert example_result.data.facts["not_white_british"] == 1


def test_a_headline_from_a_small_count_is_hidden_with_its_change(example_result: Result) -> None:
    data = copy.copy(example_result.data)
    data.tables = dict(data.tables)
    plans = copy.copy(data.tables["tblChildProtection"])
    plans.rows = plans.rows.copy()
    now = plans.find("year", "2016-17")
    plans.rows.at[now, "number"] = 3
    data.tables["tblChildProtection"] = plans
    shown, computed, record = suppress(data, example_result.computed)
    [headline] = [h for h in computed.headlines if h.key == "cp_plans"]
    assert is_hidden(headline.value) and headline.shown(headline.value) == "c"
    assert headline.change() == "c" and "cp_plans" in record.headlines
    assert is_hidden(computed.columns["tblChildProtection"].at[now, "rate"])
    assert is_hidden(computed.columns["tblChildProtection"].at[now, "change"])


def _blocks(model: ReportModel, kind: type) -> list:
    return [b for s in model.sections for b in s.blocks if isinstance(b, kind)]


def test_the_suppressed_model_prints_c_and_says_why(example_result: Result) -> None:
    plain = build_model(example_result.data, example_result.computed)
    hidden = build_model(example_result.data, example_result.computed, suppress=True)
    tables = {t.caption: t for t in _blocks(hidden, Table)}
    before = {t.caption: t for t in _blocks(plain, Table)}
    for caption in CDOP_TABLES:
        cells = [c.text for row in tables[caption].rows for c in row]
        assert "c" in cells
        assert [c.text for c in tables[caption].total] == [  # type: ignore[union-attr]
            c.text for c in before[caption].total]  # type: ignore[union-attr]
        for row, was in zip(tables[caption].rows, before[caption].rows, strict=True):
            for cell, old in zip(row, was, strict=True):
                # a withheld count was from 1 to 5 (or hidden to protect one): never a share
                assert cell.text == old.text or cell.text == "c"
    chart = next(c for c in _blocks(hidden, Chart) if "privately fostered" in c.caption)
    assert "Not drawn, to protect children's identities (c): 2010-11." in chart.alt_text
    notes = "\n".join(b.text for s in hidden.sections for b in s.blocks
                      if hasattr(b, "text") and " c" in getattr(b, "text", ""))
    assert ("The letter c appears in these tables: Privately fostered children at 31 March, "
            "Table 2. Age at death and Table 3. Category of death.") in notes
    assert "count(s)" not in notes and "Audited:" not in notes  # plain words, no labels
    # each table showing a c says what it means, under it
    for table in _blocks(hidden, Table):
        if any(c.text == "c" for row in table.rows for c in row):
            assert any("c:" in n or "or c where" in n for n in table.notes), table.caption


def test_the_unsuppressed_build_is_the_build_without_disclosure_control(
        example_result: Result) -> None:
    """Suppression is a transformation applied only when asked: without it the model is
    the same object graph as one built from data with no small count hidden."""
    plain = build_model(example_result.data, example_result.computed)
    again = build_model(example_result.data, example_result.computed, suppress=False)
    assert plain == again
    age = next(t for t in _blocks(plain, Table) if t.caption == CDOP_TABLES[0])
    assert [c.text for c in age.rows[0]][:2] == ["0 - 27 days", "5 (24%)"]
    data, computed, record = suppress(*_without_small_counts(example_result))
    assert not record.anything
    assert build_model(data, computed) == build_model(*_without_small_counts(example_result))
    assert suppression_notes(record)[-1] == ("No such number appears in this report, so "
                                             "nothing is withheld.")
    assert suppression_notes(None) == []


def _without_small_counts(result: Result) -> tuple[Dataset, object]:
    """The example with every child-level table and figure marked as not child-level."""
    from dataclasses import replace

    from xl_addin.schema.model import Fact
    from xl_addin.schema.model import Table as SchemaTable

    def plain(table: SchemaTable) -> SchemaTable:
        facts = tuple(replace(f, child_level=False) if isinstance(f, Fact) else f
                      for f in table.facts)
        return replace(table, child_level=False, columns=() if facts else table.columns,
                       facts=facts)

    profile = result.data.profile
    sheets = tuple(replace(s, tables=tuple(plain(t) for t in s.tables)) for s in profile.sheets)
    data = copy.copy(result.data)
    data.profile = replace(profile, sheets=sheets)
    data.tables = {n: replace(t, table=data.profile.table(n)) for n, t in data.tables.items()
                   if data.profile.has_table(n)} | {
        n: t for n, t in result.data.tables.items() if not data.profile.has_table(n)}
    return data, result.computed


def test_the_suppressed_build_of_the_example_shows_cdop_small_counts_as_c(
        tmp_path: Path) -> None:
    out = tmp_path / "suppressed.docx"
    assert main(["build", "-o", str(out), "--suppress-small-numbers"]) == 0
    tables = tables_by_caption(open_docx(out))
    age = rows(tables[CDOP_TABLES[0]])
    assert age[1][:2] == ["0 - 27 days", "c"]  # 5 deaths under 28 days in 2012-13
    assert age[3][1:5] == ["c", "c", "c", "c"]  # 1 to 4 years: 2, 4, 2 and 3 deaths
    assert age[-1][0] == "Total" and age[-1][1:5] == ["21", "26", "27", "34"]
    category = rows(tables[CDOP_TABLES[1]])
    assert all("(" not in cell for row in category[1:] for cell in row[1:5]
               if cell.startswith(("1 ", "2 ", "3 ", "4 ", "5 ")))


@pytest.mark.parametrize(("setting", "flag", "expected"), [
    ("Yes", None, True), ("No", None, False), (None, None, False), ("No", True, True)])
def test_the_settings_switch_or_the_flag_turns_suppression_on(
        example_result: Result, monkeypatch, tmp_path: Path, setting, flag, expected) -> None:
    import xl_addin.jobs.document as job

    asked: dict[str, object] = {}

    class Stop(Exception):
        pass

    def fake_build_model(*args, **kwargs):  # noqa: ANN002, ANN003
        asked.update(kwargs)
        raise Stop

    result = copy.copy(example_result)
    result.data = copy.copy(example_result.data)
    result.data.facts = {**example_result.data.facts, "suppress_small_numbers": setting}
    monkeypatch.setattr(job, "build_model", fake_build_model)
    with pytest.raises(Stop):
        job.build(result, tmp_path / "x.docx",
                  job.BuildOptions(suppress_small_numbers=flag))
    assert asked["suppress"] is expected

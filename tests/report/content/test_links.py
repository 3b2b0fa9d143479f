"""Web addresses in the chairs' text become links showing readable words (issue 21)."""

from __future__ import annotations

from xl_addin.report.content.links import split_links


def test_a_bare_address_links_and_shows_without_its_scheme() -> None:
    assert split_links("See http://www.cumbrialscb.com/learning.asp.") == [
        ("See ", None), ("www.cumbrialscb.com/learning.asp",
                         "http://www.cumbrialscb.com/learning.asp"), (".", None)]
    assert split_links("At www.nspcc.org.uk/ today") == [
        ("At ", None), ("www.nspcc.org.uk", "http://www.nspcc.org.uk/"), (" today", None)]


def test_words_can_be_given_for_a_link() -> None:
    assert split_links("Read [the reviews](https://example.org/r) now.") == [
        ("Read ", None), ("the reviews", "https://example.org/r"), (" now.", None)]


def test_text_without_an_address_is_one_part() -> None:
    assert split_links("No address here.") == [("No address here.", None)]

"""A British English spelling check of the chairs' text, as notes a chair can act on.

Each word of the printed text is looked up in the en_GB dictionary (:mod:`.british`); the
board's own words are accepted as they are: the acronyms, and the capitalised words of its
names (members, groups, partners, places, people) wherever a table holds them (short
texts), of its glossary and of Settings. Web and email addresses, words with digits and
acronyms are not spelling. An American "-ize" spelling is noted with its British "-ise"
form. A capitalised word inside a sentence is taken for a name, and accepted wherever the
report uses it; a word that only ever opens a sentence is looked up. The notes are info: a
word the dictionary lacks may be right, so nothing stops the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from xl_addin.core.findings import Finding, Severity
from xl_addin.validate.words.british import LONGEST_WORD, Dictionary, british_dictionary
from xl_addin.validate.words.texts import Text

__all__ = ["SPELLING_RULE", "spelling_findings", "unknown_words", "names_in"]

SPELLING_RULE = "text.spelling"
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\S+\.(?:gov|org|co|com|nhs|net|"
                      r"ac)\.\S*", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|(?<![\w'’])[A-Za-z](?![\w'’])")
_IZE = re.compile(r"iz(e|es|ed|ing|ation|ations|er|ers|able)$")
_CAPITALS = re.compile(r"[A-Z].*[A-Z]")
MOST_WORDS = 6  # a note names at most this many words of one cell


def names_in(texts: Iterable[str]) -> set[str]:
    """The capitalised words the texts use inside a sentence: names ("from Dez Holmes of
    Research in Practice"), accepted wherever they stand, a sentence's start included."""
    out: set[str] = set()
    for text in texts:
        for match in _WORD.finditer(text):
            token = match.group(0)
            if token[0].isupper() and not _opens_sentence(text, match.start()):
                out.add(token.replace("’", "'").removesuffix("'s"))
    return out


def _words(text: str) -> Iterable[str]:
    """The words to look up: not a capitalised word inside a sentence (a name), nor a run
    of letters longer than any word."""
    if "@" in text or "www" in text or "//" in text or ".uk" in text or ".org" in text:
        text = _ADDRESS.sub(" ", text)
    for match in _WORD.finditer(text):
        token = match.group(0).replace("’", "'").strip("'")
        if token.endswith("'s") or token.endswith("s'"):
            token = token[:-2] if token.endswith("'s") else token[:-1]
        if len(token) < 2 or len(token) > LONGEST_WORD:
            continue
        if token[0].isupper() and not _opens_sentence(text, match.start()):
            continue
        yield token


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?:;\n•–-"


def unknown_words(text: str, dictionary: Dictionary, accepted: set[str],
                  verdicts: dict[str, bool] | None = None) -> list[str]:
    """The words of ``text`` the dictionary lacks, in order, each once (not ``accepted``);
    ``verdicts`` remembers each word's, across texts."""
    seen = {} if verdicts is None else verdicts
    out: list[str] = []
    for word in _words(text):
        wrong = seen.get(word)
        if wrong is None:
            wrong = seen[word] = _wrong(word, dictionary, accepted)
        if wrong and word not in out:
            out.append(word)
    return out


def _wrong(word: str, dictionary: Dictionary, accepted: set[str]) -> bool:
    if word in accepted or _CAPITALS.search(word):
        return False  # the board's own, or an acronym (the glossary check's)
    if len(word) == 2 and word[0].isupper() and word[1] == "s":
        return False  # the plural of a letter: "Form Bs"
    if _IZE.search(word.casefold()) and dictionary.known(_british(word)):
        return True
    return not dictionary.known(word)


def _british(word: str) -> str:
    return _IZE.sub(lambda m: "is" + m.group(1), word)


def _describe(word: str, dictionary: Dictionary) -> str:
    if _IZE.search(word.casefold()) and dictionary.known(_british(word)):
        return f"'{word}' (British English writes '{_british(word)}')"
    close = dictionary.suggest(word.lower() if word[:1].isupper() else word)[:3]
    if word[:1].isupper():
        close = [c[:1].upper() + c[1:] for c in close]
    return f"'{word}'" + (f" (did you mean {' or '.join(repr(c) for c in close)}?)"
                          if close else "")


def spelling_findings(texts: Sequence[Text], accepted: set[str]) -> list[Finding]:
    """A note at each cell with words the British English word list lacks."""
    dictionary = british_dictionary()
    if dictionary is None:
        return []
    out = []
    verdicts: dict[str, bool] = {}
    accepted = accepted | names_in(t.words for t in texts)
    for text in texts:
        words = unknown_words(text.words, dictionary, accepted, verdicts)
        if not words:
            continue
        shown = ", ".join(_describe(w[:LONGEST_WORD] + ("…" if len(w) > LONGEST_WORD else ""),
                                    dictionary) for w in words[:MOST_WORDS])
        if len(words) > MOST_WORDS:
            shown += f" and {len(words) - MOST_WORDS} more"
        out.append(Finding(
            Severity.INFO, text.sheet, text.cell, SPELLING_RULE,
            f"'{text.header}' ({text.place}): {shown} "
            f"{'is' if len(words) == 1 else 'are'} not in the British English word list. "
            "Correct the spelling, or leave it if it is right (a name, say).",
            text.table, text.column,
            gist="words not in the British English word list: correct the spelling, or "
                 "leave it if it is right"))
    return out

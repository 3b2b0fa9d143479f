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
from functools import lru_cache

from xl_addin.core.findings import Finding, Severity
from xl_addin.validate.words.british import LONGEST_WORD, WordList, british_words
from xl_addin.validate.words.texts import Text

__all__ = ["SPELLING_RULE", "spelling_findings", "unknown_words", "names_in"]

SPELLING_RULE = "text.spelling"
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|\S+\.(?:gov|org|co|com|nhs|net|"
                      r"ac)\.\S*", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|(?<![\w'’])[A-Za-z](?![\w'’])")
_IZE = re.compile(r"iz(e|es|ed|ing|ation|ations|er|ers|able)$")
_CAPITALS = re.compile(r"[A-Z].*[A-Z]")
MOST_WORDS = 6  # a note names at most this many words of one cell


def _token(raw: str) -> str:
    token = raw.replace("’", "'").strip("'")
    if token.endswith("'s"):
        return token[:-2]
    return token[:-1] if token.endswith("s'") else token


@lru_cache(maxsize=4096)  # the same texts are checked on every run of a server
def _tokens(text: str) -> tuple[str, ...]:
    """The words of ``text``, in order, each once (not addresses, nor runs of letters longer
    than any word)."""
    if "@" in text or "www" in text or "//" in text or ".uk" in text or ".org" in text:
        text = _ADDRESS.sub(" ", text)
    out = dict.fromkeys(_token(raw) if "'" in raw or "’" in raw else raw
                        for raw in _WORD.findall(text))
    return tuple(t for t in out if 1 < len(t) <= LONGEST_WORD)


@lru_cache(maxsize=8192)
def _inside_a_sentence(text: str, word: str) -> bool:
    """Whether ``word`` stands somewhere in ``text`` other than at a sentence's start."""
    for match in re.finditer(rf"(?<![\w'’]){re.escape(word)}(?![\w])", text):
        before = text[max(0, match.start() - 6):match.start()].rstrip(" \t\"'“‘(")
        if before and before[-1] not in ".!?:;\n•–-":
            return True
    return False


def names_in(texts: Iterable[str], words: Iterable[str] | None = None) -> set[str]:
    """The capitalised words (of ``words``, or all) the texts use inside a sentence: names
    ("from Dez Holmes of Research in Practice"), accepted wherever they stand."""
    texts = list(texts)
    wanted = set(words) if words is not None else {
        t for text in texts for t in _tokens(text) if t[:1].isupper()}
    return {w for w in wanted if w[:1].isupper()
            and any(w in text and _inside_a_sentence(text, w) for text in texts)}


def unknown_words(text: str, dictionary: WordList, accepted: set[str],
                  verdicts: dict[str, bool] | None = None) -> list[str]:
    """The words of ``text`` the dictionary lacks, in order, each once (not ``accepted``,
    nor a capitalised word inside a sentence: a name); ``verdicts`` remembers each word's,
    across texts."""
    seen = {} if verdicts is None else verdicts
    out: list[str] = []
    for word in _tokens(text):
        wrong = seen.get(word)
        if wrong is None:
            wrong = seen[word] = _wrong(word, dictionary, accepted)
        if wrong and not (word[0].isupper() and _inside_a_sentence(text, word)):
            out.append(word)
    return out


def _wrong(word: str, dictionary: WordList, accepted: set[str]) -> bool:
    if word in accepted or _CAPITALS.search(word):
        return False  # the board's own, or an acronym (the glossary check's)
    if len(word) == 2 and word[0].isupper() and word[1] == "s":
        return False  # the plural of a letter: "Form Bs"
    if _IZE.search(word.casefold()) and dictionary.known(_british(word)):
        return True
    return not dictionary.known(word)


def _british(word: str) -> str:
    return _IZE.sub(lambda m: "is" + m.group(1), word)


def _describe(word: str, dictionary: WordList) -> str:
    if _IZE.search(word.casefold()) and dictionary.known(_british(word)):
        return f"'{word}' (British English writes '{_british(word)}')"
    close = dictionary.suggest(word.lower() if word[:1].isupper() else word)[:3]
    if word[:1].isupper():
        close = [c[:1].upper() + c[1:] for c in close]
    return f"'{word}'" + (f" (did you mean {' or '.join(repr(c) for c in close)}?)"
                          if close else "")


def spelling_findings(texts: Sequence[Text], accepted: set[str]) -> list[Finding]:
    """A note at each cell with words the British English word list lacks."""
    dictionary = british_words()
    if dictionary is None:
        return []
    verdicts: dict[str, bool] = {}
    found = [(text, unknown_words(text.words, dictionary, accepted, verdicts))
             for text in texts]
    # a name used inside a sentence anywhere is a name where it opens one too
    names = names_in([t.words for t, words in found if words] + [t.words for t in texts],
                     {w for _, words in found for w in words if w[:1].isupper()})
    out = []
    for text, words in found:
        words = [w for w in words if w not in names]
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

"""Wording that describes how someone took their own life or harmed themselves.

Safeguarding publications follow the Samaritans' media guidelines for reporting suicide:
say that a person died, or took their own life, but not how, because describing the method
can lead vulnerable readers to copy it. The words are data (``words.yaml``): ``methods``
describe a method wherever they stand; ``methods_in_context`` only in a text that is about
a suicide or self-harm (``context``), since a child can die of poisoning that nobody
intended.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from xl_addin.core.findings import Finding, Severity
from xl_addin.validate.words.lists import word_lists
from xl_addin.validate.words.texts import Text

__all__ = ["METHOD_RULE", "method_findings", "method_words"]

METHOD_RULE = "text.method"


@lru_cache(maxsize=8)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                            for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=8)
def _first_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """The first word of each phrase, in lower case: a text holds a phrase only if it holds
    its first word, and most texts hold none, so they need no slower look."""
    return tuple(sorted({w.split()[0].casefold() for w in words if w.split()}))


def _finds(words: tuple[str, ...], text: str, folded: str) -> list[str]:
    # the quick look is exact for ASCII text only: the pattern ignores case as Unicode does,
    # so "HANGİNG" (a Turkish capital I) is found by it but not in the folded text
    if text.isascii() and not any(first in folded for first in _first_words(words)):
        return []
    return [m.group(0) for m in _pattern(words).finditer(text)]


def method_words(text: str) -> list[str]:
    """The words of ``text`` that describe a method of suicide or self-harm, in order."""
    return list(_method_words(text))


@lru_cache(maxsize=4096)  # the same texts are checked on every run of a server
def _method_words(text: str) -> tuple[str, ...]:
    lists = word_lists()
    folded = text.casefold()
    found = _finds(lists.methods, text, folded)
    if _finds(lists.context, text, folded):
        found += _finds(lists.methods_in_context, text, folded)
    return tuple(dict.fromkeys(found))


def method_findings(texts: Sequence[Text]) -> list[Finding]:
    """A warning at each cell whose words describe a method of suicide or self-harm."""
    guidelines = word_lists().samaritans_guidelines
    out = []
    for text in texts:
        words = method_words(text.words)
        if not words:
            continue
        out.append(Finding(
            Severity.WARNING, text.sheet, text.cell, METHOD_RULE,
            f"'{text.header}' ({text.place}) describes how someone took their own life or "
            f"harmed themselves ({', '.join(repr(w) for w in words)}). The Samaritans' "
            "media guidelines, which safeguarding reports follow, ask that the method is "
            "not described, as it can lead others to copy it: say that the child died, or "
            f"took their own life, without how. See {guidelines}",
            text.table, text.column))
    return out

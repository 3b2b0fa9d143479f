"""One spelling per name and term across the report.

Chairs write the same thing several ways: "Tri X", "Tri-x" and "Tri.x"; "well-being" and
"wellbeing"; "e-learning" and "elearning". Forms are the same term when their letters are
the same once spaces, hyphens and full stops are taken out. A term is reported when it is
written with a hyphen or full stop somewhere and differently elsewhere: closed up, or
(for a name: one part a single letter, or both capitalised as a joined form is
somewhere) with a space.
Capitals alone never make a variant: a heading may capitalise what a sentence does not.
Every cell that uses a form other than the most used one gets a warning listing them all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from xl_addin.core.findings import Finding, Severity
from xl_addin.validate.words.texts import Text

__all__ = ["VARIANT_RULE", "variant_findings", "forms_in"]

VARIANT_RULE = "text.variant"
_JOINED = re.compile(r"(?<![\w.\-])[A-Za-z]+(?:[.\-][A-Za-z]+)+(?![\w\-]|\.[A-Za-z])")
_WORD = re.compile(r"(?<![\w.\-])[A-Za-z]+(?![\w.\-]|\.[A-Za-z])")
_PAIR = re.compile(r"(?<![\w.\-])([A-Za-z]+)(?= ([A-Za-z]+)(?![\w\-]|\.[A-Za-z]))")  # overlapping


_NOT_LETTERS = re.compile(r"[^a-z]+")
_JOINT = re.compile(r"[A-Za-z][.\-][A-Za-z]")  # a hyphen or full stop inside a word


def _key(form: str) -> str:
    return re.sub(r"[^a-z]", "", form.casefold())


def _name_like(first: str, second: str, capitalised: frozenset[str]) -> bool:
    """Whether "first second" may be a spaced form of a joined name: one part is a single
    letter ("Tri X"), or both are capitalised and so is a joined form ("Vice-Chair")."""
    if min(len(first), len(second)) == 1:
        return True
    return first[:1].isupper() and second[:1].isupper() and _key(first + second) in capitalised


def forms_in(text: str, keys: set[str] | None = None,
             capitalised: set[str] | None = None) -> list[str]:
    """The joined forms of ``text`` ("Tri-x", "Tri.x"); with ``keys``, also its closed and
    spaced forms of those terms ("trix": "Trix", "Tri X"); ``capitalised``: the keys
    written capitalised and joined somewhere."""
    return list(_forms(text, frozenset(keys or ()), frozenset(capitalised or ())))


@lru_cache(maxsize=4096)  # the same texts are checked on every run of a server
def _forms(text: str, keys: frozenset[str], capitalised: frozenset[str]) -> tuple[str, ...]:
    found = list(_joined_forms(text))
    if keys and _mentions(text, keys):  # words are letters only: their key is in lower case
        found += [m.group(0) for m in _WORD.finditer(text) if m.group(0).casefold() in keys]
        found += [f"{m.group(1)} {m.group(2)}" for m in _PAIR.finditer(text)
                  if (m.group(1) + m.group(2)).casefold() in keys
                  and _name_like(m.group(1), m.group(2), capitalised)]
    return tuple(found)


@lru_cache(maxsize=4096)  # the same texts are checked on every run of a server
def _joined_forms(text: str) -> tuple[str, ...]:
    return tuple(m.group(0) for m in _JOINED.finditer(text)) if _JOINT.search(text) else ()


def _mentions(text: str, keys: frozenset[str]) -> bool:
    """Whether the letters of ``text`` hold one of ``keys`` (a quick look before the exact
    one)."""
    return _keys_pattern(keys).search(_NOT_LETTERS.sub("", text.casefold())) \
        is not None


@lru_cache(maxsize=4)
def _keys_pattern(keys: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(sorted(map(re.escape, keys), key=len, reverse=True)) or "(?!)")


def variant_findings(texts: Sequence[Text]) -> list[Finding]:
    """A warning at each cell that spells a term otherwise than most of the report."""
    joined: set[str] = set()
    capitalised: set[str] = set()
    for text in texts:
        for form in forms_in(text.words):
            if len(_key(form)) > 2:
                joined.add(_key(form))
                if all(part[:1].isupper() for part in re.split(r"[.\-]", form)):
                    capitalised.add(_key(form))
    used: dict[str, Counter[str]] = {}
    shown: dict[str, dict[str, str]] = {}  # key -> folded form -> the form as first written
    where: list[tuple[Text, str, str]] = []
    keys, capitals = frozenset(joined), frozenset(capitalised)  # hashed once, for the cache
    for text in texts:
        for form in _forms(text.words, keys, capitals):
            key, folded = _key(form), form.casefold()
            if key not in joined:
                continue
            used.setdefault(key, Counter())[folded] += 1
            shown.setdefault(key, {}).setdefault(folded, form)
            where.append((text, key, folded))
    out: list[Finding] = []
    done: set[tuple[str, str, str]] = set()
    for text, key, folded in where:
        counts = used[key]
        if len(counts) < 2:
            continue
        main = counts.most_common(1)[0][0]
        if folded == main or (text.place, key, folded) in done:
            continue
        done.add((text.place, key, folded))
        others = [f"'{shown[key][f]}' ({n} time{'s' if n != 1 else ''})"
                  for f, n in counts.most_common() if f != folded]
        out.append(Finding(
            Severity.WARNING, text.sheet, text.cell, VARIANT_RULE,
            f"'{text.header}' ({text.place}) writes '{shown[key][folded]}', but the report "
            f"also writes {', '.join(others)}. Use one spelling throughout, e.g. "
            f"'{shown[key][main]}', the one used most.",
            text.table, text.column,
            gist="writes a name or term differently from the rest of the report: use one "
                 "spelling throughout"))
    return out

"""Every acronym the report uses is in its glossary, or spelt out where it is used.

An acronym is a word of two or more capitals making up at least half its letters ("CSE",
"DfE", "ChIB", "L&I"); a plural "SCRs" is the acronym "SCR". It needs no glossary entry when
the glossary has it, when some text spells it out before it in brackets ("Child Death
Overview Panel (CDOP)"), when every reader knows it (``known_acronyms`` in words.yaml),
when it names a child or family ("Child AB", ``pseudonym_words``), when it stands in
quotation marks as the name of something ("the 'Be SAVY' project"), or when it is an
ordinary word of four or more letters set in capitals ("the RESPECT assessment", "SMART
plans"): a name or emphasis, not letters standing for words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from xl_addin.core.findings import Finding, Severity
from xl_addin.tables.dataset import Dataset, records
from xl_addin.validate.words.british import british_words
from xl_addin.validate.words.lists import word_lists
from xl_addin.validate.words.texts import Text, glossary_table

__all__ = ["ACRONYM_RULE", "acronyms_in", "acronym_findings", "glossary_acronyms"]

ACRONYM_RULE = "text.acronym"
# a word with two capitals or more (the candidates), and the word before it
_TOKEN = re.compile(r"(?<![\w&])(?=[A-Za-z&]*[A-Z][a-z&]*[A-Z])[A-Za-z][A-Za-z&]*[A-Za-z]"
                    r"(?![\w&])")
_QUOTED = re.compile(r"'[^'\n]{1,60}'|‘[^’\n]{1,60}’|\"[^\"\n]{1,60}\"|“[^”\n]{1,60}”")
_SPELT = re.compile(r"[A-Za-z,]\s+\(([A-Z][A-Za-z&]*[A-Z])s?\)")  # "Full Name (FN)"


def _acronym(token: str) -> str | None:
    """The acronym a token is, or None: 'SCRs' -> 'SCR', 'SMARTer' -> 'SMART'."""
    letters = [c for c in token if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    if capitals < 2 or capitals * 2 < len(letters):
        return None
    for ending in ("s", "er", "ers"):
        stem = token[:-len(ending)]
        if token.endswith(ending) and stem[-1:].isupper() and sum(c.isupper() for c in stem) > 1:
            return stem
    return token


def acronyms_in(text: str, pseudonyms: Iterable[str] = ()) -> list[str]:
    """The acronyms of ``text`` in order, each once; not those in quotation marks or
    naming a child ("Child AB")."""
    return list(_acronyms(text, frozenset(pseudonyms)))


@lru_cache(maxsize=4096)  # the same texts are checked on every run of a server
def _acronyms(text: str, before: frozenset[str]) -> tuple[str, ...]:
    bare = _QUOTED.sub(lambda m: " " * len(m.group(0)), text) if any(
        q in text for q in "'‘\"“") else text
    found: list[str] = []
    for match in _TOKEN.finditer(bare):
        acronym = _acronym(match.group(0))
        if acronym is None or acronym in found:
            continue
        if not _naming(bare[max(0, match.start() - 60):match.start()], before):
            found.append(acronym)
    return tuple(found)


def _naming(before_text: str, pseudonyms: frozenset[str]) -> bool:
    """Whether the words before a token make it a pseudonym: the nearest word that is not
    "and", "or" nor another acronym is a pseudonym word ("Child AB", "Children AB and AC",
    "SCR AQ")."""
    for word in reversed(re.findall(r"[A-Za-z&]+", before_text)):
        if word in pseudonyms:
            return True
        if word not in ("and", "or") and _acronym(word) is None:
            return False
    return False


def glossary_acronyms(data: Dataset) -> set[str]:
    """The acronyms the glossary explains (those it writes in its meanings too: "CAF")."""
    table = glossary_table(data)
    if table is None:
        return set()
    out: set[str] = set()
    for _, row in records(table.rows):
        acronym = row.get("acronym")
        if isinstance(acronym, str) and acronym.strip():
            out.add(acronym.strip())
        meaning = row.get("meaning")
        if isinstance(meaning, str):
            out.update(acronyms_in(meaning))
    return out


def acronym_findings(data: Dataset, texts: Sequence[Text]) -> list[Finding]:
    """A warning at each cell that uses an acronym the glossary lacks."""
    glossary = glossary_table(data)
    if glossary is None:
        return []
    lists = word_lists()
    explained = glossary_acronyms(data) | set(lists.known_acronyms)
    for text in texts:
        if "(" in text.words:
            explained.update(_SPELT.findall(text.words))
    out = []
    for text in texts:
        if text.table == glossary.table.name:
            continue
        missing = [a for a in acronyms_in(text.words, lists.pseudonym_words)
                   if a not in explained and not _a_word(a)]
        if not missing:
            continue
        named = _listed([f"'{a}'" for a in missing])
        out.append(Finding(
            Severity.WARNING, text.sheet, text.cell, ACRONYM_RULE,
            f"'{text.header}' ({text.place}) uses {named}, which "
            f"{'is' if len(missing) == 1 else 'are'} not in the glossary "
            f"('{glossary.table.title}' on the {glossary.sheet} tab). Add "
            f"{'it' if len(missing) == 1 else 'each'} there with its meaning, or write the "
            f"words out where first used, e.g. 'Full Name ({missing[0]})'.",
            text.table, text.column,
            gist="uses acronyms that are not in the glossary: add each there with its "
                 "meaning, or write the words out where first used"))
    return out


def _a_word(acronym: str) -> bool:
    """An ordinary word in capitals ("RESPECT"), not letters standing for words."""
    dictionary = british_words()
    return (len(acronym) >= 4 and acronym.isalpha() and dictionary is not None
            and dictionary.known(acronym.lower()))


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

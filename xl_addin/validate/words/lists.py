"""The word lists the checks read, from ``words.yaml`` beside this module (data, not code)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from xl_addin.core.cache import yaml_data

__all__ = ["WordLists", "word_lists", "LISTS"]

LISTS = Path(__file__).with_name("words.yaml")


@dataclass(frozen=True)
class WordLists:
    known_acronyms: frozenset[str]
    accepted_words: frozenset[str]
    pseudonym_words: frozenset[str]
    samaritans_guidelines: str
    methods: tuple[str, ...]
    methods_in_context: tuple[str, ...]
    context: tuple[str, ...]


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    text = LISTS.read_text(encoding="utf-8")
    raw = yaml_data("word-lists", text)
    return WordLists(frozenset(map(str, raw["known_acronyms"])),
                     frozenset(map(str, raw["accepted_words"])),
                     frozenset(map(str, raw["pseudonym_words"])),
                     str(raw["samaritans_guidelines"]),
                     tuple(map(str, raw["methods"])), tuple(map(str, raw["methods_in_context"])),
                     tuple(map(str, raw["context"])))

"""The ``{name}`` quotes that a profile's words and the chairs' text may use: one list.

A section title, a table's caption, headers and notes, a chart's caption and a chair's
paragraph may quote the year and the area, which change from year to year and from board
to board, and any key figure by its Ref. :data:`QUOTES` is every name the tool fills in
itself; anything else must be a key figure of the profile. The loader checks the profile's
words against this list (an unknown name is a profile problem at its place), validation
checks the chairs' text, and the report fills both in with :func:`fill`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

__all__ = ["QUOTES", "NEUTRAL", "QUOTE", "quoted", "unknown", "fill", "known_list"]

# Every name the tool fills in itself, and what it gives.
QUOTES: Mapping[str, str] = {
    "year": "the reporting year on Settings, e.g. 2024-25",
    "last_year": "the year before it, e.g. 2023-24",
    "next_year": "the year after it, e.g. 2025-26",
    "period_end": "the last day of the reporting year, e.g. 31 March 2025",
    "area": "the area on Settings, e.g. Northshire",
}

# What each name reads where no year or area is known yet (a section's name in the Report
# text dropdown of a blank workbook): words that stay true every year.
NEUTRAL: Mapping[str, str] = {"year": "this year", "last_year": "last year",
                              "next_year": "next year", "period_end": "the period end",
                              "area": "The Area"}

QUOTE = re.compile(r"\{([^{}]*)\}")  # a quote: {name}
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def quoted(text: str) -> list[str]:
    """The names ``text`` quotes, in order (``{}`` and ``{0}`` too: they are unknown)."""
    return QUOTE.findall(text)


def unknown(text: str, figures: Iterable[str] = (), also: Iterable[str] = ()) -> list[str]:
    """The quotes in ``text`` that are neither the tool's own (:data:`QUOTES`), nor a key
    figure in ``figures``, nor one of ``also`` (say, the columns of a lookup row)."""
    allowed = {*QUOTES, *figures, *also}
    return [name for name in quoted(text) if name.strip() not in allowed
            or not NAME.match(name.strip())]


def fill(text: str, value: Callable[[str], str | None]) -> str:
    """``text`` with each quote replaced by ``value(name)``; a quote it gives None for is
    left as it was typed."""
    def one(match: re.Match[str]) -> str:
        found = value(match.group(1).strip())
        return match.group(0) if found is None else found

    return QUOTE.sub(one, text)


def known_list() -> str:
    """'{year}, {last_year}, ...' for messages."""
    return ", ".join(f"{{{name}}}" for name in QUOTES)

"""Characters a cell can hold that no Word or Excel file can: XML 1.0 has no place for them.

Excel keeps a cell's text as UTF-16 and stores in its file, escaped as ``_xHHHH_``, what XML
cannot carry; it hands the text as it is to xlwings and to the task pane, whose JSON can
carry anything, a lone half of a surrogate pair (``\\ud800``) included. Word's files are
XML too, and hold none of these:

- control characters other than tab, line feed and carriage return (U+0000 to U+001F);
- the halves of surrogate pairs (U+D800 to U+DFFF) standing alone, as a damaged copy and
  paste of an emoji leaves them (a Python string holds a whole pair as one character);
- U+FFFE and U+FFFF, which are not characters at all.

:func:`printable` leaves them out; the validation reports where they were
(``cell.hidden-characters`` for control characters, ``cell.broken-characters`` for the
others), and the report prints the rest of the text.
"""

from __future__ import annotations

import re

__all__ = ["UNPRINTABLE", "BROKEN", "printable", "broken_in", "code_points"]

UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
BROKEN = re.compile("[\ud800-\udfff\ufffe\uffff]")  # not control characters, and no XML


def printable(text: str, replacement: str = "") -> str:
    """``text`` with what XML cannot carry left out (or replaced by ``replacement``)."""
    return UNPRINTABLE.sub(replacement, text) if UNPRINTABLE.search(text) else text


def broken_in(text: str) -> list[str]:
    """The broken characters in ``text`` (see :data:`BROKEN`), each once, in order."""
    return list(dict.fromkeys(BROKEN.findall(text)))


def code_points(characters: list[str]) -> str:
    """How a person can look them up: "U+D800 and U+FFFE"."""
    codes = [f"U+{ord(c):04X}" for c in characters]
    return codes[0] if len(codes) == 1 else ", ".join(codes[:-1]) + f" and {codes[-1]}"

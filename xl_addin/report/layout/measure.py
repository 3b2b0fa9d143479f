"""How wide text prints, so table columns fit their words and a page holds what it should.

Widths are the Helvetica/Arial advance widths (thousandths of an em), which the template's
Arial shares with Liberation Sans, LibreOffice's stand-in: a word measured here is within
a few per cent of its printed width. Bold text is about 6% wider.

:func:`column_widths` gives each column at least its longest word (so no word is broken
inside), then shares out the rest of the width by how much text each column holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

__all__ = ["text_width", "word_width", "column_widths", "lines", "TWIPS_PER_POINT"]

TWIPS_PER_POINT = 20
BOLD = 1.06
_DEFAULT = 556
_WIDTHS = {
    " ": 278, "!": 278, '"': 355, "#": 556, "$": 556, "%": 889, "&": 667, "'": 191, "(": 333,
    ")": 333, "*": 389, "+": 584, ",": 278, "-": 333, ".": 278, "/": 278, ":": 278, ";": 278,
    "<": 584, "=": 584, ">": 584, "?": 556, "@": 1015, "[": 278, "\\": 278, "]": 278,
    "^": 469, "_": 556, "`": 333, "{": 334, "|": 260, "}": 334, "~": 584, "£": 556,
    "–": 556, "—": 1000, "−": 584, "‘": 222, "’": 222, "“": 333, "”": 333, "…": 1000,
    "·": 278, "▲": 800, "▼": 800, "►": 800,
    **dict.fromkeys("0123456789", 556),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
               (667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
                667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611), strict=True)),
    **dict(zip("abcdefghijklmnopqrstuvwxyz",
               (556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
                556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500), strict=True)),
}


@lru_cache(maxsize=8192)
def _ems(word: str) -> float:
    """A word's width in thousandths of an em (words repeat: each is added up once)."""
    return float(sum(_WIDTHS.get(ch, _DEFAULT) for ch in word))


def text_width(text: str, points: float, *, bold: bool = False) -> float:
    """The printed width of ``text`` in twips (twentieths of a point)."""
    words = text.split(" ")
    ems = (sum(_ems(w) for w in words) + _WIDTHS[" "] * (len(words) - 1)) / 1000
    return ems * points * TWIPS_PER_POINT * (BOLD if bold else 1.0)


def word_width(text: str, points: float, *, bold: bool = False) -> float:
    """The width of the longest word of ``text`` (words split at spaces and line breaks)."""
    ems = max((_ems(w) for w in text.split()), default=0.0) / 1000
    return ems * points * TWIPS_PER_POINT * (BOLD if bold else 1.0)


def column_widths(total: int, weights: Sequence[float], cells: Sequence[Sequence[str]],
                  headers: Sequence[str], points: float, padding: int) -> list[int]:
    """Column widths in twips that add up to ``total``.

    ``cells`` holds each column's body texts. Every column gets its longest word (header
    words in bold) plus ``padding``; what is left goes to the columns whose text would wrap,
    in proportion to their text beyond that minimum, nudged by the declared ``weights``. If
    even the longest words do not fit, every column shrinks in proportion.
    """
    count = len(weights)
    least = [max(word_width(headers[i], points, bold=True),
                 max((word_width(t, points) for t in cells[i]), default=0.0)) + padding + 30
             for i in range(count)]
    # the width each column would like: its longest line of text, unwrapped
    want = [max(text_width(headers[i], points, bold=True),
                max((max((text_width(line, points) for line in t.split("\n")), default=0.0)
                     for t in cells[i]), default=0.0)) + padding + 30
            for i in range(count)]
    want = [max(w, m) for w, m in zip(want, least, strict=True)]
    if sum(want) <= total:  # everything fits on one line: spread the spare room evenly
        spare = total - sum(want)
        shares = [w * weight for w, weight in zip(want, weights, strict=True)]
        widths = [w + spare * s / sum(shares) for w, s in zip(want, shares, strict=True)]
    elif sum(least) >= total:
        widths = [m * total / sum(least) for m in least]
    else:
        spare = total - sum(least)
        extra = [(w - m) * weight for w, m, weight in zip(want, least, weights, strict=True)]
        widths = [m + spare * e / sum(extra) if sum(extra) else m
                  for m, e in zip(least, extra, strict=True)]
    out = [int(w) for w in widths]
    out[-1] += total - sum(out)
    return out


def lines(text: str, width: float, points: float, *, bold: bool = False) -> int:
    """How many lines ``text`` takes in a column ``width`` twips wide (greedy wrapping)."""
    count = 0
    space = text_width(" ", points, bold=bold)
    for paragraph in text.split("\n"):
        count += 1
        used = 0.0
        for word in paragraph.split():
            size = text_width(word, points, bold=bold)
            if used and used + space + size > width:
                count += 1
                used = size
            else:
                used += (space if used else 0) + size
    return count

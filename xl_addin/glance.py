"""What fits on the year at a glance, which is always one page.

The page holds a heading, the headline tiles (three to a row), a row of ratings counts and
a row of business-plan status counts, then the chairs' achievements and, if room is left,
members' views. Each part's height is measured from its text (:mod:`xl_addin.measure`)
at the template's sizes, and parts are taken in that order while they fit. The report
lays out what fits; validation warns the chairs when they gave more (see
:func:`overflow`), naming what was left off.

Heights are in points, for an A4 page with 2 cm margins; a safety margin allows for a
template whose fonts run a little larger.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import measure

__all__ = ["Fit", "fit", "ACROSS", "MAX_TILES", "tile_detail_lines"]

PAGE_POINTS = 728.0 * 0.93  # A4 less 2 cm margins, less a safety margin
TEXT_POINTS = 481.9  # the width of the text: A4 less 2 cm margins
ACROSS = 3  # tiles in a row
MAX_TILES = 9  # three rows of three
HEADING_1, HEADING_2 = 46.0, 32.0
LABEL_PT, FIGURE_LINE, NOTE_PT = 8.5, 27.0, 8.0
TILE_PADDING = 2 * 5.0 + 6.0  # cell margins and the white gap between rows
COUNT_ROW = HEADING_2 + TILE_PADDING + 11.0 + FIGURE_LINE
BODY_PT, BODY_LINE, BULLET_AFTER = 11.0, 11.0 * 1.32, 4.0
BULLET_INDENT = 18.0


@dataclass(frozen=True)
class Fit:
    tiles: int  # headline tiles that fit
    achievements: int  # achievements that fit
    views: int  # members' views that fit
    counts: int  # rows of counts (ratings, business plan) printed


def _lines(text: str, width_pt: float, size: float) -> int:
    return measure.lines(text, width_pt * measure.TWIPS_PER_POINT, size)


def tile_detail_lines(detail: str) -> int:
    width = TEXT_POINTS / ACROSS - 14.0
    return _lines(detail, width, NOTE_PT) if detail else 0


def _tile_row(tiles: Sequence[tuple[str, str]]) -> float:
    width = TEXT_POINTS / ACROSS - 14.0  # less the cell margins
    tallest = max((_lines(label, width, LABEL_PT) * LABEL_PT * 1.25 + FIGURE_LINE
                   + tile_detail_lines(detail) * NOTE_PT * 1.25 for label, detail in tiles),
                  default=0.0)
    return tallest + TILE_PADDING


def _bullet(text: str) -> float:
    return _lines(text, TEXT_POINTS - BULLET_INDENT, BODY_PT) * BODY_LINE + BULLET_AFTER


def fit(tiles: Sequence[tuple[str, str]], achievements: Sequence[str], views: Sequence[str],
        counts: int, max_tiles: int = MAX_TILES) -> Fit:
    """How many of each part fit on one page: ``tiles`` are (label, detail line) pairs,
    ``counts`` the rows of ratings and status counts wanted."""
    room = PAGE_POINTS - HEADING_1 - counts * COUNT_ROW
    shown = 0
    if tiles:
        room -= HEADING_2
    wanted = list(tiles[:max_tiles])
    for start in range(0, len(wanted), ACROSS):
        row = wanted[start:start + ACROSS]
        height = _tile_row(row)
        if height > room:
            break
        room -= height
        shown += len(row)
    done = 0
    if achievements:
        room -= HEADING_2
        for text in achievements:
            height = _bullet(text)
            if height > room:
                break
            room -= height
            done += 1
    heard = 0
    if views and room > HEADING_2 + BODY_LINE * 2:
        room -= HEADING_2
        for text in views:
            height = _bullet(text)
            if height > room:
                break
            room -= height
            heard += 1
    return Fit(shown, done, heard, counts)

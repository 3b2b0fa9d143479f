"""What fits on the year at a glance, which is always one page.

The page holds a heading, the headline tiles (three to a row), a row of ratings counts and
a row of business-plan status counts, then the chairs' achievements and, if room is left,
members' views. Each part's height is measured from its text (:mod:`xl_addin.report.layout.measure`)
at the template's sizes, and parts are taken in that order while they fit. The report
lays out what fits; validation warns the chairs when they gave more (see
:func:`overflow`), naming what was left off.

Heights are in points, for an A4 page with 2 cm margins; a safety margin allows for a
template whose fonts run a little larger.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from xl_addin.compute.headlines import Headline
from xl_addin.core import fmt
from xl_addin.report.layout import measure

__all__ = ["Fit", "fit", "split", "across", "ACROSS", "MAX_TILES", "tile_detail_lines", "tile_text"]

PAGE_POINTS = 728.0 * 0.95  # A4 less 2 cm margins, less a safety margin
TEXT_POINTS = 481.9  # the width of the text: A4 less 2 cm margins
GUTTER = 14.0  # between two columns of achievements
ACROSS = 3  # tiles in a row; four when there are more than MAX_ROWS rows of three
MAX_ROWS = 3
MAX_TILES = 12  # three rows of four
HEADING_1, HEADING_2 = 42.0, 27.0
LABEL_LINE, FIGURE_LINE, NOTE_LINE = 8.5 * 1.18, 24.0, 8.0 * 1.18
LABEL_PT, NOTE_PT = 8.5, 8.0
TILE_PADDING = 2 * 5.0  # a tile's cell margins, above its label and under its figure
ROW_GAP = 8.0 * 1.15  # the line of space (Tile Note) between two rows of tiles
COUNT_ROW = HEADING_2 + TILE_PADDING + LABEL_LINE + FIGURE_LINE
BODY_PT, BODY_LINE, BULLET_AFTER = 9.5, 9.5 * 1.27, 2.5  # the Glance Point style
BULLET_INDENT = 18.0


@dataclass(frozen=True)
class Fit:
    tiles: int  # headline tiles that fit
    achievements: int  # achievements that fit
    views: int  # members' views that fit
    counts: int  # rows of counts (ratings, business plan) printed
    columns: int = 1  # the achievements set in one column or two


def _lines(text: str, width_pt: float, size: float) -> int:
    return measure.lines(text, width_pt * measure.TWIPS_PER_POINT, size)


def across(count: int) -> int:
    """Tiles in a row: three, or four when three rows of three would not hold them all."""
    return ACROSS if count <= ACROSS * MAX_ROWS else ACROSS + 1


def tile_detail_lines(detail: str, per_row: int = ACROSS) -> int:
    width = TEXT_POINTS / per_row - 14.0
    return _lines(detail, width, NOTE_PT) if detail else 0


def _tile_row(tiles: Sequence[tuple[str, str]], per_row: int) -> float:
    width = TEXT_POINTS / per_row - 14.0  # less the cell margins
    tallest = max((_lines(label, width, LABEL_PT) * LABEL_LINE + FIGURE_LINE
                   + tile_detail_lines(detail, per_row) * NOTE_LINE for label, detail in tiles),
                  default=0.0)
    return tallest + TILE_PADDING


def _bullet(text: str, width: float = TEXT_POINTS) -> float:
    return _lines(text, width - BULLET_INDENT, BODY_PT) * BODY_LINE + BULLET_AFTER


def _list_height(texts: Sequence[str], columns: int) -> float:
    """The height of a list of bullets set in ``columns`` columns (filled in turn)."""
    if columns == 1:
        return sum(_bullet(t) for t in texts)
    width = (TEXT_POINTS - GUTTER * (columns - 1)) / columns
    per = -(-len(texts) // columns)
    return max((sum(_bullet(t, width) for t in texts[i:i + per])
                for i in range(0, len(texts), per)), default=0.0)


def split(texts: Sequence[str], columns: int) -> list[list[str]]:
    """The list cut into ``columns`` columns, the first ones a line longer if need be."""
    per = max(1, -(-len(texts) // columns))
    return [list(texts[i:i + per]) for i in range(0, len(texts), per)]


def fit(tiles: Sequence[tuple[str, str]], achievements: Sequence[str], views: Sequence[str],
        counts: int, max_tiles: int = MAX_TILES) -> Fit:
    """How many of each part fit on one page: ``tiles`` are (label, detail line) pairs,
    ``counts`` the rows of ratings and status counts wanted."""
    room = PAGE_POINTS - HEADING_1 - counts * COUNT_ROW
    shown = 0
    if tiles:
        room -= HEADING_2
    wanted = list(tiles[:max_tiles])
    per_row = across(len(wanted))
    for start in range(0, len(wanted), per_row):
        row = wanted[start:start + per_row]
        height = _tile_row(row, per_row) + (ROW_GAP if start else 0.0)
        if height > room:
            break
        room -= height
        shown += len(row)
    done, columns = 0, 1
    if achievements:
        room -= HEADING_2
        columns = 1 if _list_height(achievements, 1) <= room else 2
        while done < len(achievements) and \
                _list_height(achievements[:done + 1], columns) <= room:
            done += 1
        room -= _list_height(achievements[:done], columns)
    heard = 0
    if views and room > HEADING_2 + BODY_LINE * 2:
        room -= HEADING_2
        for text in views:
            height = _bullet(text)
            if height > room:
                break
            room -= height
            heard += 1
    return Fit(shown, done, heard, counts, columns)


def _direction(h: Headline, style: str) -> str:
    change = h.change(style)
    now, before = h.value, h.previous
    if change is None or not isinstance(now, int | float) or not isinstance(before, int | float):
        return ""  # not known, or withheld as "c"
    if change == "no change":
        return "► No change"
    up = now > before
    word = ("▲ Up " if up else "▼ Down ") + change.lstrip("+" + fmt.MINUS)
    if h.better in {"High", "Low"}:
        word += ", better" if up == (h.better == "High") else ", worse"
    return word


def tile_text(h: Headline, last_year: str | None, style: str) -> tuple[str, str, str]:
    """A headline tile's words: (label, this year's figure, last year and the direction).

    A figure last year that was counted another way (a rate published at the time against
    one worked out again) is shown, but not compared."""
    year = last_year or "Last year"
    if h.previous is None:
        detail = ""
    elif not h.comparable:
        detail = f"{year}: {h.shown(h.previous)} (counted another way)"
    else:
        detail = f"{year}: {h.shown(h.previous)}\n{_direction(h, style)}".strip()
    return h.label, h.shown(h.value), detail

"""The year at a glance: the report on a page, as one designed page.

Headline tiles (this year in large figures, last year's figure under it, and the direction
as an arrow and a word), a row of indicator ratings counted by RAG, a row of business-plan
actions counted by status, then the chairs' achievements (the section's own text) and, if
room is left, members' views. :mod:`xl_addin.report.layout.fit` measures what fits on one page;
validation tells the chairs what was left off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from xl_addin.compute.headlines import Headline
from xl_addin.core import fmt
from xl_addin.report.content.blocks import (
    Block,
    Columns,
    Heading,
    PageBreak,
    Paragraph,
    TextStyle,
    Tile,
    Tiles,
)
from xl_addin.report.content.sources import Sources
from xl_addin.report.layout.fit import MAX_TILES, across, fit, split, tile_text
from xl_addin.schema.expr import Name
from xl_addin.schema.model import Section
from xl_addin.statutory import words as framework_words

__all__ = ["on_a_page", "headline_tile", "RAG_WORDS", "PLAN_WORDS"]

NOT_FILLED_TILE = "Not filled in yet"

RAG_WORDS = {"G": "Green: on target", "A": "Amber: close to target", "R": "Red: off target",
             "n/a": "No target"}
PLAN_WORDS = {"C": "Complete", "G": "On track", "A": "At risk", "R": "Off track",
              "Blank": "No update due"}


def headline_tile(h: Headline, last_year: str | None, style: str) -> Tile:
    """A tile for one headline figure: this year, last year and the direction."""
    return Tile(*tile_text(h, last_year, style))


def _counts(title: str, counts: Mapping[str, int], words: Mapping[str, str]) -> Tiles | None:
    shown = [(k, n) for k, n in counts.items() if k in words]
    if not shown or not any(n for _, n in shown):
        return None
    return Tiles(title, tuple(Tile(words[k], fmt.number(n, 0), "",
                                   k if k in {"G", "A", "R", "C"} else None)
                              for k, n in shown), across=len(shown))


def _plan_counts(s: Sources) -> dict[str, int]:
    table = s.computed.plan_status
    if table.empty or "All themes" not in table.index:
        return {}
    return {str(c): int(table.at["All themes", c]) for c in table.columns if c in PLAN_WORDS}


def _in_workbook(s: Sources, key: str) -> bool:
    """Whether the tables a headline counts are in the workbook (not switched off)."""
    profile = s.data.profile
    names = [a.text for a in profile.headline(key).source.args if isinstance(a, Name)]
    return all(name in s.data.tables for name in names if profile.has_table(name))


def _texts(blocks: Sequence[Block]) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def _views(s: Sources, section: Section) -> list[str]:
    views = section.options.get("views")
    if not isinstance(views, Mapping):
        return []
    flag, text = views.get("flag"), views.get("text")
    return [str(r[str(text)]) for r in s.rows(str(views.get("table")))
            if (flag is None or r.get(str(flag)) == "Yes") and r.get(str(text))]


def on_a_page(s: Sources, section: Section, achievements: Sequence[Block]) -> list[Block]:
    """The year at a glance, always one page (what does not fit is left off)."""
    wanted = {h.key: h for h in s.computed.headlines}
    keys = section.options.get("headlines", [])
    chosen = [wanted[k] for k in keys if k in wanted and (
        wanted[k].value is not None or s.draft and _in_workbook(s, k))] \
        if isinstance(keys, list) else []
    style = str(s.figures.value("difference_style") or "+1 pp")
    # a draft shows a figure with nothing to count yet as such: never as a 0
    tiles = [headline_tile(h, s.last_year, style) if h.value is not None else
             Tile(h.label, NOT_FILLED_TILE) for h in chosen]
    limit = section.options.get("max_tiles", MAX_TILES)
    rag = _counts("Performance indicators by rating", s.computed.rag_counts, RAG_WORDS)
    plan = _counts("Business plan actions by status", _plan_counts(s), PLAN_WORDS)
    said, heard = _texts(achievements), _views(s, section)
    limit_n = int(limit) if isinstance(limit, int) else MAX_TILES
    room = fit([(t.label, t.detail) for t in tiles], said, heard,
               sum(x is not None for x in (rag, plan)), limit_n)
    blocks: list[Block] = [PageBreak()]
    if tiles[:room.tiles]:
        blocks += [Heading(2, "Headline figures"),
                   Tiles("Headline figures: this year, last year and the direction",
                         tuple(tiles[:room.tiles]), across(len(tiles[:limit_n])))]
    if rag is not None:
        blocks += [Heading(2, "Performance indicators by rating"), rag]
    if plan is not None:
        blocks += [Heading(2, "Business plan actions by status"), plan]
    if said[:room.achievements]:
        blocks.append(Heading(2, "Achievements"))
        if room.columns == 1:
            blocks += [Paragraph(t, TextStyle.POINT) for t in said[:room.achievements]]
        else:
            blocks.append(Columns(tuple(tuple(Paragraph(t, TextStyle.POINT) for t in part)
                                        for part in split(said[:room.achievements],
                                                          room.columns))))
    if heard[:room.views]:
        body = framework_words(s.figures.value("framework")).body
        blocks.append(Heading(2, f"Views from {body[:1].upper()}{body[1:]} members"))
        blocks += [Paragraph(t, TextStyle.POINT) for t in heard[:room.views]]
    return [*blocks, PageBreak()]  # the next section starts on a page of its own

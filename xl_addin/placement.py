"""Which table a Report text row places: the one whose title (or Excel Table name) it gives.

A chair places a table by adding a row with Style "Table" (or "Chart") whose Text is the
title printed above the table on its tab, e.g. "Children looked after". Titles are
compared loosely (case, spacing and punctuation do not matter); a title used on several
tabs means the one on the chair's own tab. The Excel Table name (tblLookedAfter) works too.
"""

from __future__ import annotations

import re

from .dataset import Dataset
from .schema import Table

__all__ = ["find_table", "loose"]


def loose(text: object) -> str:
    return re.sub(r"[^a-z0-9%]+", " ", str(text or "").casefold()).strip()


def find_table(data: Dataset, text: str, sheet: str) -> Table | None:
    """The table a placement row names, or None if it names none."""
    wanted = loose(text)
    by_name = {loose(name): t.table for name, t in data.tables.items()}
    if wanted in by_name:
        return by_name[wanted]
    matches = [(t.sheet == sheet, t.table) for t in data.tables.values()
               if loose(t.table.title) == wanted and not t.table.is_narrative]
    if not matches:
        return None
    matches.sort(key=lambda m: not m[0])
    return matches[0][1]

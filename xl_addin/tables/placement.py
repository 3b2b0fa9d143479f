"""Which table a Report text row places: the one whose title (or Excel Table name) it gives.

A chair places a table by adding a row with Style "Table" (or "Chart") whose Text is the
title printed above the table on its tab, e.g. "Children looked after". Titles are
compared loosely (case, spacing and punctuation do not matter); a title used on several
tabs means the one on the chair's own tab. The Excel Table name (tblLookedAfter) works too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from xl_addin.schema import PLACEMENT_STYLES, Table
from xl_addin.tables.dataset import Dataset, records

__all__ = ["find_table", "loose", "section_labels", "section_of", "text_rows", "placed_in",
           "written_sections", "home_of",
           "filled_sections", "quoted_in"]

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")  # a {ref} quote in Report text


def loose(text: object) -> str:
    return _loose(str(text or ""))


@lru_cache(maxsize=4096)
def _loose(text: str) -> str:
    return re.sub(r"[^a-z0-9%]+", " ", text.casefold()).strip()


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


# --- where each section, table and figure appears ---------------------------------------------


def _unnumbered(value: object) -> str:
    """A Section cell without a leading '12. ' (workbooks made before profiles had it)."""
    text = str(value or "").strip()
    number, dot, rest = text.partition(". ")
    return rest if dot and number.isdigit() else text


def section_labels(data: Dataset) -> dict[str, str]:
    """Loosely written section name -> section id: each section as a blank workbook names it
    ("Children in The Area") and as the Settings area names it ("Children in Northshire")."""
    area = data.facts.get("area")
    labels = {loose(s.label): s.id for s in data.profile.sections}
    if isinstance(area, str) and area.strip():
        for s in data.profile.sections:
            labels.setdefault(loose(s.label_for(area.strip())), s.id)
    return labels


def section_of(labels: dict[str, str], value: object) -> str | None:
    """The section a Report text row's Section cell names (see :func:`section_labels`)."""
    return labels.get(loose(_unnumbered(value)))


def text_rows(data: Dataset) -> Iterator[tuple[str, str | None, dict[str, object]]]:
    """(sheet, section id or None, row) for every Report text row, in the workbook's order."""
    labels = section_labels(data)
    for sheet in data.profile.sheets:
        if sheet.narrative is None or sheet.narrative.table not in data.tables:
            continue
        for _, row in records(data.tables[sheet.narrative.table].rows):
            yield sheet.name, section_of(labels, row.get("section")), row


def placed_in(data: Dataset) -> dict[str, str]:
    """Table name -> the section whose Report text places it first (Style Table or Chart)."""
    out: dict[str, str] = {}
    for sheet, section, row in text_rows(data):
        if section is None or str(row.get("style")) not in PLACEMENT_STYLES or not row["text"]:
            continue
        table = find_table(data, str(row["text"]), sheet)
        if table is not None:
            out.setdefault(table.name, section)
    return out


def written_sections(data: Dataset) -> set[str]:
    """Sections with at least one Report text row (a paragraph or a placement)."""
    return {section for _, section, row in text_rows(data) if section and row.get("text")}


def home_of(data: Dataset, table: Table, placed: dict[str, str]) -> str | None:
    """The section a table prints in: where a chair placed it, else the section it belongs
    to; a chair's own table, its tab's first section."""
    if table.name in placed:
        return placed[table.name]
    profile = data.profile
    if profile.has_table(table.name):
        home = profile.section_of_table(table)
        return home.id if home is not None else None
    sheet = data.tables[table.name].sheet if table.name in data.tables else ""
    return next((s.id for s in profile.sections if s.tab == sheet), None)


def filled_sections(data: Dataset) -> set[str]:
    """Sections with something to print: text, or a table with rows that prints there."""
    filled = written_sections(data)
    placed = placed_in(data)
    for table_data in data.tables.values():
        table = table_data.table
        if table_data.rows.empty or table.display.hidden or table.is_narrative:
            continue
        home = home_of(data, table, placed)
        if home is not None:
            filled.add(home)
    return filled


def quoted_in(data: Dataset) -> dict[str, list[str]]:
    """Key figure -> the sections whose text quotes it as {key}, in order."""
    out: dict[str, list[str]] = {}
    for _, section, row in text_rows(data):
        if section is None or not row.get("text"):
            continue
        for key in PLACEHOLDER.findall(str(row["text"])):
            sections = out.setdefault(key.strip(), [])
            if section not in sections:
                sections.append(section)
    return out

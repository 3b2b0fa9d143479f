"""Warn the chairs when they give the year at a glance more than fits on its one page.

The report lays out what fits (:mod:`xl_addin.report.layout.fit`) and leaves the rest
off; this check says what was left off, at the cell of the first achievement that does not
fit (or at the tab, for headline figures, which the board profile chooses).
"""

from __future__ import annotations

import re

from xl_addin.compute import Computed
from xl_addin.core.findings import Finding, Severity
from xl_addin.core.years import shift_year
from xl_addin.report.layout.fit import MAX_TILES, fit, tile_text
from xl_addin.schema import PLACEMENT_STYLES
from xl_addin.schema.model import Section
from xl_addin.tables.dataset import Dataset, records
from xl_addin.tables.placement import section_labels, section_of

__all__ = ["glance_findings"]

RULE = "glance.too-much"
QUOTE = re.compile(r"\{[^{}]*\}")


def _achievements(data: Dataset, section: Section) -> list[tuple[str, str, str]]:
    """(text, tab, cell) of each paragraph the chairs wrote for the section."""
    out = []
    labels = section_labels(data)
    for sheet in data.profile.sheets:
        if sheet.narrative is None or sheet.narrative.table not in data.tables:
            continue
        table = data.tables[sheet.narrative.table]
        for index, row in records(table.rows):
            if section_of(labels, row["section"]) != section.id or not row["text"]:
                continue
            if str(row["style"]) in PLACEMENT_STYLES:
                continue
            text = QUOTE.sub("0,000", str(row["text"]))  # a quoted figure, about this wide
            out.append((text, table.sheet, str(table.cells.at[index, "text"])))
    return out


def _views(data: Dataset, section: Section) -> list[str]:
    views = section.options.get("views")
    if not isinstance(views, dict) or str(views.get("table")) not in data.tables:
        return []
    flag, text = views.get("flag"), str(views.get("text"))
    return [str(r[text]) for _, r in records(data.tables[str(views.get("table"))].rows)
            if (flag is None or r.get(str(flag)) == "Yes") and r.get(text)]


def glance_findings(data: Dataset, computed: Computed) -> list[Finding]:
    findings: list[Finding] = []
    year = data.facts.get("reporting_year")
    last_year = shift_year(str(year), -1) if year else None
    style = str(data.facts.get("difference_style") or "+1 pp")
    for section in data.profile.enabled_sections():
        if section.builder != "on_a_page":
            continue
        wanted = {h.key: h for h in computed.headlines}
        keys = section.options.get("headlines", [])
        chosen = [wanted[k] for k in keys if k in wanted and wanted[k].value is not None] \
            if isinstance(keys, list) else []
        tiles = [tile_text(h, last_year, style) for h in chosen]
        said = _achievements(data, section)
        limit = section.options.get("max_tiles", MAX_TILES)
        counts = int(bool(computed.rag_counts)) + int(not computed.plan_status.empty)
        room = fit([(label, detail) for label, _, detail in tiles], [t for t, _, _ in said],
                   _views(data, section), counts,
                   int(limit) if isinstance(limit, int) else MAX_TILES)
        if room.tiles < len(tiles):
            left = ", ".join(label for label, _, _ in tiles[room.tiles:])
            findings.append(Finding(
                Severity.WARNING, section.tab, None, RULE,
                f"'{section.label}' is one page and has room for {room.tiles} of its "
                f"{len(tiles)} headline figures, so it leaves off: {left}. Choose fewer "
                "headlines for it in the board profile."))
        if room.achievements < len(said):
            _, tab, cell = said[room.achievements]
            findings.append(Finding(
                Severity.WARNING, tab, cell, RULE,
                f"'{section.label}' is one page and has room for {room.achievements} of the "
                f"{len(said)} paragraphs written for it, so this one and the "
                f"{len(said) - room.achievements - 1} after it are left off. Shorten them, "
                "or keep the most important."))
    return findings

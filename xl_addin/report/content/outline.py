"""The report's outline: what each section prints, in order, without printing it.

Each section is a list of :class:`Item`: the chairs' paragraphs (with the cell each was
typed in), the tables and charts, and an appendix a section sends its detail to. It
follows the same rules as the report itself (:mod:`.context`): the owning tab's opening
passage, then other tabs' text, then its other passages; a table where a row places it,
else at the end of its section. It is cheap (no table is formatted), so the checks on the
chairs' references ("the table below", "Appendix B") can run with every validation.
"""

from __future__ import annotations

from dataclasses import dataclass

from xl_addin.schema import PLACEMENT_STYLES, Table
from xl_addin.schema.model import ChartSpec
from xl_addin.tables.dataset import Dataset, Place, records
from xl_addin.tables.placement import find_table, home_of, loose, placed_in

__all__ = ["Item", "outline", "chart_with_table", "SHORT_ROWS", "TEXT", "TABLE", "CHART",
           "DETAIL"]

SHORT_ROWS = 6  # a table this short says it all: its chart only with ``with_table``


def chart_with_table(chart: ChartSpec | None, rows: int) -> bool:
    """Whether a table's chart prints under it (else the table alone, or with
    ``replaces_table`` the chart alone). A chart of a short table (:data:`SHORT_ROWS` rows
    or fewer) only repeats it, so it is drawn only when the profile asks
    (``with_table``); under a long table its line shows a shape the rows hide."""
    if chart is None or chart.replaces_table:
        return False
    return rows > SHORT_ROWS or chart.with_table


TEXT, TABLE, CHART, DETAIL = "text", "table", "chart", "detail"
DETAIL_BUILDERS = frozenset({"business_plan"})  # builders whose detail can go to an appendix


@dataclass(frozen=True)
class Item:
    kind: str  # TEXT, TABLE, CHART or DETAIL (a section's detail, movable to an appendix)
    caption: str = ""  # a table's or chart's caption, as typed in the profile
    place: Place | None = None  # where a text was typed
    text: str = ""


def _table_items(data: Dataset, table: Table, style: str = "Table") -> list[Item]:
    display = table.display
    table_data = data.tables.get(table.name)
    if display.hidden or table_data is None or table_data.rows.empty:
        return []
    caption = display.caption or table.title
    chart = display.chart
    if style == "Chart":
        return [Item(CHART, chart.caption or caption if chart else caption)]
    if display.builder is not None:
        items = [Item(TABLE, caption)]
        return items + ([Item(DETAIL, table.name)] if display.builder in DETAIL_BUILDERS
                        else [])
    if chart is None:
        return [Item(TABLE, caption)]
    if chart.replaces_table:
        return [Item(CHART, chart.caption or caption)]
    shown = chart_with_table(chart, len(table_data.rows))
    return [Item(TABLE, caption)] + ([Item(CHART, chart.caption or caption)] if shown else [])


def outline(data: Dataset) -> dict[str, list[Item]]:
    """Section id -> its items in order, for every section switched on."""
    profile = data.profile
    labels = {loose(s.label): s.id for s in profile.sections}
    found: dict[str, dict[str, list[list[Item]]]] = {}  # section -> tab -> passages
    placed: set[str] = set()
    for sheet in profile.sheets:
        if sheet.narrative is None or sheet.narrative.table not in data.tables:
            continue
        table_data = data.tables[sheet.narrative.table]
        for (_, row), (_, cells) in zip(records(table_data.rows), records(table_data.cells),
                                        strict=True):
            label = str(row.get("section") or "").strip()
            number, dot, rest = label.partition(". ")
            section_id = labels.get(loose(rest if dot and number.isdigit() else label))
            if section_id is None or not row.get("text"):
                continue
            own = found.setdefault(section_id, {}).setdefault(sheet.name, [])
            if row.get("subheading") or not own:
                own.append([])
            style = str(row.get("style") or "")
            if style in PLACEMENT_STYLES:
                table = find_table(data, str(row["text"]), sheet.name)
                if table is not None and table.name not in placed:
                    placed.add(table.name)
                    own[-1] += _table_items(data, table, style)
                continue
            own[-1].append(Item(TEXT, place=Place(table_data.sheet, str(cells["text"])),
                                text=str(row["text"])))
    out: dict[str, list[Item]] = {}
    homes = placed_in(data)
    for section in profile.enabled_sections():
        by_tab = found.get(section.id, {})
        owner = by_tab.pop(section.tab, [])
        passages = owner[:1] + [p for ps in by_tab.values() for p in ps] + owner[1:]
        items = [i for p in passages for i in p]
        if section.builder is None:
            for _, table in profile.iter_tables():
                if table.name in placed or table.name not in data.tables:
                    continue
                if home_of(data, table, homes) == section.id:
                    items += _table_items(data, table)
        out[section.id] = items
    return out

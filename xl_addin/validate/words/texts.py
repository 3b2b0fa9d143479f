"""The chairs' words that the report prints, each with the cell it was typed in.

A sub-editor reads what is published, so the word checks read the same: every paragraph,
bullet, quote and subheading of the Report text tables (not the rows that place a table),
and every text column a table prints (the columns its display names, or all but the
reference columns; for a table printed by a display builder, its text columns). Fact
tables, hidden tables and the Settings tab print no text of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from xl_addin.schema import PLACEMENT_STYLES, Kind, Role, Table
from xl_addin.tables.dataset import Dataset, TableData, records

__all__ = ["Text", "printed_texts", "glossary_table", "short_names", "GLOSSARY"]

GLOSSARY = "glossary"  # the behaviour that marks the table of acronyms
_QUOTE = re.compile(r"\{[^{}]*\}")
NAME_LENGTH = 80  # a text this short in a table is a name or a label, not prose


@dataclass(frozen=True)
class Text:
    """One cell of chairs' text that the report prints."""

    sheet: str
    cell: str
    table: str  # the Excel Table's name
    column: str  # the column's key
    header: str  # the column's heading, for messages
    text: str
    narrative: bool  # a Report text row (prose), not a cell of a table

    @property
    def place(self) -> str:
        return f"'{self.sheet}'!{self.cell}"

    @property
    def words(self) -> str:
        """The text without its ``{ref}`` quotes of figures (the tool prints those)."""
        return _QUOTE.sub(" ", self.text) if "{" in self.text else self.text


def glossary_table(data: Dataset) -> TableData | None:
    """The table of acronyms (behaviour: glossary), if the workbook has one."""
    return next((t for t in data.tables.values() if t.table.behaviour == GLOSSARY), None)


def _printed_columns(table: Table) -> list[str]:
    display = table.display
    if display.builder is None and display.columns:
        keys = list(display.columns)
    else:
        keys = [c.key for c in table.columns if c.role is not Role.REFERENCE]
    return [k for k in keys if table.has(k) and table.column(k).kind is Kind.TEXT
            and table.column(k).role is not Role.COMPUTED]


def printed_texts(data: Dataset) -> Iterator[Text]:
    """Every cell of chairs' text the report prints, tab by tab, row by row."""
    for table_data in data.tables.values():
        table = table_data.table
        if table_data.rows.empty or table.is_fact_table:
            continue
        if table.is_narrative:  # printed as the sections' text, not as a table
            yield from _narrative(table_data)
            continue
        if table.display.hidden:
            continue
        columns = _printed_columns(table)
        if not columns:
            continue
        for (_, row), (_, cells) in zip(records(table_data.rows),
                                        records(table_data.cells), strict=True):
            for key in columns:
                value = row[key]
                if isinstance(value, str) and value.strip():
                    yield Text(table_data.sheet, str(cells[key]), table.name, key,
                               table.column(key).header, value, False)


def _narrative(table_data: TableData) -> Iterator[Text]:
    table = table_data.table
    for (_, row), (_, cells) in zip(records(table_data.rows), records(table_data.cells),
                                    strict=True):
        if str(row.get("style") or "") in PLACEMENT_STYLES:
            continue
        for key in ("subheading", "text"):
            value = row.get(key)
            if table.has(key) and isinstance(value, str) and value.strip():
                yield Text(table_data.sheet, str(cells[key]), table.name, key,
                           table.column(key).header, value, True)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’.\-]*[A-Za-z]|[A-Za-z]")


def short_names(data: Dataset) -> set[str]:
    """The board's own names: the capitalised words of every short text in its tables
    (members, groups, places, partners, people), of the glossary and of Settings."""
    names: set[str] = set()

    def take(text: str) -> None:
        for word in _WORD.findall(text):
            for part in re.split(r"[.\-’']", word):
                if part[:1].isupper():
                    names.add(part)

    for table_data in data.tables.values():
        table = table_data.table
        if table.is_narrative:
            continue
        texts = [c.key for c in table.columns if c.kind is Kind.TEXT]
        if table.is_fact_table:
            texts = ["value"]
        for _, row in records(table_data.rows):
            for key in texts:
                value = row.get(key)
                if isinstance(value, str) and (len(value) <= NAME_LENGTH
                                               or table.behaviour == GLOSSARY):
                    take(value)
    for value in data.facts.values():
        if isinstance(value, str) and len(value) <= NAME_LENGTH:
            take(value)
    return names

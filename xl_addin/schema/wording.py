"""How messages name the workbook's parts: by what a chair sees on the tab.

A table is named by the title printed above it; where several tables share a title ("Key
figures", "Report text"), by the title and its tab. A column is named by its heading, a key
figure by its label, and a condition on rows in words. Internal names (the Excel Table
names and column keys) stay out of messages: they travel in a finding's own fields.
"""

from __future__ import annotations

from xl_addin.schema import Table

__all__ = ["table_named", "column_named", "sum_of", "short"]


def table_named(table: Table) -> str:
    """The table as a chair finds it: "'Re-referrals'", or "'Key figures' (Performance tab)"
    where several tables of the profile share that title."""
    if table.shared_title and table.tab:
        return f"'{table.title}' ({table.tab} tab)"
    return f"'{table.title}'"


def column_named(table: Table, key: str) -> str:
    """"'Attended' in 'Multi-agency training attendance'"."""
    return f"'{table.column(key).header}' in {table_named(table)}"


def sum_of(table: Table, columns: tuple[str, ...],
           where: tuple[tuple[str, tuple[str, ...]], ...] = (), year: object = None) -> str:
    """A sum over some rows in words: "the sum of 'Attended' in 'Multi-agency training
    attendance' over the rows marked Yes under 'Domestic abuse course'"."""
    headers = " + ".join(f"'{table.column(key).header}'" for key in columns)
    text = f"the sum of {headers} in {table_named(table)}"
    marked = " and ".join(f"{' or '.join(values)} under '{table.column(key).header}'"
                          for key, values in where)
    if year is not None or marked:
        text += " over the rows" + (f" for {year}" if year is not None else "")
        text += f" marked {marked}" if marked else ""
    return text


def short(value: object, most: int = 40) -> str:
    """A cell's text shortened for a message."""
    text = " ".join(str(value).split())
    return text if len(text) <= most else text[: most - 3] + "..."

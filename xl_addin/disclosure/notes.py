"""What the report says about small numbers, in plain words (pure: lines of text).

:func:`suppression_notes` gives the lines of the "About the figures" section;
:data:`TABLE_NOTE` goes under every table that shows a "c".
"""

from __future__ import annotations

from collections.abc import Collection

from xl_addin.disclosure.apply import Suppression

__all__ = ["suppression_notes", "PRACTICE", "TABLE_NOTE"]

PRACTICE = ("To protect children's privacy, this report gives no number of children, deaths "
            "or young people from 1 to 5. Where such a number would stand, it shows the "
            "letter c instead, as the Department for Education does in its statistics on "
            "children's social care. A zero is shown as it is, since it identifies nobody.")
TABLE_NOTE = ("c: a number from 1 to 5, or a figure that would give one away, withheld so "
              "that no child can be identified.")


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def suppression_notes(suppression: Suppression | None,
                      quoted: Collection[str] = ()) -> list[str]:
    """The lines the 'About the figures' section needs; [] when small numbers were printed.

    ``quoted``: the key figures the chairs' text quotes, so the note says when a sentence
    shows a "c". Each line is a sentence or two for a reader, in print order.
    """
    if suppression is None:
        return []
    if not suppression.anything:
        return [PRACTICE, "No such number appears in this report, so nothing is withheld."]
    lines = [PRACTICE]
    tables = [t.title for t in suppression.tables.values() if t.primary]
    if tables:
        which = "this table" if len(tables) == 1 else "these tables"
        lines.append(f"The letter c appears in {which}: {_listed(tables)}.")
    if suppression.secondary:
        lines.append("Some larger numbers are shown as c too, where a total printed beside "
                     "them would otherwise let a reader work out a withheld one.")
    if suppression.derived or suppression.headlines:
        lines.append("So are rates, percentages and changes from one year to the next "
                     "worked out from a withheld number, and any headline figure taken "
                     "from one. Totals are the true totals.")
    if set(suppression.facts) & set(quoted):
        lines.append("Where a sentence would give such a number, it shows c as well.")
    return lines

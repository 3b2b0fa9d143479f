"""What the report's note on the figures says about small numbers (pure: a list of lines)."""

from __future__ import annotations

from xl_addin.disclosure.apply import Suppression

__all__ = ["suppression_notes", "PRACTICE"]

PRACTICE = ("Counts of 1 to 5 children, deaths or young people are shown as 'c', following "
            "the Department for Education's practice for children's social care "
            "statistics, so that no child can be identified; a count of zero is shown as "
            "it is.")


def suppression_notes(suppression: Suppression | None) -> list[str]:
    """The lines the 'About the figures' note needs; [] when small numbers were printed.

    Each line is a sentence (or two) for a reader, in the order they should be printed.
    """
    if suppression is None:
        return []
    if not suppression.anything:
        return [PRACTICE, "No such count appears in this report, so nothing was withheld."]
    lines = [PRACTICE]
    if suppression.primary or suppression.secondary:
        tables = [t for t in suppression.tables.values() if t.primary]
        named = "; ".join(f"{t.title} ({len(t.primary)})" for t in tables)
        line = (f"{suppression.primary} count(s) of 1 to 5 were withheld in "
                f"{len(tables)} table(s): {named}.")
        if suppression.secondary:
            line += (f" A further {suppression.secondary} count(s) were withheld because "
                     "a total printed with them would otherwise give a withheld count away.")
        lines.append(line)
    if suppression.derived or suppression.headlines:
        lines.append("Rates, percentages and year-on-year changes worked out from a withheld "
                     "count are shown as 'c' too, as is any headline figure taken from one. "
                     "Totals are of the true figures.")
    if suppression.fact_labels:
        lines.append("Figures in the text shown as 'c': "
                     + "; ".join(suppression.fact_labels) + ".")
    return lines

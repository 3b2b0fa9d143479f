"""A finding: one problem, at one place, under one rule, in words a chair can act on."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum

__all__ = ["Severity", "Finding", "RULES"]


class Severity(StrEnum):
    ERROR = "error"  # the figure cannot be used: fix it before the report is built
    WARNING = "warning"  # the figures disagree or look odd: check before publishing
    INFO = "info"  # not yet filled in: expected only in a workbook just rolled over to a new year


@dataclass(frozen=True)
class Finding:
    severity: Severity
    sheet: str | None
    cell: str | None  # A1 address, or None for a finding about a whole sheet or table
    rule: str
    message: str

    def to_dict(self) -> dict[str, str | None]:
        data = asdict(self)
        data["severity"] = str(self.severity)
        return data

    @property
    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.sheet or "", _row_of(self.cell), self.cell or "", self.rule)


def _row_of(cell: str | None) -> int:
    digits = "".join(ch for ch in (cell or "") if ch.isdigit())
    return int(digits) if digits else 0


# Every rule the validation can report, with the sentence the data dictionary prints.
RULES: dict[str, tuple[Severity, str]] = {
    "sheet.missing": (Severity.ERROR, "A tab the workbook needs is missing or renamed."),
    "table.missing": (Severity.ERROR, "An Excel Table the workbook needs is missing or renamed."),
    "table.moved": (Severity.WARNING, "An Excel Table sits on a different tab than expected."),
    "table.too-large": (Severity.ERROR, "An Excel Table is far larger than any real one."),
    "column.missing": (Severity.ERROR, "A column the table needs is missing or renamed."),
    "column.unexpected": (Severity.WARNING, "A column the tool does not know; it is ignored."),
    "cell.merged": (Severity.ERROR, "Merged cells inside a table."),
    "cell.excel-error": (Severity.ERROR, "An Excel error value such as #REF! or #DIV/0!."),
    "cell.type": (Severity.ERROR, "A value of the wrong type, e.g. text in a number column."),
    "cell.as-text": (Severity.WARNING, "A number, percentage, amount or date typed as text."),
    "cell.choice": (Severity.ERROR, "A value that is not one of the column's choices."),
    "cell.choice-case": (Severity.WARNING, "A choice written with different capitals."),
    "cell.required": (Severity.ERROR, "A required value is blank."),
    "cell.not-filled": (Severity.INFO, "A required value not yet filled in, in a workbook "
                                      "just rolled over to a new year (lscb-report "
                                      "new-year)."),
    "cell.range": (Severity.ERROR, "A value outside its range: a negative count, a "
                                   "percentage over 100%."),
    "cell.placeholder": (Severity.ERROR, "Text quotes a figure {ref} that does not exist."),
    "row.duplicate": (Severity.ERROR, "Two rows share an id that must be unique."),
    "row.similar": (Severity.WARNING, "Two rows share a reference that should differ."),
    "row.thresholds": (Severity.ERROR, "An indicator's own amber threshold is above its red "
                                       "one."),
    "fact.missing": (Severity.ERROR, "A row of a Key figures table is missing."),
    "fact.unknown": (Severity.WARNING, "A row of a Key figures table that the tool does not "
                                       "know."),
    "years.order": (Severity.ERROR, "Years out of order, repeated, or not written like "
                                    "2016-17."),
    "total.mismatch": (Severity.WARNING, "A typed total differs from the sum of its rows."),
    "check.same": (Severity.WARNING, "The same figure is given differently in two places."),
    "check.sum": (Severity.WARNING, "Parts do not add up to their whole."),
    "check.at-least": (Severity.WARNING, "A figure quoted as 'over N' is contradicted."),
    "check.percent": (Severity.WARNING, "A percentage does not match its count and base."),
    "settings.tolerances": (Severity.ERROR, "The RAG tolerances on Settings are the wrong "
                                            "way round (red below amber)."),
    "rag.published": (Severity.WARNING, "The rating the tool works out differs from the "
                                        "rating published."),
    "trend.typed": (Severity.WARNING, "A trend typed by hand because last year's value is "
                                      "blank."),
    "check.rate": (Severity.WARNING, "A rate per 10,000 does not match its number and the "
                                     "population."),
    "glance.too-much": (Severity.WARNING, "The year at a glance (the report on a page) is "
                                          "given more than fits on its one page; the report "
                                          "leaves the rest off."),
}

"""A finding: one problem, at one place, under one rule, in words a chair can act on.

Each finding is about one cell (or a whole tab or table). Its ``message`` names the place
as a chair sees it (the table's title, the column's heading, the figure's label); the
internal names travel in their own fields (``table``, ``column``, ``figure``, ``rule``), for
``--json`` and for programs.

The views that a person reads list findings *grouped*: the findings of one rule in one
column of one table (three or more) become one line with their cell range (:func:`group`),
using the ``gist`` each finding carries (its message without what differs from cell to
cell). The ``--json`` output, the Validation tab and the task pane keep one finding per cell, each
linked to its cell. :func:`on_tab` and :func:`find_tab` give one tab's findings.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from xl_addin.core.errors import LscbError
from xl_addin.core.printable import BROKEN
from xl_addin.core.raw import address, column_number

__all__ = ["Severity", "Finding", "RULES", "DISAGREEMENTS", "SignOff", "Group", "group",
           "cell_ranges", "on_tab", "find_tab", "tally", "UnknownTab", "GROUP_FROM",
           "rule_severity", "is_disagreement", "OPEN", "SIGNED_OFF"]


class Severity(StrEnum):
    ERROR = "error"  # the figure cannot be used: fix it before the report is built
    WARNING = "warning"  # the figures disagree or look odd: check before publishing
    INFO = "info"  # a note: not yet filled in (a workbook just rolled over), when the report
    # is due, a word to check


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]+")  # no control character or line break

OPEN = "open"  # a disagreement nobody has signed off yet: it stops a final report
SIGNED_OFF = "signed off"


@dataclass(frozen=True)
class SignOff:
    """A row of the Sign-off table that settles one disagreement."""

    decision: str  # one of the Sign-off table's Decision choices
    why: str
    who: str
    date: dt.date
    sheet: str  # where the sign-off was typed
    cell: str  # its Finding cell

    def __str__(self) -> str:
        return f"signed off by {self.who} on {self.date.day} {self.date:%B %Y}: {self.decision}"


def _one_line(text: str) -> str:
    """A message as one line that prints anywhere: a character no file or console can
    hold (a lone surrogate quoted from a cell) shows as U+FFFD, the replacement character."""
    return BROKEN.sub("\ufffd", _UNPRINTABLE.sub(" ", text))


@dataclass(frozen=True)
class Finding:
    severity: Severity
    sheet: str | None
    cell: str | None  # A1 address, or None for a finding about a whole sheet or table
    rule: str
    message: str
    table: str | None = None  # the Excel Table's name, e.g. "tblTraining"
    column: str | None = None  # the column's key in the schema, e.g. "attendees"
    figure: str | None = None  # a key figure's Ref, e.g. "cp_plans_now"
    gist: str | None = field(default=None, compare=False)  # the message shared by a group
    # A disagreement's sign-off key: what it is about, stable from run to run (the rule,
    # then the cross-check, table, row and column or key figure), never a cell address.
    key: str | None = field(default=None, compare=False)
    signed: SignOff | None = field(default=None, compare=False)  # its sign-off, if any

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", _one_line(self.message))
        if self.gist is not None:
            object.__setattr__(self, "gist", _one_line(self.gist))

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "severity": str(self.severity), "sheet": self.sheet, "cell": self.cell,
            "rule": self.rule, "message": self.message, "table": self.table,
            "column": self.column, "figure": self.figure}
        if self.state is not None:
            signed = self.signed
            out.update(key=self.key, state=self.state, signed_off=None if signed is None else {
                "decision": signed.decision, "why": signed.why, "by": signed.who,
                "date": signed.date.isoformat(), "sheet": signed.sheet, "cell": signed.cell})
        return out

    @property
    def disagreement(self) -> bool:
        """Two figures disagree: it must be corrected or signed off before a final report."""
        return is_disagreement(self)

    @property
    def state(self) -> str | None:
        """A disagreement's state, :data:`OPEN` or :data:`SIGNED_OFF`; None for the rest."""
        if not self.disagreement:
            return None
        return OPEN if self.signed is None else SIGNED_OFF

    @property
    def state_text(self) -> str:
        """The state in words: '' for a finding that is not a disagreement."""
        if not self.disagreement:
            return ""
        if self.signed is None:
            return "Open: correct it, or sign it off on the Sign-off tab"
        return str(self.signed)[:1].upper() + str(self.signed)[1:]

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
    "cell.below-table": (Severity.ERROR, "A value typed in the row just below a table, outside "
                                         "it: the tool would leave it out of the report."),
    "cell.beside-table": (Severity.WARNING, "A value typed in the column just right of a "
                                            "table, outside it: the tool does not read it."),
    "cell.merged": (Severity.ERROR, "Merged cells inside a table."),
    "cell.excel-error": (Severity.ERROR, "An Excel error value such as #REF! or #DIV/0!."),
    "cell.type": (Severity.ERROR, "A value of the wrong type, e.g. text in a number column."),
    "cell.as-text": (Severity.WARNING, "A number, percentage, amount or date typed as text."),
    "cell.hidden-characters": (Severity.WARNING, "Text holding invisible control characters "
                                                 "(often pasted from another program); they "
                                                 "are left out."),
    "cell.broken-characters": (Severity.WARNING, "Text holding characters that a Word "
                                                 "document cannot hold (half of a character "
                                                 "pair, U+D800 to U+DFFF, or U+FFFE, U+FFFF); "
                                                 "the report leaves them out."),
    "cell.choice": (Severity.ERROR, "A value that is not one of the column's choices."),
    "cell.choice-case": (Severity.WARNING, "A choice written with different capitals."),
    "cell.required": (Severity.ERROR, "A required value is blank."),
    "cell.not-filled": (Severity.INFO, "A required value not yet filled in, in a workbook "
                                      "just rolled over to a new year (lscb-report "
                                      "new-year)."),
    "cell.range": (Severity.ERROR, "A value outside its range: a negative count, a "
                                   "percentage over 100% (by the row's Unit where the "
                                   "unit varies by row), a figure far larger than any real "
                                   "one, a date before 1950 or after 2099."),
    "cell.placeholder": (Severity.ERROR, "Text quotes a figure {ref} that does not exist."),
    "row.duplicate": (Severity.ERROR, "Two rows share an id that must be unique."),
    "row.similar": (Severity.WARNING, "Two rows share a reference that should differ."),
    "row.thresholds": (Severity.ERROR, "An indicator's own amber threshold is above its red "
                                       "one."),
    "fact.missing": (Severity.ERROR, "A row of a Key figures table is missing."),
    "fact.unknown": (Severity.WARNING, "A row of a Key figures table that the tool does not "
                                       "know."),
    "fact.carried": (Severity.WARNING, "A standing figure (such as the child population) a "
                                       "new year carried over from last year, not yet "
                                       "confirmed: its note still says it was carried."),
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
    "statutory.<requirement>": (Severity.ERROR, "The report lacks what a statutory requirement "
                                                "needs (one rule per requirement, e.g. "
                                                "statutory.spending): a section, table or key "
                                                "figure the profile maps it to is empty. Info "
                                                "in a workbook just rolled over."),
    "statutory.unmapped": (Severity.WARNING, "The board profile maps no statutory requirement "
                                             "(no statutory: key), so none is checked."),
    "text.figure": (Severity.WARNING, "Report text gives a figure that differs from the one "
                                      "the workbook holds for it (a key figure, or a "
                                      "table's row and column)."),
    "text.quote": (Severity.INFO, "Report text types a figure the workbook holds: quote it "
                                  "with its {ref}, so the report follows the workbook."),
    "cell.formula-unsaved": (Severity.ERROR, "A formula whose result has not been saved (a "
                                             "file written by a program, or never opened in "
                                             "Excel), in a cell the tool reads."),
    "cell.formula": (Severity.INFO, "A formula in a cell people type into: the tool reads "
                                    "the result Excel saved."),
    "signoff.key": (Severity.WARNING, "A Sign-off row whose Finding is not the sign-off key "
                                      "of any finding (a typing slip)."),
    "signoff.incomplete": (Severity.WARNING, "A Sign-off row without its decision, reason, "
                                             "who signed it off or when: it settles "
                                             "nothing until it has them all."),
    "signoff.twice": (Severity.WARNING, "A finding signed off on two rows of the Sign-off "
                                        "table: the first counts."),
    "signoff.stale": (Severity.INFO, "A sign-off whose finding is gone (the figures were "
                                     "corrected): delete the row."),
    "signoff.no-tab": (Severity.INFO, "The workbook has no Sign-off tab (it was made before "
                                      "there was one): lscb-report upgrade adds it."),
    "publication.date": (Severity.INFO, "Settings give no publication date: a final report "
                                        "needs one."),
    "statutory.deadline": (Severity.INFO, "When the report must be published and where it "
                                          "must be sent, under the guidance named on "
                                          "Settings."),
    "disclosure.small-count": (Severity.WARNING, "A count of 1 to 5 children, deaths or young "
                                                 "people, which could identify a child (info "
                                                 "when Settings prints such counts as c)."),
    "text.acronym": (Severity.WARNING, "Text the report prints uses an acronym that is not "
                                       "in the glossary, nor written out where first used."),
    "text.variant": (Severity.WARNING, "A name or term is spelt several ways across the "
                                       "report ('Tri X', 'Tri-x', 'Tri.x')."),
    "text.method": (Severity.WARNING, "Text describes how someone took their own life or "
                                      "harmed themselves, against the Samaritans' media "
                                      "guidelines."),
    "text.reference": (Severity.WARNING, "Text refers to something the report does not hold: "
                                         "an appendix letter, a numbered table or figure, or "
                                         "a table, chart or diagram 'below' or 'above'."),
    "text.spelling": (Severity.INFO, "Words not in the British English word list (the "
                                     "board's own names accepted): a note to check."),
    "disclosure.in-text": (Severity.WARNING, "Text quotes ({ref}) or types a count of 1 to 5 "
                                             "children, which a report withholding small "
                                             "numbers would print as c, or give away."),
    "glance.too-much": (Severity.WARNING, "The year at a glance (the report on a page) is "
                                          "given more than fits on its one page; the report "
                                          "leaves the rest off."),
}


# The rules that say two figures disagree: a typed total and its rows, a figure given in two
# places, parts and their whole, a published percentage, rate or rating the tool works out
# differently, and report text against the data. Each one must be settled before a final
# report is built: corrected in the workbook, or signed off on its Sign-off tab.
DISAGREEMENTS: frozenset[str] = frozenset({
    "total.mismatch", "check.same", "check.sum", "check.at-least", "check.percent",
    "check.rate", "rag.published", "text.figure"})


def is_disagreement(finding: Finding) -> bool:
    return finding.rule in DISAGREEMENTS and finding.severity is Severity.WARNING


def rule_severity(rule: str) -> Severity | None:
    """The severity a rule is declared with; statutory.<id> rules share one entry."""
    if rule in RULES:
        return RULES[rule][0]
    if rule.startswith("statutory."):
        return RULES["statutory.<requirement>"][0]
    return None


# --- grouping ---------------------------------------------------------------------------------

MOST_RANGES = 8  # a group's cells are written as at most this many ranges, then "and N more"
GROUP_FROM = 3  # fewer findings than this keep a line each, with their own details


@dataclass(frozen=True)
class Group:
    """Findings of one rule in one column of one table, shown as one line."""

    severity: Severity
    sheet: str | None
    cells: str | None  # "L8:L55", "A20:F20", "C10, C12:C14"; None for a whole tab or table
    message: str
    findings: tuple[Finding, ...]


def group(findings: Iterable[Finding]) -> list[Group]:
    """The findings as lines for a person: one line per finding, except that findings of
    one rule in one column of one table (those that carry a ``gist``) share a line, with
    their cell range and the gist: :data:`GROUP_FROM` or more of them, or two or more whose
    messages are the same (nothing is lost by grouping those)."""
    buckets: dict[object, list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: f.sort_key):
        key: object = id(finding)
        if finding.gist and finding.cell and not finding.disagreement:
            key = (finding.severity, finding.sheet, finding.table, finding.column,
                   finding.rule, finding.gist)
        buckets.setdefault(key, []).append(finding)
    out = []
    for members in buckets.values():
        first = members[0]
        alike = len({f.message for f in members}) == 1
        if len(members) < GROUP_FROM and not (alike and len(members) > 1):
            out += [Group(f.severity, f.sheet, f.cell, f.message, (f,)) for f in members]
            continue
        cells = cell_ranges([f.cell for f in members if f.cell])
        out.append(Group(first.severity, first.sheet, cells,
                         f"{first.gist} ({len(members)} cells).", tuple(members)))
    return out


_ADDRESS = re.compile(r"^([A-Z]+)(\d+)$")


def _split(cell: str) -> tuple[int, int] | None:
    match = _ADDRESS.match(cell)
    if match is None:
        return None
    return int(match.group(2)), column_number(match.group(1))


def cell_ranges(cells: Sequence[str]) -> str:
    """Cells written as Excel ranges: runs down a column ("L8:L55") or, where all the cells
    share a row, along it ("A20:F20"); at most :data:`MOST_RANGES` of them."""
    places = sorted({p for p in (_split(c) for c in cells) if p is not None})
    if not places:
        return ", ".join(dict.fromkeys(cells))
    along_row = len({row for row, _ in places}) == 1 and len(places) > 1
    runs: list[tuple[tuple[int, int], tuple[int, int]]] = []
    order = sorted(places) if along_row else sorted(places, key=lambda p: (p[1], p[0]))
    for row, column in order:
        if runs:
            (first, (last_row, last_column)) = runs[-1]
            follows = ((row, column - 1) == (last_row, last_column) if along_row
                       else (row - 1, column) == (last_row, last_column))
            if follows:
                runs[-1] = (first, (row, column))
                continue
        runs.append(((row, column), (row, column)))
    texts = [address(*a) + (f":{address(*b)}" if a != b else "")
             for a, b in runs]
    if len(texts) > MOST_RANGES:
        texts = [*texts[:MOST_RANGES], f"and {len(texts) - MOST_RANGES} more"]
    return ", ".join(texts)


# --- one tab ------------------------------------------------------------------------------------


class UnknownTab(LscbError):
    """A tab name (``--tab``) that is not a tab of the workbook."""


def find_tab(name: str, tabs: Sequence[str]) -> str:
    """The tab called ``name``, whatever its capitals and spacing; raises
    :class:`UnknownTab` with a "did you mean" otherwise."""
    wanted = " ".join(name.split()).casefold()
    for tab in tabs:
        if " ".join(tab.split()).casefold() == wanted:
            return tab
    folded = {tab.casefold(): tab for tab in tabs}
    close = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=0.5)
    hint = f" Did you mean '{folded[close[0]]}'?" if close else ""
    raise UnknownTab(f"There is no tab '{name}'.{hint} The tabs are: {', '.join(tabs)}.")


def on_tab(findings: Iterable[Finding], tab: str) -> list[Finding]:
    """The findings at the tab ``tab`` (its exact name: see :func:`find_tab`)."""
    return [f for f in findings if f.sheet == tab]


def tally(findings: Iterable[Finding]) -> dict[str, Counter[Severity]]:
    """Findings counted by tab and severity, tabs in the order first met."""
    counts: dict[str, Counter[Severity]] = {}
    for finding in findings:
        counts.setdefault(finding.sheet or "(workbook)", Counter())[finding.severity] += 1
    return counts

"""Validate, Compute and Build report: the add-in's three actions over an ``xlwings.Book``.

Each action reads the book once (:mod:`~xl_addin.live.read`), runs the core
(validation, which also computes, then the report), and writes its results back once
(:mod:`~xl_addin.live.write`): the same tables, rules and layout as the CLI, so
the add-in adds no rule of its own. The Office.js add-in (``server/custom_scripts``) and the
desktop add-in (:mod:`.desktop`) are thin adapters over these functions; an action returns
an :class:`Outcome` that the adapter shows (the task pane, or an Excel alert).

A book the tool cannot use raises an :class:`~xl_addin.core.errors.LscbError`; :func:`run`
turns it into an Outcome with its message, so a person never sees a traceback.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import xlwings as xw

from xl_addin.core.errors import LscbError
from xl_addin.core.findings import OPEN, Finding, Severity
from xl_addin.jobs.checked import Result, check, skipped_rows
from xl_addin.live.read import read_book
from xl_addin.live.write import previous_highlights, write_results, write_validation
from xl_addin.statutory import Publication
from xl_addin.writers.plan import DASHBOARD, VALIDATION, ReportLink

__all__ = ["Outcome", "Delivery", "Deliver", "SHEETS_SKIPPED", "validate_book", "compute_book",
           "build_report_book", "run"]

# The tabs an action does not need: every other tab is read, whatever the board's profile
# (the Validation tab lists the cells the last run highlighted, so it is read too).
SHEETS_SKIPPED = ("Instructions", "Lists", DASHBOARD)
LISTED = 200  # findings sent to the task pane; the Validation tab has them all


@dataclass(frozen=True)
class Delivery:
    """Where a built report went: the Dashboard links to it and the task pane shows it."""

    url: str  # a download link, or the path of the saved file
    text: str  # what the link says
    expires: float | None = None  # when a download link stops working (seconds since epoch)


Deliver = Callable[[Path], Delivery]  # takes the built .docx, puts it where the user gets it


@dataclass(frozen=True)
class Outcome:
    """What an action did, in words for the person who clicked."""

    action: str  # "validate", "compute" or "build"
    ok: bool
    message: str
    findings: tuple[Finding, ...] = ()
    report: Delivery | None = None
    sheet: str | None = None  # the findings are this tab's only (the task pane's choice)
    publication: Publication | None = None  # when the report is due and where it must go

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    def on_sheet(self, sheet: str) -> Outcome:
        """The same outcome, keeping only the findings on ``sheet``."""
        return replace(self, findings=tuple(f for f in self.findings if f.sheet == sheet),
                       sheet=sheet)

    def to_dict(self) -> dict[str, object]:
        """For the task pane: JSON-ready, at most :data:`LISTED` findings, errors first."""
        ranked = sorted(self.findings, key=lambda f: (f.severity is not Severity.ERROR,
                                                      f.sort_key))
        report = None if self.report is None else {
            "url": self.report.url, "text": self.report.text, "expires": self.report.expires}
        return {"action": self.action, "ok": self.ok, "message": self.message,
                "errors": self.errors,
                "warnings": sum(f.severity is Severity.WARNING for f in self.findings),
                "notes": sum(f.severity is Severity.INFO for f in self.findings),
                "open": sum(f.state == OPEN for f in self.findings),
                "findings": [f.to_dict() for f in ranked[:LISTED]],
                "unlisted": max(0, len(ranked) - LISTED), "report": report,
                "sheet": self.sheet,
                "publication": None if self.publication is None
                else self.publication.to_dict()}


def validate_book(book: xw.Book) -> Outcome:
    """Check every figure; rewrite the Validation tab and the highlights."""
    result, previous = _read(book)
    _write(book, result, previous, computed=False)
    message = _summary(book, result)
    if result.publication is not None:
        message += f"\n{result.publication.sentence}"
    return Outcome("validate", result.ok, message, tuple(result.findings),
                   publication=result.publication)


def compute_book(book: xw.Book) -> Outcome:
    """Validate, then write ratings, trends, derived figures and the Dashboard."""
    result, previous = _read(book)
    _write(book, result, previous, computed=True)
    counts = result.computed.summary()
    if not result.ok:
        return Outcome("compute", False, "Computed what the errors allow"
                       + (f": {counts}." if counts else ".")
                       + f" {skipped_rows(result)} Fix the {len(result.errors)} error(s) on "
                       "the Validation tab and run Compute again.", tuple(result.findings))
    return Outcome("compute", True, "Computed: " + (f"{counts}; " if counts else "")
                   + f"Dashboard and Validation tabs written. {_summary(book, result)}",
                   tuple(result.findings))


def build_report_book(book: xw.Book, deliver: Deliver) -> Outcome:
    """Validate and compute, build the Word report and hand it to ``deliver``."""
    from xl_addin.jobs.document import build, publication_date, report_name

    result, previous = _read(book)
    if not result.ok:
        _write(book, result, previous, computed=False)
        return Outcome("build", False, f"Report not built: {len(result.errors)} error(s). "
                       "Fix the errors listed on the Validation tab and build again.",
                       tuple(result.findings))
    if result.unsettled:
        _write(book, result, previous, computed=False)
        return Outcome("build", False, f"Report not built: {len(result.unsettled)} "
                       "disagreement(s) neither corrected nor signed off. Correct each one, "
                       "or sign it off on the Sign-off tab with its key (the Validation tab "
                       "lists them), and build again.", tuple(result.findings))
    if publication_date(result) is None:
        _write(book, result, previous, computed=False)
        return Outcome("build", False, "Report not built: Settings give no publication "
                       "date. Type the day the report will be published as 'Publication "
                       "date' on the Settings tab, and build again.", tuple(result.findings))
    with tempfile.TemporaryDirectory(prefix="lscb-report-") as folder:
        delivery = deliver(build(result, Path(folder) / report_name(result)))
    _write(book, result, previous, computed=True, report=ReportLink(delivery.text,
                                                                    delivery.url))
    return Outcome("build", True, f"Report built. {delivery.text}.", tuple(result.findings),
                   delivery)


def run(name: str, action: Callable[..., Outcome], book: xw.Book, *args: object) -> Outcome:
    """Run an action; a book the tool cannot use becomes an Outcome with the reason."""
    try:
        return action(book, *args)
    except LscbError as exc:
        return Outcome(name, False, str(exc))


# --- helpers --------------------------------------------------------------------------------


def _read(book: xw.Book) -> tuple[Result, list[tuple[str, str]]]:
    """Everything an action needs from the book, read before anything is written."""
    previous = previous_highlights(book)
    return check(read_book(book)), previous


def _write(book: xw.Book, result: Result, previous: list[tuple[str, str]], *, computed: bool,
           report: ReportLink | None = None) -> None:
    write_validation(book, result.findings, book.name, previous)
    if computed:
        write_results(book, result.data, result.computed, report)
    if not result.ok:
        book.sheets[VALIDATION].activate()


def _summary(book: xw.Book, result: Result) -> str:
    errors, warnings, unsettled = len(result.errors), len(result.warnings), \
        len(result.unsettled)
    verdict = ("Fix the errors listed on the Validation tab." if errors else
               f"{unsettled} disagreement(s) open: correct each one, or sign it off on the "
               "Sign-off tab with its key, before the report is built." if unsettled else
               "Check the warnings on the Validation tab before publishing." if warnings else
               "Ready.")
    return f"{book.name}: {errors} error(s), {warnings} warning(s). {verdict}"

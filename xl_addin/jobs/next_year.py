"""New year for a workbook file: validate this year's, write next year's, check the result.

Before anything is read, the output is refused if it is the input itself (even with
``force``), if it exists (unless ``force``) or if it cannot be written. A workbook with
errors is not rolled over and nothing is written. Next year's workbook is built from the
schema by ``build_workbook`` and validated as a *fresh* workbook (a blank required cell is
'not filled in yet', info, not an error) before it is saved, atomically: a new workbook
with errors is never written.

Because next year's workbook is written fresh, what a chair added to this year's beyond
the figures in its tables (pictures, charts, comments, their own conditional formats and
validation, formulas, tabs the tool does not know, ...) is not carried; it is listed in
:attr:`NewYear.uncarried` (see :mod:`.xlsx_inventory`) so the CLI can say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from xl_addin.core.errors import OutputError
from xl_addin.files.outputs import check_output
from xl_addin.jobs.checked import Result, check
from xl_addin.jobs.computed import read_checked
from xl_addin.readers.openpyxl_book import raw_from_openpyxl
from xl_addin.rollover.rules import Rollover, roll_over
from xl_addin.writers.package.inventory import Uncarried, uncarried
from xl_addin.writers.workbook.fresh import build_workbook, save_workbook

__all__ = ["NewYear", "new_year", "check_new_year_output"]


@dataclass(frozen=True)
class NewYear:
    """What happened: this year's findings and, unless they had errors, next year's."""

    source: Result  # this year's workbook, validated
    rollover: Rollover | None = None  # None: this year's workbook has errors
    result: Result | None = None  # next year's workbook, validated as fresh
    uncarried: list[Uncarried] = field(default_factory=list)  # what next year's lacks

    @property
    def written(self) -> bool:
        return self.result is not None and self.result.ok


def new_year(source: Path, out: Path, *, force: bool = False) -> NewYear:
    """Roll ``source`` over to next year into ``out``."""
    source, out = Path(source), Path(out)
    check_new_year_output(source, out, force=force)
    # only errors stop a new year: the publication checks are this year's report's business
    checked, data = read_checked(source, publishing=False)  # a missing or unsafe file stops
    if not checked.ok:
        return NewYear(checked)
    profile = checked.profile or checked.data.profile
    rolled = roll_over(checked.data, checked.computed, profile)
    wb = build_workbook(profile, rolled.rows, rolled.own)
    result = check(raw_from_openpyxl(wb, out.name), fresh=True, publishing=False)
    left_behind = uncarried(data, source.name, wb, profile)
    if result.ok:
        save_workbook(wb, out)
    return NewYear(checked, rolled, result, left_behind)


def check_new_year_output(source: Path, out: Path, *, force: bool) -> None:
    """Refuse an output that is the input, already exists (without force) or is locked."""
    if out.suffix.lower() != ".xlsx":
        raise OutputError(f"Cannot write {out.name}: the master workbook must be an .xlsx "
                          "file.")
    if _same_file(source, out):
        raise OutputError(f"Cannot write next year's workbook over {source.name}, this "
                          "year's: choose another name with -o.")
    check_output(out, force=force)


def _same_file(a: Path, b: Path) -> bool:
    """The same file, also through a link or another spelling of its path."""
    if a.resolve() == b.resolve():
        return True
    try:
        return a.samefile(b)
    except OSError:  # one of them does not exist, so they are not the same file
        return False

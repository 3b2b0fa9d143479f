"""New year for a workbook file: validate this year's, write next year's, check the result.

Before anything is read, the output is refused if it is the input itself (even with
``force``), if it exists (unless ``force``) or if it cannot be written. A workbook with
errors is not rolled over and nothing is written. Next year's workbook is built from the
schema by ``build_workbook`` and validated as a *fresh* workbook (a blank required cell is
'not filled in yet', info, not an error) before it is saved, atomically: a new workbook
with errors is never written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from ..rollover import Rollover, roll_over
from ..validate import Result, validate
from .xlsx_compute import check_writable
from .xlsx_reader import raw_from_openpyxl, read_workbook
from .xlsx_writer import build_workbook, save_workbook

__all__ = ["NewYear", "new_year_file", "check_new_year_output"]


@dataclass(frozen=True)
class NewYear:
    """What happened: this year's findings and, unless they had errors, next year's."""

    source: Result  # this year's workbook, validated
    rollover: Rollover | None = None  # None: this year's workbook has errors
    result: Result | None = None  # next year's workbook, validated as fresh

    @property
    def written(self) -> bool:
        return self.result is not None and self.result.ok


def new_year_file(source: Path, out: Path, *, force: bool = False) -> NewYear:
    """Roll ``source`` over to next year into ``out``."""
    source, out = Path(source), Path(out)
    check_new_year_output(source, out, force=force)
    checked = validate(read_workbook(source))
    if not checked.ok:
        return NewYear(checked)
    profile = checked.profile or checked.data.profile
    rolled = roll_over(checked.data, checked.computed, profile)
    wb = build_workbook(profile, rolled.rows)
    result = validate(raw_from_openpyxl(wb, out.name), fresh=True)
    if result.ok:
        save_workbook(wb, out)
    return NewYear(checked, rolled, result)


def check_new_year_output(source: Path, out: Path, *, force: bool) -> None:
    """Refuse an output that is the input, already exists (without force) or is locked."""
    if out.suffix.lower() != ".xlsx":
        raise OutputError(f"Cannot write {out.name}: the master workbook must be an .xlsx "
                          "file.")
    if _same_file(source, out):
        raise OutputError(f"Cannot write next year's workbook over {source.name}, this "
                          "year's: choose another name with -o.")
    if out.exists() and not force:
        raise OutputError(f"{out} already exists; choose another name or add --force.")
    if not out.parent.is_dir():
        raise OutputError(f"Cannot write {out.name}: the folder {out.parent} does not exist.")
    check_writable(out)


def _same_file(a: Path, b: Path) -> bool:
    """The same file, also through a link or another spelling of its path."""
    if a.resolve() == b.resolve():
        return True
    try:
        return a.samefile(b)
    except OSError:  # one of them does not exist, so they are not the same file
        return False

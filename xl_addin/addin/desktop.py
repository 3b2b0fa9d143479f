"""The desktop add-in's button, "Build report" (``xl_addin.xlam``, open-source xlwings).

The add-in's VBA runs ``RunPython "import xl_addin; xl_addin.main()"`` (xlwings names the
module after the .xlam file; ``xl_addin.main`` forwards to :func:`main`). One click
validates, computes and builds the report for the workbook that called: with errors it
stops on the Validation tab; otherwise it saves the .docx next to the workbook. Either way
an Excel alert says what happened, in one sentence.
"""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path

import xlwings as xw

from ..errors import OutputError
from . import actions

__all__ = ["main", "build_beside"]

TITLE = "LSCB Report"


def main() -> None:
    """RunPython's entry point: build the report for the calling workbook."""
    book = xw.Book.caller()
    try:
        outcome = build_beside(book)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, not a traceback
        book.app.alert(f"Unexpected fault in lscb-report ({type(exc).__name__}: {exc}). "
                       "Please report this with the workbook.", title=TITLE)
        return
    book.app.alert(outcome.message, title=TITLE)


def build_beside(book: xw.Book) -> actions.Outcome:
    """Validate, compute and build; the .docx goes into the workbook's folder."""
    return actions.run("build", _build_beside, book)


def _build_beside(book: xw.Book) -> actions.Outcome:
    folder = Path(book.fullname).parent
    if not Path(book.fullname).is_absolute() or not folder.is_dir():
        raise OutputError(f"Save {book.name} in a folder on this computer first: the report "
                          "is saved next to it.")
    return actions.build_report_book(book, partial(_save, folder))


def _save(folder: Path, built: Path) -> actions.Delivery:
    target = folder / built.name
    try:
        shutil.copyfile(built, target)
    except PermissionError as exc:
        raise OutputError(f"Cannot write {target.name}: it is open in Word or the folder is "
                          "read-only. Close it and build again.") from exc
    return actions.Delivery(str(target), f"Saved as {target}")

"""The desktop add-in's button, "Build report" (``xl_addin.xlam``, open-source xlwings).

The add-in's VBA runs ``RunPython "import xl_addin; xl_addin.main()"`` (xlwings names the
module after the .xlam file; ``xl_addin.main`` forwards to :func:`main`). One click
validates, computes and builds the report for the workbook that called: with errors it
stops on the Validation tab; otherwise it saves the .docx next to the workbook (beside an
earlier report, never over it). Either way an Excel alert says what happened, in one
sentence. What it writes into the book goes through the same writer as the Office.js
add-in (:mod:`~xl_addin.live.write`), which hands every string to Excel with a
leading apostrophe, so text a chair typed never becomes a formula.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import xlwings as xw

from xl_addin.addin import actions
from xl_addin.core.errors import OutputError
from xl_addin.files.atomic import write_atomic
from xl_addin.files.outputs import check_folder

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
    check_folder(folder, "the report")  # before the work, not after it
    return actions.build_report_book(book, partial(_save, folder))


def _save(folder: Path, built: Path) -> actions.Delivery:
    """Save the report beside the workbook; an earlier report there is kept, never replaced.

    A button has no --force to ask with, so a report already in the folder (perhaps edited
    by the comms team) stays, and the new one takes the next free numbered name.
    """
    target = _free_name(folder / built.name)
    data = built.read_bytes()
    write_atomic(target, lambda handle: handle.write(data))
    kept = target.name != built.name
    return actions.Delivery(str(target), f"Saved as {target}" + (
        f" ({built.name} already there was kept)" if kept else ""))


def _free_name(path: Path) -> Path:
    """``path``, or "name (2).docx", "name (3).docx", ... whichever does not exist yet."""
    number = 1
    candidate = path
    while candidate.exists() or candidate.with_name(f"~${candidate.name}").exists():
        number += 1
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
    return candidate

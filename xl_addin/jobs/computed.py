"""Compute for a workbook file: read, validate and compute, then write the results back.

The output is checked before anything is read (:func:`~.outputs.check_output`). The
workbook is read for its values (what the core works on), and the results are written into
its own package, part by part (:mod:`.xlsx_results`): only the cells, tabs and conditional
formats the tool owns change, so a chair's formulas keep their saved results, and pictures,
charts, comments, conditional formats, data validation and macros come through untouched.
With errors only the Validation tab (and the highlights) are written; otherwise the
computed cells and the Dashboard too.

If a formula in the workbook reads a cell the tool changed, the workbook asks Excel to
recalculate when it is opened (see :mod:`.xlsx_recalc`). The file is replaced atomically, so
a failure leaves the original as it was; a file whose content would not change is not
written at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xl_addin.core.errors import OutputError
from xl_addin.files.atomic import write_atomic
from xl_addin.files.outputs import check_output
from xl_addin.files.safety import MAX_FILE_BYTES
from xl_addin.jobs.checked import Result, check
from xl_addin.readers.xlsx import read_workbook
from xl_addin.writers.package.book import XlsxBook
from xl_addin.writers.package.recalc import formulas_read_changes
from xl_addin.writers.package.results import clear_highlights, write_results, write_validation

__all__ = ["compute_file", "Computation", "read_checked"]


@dataclass(frozen=True)
class Computation:
    """What compute did: the findings (and figures), and what happened to the file."""

    result: Result
    written: bool  # False: the file already held exactly these results
    recalculate: bool  # the workbook asks Excel to recalculate its formulas on opening


def compute_file(source: Path, out: Path | None = None, *, force: bool = False) -> Computation:
    """Compute ``source`` and write the results to ``out`` (default: ``source`` itself).

    An ``out`` other than ``source`` that exists is replaced only with ``force``.
    """
    source = Path(source)
    out = Path(out) if out is not None else source
    in_place = out == source or (out.exists() and source.exists() and out.samefile(source))
    check_output(out, force=force, replace=in_place)
    result, data = read_checked(source)
    book = XlsxBook(data, source.name)
    clear_highlights(book)
    # Errors block only what depends on them: rows with errors (and figures worked out from
    # them) are left blank, everything else is computed and written.
    write_results(book, result.data, result.computed)
    write_validation(book, result.findings, source.name)
    recalculate = formulas_read_changes(book)
    if recalculate:
        book.request_recalculation()
    new = book.to_bytes()
    if in_place and new == data:
        return Computation(result, written=False, recalculate=False)
    write_atomic(out, lambda handle: handle.write(new))
    return Computation(result, written=True, recalculate=recalculate)


def read_checked(source: Path, *, publishing: bool = True) -> tuple[Result, bytes]:
    """Validate ``source`` and return its bytes: those that passed the safety checks.

    The file is read before and after; if it changed in between (saved from Excel
    meanwhile), the bytes would not be the ones checked, so nothing is done.
    """
    before = _read_bytes(source) if source.is_file() else b""
    # a missing or unsafe file stops here
    result = check(read_workbook(source), publishing=publishing)
    data = _read_bytes(source)
    if data != before:
        raise OutputError(f"{source.name} changed while it was being read (saved from "
                          "Excel?). Nothing was written; run the command again.")
    return result, data


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise OutputError(f"Cannot read {path.name}: {exc.strerror}.") from exc

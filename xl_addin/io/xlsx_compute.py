"""Compute for a workbook file: read, validate and compute, then write the results back.

The workbook is read twice: once for its values (what the core works on) and once with
its formulas, styles and macros kept, which is the copy that is written. With errors only
the Validation tab is written; otherwise the computed cells and the Dashboard too. The
file is replaced atomically, so a failure leaves the original as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import OutputError
from ..validate import Result, validate
from .xlsx_reader import open_workbook, read_workbook
from .xlsx_results import write_results, write_validation
from .xlsx_writer import CREATED, save_workbook

__all__ = ["compute_file", "check_writable"]


def check_writable(path: Path) -> None:
    """Refuse early, with a clear message, an output that cannot be replaced."""
    lock = path.with_name(f"~${path.name}")
    if lock.exists():
        raise OutputError(f"{path.name} is open in Excel (its lock file {lock.name} is "
                          "there). Close it in Excel and try again.")
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"{path.name} is read-only. Save a copy with -o, or make it "
                          "writable.")
    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(folder, os.W_OK):
        raise OutputError(f"Cannot write in {folder}: permission denied.")


def compute_file(source: Path, out: Path | None = None) -> Result:
    """Compute ``source`` and write the results to ``out`` (default: ``source`` itself)."""
    source, out = Path(source), Path(out or source)
    check_writable(out)
    result = validate(read_workbook(source))
    keep_vba = source.suffix.lower() == ".xlsm"
    wb = open_workbook(source, data_only=False, keep_vba=keep_vba)
    try:
        write_validation(wb, result.findings, source.name)
        if result.ok:
            write_results(wb, result.data, result.computed)
        # keep the file's own date, so that computing twice gives the same bytes
        modified = wb.properties.modified or wb.properties.created or CREATED
        save_workbook(wb, out, modified)
    finally:
        wb.close()
    return result

"""Where the shipped files live, whether installed or run from a checkout."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["example_workbook", "EXAMPLE_NAME"]

EXAMPLE_NAME = "cumbria_lscb_2016-17.xlsx"


def example_workbook() -> Path:
    """The shipped 2016-17 example workbook."""
    return Path(str(files("xl_addin.workbook").joinpath(EXAMPLE_NAME)))

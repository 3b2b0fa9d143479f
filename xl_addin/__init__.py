"""lscb-report: the LSCB annual report, from one master workbook to a published document.

Data flows one way: workbook -> tables -> checks and rules -> results -> writers.
"""

from __future__ import annotations

from .errors import LscbError, NotAMasterWorkbook, OutputError, UnreadableWorkbook, WorkbookError

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "LscbError",
    "WorkbookError",
    "UnreadableWorkbook",
    "NotAMasterWorkbook",
    "OutputError",
]

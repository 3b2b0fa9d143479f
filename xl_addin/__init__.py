"""lscb-report: the LSCB annual report, from one master workbook to a published document.

Data flows one way: workbook -> tables -> checks and rules -> results -> writers.
"""

from __future__ import annotations

from xl_addin.core.errors import (
    LscbError,
    NotAMasterWorkbook,
    OutputError,
    UnreadableWorkbook,
    WorkbookError,
)

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "main",
    "LscbError",
    "WorkbookError",
    "UnreadableWorkbook",
    "NotAMasterWorkbook",
    "OutputError",
]


def main() -> None:
    """The desktop add-in's button (``xl_addin.xlam`` runs ``import xl_addin; xl_addin.main()``).

    xlwings calls the module named after the .xlam file; the work is in ``addin.desktop``.
    """
    from xl_addin.addin.desktop import main as run_desktop

    run_desktop()

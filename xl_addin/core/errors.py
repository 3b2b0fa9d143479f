"""The one family of errors the tool raises on purpose.

Every error the CLI or the add-in shows to a person derives from :class:`LscbError`,
and its message is written for that person: it names the file, sheet or cell and says
what to do. Nothing else should escape as a traceback.

Tree::

    LscbError
    ├── WorkbookError                  the input cannot be used as a master workbook (exit 2)
    │   ├── UnreadableWorkbook         missing, not .xlsx, corrupt, encrypted, too large, hostile
    │   └── NotAMasterWorkbook         a readable spreadsheet, but not laid out as ours
    ├── OutputError                    an output file cannot be written (locked, read-only, ...)
    ├── statutory.FrameworkError       the shipped statutory frameworks file is damaged (exit 3)
    └── ReportError                    the report cannot be built as asked (exit 2)
        ├── WorkbookHasErrors          validation found errors and --draft was not given (exit 1)
        ├── NotReadyToPublish          disagreements not settled, or no publication date,
        │                              and --draft was not given (exit 1)
        ├── TemplateProblem            the Word template lacks a style, a field or the body
        └── PdfError                   LibreOffice is missing, failed or timed out
"""

from __future__ import annotations

__all__ = ["LscbError", "WorkbookError", "UnreadableWorkbook", "NotAMasterWorkbook", "OutputError",
           "ReportError", "WorkbookHasErrors", "NotReadyToPublish", "TemplateProblem", "PdfError"]


class LscbError(Exception):
    """Base class: the message is shown to the user as one clear line."""

    exit_code = 2


class WorkbookError(LscbError):
    """The file cannot be used as an LSCB master workbook."""


class UnreadableWorkbook(WorkbookError):
    """The file cannot be read at all: missing, not an .xlsx, corrupt, encrypted or hostile."""


class NotAMasterWorkbook(WorkbookError):
    """The file is a readable spreadsheet but not an LSCB master workbook."""


class OutputError(LscbError):
    """An output file could not be written."""


class ReportError(LscbError):
    """The report cannot be built as asked."""


class WorkbookHasErrors(ReportError):
    """The workbook has errors, and a finished report was asked for."""

    exit_code = 1


class NotReadyToPublish(ReportError):
    """A final report was asked for, but a disagreement is neither corrected nor signed off,
    or Settings give no publication date."""

    exit_code = 1


class TemplateProblem(ReportError):
    """The Word template cannot be filled in."""


class PdfError(ReportError):
    """The PDF could not be made."""

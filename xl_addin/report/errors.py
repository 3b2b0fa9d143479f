"""The errors the report builder raises on purpose, under the tool's one base class.

Tree (below :class:`~xl_addin.errors.LscbError`)::

    ReportError                  the report cannot be built as asked (exit 2)
    ├── WorkbookHasErrors        validation found errors and --draft was not given (exit 1)
    ├── TemplateProblem          the Word template lacks a style, a field or the body
    └── PdfError                 LibreOffice is missing, failed or timed out
"""

from __future__ import annotations

from ..errors import LscbError

__all__ = ["ReportError", "WorkbookHasErrors", "TemplateProblem", "PdfError"]


class ReportError(LscbError):
    """The report cannot be built as asked."""


class WorkbookHasErrors(ReportError):
    """The workbook has errors, and a finished report was asked for."""

    exit_code = 1


class TemplateProblem(ReportError):
    """The Word template cannot be filled in."""


class PdfError(ReportError):
    """The PDF could not be made."""

"""The annual report: what it says (``content``), how it fits the page (``layout``) and the
Word document and PDF (``word``).

    model = build_model(result.data, result.computed, result.findings)   # pure
    xl_addin.jobs.document(result, Path("annual_report_2016-17.docx"))      # the whole job

``content.context`` turns the typed data into a plain :class:`ReportModel` (sections,
tables, figures, charts, notes); ``layout`` measures text and fits the year at a glance to
its page; ``word.render`` fills the Word template, ``word.charts`` draws native charts and
``word.pdf`` asks LibreOffice for a PDF.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from xl_addin.core.errors import PdfError, ReportError, TemplateProblem, WorkbookHasErrors
from xl_addin.schema import Profile

if TYPE_CHECKING:  # imported when first used: validation needs only the layout
    from xl_addin.report.content.blocks import ReportModel
    from xl_addin.report.content.context import TEMPLATE_FIELDS, build_model
    from xl_addin.report.word.pdf import INSTALL_LINE, convert_to_pdf

_HOME = {"build_model": "content.context", "TEMPLATE_FIELDS": "content.context",
         "ReportModel": "content.blocks", "convert_to_pdf": "word.pdf",
         "INSTALL_LINE": "word.pdf"}

__all__ = [
    "build_model",
    "default_template",
    "convert_to_pdf",
    "Progress",
    "ReportModel",
    "TEMPLATE_FIELDS",
    "INSTALL_LINE",
    "ReportError",
    "WorkbookHasErrors",
    "TemplateProblem",
    "PdfError",
]

Progress = Callable[[str, int, int], None]  # (what is being done, steps done, steps in all)


def default_template(profile: Profile | None = None) -> Path:
    """The profile's Word template: beside the profile file, else in word_templates/."""
    name = profile.template if profile is not None else "annual_report.docx"
    if profile is not None and profile.source:
        beside = Path(profile.source).parent / name
        if beside.is_file():
            return beside
    return Path(str(files("xl_addin.word_templates").joinpath(name)))


def __getattr__(name: str) -> object:
    if name in _HOME:
        return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

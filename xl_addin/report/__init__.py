"""The annual report: context (pure), charts, and the Word document.

    result = validate(read_workbook(path))          # validation also computes
    build_report(result, Path("annual_report_2016-17.docx"))
    convert_to_pdf(Path("annual_report_2016-17.docx"), Path("annual_report_2016-17.pdf"))

Layers: ``context`` turns the typed data into a plain :class:`ReportModel` (with
``figures``, ``sources``, ``tables``, ``series``, ``reviews`` and ``plan``); ``charts`` draws
its charts; ``render`` fills the Word template; ``pdf`` asks LibreOffice for a PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from ..io.atomic import write_atomic
from ..io.outputs import check_folder
from ..validate import Result
from .context import TEMPLATE_FIELDS, build_model
from .errors import PdfError, ReportError, TemplateProblem, WorkbookHasErrors
from .model import Chart, ReportModel
from .pdf import INSTALL_LINE, convert_to_pdf

__all__ = [
    "build_report",
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


def default_template() -> Path:
    """The shipped template, word_templates/annual_report.docx."""
    return Path(str(files("xl_addin.word_templates").joinpath("annual_report.docx")))


def build_report(result: Result, out: Path, *, template: Path | None = None,
                 draft: bool = False, progress: Progress | None = None) -> Path:
    """Write the annual report for ``result`` to ``out`` (.docx), whole or not at all.

    A workbook with errors is refused (:class:`WorkbookHasErrors`) unless ``draft``; a
    draft carries a banner and an appendix listing every finding. The output's folder is
    checked before the report is built; whether an existing ``out`` may be replaced is the
    caller's decision (``lscb-report build`` asks for ``--force``).
    """
    from .render import render  # imported here: it brings in matplotlib and docxtpl

    if result.errors and not draft:
        raise WorkbookHasErrors(f"The workbook has {len(result.errors)} error(s), so the report "
                                "was not built. Fix them, or build a draft with --draft.")
    folder = Path(out).parent if str(Path(out).parent) else Path(".")
    check_folder(folder, Path(out).name)  # before the work, not after it
    model = build_model(result.data, result.computed, result.findings, draft=draft)
    total = len(model.sections) + _charts(model) + 2
    done = 0

    def step(what: str) -> None:
        nonlocal done
        if progress is not None:
            progress(what, done, total)
        done += 1

    data = render(model, template or default_template(), step)
    step(f"Saving {Path(out).name}")
    write_atomic(Path(out), lambda handle: handle.write(data))
    if progress is not None:
        progress("Done", total, total)
    return Path(out)


def _charts(model: ReportModel) -> int:
    return sum(isinstance(b, Chart) for s in model.sections for b in s.blocks)

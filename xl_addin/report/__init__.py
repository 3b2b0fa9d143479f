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
from typing import BinaryIO

from ..disclosure import wants_suppression
from ..io.atomic import write_atomic
from ..io.outputs import check_folder
from ..schema import Profile
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


def default_template(profile: Profile | None = None) -> Path:
    """The profile's Word template: beside the profile file, else in word_templates/."""
    name = profile.template if profile is not None else "annual_report.docx"
    if profile is not None and profile.source:
        beside = Path(profile.source).parent / name
        if beside.is_file():
            return beside
    return Path(str(files("xl_addin.word_templates").joinpath(name)))


def build_report(result: Result, out: Path, *, template: Path | None = None,
                 draft: bool = False, progress: Progress | None = None,
                 warn: Callable[[str], None] | None = None,
                 suppress_small_numbers: bool | None = None) -> Path:
    """Write the annual report for ``result`` to ``out`` (.docx), whole or not at all.

    A workbook with errors is refused (:class:`WorkbookHasErrors`) unless ``draft``; a
    draft carries a banner and an appendix listing every finding. A section the profile has
    but the template does not place is named through ``warn`` (and listed in a draft). The
    output's folder is checked before the report is built; whether an existing ``out`` may
    be replaced is the caller's decision (``lscb-report build`` asks for ``--force``).
    ``suppress_small_numbers`` prints child-level counts of 1 to 5 as "c" (with whatever
    would give them away); None follows the Settings switch.
    """
    from .render import render, template_layout  # imported here: docxtpl is heavy

    if result.errors and not draft:
        raise WorkbookHasErrors(f"The workbook has {len(result.errors)} error(s), so the report "
                                "was not built. Fix them, or build a draft with --draft.")
    folder = Path(out).parent if str(Path(out).parent) else Path(".")
    check_folder(folder, Path(out).name)  # before the work, not after it
    profile = result.data.profile
    template = template or default_template(result.profile or profile)
    layout = template_layout(template, profile)
    area = str(result.data.facts.get("area") or "the area")
    missing = [profile.section(i).heading(area) for i in layout.missing]
    if missing and warn is not None:
        warn(f"The Word template {Path(template).name} does not place "
             f"{len(missing)} section(s), so the report leaves them out: "
             + "; ".join(missing) + ". Add their {{p section_<id> }} tags to the template.")
    suppress = wants_suppression(result.data.facts) if suppress_small_numbers is None \
        else suppress_small_numbers
    enabled = [s.id for s in profile.enabled_sections()]
    order = [i for _, ids in layout.order(enabled) for i in ids]
    model = build_model(result.data, result.computed, result.findings, draft=draft,
                        missing_sections=missing, order=order, suppress=suppress)
    total = len(model.sections) + _charts(model) + 2
    done = 0

    def step(what: str) -> None:
        nonlocal done
        if progress is not None:
            progress(what, done, total)
        done += 1

    data = render(model, template, layout, step)
    step(f"Saving {Path(out).name}")
    def write(handle: BinaryIO) -> None:
        handle.write(data)

    write_atomic(Path(out), write)
    if progress is not None:
        progress("Done", total, total)
    return Path(out)


def _charts(model: ReportModel) -> int:
    return sum(isinstance(b, Chart) for s in model.sections for b in s.blocks)

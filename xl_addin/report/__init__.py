"""The annual report: context (pure), charts, and the Word document.

    result = validate(read_workbook(path))          # validation also computes
    build_report(result, Path("annual_report_2016-17.docx"))
    convert_to_pdf(Path("annual_report_2016-17.docx"), Path("annual_report_2016-17.pdf"))

Layers: ``context`` turns the typed data into a plain :class:`ReportModel` (with
``figures``, ``sources``, ``tables``, ``series``, ``reviews`` and ``plan``); ``charts`` draws
its charts; ``render`` fills the Word template; ``pdf`` asks LibreOffice for a PDF.
"""

from __future__ import annotations

import datetime as dt
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
from .house import tidy_model
from .model import Block, Chart, Detail, ReportModel, Table
from .pdf import INSTALL_LINE, convert_to_pdf, pdf_bytes

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
                 workbook_folder: Path | None = None, page_numbers: bool = False,
                 pdf: Path | None = None, today: dt.date | None = None,
                 suppress_small_numbers: bool | None = None,
                 written: Callable[[Path], None] | None = None) -> Path:
    """Write the annual report for ``result`` to ``out`` (.docx), whole or not at all.

    A workbook with errors is refused (:class:`WorkbookHasErrors`) unless ``draft``; a
    draft carries a banner and an appendix listing every finding. A section the profile has
    but the template does not place is named through ``warn`` (and listed in a draft).
    ``workbook_folder`` is where a logo file named in Settings is looked for. With
    ``page_numbers`` or ``pdf``, LibreOffice lays the report out once: the contents get
    their page numbers, and ``pdf`` (if given) is written from that same layout. The
    output's folder is checked before the report is built; whether an existing ``out`` may
    be replaced is the caller's decision (``lscb-report build`` asks for ``--force``).
    ``suppress_small_numbers`` prints child-level counts of 1 to 5 as "c" (with whatever
    would give them away); None follows the Settings switch. ``written`` is told each file
    as soon as it is whole on disc (so that an interrupt can say what was written).
    """
    from .logo import read_logo
    from .render import cover_logo, open_template, render, template_layout  # docxtpl: heavy

    if result.errors and not draft:
        raise WorkbookHasErrors(f"The workbook has {len(result.errors)} error(s), so the report "
                                "was not built. Fix them, or build a draft with --draft.")
    folder = Path(out).parent if str(Path(out).parent) else Path(".")
    check_folder(folder, Path(out).name)  # before the work, not after it
    profile = result.data.profile
    template = template or default_template(result.profile or profile)
    opened = open_template(template)
    layout = template_layout(opened, profile)
    area = str(result.data.facts.get("area") or "the area")
    missing = [profile.section(i).heading(area) for i in layout.missing]
    if missing and warn is not None:
        warn(f"The Word template {Path(template).name} does not place "
             f"{len(missing)} section(s), so the report leaves them out: "
             + "; ".join(missing) + ". Add their {{p section_<id> }} tags to the template.")
    logo = read_logo(result.data, workbook_folder)
    suppress = wants_suppression(result.data.facts) if suppress_small_numbers is None \
        else suppress_small_numbers
    enabled = [s.id for s in profile.enabled_sections()]
    order = [i for _, ids in layout.order(enabled) for i in ids]
    model = tidy_model(build_model(result.data, result.computed, result.findings, draft=draft,
                                   missing_sections=missing, order=order, suppress=suppress,
                                   today=today))
    laid_out = page_numbers or pdf is not None
    total = _steps(model, layout.appendices) + 2 + (2 if laid_out else 0)
    done = 0

    def step(what: str) -> None:
        nonlocal done
        if progress is not None:
            progress(what, done, total)
        done += 1

    extra = {"logo": cover_logo(logo, f"{model.fields['board_name']} logo")}
    data = render(model, opened, layout, step, extra=extra)
    made_pdf = None
    if laid_out:
        # the .docx is saved first, so that if the layout fails or is stopped (Ctrl-C) the
        # report is there, with the page-number fields Word fills in; it is then saved again
        # with the numbers
        _write(Path(out), data)
        if written is not None:
            written(Path(out))
        step("Laying out the pages (LibreOffice)")
        try:
            made_pdf = pdf_bytes(data, Path(out).name)
        except PdfError as problem:
            if pdf is not None:  # the .docx is written; the PDF's problem is told
                raise
            if warn is not None:
                warn(f"{problem} The contents keep their page-number fields for Word.")
        step("Writing the page numbers into the contents")
        if made_pdf is not None:
            data = _numbered(data, made_pdf, warn)
    step(f"Saving {Path(out).name}")
    _write(Path(out), data)
    if pdf is not None and made_pdf is not None:
        _write(Path(pdf), made_pdf)
    if progress is not None:
        progress("Done", total, total)
    return Path(out)


def _write(path: Path, data: bytes) -> None:
    def write(handle: BinaryIO) -> None:
        handle.write(data)

    write_atomic(path, write)


def _numbered(data: bytes, pdf: bytes, warn: Callable[[str], None] | None) -> bytes:
    from ..io.atomic import normalise_zip
    from .pages import contents_entries, heading_pages, pdf_pages_text, with_page_numbers

    pages = pdf_pages_text(pdf)
    if pages is None:
        if warn is not None:
            warn("pdftotext (poppler-utils) is not installed, so the contents keep their "
                 "page-number fields for Word to fill in.")
        return data
    entries = contents_entries(data)
    numbers = heading_pages(pages, [text for _, text in entries])
    return normalise_zip(with_page_numbers(
        data, {bookmark: n for (bookmark, _), n in zip(entries, numbers, strict=True) if n}))


def _steps(model: ReportModel, appendices: set[str]) -> int:
    """Progress steps of the writing: a section, a chart, a detail moved to an appendix."""
    def count(blocks: tuple[Block, ...], section: str) -> int:
        n = 0
        for block in blocks:
            if isinstance(block, Chart):
                n += 1
            elif isinstance(block, Table) and block.beside is not None:
                n += 1
            elif isinstance(block, Detail):
                n += count(block.blocks, section) + (section in appendices)
        return n

    return sum(1 + count(s.blocks, s.id) for s in model.sections)

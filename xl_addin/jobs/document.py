"""Build the report: the Word document (and, if asked, the PDF) from a checked workbook.

    result = validate_file(Path("board_2016-17.xlsx"))
    build(result, Path("annual_report_2016-17.docx"), BuildOptions(pdf=Path("report.pdf")))

The CLI's ``lscb-report build`` and the add-in's Build report both call :func:`build`; what
they differ in (where the file goes, how progress is shown) is in their
:class:`BuildOptions` and :class:`BuildEvents`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from xl_addin.core.errors import NotReadyToPublish, PdfError, WorkbookHasErrors
from xl_addin.core.findings import Finding
from xl_addin.disclosure import wants_suppression
from xl_addin.files.atomic import write_atomic
from xl_addin.files.outputs import check_folder
from xl_addin.jobs.checked import Result, appendices
from xl_addin.report import Progress, build_model, default_template
from xl_addin.report.content.blocks import Block, Chart, Detail, ReportModel, Table
from xl_addin.report.content.house import tidy_model
from xl_addin.report.content.references import reference_findings
from xl_addin.report.word.pdf import pdf_bytes
from xl_addin.report.word.properties import finish_properties

__all__ = ["build", "BuildOptions", "BuildEvents", "report_name", "refuse_unpublishable",
           "publication_date", "LISTED_OPEN"]

LISTED_OPEN = 10  # open disagreements named in the message that refuses a final report


@dataclass(frozen=True)
class BuildOptions:
    """What to build.

    ``draft``: a workbook with errors, open disagreements or no publication date is built
    anyway, with a banner and an appendix listing every finding (without it, those refuse
    the build: :func:`refuse_unpublishable`).
    ``template``: the Word template (default: the profile's). ``pdf``: also write this PDF,
    laid out by LibreOffice. ``page_numbers``: store the contents' page numbers (one
    LibreOffice layout, as for the PDF). ``suppress_small_numbers``: print child-level counts
    of 1 to 5 as "c", with whatever would give them away; None follows the Settings switch.
    ``workbook_folder``: where a logo file named in Settings is looked for. ``today``: the
    date the report is built on, which a draft without a publication date gives as its
    created and modified dates (tests fix it; by default, the time of the build).
    """

    draft: bool = False
    template: Path | None = None
    pdf: Path | None = None
    page_numbers: bool = False
    suppress_small_numbers: bool | None = None
    workbook_folder: Path | None = None
    today: dt.date | None = None


@dataclass(frozen=True)
class BuildEvents:
    """What the build tells its caller while it works (each optional).

    ``progress(what, done, total)`` after each step; ``warn(message)`` for a problem that does
    not stop the build (a section the template leaves out, a PDF layout that failed);
    ``written(path)`` as soon as a file is whole on disc, so that an interrupt can say what
    was written."""

    progress: Progress | None = None
    warn: Callable[[str], None] | None = None
    written: Callable[[Path], None] | None = None


def build(result: Result, out: Path, options: BuildOptions | None = None,
          events: BuildEvents | None = None) -> Path:
    """Write the annual report for ``result`` to ``out`` (.docx), whole or not at all.

    A section the profile has but the template does not place is named through
    ``events.warn`` (and listed in a draft). The output's folder is checked before the report
    is built; whether an existing ``out`` may be replaced is the caller's decision
    (``lscb-report build`` asks for ``--force``).
    """
    options = options or BuildOptions()
    events = events or BuildEvents()
    from xl_addin.report.word.logo import read_logo
    from xl_addin.report.word.render import (  # docxtpl: heavy
        cover_logo,
        open_template,
        render,
        template_layout,
    )

    draft, template, pdf = options.draft, options.template, options.pdf
    if not draft:
        refuse_unpublishable(result)
    folder = Path(out).parent if str(Path(out).parent) else Path(".")
    check_folder(folder, Path(out).name)  # before the work, not after it
    profile = result.data.profile
    template = template or default_template(result.profile or profile)
    opened = open_template(template)
    layout = template_layout(opened, profile)
    area = str(result.data.facts.get("area") or "the area")
    missing = [profile.section(i).heading(area) for i in layout.missing]
    if missing and events.warn is not None:
        events.warn(f"The Word template {Path(template).name} does not place "
             f"{len(missing)} section(s), so the report leaves them out: "
             + "; ".join(missing) + ". Add their {{p section_<id> }} tags to the template.")
    if options.template is not None and events.warn is not None:
        # the checks assumed the profile's template; this one may move other appendices
        for finding in reference_findings(result.data, appendices(
                result.data, profile, result.coverage, options.template, draft)):
            if finding not in result.findings:
                events.warn(finding.message)
    logo = read_logo(result.data, options.workbook_folder)
    suppress = wants_suppression(result.data.facts) \
        if options.suppress_small_numbers is None else options.suppress_small_numbers
    enabled = [s.id for s in profile.enabled_sections()]
    order = [i for _, ids in layout.order(enabled) for i in ids]
    model = tidy_model(build_model(result.data, result.computed, result.findings, draft=draft,
                                   missing_sections=missing, order=order, suppress=suppress))
    laid_out = options.page_numbers or pdf is not None
    total = _steps(model, layout.appendices) + 2 + (2 if laid_out else 0)
    done = 0

    def step(what: str) -> None:
        nonlocal done
        if events.progress is not None:
            events.progress(what, done, total)
        done += 1

    extra = {"logo": cover_logo(logo, f"{model.fields['board_name']} logo")}
    data = render(model, opened, layout, step, extra=extra)
    made_pdf = None
    stored = False  # whether the contents' page numbers are written in
    when = publication_date(result) or options.today or \
        dt.datetime.now(dt.UTC).replace(microsecond=0)
    if laid_out:
        # the .docx is saved first, so that if the layout fails or is stopped (Ctrl-C) the
        # report is there, with the page-number fields Word fills in; it is then saved again
        # with the numbers
        _write(Path(out), finish_properties(data, when, pages_stored=False))
        if events.written is not None:
            events.written(Path(out))
        step("Laying out the pages (LibreOffice)")
        try:
            data, made_pdf = _laid_out(data, Path(out).name)
        except PdfError as problem:
            if pdf is not None:  # the .docx is written; the PDF's problem is told
                raise
            if events.warn is not None:
                events.warn(f"{problem} The contents keep their page-number fields for Word.")
        step("Writing the page numbers into the contents")
        if made_pdf is not None:
            data, stored = _numbered(data, made_pdf, events.warn)
    step(f"Saving {Path(out).name}")
    _write(Path(out), finish_properties(data, when, pages_stored=stored))
    if pdf is not None and made_pdf is not None:
        _write(Path(pdf), made_pdf)
    if events.progress is not None:
        events.progress("Done", total, total)
    return Path(out)



def publication_date(result: Result) -> dt.date | None:
    """The day Settings say the report is published, if they give one."""
    value = result.data.facts.get("publication_date")
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def refuse_unpublishable(result: Result) -> None:
    """Raise unless a final report may be built: no errors (:class:`WorkbookHasErrors`),
    every disagreement corrected or signed off, and a publication date on Settings
    (:class:`NotReadyToPublish`)."""
    if result.errors:
        raise WorkbookHasErrors(f"The workbook has {len(result.errors)} error(s), so the report "
                                "was not built. Fix them, or build a draft with --draft.")
    open_ = result.unsettled
    if open_:
        listed = "; ".join(_open_line(f) for f in open_[:LISTED_OPEN])
        more = f"; and {len(open_) - LISTED_OPEN} more" if len(open_) > LISTED_OPEN else ""
        raise NotReadyToPublish(
            f"The workbook has {len(open_)} disagreement(s) neither corrected nor signed off, "
            f"so the report was not built: {listed}{more}. Correct each one, or sign it off "
            "on the Sign-off tab with its key; or build a draft with --draft.")
    if publication_date(result) is None:
        raise NotReadyToPublish(
            "Settings give no publication date, so the report was not built: type the day "
            "it will be published as 'Publication date' on the Settings tab, or build a "
            "draft with --draft." + ("" if "publication_date" in result.data.fact_places else
                                     " (The board's profile has no such setting: add "
                                     "publication_date to its Settings table, a date.)"))


def _open_line(finding: Finding) -> str:
    return f"'{finding.sheet}'!{finding.cell} (key: {finding.key})"


def _laid_out(data: bytes, name: str) -> tuple[bytes, bytes]:
    """The report and its PDF, laid out by LibreOffice, and again after keeping tables'
    first and last rows together where the layout split them (report.word.keep)."""
    from xl_addin.report.word.keep import ROUNDS, keep_rows, row_problems

    made = pdf_bytes(data, name)
    for _ in range(ROUNDS):
        problems = row_problems(made)
        if not problems:
            break
        data = keep_rows(data, problems)
        made = pdf_bytes(data, name)
    return data, made


def _write(path: Path, data: bytes) -> None:
    def write(handle: BinaryIO) -> None:
        handle.write(data)

    write_atomic(path, write)


def _numbered(data: bytes, pdf: bytes,
              warn: Callable[[str], None] | None) -> tuple[bytes, bool]:
    """The report with the contents' page numbers written in, and whether they were."""
    from xl_addin.report.word.pages import (
        contents_entries,
        heading_pages,
        pdf_pages_text,
        with_page_numbers,
    )

    pages = pdf_pages_text(pdf)
    if pages is None:
        if warn is not None:
            warn("pdftotext (poppler-utils) is not installed, so the contents keep their "
                 "page-number fields for Word to fill in.")
        return data, False
    entries = contents_entries(data)
    numbers = heading_pages(pages, [text for _, text in entries])
    found = {bookmark: n for (bookmark, _), n in zip(entries, numbers, strict=True) if n}
    return with_page_numbers(data, found), len(found) == len(entries)


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


def report_name(result: Result) -> str:
    """The report's file name, as the guidance on Settings names the report and with its
    reporting year: yearly_report_2024-25.docx (annual_report_2016-17.docx under Working
    Together 2015)."""
    from xl_addin.statutory import words

    stem = words(result.data.facts.get("framework")).report.replace(" ", "_")
    year = result.data.facts.get("reporting_year")
    return f"{stem}_{year}.docx" if year else f"{stem}.docx"

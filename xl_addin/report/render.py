"""Fill the Word template with a :class:`ReportModel`: docxtpl for the fields, XML for the body.

The template's own fields (board name, year, draft banner) are filled by docxtpl. The body
and the contents entries are docxtpl subdocuments: python-docx documents that share the
template's part, so they can only use the template's styles and their pictures land in the
template's package. Restyling the template in Word therefore restyles the whole report.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Cm, Length
from docxtpl import DocxTemplate
from docxtpl.subdoc import Subdoc

from ..io.atomic import normalise_zip
from ..palette import RAG_FILLS
from . import docxml
from .charts import HEIGHT_CM, WIDTH_CM, render_png
from .context import LANGUAGE, TEMPLATE_FIELDS
from .errors import TemplateProblem
from .model import (
    Block,
    Chart,
    Heading,
    PageBreak,
    Paragraph,
    ReportModel,
    Section,
    Table,
    TextStyle,
)
from .styles import STYLES, StyleKind

__all__ = ["render", "check_template", "template_context"]

TEXT_STYLES = {TextStyle.PARAGRAPH: "Normal", TextStyle.BULLET: "List Bullet",
               TextStyle.QUOTE: "Quote", TextStyle.NOTE: "Table Note"}
TOC_LEVELS = 2  # headings 1-2 appear in the contents, as the TOC field's \o "1-2" says

Step = Callable[[str], None]


def check_template(template: DocxTemplate) -> None:
    """Refuse a template that lacks a style or the body, or asks for an unknown field."""
    document = template.get_docx()
    present = {(s.name, s.type) for s in document.styles}
    kinds = {StyleKind.PARAGRAPH: WD_STYLE_TYPE.PARAGRAPH, StyleKind.TABLE: WD_STYLE_TYPE.TABLE}
    missing = [s.name for s in STYLES if (s.name, kinds[s.kind]) not in present]
    if missing:
        raise TemplateProblem(f"The Word template has no style named {', '.join(missing)}. "
                              "Restore it (restyle it rather than deleting or renaming it).")
    used = template.get_undeclared_template_variables()
    known = {f.name for f in TEMPLATE_FIELDS}
    if used - known:
        raise TemplateProblem(f"The Word template uses {', '.join(sorted(used - known))}, which "
                              "the report does not provide; see docs/template-fields.md.")
    if "body" not in used:
        raise TemplateProblem("The Word template has no {{p body }} paragraph, so the report "
                              "would be empty; put it back where the report should start.")


def template_context(model: ReportModel, template: DocxTemplate,
                     step: Step = lambda _: None) -> dict[str, object]:
    """Everything the template's tags refer to: the model's fields and the two subdocuments."""
    body = _BodyWriter(template, step)
    for section in model.sections:
        body.section(section)
    return {**model.fields, "body": body.subdoc, "contents": body.contents()}


def render(model: ReportModel, template_path: Path, step: Step = lambda _: None) -> bytes:
    """The finished report as .docx bytes (the same bytes for the same data)."""
    template = _open(template_path)
    check_template(template)
    context = template_context(model, template, step)
    step("Filling in the template")
    template.render(context, autoescape=True)
    # Only Dublin Core properties are set here: docxcompose (docxtpl's subdocument support)
    # remaps python-docx's "cp" prefix on import, which breaks setting cp: properties
    # (keywords, lastModifiedBy); the template sets those (docxcompose issue #101).
    props = template.docx.core_properties  # get_docx() would reload the unfilled template
    props.title = model.title
    props.subject = "Annual report of a Local Safeguarding Children Board"
    props.author = str(model.fields["board_name"])
    props.language = LANGUAGE
    out = io.BytesIO()
    template.save(out)
    return normalise_zip(out.getvalue())


class _BodyWriter:
    """Writes the sections into a subdocument, keeping the headings for the contents."""

    def __init__(self, template: DocxTemplate, step: Step) -> None:
        self.template, self.step = template, step
        document: DocumentObject = template.get_docx()
        self.ids = {s.name: s.style_id for s in document.styles}
        page = document.sections[0]
        self.width = int(Length(page.page_width - page.left_margin - page.right_margin).twips)
        self.subdoc = _subdocument(template)
        self.headings: list[tuple[int, str, str]] = []  # level, text, bookmark
        self.xml: list[str] = []  # blocks written but not yet parsed into the subdocument
        self.page_break = False  # the next paragraph starts a new page

    def section(self, section: Section) -> None:
        self.step(section.title)
        blocks = list(section.blocks)
        new_page = not self.headings  # the first section starts after the contents
        if blocks and isinstance(blocks[0], PageBreak):
            new_page, blocks = True, blocks[1:]
        self._heading(Heading(1, section.title), new_page=new_page)
        for block in blocks:
            self._block(block)
        self._flush()

    def contents(self) -> Subdoc:
        """The contents entries for the headings written so far."""
        entries = _subdocument(self.template)
        entries.element.body.extend(
            docxml.element(docxml.toc_entry(self.ids[f"toc {level}"], text, bookmark))
            for level, text, bookmark in self.headings)
        return entries

    def _block(self, block: Block) -> None:
        if isinstance(block, Heading):
            self._heading(block)
        elif isinstance(block, Paragraph):
            self._paragraph(TEXT_STYLES[block.style], block.text)
        elif isinstance(block, PageBreak):
            self.page_break = True
        elif isinstance(block, Table):
            self._table(block)
        else:
            self._chart(block)

    def _paragraph(self, style: str, text: str) -> None:
        self.xml.append(docxml.paragraph(self.ids[style], text,
                                         page_break_before=self._take_break()))

    def _take_break(self) -> bool:
        taken, self.page_break = self.page_break, False
        return taken

    def _heading(self, heading: Heading, *, new_page: bool = False) -> None:
        bookmark = None
        if heading.level <= TOC_LEVELS:
            number = len(self.headings) + 1
            bookmark = (number, f"_TocLSCB{number:04d}")
            self.headings.append((heading.level, heading.text, bookmark[1]))
        self.xml.append(docxml.paragraph(
            self.ids[f"Heading {heading.level}"], heading.text,
            page_break_before=self._take_break() or new_page, bookmark=bookmark))

    def _table(self, table: Table) -> None:
        self._paragraph("Caption", table.caption)
        total = sum(c.width for c in table.columns)
        widths = [round(self.width * c.width / total) for c in table.columns]
        header = [docxml.XmlCell(c.header, self.ids["Table Heading Number" if c.numeric
                                                    else "Table Heading"])
                  for c in table.columns]

        def cells(row: tuple) -> list[docxml.XmlCell]:  # type: ignore[type-arg]
            return [docxml.XmlCell(cell.text, self.ids["Table Number" if col.numeric
                                                        else "Table Text"],
                                   RAG_FILLS.get(cell.status) if cell.status else None)
                    for cell, col in zip(row, table.columns, strict=True)]

        self.xml.append(docxml.table(self.ids["LSCB Table"], table.caption, widths, header,
                                     [cells(r) for r in table.rows],
                                     cells(table.total) if table.total else None))
        # notes, or an empty note for the space below the table (and to keep the next table
        # from joining this one)
        for note in table.notes or ("",):
            self.xml.append(docxml.paragraph(self.ids["Table Note"], note))

    def _chart(self, chart: Chart) -> None:
        self.step(f"Drawing: {chart.caption}")
        self._flush()
        inline = self.subdoc.part.new_pic_inline(io.BytesIO(render_png(chart)), Cm(WIDTH_CM),
                                                 Cm(HEIGHT_CM))
        self.subdoc.element.body.append(docxml.picture_paragraph(
            self.ids["Figure"], inline, chart.alt_text, chart.caption))
        self._paragraph("Caption", chart.caption)

    def _flush(self) -> None:
        # one parse per block: each parsed element then carries its namespace declarations,
        # and lxml moves it into the body at once (moving the children of a parsed wrapper
        # instead costs time that grows with the square of their size)
        self.subdoc.element.body.extend(docxml.element(xml) for xml in self.xml)
        self.xml.clear()


def _open(path: Path) -> DocxTemplate:
    if not Path(path).is_file():
        raise TemplateProblem(f"Cannot find the Word template {path}.")
    template = DocxTemplate(path)
    try:
        template.get_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateProblem(f"{Path(path).name} is not a Word document (.docx) the report "
                              "can be built into.") from exc
    return template


def _subdocument(template: DocxTemplate) -> Subdoc:
    """An empty subdocument; its own page setup (w:sectPr) is never used, so it goes."""
    subdoc = template.new_subdoc()
    body = subdoc.element.body
    for sect_pr in body.xpath("./w:sectPr"):
        body.remove(sect_pr)
    return subdoc

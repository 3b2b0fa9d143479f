"""Fill the Word template with a :class:`ReportModel`: docxtpl for the fields, XML for the body.

The template's own fields (board name, year, draft banner) are filled by docxtpl. The body
and the contents entries are docxtpl subdocuments: python-docx documents that share the
template's part, so they can only use the template's styles and their pictures land in the
template's package. Restyling the template in Word therefore restyles the whole report.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.shared import Cm, Length
from docxtpl import DocxTemplate
from docxtpl.subdoc import Subdoc

from ..io.atomic import normalise_zip
from ..palette import RAG_FILLS
from ..schema import Profile
from . import docxml
from .charts import HEIGHT_CM, WIDTH_CM, render_png
from .context import APPENDIX_IDS, LANGUAGE, TEMPLATE_FIELDS
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

__all__ = ["render", "check_template", "template_context", "template_layout", "Layout",
           "BODY", "TAG"]

TEXT_STYLES = {TextStyle.PARAGRAPH: "Normal", TextStyle.BULLET: "List Bullet",
               TextStyle.QUOTE: "Quote", TextStyle.NOTE: "Table Note"}
TOC_LEVELS = 2  # headings 1-2 appear in the contents, as the TOC field's \o "1-2" says
BODY = "body"
TAG = re.compile(r"\{\{p\s+(section_[a-z][a-z0-9_]*|body)\s*\}\}")

Step = Callable[[str], None]


@dataclass(frozen=True)
class Layout:
    """Where the Word template places the report's sections, in its own order."""

    tags: tuple[str, ...]  # "section_<id>" and "body", as they stand in the template
    missing: tuple[str, ...]  # ids of sections switched on in the profile but not placed

    def order(self, ids: Sequence[str]) -> list[tuple[str, list[str]]]:
        """(tag, section ids it prints) in the template's order; ``ids`` are the report's."""
        placed = {tag[len("section_"):] for tag in self.tags if tag != BODY}
        body = [i for i in ids if i not in placed]
        return [(tag, body if tag == BODY else [tag[len("section_"):]])
                for tag in self.tags]


def template_layout(path: Path, profile: Profile) -> Layout:
    """The section tags the template holds, in order, and the sections it leaves out."""
    template = _open(path)
    tags = _tags(template.get_docx())
    known = {s.tag for s in profile.sections}
    unknown = [t for t in tags if t != BODY and t not in known]
    if unknown:
        raise TemplateProblem(
            f"The Word template places {', '.join('{{p ' + t + ' }}' for t in unknown)}, "
            f"but the board profile '{profile.name}' has no such section. Delete the tag, or "
            "correct it (see the template fields document).")
    twice = sorted({t for t in tags if tags.count(t) > 1})
    if twice:
        raise TemplateProblem(f"The Word template places {', '.join(twice)} more than once; "
                              "keep one of each.")
    if not tags:
        raise TemplateProblem("The Word template has no {{p body }} paragraph and no section "
                              "tags, so the report would be empty; put {{p body }} back where "
                              "the report should start.")
    missing = () if BODY in tags else tuple(
        s.id for s in profile.enabled_sections() if s.tag not in tags)
    return Layout(tuple(tags), missing)


def _tags(document: DocumentObject) -> list[str]:
    """Every section and body tag, in document order (tables included)."""
    found: list[str] = []
    for paragraph in document.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        found += [m.group(1) for m in TAG.finditer(text)]
    return found


def check_template(template: DocxTemplate, section_tags: Iterable[str] = ()) -> None:
    """Refuse a template that lacks a style, or asks for a field the report does not fill."""
    document = template.get_docx()
    present = {(s.name, s.type) for s in document.styles}
    kinds = {StyleKind.PARAGRAPH: WD_STYLE_TYPE.PARAGRAPH, StyleKind.TABLE: WD_STYLE_TYPE.TABLE}
    missing = [s.name for s in STYLES if (s.name, kinds[s.kind]) not in present]
    if missing:
        raise TemplateProblem(f"The Word template has no style named {', '.join(missing)}. "
                              "Restore it (restyle it rather than deleting or renaming it).")
    used = template.get_undeclared_template_variables()
    known = {f.name for f in TEMPLATE_FIELDS} | set(section_tags)
    if used - known:
        raise TemplateProblem(f"The Word template uses {', '.join(sorted(used - known))}, which "
                              "the report does not provide; see the template fields document.")


def template_context(model: ReportModel, template: DocxTemplate, layout: Layout,
                     step: Step = lambda _: None) -> dict[str, object]:
    """Everything the template's tags refer to: the model's fields and the subdocuments.

    Sections are numbered in the order the template places them, so the headings, their
    numbers and the contents all follow the comms team's order.
    """
    writer = _Writer(template, step)
    by_id = {section.id: section for section in model.sections}
    context: dict[str, object] = dict(model.fields)
    number = 0
    subdocs: list[Subdoc] = []
    for tag, ids in layout.order([s.id for s in model.sections]):
        out = writer.new()
        for section_id in ids:
            section = by_id.get(section_id)
            if section is None:
                continue  # switched off, or nothing to print: the tag stays empty
            if section.id not in APPENDIX_IDS:
                number += 1
            out.section(replace(section, number=None if section.id in APPENDIX_IDS
                                else number))
        out.flush()
        context[tag] = out.subdoc
        subdocs.append(out.subdoc)
    appendices = [by_id[i] for i in APPENDIX_IDS if i in by_id]
    if appendices and BODY not in layout.tags and subdocs:
        out = writer.resume(subdocs[-1])
        for appendix in appendices:
            out.section(appendix)
        out.flush()
    context["contents"] = writer.contents()
    return context


def render(model: ReportModel, template_path: Path, layout: Layout,
           step: Step = lambda _: None) -> bytes:
    """The finished report as .docx bytes (the same bytes for the same data)."""
    template = _open(template_path)
    check_template(template, layout.tags)
    context = template_context(model, template, layout, step)
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


class _Writer:
    """What every section's subdocument shares: styles, page width and the contents."""

    def __init__(self, template: DocxTemplate, step: Step) -> None:
        self.template, self.step = template, step
        document: DocumentObject = template.get_docx()
        self.ids = {s.name: s.style_id for s in document.styles}
        page = document.sections[0]
        usable = (page.page_width or 0) - (page.left_margin or 0) - (page.right_margin or 0)
        self.width = int(Length(usable).twips)
        self.headings: list[tuple[int, str, str]] = []  # level, text, bookmark

    def new(self) -> _SubdocWriter:
        return _SubdocWriter(self, _subdocument(self.template))

    def resume(self, subdoc: Subdoc) -> _SubdocWriter:
        return _SubdocWriter(self, subdoc)

    def contents(self) -> Subdoc:
        """The contents entries for the headings written so far."""
        entries = _subdocument(self.template)
        entries.element.body.extend(
            docxml.element(docxml.toc_entry(self.ids[f"toc {level}"], text, bookmark))
            for level, text, bookmark in self.headings)
        return entries


class _SubdocWriter:
    """Writes sections into one subdocument, recording the headings for the contents."""

    def __init__(self, shared: _Writer, subdoc: Subdoc) -> None:
        self.shared, self.subdoc = shared, subdoc
        self.ids, self.width = shared.ids, shared.width
        self.xml: list[str] = []  # blocks written but not yet parsed into the subdocument
        self.page_break = False  # the next paragraph starts a new page

    def section(self, section: Section) -> None:
        self.shared.step(section.title)
        blocks = list(section.blocks)
        new_page = not self.shared.headings  # the first section starts after the contents
        if blocks and isinstance(blocks[0], PageBreak):
            new_page, blocks = True, blocks[1:]
        self._heading(Heading(1, section.title), new_page=new_page)
        for block in blocks:
            self._block(block)
        self.flush()

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
            number = len(self.shared.headings) + 1
            bookmark = (number, f"_TocLSCB{number:04d}")
            self.shared.headings.append((heading.level, heading.text, bookmark[1]))
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
        self.shared.step(f"Drawing: {chart.caption}")
        self.flush()
        inline = self.subdoc.part.new_pic_inline(io.BytesIO(render_png(chart)), Cm(WIDTH_CM),
                                                 Cm(HEIGHT_CM))
        self.subdoc.element.body.append(docxml.picture_paragraph(
            self.ids["Figure"], inline, chart.alt_text, chart.caption))
        self._paragraph("Caption", chart.caption)

    def flush(self) -> None:
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

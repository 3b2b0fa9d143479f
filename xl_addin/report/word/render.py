"""Fill the Word template with a :class:`ReportModel`: docxtpl for the fields, XML for the body.

The template's own fields (board name, year, draft banner) are filled by docxtpl. The body
and the contents entries are docxtpl subdocuments: python-docx documents that share the
template's part, so they can only use the template's styles and their pictures land in the
template's package. Restyling the template in Word therefore restyles the whole report.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Length
from docxtpl import DocxTemplate
from lxml import etree

from xl_addin.core.errors import TemplateProblem
from xl_addin.core.palette import RAG_FILLS
from xl_addin.files.atomic import normalise_zip
from xl_addin.report.content.blocks import (
    Block,
    Chart,
    Columns,
    Detail,
    Heading,
    PageBreak,
    Paragraph,
    ReportModel,
    Section,
    Table,
    TextStyle,
    Tiles,
)
from xl_addin.report.content.context import APPENDIX_IDS, LANGUAGE, TEMPLATE_FIELDS
from xl_addin.report.content.links import split_links
from xl_addin.report.content.references import appendix_letters, appendix_title
from xl_addin.report.layout import measure
from xl_addin.report.word import docxml
from xl_addin.report.word.charts import HEIGHT_CM, WIDTH_CM, add_chart, inline_xml
from xl_addin.report.word.template_styles import STYLES, StyleKind
from xl_addin.report.word.theme import Theme, read_theme
from xl_addin.schema import Profile

__all__ = ["render", "open_template", "cover_logo", "check_template", "template_context",
           "template_layout", "Layout", "BODY", "TAG", "APPENDIX_TAG", "TOC_LEVELS"]

TEXT_STYLES = {TextStyle.PARAGRAPH: "Normal", TextStyle.BULLET: "List Bullet",
               TextStyle.QUOTE: "Quote", TextStyle.NOTE: "Table Note",
               TextStyle.POINT: "Glance Point"}
TOC_LEVELS = 1  # section headings only, so the contents fit on one page
BODY = "body"
APPENDIX_TAG = "appendix_"
TAG = re.compile(r"\{\{p\s+((?:section|appendix)_[a-z][a-z0-9_]*|body)\s*\}\}")
TABLE_POINTS = 9.5  # the template's Table Text size, for measuring column widths
CELL_PADDING = 2 * 85  # the LSCB Table style's left and right cell margins, in twips
GUTTER = 280  # twips between a table and the chart beside it
TILE_FILL = "DCE6F1"  # the shade of a headline tile (black text on it: 15:1)
SPACE_AFTER_TABLE = 200  # twips between a table or chart and the paragraph under it
TEXT_AFTER = frozenset({"Normal", "List Bullet", "Quote", "Glance Point"})  # need that space
ROW_MARKS = 100_000  # bookmark ids of tables' row marks start here (clear of the contents')
ROW_MARK = "_LSCBTable"  # ... and their names: _LSCBTable0012H

Step = Callable[[str], None]


@dataclass(frozen=True)
class Layout:
    """Where the Word template places the report's sections, in its own order."""

    tags: tuple[str, ...]  # "section_<id>", "appendix_<id>" and "body", in template order
    missing: tuple[str, ...]  # ids of sections switched on in the profile but not placed

    def order(self, ids: Sequence[str]) -> list[tuple[str, list[str]]]:
        """(tag, section ids it prints) in the template's order; ``ids`` are the report's.
        Appendix tags print no section of their own."""
        placed = {tag[len("section_"):] for tag in self.tags if tag.startswith("section_")}
        body = [i for i in ids if i not in placed]
        return [(tag, body if tag == BODY else
                 [] if tag.startswith(APPENDIX_TAG) else [tag[len("section_"):]])
                for tag in self.tags]

    @property
    def appendices(self) -> set[str]:
        """Ids of the sections whose detail the template moves to an appendix."""
        return {t[len(APPENDIX_TAG):] for t in self.tags if t.startswith(APPENDIX_TAG)}


def template_layout(path: Path | DocxTemplate, profile: Profile) -> Layout:
    """The section tags the template holds, in order, and the sections it leaves out."""
    template = open_template(path)
    tags = _tags(template.get_docx())
    known = {s.tag for s in profile.sections} | {APPENDIX_TAG + s.id for s in profile.sections}
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
    if not any(t == BODY or t.startswith("section_") for t in tags):
        raise TemplateProblem("The Word template places only appendices; put {{p body }} or "
                              "the section tags back where the report should start.")
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
                     step: Step = lambda _: None,
                     pages: Sequence[str] = ()) -> dict[str, object]:
    """Everything the template's tags refer to: the model's fields and the subdocuments.

    Sections are numbered in the order the template places them, so the headings, their
    numbers and the contents all follow the comms team's order. ``pages`` are the contents'
    page numbers, in order, when the report has been laid out once (see pages.py).
    """
    by_id = {section.id: section for section in model.sections}
    letters = appendix_letters(_appendix_order(model, layout))
    writer = _Writer(template, step, layout.appendices, letters)
    context: dict[str, object] = dict(model.fields)
    number = 0
    outs: dict[str, _SubdocWriter] = {}
    # the unnumbered appendices (statutory requirements, a draft's findings) always come
    # last, after everything the template places, whether it uses {{p body }} or not
    for tag, ids in layout.order([s.id for s in model.sections if s.id not in APPENDIX_IDS]):
        if tag.startswith(APPENDIX_TAG):
            continue
        out = outs[tag] = writer.new()
        for section_id in ids:
            section = by_id.get(section_id)
            if section is None:
                continue  # switched off, or nothing to print: the tag stays empty
            if section.id not in APPENDIX_IDS:
                number += 1
            out.section(replace(section, number=None if section.id in APPENDIX_IDS
                                else number))
        out.flush()
    for tag in layout.tags:
        if tag.startswith(APPENDIX_TAG):
            out = outs[tag] = writer.new()
            for detail in writer.details.get(tag[len(APPENDIX_TAG):], []):
                out.appendix(detail, tag[len(APPENDIX_TAG):])
            out.flush()
    appendices = [by_id[i] for i in APPENDIX_IDS if i in by_id]
    if appendices and outs:
        last = outs[next(t for t in reversed(layout.tags) if t in outs)]
        for appendix in appendices:
            last.section(replace(appendix, heading=appendix_title(letters[appendix.id],
                                                                  appendix.heading)))
        last.flush()
    for tag, out in outs.items():
        context[tag] = out.subdoc
    context["logo"] = cover_logo(None, "")(template)  # none; render() may give the logo
    context["contents"] = writer.contents([outs[t] for t in layout.tags], pages)
    return context


def _appendix_order(model: ReportModel, layout: Layout) -> list[str]:
    """The appendices in the order they print, each given its letter from it: the sections'
    details the template moves (in its order), then the unnumbered appendices."""
    detailed = {s.id for s in model.sections if any(isinstance(b, Detail) for b in s.blocks)}
    moved = [t[len(APPENDIX_TAG):] for t in layout.tags if t.startswith(APPENDIX_TAG)]
    ids = {s.id for s in model.sections}
    return [i for i in moved if i in detailed] + [i for i in APPENDIX_IDS if i in ids]


def render(model: ReportModel, template_path: Path | DocxTemplate, layout: Layout,
           step: Step = lambda _: None, pages: Sequence[str] = (),
           extra: Mapping[str, object] | None = None) -> bytes:
    """The finished report as .docx bytes (the same bytes for the same data).

    ``extra`` adds template fields made from the template itself (the cover's logo).
    """
    template = open_template(template_path)
    check_template(template, layout.tags)
    context = template_context(model, template, layout, step, pages)
    for name, make in (extra or {}).items():
        context[name] = make(template) if callable(make) else make
    step("Filling in the template")
    # docxtpl would write every subdocument out as text, run Jinja over the whole report and
    # parse it all again; instead each {{p tag }} gets a marker paragraph, and the
    # subdocument's elements take the marker's place afterwards
    subdocs = {name: value for name, value in context.items() if isinstance(value, _Subdoc)}
    markers = {name: _Marker(i) for i, name in enumerate(subdocs)}
    template.render({**context, **markers}, autoescape=True)
    _splice(template.docx.element.body, {markers[n].text: s for n, s in subdocs.items()})
    _join_field_paragraphs(template.docx.element.body)
    # Only Dublin Core properties are set here: docxcompose (docxtpl's subdocument support)
    # remaps python-docx's "cp" prefix on import, which breaks setting cp: properties
    # (keywords, lastModifiedBy); the template sets those (docxcompose issue #101).
    props = template.docx.core_properties  # get_docx() would reload the unfilled template
    props.title = model.title
    props.subject = model.subject or "Yearly report of the safeguarding partners"
    props.author = str(model.fields["board_name"])
    props.language = LANGUAGE
    out = io.BytesIO()
    template.save(out)
    return normalise_zip(out.getvalue())


class _Writer:
    """What every section's subdocument shares: styles, page width, the theme, the running
    numbers of bookmarks and charts, and the details sent to appendices."""

    def __init__(self, template: DocxTemplate, step: Step,
                 appendices: Iterable[str] = (), letters: Mapping[str, str] | None = None,
                 ) -> None:
        self.template, self.step = template, step
        document: DocumentObject = template.get_docx()
        self.ids = {s.name: s.style_id for s in document.styles}
        page = document.sections[0]
        usable = (page.page_width or 0) - (page.left_margin or 0) - (page.right_margin or 0)
        self.width = int(Length(usable).twips)
        self.part = document.part
        self.theme: Theme = read_theme(self.part)
        self.appendices = set(appendices)
        self.letters = dict(letters or {})  # appendix id -> its letter
        self.details: dict[str, list[Detail]] = {}
        self.bookmarks = 0
        self.shapes = 5000  # wp:docPr ids of charts, clear of the template's own pictures
        self.page_break = False  # the next paragraph starts a new page
        self.sections = 0  # section breaks written (text set in columns)
        self.tables = 0  # data tables written, for their row marks

    def section_break(self, columns: int) -> str:
        """A paragraph ending a section of the page: the report's own page settings, in
        ``columns`` text columns; a section of columns starts on the same page. The first
        break gives the body's last section the same start (the cover, with its first-page
        header, stays in the first section)."""
        body = self.template.get_docx().element.body
        final = body.sectPr
        if final is None:
            raise TemplateProblem("The Word template has no page settings (w:sectPr).")
        mine = copy.deepcopy(final)
        if not self.sections:
            _section_start(final, continuous=True, first_page=False)
        self.sections += 1
        if columns > 1:
            _section_start(mine, continuous=True, first_page=False, columns=columns)
        return (f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>'
                f'{etree.tostring(mine, encoding="unicode")}</w:pPr></w:p>')

    def link(self, address: str) -> str:
        """The relationship id of a web address (one per address)."""
        return str(self.part.relate_to(address, RT.HYPERLINK, is_external=True))

    def new(self) -> _SubdocWriter:
        return _SubdocWriter(self, _subdocument(self.template))

    def take_break(self) -> bool:
        taken, self.page_break = self.page_break, False
        return taken

    def contents(self, writers: Sequence[_SubdocWriter], pages: Sequence[str] = ()) -> _Subdoc:
        """The contents entries for the headings, in the template's order; ``pages`` are
        their page numbers when known."""
        entries = _subdocument(self.template)
        headings = [h for w in writers for h in w.headings]
        numbers = list(pages) if len(pages) == len(headings) else [""] * len(headings)
        entries.roots.extend(
            docxml.element(docxml.toc_entry(self.ids[f"toc {level}"], text, bookmark, page))
            for (level, text, bookmark), page in zip(headings, numbers, strict=True))
        return entries


class _SubdocWriter:
    """Writes sections into one subdocument, recording the headings for the contents."""

    def __init__(self, shared: _Writer, subdoc: _Subdoc) -> None:
        self.shared, self.subdoc = shared, subdoc
        self.ids, self.width = shared.ids, shared.width
        self.xml: list[str] = []  # blocks written but not yet parsed into the subdocument
        self.headings: list[tuple[int, str, str]] = []  # level, text, bookmark
        self.section_id = ""
        self.below_table = False  # the last block was a table or chart: text needs space

    def section(self, section: Section) -> None:
        self.shared.step(section.title)
        self.section_id = section.id
        blocks = list(section.blocks)
        new_page = not self.shared.bookmarks  # the first section starts after the contents
        if blocks and isinstance(blocks[0], PageBreak):
            new_page, blocks = True, blocks[1:]
        self._heading(Heading(1, section.title), new_page=new_page)
        for block in blocks:
            self._block(block)
        self.flush()

    def appendix(self, detail: Detail, section_id: str) -> None:
        """A section's detail, moved to an appendix by the template."""
        self.shared.step(detail.title)
        self._heading(Heading(1, appendix_title(self.shared.letters[section_id], detail.title)),
                      new_page=True)
        for block in detail.blocks:
            self._block(block)
        self.flush()

    def _block(self, block: Block) -> None:
        if isinstance(block, Heading):
            self._heading(block)
        elif isinstance(block, Paragraph):
            self._paragraph(TEXT_STYLES[block.style], block.text)
        elif isinstance(block, PageBreak):
            self.shared.page_break = True
        elif isinstance(block, Table):
            self._table(block)
        elif isinstance(block, Tiles):
            self._tiles(block)
        elif isinstance(block, Detail):
            self._detail(block)
        elif isinstance(block, Columns):
            self._columns(block)
        else:
            self._chart(block)

    def _paragraph(self, style: str, text: str, *, keep_next: bool = False) -> None:
        if not text.strip():
            return  # no empty paragraphs: space comes from the styles
        space = SPACE_AFTER_TABLE if self.below_table and style in TEXT_AFTER else None
        self.below_table = False
        parts = split_links(text)
        runs = None
        if len(parts) > 1 or parts[0][1] is not None:
            runs = docxml.linked_runs([(shown, None if address is None else
                                        self.shared.link(address)) for shown, address in parts])
        self.xml.append(docxml.paragraph(self.ids[style], text, keep_next=keep_next,
                                         page_break_before=self.shared.take_break(),
                                         space_before=space, runs=runs))

    def _heading(self, heading: Heading, *, new_page: bool = False) -> None:
        bookmark = None
        if heading.level <= TOC_LEVELS:
            self.shared.bookmarks += 1
            number = self.shared.bookmarks
            bookmark = (number, f"_TocLSCB{number:04d}")
            self.headings.append((heading.level, heading.text, bookmark[1]))
        self.below_table = False
        self.xml.append(docxml.paragraph(
            self.ids[f"Heading {min(heading.level, 3)}"], heading.text,
            page_break_before=self.shared.take_break() or new_page, bookmark=bookmark))

    def _detail(self, detail: Detail) -> None:
        if self.section_id in self.shared.appendices:
            self.shared.details.setdefault(self.section_id, []).append(detail)
            title = appendix_title(self.shared.letters[self.section_id], detail.title)
            self._paragraph("Normal", detail.pointer.format(title=title))
            return
        for block in detail.blocks:
            self._block(block)

    def _table_xml(self, table: Table, width: int, *, marked: bool = True) -> str:
        texts = [[row[i].text for row in (*table.rows, *((table.total,) if table.total
                                                         else ()))]
                 for i in range(len(table.columns))]
        widths = measure.column_widths(width, [c.width for c in table.columns], texts,
                                       [c.header for c in table.columns], TABLE_POINTS,
                                       CELL_PADDING)
        heights = [max(measure.lines(texts[i][r], widths[i] - CELL_PADDING, TABLE_POINTS)
                       for i in range(len(texts))) for r in range(len(texts[0]))] \
            if texts else []
        marks = None
        if marked:
            self.shared.tables += 1
            number = self.shared.tables
            marks = (ROW_MARKS + number * (len(docxml.MARKS) + 1), f"{ROW_MARK}{number:04d}")
        header = [docxml.XmlCell(c.header, self.ids["Table Heading Number" if c.numeric
                                                    else "Table Heading"])
                  for c in table.columns]

        def cells(row: tuple) -> list[docxml.XmlCell]:  # type: ignore[type-arg]
            out = []
            for cell, col in zip(row, table.columns, strict=True):
                if cell.status and cell.status in RAG_FILLS:
                    out.append(docxml.XmlCell(cell.text, self.ids["Table Status"],
                                              RAG_FILLS[cell.status]))
                else:
                    out.append(docxml.XmlCell(cell.text, self.ids[
                        "Table Number" if col.numeric else "Table Text"]))
            return out

        return docxml.table(self.ids["LSCB Table"], table.caption, widths, header,
                            [cells(r) for r in table.rows],
                            cells(table.total) if table.total else None,
                            followed=bool(table.notes), heights=heights, marks=marks)

    def _notes(self, notes: Sequence[str], *, marked: bool = False) -> list[str]:
        """The notes under a table; ``marked``: the first carries the table's note mark
        (N), so the layout can keep them on the page of the table's last rows."""
        last = len(notes) - 1
        out = [docxml.paragraph(self.ids["Table Note"], note, keep_next=i < last)
               for i, note in enumerate(notes) if note.strip()]
        if marked and out:
            number = self.shared.tables
            mark = docxml.bookmark_xml(ROW_MARKS + number * (len(docxml.MARKS) + 1)
                                       + len(docxml.MARKS), f"{ROW_MARK}{number:04d}N")
            out[0] = out[0].replace("</w:pPr>", "</w:pPr>" + mark, 1)
        return out

    def _table(self, table: Table) -> None:
        self._paragraph("Caption", table.caption, keep_next=True)
        self.xml.append(self._table_xml(table, self.width))
        notes = self._notes(table.notes, marked=True)
        self.xml += notes
        self.below_table = not notes  # a note under a table is followed by its own space
        if table.beside is not None:  # under it: side by side would need a layout table
            self._chart(replace(table.beside, caption=f"{table.caption}: chart"))

    def _drawing(self, chart: Chart, width_cm: float, height_cm: float) -> str:
        self.shared.step(f"Drawing: {chart.caption}")
        r_id = add_chart(self.shared.part, chart, self.shared.theme)
        self.shared.shapes += 1
        return inline_xml(r_id, self.shared.shapes, width_cm, height_cm,
                          docxml.INVALID.sub("", chart.alt_text),
                          docxml.INVALID.sub("", chart.caption))

    def _chart(self, chart: Chart) -> None:
        self._paragraph("Caption", chart.caption, keep_next=True)
        self.xml.append(docxml.drawing_paragraph(
            self.ids["Figure"], self._drawing(chart, WIDTH_CM, HEIGHT_CM)))
        self.below_table = True

    def _columns(self, columns: Columns) -> None:
        """Paragraphs set in columns: a section of the page with text columns (not a
        table, which a screen reader would announce as one), each part its own column."""
        parts = [part for part in columns.parts if part]
        if not parts:
            return
        self.xml.append(self.shared.section_break(1))
        for i, part in enumerate(parts):
            for j, item in enumerate(part):
                xml = docxml.paragraph(self.ids[TEXT_STYLES[item.style]], item.text)
                if i and not j:
                    xml = xml.replace("</w:pPr>", '</w:pPr><w:r><w:br w:type="column"/></w:r>',
                                      1)
                self.xml.append(xml)
        self.xml.append(self.shared.section_break(len(parts)))

    def _tiles(self, tiles: Tiles) -> None:
        """Each row of tiles a table of its own, labels in its header row (docxml's
        tile_table), with a line of space between rows."""
        across = max(1, tiles.across)
        width = self.width // across
        items = list(tiles.tiles)
        count = -(-len(items) // across)
        for start in range(0, len(items), across):
            title = tiles.title if count == 1 else \
                f"{tiles.title} (row {start // across + 1} of {count})"
            row = items[start:start + across]
            labels, figures = [], []
            for tile in row:
                fill = RAG_FILLS.get(tile.status or "", TILE_FILL)
                labels.append(docxml.XmlCell(tile.label, self.ids["Tile Label"], fill))
                lines = [("Tile Figure", tile.value)]
                if tile.detail:
                    lines.append(("Tile Note", tile.detail))
                figures.append(docxml.XmlCell(
                    "", self.ids["Tile Figure"], fill,
                    inner=docxml.cell_paragraphs([(self.ids[s], t) for s, t in lines])))
            widths = [width] * len(row)
            if len(row) == across:
                widths[-1] = self.width - width * (across - 1)
            if start:
                self.xml.append(docxml.paragraph(self.ids["Tile Note"], keep_next=True))
            self.xml.append(docxml.tile_table(widths, labels, figures, title))
        self.below_table = True

    def flush(self) -> None:
        # one parse per block: each parsed element then carries its namespace declarations,
        # and lxml moves it into the body at once (moving the children of a parsed wrapper
        # instead costs time that grows with the square of their size)
        self.subdoc.roots.extend(docxml.element(xml) for xml in self.xml)
        self.xml.clear()


@dataclass(frozen=True)
class _Marker:
    """Stands in the template for a subdocument until the template is filled in."""

    number: int

    @property
    def text(self) -> str:
        return f"\u2063lscb-subdocument-{self.number}\u2063"

    def __html__(self) -> str:
        return f"<w:p><w:r><w:t>{self.text}</w:t></w:r></w:p>"


def _splice(body: BaseOxmlElement, subdocs: Mapping[str, _Subdoc]) -> None:
    """Each marker paragraph replaced by its subdocument's paragraphs and tables."""
    for paragraph in list(body.iter(qn("w:p"))):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        subdoc = subdocs.get(text)
        if subdoc is None:
            continue
        for child in subdoc.roots:
            paragraph.addprevious(child)
        paragraph.getparent().remove(paragraph)


def _join_field_paragraphs(body: BaseOxmlElement) -> None:
    """The template holds the contents field's start and end in paragraphs of their own
    (so it stays a sound document in Word); in the report each joins the paragraph before
    it (the 'Contents' heading, the last entry), leaving no empty paragraph behind."""
    for paragraph in list(body.iterchildren(qn("w:p"))):
        runs = paragraph.findall(qn("w:r"))
        if not runs or any(r.find(qn("w:t")) is not None for r in runs):
            continue
        if not all(r.find(qn("w:fldChar")) is not None or r.find(qn("w:instrText")) is not None
                   for r in runs):
            continue
        before = paragraph.getprevious()
        if before is None or before.tag != qn("w:p"):
            continue
        for run in runs:
            before.append(run)
        body.remove(paragraph)


_SECTION_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type",
                  "pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols",
                  "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi",
                  "rtlGutter", "docGrid", "printerSettings", "sectPrChange")


def _section_start(sect: BaseOxmlElement, *, continuous: bool, first_page: bool,
                   columns: int = 1) -> None:
    """Set how a section starts (on the same page, or a new one), whether its first page
    has a header of its own, and its text columns, each in its schema place."""
    def put(name: str, element: BaseOxmlElement | None) -> None:
        for old in sect.findall(qn(f"w:{name}")):
            sect.remove(old)
        if element is None:
            return
        rank = _SECTION_ORDER.index(name)
        before = [c for c in sect if etree.QName(c).localname in _SECTION_ORDER
                  and _SECTION_ORDER.index(etree.QName(c).localname) < rank]
        if before:
            before[-1].addnext(element)
        else:
            sect.insert(0, element)

    put("type", parse_xml(f'<w:type {nsdecls("w")} w:val="continuous"/>') if continuous
        else None)
    put("titlePg", parse_xml(f'<w:titlePg {nsdecls("w")}/>') if first_page else None)
    if columns > 1:
        put("cols", parse_xml(f'<w:cols {nsdecls("w")} w:num="{columns}" '
                              f'w:space="{GUTTER}"/>'))


LOGO_HEIGHT_CM, LOGO_MAX_WIDTH_CM = 3.0, 12.0


def cover_logo(data: bytes | None, alt_text: str) -> Callable[[DocxTemplate], _Subdoc]:
    """The cover's ``{{p logo }}``: the logo, 3 cm high (at most 12 cm wide), with its alt
    text; nothing at all without one, which leaves a typographic cover."""
    def make(template: DocxTemplate) -> _Subdoc:
        subdoc = _subdocument(template)
        if data is None:
            return subdoc
        from docx.image.image import Image

        image = Image.from_blob(data)
        ratio = image.px_width / max(image.px_height, 1)
        height = min(LOGO_HEIGHT_CM, LOGO_MAX_WIDTH_CM / ratio)
        inline = subdoc.part.new_pic_inline(io.BytesIO(data), Cm(height * ratio), Cm(height))
        style = template.get_docx().styles["Figure"].style_id
        subdoc.roots.append(docxml.picture_paragraph(style, inline, alt_text, alt_text))
        return subdoc

    return make


def open_template(path: Path | DocxTemplate) -> DocxTemplate:
    """The Word template, opened once (a template already open is returned as it is)."""
    return path if isinstance(path, DocxTemplate) else _open(path)


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


def _subdocument(template: DocxTemplate) -> _Subdoc:
    """An empty subdocument sharing the template's part (so its charts and pictures land
    in the template's package)."""
    return _Subdoc(template)


class _Subdoc:
    """What a ``{{p tag }}`` is filled with: the blocks of a section (or the contents, or the
    cover's logo), spliced into the filled-in template where the tag's marker paragraph is.
    docxtpl's own subdocuments are not used: each opens a whole document of its own, and
    docxtpl would write them out as text and parse the whole report again."""

    def __init__(self, template: DocxTemplate) -> None:
        self.part = template.get_docx().part  # charts and pictures land in the template
        # the blocks, each parsed on its own and kept as the root of its own tree until it
        # is spliced into the report: lxml moves a root into another document at once, but
        # a child of another document's body in time that grows with the square of its size
        self.roots: list[BaseOxmlElement] = []

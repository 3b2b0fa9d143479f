"""WordprocessingML for the report body, written directly where python-docx has no API.

python-docx has no API for a table's repeating header row (``w:tblHeader``), cell shading,
table captions, bookmarks, fields or a picture's alt text, and adding a table cell by cell
through it takes minutes for 10,000 rows. So each block is written here as XML text, in
the element order the schema requires, and parsed once by python-docx's own parser. Every
style is referred to by the id the template gives it, never by formatting of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.xmlchemy import BaseOxmlElement

__all__ = ["XmlCell", "element", "paragraph", "table", "toc_entry", "picture_paragraph",
           "field_chars", "drawing_paragraph", "tile_table",
           "cell_paragraphs",
           "bookmark_xml", "linked_runs", "LINK_COLOUR", "KEEP_TOGETHER_ROWS",
           "KEEP_TOGETHER_LINES", "KEEP_ROWS", "MARKS", "NAMESPACES"]

NAMESPACES = nsdecls("w", "r", "wp", "a", "pic", "c")
INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
KEEP_TOGETHER_ROWS = 8  # a table with fewer body rows than this never splits across pages,
KEEP_TOGETHER_LINES = 18  # ... if its rows take no more lines of text than this
KEEP_ROWS = 3  # rows kept together at the start and the end of a table that splits
MARKS = ("H", "S", "T", "E")  # row bookmarks: first row, third, third from last, last


def _text(text: str) -> str:
    return escape(INVALID.sub("", text))


def _run(text: str) -> str:
    """A run of plain text; a line break inside it becomes w:br."""
    lines = _text(text).split("\n")
    return "<w:r>" + "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>'
                                      for line in lines) + "</w:r>"


def element(xml: str) -> BaseOxmlElement:
    """Parse one element written without namespace declarations."""
    tag_end = re.match(r"<[\w:]+", xml).end()  # type: ignore[union-attr]
    return parse_xml(f"{xml[:tag_end]} {NAMESPACES}{xml[tag_end:]}")


LINK_COLOUR = "0563C1"  # Word's own link blue: 6.0:1 on white


def linked_runs(parts: Sequence[tuple[str, str | None]]) -> str:
    """Runs of text, and links: each part is (text, relationship id of its address or
    None). A link is underlined in Word's link blue, so it reads as a link without colour
    alone."""
    out = []
    for text, r_id in parts:
        if r_id is None:
            out.append(_run(text))
        else:
            out.append(f'<w:hyperlink r:id="{r_id}" w:history="1"><w:r><w:rPr>'
                       f'<w:color w:val="{LINK_COLOUR}"/><w:u w:val="single"/></w:rPr>'
                       f'<w:t xml:space="preserve">{_text(text)}</w:t></w:r></w:hyperlink>')
    return "".join(out)


def paragraph(style_id: str, text: str = "", *, page_break_before: bool = False,
              bookmark: tuple[int, str] | None = None, keep_next: bool = False,
              space_before: int | None = None, runs: str | None = None) -> str:
    """One paragraph; ``space_before`` (twips) parts it from a table or chart above it;
    ``runs``: the paragraph's runs as XML (links among them) instead of ``text``."""
    props = (f'<w:pStyle w:val="{style_id}"/>' + ("<w:keepNext/>" if keep_next else "")
             + ("<w:pageBreakBefore/>" if page_break_before else "")
             + (f'<w:spacing w:before="{space_before}"/>' if space_before else ""))
    runs = runs if runs is not None else _run(text) if text else ""
    if bookmark:
        number, name = bookmark
        runs = (f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>{runs}'
                f'<w:bookmarkEnd w:id="{number}"/>')
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"


@dataclass(frozen=True)
class XmlCell:
    text: str
    style_id: str  # the paragraph style of the cell's text
    fill: str | None = None  # RRGGBB shading, for a status letter or a tile
    inner: str = ""  # XML placed in the cell instead of the text (a nested table, a chart)
    middle: bool = False  # centred vertically
    span: int = 1  # grid columns the cell spans
    flush: str = ""  # "top" or "bottom": no cell margin on that side (a tile's two cells)


def bookmark_xml(number: int, name: str) -> str:
    """An empty bookmark: a place LibreOffice exports as a named destination of the PDF."""
    return f'<w:bookmarkStart w:id="{number}" w:name="{name}"/><w:bookmarkEnd w:id="{number}"/>'


def _cell(cell: XmlCell, width: int, keep_next: bool, mark: str = "") -> str:
    shading = (f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill}"/>'
               if cell.fill else "")
    align = '<w:vAlign w:val="center"/>' if cell.middle else ""
    span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
    margin = f'<w:tcMar><w:{cell.flush} w:w="0" w:type="dxa"/></w:tcMar>' if cell.flush \
        else ""
    keep = "<w:keepNext/>" if keep_next else ""
    paragraphs = cell.inner or "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{cell.style_id}"/>{keep}</w:pPr>'
        f"{mark if i == 0 else ''}{_run(line) if line else ''}</w:p>"
        for i, line in enumerate(cell.text.split("\n")))
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{shading}{margin}'
            f"{align}</w:tcPr>{paragraphs}</w:tc>")


def _row(cells: Sequence[XmlCell], widths: Sequence[int], *, header: bool = False,
         keep_next: bool = False, mark: str = "") -> str:
    # w:cantSplit keeps a row on one page; w:tblHeader repeats the row at the top of each
    # page; w:keepNext on its paragraphs keeps the row on the page of the next row
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return (f"<w:tr><w:trPr>{props}</w:trPr>"
            + "".join(_cell(c, w, keep_next, mark if i == 0 else "")
                      for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
            + "</w:tr>")


def table(style_id: str, caption: str, widths: Sequence[int], header: Sequence[XmlCell],
          rows: Sequence[Sequence[XmlCell]], total: Sequence[XmlCell] | None = None, *,
          followed: bool = False, heights: Sequence[int] = (),
          marks: tuple[int, str] | None = None) -> str:
    """A table whose first row repeats on every page; ``total`` is styled as the last row.

    A short table (fewer than :data:`KEEP_TOGETHER_ROWS` rows, taking no more than
    :data:`KEEP_TOGETHER_LINES` lines: ``heights`` gives each body row's lines) never
    splits: every row keeps with the next. A longer one keeps its header with its first two
    rows, and its last three rows (a totals row among them) together, so that no page
    holds fewer than three of its rows. ``followed``: notes follow, so the last row keeps
    with them. Word keeps rows together so; LibreOffice does not, so ``marks`` (a first
    bookmark id and a name) puts bookmarks in the first, third, third-from-last and last
    rows, which the PDF's layout is checked by (:mod:`.keep`).
    """
    look = 0x0620 | (0x0040 if total else 0)  # firstRow, noHBand, noVBand (+ lastRow)
    props = (f'<w:tblPr><w:tblStyle w:val="{style_id}"/><w:tblW w:w="{sum(widths)}" '
             'w:type="dxa"/><w:tblLayout w:type="fixed"/>'
             f'<w:tblLook w:val="{look:04X}" w:firstRow="1" w:lastRow="{int(bool(total))}" '
             'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
             f"<w:tblCaption w:val={quoteattr(INVALID.sub('', caption))}/></w:tblPr>")
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    body_rows = [*rows, *((total,) if total else ())]
    last = len(body_rows) - 1
    short = len(rows) < KEEP_TOGETHER_ROWS and sum(heights) <= KEEP_TOGETHER_LINES

    def keep(i: int) -> bool:
        if i == last:
            return followed
        return short or i < KEEP_ROWS - 1 or i >= last - (KEEP_ROWS - 1)

    rows_at = {"H": 0, "S": min(KEEP_ROWS - 1, last), "T": max(0, last - (KEEP_ROWS - 1)),
               "E": last}
    named: dict[int, str] = {}
    if marks is not None:
        number, name = marks
        for i, mark in enumerate(MARKS):
            at = rows_at[mark]
            named[at] = named.get(at, "") + bookmark_xml(number + i, name + mark)
    body = [_row(header, widths, header=True, keep_next=True),
            *(_row(r, widths, keep_next=keep(i), mark=named.get(i, ""))
              for i, r in enumerate(body_rows))]
    return f"<w:tbl>{props}{grid}{''.join(body)}</w:tbl>"


def drawing_paragraph(style_id: str, drawing: str, *, keep_next: bool = False) -> str:
    """A paragraph holding one inline drawing (a chart)."""
    keep = "<w:keepNext/>" if keep_next else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{keep}</w:pPr><w:r>{drawing}</w:r></w:p>'


def field_chars(instruction: str) -> tuple[str, str]:
    """The runs that open a field (up to its result) and the run that closes it."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {_text(instruction)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def toc_entry(style_id: str, text: str, bookmark: str, page: str = "") -> str:
    """A contents line linking to a heading; its page number is a PAGEREF field whose
    stored result is ``page`` (worked out when the report is laid out, see pages.py)."""
    opening, closing = field_chars(f"PAGEREF {bookmark} \\h")
    result = f"<w:r><w:t>{_text(page)}</w:t></w:r>" if page else ""
    return (f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>'
            f'<w:hyperlink w:anchor="{bookmark}" w:history="1">{_run(text)}'
            f"<w:r><w:tab/></w:r>{opening}{result}{closing}</w:hyperlink></w:p>")


def tile_table(widths: Sequence[int], labels: Sequence[XmlCell], figures: Sequence[XmlCell],
               title: str, gap: int = 6) -> str:
    """A row of shaded tiles (the year at a glance) as a table a screen reader can read:
    its header row holds each tile's label, its one body row the figure under it, so the
    label heads the figure as a column header heads its cell. Each tile is the two cells in
    one colour, with no margin between them; ``gap`` points of white part the tiles."""
    labels = [replace(c, flush="bottom") for c in labels]
    figures = [replace(c, flush="top") for c in figures]
    white = f'w:val="single" w:sz="{gap * 8}" w:space="0" w:color="FFFFFF"'
    borders = (f'<w:top w:val="nil"/><w:left {white}/><w:bottom w:val="nil"/>'
               f'<w:right {white}/><w:insideH w:val="nil"/><w:insideV {white}/>')
    props = (f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
             f'<w:tblBorders>{borders}</w:tblBorders>'
             '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="100" w:type="dxa"/>'
             '<w:left w:w="140" w:type="dxa"/><w:bottom w:w="100" w:type="dxa"/>'
             '<w:right w:w="140" w:type="dxa"/></w:tblCellMar>'
             '<w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
             'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
             f"<w:tblCaption w:val={quoteattr(INVALID.sub('', title))}/></w:tblPr>")
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    return (f"<w:tbl>{props}{grid}{_row(labels, widths, header=True, keep_next=True)}"
            f"{_row(figures, widths, keep_next=True)}</w:tbl>")


def cell_paragraphs(lines: Sequence[tuple[str, str]]) -> str:
    """Paragraphs for a cell's ``inner`` XML: (style id, text) each."""
    return "".join(f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:keepNext/></w:pPr>'
                   f"{_run(text) if text else ''}</w:p>" for style, text in lines)


def picture_paragraph(style_id: str, inline: BaseOxmlElement, alt_text: str,
                      title: str) -> BaseOxmlElement:
    """A paragraph holding one inline picture with its alt text.

    python-docx has no API for alt text: it is set on the inline's wp:docPr element, whose
    ``descr`` screen readers read out and whose ``title`` Word shows as the picture's title.
    """
    inline.docPr.set("descr", INVALID.sub("", alt_text))
    inline.docPr.set("title", INVALID.sub("", title))
    holder = element(f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr><w:r><w:drawing/>'
                     "</w:r></w:p>")
    holder.xpath(".//w:drawing")[0].append(inline)
    return holder

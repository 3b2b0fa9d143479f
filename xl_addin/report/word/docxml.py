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
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.xmlchemy import BaseOxmlElement

__all__ = ["XmlCell", "element", "paragraph", "table", "toc_entry", "picture_paragraph",
           "field_chars", "layout_table", "drawing_paragraph", "grid_table", "cell_paragraphs",
           "KEEP_TOGETHER_ROWS", "NAMESPACES"]

NAMESPACES = nsdecls("w", "r", "wp", "a", "pic", "c")
INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
KEEP_TOGETHER_ROWS = 8  # a table with fewer body rows than this never splits across pages


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


def paragraph(style_id: str, text: str = "", *, page_break_before: bool = False,
              bookmark: tuple[int, str] | None = None, keep_next: bool = False) -> str:
    props = (f'<w:pStyle w:val="{style_id}"/>' + ("<w:keepNext/>" if keep_next else "")
             + ("<w:pageBreakBefore/>" if page_break_before else ""))
    runs = _run(text) if text else ""
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


def _cell(cell: XmlCell, width: int, keep_next: bool) -> str:
    shading = (f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill}"/>'
               if cell.fill else "")
    align = '<w:vAlign w:val="center"/>' if cell.middle else ""
    span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
    keep = "<w:keepNext/>" if keep_next else ""
    paragraphs = cell.inner or "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{cell.style_id}"/>{keep}</w:pPr>'
        f"{_run(line) if line else ''}</w:p>" for line in cell.text.split("\n"))
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{shading}{align}'
            f"</w:tcPr>{paragraphs}</w:tc>")


def _row(cells: Sequence[XmlCell], widths: Sequence[int], *, header: bool = False,
         keep_next: bool = False) -> str:
    # w:cantSplit keeps a row on one page; w:tblHeader repeats the row at the top of each
    # page; w:keepNext on its paragraphs keeps the row on the page of the next row
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return (f"<w:tr><w:trPr>{props}</w:trPr>"
            + "".join(_cell(c, w, keep_next) for c, w in zip(cells, widths, strict=True))
            + "</w:tr>")


def table(style_id: str, caption: str, widths: Sequence[int], header: Sequence[XmlCell],
          rows: Sequence[Sequence[XmlCell]], total: Sequence[XmlCell] | None = None, *,
          followed: bool = False) -> str:
    """A table whose first row repeats on every page; ``total`` is styled as the last row.

    A table of fewer than :data:`KEEP_TOGETHER_ROWS` rows never splits (every row keeps
    with the next); a longer one keeps its header with its first two rows and its last
    two rows (a totals row among them) together, so no row is left alone on a page.
    ``followed``: notes follow, so the last row keeps with them.
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
    short = len(rows) < KEEP_TOGETHER_ROWS

    def keep(i: int) -> bool:
        if i == last:
            return followed
        return short or i < 1 or i >= last - 1

    body = [_row(header, widths, header=True, keep_next=True),
            *(_row(r, widths, keep_next=keep(i)) for i, r in enumerate(body_rows))]
    return f"<w:tbl>{props}{grid}{''.join(body)}</w:tbl>"


def layout_table(widths: Sequence[int], cells: Sequence[XmlCell], title: str,
                 grid: Sequence[int] = ()) -> str:
    """A one-row table with no borders that sets things side by side (a table and its
    chart). It has no header row, so screen readers treat it as layout. ``grid`` (default
    ``widths``) may split a cell's width into several grid columns, which the cell spans:
    docxtpl counts a nested table's cells as the outer table's, and would otherwise add
    grid columns of its own."""
    grid = grid or widths
    props = (f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
             '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
             '<w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
             '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
             'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
             f"<w:tblDescription w:val={quoteattr(INVALID.sub('', title))}/></w:tblPr>")
    columns = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in grid) + "</w:tblGrid>"
    return f"<w:tbl>{props}{columns}{_row(cells, widths, keep_next=True)}</w:tbl>"


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


def grid_table(widths: Sequence[int], rows: Sequence[Sequence[XmlCell]], title: str,
               gap: int = 6) -> str:
    """Shaded boxes in a grid (the year at a glance), ``gap`` points of white between them;
    like :func:`layout_table`, it has no header row."""
    white = "".join(f'<w:{side} w:val="single" w:sz="{gap * 8}" w:space="0" '
                    'w:color="FFFFFF"/>' for side in ("top", "left", "bottom", "right",
                                                       "insideH", "insideV"))
    props = (f'<w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
             f"<w:tblBorders>{white}</w:tblBorders>"
             '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="100" w:type="dxa"/>'
             '<w:left w:w="140" w:type="dxa"/><w:bottom w:w="100" w:type="dxa"/>'
             '<w:right w:w="140" w:type="dxa"/></w:tblCellMar>'
             '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
             'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
             f"<w:tblDescription w:val={quoteattr(INVALID.sub('', title))}/></w:tblPr>")
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    body = "".join(_row(r, widths, keep_next=True) for r in rows)
    return f"<w:tbl>{props}{grid}{body}</w:tbl>"


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

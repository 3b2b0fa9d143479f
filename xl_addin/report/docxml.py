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
           "field_chars", "NAMESPACES"]

NAMESPACES = nsdecls("w", "r", "wp", "a", "pic")
INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0


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
              bookmark: tuple[int, str] | None = None) -> str:
    props = f'<w:pStyle w:val="{style_id}"/>' + ("<w:pageBreakBefore/>"
                                                 if page_break_before else "")
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
    fill: str | None = None  # RRGGBB shading, for a status letter


def _cell(cell: XmlCell, width: int) -> str:
    shading = (f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill}"/>'
               if cell.fill else "")
    paragraphs = "".join(f'<w:p><w:pPr><w:pStyle w:val="{cell.style_id}"/></w:pPr>'
                         f"{_run(line) if line else ''}</w:p>" for line in cell.text.split("\n"))
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>{paragraphs}</w:tc>'


def _row(cells: Sequence[XmlCell], widths: Sequence[int], *, header: bool = False) -> str:
    # w:cantSplit keeps a row on one page; w:tblHeader repeats the row at the top of each page
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return (f"<w:tr><w:trPr>{props}</w:trPr>"
            + "".join(_cell(c, w) for c, w in zip(cells, widths, strict=True)) + "</w:tr>")


def table(style_id: str, caption: str, widths: Sequence[int], header: Sequence[XmlCell],
          rows: Sequence[Sequence[XmlCell]], total: Sequence[XmlCell] | None = None) -> str:
    """A table whose first row repeats on every page; ``total`` is styled as the last row."""
    look = 0x0620 | (0x0040 if total else 0)  # firstRow, noHBand, noVBand (+ lastRow)
    props = (f'<w:tblPr><w:tblStyle w:val="{style_id}"/><w:tblW w:w="{sum(widths)}" '
             'w:type="dxa"/><w:tblLayout w:type="fixed"/>'
             f'<w:tblLook w:val="{look:04X}" w:firstRow="1" w:lastRow="{int(bool(total))}" '
             'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
             f"<w:tblCaption w:val={quoteattr(INVALID.sub('', caption))}/></w:tblPr>")
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    body = [_row(header, widths, header=True), *(_row(r, widths) for r in rows)]
    if total:
        body.append(_row(total, widths))
    return f"<w:tbl>{props}{grid}{''.join(body)}</w:tbl>"


def field_chars(instruction: str) -> tuple[str, str]:
    """The runs that open a field (up to its result) and the run that closes it."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {_text(instruction)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def toc_entry(style_id: str, text: str, bookmark: str) -> str:
    """A contents line linking to a heading, its page number a PAGEREF field to refresh."""
    opening, closing = field_chars(f"PAGEREF {bookmark} \\h")
    return (f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>'
            f'<w:hyperlink w:anchor="{bookmark}" w:history="1">{_run(text)}'
            f"<w:r><w:tab/></w:r>{opening}{closing}</w:hyperlink></w:p>")


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

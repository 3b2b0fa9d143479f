"""A tab the tool owns (Dashboard, Validation), written whole as a worksheet part.

The part is built from the plan's :class:`~xl_addin.writers.plan.Tab`: its cells (text
as inline strings, so never a formula), their formats (added to the style sheet through
:class:`~xl_addin.writers.package.styles.StyleBook`), column widths, frozen panes, the tab colour,
and links: a place in the workbook needs nothing else, an address outside it a relationship
(``external_link`` gives its id).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from lxml import etree

from xl_addin.core.raw import address, cell_position
from xl_addin.writers.cell_text import starts_like_formula
from xl_addin.writers.package.ooxml import MAIN, REL, qn
from xl_addin.writers.package.sheet import encode
from xl_addin.writers.package.styles import StyleBook, argb
from xl_addin.writers.plan import CellWrite, Tab

__all__ = ["tab_worksheet"]


def tab_worksheet(tab: Tab, styles: StyleBook,
                  external_link: Callable[[str], str]) -> etree._Element:
    """The worksheet XML of ``tab``; ``external_link(url)`` returns a relationship id."""
    root = etree.Element(qn("worksheet"), nsmap={None: MAIN, "r": REL})
    properties = etree.SubElement(root, qn("sheetPr"))
    etree.SubElement(properties, qn("tabColor"), rgb=argb(tab.color))
    places = [cell_position(write.cell) for write in tab.cells] or [(1, 1)]
    last = address(max(p[0] for p in places), max(p[1] for p in places))
    etree.SubElement(root, qn("dimension"), ref=f"A1:{last}")
    _views(etree.SubElement(root, qn("sheetViews")), tab.freeze)
    etree.SubElement(root, qn("sheetFormatPr"), defaultRowHeight="15")
    if tab.widths:
        columns = etree.SubElement(root, qn("cols"))
        for letter, width in sorted(tab.widths, key=lambda w: cell_position(f"{w[0]}1")[1]):
            index = str(cell_position(f"{letter}1")[1])
            etree.SubElement(columns, qn("col"), min=index, max=index, width=f"{width:g}",
                             customWidth="1")
    _cells(etree.SubElement(root, qn("sheetData")), tab.cells, styles)
    links = [w for w in tab.cells if w.link or w.url]
    if links:
        _hyperlinks(root, links, external_link)
    etree.SubElement(root, qn("pageMargins"), left="0.7", right="0.7", top="0.75",
                     bottom="0.75", header="0.3", footer="0.3")
    return root


def _cells(data: etree._Element, cells: Sequence[CellWrite], styles: StyleBook) -> None:
    """The rows and cells, top to bottom and left to right, each with its format."""
    row, row_number = None, 0
    for (number, _), write in sorted(((cell_position(w.cell), w) for w in cells),
                                     key=lambda item: item[0]):
        if row is None or number != row_number:
            row, row_number = etree.SubElement(data, qn("row"), r=str(number)), number
        cell = etree.SubElement(row, qn("c"), r=write.cell)
        style = styles.derive(0, number_format=write.number_format, fill=write.fill,
                              font=write.font, align=write.align,
                              quote_prefix=isinstance(write.value, str)
                              and starts_like_formula(write.value))
        if style:
            cell.set("s", str(style))
        encode(cell, write.value)


def _views(views: etree._Element, freeze: str | None) -> None:
    view = etree.SubElement(views, qn("sheetView"), workbookViewId="0")
    if not freeze:
        return
    row, column = cell_position(freeze)
    pane = etree.SubElement(view, qn("pane"))
    if column > 1:
        pane.set("xSplit", str(column - 1))
    if row > 1:
        pane.set("ySplit", str(row - 1))
    active = {(True, True): "bottomRight", (False, True): "bottomLeft",
              (True, False): "topRight"}.get((column > 1, row > 1), "bottomRight")
    pane.set("topLeftCell", freeze)
    pane.set("activePane", active)
    pane.set("state", "frozen")
    etree.SubElement(view, qn("selection"), pane=active, activeCell=freeze, sqref=freeze)


def _hyperlinks(root: etree._Element, links: list[CellWrite],
                external_link: Callable[[str], str]) -> None:
    element = etree.SubElement(root, qn("hyperlinks"))
    seen: dict[str, str] = defaultdict(str)
    for write in sorted(links, key=lambda w: cell_position(w.cell)):
        link = etree.SubElement(element, qn("hyperlink"), ref=write.cell)
        if write.link:
            link.set("location", write.link)
        else:
            url = str(write.url)
            seen[url] = seen[url] or external_link(url)
            link.set(qn("id", REL), seen[url])
        link.set("display", str(write.value))

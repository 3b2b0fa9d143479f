"""Keep a table's first and last rows together in LibreOffice's PDF, as Word does.

Word keeps a row on the page of the next when its paragraphs say "keep with next", so the
renderer asks that of a table's first three and last three rows (docxml.table). LibreOffice
keeps a whole table together when every row asks, but otherwise breaks a table wherever
the page ends, and can leave a total, or one or two rows, alone on a page. So each data
table carries bookmarks in its first (H), third (S), third-from-last (T) and last (E) rows,
and its first note (N);
LibreOffice exports them as the PDF's named destinations, with their pages; and after the
layout:

- a table whose first three rows are not on one page starts on the next page (the page
  break goes before its caption, and before a heading kept with it);
- a table whose last three rows are not on one page, or whose notes are not on the page of
  its last row, is cut before the third-from-last row, which starts the next page under
  the table's caption, "(continued)", and header row.

:func:`row_problems` reads the PDF; :func:`keep_rows` changes the .docx. The build lays the
report out again after a change, until nothing is left to change (a few rounds at most).
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from xl_addin.report.word.parts import with_parts

__all__ = ["Problem", "destinations", "row_problems", "keep_rows", "pages_of_marks", "ROUNDS"]

DOCUMENT = "word/document.xml"
ROUNDS = 3  # layouts after the first, at most
KEEP_ROWS = 3  # a table cut at its tail keeps more rows than this on the first page
_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_MARK = re.compile(rb"/(?:#5F|5F|_)LSCBTable(\d{4})([HSTEN])\s*\[\s*(\d+) 0 R\s*/XYZ\s+"
                   rb"[-\d.]+\s+([-\d.]+)")
_KEEP_STYLES = ("Heading1", "Heading2", "Heading3", "Caption")  # style ids kept with next


@dataclass(frozen=True)
class Problem:
    table: int  # the table's number (its bookmarks' _LSCBTable0012)
    kind: str  # "head" (its first rows split) or "tail" (its last rows split)


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in _OBJECT.finditer(pdf)}


def _pages(objects: dict[int, bytes]) -> list[int]:
    """The page objects' numbers, in page order (the page tree walked from its root)."""
    root = next((n for n, body in objects.items() if re.search(rb"/Type\s*/Pages\b", body)
                 and not re.search(rb"/Parent\s", body)), None)
    if root is None:
        return []
    out: list[int] = []

    def walk(number: int) -> None:
        body = objects.get(number, b"")
        if re.search(rb"/Type\s*/Pages\b", body):
            kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
            for kid in re.findall(rb"(\d+) 0 R", kids.group(1) if kids else b""):
                walk(int(kid))
        else:
            out.append(number)

    walk(root)
    return out


def destinations(pdf: bytes) -> dict[tuple[int, str], tuple[int, float]]:
    """(table, mark) -> (page, height on the page) of every row mark in the PDF."""
    objects = _objects(pdf)
    page_of = {number: i + 1 for i, number in enumerate(_pages(objects))}
    out = {}
    for match in _MARK.finditer(pdf):
        page = page_of.get(int(match.group(3)))
        if page is not None:
            out[(int(match.group(1)), match.group(2).decode())] = (page, float(match.group(4)))
    return out


def pages_of_marks(pdf: bytes) -> dict[int, dict[str, int]]:
    """Table -> mark -> page."""
    out: dict[int, dict[str, int]] = {}
    for (table, mark), (page, _) in destinations(pdf).items():
        out.setdefault(table, {})[mark] = page
    return out


def row_problems(pdf: bytes) -> list[Problem]:
    """The tables whose first or last three rows the layout split across pages."""
    problems = []
    for table, marks in sorted(pages_of_marks(pdf).items()):
        if {"H", "S", "T", "E"} - set(marks):
            continue
        if marks["H"] != marks["S"]:
            problems.append(Problem(table, "head"))
        elif marks["T"] != marks["E"] or marks.get("N", marks["E"]) != marks["E"]:
            problems.append(Problem(table, "tail"))
    return problems


def _bookmark(root: etree._Element, name: str) -> etree._Element | None:
    return next((b for b in root.iter(qn("w:bookmarkStart")) if b.get(qn("w:name")) == name),
                None)


def _ancestor(element: etree._Element, tag: str) -> etree._Element | None:
    node = element.getparent()
    while node is not None and node.tag != qn(tag):
        node = node.getparent()
    return node


def _kept_with_next(paragraph: etree._Element) -> bool:
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is None:
        return False
    style = ppr.find(qn("w:pStyle"))
    return ppr.find(qn("w:keepNext")) is not None or (
        style is not None and (style.get(qn("w:val")) or "") in _KEEP_STYLES)


def _break_before(paragraph: etree._Element) -> None:
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("w:pPr"))
        paragraph.insert(0, ppr)
    if ppr.find(qn("w:pageBreakBefore")) is not None:
        return
    after = [c for c in ppr if c.tag in (qn("w:pStyle"), qn("w:keepNext"), qn("w:keepLines"))]
    element = etree.Element(qn("w:pageBreakBefore"))
    if after:
        after[-1].addnext(element)
    else:
        ppr.insert(0, element)


def _start_on_new_page(table: etree._Element) -> None:
    """A page break before the table's caption (and the heading kept with it)."""
    first = table
    node = table.getprevious()
    for _ in range(3):
        if node is None or node.tag != qn("w:p") or not _kept_with_next(node):
            break
        first, node = node, node.getprevious()
    if first is table:
        return
    _break_before(first)


def _split_tail(table: etree._Element, row: etree._Element) -> None:
    """Cut ``table`` before ``row``: the rest follows on a new page, under the caption
    '(continued)' and the header row."""
    caption = table.getprevious()
    rest = etree.Element(qn("w:tbl"))
    for child in table:
        if child.tag in (qn("w:tblPr"), qn("w:tblGrid")):
            rest.append(copy.deepcopy(child))
    for header in [r for r in table.findall(qn("w:tr"))
                   if r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None]:
        rest.append(copy.deepcopy(header))
    rows = table.findall(qn("w:tr"))
    for moved in rows[rows.index(row):]:
        rest.append(moved)
    label = rest.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
    if label is not None:
        label.set(qn("w:val"), (label.get(qn("w:val")) or "") + " (continued)")
    table.addnext(rest)
    if caption is not None and caption.tag == qn("w:p") and _kept_with_next(caption):
        heading = copy.deepcopy(caption)
        for child in list(heading):
            if child.tag not in (qn("w:pPr"), qn("w:r")):
                heading.remove(child)  # no bookmark twice
        texts = list(heading.iter(qn("w:t")))
        if texts:
            texts[-1].text = (texts[-1].text or "") + " (continued)"
        _break_before(heading)
        table.addnext(heading)
    else:
        first = rest.find(f"{qn('w:tr')}/{qn('w:tc')}/{qn('w:p')}")
        if first is not None:
            _break_before(first)


def keep_rows(docx: bytes, problems: Iterable[Problem]) -> bytes:
    """``docx`` with each problem's table moved to a new page, or cut (see the notes)."""
    problems = list(problems)
    if not problems:
        return docx
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = parse_xml(package.read(DOCUMENT))
    for problem in problems:
        mark = "H" if problem.kind == "head" else "T"
        bookmark = _bookmark(root, f"_LSCBTable{problem.table:04d}{mark}")
        if bookmark is None:
            continue
        table = _ancestor(bookmark, "w:tbl")
        row = _ancestor(bookmark, "w:tr")
        if table is None or row is None:
            continue
        if problem.kind == "head" or table.findall(qn("w:tr")).index(row) <= KEEP_ROWS:
            _start_on_new_page(table)  # a short table moves whole
        else:
            _split_tail(table, row)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return with_parts(docx, {DOCUMENT: lambda _: xml})

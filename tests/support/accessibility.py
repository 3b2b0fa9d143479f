"""Accessibility checks on a built .docx, read from its XML as Word's checker would.

- every run of text against the fill behind it (a cell's shading, a header row's shading
  from the table style, else the white page): WCAG 2.2 contrast of at least 4.5:1, or 3:1
  for large text (18 pt, or 14 pt bold), its colour and size resolved through the run, its
  character style, its paragraph style and the styles they are based on;
- every web address in the text is a link (w:hyperlink to an external address), and shows
  words, not "http://";
- every table has a header row (w:tblHeader on its first row) and a caption: no table is
  there only to lay things out, which Word's checker reports.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
WHITE, BLACK = "FFFFFF", "000000"


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(rgb: str) -> float:
    r, g, b = (int(rgb[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast(one: str, two: str) -> float:
    """The WCAG contrast ratio of two colours (RRGGBB)."""
    a, b = sorted((luminance(one), luminance(two)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@dataclass(frozen=True)
class Look:
    colour: str | None = None  # RRGGBB, None for automatic (black on a light fill)
    size: int | None = None  # half-points
    bold: bool | None = None


def _look(rpr: etree._Element | None) -> Look:
    if rpr is None:
        return Look()
    colour = rpr.find(_q("color"))
    size = rpr.find(_q("sz"))
    bold = rpr.find(_q("b"))
    value = colour.get(_q("val")) if colour is not None else None
    return Look(None if value in (None, "auto") else value.upper(),
                int(size.get(_q("val"))) if size is not None else None,
                None if bold is None else bold.get(_q("val"), "true") not in ("0", "false"))


def _merge(first: Look, then: Look) -> Look:
    """``first`` where it says something, else ``then``."""
    return Look(first.colour or then.colour, first.size or then.size,
                first.bold if first.bold is not None else then.bold)


class Styles:
    def __init__(self, xml: bytes) -> None:
        root = etree.fromstring(xml)
        self.styles = {s.get(_q("styleId")): s for s in root.iter(_q("style"))}
        defaults = root.find(f"{_q('docDefaults')}/{_q('rPrDefault')}/{_q('rPr')}")
        self.default = _merge(_look(defaults), Look(BLACK, 20, False))
        self.header_fill: dict[str, str] = {}
        for style_id, style in self.styles.items():
            for part in style.findall(_q("tblStylePr")):
                shading = part.find(f"{_q('tcPr')}/{_q('shd')}")
                if part.get(_q("type")) == "firstRow" and shading is not None:
                    self.header_fill[style_id] = shading.get(_q("fill"), WHITE).upper()

    def look(self, style_id: str | None) -> Look:
        out = Look()
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            out = _merge(out, _look(style.find(_q("rPr"))))
            based = style.find(_q("basedOn"))
            style_id = based.get(_q("val")) if based is not None else None
        return out


@dataclass(frozen=True)
class Problem:
    what: str
    text: str

    def __str__(self) -> str:
        return f"{self.what}: {self.text[:80]!r}"


def _fill(paragraph: etree._Element, styles: Styles) -> str:
    cell = next(paragraph.iterancestors(_q("tc")), None)
    if cell is None:
        return WHITE
    shading = cell.find(f"{_q('tcPr')}/{_q('shd')}")
    if shading is not None and shading.get(_q("fill"), "auto") != "auto":
        return shading.get(_q("fill")).upper()
    row = cell.getparent()
    table = row.getparent()
    style = table.find(f"{_q('tblPr')}/{_q('tblStyle')}")
    if row.find(f"{_q('trPr')}/{_q('tblHeader')}") is not None and style is not None:
        return styles.header_fill.get(style.get(_q("val")), WHITE)
    return WHITE


def contrast_problems(document: etree._Element, styles: Styles) -> list[Problem]:
    problems = []
    checked = 0
    for paragraph in document.iter(_q("p")):
        ppr = paragraph.find(_q("pPr"))
        style = ppr.find(_q("pStyle")) if ppr is not None else None
        base = styles.look(style.get(_q("val")) if style is not None else "Normal")
        fill = _fill(paragraph, styles)
        for run in paragraph.iter(_q("r")):
            text = "".join(t.text or "" for t in run.findall(_q("t"))).strip()
            if not text:
                continue
            rpr = run.find(_q("rPr"))
            character = rpr.find(_q("rStyle")) if rpr is not None else None
            look = _merge(_look(rpr), _merge(styles.look(
                character.get(_q("val")) if character is not None else None), base))
            look = _merge(look, styles.default)
            colour = look.colour or BLACK
            size = look.size or 20
            large = size >= 36 or (bool(look.bold) and size >= 28)
            ratio = contrast(colour, fill)
            checked += 1
            if ratio < (3.0 if large else 4.5):
                problems.append(Problem(f"{colour} on {fill} is {ratio:.2f}:1 at "
                                        f"{size / 2:g} pt", text))
    assert checked > 1000, "the check found the report's text"
    return problems


ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


def link_problems(document: etree._Element, relationships: etree._Element) -> list[Problem]:
    targets = {r.get("Id"): (r.get("Target"), r.get("TargetMode"))
               for r in relationships}
    problems = []
    for paragraph in document.iter(_q("p")):
        for run in paragraph.iter(_q("r")):
            text = "".join(t.text or "" for t in run.findall(_q("t")))
            if not ADDRESS.search(text):
                continue
            link = next(run.iterancestors(_q("hyperlink")), None)
            target = targets.get(link.get(f"{{{R}}}id")) if link is not None else None
            if target is None or target[1] != "External":
                problems.append(Problem("a web address that is not a link", text))
            elif text.strip().casefold().startswith("http"):
                problems.append(Problem("a link that shows its http://", text))
    return problems


def table_problems(document: etree._Element) -> list[Problem]:
    problems = []
    for table in document.iter(_q("tbl")):
        caption = table.find(f"{_q('tblPr')}/{_q('tblCaption')}")
        name = caption.get(_q("val")) if caption is not None else "(no caption)"
        first = table.find(_q("tr"))
        if first is None or first.find(f"{_q('trPr')}/{_q('tblHeader')}") is None:
            problems.append(Problem("a table with no header row", name))
        if caption is None:
            problems.append(Problem("a table with no caption", name))
    return problems


def problems(docx: Path) -> list[Problem]:
    """Every accessibility problem of the report at ``docx`` (see the module notes)."""
    with zipfile.ZipFile(docx) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        styles = Styles(package.read("word/styles.xml"))
        relationships = etree.fromstring(package.read("word/_rels/document.xml.rels"))
    return [*contrast_problems(document, styles), *link_problems(document, relationships),
            *table_problems(document)]

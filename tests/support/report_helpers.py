"""Reading a built report back: its tables by caption, its text, its XML."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.table import Table
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "dc": "http://purl.org/dc/elements/1.1/",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


def open_docx(path: Path) -> Document:
    return docx.Document(str(path))


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def tables_by_caption(document: Document) -> dict[str, Table]:
    """Every data table (nested ones too, beside their chart) by its caption. A table with
    no caption must be a layout table: no header row."""
    body = document.element.body
    for table in body.iter(f"{{{W}}}tbl"):
        if not table.xpath("./w:tblPr/w:tblCaption"):
            assert not table.xpath("./w:tr/w:trPr/w:tblHeader"), "a data table has a caption"
    found = body.xpath(".//w:tbl[w:tblPr/w:tblCaption]")
    captions = [t.xpath("string(w:tblPr/w:tblCaption/@w:val)") for t in found]
    assert len(set(captions)) == len(captions), "captions are not repeated"
    return {c: Table(t, document) for c, t in zip(captions, found, strict=True)}


def rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def all_text(document: Document) -> str:
    """Every paragraph's text, in tables too, one per line."""
    return "\n".join("".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
                     for p in document.element.body.iter(f"{{{W}}}p"))


def docx_bytes_text(data: bytes) -> str:
    return all_text(docx.Document(io.BytesIO(data)))


def signed_off(result):  # type: ignore[no-untyped-def]
    """``result`` with every open disagreement signed off as both right: for a test about
    something else, of a workbook edited so that figures disagree."""
    import datetime as dt
    from dataclasses import replace

    from xl_addin.core.findings import SignOff
    from xl_addin.schema.signoff_tab import BOTH

    sign = SignOff(BOTH, "Signed off for the test.", "A tester", dt.date(2017, 8, 1),
                   "Sign-off", "A1")
    return replace(result, findings=[replace(f, signed=sign) if f.disagreement and
                                     f.signed is None else f for f in result.findings])

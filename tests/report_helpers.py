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
      "dc": "http://purl.org/dc/elements/1.1/"}


def open_docx(path: Path) -> Document:
    return docx.Document(str(path))


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def tables_by_caption(document: Document) -> dict[str, Table]:
    captions = document.element.body.xpath("./w:tbl/w:tblPr/w:tblCaption/@w:val")
    assert len(captions) == len(document.tables), "every table has a caption"
    return dict(zip(captions, document.tables, strict=True))


def rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def all_text(document: Document) -> str:
    """Every paragraph's text, in tables too, one per line."""
    return "\n".join("".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
                     for p in document.element.body.iter(f"{{{W}}}p"))


def docx_bytes_text(data: bytes) -> str:
    return all_text(docx.Document(io.BytesIO(data)))

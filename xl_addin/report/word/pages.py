"""Page numbers for the contents, stored in the .docx so that every viewer shows them.

Word works out a PAGEREF field's page when it refreshes the fields; other viewers (and
Word in protected view) show the field's stored result, which python-docx cannot compute.
So the report is laid out once by LibreOffice (the same conversion that makes the PDF),
each section heading is found on its page of the PDF's text (``pdftotext``, from
poppler-utils), and the page numbers are written into the contents entries as the
fields' stored results. Word still refreshes them on opening (``w:updateFields``).

Without LibreOffice or pdftotext the entries keep their fields, for Word to fill in.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from xl_addin.report.word.parts import with_parts

__all__ = ["contents_entries", "heading_pages", "with_page_numbers", "find_pdftotext"]

DOCUMENT = "word/document.xml"
BOOKMARK = "_TocLSCB"
TIMEOUT_S = 60


def find_pdftotext() -> str | None:
    return shutil.which("pdftotext")


def _document(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return parse_xml(package.read(DOCUMENT))


def contents_entries(docx: bytes) -> list[tuple[str, str]]:
    """(bookmark, heading text) of each contents entry the report wrote, in order."""
    out = []
    for link in _document(docx).iter(qn("w:hyperlink")):
        anchor = link.get(qn("w:anchor")) or ""
        if anchor.startswith(BOOKMARK):
            text = "".join(t.text or "" for t in link.iter(qn("w:t"))
                           if not _in_field_result(t))
            out.append((anchor, text.strip()))
    return out


def _in_field_result(text: etree._Element) -> bool:
    run = text.getparent()
    previous = run.getprevious() if run is not None else None
    return previous is not None and previous.find(qn("w:fldChar")) is not None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def pdf_pages_text(pdf: bytes) -> list[str] | None:
    """The text of each page of ``pdf``, or None without pdftotext."""
    tool = find_pdftotext()
    if tool is None:
        return None
    with tempfile.TemporaryDirectory(prefix="lscb-pages-") as folder:
        source = Path(folder) / "report.pdf"
        source.write_bytes(pdf)
        done = subprocess.run([tool, "-enc", "UTF-8", str(source), "-"], capture_output=True,
                              timeout=TIMEOUT_S, check=False)
    if done.returncode:
        return None
    return [_squash(page) for page in done.stdout.decode("utf-8", "replace").split("\f")]


def heading_pages(pages: list[str], headings: list[str]) -> list[str]:
    """The page number of each heading, in order: each is looked for after the one before,
    skipping the contents page(s), where most headings appear together."""
    wanted = [_squash(h) for h in headings]
    contents = {i for i, page in enumerate(pages)
                if sum(h in page for h in wanted) > max(2, len(wanted) // 2)}
    found: list[str] = []
    start = max(contents, default=-1) + 1
    for heading in wanted:
        page = next((i for i in range(start, len(pages)) if heading in pages[i]), None)
        if page is None:
            found.append("")
            continue
        found.append(str(page + 1))
        start = page
    return found


def with_page_numbers(docx: bytes, numbers: dict[str, str]) -> bytes:
    """``docx`` with each contents entry's PAGEREF result set to its page number."""
    root = _document(docx)
    for instruction in root.iter(qn("w:instrText")):
        words = (instruction.text or "").split()
        if len(words) < 2 or words[0] != "PAGEREF" or words[1] not in numbers:
            continue
        begin_run = instruction.getparent()
        separate = begin_run.getnext()
        if separate is None or separate.find(qn("w:fldChar")) is None:
            continue
        after = separate.getnext()
        if after is not None and after.find(qn("w:t")) is not None:
            after.getparent().remove(after)  # an earlier result
        result = parse_xml(f'<w:r xmlns:w="{qn("w:r")[1:].split("}")[0]}"><w:t>'
                           f"{numbers[words[1]]}</w:t></w:r>")
        separate.addnext(result)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return with_parts(docx, {DOCUMENT: lambda _: xml})

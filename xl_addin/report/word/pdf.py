"""The PDF, made by LibreOffice from the built .docx.

``soffice --headless --convert-to pdf`` runs in a throwaway user profile (so it neither
needs nor disturbs a person's LibreOffice settings, and two builds can run at once) and is
stopped after a time limit. The PDF is tagged, for screen readers.

LibreOffice prints a table-of-contents field's saved text and never refreshes it, but it
does work out page-number (PAGEREF) fields outside one. So the copy it converts has the
TOC field's markers removed, leaving the contents entries, each with its PAGEREF field:
the PDF gets real page numbers, while the .docx keeps the field Word refreshes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import BinaryIO

from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from xl_addin.core.errors import PdfError
from xl_addin.files.atomic import write_atomic
from xl_addin.report.word.parts import with_parts

__all__ = ["convert_to_pdf", "pdf_bytes", "find_soffice", "require_soffice", "INSTALL_LINE",
           "TIMEOUT_S"]

INSTALL_LINE = "apt-get install -y libreoffice-writer-nogui"
TIMEOUT_S = 300
PDF_FILTER = ('pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
              '"ExportBookmarks":{"type":"boolean","value":"true"},'
              # the report's bookmarks as named destinations: the row marks (keep.py)
              '"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}')
DOCUMENT = "word/document.xml"


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice() -> str:
    """LibreOffice's command, or a PdfError saying how to install it (checked before work)."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfError(f"Cannot make the PDF: LibreOffice (soffice) is not installed. Install "
                       f"it with `{INSTALL_LINE}` (Debian or Ubuntu; as root), then build "
                       "again.")
    return soffice


def convert_to_pdf(docx: Path, pdf: Path, *, timeout: float = TIMEOUT_S) -> Path:
    """Write ``pdf`` from ``docx`` with LibreOffice; PdfError if it cannot."""
    data = pdf_bytes(docx.read_bytes(), docx.name, timeout=timeout)

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    write_atomic(pdf, write)
    return pdf


def pdf_bytes(docx: bytes, name: str = "the report", *, timeout: float = TIMEOUT_S) -> bytes:
    """The PDF of the .docx bytes ``docx``, made by LibreOffice; PdfError if it cannot.

    Its working folder (``lscb-pdf-*`` in the temporary folder) is removed whatever happens,
    Ctrl-C included: LibreOffice is stopped first, so it cannot write into the folder while
    it is being removed.
    """
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="lscb-pdf-", ignore_cleanup_errors=True) as folder:
        work = Path(folder)
        source = work / "report.docx"
        source.write_bytes(_for_libreoffice(docx))
        command = [soffice, "--headless", "--norestore", "--nolockcheck",
                   f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--convert-to", PDF_FILTER, "--outdir", str(work), str(source)]
        _run(command, timeout)
        made = work / "report.pdf"
        if not made.exists():
            raise PdfError(f"LibreOffice did not make a PDF of {name}. Open it in Word "
                           "or LibreOffice and save it as PDF by hand.")
        return made.read_bytes()


def _run(command: list[str], timeout: float) -> None:
    # its own session, so that on a timeout the whole LibreOffice process group is stopped
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          start_new_session=True) as process:
        try:
            _, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise PdfError(f"LibreOffice took more than {timeout:.0f} s to make the PDF and "
                           "was stopped.") from None
        except BaseException:  # Ctrl-C: LibreOffice runs in its own session, so stop it here
            _stop(process)
            raise
    if process.returncode:
        detail = err.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
        raise PdfError(f"LibreOffice failed to make the PDF (exit {process.returncode}: "
                       f"{detail[0]}).")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Kill LibreOffice and everything it started, and wait until they are gone."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass  # it had already finished
    process.communicate()


def _for_libreoffice(docx: bytes) -> bytes:
    """The same document with its table-of-contents field unwrapped (see the module notes)."""
    return with_parts(docx, {DOCUMENT: _unwrap_toc})


def _unwrap_toc(xml: bytes) -> bytes:
    root = parse_xml(xml)
    for instruction in root.iter(qn("w:instrText")):
        if (instruction.text or "").strip().startswith("TOC"):
            for run in _field_runs(instruction.getparent()):
                run.getparent().remove(run)
            break
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _field_runs(instruction_run: etree._Element) -> list[etree._Element]:
    """The runs holding the begin, instruction, separate and matching end of one field."""
    runs = [r for r in instruction_run.getroottree().iter(qn("w:r"))]
    start = runs.index(instruction_run)
    found = [runs[start - 1], instruction_run]
    depth = 1
    for run in runs[start + 1:]:
        kind = next((c.get(qn("w:fldCharType")) for c in run if c.tag == qn("w:fldChar")), None)
        if kind == "separate" and depth == 1:
            found.append(run)
        elif kind == "begin":
            depth += 1
        elif kind == "end":
            depth -= 1
            if depth == 0:
                found.append(run)
                break
    return found

"""LibreOffice turns the report into a PDF of the expected length, with real page numbers."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from xl_addin.report import build_report, convert_to_pdf
from xl_addin.report.pdf import _for_libreoffice, find_soffice
from xl_addin.validate import Result

PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")

needs_soffice = pytest.mark.skipif(
    find_soffice() is None,
    reason="LibreOffice (soffice) is not installed: apt-get install -y libreoffice-writer-nogui")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, example_result: Result) -> Path:
    return build_report(example_result, tmp_path_factory.mktemp("pdf") / "report.docx")


@needs_soffice
def test_libreoffice_converts_the_report_to_a_long_pdf(report: Path) -> None:
    before = report.read_bytes()
    pdf = convert_to_pdf(report, report.with_suffix(".pdf"))
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(PAGE.findall(data)) >= 40
    assert report.read_bytes() == before  # the .docx keeps its contents field


def test_the_copy_for_libreoffice_keeps_entries_but_not_the_toc_field(report: Path) -> None:
    def document(data: bytes) -> str:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return package.read("word/document.xml").decode()

    original = document(report.read_bytes())
    copy = document(_for_libreoffice(report.read_bytes()))
    assert "TOC \\o" in original and "TOC \\o" not in copy
    assert copy.count("PAGEREF _TocLSCB") == original.count("PAGEREF _TocLSCB") > 32
    fields = re.compile(r'w:fldCharType="(begin|end)"')
    assert len(fields.findall(original)) - len(fields.findall(copy)) == 2

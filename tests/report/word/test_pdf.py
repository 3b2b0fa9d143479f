"""LibreOffice lays the report out: a PDF, and real page numbers stored in the contents."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from xl_addin.jobs.checked import Result
from xl_addin.jobs.document import build
from xl_addin.report import convert_to_pdf
from xl_addin.report.word.pages import contents_entries, find_pdftotext, heading_pages
from xl_addin.report.word.pdf import _for_libreoffice, find_soffice

PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")

needs_soffice = pytest.mark.skipif(
    find_soffice() is None or find_pdftotext() is None,
    reason="LibreOffice and pdftotext are not installed: apt-get install -y "
           "libreoffice-writer-nogui poppler-utils")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, example_result: Result) -> Path:
    return build(example_result, tmp_path_factory.mktemp("pdf") / "report.docx")


@pytest.fixture(scope="module")
def laid_out(example_laid_out: Path) -> Path:
    return example_laid_out  # one LibreOffice layout for every test that reads the PDF


def _pages(pdf: Path) -> list[str]:
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode()
    return text.split("\f")


@needs_soffice
def test_the_pdf_and_the_docx_come_from_one_layout(laid_out: Path) -> None:
    pdf = laid_out.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert len(PAGE.findall(pdf.read_bytes())) >= 40


@needs_soffice
def test_the_contents_store_each_sections_page(laid_out: Path) -> None:
    data = laid_out.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode()
    stored = re.findall(r'PAGEREF (_TocLSCB\d+) \\h </w:instrText></w:r><w:r><w:fldChar '
                        r'w:fldCharType="separate"/></w:r><w:r><w:t>(\d+)</w:t>', xml)
    entries = contents_entries(data)
    assert len(stored) == len(entries) == 35
    pages = _pages(laid_out.with_suffix(".pdf"))
    numbers = [int(n) for _, n in stored]
    assert numbers == sorted(numbers) and numbers[0] >= 3
    for (_, heading), number in zip(entries, numbers, strict=True):
        assert " ".join(heading.split()) in " ".join(pages[number - 1].split()), heading
    # the contents fit on one page: the foreword is on the page after them
    contents = [i for i, p in enumerate(pages) if "Contents" in p and "Glossary" in p]
    assert len(contents) == 1 and numbers[0] == contents[0] + 2


@needs_soffice
def test_the_year_at_a_glance_is_one_page_after_the_foreword(laid_out: Path) -> None:
    pages = _pages(laid_out.with_suffix(".pdf"))
    glance = next(i for i, p in enumerate(pages) if "2. LSCB Annual Report on a Page" in p
                  and "Headline figures" in p)
    assert "Achievements" in pages[glance] and "Business plan actions by status" in pages[glance]
    assert "3. Introduction" in pages[glance + 1]  # the next section starts a new page
    assert "1. Foreword from the Chair" in pages[glance - 1]


@needs_soffice
def test_libreoffice_draws_the_native_charts(laid_out: Path) -> None:
    text = "\n".join(_pages(laid_out.with_suffix(".pdf")))
    for label in ("Places taken", "Allegations", "3,995", "507"):  # axis titles, labels
        assert label in text, label


def test_heading_pages_skip_the_contents_and_go_forward() -> None:
    pages = ["cover", "contents 1. a 2. b 3. c", "1. a text", "more 2. b", "3. c 1. a"]
    assert heading_pages(pages, ["1. a", "2. b", "3. c"]) == ["3", "4", "5"]


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

"""Pages a designer would sign off, checked on LibreOffice's PDF of the example (issue 21).

Every test here reads the one layout of the session (``example_laid_out``): no page less
than about a third full, unless the next starts a part on a page of its own; no table
leaving fewer than three rows (or its notes) alone on a page; space between a table and
the text under it; charts whose labels stay off their lines.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from xl_addin.report.word.keep import destinations, pages_of_marks, row_problems
from xl_addin.report.word.pages import contents_entries

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS = {"w": W, "c": C}
THIRD = 1 / 3
HEADER_BAND, FOOTER_BAND = 0.085, 0.90  # of the page's height: the running header, the footer


def page_fill(pdf: Path) -> list[float]:
    """How far down each page its text and tables reach, as a share of the page's body."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-gray", "-r", "20", str(pdf), f"{folder}/p"], check=True)
        out = []
        for image in sorted(Path(folder).glob("p-*.pgm")):
            _, size, _, pixels = image.read_bytes().split(b"\n", 3)
            width, height = map(int, size.split())
            top, bottom = int(height * HEADER_BAND), int(height * FOOTER_BAND)
            inked = [y for y in range(top, bottom)
                     if min(pixels[y * width:(y + 1) * width]) < 200]
            out.append((max(inked) - top) / (bottom - top) if inked else 0.0)
    return out


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode()
    return [" ".join(page.split()) for page in text.split("\f")]


def _starts_a_part(page: str, headings: list[str]) -> bool:
    """Whether a page opens with a heading the report starts on a new page."""
    body = page.split("Annual Report 2016-17", 1)[-1].strip()
    return any(body.startswith(" ".join(h.split())) for h in headings)


def test_no_page_is_less_than_a_third_full(example_laid_out: Path) -> None:
    pdf = example_laid_out.with_suffix(".pdf")
    fill = page_fill(pdf)
    pages = _pages(pdf)
    headings = [text for _, text in contents_entries(example_laid_out.read_bytes())]
    assert len(fill) > 40
    short = [n + 1 for n, share in enumerate(fill[1:-1], start=1)  # not the cover, nor last
             if share < THIRD and not _starts_a_part(pages[n + 1], headings)]
    assert short == [], f"pages less than a third full: {short}"


def test_no_table_leaves_fewer_than_three_rows_or_its_notes_alone(example_laid_out: Path,
                                                                   ) -> None:
    pdf = example_laid_out.with_suffix(".pdf").read_bytes()
    marks = pages_of_marks(pdf)
    assert len(marks) > 40  # every data table is marked
    split = {t: m for t, m in marks.items() if m["H"] != m["E"]}
    assert len(split) > 5  # long tables do split, with their header repeated
    for table, mark in split.items():
        assert mark["H"] == mark["S"], f"table {table} starts with fewer than three rows"
        assert mark["T"] == mark["E"], f"table {table} ends with fewer than three rows"
    for table, mark in marks.items():
        assert mark.get("N", mark["E"]) == mark["E"], f"table {table}'s notes left alone"
    assert row_problems(pdf) == []


def test_the_row_marks_are_read_from_the_pdf(example_laid_out: Path) -> None:
    pdf = example_laid_out.with_suffix(".pdf").read_bytes()
    found = destinations(pdf)
    pages = len(_pages(example_laid_out.with_suffix(".pdf"))) - 1
    assert all(1 <= page <= pages for page, _ in found.values())
    first = min(found)  # the first table's first row sits above its last
    if found[(first[0], "H")][0] == found[(first[0], "E")][0]:
        assert found[(first[0], "H")][1] >= found[(first[0], "E")][1]


def _document(docx: Path) -> etree._Element:
    with zipfile.ZipFile(docx) as package:
        return etree.fromstring(package.read("word/document.xml"))


def test_text_under_a_table_or_chart_stands_clear_of_it(example_report) -> None:  # noqa: ANN001
    body = _document(example_report[0]).find(f"{{{W}}}body")
    roomy = {"Heading1", "Heading2", "Heading3", "Caption", "TableNote", "TileNote"}
    checked = 0
    for element in body:
        before = element.getprevious()
        if before is None or element.tag != f"{{{W}}}p":
            continue
        drawn = before.tag == f"{{{W}}}tbl" or (
            before.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) == "Figure")
        if not drawn or element.xpath("./w:pPr/w:sectPr", namespaces=NS):
            continue
        style = element.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS)
        space = element.xpath("string(w:pPr/w:spacing/@w:before)", namespaces=NS)
        checked += 1
        assert style in roomy or int(space or 0) >= 120, \
            "".join(element.itertext())[:60]
    assert checked > 40


def test_chart_labels_sit_clear_of_their_lines(example_report) -> None:  # noqa: ANN001
    with zipfile.ZipFile(example_report[0]) as package:
        charts = [etree.fromstring(package.read(n)) for n in package.namelist()
                  if re.fullmatch(r"word/charts/chart\d+\.xml", n)]
    assert charts
    for chart in charts:
        shown = chart.xpath("//c:dLbls/c:showVal/@val", namespaces=NS)
        labelled = bool(shown) and shown[0] in ("1", "true")
        place = chart.xpath("string(//c:dLbls/c:dLblPos/@val)", namespaces=NS)
        if chart.xpath("//c:lineChart", namespaces=NS):
            assert not labelled or place == "t"  # above the point, or none at all
        elif labelled:
            assert place == "outEnd"


@pytest.mark.parametrize("kind", ["head", "tail"])
def test_a_split_table_is_mended(tmp_path: Path, example_report, kind: str) -> None:  # noqa: ANN001
    """What the layout finds wrong is put right in the .docx: a table moves to a new page,
    or its last rows start the next under its caption, "(continued)"."""
    from xl_addin.report.word.keep import Problem, keep_rows

    data = example_report[0].read_bytes()
    body = _document(example_report[0])
    long = [b for b in body.xpath("//w:bookmarkStart[starts-with(@w:name, '_LSCBTable')]",
                                  namespaces=NS)
            if b.get(f"{{{W}}}name").endswith("T")
            and len(b.xpath("ancestor::w:tr[1]/preceding-sibling::w:tr", namespaces=NS)) > 3]
    table = int(long[0].get(f"{{{W}}}name")[len("_LSCBTable"):-1])
    mended = tmp_path / "mended.docx"
    mended.write_bytes(keep_rows(data, [Problem(table, kind)]))
    after = _document(mended)
    if kind == "head":
        assert len(after.xpath("//w:pageBreakBefore", namespaces=NS)) > len(
            body.xpath("//w:pageBreakBefore", namespaces=NS))
    else:
        captions = after.xpath("//w:tblCaption/@w:val", namespaces=NS)
        assert any(c.endswith("(continued)") for c in captions)
        assert len(after.xpath("//w:tbl", namespaces=NS)) == len(
            body.xpath("//w:tbl", namespaces=NS)) + 1

"""The built report is accessible to the letter (issue 21): contrast, links, tables.

The checks (tests/support/accessibility.py) read the .docx as Word's accessibility checker
would: every text against its fill at 4.5:1 (3:1 when large), web addresses as links with
readable words, every table with a header row and a caption. They run on the example's
report and on its build with small numbers withheld.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from tests.support.accessibility import contrast, problems
from xl_addin.jobs.checked import Result
from xl_addin.jobs.document import BuildOptions, build


@pytest.fixture(scope="module")
def suppressed(tmp_path_factory: pytest.TempPathFactory, example_result: Result) -> Path:
    out = tmp_path_factory.mktemp("suppressed") / "report.docx"
    return build(example_result, out, BuildOptions(suppress_small_numbers=True))


def test_the_example_has_no_accessibility_problem(example_report) -> None:  # noqa: ANN001
    assert [str(p) for p in problems(example_report[0])] == []


def test_the_suppressed_build_has_none_either(suppressed: Path) -> None:
    assert [str(p) for p in problems(suppressed)] == []


def test_a_web_address_is_a_link_showing_words(example_report) -> None:  # noqa: ANN001
    with zipfile.ZipFile(example_report[0]) as package:
        xml = package.read("word/document.xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
    links = re.findall(r'<w:hyperlink r:id="(rId\d+)"[^>]*>.*?<w:t[^>]*>([^<]*)</w:t>', xml)
    assert ("www.cumbrialscb.com/LSCB/professionals/learningscr.asp" in
            [text for _, text in links])
    r_id = next(i for i, text in links if "learningscr" in text)
    assert re.search(rf'Id="{r_id}"[^>]*Target="http://www\.cumbrialscb\.com/LSCB/'
                     r'professionals/learningscr\.asp"[^>]*TargetMode="External"', rels) or \
        re.search(rf'TargetMode="External"[^>]*Target="http://www\.cumbrialscb\.com[^"]*"'
                  rf'[^>]*Id="{r_id}"', rels)


def _with_style_colour(docx: Path, style: str, colour: str) -> Path:
    out = docx.with_name(f"{style}-{colour}.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/styles.xml":
                xml = data.decode()
                start = xml.index(f'w:styleId="{style}"')
                end = xml.index("</w:style>", start)
                xml = xml[:start] + re.sub(r'w:color w:val="[0-9A-F]{6}"',
                                           f'w:color w:val="{colour}"', xml[start:end]) + \
                    xml[end:]
                data = xml.encode()
            dst.writestr(info, data)
    out.write_bytes(buffer.getvalue())
    return out


def test_the_check_finds_a_label_too_faint_on_its_tile(tmp_path: Path,
                                                       example_report) -> None:  # noqa: ANN001
    """The tile labels were 404040 before issue 21: 4.17:1 on the red of 'Off track'."""
    copy = tmp_path / "report.docx"
    copy.write_bytes(example_report[0].read_bytes())
    faint = [str(p) for p in problems(_with_style_colour(copy, "TileLabel", "404040"))]
    assert faint and all("404040 on FF7C80 is 4.17:1" in p for p in faint)


def test_contrast_is_computed_as_wcag_defines_it() -> None:
    assert contrast("FFFFFF", "000000") == pytest.approx(21.0)
    assert contrast("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast("262626", "FF7C80") >= 4.5  # a tile's label on red
    assert contrast("1F4E79", "FF7C80") >= 3.0  # its figure: 20 pt bold, large text

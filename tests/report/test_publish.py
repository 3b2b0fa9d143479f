"""What makes the report publishable as it stands: the house style, columns that fit their
words, the cover's logo, and a package Word opens without complaint."""

from __future__ import annotations

import copy
import struct
import zlib
from pathlib import Path

import pytest

from tests.support.report_helpers import NS, open_docx, part
from xl_addin.jobs.checked import Result
from xl_addin.jobs.document import BuildOptions, build
from xl_addin.report import ReportError
from xl_addin.report.content.house import tidy
from xl_addin.report.layout.measure import column_widths, lines, text_width, word_width
from xl_addin.report.word.logo import read_logo


@pytest.mark.parametrize(("typed", "printed"), [
    ("In 2016/17, as in 2015/2016", "In 2016-17, as in 2015-16"),
    ("a change of -3 (-2.5%)", "a change of \u22123 (\u22122.5%)"),
    ("a target of 5-7.5%, CS2-1, 2016-17", "a target of 5-7.5%, CS2-1, 2016-17"),
    ("Due Jul-17; started Nov 2016", "Due July 2017; started November 2016"),
    ("Sep-16 and ongoing", "September 2016 and ongoing"),
    ("each Subgroup and sub group, the Sub Group", "each Sub-group and sub-group, the Sub-group"),
    ("on 2016/09/01", "on 2016/09/01"),  # not two years in a row: left alone
])
def test_the_house_style(typed: str, printed: str) -> None:
    assert tidy(typed) == printed


def test_columns_fit_their_longest_word() -> None:
    cells = [["1.1", "1.12"], ["Set up a programme that identifies what members need"],
             ["November 2016 and ongoing", "September 2017"], ["Completed."]]
    widths = column_widths(9638, [0.6, 3, 1.2, 2.9], [c if len(c) else [""] for c in cells],
                           ["Ref", "Action", "When", "Update"], 9.5, 170)
    assert sum(widths) == 9638
    assert widths[2] >= word_width("September", 9.5) + 170  # 'November' is never broken
    assert widths[1] > widths[0]
    assert lines("one two three", text_width("one two", 10) + 1, 10) == 2


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + b"\x1f\x4e\x79" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                              0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def _with_logo(result: Result, name: str) -> Result:
    changed = copy.deepcopy(result)
    changed.data.facts["logo_file"] = name
    return changed


def test_the_cover_carries_the_logo_named_in_settings(example_result: Result,
                                                     tmp_path: Path) -> None:
    (tmp_path / "branding").mkdir()
    (tmp_path / "branding" / "logo.png").write_bytes(_png(60, 20))
    out = build(_with_logo(example_result, "branding/logo.png"), tmp_path / "r.docx",
                BuildOptions(workbook_folder=tmp_path))
    document = part(out, "word/document.xml")
    first = document.xpath("//w:body/w:p[1]", namespaces=NS)[0]
    alt = first.xpath(".//wp:docPr/@descr", namespaces=NS)
    assert alt == ["Cumbria Local Safeguarding Children Board logo"]
    assert open_docx(out).paragraphs[1].text == "Cumbria Local Safeguarding Children Board"


def test_without_a_logo_the_cover_is_words_only(example_result: Result,
                                                tmp_path: Path) -> None:
    out = build(example_result, tmp_path / "r.docx", BuildOptions(workbook_folder=tmp_path))
    paragraphs = open_docx(out).paragraphs
    assert [p.style.name for p in paragraphs[:4]] == ["Title", "Subtitle", "Normal",
                                                     "Cover Note"]
    assert paragraphs[3].text.startswith("Published ")


@pytest.mark.parametrize(("name", "make", "says"), [
    ("missing.png", None, "there is no logo file"),
    ("notes.png", b"just some text", "not a PNG or JPEG"),
    ("../outside.png", _png(4, 4), "relative to the workbook's folder"),
    ("/etc/hostname", None, "relative to the workbook's folder"),
    ("huge.png", _png(4, 4) + b"\0" * (3 * 1024 * 1024), "must be under"),
    ("wide.png", _png(7000, 1), "pixels"),
])
def test_a_logo_that_cannot_be_used_is_refused_clearly(example_result: Result, tmp_path: Path,
                                                        name: str, make: bytes | None,
                                                        says: str) -> None:
    folder = tmp_path / "book"
    folder.mkdir()
    if make is not None:
        (folder / name).write_bytes(make)
    with pytest.raises(ReportError, match=says):
        read_logo(_with_logo(example_result, name).data, folder)
    with pytest.raises(ReportError, match="Settings"):
        build(_with_logo(example_result, name), tmp_path / "r.docx",
              BuildOptions(workbook_folder=folder))
    assert not (tmp_path / "r.docx").exists()


def test_word_opens_the_template_the_report_and_a_draft_cleanly(
        example_result: Result, example_report: tuple[Path, object], tmp_path: Path) -> None:
    audit = pytest.importorskip("openxml_audit")
    from xl_addin.report import default_template

    validator = audit.OpenXmlValidator(file_format=audit.FileFormat.MICROSOFT_365)
    report = example_report[0]  # the session's final report
    draft = build(example_result, tmp_path / "draft.docx", BuildOptions(draft=True))
    for path in (default_template(example_result.data.profile), report, draft):
        found = validator.validate(path)
        assert found.error_count == 0, [str(e) for e in found.errors][:5]

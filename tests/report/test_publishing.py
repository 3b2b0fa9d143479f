"""Only what the public should read is published, and the report dates itself truthfully."""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.report_helpers import NS, part
from xl_addin.cli import build_parser
from xl_addin.core.errors import NotReadyToPublish
from xl_addin.jobs.checked import Result
from xl_addin.jobs.document import BuildOptions, build, refuse_unpublishable
from xl_addin.report.content.context import NOT_DATED, build_model
from xl_addin.report.word.properties import APPLICATION, finish_properties

EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
COUNTS = ("Pages", "Words", "Characters", "Lines", "Paragraphs", "CharactersWithSpaces")


def _undated(result: Result) -> Result:
    data = copy.deepcopy(result.data)
    data.facts["publication_date"] = None
    return replace(result, data=data)


def test_the_published_report_is_dated_by_its_publication_date(
        example_report: tuple[Path, list]) -> None:
    path, _ = example_report
    core = part(path, "docProps/core.xml")
    ns = {**NS, "dcterms": "http://purl.org/dc/terms/",
          "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"}
    assert core.xpath("string(dcterms:created)", namespaces=ns) == "2017-08-22T00:00:00Z"
    assert core.xpath("string(dcterms:modified)", namespaces=ns) == "2017-08-22T00:00:00Z"
    assert core.xpath("dc:description", namespaces=ns) == []  # no note for the tool's user
    app = part(path, "docProps/app.xml")
    assert app.xpath("string(ep:Application)", namespaces={"ep": EP}) == APPLICATION
    assert not [c for c in COUNTS if app.xpath(f"ep:{c}", namespaces={"ep": EP})]
    body = part(path, "word/document.xml")
    cover = "".join(body.xpath("//w:body/w:p[position() < 8]//w:t/text()", namespaces=NS))
    assert "Published 22 August 2017" in cover
    text = "".join(body.xpath("//w:t/text()", namespaces=NS))
    assert "publish this report by" not in text and "printed in drafts only" not in text
    # its contents' page numbers are not stored (no layout), so Word fills them in
    settings = part(path, "word/settings.xml")
    assert settings.xpath("//w:updateFields/@w:val", namespaces=NS) == ["true"]


def test_stored_page_numbers_do_not_ask_word_to_update_fields(
        example_report: tuple[Path, list]) -> None:
    path, _ = example_report
    data = finish_properties(path.read_bytes(), dt.date(2017, 8, 22), pages_stored=True)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert b"updateFields" not in package.read("word/settings.xml")
    # the same bytes for the same publication date
    assert finish_properties(path.read_bytes(), dt.date(2017, 8, 22), pages_stored=True) == data


def test_a_final_report_needs_a_publication_date(example_result: Result) -> None:
    undated = _undated(example_result)
    with pytest.raises(NotReadyToPublish, match="Settings give no publication date"):
        refuse_unpublishable(undated)
    refuse_unpublishable(example_result)  # dated, settled, no errors: it may be published


def test_a_draft_without_a_date_says_so_on_its_cover(example_result: Result,
                                                     tmp_path: Path) -> None:
    undated = _undated(example_result)
    model = build_model(undated.data, undated.computed, undated.findings, draft=True)
    assert model.fields["publication_date"] == NOT_DATED
    statutory = [b.text for s in model.sections if s.id == "statutory_appendix"
                 for b in s.blocks if hasattr(b, "text")]
    assert any("For the board (printed in drafts only): Under Working Together 2015, publish "
               "this report by 31 March 2018" in t for t in statutory)
    out = build(undated, tmp_path / "draft.docx",
                BuildOptions(draft=True, today=dt.date(2017, 7, 3)))
    core = part(out, "docProps/core.xml")
    assert core.xpath("string(//*[local-name()='created'])") == "2017-07-03T00:00:00Z"
    text = "".join(part(out, "word/document.xml").xpath("//w:t/text()", namespaces=NS))
    assert f"Published {NOT_DATED}" in text


def test_validation_notes_a_missing_publication_date(broken, example_raw,
                                                     example_result: Result) -> None:
    from tests.support.profiles import cell_of

    assert not [f for f in example_result.findings if f.rule == "publication.date"]
    sheet, cell = cell_of(example_raw, "tblSettings", "value", "publication_date")

    def clear(wb) -> None:
        wb[sheet][cell].value = None

    result = broken(clear)
    notes = [f for f in result.findings if f.rule == "publication.date"]
    assert [(f.sheet, f.cell, f.severity) for f in notes] == [(sheet, cell, "info")]
    assert "a final report needs the day it will be published" in notes[0].message


def test_compute_help_says_what_the_command_writes() -> None:
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    text = " ".join(commands["compute"].format_help().split())
    assert "only the Validation tab is written" not in text
    assert "everything the errors allow is still written" in text
    assert "Cells people typed are never changed" in text

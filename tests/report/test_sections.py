"""The comms team orders the report in Word: one tag per section, in the template's order."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from tests.support.profiles import EXAMPLE
from xl_addin.jobs.checked import Result
from xl_addin.jobs.document import BuildEvents, BuildOptions, build
from xl_addin.report import default_template
from xl_addin.report.content.house import tidy
from xl_addin.report.content.statutory import STATUTORY_HEADING

Edit = object


def _template(tmp_path: Path, edit) -> Path:  # noqa: ANN001 - a function of a Document
    document = docx.Document(str(default_template(EXAMPLE)))
    edit(document)
    path = tmp_path / "template.docx"
    document.save(str(path))
    return path


def _tag(document, section_id: str):  # noqa: ANN001, ANN202 - python-docx objects
    return next(p for p in document.paragraphs if p.text == f"{{{{p section_{section_id} }}}}")


def _headings(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "Heading 1"]


def _contents(path: Path) -> list[str]:
    return [p.text.rstrip("\t") for p in docx.Document(str(path)).paragraphs
            if p.style.name == "toc 1"]


@pytest.fixture(scope="module")
def reordered(example_result: Result, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The comms team's template: the report on a page moved up after the foreword, the
    glossary dropped, and a sentence of their own typed between two tags."""
    folder = tmp_path_factory.mktemp("reordered")

    def edit(document) -> None:  # noqa: ANN001
        _tag(document, "foreword")._element.addnext(_tag(document, "on_a_page")._element)
        glossary = _tag(document, "glossary")._element
        glossary.getparent().remove(glossary)
        _tag(document, "introduction").insert_paragraph_before("Written by the comms team.")

    warnings: list[str] = []
    out = build(example_result, folder / "report.docx",
                BuildOptions(template=_template(folder, edit)),
                BuildEvents(warn=warnings.append))
    (folder / "warnings.txt").write_text("\n".join(warnings), encoding="utf-8")
    return out


APPENDIX = "Appendix A: Business Plan Update in full"
STATUTORY = f"Appendix B: {STATUTORY_HEADING}"


def test_headings_and_numbers_follow_the_templates_order(reordered: Path) -> None:
    headings = _headings(reordered)
    assert headings[:3] == ["1. Foreword from the Chair", "2. LSCB Annual Report on a Page",
                            "3. Introduction"]
    assert len(headings) == 34 and not any("Glossary" in h for h in headings)
    assert headings[-3:] == ["32. About the Figures", APPENDIX, STATUTORY]


def test_the_contents_follow_the_templates_order(reordered: Path) -> None:
    assert _contents(reordered) == _headings(reordered)


def test_text_typed_between_tags_stays_where_it_was(reordered: Path) -> None:
    texts = [p.text for p in docx.Document(str(reordered)).paragraphs]
    mine = texts.index("Written by the comms team.")
    assert texts[mine + 1] == "3. Introduction"


def test_a_section_the_template_leaves_out_is_named_in_a_warning(reordered: Path) -> None:
    said = (reordered.parent / "warnings.txt").read_text(encoding="utf-8")
    assert "does not place 1 section(s)" in said and "Glossary" in said


def test_a_draft_lists_the_sections_the_template_leaves_out(example_result: Result,
                                                            tmp_path: Path) -> None:
    def drop(document) -> None:  # noqa: ANN001
        for section_id in ("glossary", "neglect"):
            element = _tag(document, section_id)._element
            element.getparent().remove(element)

    out = build(example_result, tmp_path / "draft.docx",
                BuildOptions(draft=True, template=_template(tmp_path, drop)))
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "not in the Word template" in text and "Neglect; Glossary" in text


def test_body_still_means_every_section_in_order(example_result: Result,
                                                 tmp_path: Path) -> None:
    def to_body(document) -> None:  # noqa: ANN001
        tags = [p for p in document.paragraphs if p.text.startswith("{{p section_")]
        tags[0].insert_paragraph_before("{{p body }}")
        for paragraph in tags:
            paragraph._element.getparent().remove(paragraph._element)

    out = build(example_result, tmp_path / "body.docx",
                BuildOptions(template=_template(tmp_path, to_body)))
    assert _headings(out) == [tidy(f"{n}. {s.heading('Cumbria')}")
                              for n, s in enumerate(EXAMPLE.sections, start=1)] + [
        APPENDIX, STATUTORY]


def test_body_after_some_tags_prints_only_the_rest(example_result: Result,
                                                   tmp_path: Path) -> None:
    def mixed(document) -> None:  # noqa: ANN001
        tags = [p for p in document.paragraphs if p.text.startswith("{{p section_")]
        tags[2].insert_paragraph_before("{{p body }}")
        for paragraph in tags[2:]:
            paragraph._element.getparent().remove(paragraph._element)

    out = build(example_result, tmp_path / "mixed.docx",
                BuildOptions(template=_template(tmp_path, mixed)))
    headings = _headings(out)
    assert len(headings) == 35 and len(set(headings)) == 35
    assert headings[-2:] == [APPENDIX, STATUTORY]
    assert headings[2] == "3. Introduction"

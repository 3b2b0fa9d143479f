"""The Word template and the report's context keep to one contract, in both directions."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docxtpl import DocxTemplate

from tests.support.profiles import EXAMPLE, STARTER
from tests.support.report_helpers import NS, part
from xl_addin.jobs.checked import Result
from xl_addin.report import TemplateProblem, build_model
from xl_addin.report import default_template as template_for
from xl_addin.report.content.context import TEMPLATE_FIELDS
from xl_addin.report.word.render import check_template, template_context, template_layout
from xl_addin.report.word.template_styles import STYLES, StyleKind
from xl_addin.tools import template_fields
from xl_addin.tools.upgrade_template import upgrade_template

# The shipped template places each section with its own tag instead of {{p body }}, and
# the business plan's actions in an appendix.
FIELDS = ({f.name for f in TEMPLATE_FIELDS} - {"body"} | {s.tag for s in EXAMPLE.sections}
          | {"appendix_business_plan"})


def default_template() -> Path:
    return template_for(EXAMPLE)


def test_the_template_uses_exactly_the_declared_fields() -> None:
    used = DocxTemplate(default_template()).get_undeclared_template_variables()
    assert used == FIELDS, f"missing from the context: {used - FIELDS}; unused: {FIELDS - used}"


def test_the_context_provides_exactly_the_templates_fields(example_result: Result) -> None:
    template = DocxTemplate(default_template())
    model = build_model(example_result.data, example_result.computed)
    layout = template_layout(default_template(), EXAMPLE)
    context = template_context(model, template, layout)
    assert set(context) == template.get_undeclared_template_variables()


@pytest.mark.parametrize("profile", [EXAMPLE, STARTER], ids=lambda p: p.name)
def test_each_shipped_template_places_every_section_of_its_profile_once(profile) -> None:
    layout = template_layout(template_for(profile), profile)
    sections = [t for t in layout.tags if t.startswith("section_")]
    assert sorted(sections) == sorted(s.tag for s in profile.sections)
    assert layout.missing == ()
    # the year at a glance straight after the foreword; the plan's actions in an appendix
    glance = next(s.tag for s in profile.sections if s.builder == "on_a_page")
    assert sections.index(glance) == 1
    assert layout.tags[-1] == "appendix_business_plan"
    assert any(s.builder == "about_the_figures" for s in profile.sections)


@pytest.mark.parametrize("profile", [EXAMPLE, STARTER], ids=lambda p: p.name)
def test_upgrading_the_shipped_templates_changes_nothing_now(profile) -> None:
    path = template_for(profile)
    assert upgrade_template(path.read_bytes(), profile) == path.read_bytes()


def test_the_template_defines_every_style_the_report_uses() -> None:
    styles = {s.name: s.type for s in docx.Document(str(default_template())).styles}
    kinds = {StyleKind.PARAGRAPH: WD_STYLE_TYPE.PARAGRAPH, StyleKind.TABLE: WD_STYLE_TYPE.TABLE}
    for style in STYLES:
        assert styles.get(style.name) == kinds[style.kind], style.name


def test_the_template_refreshes_its_contents_and_numbers_its_pages() -> None:
    path = default_template()
    settings = part(path, "word/settings.xml")
    assert settings.xpath("//w:updateFields/@w:val", namespaces=NS) == ["true"]
    document = part(path, "word/document.xml")
    # section headings only, so the contents fit on one page
    assert 'TOC \\o "1-1"' in "".join(document.xpath("//w:instrText/text()", namespaces=NS))
    # no placeholder picture: the logo, when there is one, comes in through {{p logo }}
    assert document.xpath("//w:drawing", namespaces=NS) == []
    texts = ["".join(p.xpath(".//w:t/text()", namespaces=NS))
             for p in document.xpath("//w:body/w:p", namespaces=NS)]
    assert "{{p logo }}" in texts and "Published {{ publication_date }}" in texts
    theme = part(path, "word/theme/theme1.xml")
    fonts = theme.xpath("//a:fontScheme/*/a:latin/@typeface", namespaces=NS)
    assert fonts == ["Arial", "Arial"]
    footers = [part(path, f"word/footer{n}.xml") for n in (1, 2)]
    assert any(f.xpath("//w:fldSimple[contains(@w:instr, 'PAGE')]", namespaces=NS)
               for f in footers)
    core = part(path, "docProps/core.xml")
    assert core.xpath("string(dc:language)", namespaces=NS) == "en-GB"


def test_template_fields_pages_are_up_to_date() -> None:
    assert template_fields.main(["--check"]) == 0


def _edited_template(tmp_path: Path, edit) -> DocxTemplate:
    document = docx.Document(str(default_template()))
    edit(document)
    path = tmp_path / "edited.docx"
    document.save(str(path))
    return DocxTemplate(path)


def test_a_template_without_a_style_is_refused(tmp_path: Path) -> None:
    def drop_style(document) -> None:
        style = document.styles["Table Note"].element
        style.getparent().remove(style)

    with pytest.raises(TemplateProblem, match="Table Note"):
        check_template(_edited_template(tmp_path, drop_style))


def test_a_template_asking_for_an_unknown_field_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TemplateProblem, match="chair_signature"):
        check_template(_edited_template(
            tmp_path, lambda d: d.add_paragraph("{{ chair_signature }}")))


def test_a_template_with_no_section_and_no_body_is_refused(tmp_path: Path) -> None:
    def drop_sections(document) -> None:
        for paragraph in document.paragraphs:
            if paragraph.text.startswith("{{p section_"):
                paragraph.text = "A section was here."

    _edited_template(tmp_path, drop_sections)
    with pytest.raises(TemplateProblem, match="body"):
        template_layout(tmp_path / "edited.docx", EXAMPLE)


def test_a_template_placing_a_section_the_profile_lacks_is_refused(tmp_path: Path) -> None:
    _edited_template(tmp_path, lambda d: d.add_paragraph("{{p section_annual_accounts }}"))
    with pytest.raises(TemplateProblem, match="section_annual_accounts"):
        template_layout(tmp_path / "edited.docx", EXAMPLE)


def test_the_report_package_exports_a_fixed_api() -> None:
    import xl_addin.report as report

    assert set(report.__all__) == {
        "build_model", "default_template", "convert_to_pdf", "Progress",
        "ReportModel", "TEMPLATE_FIELDS", "INSTALL_LINE", "ReportError", "WorkbookHasErrors",
        "TemplateProblem", "PdfError"}
    assert all(hasattr(report, name) for name in report.__all__)

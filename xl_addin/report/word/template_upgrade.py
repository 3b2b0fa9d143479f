"""Bring a committed Word template up to date, keeping everything the comms team did to it.

    python -m xl_addin.tools.upgrade_template            # every shipped profile's template
    python -m xl_addin.tools.upgrade_template --check    # exit 1 if one needs upgrading
    lscb-report make-template --profile NAME -o FILE     # a board's own, from nothing

Each step changes only what the report now needs and leaves the rest as it stands:

- styles the report now uses and the template lacks are added (the cover's Title and
  Subtitle, and the contents' ``toc 1``, take the typographic cover's design);
- the theme's fonts and accent colours become the house ones (charts take them), and body
  text follows the theme's font;
- the cover's placeholder picture becomes the ``{{p logo }}`` tag (the board's logo, or
  nothing), and the cover carries ``Published {{ publication_date }}``;
- the cover's and the headers' "Annual Report" and "the board" become the fields
  ``{{ report_title }}`` and ``{{ body_type }}``, which follow the guidance named on Settings;
- the contents list section headings only (TOC ``\\o "1-1"``);
- the report on a page moves to just after the first section (the foreword); sections the
  profile has and the template lacks (About the figures) go before the glossary, or at the
  end; the business plan's actions go to an appendix (``{{p appendix_<id> }}``) at the end.

Running it twice changes nothing the second time.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from xl_addin.files.atomic import normalise_zip
from xl_addin.report.word import blank_template as make
from xl_addin.schema import Profile

__all__ = ["upgrade_template", "template_for"]

RESTYLED = {"Title", "Subtitle", "toc 1"}
PUBLISHED = "Published {{ publication_date }}"
LOGO = "{{p logo }}"


def upgrade_template(data: bytes, profile: Profile) -> bytes:
    """The template ``data`` brought up to date for ``profile`` (see the module notes)."""
    doc = Document(io.BytesIO(data))
    present = {s.name for s in doc.styles}
    make._set_styles(doc, only={n for n in make.PARAGRAPH_STYLES if n not in present}
                     | RESTYLED)
    make._set_defaults(doc)
    make._set_theme(doc)
    _cover(doc)
    _words(doc)
    _properties(doc)
    _contents(doc)
    _sections(doc, profile)
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_zip(buffer.getvalue())


def _cover(doc: DocumentObject) -> None:
    paragraphs = doc.paragraphs
    if not any(p.text.strip() == LOGO for p in paragraphs):
        for paragraph in paragraphs:
            drawings = paragraph._p.xpath(".//w:drawing")
            if drawings:
                ids = paragraph._p.xpath(".//a:blip/@r:embed")
                for run in paragraph.runs:
                    run._r.getparent().remove(run._r)
                paragraph.add_run(LOGO)
                for r_id in ids:
                    doc.part.drop_rel(r_id)
                break
    if not any(p.text.strip() == PUBLISHED for p in doc.paragraphs):
        heading = next((p for p in doc.paragraphs if p.style is not None
                        and p.style.name == "TOC Heading"), None)
        if heading is not None:
            heading.insert_paragraph_before(PUBLISHED, style="Cover Note")


def _contents(doc: DocumentObject) -> None:
    for instruction in doc.element.body.iter(qn("w:instrText")):
        text = instruction.text or ""
        if text.strip().startswith("TOC"):
            instruction.text = text.replace('\\o "1-2"', '\\o "1-1"').replace(
                '\\o "1-3"', '\\o "1-1"')


def _tag_paragraphs(doc: DocumentObject) -> dict[str, Paragraph]:
    found = {}
    for paragraph in doc.paragraphs:
        text = paragraph.text.strip()
        if text.startswith("{{p ") and text.endswith("}}"):
            found[text[4:-2].strip()] = paragraph
    return found


def _sections(doc: DocumentObject, profile: Profile) -> None:
    tags = _tag_paragraphs(doc)
    if "body" in tags:
        return
    on_page = next((s for s in profile.sections if s.builder == "on_a_page"), None)
    first = next((t for t in tags if t.startswith("section_")), None)
    if on_page is not None and on_page.tag in tags and first and first != on_page.tag:
        order = [t for t in tags if t.startswith("section_")]
        if order.index(on_page.tag) != 1:
            tags[first]._p.addnext(tags[on_page.tag]._p)
    tags = _tag_paragraphs(doc)
    glossary = next((t for t in tags if t.endswith("glossary")), None)
    for section in profile.enabled_sections():
        if section.tag in tags or section.builder != "about_the_figures":
            continue
        anchor = tags[glossary] if glossary else None
        if anchor is not None:
            anchor.insert_paragraph_before(f"{{{{p {section.tag} }}}}", style=anchor.style)
        else:
            doc.add_paragraph(f"{{{{p {section.tag} }}}}")
    tags = _tag_paragraphs(doc)
    last = list(tags.values())[-1]
    for section_id in _plan_sections(profile):
        tag = f"appendix_{section_id}"
        if tag not in tags:
            added = doc.add_paragraph(f"{{{{p {tag} }}}}", style=last.style)
            last._p.addnext(added._p)
            last = added


def _plan_sections(profile: Profile) -> list[str]:
    """Sections switched on whose business plan's actions can go to an appendix."""
    out = []
    for _, table in profile.iter_tables():
        if table.behaviour == "business_plan":
            section = profile.section_of_table(table)
            if section is not None and section.enabled:
                out.append(section.id)
    return out


# Words that once stood in templates and now follow the guidance named on Settings.
WORDED = (("Annual Report {{ reporting_year }}", "{{ report_title }} {{ reporting_year }}"),
          ("what the board did about it", "what the {{ body_type }} did about it"))


OLD_PROPERTIES = ("LSCB annual report template",
                  "Local Safeguarding Children Board annual report",
                  "safeguarding; annual report")


def _properties(doc: DocumentObject) -> None:
    """The template's title, subject and keywords, where they are still the ones an earlier
    version wrote (the comms team's own are kept)."""
    props = doc.core_properties
    if (props.title, props.subject, props.keywords) == OLD_PROPERTIES:
        props.title, props.subject, props.keywords = make.PROPERTIES


def _words(doc: DocumentObject) -> None:
    """The cover's and the headers' fixed words become the fields that follow the guidance
    (a template under Working Together 2015 prints the same words as before)."""
    parts = [doc.element.body]
    for section in doc.sections:
        for part in (section.header, section.first_page_header, section.even_page_header,
                     section.footer, section.first_page_footer, section.even_page_footer):
            if not part.is_linked_to_previous:
                parts.append(part._element)
    for part in parts:
        for text in part.iter(qn("w:t")):
            for old, new in WORDED:
                if text.text and old in text.text:
                    text.text = text.text.replace(old, new)


def template_for(profile: Profile) -> bytes:
    """A new template for ``profile``: one tag per section switched on, in its order, laid
    out as an upgraded template is (the year at a glance after the first section, the
    business plan's actions in an appendix at the end)."""
    return upgrade_template(make.build_template(profile), profile)

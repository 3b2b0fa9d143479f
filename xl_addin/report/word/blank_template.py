"""A profile's Word template written from nothing: the cover, the styles and one tag per section.

The comms team restyles and rewords the template in Word; afterwards the .docx is the
source, and :mod:`.template_upgrade` brings it up to date without losing their work. It is
built with python-docx, and with a little XML where python-docx has no API: table style,
docDefaults, fields, the picture's alt text, and ``w:updateFields`` so that Word refreshes
the contents on opening. The Jinja tags it writes are the fields listed in
``docs/profiles/<profile>/template-fields.md``; each tag sits in one run, as docxtpl
requires. ``lscb-report make-template`` writes one for a board's own profile.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm
from lxml import etree

from xl_addin.files.atomic import normalise_zip
from xl_addin.report.word.template_styles import STYLES
from xl_addin.schema import Profile

__all__ = ["build_template", "place_sections"]

W = nsdecls("w")
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
FONT = "Arial"
BLUE = "1F4E79"  # 9.4:1 on white
GREY = "404040"
TILE_TEXT = "262626"
RED = "C00000"
TEXT_WIDTH = Cm(21.0 - 2 * 2.0)  # A4 less 2 cm margins

# the typographic cover: the title set a third of the way down, behind a bar of the house
# blue; the year under it; the publication date below
BAR = f'<w:pBdr><w:left w:val="single" w:sz="48" w:space="12" w:color="{BLUE}"/></w:pBdr>'
TITLE_PPR = f'{BAR}<w:spacing w:before="3400" w:after="120" w:line="240" w:lineRule="auto"/>'
SUBTITLE_PPR = f'{BAR}<w:spacing w:before="0" w:after="600"/>'
THEME_COLOURS = ("1F4E79", "E69F00", "009E73", "D55E00", "CC79A7", "56B4E9")  # accent1-6

# name -> (based on, pPr children, rPr children). Sizes are in half-points, spacing in
# twentieths of a point. Every style the renderer uses is declared in report/styles.py.
PARAGRAPH_STYLES: dict[str, tuple[str | None, str, str]] = {
    "Normal": (None, '<w:spacing w:after="140" w:line="264" w:lineRule="auto"/>', ""),
    "Title": ("Normal", TITLE_PPR, f'<w:b/><w:color w:val="{BLUE}"/><w:sz w:val="64"/>'),
    "Subtitle": ("Normal", SUBTITLE_PPR, f'<w:color w:val="{BLUE}"/><w:sz w:val="40"/>'),
    "Draft Banner": (
        "Normal",
        f'<w:pBdr><w:top w:val="single" w:sz="12" w:space="4" w:color="{RED}"/>'
        f'<w:left w:val="single" w:sz="12" w:space="4" w:color="{RED}"/>'
        f'<w:bottom w:val="single" w:sz="12" w:space="4" w:color="{RED}"/>'
        f'<w:right w:val="single" w:sz="12" w:space="4" w:color="{RED}"/></w:pBdr>'
        '<w:spacing w:before="120" w:after="240"/><w:jc w:val="center"/>',
        f'<w:b/><w:color w:val="{RED}"/><w:sz w:val="32"/>'),
    "Heading 1": ("Normal", '<w:keepNext/><w:keepLines/><w:spacing w:before="360" '
                  'w:after="120"/><w:outlineLvl w:val="0"/>',
                  f'<w:b/><w:color w:val="{BLUE}"/><w:sz w:val="32"/>'),
    "Heading 2": ("Normal", '<w:keepNext/><w:keepLines/><w:spacing w:before="240" '
                  'w:after="80"/><w:outlineLvl w:val="1"/>',
                  f'<w:b/><w:color w:val="{BLUE}"/><w:sz w:val="26"/>'),
    "Heading 3": ("Normal", '<w:keepNext/><w:keepLines/><w:spacing w:before="200" '
                  'w:after="60"/><w:outlineLvl w:val="2"/>',
                  f'<w:b/><w:color w:val="{BLUE}"/><w:sz w:val="23"/>'),
    "TOC Heading": ("Normal", '<w:keepNext/><w:pageBreakBefore/><w:spacing w:after="240"/>',
                    f'<w:b/><w:color w:val="{BLUE}"/><w:sz w:val="32"/>'),
    "toc 1": ("Normal", '<w:tabs><w:tab w:val="right" w:leader="dot" '
              f'w:pos="{TEXT_WIDTH.twips}"/></w:tabs><w:spacing w:after="50"/>', ""),
    "toc 2": ("toc 1", '<w:spacing w:after="40"/><w:ind w:left="400"/>',
              '<w:sz w:val="20"/>'),
    "List Bullet": ("Normal", '<w:spacing w:after="80"/>', ""),
    "Quote": ("Normal", '<w:ind w:left="567" w:right="567"/>',
              f'<w:i/><w:color w:val="{GREY}"/>'),
    "Caption": ("Normal", '<w:keepNext/><w:spacing w:before="160" w:after="80"/>',
                '<w:b/><w:sz w:val="20"/>'),
    "Figure": ("Normal", '<w:keepNext/><w:spacing w:before="120" w:after="0"/>'
               '<w:jc w:val="center"/>', ""),
    "Table Note": ("Normal", '<w:spacing w:before="60" w:after="200"/>',
                   f'<w:color w:val="{GREY}"/><w:sz w:val="18"/>'),
    "Table Text": ("Normal", '<w:spacing w:before="0" w:after="0" w:line="240" '
                   'w:lineRule="auto"/>', '<w:sz w:val="19"/>'),
    "Table Number": ("Table Text", '<w:jc w:val="right"/>', ""),
    "Table Heading": ("Table Text", "", "<w:b/>"),
    "Table Status": ("Table Text", '<w:jc w:val="center"/>', '<w:b/><w:sz w:val="20"/>'),
    # darker than GREY: a label stays 4.5:1 or more on every status colour (red: 6.8:1)
    "Tile Label": ("Normal", '<w:spacing w:before="0" w:after="40" w:line="240" '
                   'w:lineRule="auto"/>', f'<w:color w:val="{TILE_TEXT}"/><w:sz w:val="17"/>'),
    "Tile Figure": ("Normal", '<w:spacing w:before="0" w:after="20" w:line="240" '
                    'w:lineRule="auto"/>', f'<w:b/><w:color w:val="{BLUE}"/><w:sz w:val="40"/>'),
    "Tile Note": ("Normal", '<w:spacing w:before="0" w:after="0" w:line="240" '
                  'w:lineRule="auto"/>', '<w:sz w:val="16"/>'),
    "Glance Point": ("List Bullet", '<w:spacing w:before="0" w:after="50" w:line="240" '
                     'w:lineRule="auto"/>', '<w:sz w:val="19"/>'),
    "Cover Note": ("Normal", '<w:spacing w:before="120" w:after="60"/>',
                   f'<w:color w:val="{GREY}"/><w:sz w:val="24"/>'),
    "Table Heading Number": ("Table Heading", '<w:jc w:val="right"/>', ""),
    "Header": ("Normal", '<w:spacing w:after="0"/><w:jc w:val="right"/>',
               f'<w:color w:val="{GREY}"/><w:sz w:val="18"/>'),
    "Footer": ("Normal", '<w:spacing w:after="0"/><w:jc w:val="center"/>',
               f'<w:color w:val="{GREY}"/><w:sz w:val="18"/>'),
}

# the w:settings children that must follow w:updateFields (ECMA-376 CT_Settings)
SETTINGS_AFTER = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids",
                  "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
                  "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
                  "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary",
                  "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")

BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>'
TABLE_STYLE = (
    f'<w:tblPr {W}><w:tblBorders>'
    + "".join(BORDER.format(side=s) for s in ("top", "left", "bottom", "right", "insideH",
                                                "insideV"))
    + '</w:tblBorders><w:tblCellMar><w:top w:w="45" w:type="dxa"/>'
    '<w:left w:w="85" w:type="dxa"/><w:bottom w:w="45" w:type="dxa"/>'
    '<w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>',
    # header row: bold on a light blue (black text on it: 15:1)
    f'<w:tblStylePr {W} w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr>'
    '<w:shd w:val="clear" w:color="auto" w:fill="DCE6F1"/></w:tcPr></w:tblStylePr>',
    # totals row: bold under a heavier rule
    f'<w:tblStylePr {W} w:type="lastRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:tcBorders>'
    '<w:top w:val="single" w:sz="12" w:space="0" w:color="404040"/></w:tcBorders>'
    "</w:tcPr></w:tblStylePr>",
)


def build_template(profile: Profile | None = None) -> bytes:
    """The template as .docx bytes (the same bytes on every run): one tag per section
    ``profile`` has switched on, in its order, or ``{{p body }}`` without one."""
    doc = Document()
    _set_defaults(doc)
    _set_theme(doc)
    _set_styles(doc)
    _set_page(doc)
    _write_cover(doc)
    tags = [s.tag for s in profile.enabled_sections()] if profile is not None else ["body"]
    for tag in tags:
        doc.add_paragraph(f"{{{{p {tag} }}}}")
    props = doc.core_properties
    props.title, props.subject, props.keywords = PROPERTIES
    props.author = props.last_modified_by = "lscb-report"
    props.language = "en-GB"
    props.comments = "Filled in by lscb-report build; see docs/template-fields.md."
    props.created = props.modified = dt.datetime(2000, 1, 1)  # fixed: the same bytes each run
    props.revision = 1
    _ask_to_update_fields(doc)
    _drop_leftovers(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_zip(buffer.getvalue())


def _ask_to_update_fields(doc: DocumentObject) -> None:
    """w:updateFields: Word refreshes the fields (the contents' page numbers) on opening.

    The schema fixes where it goes in w:settings: before the first of SETTINGS_AFTER.
    """
    settings = doc.settings.element
    update = parse_xml(f'<w:updateFields {W} w:val="true"/>')
    later = [c for c in settings if c.tag in {qn(f"w:{t}") for t in SETTINGS_AFTER}]
    if later:
        later[0].addprevious(update)
    else:
        settings.append(update)


def _drop_leftovers(doc: DocumentObject) -> None:
    """Parts of python-docx's default document that would contradict this template: the
    Word 2010 copy of the styles (stylesWithEffects) and a thumbnail of an empty page."""
    for rels in (doc.part.rels, doc.part.package.rels):
        for r_id in [k for k, rel in rels.items()
                     if rel.reltype.rsplit("/", 1)[-1] in {"stylesWithEffects", "thumbnail"}]:
            rels.pop(r_id)


def _set_defaults(doc: DocumentObject) -> None:
    """Body text in the theme's minor font (Arial, see _set_theme), 11 pt, British English."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault"))
    run_defaults.clear()
    run_defaults.append(parse_xml(
        f'<w:rPr {W}><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" '
        'w:eastAsiaTheme="minorHAnsi" w:cstheme="minorBidi"/><w:sz w:val="22"/>'
        '<w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>'
        "</w:rPr>"))
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "en-GB")


def _set_styles(doc: DocumentObject, only: set[str] | None = None) -> None:
    """Write the paragraph styles (``only`` these, when given) and the table style."""
    styles = doc.styles
    existing = {style.name for style in styles}
    for name, (based_on, ppr, rpr) in PARAGRAPH_STYLES.items():
        if only is not None and name not in only:
            continue
        if name in existing:
            style = styles[name]
        else:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if name.startswith("toc "):
            style.style_id = name.replace("toc ", "TOC")  # Word's own ids: TOC1, TOC2
        if based_on:
            style.base_style = styles[based_on]
        style.quick_style = True
        element = style.element
        bullets = element.xpath("./w:pPr/w:numPr")  # List Bullet keeps its numbering
        for tag in ("w:pPr", "w:rPr", "w:semiHidden", "w:unhideWhenUsed"):
            for child in element.findall(qn(tag)):
                element.remove(child)
        paragraph = parse_xml(f"<w:pPr {W}>{ppr}</w:pPr>")
        for numbering in bullets:
            paragraph.insert(0, numbering)
        element.append(paragraph)
        if rpr:
            element.append(parse_xml(f"<w:rPr {W}>{rpr}</w:rPr>"))
    if "LSCB Table" not in existing:
        table = styles.add_style("LSCB Table", WD_STYLE_TYPE.TABLE)
        table.base_style = styles["Normal Table"]
        table.quick_style = True
        for xml in TABLE_STYLE:
            table.element.append(parse_xml(xml))
    missing = [s.name for s in STYLES if s.name not in {x.name for x in styles}]
    if missing:
        raise RuntimeError(f"the template lacks the styles {missing}")


def _set_theme(doc: DocumentObject) -> None:
    """The theme's fonts (Arial for headings and body) and accent colours (the house blue,
    then colours that stay distinct for the common kinds of colour blindness). Text and
    charts take them, so the comms team restyles both by changing the theme in Word."""
    part = doc.part
    r_id = next(k for k, rel in part.rels.items() if rel.reltype == RT.THEME)
    old = part.rels[r_id].target_part
    root = etree.fromstring(old.blob, etree.XMLParser(resolve_entities=False))
    ns = {"a": A}
    for latin in root.xpath(".//a:fontScheme/*/a:latin", namespaces=ns):
        latin.set("typeface", FONT)
    for i, colour in enumerate(THEME_COLOURS, start=1):
        for accent in root.xpath(f".//a:clrScheme/a:accent{i}", namespaces=ns):
            accent.clear()
            etree.SubElement(accent, f"{{{A}}}srgbClr").set("val", colour)
    for dark in root.xpath(".//a:clrScheme/a:dk2", namespaces=ns):
        dark.clear()
        etree.SubElement(dark, f"{{{A}}}srgbClr").set("val", BLUE)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part.drop_rel(r_id)
    part.relate_to(Part(old.partname, old.content_type, blob, part.package), RT.THEME)


def _set_page(doc: DocumentObject) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.0)
    section.different_first_page_header_footer = True  # no header or footer on the cover
    section.first_page_header.is_linked_to_previous = False
    section.first_page_footer.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.style = doc.styles["Header"]
    header.add_run("{{ board_short_name }} · {{ report_title }} {{ reporting_year }}"
                   "{% if draft %} · DRAFT{% endif %}")
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.add_run("Page ")
    # python-docx has no API for fields: append them to the paragraph's XML.
    page_field = _last_paragraph(section.footer.part.element)
    page_field.append(_simple_field("PAGE"))
    footer.add_run(" of ")
    page_field.append(_simple_field("NUMPAGES"))


def _last_paragraph(root: BaseOxmlElement) -> BaseOxmlElement:
    paragraphs: list[BaseOxmlElement] = root.xpath("./w:p")
    return paragraphs[-1]


def _simple_field(instruction: str) -> BaseOxmlElement:
    return parse_xml(f'<w:fldSimple {W} w:instr=" {instruction} "><w:r><w:t>1</w:t>'
                     "</w:r></w:fldSimple>")


def _write_cover(doc: DocumentObject) -> None:
    body = doc.element.body
    doc.add_paragraph("{%p if draft %}")
    doc.add_paragraph("{{ draft_banner }}", style="Draft Banner")
    doc.add_paragraph("{%p endif %}")
    for text, style in COVER:
        doc.add_paragraph(text, style=style)
    doc.add_paragraph("Contents", style="TOC Heading")
    doc.add_paragraph()
    toc = _last_paragraph(body)
    for xml in TOC_OPEN:
        toc.append(parse_xml(f"<w:r {W}>{xml}</w:r>"))
    doc.add_paragraph("{{p contents }}")  # the entries, so a reader without Word sees them
    doc.add_paragraph()
    _last_paragraph(body).append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'))


# the template's title, subject and keywords (a built report sets its own title and subject)
PROPERTIES = ("Safeguarding report template",
              "The report of a safeguarding children partnership or board",
              "safeguarding; children; report")
COVER = (("{{p logo }}", "Figure"), ("{{ board_name }}", "Title"),
         ("{{ report_title }} {{ reporting_year }}", "Subtitle"),
         ("How well children in {{ area }} were kept safe, and what the {{ body_type }} did "
          "about it, in the year to {{ period_end }}.", "Normal"),
         ("Published {{ publication_date }}", "Cover Note"))
TOC_OPEN = ('<w:fldChar w:fldCharType="begin"/>',
            '<w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u </w:instrText>',
            '<w:fldChar w:fldCharType="separate"/>')


def place_sections(data: bytes, profile: Profile) -> bytes:
    """A template with its ``{{p body }}`` paragraph replaced by one tag per section, in the
    profile's order; everything else in it (the comms team's work) is kept as it was."""
    doc = Document(io.BytesIO(data))
    body = next((p for p in doc.paragraphs if p.text.strip() == "{{p body }}"), None)
    if body is None:
        raise ValueError("the template has no {{p body }} paragraph")
    for section in profile.enabled_sections():
        body.insert_paragraph_before(f"{{{{p {section.tag} }}}}", style=body.style)
    body._element.getparent().remove(body._element)  # python-docx has no paragraph delete
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_zip(buffer.getvalue())

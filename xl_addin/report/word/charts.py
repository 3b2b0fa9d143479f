"""Native Word charts: DrawingML chart parts with their figures in an embedded workbook.

python-docx has no chart API, but python-pptx writes the very same chart part
(``c:chartSpace``) and the small Excel workbook behind it: :class:`CategoryChartData`
holds the years and series, its ``xml_bytes`` writes the chart and its ``xlsx_blob`` the
workbook, and python-pptx's chart object model sets the look (data labels, axis formats,
colours, fonts). This module adds the two parts to the Word package through python-docx's
OPC API (a chart part related to the document, the workbook related to the chart as its
``c:externalData``), so Word's "Edit Data" opens the figures, and the comms team can
restyle the chart in Word like any other.

A chart printed alone labels every point with its figure (above a line's points, outside
a bar's end); a chart printed with its table carries no labels, since the table gives the
figures and labels on a line crowd it.

Charts take the template's theme: its minor (body) font and its accent colours, read from
the template's theme part when the report is built, so a template with another theme gives
charts in its own colours and font. Every point carries its figure as a label, so no
reading depends on colour; the alt text states every figure too.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING
from xml.sax.saxutils import quoteattr

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from xl_addin.files.atomic import normalise_zip
from xl_addin.report.content.blocks import Chart, ChartKind

if TYPE_CHECKING:
    from docx.opc.part import Part as DocumentPart

__all__ = ["Theme", "read_theme", "add_chart", "chart_parts", "inline_xml", "WIDTH_CM",
           "HEIGHT_CM", "CHART_CT", "EMU_PER_CM"]

CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
C = CHART_URI
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WIDTH_CM, HEIGHT_CM = 16.0, 7.0
EMU_PER_CM = 360000
FALLBACK_COLOURS = ("1F4E79", "E69F00", "009E73", "D55E00", "CC79A7", "56B4E9")
GRID = "D9D9D9"


@dataclass(frozen=True)
class Theme:
    """What a chart takes from the template: the body font, the text colour and the
    accent colours (RRGGBB), in order."""

    font: str = "Arial"
    text: str = "262626"
    colours: tuple[str, ...] = FALLBACK_COLOURS


def read_theme(part: DocumentPart) -> Theme:
    """The theme of the document ``part`` (its minor font and accent colours)."""
    try:
        theme_part = part.part_related_by(RT.THEME)
    except KeyError:
        return Theme()
    return _parse_theme(bytes(theme_part.blob))


@lru_cache(maxsize=4)
def _parse_theme(blob: bytes) -> Theme:
    root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
    ns = {"a": A}
    font = root.xpath("string(.//a:fontScheme/a:minorFont/a:latin/@typeface)", namespaces=ns)
    colours = []
    for i in range(1, 7):
        value = root.xpath(f"string(.//a:clrScheme/a:accent{i}/a:srgbClr/@val)", namespaces=ns)
        if value:
            colours.append(str(value).upper())
    dark = root.xpath("string(.//a:clrScheme/a:dk1/*/@lastClr | .//a:clrScheme/a:dk1/"
                      "a:srgbClr/@val)", namespaces=ns)
    return Theme(str(font) or Theme.font, str(dark) or Theme.text,
                 tuple(colours) or FALLBACK_COLOURS)


def _number_format(chart: Chart) -> str:
    if chart.percent:
        values = [v for s in chart.series for v in s.values if v is not None]
        exact = all(abs(v * 100 - round(v * 100)) < 1e-9 for v in values)
        return "0%" if exact else "0.0%"
    values = [v for s in chart.series for v in s.values if v is not None]
    whole = all(abs(v - round(v)) < 1e-9 for v in values)
    return "#,##0" if whole else "#,##0.0"


def chart_parts(chart: Chart, theme: Theme) -> tuple[etree._Element, bytes]:
    """The chart's ``c:chartSpace`` element and its embedded workbook (.xlsx bytes)."""
    # python-pptx is imported here: only a report with charts needs it
    from pptx.chart.chart import Chart as PptxChart
    from pptx.chart.data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
    from pptx.oxml import parse_xml
    from pptx.util import Pt

    number_format = _number_format(chart)
    data = CategoryChartData(number_format=number_format)
    data.categories = list(chart.categories)
    for series in chart.series:
        data.add_series(series.name, list(series.values))
    kind = XL_CHART_TYPE.LINE_MARKERS if chart.kind is ChartKind.LINE else \
        XL_CHART_TYPE.COLUMN_CLUSTERED
    space = parse_xml(data.xml_bytes(kind))
    model = PptxChart(space, None)
    model.has_title = False  # the caption above the chart is its title
    model.font.name = theme.font
    model.font.size = Pt(9)
    model.font.color.rgb = RGBColor.from_string(theme.text)
    several = len(chart.series) > 1
    model.has_legend = several
    if several:
        model.legend.position = XL_LEGEND_POSITION.BOTTOM
        model.legend.include_in_layout = False
    plot = model.plots[0]
    plot.has_data_labels = chart.labels
    if chart.labels:
        labels = plot.data_labels
        labels.number_format = number_format
        labels.number_format_is_linked = False
        # above a line's points and outside a bar's end, clear of the line and the bar
        labels.position = XL_LABEL_POSITION.ABOVE if chart.kind is ChartKind.LINE else \
            XL_LABEL_POSITION.OUTSIDE_END
    if chart.kind is ChartKind.BAR:
        plot.gap_width = 60
        plot.overlap = -5 if several else 0
    for i, series in enumerate(plot.series):
        colour = RGBColor.from_string(theme.colours[i % len(theme.colours)])
        if chart.kind is ChartKind.LINE:
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(2.25)
            series.smooth = False
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = colour
            series.marker.format.line.color.rgb = colour
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour
    values = model.value_axis
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = RGBColor.from_string(GRID)
    values.format.line.fill.background()
    values.tick_labels.number_format = "0%" if chart.percent else "#,##0"
    values.tick_labels.number_format_is_linked = False
    values.minimum_scale = 0
    values.has_title = True
    values.axis_title.text_frame.text = chart.y_label
    title_font = values.axis_title.text_frame.paragraphs[0].runs[0].font
    title_font.size, title_font.bold = Pt(9), False
    model.category_axis.format.line.color.rgb = RGBColor.from_string("8C8C8C")
    model.category_axis.tick_labels.font.size = Pt(8 if len(chart.categories) > 4 else 9)
    _positive_axis_ids(space)
    return space, _fixed_workbook(data.xlsx_blob)


CREATED = re.compile(rb"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)")


def _fixed_workbook(blob: bytes) -> bytes:
    """The embedded workbook with fixed times (xlsxwriter stamps the time it was written),
    so the same figures give the same report, byte for byte."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = CREATED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            dst.writestr(info, content)
    return normalise_zip(out.getvalue())


def _positive_axis_ids(space: etree._Element) -> None:
    """python-pptx's bar-chart template numbers its axes below zero, which the schema
    (an unsigned int) forbids: number them 1, 2, ... in order of appearance."""
    names = {f"{{{C}}}axId", f"{{{C}}}crossAx"}
    ids: dict[str, str] = {}
    for node in space.iter():
        if node.tag in names:
            old = node.get("val") or ""
            node.set("val", ids.setdefault(old, str(50000000 + len(ids) + 1)))


def add_chart(part: DocumentPart, chart: Chart, theme: Theme) -> str:
    """Add ``chart`` (and its workbook) to the package of the document ``part``; its rId."""
    package = part.package
    space, workbook = chart_parts(chart, theme)
    chart_name = package.next_partname("/word/charts/chart%d.xml")
    chart_part = _ChartPart(PackURI(chart_name), space, package)
    r_id = part.relate_to(chart_part, RT.CHART)
    book_name = package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx")
    book_part = Part(PackURI(book_name), XLSX_CT, workbook, package)
    book_id = chart_part.relate_to(book_part, RT.PACKAGE)
    external = etree.SubElement(space, f"{{{C}}}externalData")
    external.set(f"{{{R}}}id", book_id)
    etree.SubElement(external, f"{{{C}}}autoUpdate").set("val", "0")
    _set_language(space)
    return r_id


class _ChartPart(Part):
    """A chart part whose XML is written from its element when the package is saved."""

    def __init__(self, partname: PackURI, space: etree._Element, package: object) -> None:
        super().__init__(partname, CHART_CT, package=package)  # type: ignore[arg-type]
        self._space = space

    @property
    def blob(self) -> bytes:
        return bytes(etree.tostring(self._space, xml_declaration=True, encoding="UTF-8",
                                    standalone=True))


def _set_language(space: etree._Element) -> None:
    """c:lang en-GB, in its schema place: straight after c:date1904."""
    lang = etree.Element(f"{{{C}}}lang")
    lang.set("val", "en-GB")
    first = space.find(f"{{{C}}}date1904")
    if first is not None:
        first.addnext(lang)
    else:
        space.insert(0, lang)


def inline_xml(r_id: str, shape_id: int, width_cm: float, height_cm: float, alt_text: str,
               title: str) -> str:
    """A ``w:drawing`` holding the chart inline, with its alt text on ``wp:docPr``."""
    cx, cy = round(width_cm * EMU_PER_CM), round(height_cm * EMU_PER_CM)
    return (f'<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{shape_id}" name="Chart {shape_id}" descr={quoteattr(alt_text)} '
            f"title={quoteattr(title)}/><wp:cNvGraphicFramePr/>"
            f'<a:graphic><a:graphicData uri="{CHART_URI}">'
            f'<c:chart xmlns:c="{C}" r:id="{r_id}"/></a:graphicData></a:graphic>'
            "</wp:inline></w:drawing>")

"""Native Word charts: DrawingML chart parts with their figures in an embedded workbook.

python-docx has no chart API, so the chart part (``c:chartSpace``, ECMA-376 Part 1,
section 21.2) is written here: a clustered column chart or a line chart with markers, its
series' names, categories and figures cached in the part and named by their cells in the
small workbook behind it (:mod:`.chart_workbook`). This module adds the two parts to the
Word package through python-docx's OPC API (a chart part related to the document, the
workbook related to the chart as its ``c:externalData``), so Word's "Edit Data" opens the
figures, and the comms team can restyle the chart in Word like any other.

A chart printed alone labels every point with its figure (above a line's points, outside
a bar's end); a chart printed with its table carries no labels, since the table gives the
figures and labels on a line crowd it.

Charts take the template's theme (:mod:`.theme`): its body font, text colour and accent
colours, so a template with another theme gives charts in its own colours and font. Every
figure is printed, as a label or in the table beside the chart, so no reading depends on
colour; the alt text states every figure too.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING
from xml.sax.saxutils import quoteattr

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from xl_addin.report.content.blocks import Chart, ChartKind
from xl_addin.report.word.chart_workbook import (
    category_cells,
    chart_workbook,
    figures,
    series_name_cell,
    text,
    value_cells,
)
from xl_addin.report.word.theme import Theme

if TYPE_CHECKING:
    from docx.opc.part import Part as DocumentPart

__all__ = ["add_chart", "chart_parts", "inline_xml", "WIDTH_CM",
           "HEIGHT_CM", "CHART_CT", "EMU_PER_CM"]

CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
C = CHART_URI
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WIDTH_CM, HEIGHT_CM = 16.0, 7.0
EMU_PER_CM = 360000
GRID = "D9D9D9"


def _number_format(chart: Chart) -> str:
    """Whole numbers (or percentages) where every figure is one, else one decimal place."""
    scale = 100 if chart.percent else 1
    shown = [float(v) * scale for i in range(len(chart.series)) for v in figures(chart, i)
             if v is not None]
    whole = all(not math.isfinite(v) or abs(v - round(v)) < 1e-9 for v in shown)
    if chart.percent:
        return "0%" if whole else "0.0%"
    return "#,##0" if whole else "#,##0.0"


def chart_parts(chart: Chart, theme: Theme) -> tuple[etree._Element, bytes]:
    """The chart's ``c:chartSpace`` element and its embedded workbook (.xlsx bytes)."""
    number_format = _number_format(chart)
    space = etree.fromstring(_chart_space(chart, theme, number_format),
                             etree.XMLParser(resolve_entities=False, no_network=True))
    return space, chart_workbook(chart, number_format, theme)


CATEGORY_AXIS, VALUE_AXIS = 50000001, 50000002
AXIS_IDS = f'<c:axId val="{CATEGORY_AXIS}"/><c:axId val="{VALUE_AXIS}"/>'
AXIS_LINE = "8C8C8C"
LINE_WIDTH = 28575  # 2.25 pt, in EMU


def _chart_space(chart: Chart, theme: Theme, number_format: str) -> str:
    """The chart part's XML, each element where CT_ChartSpace puts it: no title (the
    caption above the chart is its title), a legend below when there are several series,
    each point's figure as its label when ``chart.labels``, the value axis from zero."""
    several = len(chart.series) > 1
    line = chart.kind is ChartKind.LINE
    series = "".join(_series(chart, i, theme, number_format) for i in range(len(chart.series)))
    labels = _labels(number_format, "t" if line else "outEnd") if chart.labels else ""
    if line:
        plot = (f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{series}'
                f'{labels}<c:marker val="1"/>{AXIS_IDS}</c:lineChart>')
    else:
        overlap = '<c:overlap val="-5"/>' if several else ""
        plot = ('<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
                f'<c:varyColors val="0"/>{series}{labels}<c:gapWidth val="60"/>{overlap}'
                f"{AXIS_IDS}</c:barChart>")
    legend = ('<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>'
              if several else "")
    size = 800 if len(chart.categories) > 4 else 900
    categories = (f'<c:catAx><c:axId val="{CATEGORY_AXIS}"/><c:scaling>'
                  '<c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
                  '<c:axPos val="b"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
                  f'<c:tickLblPos val="nextTo"/>{_line(AXIS_LINE)}{_text_size(size)}'
                  f'<c:crossAx val="{VALUE_AXIS}"/><c:crosses val="autoZero"/>'
                  '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
                  '<c:noMultiLvlLbl val="0"/></c:catAx>')
    ticks = "0%" if chart.percent else "#,##0"
    values = (f'<c:valAx><c:axId val="{VALUE_AXIS}"/><c:scaling>'
              '<c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/>'
              f'<c:axPos val="l"/><c:majorGridlines>{_line(GRID)}</c:majorGridlines>'
              "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p>"
              '<a:r><a:rPr lang="en-GB" sz="900" b="0"/>'
              f"<a:t>{text(chart.y_label)}</a:t></a:r></a:p></c:rich></c:tx>"
              '<c:overlay val="0"/></c:title>'
              f'<c:numFmt formatCode="{ticks}" sourceLinked="0"/>'
              '<c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
              '<c:tickLblPos val="nextTo"/><c:spPr><a:ln><a:noFill/></a:ln></c:spPr>'
              f'<c:crossAx val="{CATEGORY_AXIS}"/><c:crosses val="autoZero"/>'
              '<c:crossBetween val="between"/></c:valAx>')
    return (f'<c:chartSpace xmlns:c="{C}" xmlns:a="{A}" xmlns:r="{R}">'
            '<c:date1904 val="0"/><c:lang val="en-GB"/><c:roundedCorners val="0"/>'
            '<c:chart><c:autoTitleDeleted val="1"/>'
            f"<c:plotArea><c:layout/>{plot}{categories}{values}</c:plotArea>{legend}"
            '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
            '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900">'
            f'<a:solidFill><a:srgbClr val="{theme.text}"/></a:solidFill>'
            f"<a:latin typeface={quoteattr(theme.font)}/></a:defRPr></a:pPr>"
            '<a:endParaRPr lang="en-GB"/></a:p></c:txPr></c:chartSpace>')


def _series(chart: Chart, index: int, theme: Theme, number_format: str) -> str:
    """One ``c:ser``: its name, colour, categories and figures, each with its cells in the
    embedded workbook; a missing figure is left out, so the chart shows a gap."""
    series = chart.series[index]
    colour = theme.colours[index % len(theme.colours)]
    fill = f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
    if chart.kind is ChartKind.LINE:
        look = (f'<c:spPr><a:ln w="{LINE_WIDTH}">{fill}</a:ln></c:spPr>'
                f"<c:marker><c:spPr>{fill}<a:ln>{fill}</a:ln></c:spPr></c:marker>")
        end = '<c:smooth val="0"/>'
    else:
        look, end = f'<c:spPr>{fill}</c:spPr><c:invertIfNegative val="0"/>', ""
    names = "".join(f'<c:pt idx="{i}"><c:v>{text(name)}</c:v></c:pt>'
                    for i, name in enumerate(chart.categories))
    points = "".join(f'<c:pt idx="{i}"><c:v>{value}</c:v></c:pt>'
                     for i, value in enumerate(figures(chart, index)) if value is not None)
    count = len(chart.categories)
    return (f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
            f"<c:tx><c:strRef><c:f>{series_name_cell(index)}</c:f><c:strCache>"
            f'<c:ptCount val="1"/><c:pt idx="0"><c:v>{text(series.name)}</c:v></c:pt>'
            f"</c:strCache></c:strRef></c:tx>{look}"
            f"<c:cat><c:strRef><c:f>{category_cells(chart)}</c:f><c:strCache>"
            f'<c:ptCount val="{count}"/>{names}</c:strCache></c:strRef></c:cat>'
            f"<c:val><c:numRef><c:f>{value_cells(chart, index)}</c:f><c:numCache>"
            f"<c:formatCode>{text(number_format)}</c:formatCode>"
            f'<c:ptCount val="{count}"/>{points}</c:numCache></c:numRef></c:val>{end}'
            "</c:ser>")


def _labels(number_format: str, position: str) -> str:
    """Every point labelled with its figure, at ``position`` (``t``: above a line's point;
    ``outEnd``: outside a bar's end)."""
    return (f'<c:dLbls><c:numFmt formatCode={quoteattr(number_format)} sourceLinked="0"/>'
            f'<c:dLblPos val="{position}"/><c:showLegendKey val="0"/><c:showVal val="1"/>'
            '<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>'
            '<c:showBubbleSize val="0"/></c:dLbls>')


def _line(colour: str) -> str:
    return f'<c:spPr><a:ln><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:ln></c:spPr>'


def _text_size(size: int) -> str:
    """Text of ``size`` hundredths of a point (an axis's labels)."""
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}"/></a:pPr>'
            '<a:endParaRPr lang="en-GB"/></a:p></c:txPr>')


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

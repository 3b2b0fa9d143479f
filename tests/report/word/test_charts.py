"""Native Word charts, written by the tool: every kind Word opens cleanly, with its figures
cached in the chart and kept in the workbook behind Edit Data."""

from __future__ import annotations

import io
import itertools
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree
from openpyxl import load_workbook

from xl_addin.report.content.blocks import Chart, ChartKind, Series
from xl_addin.report.word.charts import add_chart, chart_parts, inline_xml
from xl_addin.report.word.theme import Theme

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"c": C, "a": A}
THEME = Theme("Verdana", "222222", ("AA0000", "00AA00", "0000AA"))
YEARS = ("2013-14", "2014-15", "2015-16", "2016-17", "2017-18")


def _chart(kind: ChartKind, several: bool, labels: bool, percent: bool) -> Chart:
    values = (0.125, 0.25, None, 0.5, 0.75) if percent else (507.0, 381.0, None, 296.0, 1.5)
    series = [Series("Cumbria & <Carlisle>", values)]
    if several:
        series.append(Series("England", tuple(v * 2 for v in values if v is not None)
                             + (None,)))
    return Chart(kind, "Figure", YEARS, tuple(series), "Referrals", "Alt text", percent,
                 labels)


KINDS = [_chart(*flags) for flags in itertools.product(
    ChartKind, (False, True), (False, True), (False, True))]


@pytest.mark.parametrize("chart", KINDS, ids=lambda c: f"{c.kind}-{len(c.series)}-"
                         f"{'labels' if c.labels else 'bare'}-{'pc' if c.percent else 'n'}")
def test_the_chart_caches_each_figure_and_names_its_cell(chart: Chart) -> None:
    space, book = chart_parts(chart, THEME)
    sheet = load_workbook(io.BytesIO(book)).active
    assert sheet.title == "Sheet1"
    for index, series in enumerate(space.iterfind(".//c:ser", NS)):
        figures = chart.series[index].values
        assert series.findtext("c:tx//c:v", namespaces=NS) == chart.series[index].name
        points = {int(p.get("idx")): float(p.findtext("c:v", namespaces=NS))
                  for p in series.iterfind("c:val//c:pt", NS)}
        assert points == {i: v for i, v in enumerate(figures) if v is not None}
        assert series.find("c:val//c:ptCount", NS).get("val") == str(len(YEARS))
        column = "BC"[index]
        assert series.findtext("c:val//c:f", namespaces=NS) == \
            f"Sheet1!${column}$2:${column}${len(YEARS) + 1}"
        assert sheet[f"{column}1"].value == chart.series[index].name
        assert [sheet[f"{column}{r}"].value for r in range(2, len(YEARS) + 2)] == \
            list(figures)
        colour = series.find("c:spPr//a:srgbClr", NS).get("val")
        assert colour == THEME.colours[index]
        categories = [p.findtext("c:v", namespaces=NS) for p in series.iterfind("c:cat//c:pt", NS)]
        assert categories == list(YEARS)
    assert [sheet[f"A{r}"].value for r in range(2, len(YEARS) + 2)] == list(YEARS)
    code = sheet["B2"].number_format
    assert code == ("0.0%" if chart.percent else "#,##0.0")
    assert space.find(".//a:latin", NS).get("typeface") == "Verdana"
    assert (space.find(".//c:legend", NS) is not None) == (len(chart.series) > 1)
    shown = space.find(".//c:dLbls", NS)
    assert (shown is not None) == chart.labels
    if shown is not None:
        assert shown.find("c:dLblPos", NS).get("val") == \
            ("t" if chart.kind is ChartKind.LINE else "outEnd")
    assert space.find(".//c:valAx/c:scaling/c:min", NS).get("val") == "0"


def test_text_that_xml_cannot_carry_is_left_out() -> None:
    chart = Chart(ChartKind.BAR, "Figure", ("2016-17",), (Series("Bad\x01name", (3.0,)),),
                  "Count\x0b", "Alt")
    space, book = chart_parts(chart, THEME)
    assert space.findtext(".//c:tx//c:v", namespaces=NS) == "Badname"
    assert load_workbook(io.BytesIO(book)).active["B1"].value == "Badname"


def test_a_figure_no_file_can_hold_is_left_out_as_a_gap() -> None:
    chart = Chart(ChartKind.LINE, "Figure", ("2014-15", "2015-16", "2016-17"),
                  (Series("Rate", (1.0, float("nan"), float("inf"), 4.0)),), "Rate", "Alt")
    space, book = chart_parts(chart, THEME)
    points = [p.get("idx") for p in space.iterfind(".//c:val//c:pt", NS)]
    assert points == ["0"]  # the fourth figure has no year: a chart shows only its years
    sheet = load_workbook(io.BytesIO(book)).active
    assert [sheet[f"B{r}"].value for r in (2, 3, 4, 5)] == [1, None, None, None]


def test_a_font_name_longer_than_excel_keeps_leaves_the_cells_in_excels_own() -> None:
    long_name = "Partnership Corporate Sans Condensed"  # 36 characters; Excel keeps 31
    space, book = chart_parts(KINDS[0], Theme(long_name, "222222", THEME.colours))
    assert space.find(".//a:latin", NS).get("typeface") == long_name
    assert load_workbook(io.BytesIO(book)).active["B2"].font.name == "Calibri"


def test_a_percentage_too_large_to_show_still_gives_a_chart() -> None:
    chart = Chart(ChartKind.BAR, "Figure", ("2015-16", "2016-17"),
                  (Series("Share", (0.5, 1e307)),), "Share", "Alt", percent=True)
    space, _ = chart_parts(chart, THEME)
    assert space.findtext(".//c:formatCode", namespaces=NS) == "0%"


def test_the_same_figures_give_the_same_bytes() -> None:
    assert chart_parts(KINDS[-1], THEME)[1] == chart_parts(KINDS[-1], THEME)[1]


def test_word_opens_every_kind_of_chart_cleanly(tmp_path: Path) -> None:
    """Each kind in a document, and its workbook alone: no schema errors for Word or Excel."""
    audit = pytest.importorskip("openxml_audit")
    document = Document()
    part = document.part
    for number, chart in enumerate(KINDS, start=1):
        r_id = add_chart(part, chart, THEME)
        paragraph = document.add_paragraph()
        run = paragraph.add_run()
        drawing = inline_xml(r_id, number, 12.0, 6.0, chart.alt_text, chart.caption)
        run._r.append(etree.fromstring(  # noqa: SLF001 - python-docx has no chart API
            f'<w:r xmlns:w="{W}" xmlns:wp="{WP}" xmlns:a="{A}" xmlns:r="{R}">{drawing}</w:r>'
        )[0])
    path = tmp_path / "charts.docx"
    document.save(path)
    validator = audit.OpenXmlValidator(file_format=audit.FileFormat.MICROSOFT_365)
    found = validator.validate(path)
    # python-docx's own blank template fails a check of its stylesWithEffects part: not ours
    errors = [str(e) for e in found.errors if "stylesWithEffects" not in str(e)]
    assert not errors, errors[:5]
    with zipfile.ZipFile(path) as package:
        books = [n for n in package.namelist() if n.startswith("word/embeddings/")]
        assert len(books) == len(KINDS)
        workbook = tmp_path / "data.xlsx"
        workbook.write_bytes(package.read(books[-1]))
    found = validator.validate(workbook)
    assert found.error_count == 0, [str(e) for e in found.errors][:5]


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

"""The small workbook inside a Word chart: what Word's "Edit Data" opens in Excel.

One tab, ``Sheet1``: the series' names along row 1 from B1, the categories (the years) down
column A from A2, and each series' figures in its column, in the chart's number format; a
missing figure is an empty cell (the chart shows a gap). The chart part names these cells
(:data:`SHEET`, :func:`series_name_cell`, :func:`category_cells`, :func:`value_cells`), so
a figure edited in Excel redraws the chart.

It is written here, part by part, as the SpreadsheetML Excel itself writes for such a
workbook (a workbook, one worksheet, its shared strings, styles, and a theme in the
report's font and colours), with fixed zip times, so the same figures always give the same
bytes.
"""

from __future__ import annotations

import io
import math
import zipfile
from xml.sax.saxutils import escape, quoteattr

from xl_addin.core.printable import printable
from xl_addin.core.raw import address, column_letter
from xl_addin.files.atomic import fixed_entry
from xl_addin.report.content.blocks import Chart
from xl_addin.report.word.theme import Theme, six_colours

__all__ = ["chart_workbook", "SHEET", "series_name_cell", "category_cells", "value_cells",
           "figures", "text"]

SHEET = "Sheet1"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
SHEETML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
THEME_TYPE = "application/vnd.openxmlformats-officedocument.theme+xml"
DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"
MAX_FONT_NAME = 31  # the longest font name Excel keeps
CUSTOM_FORMAT = 164  # the first number a workbook's own number format may take
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def series_name_cell(index: int) -> str:
    """The absolute reference of series ``index``'s name (0: ``Sheet1!$B$1``)."""
    return f"{SHEET}!${column_letter(index + 2)}$1"


def category_cells(chart: Chart) -> str:
    return f"{SHEET}!$A$2:$A${len(chart.categories) + 1}"


def value_cells(chart: Chart, index: int) -> str:
    column = column_letter(index + 2)
    return f"{SHEET}!${column}$2:${column}${len(chart.categories) + 1}"


def figures(chart: Chart, index: int) -> list[str | None]:
    """Series ``index``'s figures, one per category, as the files hold them: whole numbers
    without a point, others exactly; None where there is no figure (nor one a file can
    hold: not a number, or infinite)."""
    values = list(chart.series[index].values[:len(chart.categories)])
    values += [None] * (len(chart.categories) - len(values))
    return [None if value is None or not math.isfinite(value) else _figure(float(value))
            for value in values]


def _figure(number: float) -> str:
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)


def text(value: str) -> str:
    """Text as XML holds it: escaped, with what XML cannot carry left out."""
    return escape(printable(value))


def chart_workbook(chart: Chart, number_format: str, theme: Theme) -> bytes:
    """The .xlsx bytes of ``chart``'s figures, shown with ``number_format``, in the font and
    colours of ``theme``."""
    strings = list(dict.fromkeys([*(s.name for s in chart.series), *chart.categories]))
    parts = {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _relationships([("officeDocument", "xl/workbook.xml")]),
        "xl/workbook.xml": _workbook(),
        "xl/_rels/workbook.xml.rels": _relationships(
            [("worksheet", "worksheets/sheet1.xml"), ("styles", "styles.xml"),
             ("theme", "theme/theme1.xml"), ("sharedStrings", "sharedStrings.xml")]),
        "xl/worksheets/sheet1.xml": _sheet(chart, {text: i for i, text in enumerate(strings)}),
        "xl/sharedStrings.xml": _shared_strings(strings),
        "xl/styles.xml": _styles(number_format, theme),
        "xl/theme/theme1.xml": _theme(theme),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(fixed_entry(name), XML_HEAD + content)
    return out.getvalue()


def _content_types() -> str:
    overrides = [("/xl/workbook.xml", f"{SHEETML}.sheet.main+xml"),
                 ("/xl/worksheets/sheet1.xml", f"{SHEETML}.worksheet+xml"),
                 ("/xl/sharedStrings.xml", f"{SHEETML}.sharedStrings+xml"),
                 ("/xl/styles.xml", f"{SHEETML}.styles+xml"),
                 ("/xl/theme/theme1.xml", THEME_TYPE)]
    return (f'<Types xmlns="{CONTENT_TYPES}">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>'
                      for name, kind in overrides)
            + "</Types>")


def _relationships(targets: list[tuple[str, str]]) -> str:
    return (f'<Relationships xmlns="{PACKAGE_REL}">'
            + "".join(f'<Relationship Id="rId{i}" Type="{REL}/{kind}" Target="{target}"/>'
                      for i, (kind, target) in enumerate(targets, start=1))
            + "</Relationships>")


def _workbook() -> str:
    return (f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            f'<sheets><sheet name="{SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>')


def _sheet(chart: Chart, strings: dict[str, int]) -> str:
    def shared(value: str) -> str:
        return f' t="s"><v>{strings[value]}</v></c>'

    rows = [_row(1, [(2 + i, shared(series.name)) for i, series in enumerate(chart.series)])]
    columns = [figures(chart, i) for i in range(len(chart.series))]
    for r, category in enumerate(chart.categories, start=2):
        cells = [(1, shared(category))]
        for i, column in enumerate(columns):
            value = column[r - 2]
            cells.append((2 + i, ' s="1"/>' if value is None else f' s="1"><v>{value}</v></c>'))
        rows.append(_row(r, cells))
    last = address(len(chart.categories) + 1, len(chart.series) + 1)
    return (f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><dimension ref="A1:{last}"/>'
            '<cols><col min="1" max="1" width="12" customWidth="1"/></cols>'
            f'<sheetData>{"".join(rows)}</sheetData></worksheet>')


def _shared_strings(strings: list[str]) -> str:
    return (f'<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">'
            + "".join(f'<si><t xml:space="preserve">{text(s)}</t></si>' for s in strings)
            + "</sst>")


def _row(number: int, cells: list[tuple[int, str]]) -> str:
    return (f'<row r="{number}">'
            + "".join(f'<c r="{address(number, column)}"{rest}' for column, rest in cells)
            + "</row>")


def _styles(number_format: str, theme: Theme) -> str:
    return (f'<styleSheet xmlns="{MAIN}">'
            f'<numFmts count="1"><numFmt numFmtId="{CUSTOM_FORMAT}" '
            f"formatCode={quoteattr(number_format)}/></numFmts>"
            f'<fonts count="1"><font><sz val="11"/><color theme="1"/>'
            f'<name val={quoteattr(_cell_font(theme))}/><family val="2"/><scheme val="minor"/>'
            "</font></fonts>"
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            "</borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            "</cellStyleXfs>"
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            f'<xf numFmtId="{CUSTOM_FORMAT}" fontId="0" fillId="0" borderId="0" xfId="0" '
            'applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            "</cellStyles></styleSheet>")


def _cell_font(theme: Theme) -> str:
    """The cells' font: the report's, unless its name is longer than Excel takes (31
    characters), when Excel's own."""
    return theme.font if len(theme.font) <= MAX_FONT_NAME else "Calibri"


def _theme(theme: Theme) -> str:
    """The workbook's theme: the report's text colour, accent colours and font (a theme is
    a part every workbook Excel writes has; Excel's defaults fill in what a report's theme
    does not name)."""
    accents = six_colours(theme.colours)
    colours = "".join(f'<a:accent{i}><a:srgbClr val="{c}"/></a:accent{i}>'
                      for i, c in enumerate(accents, start=1))
    font = quoteattr(theme.font)
    fonts = f'<a:latin typeface={font}/><a:ea typeface=""/><a:cs typeface=""/>'
    fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = f'<a:ln w="9525">{fill}</a:ln>'
    return (f'<a:theme xmlns:a="{DRAWING}" name="Report">'
            '<a:themeElements><a:clrScheme name="Report">'
            f'<a:dk1><a:srgbClr val="{theme.text}"/></a:dk1>'
            '<a:lt1><a:srgbClr val="FFFFFF"/></a:lt1>'
            '<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>'
            f"{colours}"
            '<a:hlink><a:srgbClr val="0563C1"/></a:hlink>'
            '<a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>'
            f'<a:fontScheme name="Report"><a:majorFont>{fonts}</a:majorFont>'
            f"<a:minorFont>{fonts}</a:minorFont></a:fontScheme>"
            '<a:fmtScheme name="Report">'
            f"<a:fillStyleLst>{fill * 3}</a:fillStyleLst>"
            f"<a:lnStyleLst>{line * 3}</a:lnStyleLst>"
            f"<a:effectStyleLst>{'<a:effectStyle><a:effectLst/></a:effectStyle>' * 3}"
            "</a:effectStyleLst>"
            f"<a:bgFillStyleLst>{fill * 3}</a:bgFillStyleLst></a:fmtScheme>"
            "</a:themeElements></a:theme>")

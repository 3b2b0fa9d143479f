"""The workbook's style sheet (``xl/styles.xml``), extended without disturbing what is there.

A cell points at a cell format (an ``xf`` in ``cellXfs``) by its index, and the format points
at a font, a fill and a number format by theirs; conditional formats point at ``dxfs``.
:class:`StyleBook` only ever *appends* records, so every index a person's cells already use
keeps its meaning, and it reuses a record that is already there (compared as XML), so
running the tool again appends nothing: the same input gives the same bytes.
"""

from __future__ import annotations

import copy

from lxml import etree

from xl_addin.core.number_formats import BUILTIN_FORMATS
from xl_addin.writers.package.ooxml import MAIN, STYLES_TYPE, Package, qn, xml_key
from xl_addin.writers.plan import Align, Font

__all__ = ["StyleBook", "argb"]

FIRST_CUSTOM_FORMAT = 164  # ids below are Excel's built-in number formats
# CT_Stylesheet's children, in the order the schema requires
STYLESHEET_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs",
                    "cellStyles", "dxfs", "tableStyles", "colors", "extLst")
STYLES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
MINIMAL_STYLES = (
    f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/>'
    '</font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill>'
    '<patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/>'
    '<right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf '
    'numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf '
    'numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>'
).encode()


def argb(rgb: str) -> str:
    """"RRGGBB" as the opaque "FFRRGGBB" the style sheet stores."""
    return f"FF{rgb.upper()}"


def _same(a: etree._Element, b: etree._Element) -> bool:
    return xml_key(a) == xml_key(b)


class StyleBook:
    """Append-only access to the style sheet of a workbook package."""

    def __init__(self, package: Package, workbook_part: str) -> None:
        self.package = package
        styles = next((r.target for r in package.relationships(workbook_part)
                       if r.type == STYLES_TYPE and not r.external), None)
        if styles is None or not package.has(styles):
            styles = "xl/styles.xml"
            package.put(styles, MINIMAL_STYLES)
            package.set_override(styles, STYLES_CONTENT_TYPE)
            package.add_relationship(workbook_part, STYLES_TYPE, styles)
        self.part = styles
        self.root = package.xml(styles)
        self._index: dict[str, dict[tuple, int]] = {}  # list -> record key -> first index
        self._derived: dict[tuple, int] = {}  # derive()'s arguments -> its answer

    # --- reading -----------------------------------------------------------------------

    def number_format(self, xf_id: int) -> str:
        """The number format code of cell format ``xf_id`` ("General" if unknown)."""
        xf = self._xf(xf_id)
        return self._format_code(int(xf.get("numFmtId", "0")) if xf is not None else 0)

    def _format_code(self, format_id: int) -> str:
        for element in self._list("numFmts"):
            if int(element.get("numFmtId", "-1")) == format_id:
                return element.get("formatCode") or "General"
        return BUILTIN_FORMATS.get(format_id, "General")

    def _xf(self, xf_id: int) -> etree._Element | None:
        xfs = self._list("cellXfs")
        return xfs[xf_id] if 0 <= xf_id < len(xfs) else None

    # --- deriving cell formats ---------------------------------------------------------

    def derive(self, base: int, *, number_format: str | None = None, fill: str | None = None,
               font: Font | None = None, align: Align | None = None,
               quote_prefix: bool = False) -> int:
        """The cell format ``base`` with the given changes (None: keep); reused if present.

        ``quote_prefix`` marks the cell as text typed with a leading apostrophe, so that
        editing it in Excel keeps text that starts with "=" as text.
        """
        asked = (base, number_format, fill, font, align, quote_prefix)
        if asked not in self._derived:
            self._derived[asked] = self._derive(base, number_format, fill, font, align,
                                                quote_prefix)
        return self._derived[asked]

    def _derive(self, base: int, number_format: str | None, fill: str | None,
                font: Font | None, align: Align | None, quote_prefix: bool) -> int:
        original = self._xf(base)
        wanted = (number_format, fill, font, align)
        if original is None and all(w is None for w in wanted) and not quote_prefix:
            return base  # a format this style sheet lacks: left to the program that wrote it
        if original is None:
            original, base = self._xf(0), 0
        assert original is not None
        xf = copy.deepcopy(original)
        xf.tail = None
        if number_format is not None and self.number_format(base) != number_format:
            xf.set("numFmtId", str(self._format_id(number_format)))
            xf.set("applyNumberFormat", "1")
        if fill is not None:
            xf.set("fillId", str(self._add("fills", _fill(fill))))
            xf.set("applyFill", "1")
        if font is not None:
            xf.set("fontId", str(self._add("fonts", self._font(xf, font))))
            xf.set("applyFont", "1")
        if quote_prefix and xf.get("quotePrefix") not in ("1", "true"):
            xf.set("quotePrefix", "1")
        if align is not None:
            for old in xf.findall(qn("alignment")):
                xf.remove(old)
            xf.insert(0, _alignment(align))
            xf.set("applyAlignment", "1")
        if _same(xf, original):
            return base
        return self._add("cellXfs", xf)

    def dxf_fill(self, rgb: str) -> int:
        """A differential format (for a conditional format) that fills with ``rgb``."""
        dxf = etree.Element(qn("dxf"))
        pattern = etree.SubElement(etree.SubElement(dxf, qn("fill")), qn("patternFill"),
                                   patternType="solid")
        etree.SubElement(pattern, qn("fgColor"), rgb=argb(rgb))
        etree.SubElement(pattern, qn("bgColor"), rgb=argb(rgb))
        return self._add("dxfs", dxf)

    def dxf_fill_of(self, dxf_id: int) -> str | None:
        """The "RRGGBB" a differential format fills with, if it has a plain colour."""
        dxfs = self._list("dxfs")
        if not 0 <= dxf_id < len(dxfs):
            return None
        for tag in ("bgColor", "fgColor"):
            color = dxfs[dxf_id].find(f"{qn('fill')}/{qn('patternFill')}/{qn(tag)}")
            if color is not None and color.get("rgb"):
                return str(color.get("rgb"))[-6:].upper()
        return None

    # --- helpers -----------------------------------------------------------------------

    def _format_id(self, code: str) -> int:
        for format_id, builtin in BUILTIN_FORMATS.items():
            if builtin == code:
                return format_id
        formats = self._list("numFmts")
        for element in formats:
            if element.get("formatCode") == code:
                return int(element.get("numFmtId", "0"))
        new_id = max([FIRST_CUSTOM_FORMAT - 1,
                      *(int(e.get("numFmtId", "0")) for e in formats)]) + 1
        self._add("numFmts", etree.Element(qn("numFmt"), numFmtId=str(new_id),
                                           formatCode=code))
        return new_id

    def _font(self, xf: etree._Element, font: Font) -> etree._Element:
        fonts = self._list("fonts")
        index = int(xf.get("fontId", "0"))
        base = fonts[index] if 0 <= index < len(fonts) else (fonts[0] if len(fonts) else None)
        element = copy.deepcopy(base) if base is not None else etree.Element(qn("font"))
        element.tail = None
        changes = {"b": font.bold, "sz": font.size, "color": font.color,
                   "u": True if font.underline else None}
        for tag, value in changes.items():
            if value is None:
                continue
            for old in element.findall(qn(tag)):
                element.remove(old)
            if tag == "b" and value is False:
                continue
            attrs = ({"rgb": argb(str(value))} if tag == "color" else
                     {"val": f"{value:g}"} if tag == "sz" else {})
            element.insert(0, etree.Element(qn(tag), attrs))
        return element

    def _list(self, tag: str) -> etree._Element:
        found = self.root.find(qn(tag))
        if found is None:
            found = etree.Element(qn(tag), count="0")
            position = STYLESHEET_ORDER.index(tag)
            later = [i for i, child in enumerate(self.root)
                     if etree.QName(child).localname in STYLESHEET_ORDER[position + 1:]]
            self.root.insert(later[0] if later else len(self.root), found)
            self.package.touch(self.part)
        return found

    def _add(self, tag: str, record: etree._Element) -> int:
        """The index of ``record`` in the list ``tag``, appending it if it is not there."""
        records = self._list(tag)
        if tag not in self._index:
            self._index[tag] = {}
            for index, existing in enumerate(records):
                self._index[tag].setdefault(xml_key(existing), index)
        key = xml_key(record)
        if key in self._index[tag]:
            return self._index[tag][key]
        records.append(record)
        records.set("count", str(len(records)))
        self.package.touch(self.part)
        self._index[tag][key] = len(records) - 1
        return len(records) - 1


def _fill(rgb: str) -> etree._Element:
    fill = etree.Element(qn("fill"))
    if not rgb:
        etree.SubElement(fill, qn("patternFill"), patternType="none")
        return fill
    pattern = etree.SubElement(fill, qn("patternFill"), patternType="solid")
    etree.SubElement(pattern, qn("fgColor"), rgb=argb(rgb))
    etree.SubElement(pattern, qn("bgColor"), indexed="64")
    return fill


def _alignment(align: Align) -> etree._Element:
    element = etree.Element(qn("alignment"))
    if align.horizontal:
        element.set("horizontal", align.horizontal)
    if align.vertical:
        element.set("vertical", align.vertical)
    if align.wrap:
        element.set("wrapText", "1")
    return element

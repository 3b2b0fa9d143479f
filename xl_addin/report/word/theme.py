"""What the report's charts take from the Word template's theme: its font and colours.

A template's theme part names its body (minor) font, its dark text colour and six accent
colours. Charts are drawn in them, so a template with another theme gives charts in its
own colours and font; a template without a theme, or with colours that are not plain
RRGGBB values, gets the tool's own (:data:`FALLBACK_COLOURS`, distinguishable by people
with the common colour-vision deficiencies).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from xl_addin.core.printable import printable

if TYPE_CHECKING:
    from docx.opc.part import Part as DocumentPart

__all__ = ["Theme", "read_theme", "theme_of", "six_colours", "FALLBACK_COLOURS"]

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
FALLBACK_COLOURS = ("1F4E79", "E69F00", "009E73", "D55E00", "CC79A7", "56B4E9")
RGB = re.compile(r"[0-9A-Fa-f]{6}")  # whole values only (fullmatch)


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
    return theme_of(bytes(theme_part.blob))


@lru_cache(maxsize=4)
def theme_of(blob: bytes) -> Theme:
    """The theme in a theme part's XML (the tool's own, where it cannot be read)."""
    try:
        root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return Theme()
    ns = {"a": A}
    font = root.xpath("string(.//a:fontScheme/a:minorFont/a:latin/@typeface)", namespaces=ns)
    colours = []
    for i in range(1, 7):
        value = root.xpath(f"string(.//a:clrScheme/a:accent{i}/a:srgbClr/@val)", namespaces=ns)
        if RGB.fullmatch(str(value)):
            colours.append(str(value).upper())
    dark = str(root.xpath("string(.//a:clrScheme/a:dk1/*/@lastClr | .//a:clrScheme/a:dk1/"
                          "a:srgbClr/@val)", namespaces=ns))
    return Theme(printable(str(font)).strip() or Theme.font,
                 dark.upper() if RGB.fullmatch(dark) else Theme.text,
                 six_colours(colours))


def six_colours(colours: Iterable[str]) -> tuple[str, ...]:
    """Six accent colours: the theme's, then the tool's own that it does not already use, so
    that a theme naming fewer than six plainly still gives each series a colour of its own."""
    return tuple(dict.fromkeys([*colours, *FALLBACK_COLOURS]))[:len(FALLBACK_COLOURS)]

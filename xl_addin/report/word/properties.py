"""The finished report's document properties, told truthfully.

A Word template carries the properties of the file it was made from: created and modified
long ago, by "Microsoft Macintosh Word", one page and no words, a note for whoever fills it
in. What File > Info shows for a published report is set here instead, as the last step of
a build:

- created and modified: the publication date on Settings, else the time of the build (a
  fixed day gives the same bytes each time);
- the application: this tool, without Word's version number;
- page, word, line and character counts: left out, since only Word can count them as Word
  does, and a wrong count is worse than none; so are the template's title-of-parts lists;
- no description (Word's Comments): the template's note for the tool's user goes;
- ``w:updateFields``: kept only while the contents' page numbers are still to be filled in
  by Word; a report whose page numbers are stored does not ask Word to update its fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from lxml import etree

from xl_addin.report.word.parts import with_parts

__all__ = ["finish_properties", "APPLICATION", "stamp"]

APPLICATION = "lscb-report"
CORE = "docProps/core.xml"
APP = "docProps/app.xml"
SETTINGS = "word/settings.xml"
NS = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
      "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
      "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
COUNTS = ("Pages", "Words", "Characters", "CharactersWithSpaces", "Lines", "Paragraphs",
          "TotalTime", "AppVersion", "HeadingPairs", "TitlesOfParts", "Template")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)


def stamp(when: dt.datetime | dt.date) -> str:
    """The W3CDTF time the properties give: a day as its midnight, in UTC."""
    if not isinstance(when, dt.datetime):
        when = dt.datetime(when.year, when.month, when.day)
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return when.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def finish_properties(data: bytes, when: dt.datetime | dt.date, *,
                      pages_stored: bool) -> bytes:
    """The report ``data`` with its properties set as the module says."""
    moment = stamp(when)
    changes: dict[str, Callable[[bytes], bytes]] = {
        CORE: lambda content: _core(content, moment), APP: _app}
    if pages_stored:
        changes[SETTINGS] = _settings
    return with_parts(data, changes)  # _core stamps the same moment as created and modified


def _xml(content: bytes) -> etree._Element:
    return etree.fromstring(content, _PARSER)


def _bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _core(content: bytes, moment: str) -> bytes:
    root = _xml(content)
    for name in ("dcterms:created", "dcterms:modified"):
        element = root.find(name, NS)
        if element is None:
            element = etree.SubElement(root, _qualified(name))
            element.set("{http://www.w3.org/2001/XMLSchema-instance}type", "dcterms:W3CDTF")
        element.text = moment
    for name in ("dc:description",):  # Word's Comments: the template's note goes
        for element in root.findall(name, NS):
            root.remove(element)
    by = root.find("cp:lastModifiedBy", NS)
    if by is not None:
        by.text = APPLICATION
    return _bytes(root)


def _app(content: bytes) -> bytes:
    root = _xml(content)
    for name in COUNTS:
        for element in root.findall(f"ep:{name}", NS):
            root.remove(element)
    application = root.find("ep:Application", NS)
    if application is None:
        application = etree.SubElement(root, f"{{{NS['ep']}}}Application")
    application.text = APPLICATION
    return _bytes(root)


def _settings(content: bytes) -> bytes:
    root = _xml(content)
    for element in root.findall("w:updateFields", NS):
        root.remove(element)
    return _bytes(root)


def _qualified(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"

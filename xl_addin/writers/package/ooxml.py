"""An OOXML package (.xlsx, .xlsm) as a set of parts: edit a few, keep the rest byte for byte.

:class:`Package` reads the zip once. A part is handed out as bytes (:meth:`Package.read`) or
as a parsed XML tree (:meth:`Package.xml`); only the parts that are edited (:meth:`touch`),
added (:meth:`put`) or removed are written differently, every other part comes back with
exactly the bytes it had. The zip entries keep their order and their dates; a new part goes
at the end with a fixed date, so the same edits give the same bytes.

XML is parsed by lxml with entities, DTDs and network access turned off; the package has
already passed :func:`~xl_addin.files.safety.check_package`, which refuses DOCTYPE and ENTITY
declarations, and a DOCTYPE is refused here again.

Relationships (``_rels/*.rels``) and content types (``[Content_Types].xml``) have their own
small helpers, because adding or replacing a part touches both.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from urllib.parse import unquote

from lxml import etree

from xl_addin.core.errors import UnreadableWorkbook

__all__ = ["Package", "Relationship", "parse_xml", "to_xml", "qn", "MAIN", "REL", "CT",
           "PKG_REL", "xml_key", "WORKSHEET_TYPE", "WORKSHEET_CONTENT_TYPE", "HYPERLINK_TYPE",
           "STYLES_TYPE", "OFFICE_DOCUMENT_TYPE"]

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOCUMENT_TYPE = f"{REL}/officeDocument"
WORKSHEET_TYPE = f"{REL}/worksheet"
HYPERLINK_TYPE = f"{REL}/hyperlink"
STYLES_TYPE = f"{REL}/styles"
WORKSHEET_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CONTENT_TYPES = "[Content_Types].xml"
FIXED_TIME = (2000, 1, 1, 0, 0, 0)  # the date of a part this tool adds

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_comments=False)


def qn(tag: str, ns: str = MAIN) -> str:
    """``{namespace}tag``: the name lxml gives an element."""
    return f"{{{ns}}}{tag}"


def parse_xml(data: bytes, name: str = "part") -> etree._Element:
    """Parse one part safely; a damaged part is an :class:`UnreadableWorkbook`."""
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise UnreadableWorkbook(f"Cannot read the workbook: its part {name} is damaged "
                                 "XML. Open it in Excel and save it again.") from exc
    if root.getroottree().docinfo.doctype:
        raise UnreadableWorkbook(f"Cannot read the workbook: its part {name} declares a "
                                 "DOCTYPE, which Excel never writes, so it was refused.")
    return root


def xml_key(element: etree._Element) -> tuple:
    """An element's name, attributes, text and children: equal for equal XML, whatever the
    namespace prefixes."""
    return (element.tag, tuple(sorted(element.attrib.items())), element.text or "",
            tuple(xml_key(child) for child in element))


def to_xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


@dataclass(frozen=True)
class Relationship:
    id: str
    type: str
    target: str  # a part name (no leading slash) or, if external, the address as written
    external: bool = False


class Package:
    """The parts of one zip package, read once; edited parts are written back at the end."""

    def __init__(self, data: bytes, source: str = "workbook") -> None:
        self.source = source
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                infos = archive.infolist()
                self._order = [info.filename for info in infos]
                self._infos = {info.filename: info for info in infos}
                self._bytes = {info.filename: archive.read(info) for info in infos}
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise UnreadableWorkbook(f"Cannot read {source}: the file is damaged "
                                     f"({type(exc).__name__}).") from exc
        if len(set(self._order)) != len(self._order):
            raise UnreadableWorkbook(f"Cannot read {source}: it holds two parts with the same "
                                     "name, so it was refused as unsafe.")
        self._by_lower = {name.lower(): name for name in self._order}
        self._xml: dict[str, etree._Element] = {}
        self._dirty: set[str] = set()

    # --- parts -------------------------------------------------------------------------

    def name_of(self, part: str) -> str | None:
        """The part's name as stored (part names are case-insensitive), or None."""
        return self._by_lower.get(part.lstrip("/").lower())

    def has(self, part: str) -> bool:
        return self.name_of(part) is not None

    def names(self) -> list[str]:
        return list(self._order)

    def read(self, part: str) -> bytes:
        name = self._need(part)
        if name in self._xml and name in self._dirty:
            return to_xml(self._xml[name])
        return self._bytes[name]

    def xml(self, part: str) -> etree._Element:
        """The part parsed (once); call :meth:`touch` after changing it."""
        name = self._need(part)
        if name not in self._xml:
            self._xml[name] = parse_xml(self._bytes[name], name)
        return self._xml[name]

    def touch(self, part: str) -> None:
        self._dirty.add(self._need(part))

    def put(self, part: str, content: bytes | etree._Element) -> None:
        """Add or replace a part."""
        name = self.name_of(part) or part.lstrip("/")
        if name not in self._bytes:
            self._order.append(name)
            self._by_lower[name.lower()] = name
        if isinstance(content, bytes):
            self._bytes[name] = content
            self._xml.pop(name, None)
            self._dirty.discard(name)
        else:
            self._bytes.setdefault(name, b"")
            self._xml[name] = content
            self._dirty.add(name)

    def remove(self, part: str) -> None:
        name = self.name_of(part)
        if name is None:
            return
        self._order.remove(name)
        del self._by_lower[name.lower()], self._bytes[name]
        self._xml.pop(name, None)
        self._dirty.discard(name)
        self.remove_override(name)

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in self._order:
                old = self._infos.get(name)
                info = zipfile.ZipInfo(name, date_time=old.date_time if old else FIXED_TIME)
                stored = old is not None and old.compress_type == zipfile.ZIP_STORED
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                info.external_attr = old.external_attr if old else 0o600 << 16
                archive.writestr(info, self.read(name))
        return out.getvalue()

    def _need(self, part: str) -> str:
        name = self.name_of(part)
        if name is None:
            raise UnreadableWorkbook(f"Cannot read {self.source}: its part {part} is missing. "
                                     "Open it in Excel and save it again.")
        return name

    # --- relationships -----------------------------------------------------------------

    @staticmethod
    def rels_name(part: str) -> str:
        folder, base = posixpath.split(part.lstrip("/"))
        return posixpath.join(folder, "_rels", f"{base}.rels")

    def relationships(self, part: str) -> list[Relationship]:
        """The relationships of ``part`` ("" for the package's own), targets resolved."""
        rels = self.rels_name(part)
        if not self.has(rels):
            return []
        found = []
        for element in self.xml(rels).iter(qn("Relationship", PKG_REL)):
            external = element.get("TargetMode") == "External"
            target = element.get("Target") or ""
            found.append(Relationship(element.get("Id") or "", element.get("Type") or "",
                                      target if external else self.resolve(part, target),
                                      external))
        return found

    @staticmethod
    def resolve(source: str, target: str) -> str:
        """The part name a relationship target of ``source`` points at."""
        target = unquote(target.split("#", 1)[0])
        if target.startswith("/"):
            return posixpath.normpath(target.lstrip("/"))
        return posixpath.normpath(posixpath.join(posixpath.dirname(source.lstrip("/")),
                                                 target))

    def add_relationship(self, part: str, rel_type: str, target: str, *,
                         external: bool = False) -> str:
        """Add a relationship from ``part``; returns its new, unused Id."""
        rels = self.rels_name(part)
        if not self.has(rels):
            self.put(rels, etree.Element(qn("Relationships", PKG_REL), nsmap={None: PKG_REL}))
            self.set_default("rels", "application/vnd.openxmlformats-package.relationships+xml")
        root = self.xml(rels)
        taken = {element.get("Id") for element in root}
        number = len(taken) + 1
        while f"rId{number}" in taken:
            number += 1
        element = etree.SubElement(root, qn("Relationship", PKG_REL))
        element.set("Id", f"rId{number}")
        element.set("Type", rel_type)
        if external:
            element.set("Target", target)
            element.set("TargetMode", "External")
        else:
            element.set("Target", "/" + target.lstrip("/"))
        self.touch(rels)
        return f"rId{number}"

    def reachable(self) -> set[str]:
        """Every part reachable through relationships from the package's root."""
        seen: set[str] = set()
        todo = [""]
        while todo:
            part = todo.pop()
            for rel in self.relationships(part):
                name = self.name_of(rel.target)
                if not rel.external and name is not None and name not in seen:
                    seen.add(name)
                    todo.append(name)
        return seen

    # --- content types -----------------------------------------------------------------

    def content_type(self, part: str) -> str | None:
        root = self.xml(CONTENT_TYPES)
        wanted = "/" + part.lstrip("/").lower()
        for element in root.iter(qn("Override", CT)):
            if (element.get("PartName") or "").lower() == wanted:
                return element.get("ContentType")
        extension = part.rsplit(".", 1)[-1].lower()
        for element in root.iter(qn("Default", CT)):
            if (element.get("Extension") or "").lower() == extension:
                return element.get("ContentType")
        return None

    def set_override(self, part: str, content_type: str) -> None:
        root = self.xml(CONTENT_TYPES)
        wanted = "/" + part.lstrip("/")
        for element in root.iter(qn("Override", CT)):
            if (element.get("PartName") or "").lower() == wanted.lower():
                if element.get("ContentType") != content_type:
                    element.set("ContentType", content_type)
                    self.touch(CONTENT_TYPES)
                return
        etree.SubElement(root, qn("Override", CT), PartName=wanted, ContentType=content_type)
        self.touch(CONTENT_TYPES)

    def set_default(self, extension: str, content_type: str) -> None:
        root = self.xml(CONTENT_TYPES)
        if any((e.get("Extension") or "").lower() == extension for e in root.iter(qn("Default",
                                                                                      CT))):
            return
        root.insert(0, etree.Element(qn("Default", CT), Extension=extension,
                                     ContentType=content_type))
        self.touch(CONTENT_TYPES)

    def remove_override(self, part: str) -> None:
        if not self.has(CONTENT_TYPES):
            return
        root = self.xml(CONTENT_TYPES)
        wanted = "/" + part.lstrip("/").lower()
        for element in list(root.iter(qn("Override", CT))):
            if (element.get("PartName") or "").lower() == wanted:
                root.remove(element)
                self.touch(CONTENT_TYPES)

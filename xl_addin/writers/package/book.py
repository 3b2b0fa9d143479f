"""A workbook package opened for the tool's writes: its tabs, its cells, its own two tabs.

:class:`XlsxBook` knows the workbook part (``xl/workbook.xml``): the list of tabs and the
worksheet part of each. It hands out a :class:`~xl_addin.writers.package.sheet.SheetPart` for a tab
the tool writes into, replaces or adds a tab the tool owns (:meth:`write_tab`), and saves:
only the parts that changed are written anew.

Adding a tab inserts it in the workbook's tab list after its anchor; everything that counts
tabs by position (a name's ``localSheetId``, the active and first visible tab) is moved
along with it, so each still points at the same tab. Replacing a tab keeps its place and
its id; parts only its old version used (say, a chart someone put on the Dashboard) are
removed with it.
"""

from __future__ import annotations

import re

from lxml import etree

from xl_addin.core.errors import UnreadableWorkbook
from xl_addin.writers.package.ooxml import (
    HYPERLINK_TYPE,
    OFFICE_DOCUMENT_TYPE,
    REL,
    WORKSHEET_CONTENT_TYPE,
    WORKSHEET_TYPE,
    Package,
    qn,
)
from xl_addin.writers.package.sheet import Position, SheetPart
from xl_addin.writers.package.styles import StyleBook
from xl_addin.writers.package.tabs import tab_worksheet
from xl_addin.writers.plan import Tab

__all__ = ["XlsxBook", "SheetEntry", "WHOLE_TAB"]

WHOLE_TAB: None = None  # in XlsxBook.changed: every cell of the tab may have changed
R_ID = qn("id", REL)
CALC_CHAIN_TYPE = f"{REL}/calcChain"
TRUE = ("1", "true")
SHEET_PART = re.compile(r"^xl/worksheets/sheet(\d+)\.xml$", re.IGNORECASE)


class SheetEntry:
    """One tab of the workbook: its ``<sheet>`` element and the part it points at."""

    def __init__(self, element: etree._Element, part: str | None, rel_type: str) -> None:
        self.element = element
        self.part = part
        self.rel_type = rel_type

    @property
    def name(self) -> str:
        return self.element.get("name") or ""

    @property
    def is_worksheet(self) -> bool:
        return self.rel_type == WORKSHEET_TYPE and self.part is not None


class XlsxBook:
    """The tool's view of a workbook package: tabs and their cells, written back part by part."""

    def __init__(self, data: bytes, source: str) -> None:
        self.package = Package(data, source)
        office = [r for r in self.package.relationships("") if r.type == OFFICE_DOCUMENT_TYPE]
        if not office or not self.package.has(office[0].target):
            raise UnreadableWorkbook(f"Cannot read {source}: it has no workbook part.")
        self.part = self.package.name_of(office[0].target) or office[0].target
        self.root = self.package.xml(self.part)
        self.styles = StyleBook(self.package, self.part)
        properties = self.root.find(qn("workbookPr"))
        self.date1904 = properties is not None and properties.get("date1904") in TRUE
        self._sheets: dict[str, SheetPart] = {}
        self.changed: dict[str, set[Position] | None] = {}  # tab -> cells (WHOLE_TAB: all)

    # --- tabs --------------------------------------------------------------------------

    def entries(self) -> list[SheetEntry]:
        rels = {r.id: r for r in self.package.relationships(self.part)}
        sheets = self.root.find(qn("sheets"))
        found = []
        for element in sheets.findall(qn("sheet")) if sheets is not None else []:
            rel = rels.get(element.get(R_ID) or "")
            part = self.package.name_of(rel.target) if rel and not rel.external else None
            found.append(SheetEntry(element, part, rel.type if rel else ""))
        return found

    @property
    def sheet_names(self) -> list[str]:
        return [entry.name for entry in self.entries()]

    def entry(self, name: str) -> SheetEntry | None:
        """The tab called ``name``; Excel compares tab names without regard to case."""
        return next((e for e in self.entries() if e.name.casefold() == name.casefold()), None)

    def sheet(self, name: str) -> SheetPart:
        """The worksheet ``name``, parsed once, for the tool to write into."""
        if name not in self._sheets:
            entry = self.entry(name)
            if entry is None or not entry.is_worksheet:
                raise UnreadableWorkbook(f"Cannot write into {self.package.source}: its tab "
                                         f"'{name}' is not a worksheet.")
            self._sheets[name] = SheetPart(self.package.xml(str(entry.part)), self.styles,
                                           date1904=self.date1904)
        return self._sheets[name]

    def worksheets(self, holding: bytes | None = None) -> list[tuple[str, SheetPart]]:
        """Every worksheet tab but the tool's own rewritten ones, parsed; with ``holding``,
        only those whose part holds those bytes (or that are parsed already), so a search
        for what the tool wrote last time parses only the tabs it wrote it into."""
        return [(e.name, self.sheet(e.name)) for e in self.entries()
                if e.is_worksheet and self.changed.get(e.name, ()) is not WHOLE_TAB
                and (holding is None or e.name in self._sheets
                     or _may_hold(self.package.read(str(e.part)), holding))]

    # --- the tool's own tabs -----------------------------------------------------------

    def write_tab(self, tab: Tab) -> None:
        """Replace the tab ``tab.name`` with the plan's, or add it after its anchor."""
        entry = self.entry(tab.name)
        before = self.package.reachable() if entry is not None else set()
        if entry is not None and entry.is_worksheet and entry.part is not None:
            part = entry.part
            self.package.remove(self.package.rels_name(part))
        elif entry is not None:
            part = self._replace_part(entry)
        else:
            part = self._add_tab(tab)
        entry = self.entry(tab.name)
        assert entry is not None
        entry.element.set("name", tab.name)

        def external_link(url: str) -> str:
            return self.package.add_relationship(part, HYPERLINK_TYPE, url, external=True)

        self.package.put(part, tab_worksheet(tab, self.styles, external_link))
        self.package.set_override(part, WORKSHEET_CONTENT_TYPE)
        self._sheets.pop(tab.name, None)
        self.changed[tab.name] = WHOLE_TAB
        for orphan in sorted(before - self.package.reachable()):
            self.package.remove(orphan)
        self.package.touch(self.part)

    def _replace_part(self, entry: SheetEntry) -> str:
        """A tab of the tool's name that is not a worksheet (a chart sheet): a new part."""
        for element in self.package.xml(self.package.rels_name(self.part)):
            if element.get("Id") == entry.element.get(R_ID):
                element.getparent().remove(element)
        self.package.touch(self.package.rels_name(self.part))
        part = self._new_part_name()
        self.package.put(part, b"")
        entry.element.set(R_ID, self.package.add_relationship(self.part, WORKSHEET_TYPE, part))
        return part

    def _add_tab(self, tab: Tab) -> str:
        names = [e.name.casefold() for e in self.entries()]
        anchor = next((n for n in tab.after if n.casefold() in names), None)
        index = names.index(anchor.casefold()) + 1 if anchor else 0
        part = self._new_part_name()
        self.package.put(part, b"")
        rel_id = self.package.add_relationship(self.part, WORKSHEET_TYPE, part)
        sheets = self.root.find(qn("sheets"))
        if sheets is None:
            raise UnreadableWorkbook(f"Cannot read {self.package.source}: it lists no tabs.")
        ids = [int(s.get("sheetId") or 0) for s in sheets.findall(qn("sheet"))]
        element = etree.Element(qn("sheet"), name=tab.name, sheetId=str(max(ids, default=0) + 1))
        element.set(R_ID, rel_id)
        sheets.insert(index, element)
        self._shift_positions(index)
        return part

    def _shift_positions(self, index: int) -> None:
        """Keep what counts tabs by position pointing at the same tabs after an insertion."""
        for name in self.root.iter(qn("definedName")):
            local = name.get("localSheetId")
            if local is not None and local.isdigit() and int(local) >= index:
                name.set("localSheetId", str(int(local) + 1))
        for view in self.root.iter(qn("workbookView")):
            for attribute in ("activeTab", "firstSheet"):
                value = view.get(attribute)
                if value is not None and value.isdigit() and int(value) >= index:
                    view.set(attribute, str(int(value) + 1))

    def _new_part_name(self) -> str:
        numbers = [int(m.group(1)) for name in self.package.names()
                   if (m := SHEET_PART.match(name))]
        return f"xl/worksheets/sheet{max(numbers, default=0) + 1}.xml"

    # --- saving ------------------------------------------------------------------------

    def request_recalculation(self) -> bool:
        """Ask Excel to recalculate every formula on opening; True if the flag was added."""
        calc = self.root.find(qn("calcPr"))
        if calc is not None and calc.get("fullCalcOnLoad") in TRUE:
            return False
        if calc is None:
            calc = etree.Element(qn("calcPr"))
            later = ("oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr",
                     "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects",
                     "extLst")
            after = [c for c in self.root if isinstance(c.tag, str)
                     and etree.QName(c).localname in later]
            if after:
                after[0].addprevious(calc)
            else:
                self.root.append(calc)
        calc.set("fullCalcOnLoad", "1")
        self.package.touch(self.part)
        return True

    def changed_cells(self) -> dict[str, set[Position] | None]:
        """The cells the tool changed, by tab (WHOLE_TAB for a tab it rewrote)."""
        for name, sheet in self._sheets.items():
            if sheet.changed and self.changed.get(name, ()) is not WHOLE_TAB:
                self.changed.setdefault(name, set()).update(sheet.changed)  # type: ignore[union-attr]
        return self.changed

    def to_bytes(self) -> bytes:
        """The package with every changed part written anew and the others as they were.

        If the tool overwrote a cell that held a formula, Excel's calculation chain (the
        list of formula cells it keeps to recalculate faster) is removed, as it would now
        name a cell without a formula, which Excel reports as damage; Excel builds a new
        one when it next saves.
        """
        for name, sheet in self._sheets.items():
            entry = self.entry(name)
            if sheet.dirty and entry is not None and entry.part is not None:
                self.package.touch(entry.part)
        if any(sheet.formulas_removed for sheet in self._sheets.values()):
            self._drop_calculation_chain()
        return self.package.to_bytes()

    def _drop_calculation_chain(self) -> None:
        rels = self.package.rels_name(self.part)
        for rel in self.package.relationships(self.part):
            if rel.type == CALC_CHAIN_TYPE and not rel.external:
                self.package.remove(rel.target)
                for element in list(self.package.xml(rels)):
                    if element.get("Id") == rel.id:
                        element.getparent().remove(element)
                        self.package.touch(rels)


def _may_hold(part: bytes, text: bytes) -> bool:
    """Whether a part's XML may hold ``text`` (ASCII): it holds its bytes, maybe spelt with
    character references; a part in an encoding other than UTF-8 may hold anything, so only
    parsing it can tell."""
    if text in part or part[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in part[:4]:
        return True
    return b"&#" in part and text in CHARACTER_REFERENCE.sub(_character, part)


CHARACTER_REFERENCE = re.compile(rb"&#(x[0-9A-Fa-f]{1,6}|[0-9]{1,7});")


def _character(reference: re.Match[bytes]) -> bytes:
    code = reference.group(1)
    number = int(code[1:], 16) if code[:1] == b"x" else int(code)
    return chr(number).encode("utf-8", "replace") if number < 0x110000 else b"?"

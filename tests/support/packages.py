"""Compare two .xlsx packages part by part: what changed, and was the tool allowed to change it?

:func:`unowned_changes` lists every difference between a workbook and the same workbook
after ``compute`` that is not one the tool may make. The tool may change only:

- the values (and number formats) of the cells it owns, on the tabs people fill in;
- its own tabs (Dashboard, Validation): their parts, their relationships, their entries in
  the workbook's tab list and in the content types;
- its conditional formats: the highlights (formula with the marker) and the RAG colour rules
  on cells it owns;
- the style sheet, by appending records (every record people's cells use stays in place);
- the workbook's ``calcPr fullCalcOnLoad`` flag.

Everything else must be identical: whole parts byte for byte, and inside a changed part
every other element (compared as XML, whatever the namespace prefixes).
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
MARKER = "lscb-report"
TOOL_TABS = ("Dashboard", "Validation")


def q(tag: str, ns: str = MAIN) -> str:
    return f"{{{ns}}}{tag}"


def key(element) -> tuple:
    return (element.tag, tuple(sorted(element.attrib.items())), element.text or "",
            tuple(key(child) for child in element))


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def sheet_parts(files: dict[str, bytes]) -> dict[str, str]:
    """Tab name -> worksheet part name."""
    book = etree.fromstring(files["xl/workbook.xml"])
    rels = etree.fromstring(files["xl/_rels/workbook.xml.rels"])
    targets = {r.get("Id"): posixpath.normpath(posixpath.join("xl", r.get("Target")))
               if not r.get("Target").startswith("/") else r.get("Target").lstrip("/")
               for r in rels}
    return {s.get("name"): targets[s.get(q("id", REL))] for s in book.iter(q("sheet"))}


def unowned_changes(before: bytes, after: bytes, owned: set[tuple[str, str]]) -> list[str]:
    old, new = parts(before), parts(after)
    old_sheets, new_sheets = sheet_parts(old), sheet_parts(new)
    tool_parts = {new_sheets[t] for t in TOOL_TABS if t in new_sheets}
    tool_parts |= {posixpath.join(posixpath.dirname(p), "_rels", posixpath.basename(p) + ".rels")
                   for p in tool_parts}
    problems = [f"part removed: {name}" for name in old if name not in new]
    problems += [f"part added: {name}" for name in new if name not in old
                 and name not in tool_parts]
    by_part = {part: tab for tab, part in old_sheets.items()}
    for name in sorted(set(old) & set(new)):
        if old[name] == new[name] or name in tool_parts:
            continue
        if name == "xl/workbook.xml":
            problems += _workbook(old[name], new[name])
        elif name == "xl/_rels/workbook.xml.rels":
            problems += _added_only(old[name], new[name], q("Relationship", PKG), "Target",
                                    {"/" + p for p in tool_parts} | tool_parts, name)
        elif name == "[Content_Types].xml":
            problems += _added_only(old[name], new[name], q("Override", CT), "PartName",
                                    {"/" + p for p in tool_parts}, name)
        elif name == "xl/styles.xml":
            problems += _styles(old[name], new[name])
        elif name in by_part:
            problems += _worksheet(by_part[name], old[name], new[name], owned)
        else:
            problems.append(f"part changed: {name}")
    return problems


def _workbook(old: bytes, new: bytes) -> list[str]:
    def normal(data: bytes) -> tuple:
        root = etree.fromstring(data)
        names = [s.get("name") for s in root.iter(q("sheet"))]
        for element in root.iter(q("definedName")):  # positions -> the tabs they point at
            if element.get("localSheetId") is not None:
                element.set("localSheetId", names[int(element.get("localSheetId"))])
        for view in root.iter(q("workbookView")):
            for attribute in ("activeTab", "firstSheet"):
                if view.get(attribute) is not None:
                    view.set(attribute, names[int(view.get(attribute))])
        for sheet in list(root.iter(q("sheet"))):
            if sheet.get("name") in TOOL_TABS:
                sheet.getparent().remove(sheet)
        for calc in root.iter(q("calcPr")):
            calc.attrib.pop("fullCalcOnLoad", None)
        return key(root)
    return [] if normal(old) == normal(new) else ["workbook.xml changed beyond the tab list"]


def _added_only(old: bytes, new: bytes, tag: str, attribute: str, allowed: set[str],
                name: str) -> list[str]:
    before = {key(e) for e in etree.fromstring(old).iter(tag)}
    after = list(etree.fromstring(new).iter(tag))
    problems = [f"{name}: entry removed" for k in before if k not in {key(e) for e in after}]
    problems += [f"{name}: unexpected entry {e.get(attribute)}" for e in after
                 if key(e) not in before and e.get(attribute) not in allowed]
    return problems


def _styles(old: bytes, new: bytes) -> list[str]:
    before, after = etree.fromstring(old), etree.fromstring(new)
    problems = []
    for child in before:
        twin = after.find(child.tag)
        if twin is None:
            problems.append(f"styles: {child.tag} removed")
        elif [key(c) for c in child] != [key(c) for c in twin][:len(child)]:
            problems.append(f"styles: {etree.QName(child).localname} changed, not appended to")
    return problems


def _worksheet(tab: str, old: bytes, new: bytes, owned: set[tuple[str, str]]) -> list[str]:
    before, after = etree.fromstring(old), etree.fromstring(new)
    problems = []
    others = [key(c) for c in before if c.tag not in (q("sheetData"), q("conditionalFormatting"))]
    if others != [key(c) for c in after if c.tag not in (q("sheetData"),
                                                          q("conditionalFormatting"))]:
        problems.append(f"{tab}: an element other than cells and conditional formats changed")
    cells_before = {c.get("r"): c for c in before.iter(q("c"))}
    cells_after = {c.get("r"): c for c in after.iter(q("c"))}
    for ref in sorted(set(cells_before) | set(cells_after)):
        if (tab, ref) in owned:
            continue
        a, b = cells_before.get(ref), cells_after.get(ref)
        if a is None or b is None or key(a) != key(b):
            problems.append(f"{tab}!{ref}: a cell the tool does not own changed")
    rows = [key(r)[:2] for r in before.iter(q("row"))]
    if rows != [key(r)[:2] for r in after.iter(q("row"))]:
        problems.append(f"{tab}: rows changed")
    if _their_rules(tab, before, owned) != _their_rules(tab, after, owned):
        problems.append(f"{tab}: a conditional format the tool does not own changed")
    return problems


def _their_rules(tab: str, root, owned: set[tuple[str, str]]) -> list[tuple]:
    """Conditional-format rules other than the tool's, without their priority numbers."""
    found = []
    for formatting in root.iter(q("conditionalFormatting")):
        sqref = formatting.get("sqref")
        for rule in formatting.iter(q("cfRule")):
            text = " ".join(f.text or "" for f in rule.iter(q("formula")))
            if MARKER in text:
                continue
            if rule.get("type") == "cellIs" and _all_owned(tab, sqref, owned):
                continue  # a RAG colour rule on the tool's own cells
            attributes = {k: v for k, v in rule.attrib.items() if k not in ("priority", "dxfId")}
            found.append((sqref, tuple(sorted(attributes.items())), text))
    return found


def _all_owned(tab: str, sqref: str, owned: set[tuple[str, str]]) -> bool:
    from openpyxl.utils.cell import range_boundaries

    from xl_addin.core.raw import address

    for area in sqref.split():
        left, top, right, bottom = range_boundaries(area)
        if not all((tab, address(r, c)) in owned for r in range(top, bottom + 1)
                   for c in range(left, right + 1)):
            return False
    return True

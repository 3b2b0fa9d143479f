"""Every reference in the chairs' text resolves to something the report holds.

Chairs write "see Appendix B", "Tables 1 to 3 below", "Figure 2" and "the diagram below".
The report letters its appendices (Appendix A, B, ... in the order they print: the
sections' detail the Word template moves to an appendix, then how the report meets the
statutory requirements, then a draft's findings), numbers no table or chart of its own
(a chair's caption may: "Table 1. Gender"), and prints each section's items in the order
of :mod:`.outline`. A reference to an appendix letter the report does not have, a numbered
table or figure no caption carries, or a table, chart or diagram "below" or "above" that
is not there is a warning at the cell that makes it (``text.reference``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from xl_addin.core.findings import Finding, Severity
from xl_addin.report.content.outline import CHART, DETAIL, TABLE, TEXT, Item, outline
from xl_addin.report.content.statutory import STATUTORY_HEADING, STATUTORY_ID
from xl_addin.tables.dataset import Dataset

__all__ = ["REFERENCE_RULE", "LETTERS", "appendix_letters", "appendix_title", "detail_title",
           "reference_findings", "report_appendices", "FINDINGS_ID", "FINDINGS_HEADING"]

REFERENCE_RULE = "text.reference"
FINDINGS_ID, FINDINGS_HEADING = "findings_appendix", "Findings in the workbook"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_APPENDIX = re.compile(r"\bAppendi(?:x|ces)\s+([A-Z](?:(?:\s*,\s*|\s+(?:and|or|to)\s+)[A-Z])*)"
                       r"(?![\w'’])")
_NUMBERED = re.compile(r"\b(Tables?|Figures?|Charts?|Graphs?|Diagrams?)\s+(\d+)"
                       r"(?:(?:\s*,\s*|\s+(?:and|or|to)\s+)(\d+))*\b")
_PLACED = re.compile(r"\b(tables?|charts?|graphs?|figures?|diagrams?)\s+(below|above)\b"
                     r"|\b(?:the\s+)?following\s+(tables?|charts?|graphs?|figures?|diagrams?)\b",
                     re.IGNORECASE)
_KINDS = {"table": TABLE, "chart": CHART, "graph": CHART, "figure": CHART, "diagram": CHART}


def appendix_letters(ids: Sequence[str]) -> dict[str, str]:
    """Appendix id -> its letter, in the order the appendices print."""
    return dict(zip(ids, LETTERS, strict=False))


def appendix_title(letter: str, title: str) -> str:
    """'Appendix A: Business Plan Update in full'."""
    return f"Appendix {letter}: {title}"


def detail_title(heading: str) -> str:
    """The title of the appendix holding a section's detail (without its letter)."""
    return f"{heading} in full"


def report_appendices(data: Dataset, moved: Sequence[str], statutory: bool,
                      draft: bool = False,
                      sections: Mapping[str, list[Item]] | None = None) -> dict[str, str]:
    """The appendices the report prints, id -> title, in order: the sections whose detail
    the template moves to an appendix (``moved``, in the template's order) that have one,
    then how the report meets the statutory requirements and a draft's findings.
    ``sections``: the report's :func:`outline`, when already made."""
    items = outline(data) if sections is None else sections
    area = str(data.facts.get("area") or "the area")
    out = {s: detail_title(data.profile.section(s).heading(area)) for s in moved
           if any(i.kind == DETAIL for i in items.get(s, []))}
    if statutory:
        out[STATUTORY_ID] = STATUTORY_HEADING
    if draft:
        out[FINDINGS_ID] = FINDINGS_HEADING
    return out


def _numbers(match: re.Match[str]) -> list[int]:
    text = match.group(0)
    found = [int(n) for n in re.findall(r"\d+", text)]
    if " to " in text and len(found) == 2 and found[0] < found[1] <= found[0] + 50:
        return list(range(found[0], found[1] + 1))
    return found


def _kind(word: str) -> str:
    return _KINDS[word.casefold().rstrip("s")]


def _text_problems(item: Item, before: Sequence[Item], after: Sequence[Item],
                   letters: int, captions: Sequence[str],
                   titles: Sequence[str]) -> list[str]:
    problems: list[str] = []
    for match in _APPENDIX.finditer(item.text):
        for letter in re.findall(r"\b[A-Z]\b", match.group(1)):
            if LETTERS.index(letter) >= letters:
                held = ("it has none" if not titles else
                        "it has " + ", ".join(titles))
                problems.append(f"Appendix {letter}, but the report has no Appendix {letter} "
                                f"({held})")
    for match in _NUMBERED.finditer(item.text):
        word = match.group(1).rstrip("s").capitalize()
        for number in _numbers(match):
            pattern = re.compile(rf"^{word}\s+{number}\b", re.IGNORECASE)
            if not any(pattern.match(c) for c in captions):
                problems.append(f"{word} {number}, but no table or chart in the report is "
                                f"captioned '{word} {number}'")
    for match in _PLACED.finditer(item.text):
        word = (match.group(1) or match.group(3)).casefold()
        where = (match.group(2) or "below").casefold()
        kind = _kind(word)
        near = after if where == "below" else before
        if any(i.kind == kind for i in near):
            continue
        other = next((i.kind for i in near if i.kind in (TABLE, CHART)), None)
        problems.append(f"'{match.group(0)}', but " + (
            f"what comes {where} it in its section is a "
            f"{'table' if other == TABLE else 'chart'}" if other else
            f"there is no {'table' if kind == TABLE else 'chart'} {where} it in its section"))
    return problems


def reference_findings(data: Dataset, appendices: Mapping[str, str],
                       sections: Mapping[str, list[Item]] | None = None) -> list[Finding]:
    """A warning at each cell of the chairs' text whose reference resolves to nothing.

    ``appendices``: appendix id -> its title, in the order they print (see
    :func:`report_appendices`); ``sections``: the report's :func:`outline`, when made."""
    sections = outline(data) if sections is None else sections
    captions = [i.caption for items in sections.values() for i in items if i.caption]
    titles = [appendix_title(letter, title) for letter, title in
              zip(LETTERS, appendices.values(), strict=False)]
    out = []
    for items in sections.values():
        for n, item in enumerate(items):
            if item.kind != TEXT or item.place is None:
                continue
            before = [i for i in items[:n] if i.kind != TEXT]
            after = [i for i in items[n + 1:] if i.kind != TEXT]
            problems = _text_problems(item, before, after, len(appendices), captions, titles)
            for problem in problems:
                out.append(Finding(
                    Severity.WARNING, item.place.sheet, item.place.cell, REFERENCE_RULE,
                    f"The text at '{item.place.sheet}'!{item.place.cell} refers to {problem}. "
                    "Refer to what the report holds, by the name it prints, or place the "
                    "table or chart there.",
                    gist="refers to something the report does not hold"))
    return out

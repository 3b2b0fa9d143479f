"""The house style, applied by the tool to every word the report prints.

Chairs type "2016/17", "-3", "Jul-17" and "Sub Group"; the published report should say
"2016-17", "−3", "July 2017" and "sub-group" wherever they come from, so the rules are
applied once, to the finished :class:`ReportModel`, just before it is written:

- years as 2016-17 (2016/17 and 2016/2017 are rewritten);
- a true minus sign (U+2212) before a number that stands on its own ("-3", "(-2.5%)"),
  never inside a range ("5-7.5%"), a reference ("CS2-1") or a year ("2016-17");
- month names in dates: "Jul-17" and "Nov 2016" become "July 2017" and "November 2016";
- one spelling of sub-group ("subgroup", "Sub Group" and "sub group" become "sub-group",
  keeping a capital where the word had one).

Before any of these, characters that no Word file can hold are left out (the validation
has told the chairs where they were), so that nothing a cell holds can stop the build.

Thousands separators are the formatting module's job (:mod:`xl_addin.core.fmt`), since the
tool writes every figure it prints.
"""

from __future__ import annotations

import re
from dataclasses import replace

from xl_addin.core import fmt
from xl_addin.core.printable import printable
from xl_addin.report.content.blocks import (
    Block,
    Cell,
    Chart,
    Columns,
    Detail,
    Heading,
    Paragraph,
    ReportModel,
    Section,
    Series,
    Table,
    Tile,
    Tiles,
)
from xl_addin.report.content.blocks import Column as ReportColumn

__all__ = ["tidy", "tidy_model", "MONTHS"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
_SHORT = {m[:3].casefold(): m for m in MONTHS} | {"sept": "September"}

_SLASH_YEAR = re.compile(r"\b((?:19|20)\d\d)/(?:(?:19|20)(\d\d)|(\d\d))\b")
_MINUS = re.compile(r"(?<![\w.\-\u2212/])-(?=\d)")
_MONTH_YEAR = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)[a-z]*"
                         r"[-'](\d\d)\b(?![-/:.]\d)", re.IGNORECASE)
_MONTH_FULL_YEAR = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s"
                              r"((?:19|20)\d\d)\b")
_SUBGROUP = re.compile(r"\b(s)ub(?:[ ]?|-)(g)roup(s?)\b", re.IGNORECASE)


def _year(match: re.Match[str]) -> str:
    first = match.group(1)
    second = match.group(2) or match.group(3)
    if int(second) != (int(first[2:]) + 1) % 100:
        return match.group(0)  # not two consecutive years (a date such as 2016/09)
    return f"{first}-{second}"


def _month(match: re.Match[str]) -> str:
    word, short_year = match.group(1), match.group(2)
    month = _SHORT.get(word.casefold())
    if month is None:
        return match.group(0)
    return f"{month} 20{short_year}"


def _subgroup(match: re.Match[str]) -> str:
    return ("S" if match.group(1).isupper() else "s") + "ub-group" + match.group(3)


def tidy(text: str) -> str:
    """``text`` in the house style (see the module notes), without the characters no Word
    file can hold (:func:`~xl_addin.core.printable.printable`; the validation reports them)."""
    if not text:
        return text
    text = printable(text)
    # each rule runs only where its telltale character is (most cells hold a plain number)
    if "/" in text:
        text = _SLASH_YEAR.sub(_year, text)
    if "-" in text or "'" in text:
        text = _MONTH_YEAR.sub(_month, text)
    if " 20" in text or " 19" in text:
        text = _MONTH_FULL_YEAR.sub(lambda m: f"{_SHORT[m.group(1).casefold()]} {m.group(2)}",
                                    text)
    if "ub" in text or "UB" in text:
        text = _SUBGROUP.sub(_subgroup, text)
    return _MINUS.sub(fmt.MINUS, text) if "-" in text else text


def _cells(row: tuple[Cell, ...]) -> tuple[Cell, ...]:
    return tuple(replace(c, text=tidy(c.text)) for c in row)


def _chart(chart: Chart) -> Chart:
    return replace(chart, caption=tidy(chart.caption), y_label=tidy(chart.y_label),
                   alt_text=tidy(chart.alt_text),
                   categories=tuple(tidy(c) for c in chart.categories),
                   series=tuple(Series(tidy(s.name), s.values) for s in chart.series))


def _block(block: Block) -> Block:
    if isinstance(block, Heading | Paragraph):
        return replace(block, text=tidy(block.text))
    if isinstance(block, Table):
        return replace(block, caption=tidy(block.caption),
                       columns=tuple(ReportColumn(tidy(c.header), c.width, c.numeric)
                                     for c in block.columns),
                       rows=tuple(_cells(r) for r in block.rows),
                       total=_cells(block.total) if block.total else None,
                       notes=tuple(tidy(n) for n in block.notes),
                       beside=_chart(block.beside) if block.beside else None)
    if isinstance(block, Chart):
        return _chart(block)
    if isinstance(block, Tiles):
        return replace(block, title=tidy(block.title),
                       tiles=tuple(Tile(tidy(t.label), tidy(t.value), tidy(t.detail), t.status)
                                   for t in block.tiles))
    if isinstance(block, Columns):
        return Columns(tuple(tuple(replace(p, text=tidy(p.text)) for p in part)
                             for part in block.parts))
    if isinstance(block, Detail):
        return replace(block, title=tidy(block.title), pointer=tidy(block.pointer),
                       blocks=tuple(_block(b) for b in block.blocks))
    return block


def tidy_model(model: ReportModel) -> ReportModel:
    """The whole report in the house style."""
    sections = tuple(Section(s.id, tidy(s.heading), tuple(_block(b) for b in s.blocks),
                             s.number) for s in model.sections)
    fields = {k: tidy(v) if isinstance(v, str) else v for k, v in model.fields.items()}
    return replace(model, sections=sections, fields=fields, title=tidy(model.title))

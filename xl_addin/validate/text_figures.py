"""Figures typed into Report text, checked against the figures the workbook holds.

A chair who types "523 children were on a plan" where the workbook holds 525 publishes a
report that contradicts itself. For every number typed in a paragraph (not a ``{ref}``
quote, a year, a date, a section or level number, an age range or the 10,000 of a rate),
this finds the figures the words beside it name: a key figure whose label's words are
there, or a table's figure whose row and column (or, for a series, whose title and
column, in the year the sentence speaks of) are there. Then:

- the number equals such a figure (as rounded in the text): a note, ``text.quote``,
  suggesting the ``{ref}`` that quotes it, so that the report follows the workbook;
- it differs from the figure the words name best (and any named nearly as well), by no
  more than a quarter, and the words before it ("more than", "about", ...) do not allow
  the difference: a warning, ``text.figure``, at the text's cell, naming the figures and
  the ``{ref}`` to write. It is a disagreement: corrected, or signed off, before a final
  report.

A number the words do not tie to one figure is left alone: false alarms cost chairs'
trust more than a missed slip costs the report (tests/validate/test_text_figures.py
measures both on the shipped example). It is pure: the typed tables and the tool's
computed figures in, findings out.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

import pandas as pd

from xl_addin.core import fmt
from xl_addin.core.findings import Finding, Severity
from xl_addin.core.years import shift_year, year_of_date
from xl_addin.schema import PLACEMENT_STYLES, Kind, Table
from xl_addin.schema.signoff_tab import SIGNOFF_TABLE
from xl_addin.schema.wording import table_named
from xl_addin.tables.dataset import Dataset, TableData, is_number, records
from xl_addin.tables.placement import PLACEHOLDER
from xl_addin.tables.quotes import quote_for

__all__ = ["text_findings", "TextChecker", "numbers_in", "NEAR", "CLOSE"]

NEAR = 10  # words either side of a number that may name its figure
CLOSE = 0.25  # a typed figure further than this (relative) from the data is another figure
SMALL = 10  # a count below this is said of many things: its words must name it best
AS_GOOD = 0.9  # a figure named nearly as well as the best is named too
YEAR_REACH = 40  # characters: a year written further from a number is about something else

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
# A number just after one of these words is a name, not a figure: "Section 11", "level 2".
NAMING = frozenset({"section", "sections", "chapter", "level", "levels", "quarter", "category",
                    "categories", "table", "tables", "tier", "stage", "part", "page",
                    "paragraph", "recommendation", "priority", "phase", "aged", "age",
                    "ages", "no", "rec", "appendix", "standard",
                    "act", "article", "grade", "version", "round", "cohort"})
BIGGER = ("more than", "over", "above", "at least", "upwards of", "in excess of")
SMALLER = ("fewer than", "less than", "under", "below", "up to", "at most")
ABOUT = ("about", "around", "approximately", "nearly", "almost", "some", "roughly", "c.",
         "circa", "approx", "close to", "just over", "just under")
STOP = frozenset("""a an the of in on at to for by and or with from as is was were are be been
being this that these those it its their there which who whom what when where how than then
into onto per each all any every our we they he she his her has had have not no nor but so
such also only just more most less fewer over under above below about around up down out
after quoted quote published publish text table figure figures value values number numbers total
totals year years earlier before last current now period end given give gives giving new
during while one two three same other others re""".split())

_NUMBER = re.compile(r"(?<![\w.£/-])(£)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(%| per cent\b)?"
                     r"(?![\w/]|\.\d|-\d|–\d)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_YEAR = re.compile(r"\b((?:19|20)\d\d)(?:[-–/](\d\d))?\b")
_CLAUSE = re.compile(r"(?<=[.!?;:])\s+|\n+")
_QUOTE_MARK = "\x00"


@lru_cache(maxsize=8192)
def _stem(word: str) -> str:
    """A word's first letters, so 'attended', 'attendance' and 'attendees' meet."""
    word = word.casefold().strip("'’-")
    word = {"children": "child", "people": "person", "men": "man", "women": "woman"}.get(
        word, word)
    return word[:5]


def _content(text: object) -> frozenset[str]:
    """The words of a label that can name it, without its parenthesised asides."""
    return _content_of(str(text or ""))


@lru_cache(maxsize=4096)
def _content_of(text: str) -> frozenset[str]:
    plain = re.sub(r"\([^()]*\)", " ", text)
    return frozenset(_stem(w) for w in _WORD.findall(plain)
                     if w.casefold() not in STOP and len(w) > 1)


@dataclass(frozen=True)
class Typed:
    """A number typed in a clause of text."""

    value: float  # as stored: a percentage as a fraction, like the workbook
    text: str  # as typed, e.g. "1,186" or "20.1%"
    places: int  # decimal places typed
    percent: bool
    money: bool
    start: int  # where it sits in the clause
    end: int
    qualifier: str  # "more", "less", "about" or ""


@dataclass(frozen=True)
class Candidate:
    """A figure the workbook holds, and the words that name it."""

    value: float
    kind: str  # "percent", "money" or "number"
    required: frozenset[str]  # words that must mostly be there
    context: frozenset[str]  # of which at least one must be there (empty: none needed)
    describe: str  # "'Children looked after at period end' ('Context'!C19)"; "" for a cell
    ref: str | None  # the {ref} that quotes it (a cell's is worked out when it is needed)
    subject: str  # what the sign-off key names
    year: str | None = None  # the row's year, for a series
    cell: tuple[str, object, str, str] | None = None  # a table's: (table, row, column, unit)


def numbers_in(clause: str) -> Iterator[Typed]:
    """The figures typed in a clause: not years, dates, names such as 'Section 11', ranges
    ('aged 0-19', '3 to 6 months'), ordinals, nor the 10,000 of 'per 10,000'."""
    lowered = clause.casefold()
    for match in _NUMBER.finditer(clause):
        money, whole, decimals, percent = match.groups()
        before = lowered[:match.start()].rstrip()
        after = lowered[match.end():].lstrip()
        if not decimals and not percent and not money and "," not in whole and \
                1900 <= int(whole) <= 2099:
            continue  # a year
        if _NAMED.search(before) or _DATE_AFTER.match(after) or _MONTH_BEFORE.search(before) \
                or _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after) \
                or _ORDINAL.match(lowered[match.end():]):
            continue
        value = float(whole.replace(",", "") + (decimals or ""))
        places = len(decimals) - 1 if decimals else 0
        yield Typed(value / 100 if percent else value, match.group(0), places, bool(percent),
                    bool(money), match.start(), match.end(), _qualifier(before))


_MONTHS = "|".join(MONTHS)
_NAMED = re.compile(r"\b(" + "|".join(sorted(NAMING)) + r"|per|in every|out of every)$")
_DATE_AFTER = re.compile(r"(" + _MONTHS + r")\b")
_MONTH_BEFORE = re.compile(r"\b(" + _MONTHS + r")$")
_RANGE_BEFORE = re.compile(r"\d\s*(?:[-–/]|to)$")
_RANGE_AFTER = re.compile(r"(?:[-–/]|to\b)\s*£?\d")
_ORDINAL = re.compile(r"(st|nd|rd|th)\b")


def _qualifier(before: str) -> str:
    for words, kind in ((BIGGER, "more"), (SMALLER, "less"), (ABOUT, "about")):
        if any(before.endswith(w) for w in words):
            return kind
    return ""


# --- the figures the workbook holds ---------------------------------------------------------


def _kind(kind: Kind, unit: str) -> str | None:
    if kind is Kind.PERCENT or (kind in (Kind.MEASURE, Kind.TARGET) and unit == "%"):
        return "percent"
    if kind is Kind.CURRENCY:
        return "money"
    if kind in (Kind.INTEGER, Kind.NUMBER, Kind.MEASURE):
        return "number"
    return None


def _at(sheet: str, cell: object) -> str:
    return f"'{sheet}'!{cell}" if cell else f"'{sheet}'"


def _fact_candidates(data: Dataset, computed: Mapping[str, object],
                     reporting: str | None) -> list[Candidate]:
    out = []
    for _, fact in data.profile.iter_facts():
        value = computed.get(fact.key) if fact.computed else data.facts.get(fact.key)
        kind = _kind(fact.kind, fact.unit)
        if kind is None or not is_number(value) or fact.key in data.bad_facts:
            continue
        words = _content(fact.label)
        if not words:
            continue
        place = data.fact_places.get(fact.key)
        where = f" ({_at(place.sheet, place.cell)})" if place else ""
        out.append(Candidate(float(value), kind, words, frozenset(),
                             f"'{fact.label}'{where}", f"{{{fact.key}}}", fact.key,
                             _label_year(fact.label, reporting)))
    return out


_LABEL_YEARS = ((re.compile(r"year before last|two years before"), -2),
                (re.compile(r"last year|a year earlier|the year before|previous year"), -1),
                (re.compile(r"this year|period end|\bnow\b|in the year"), 0))


def _label_year(label: str, reporting: str | None) -> str | None:
    """The year a key figure's label speaks of ('... last year'), if it says."""
    if reporting is None:
        return None
    lowered = label.casefold()
    for pattern, offset in _LABEL_YEARS:
        if pattern.search(lowered):
            return shift_year(reporting, offset)
    return None


def _row_words(table: Table, row: Mapping[str, object]) -> tuple[frozenset[str], str]:
    """The words naming a row (its key, groups or label; for a code such as 'CS2.3', also
    its description) and the row's name in a message."""
    keys = [*table.groups, *(k for k in (table.key, table.label_column) if k)]
    named = [str(row[k]) for k in dict.fromkeys(keys) if row.get(k) is not None]
    words = set().union(*(_content(n) for n in named)) if named else set()
    if table.key and row.get(table.key) is not None and " " not in str(row[table.key]).strip():
        described = next((row[c.key] for c in table.columns if c.kind is Kind.TEXT
                          and c.key != table.key and row.get(c.key) is not None), None)
        words |= _content(described)
    return frozenset(words), ", ".join(named)


def _table_candidates(data: Dataset, columns: Mapping[str, pd.DataFrame]) -> list[Candidate]:
    out: list[Candidate] = []
    for name, table in data.tables.items():
        spec = table.table
        if spec.is_narrative or spec.is_fact_table or name == SIGNOFF_TABLE:
            continue
        worked = dict(records(columns[name])) if name in columns else {}
        title = _content(spec.title)
        numeric = [c for c in spec.columns if c.kind in _NUMERIC]
        headers = {c.key: title | _content(c.header) for c in numeric}
        for index, row in records(table.rows):
            if not data.row_ok(name, index):
                continue
            row_words, row_name = _row_words(spec, row)
            row_year = row.get(spec.year_column) if spec.year_column else None
            series = row_year is not None and not spec.groups and \
                not row_words - _content(row_year)
            if not series and not row_words:
                continue
            mine = worked.get(index, {})
            for column in numeric:
                value = mine.get(column.key, row.get(column.key))
                if value is None:
                    value = row.get(column.key)
                unit = str(row.get(column.unit_from) or "") if column.unit_from else column.unit
                kind = _kind(column.kind, unit)
                if kind is None or not is_number(value):
                    continue
                subject = f"{name} [{row_name}] {column.key}"
                where = (name, index, column.key, unit)
                if series:
                    out.append(Candidate(float(value), kind, headers[column.key], frozenset(),
                                         "", None, subject, str(row_year), where))
                else:
                    out.append(Candidate(float(value), kind, row_words, headers[column.key],
                                         "", None, subject, cell=where))
    return out


_NUMERIC = frozenset({Kind.INTEGER, Kind.NUMBER, Kind.PERCENT, Kind.CURRENCY, Kind.MEASURE})


def _named(candidate: Candidate, data: Dataset) -> Candidate:
    """The candidate with its description and ``{ref}`` (worked out only for a finding)."""
    if candidate.cell is None:
        return candidate
    name, index, key, unit = candidate.cell
    table = data.tables[name]
    column = table.table.column(key)
    _, row_name = _row_words(table.table, dict(table.rows.loc[index]))
    place = _at(table.sheet, table.cells.at[index, key])
    value = fmt.value(candidate.value, str(column.kind), unit)
    year = data.facts.get("reporting_year")
    return replace(candidate, describe=f"{table_named(table.table)} gives {value} for "
                   f"{row_name or 'its row'}, '{column.header}' ({place})",
                   ref=quote_for(table, index, key, str(year) if year else None))


# --- matching --------------------------------------------------------------------------------


def _names(candidate: Candidate, words: frozenset[str]) -> float:
    """How well the words name a figure: the share of its naming words present, when at
    least half of them are (two of three or more); 0 when they do not name it."""
    required = candidate.required
    hits = len(required & words)
    if hits < max(1 if len(required) < 3 else 2, math.ceil(0.5 * len(required))) or \
            (candidate.context and not candidate.context & words):
        return 0.0
    return hits / len(required)


def _names_well(candidate: Candidate, words: frozenset[str]) -> bool:
    """Whether the words name a figure well enough to say the text contradicts it."""
    required = candidate.required
    need = max(min(2, len(required)), math.ceil(0.6 * len(required)))
    return len(required & words) >= need and (
        not candidate.context or bool(candidate.context & words))


def _equal(typed: Typed, value: float) -> bool:
    shown = value * 100 if typed.percent else value
    wanted = typed.value * 100 if typed.percent else typed.value
    return fmt.round_half_up(shown, typed.places) == fmt.round_half_up(wanted, typed.places)


def _allowed(typed: Typed, value: float) -> bool:
    """Whether the words before the number allow the figure: 'more than 200' allows 230."""
    if typed.qualifier == "more":
        return value >= typed.value
    if typed.qualifier == "less":
        return value <= typed.value
    if typed.qualifier == "about":
        return abs(value - typed.value) <= 0.1 * max(abs(value), abs(typed.value))
    return _equal(typed, value)


def _kind_of(typed: Typed) -> str:
    return "percent" if typed.percent else "money" if typed.money else "number"


def _years_meant(clause: str, typed: Typed, reporting: str | None) -> frozenset[str] | None:
    """The reporting years a sentence speaks of at a number: from the year, date or phrase
    ('last year') written nearest it, within :data:`YEAR_REACH` characters; else the
    reporting year. A bare calendar year ('in 2015') may mean either reporting year it
    overlaps."""
    if reporting is None:
        return None
    lowered = clause.casefold()
    found: list[tuple[int, frozenset[str]]] = []
    for match in _YEAR.finditer(clause):
        start = int(match.group(1))
        if match.group(2):
            years = frozenset({f"{start}-{(start + 1) % 100:02d}"})
        else:
            month = re.search(r"(" + _MONTHS + r")\s+$", lowered[:match.start()])
            years = frozenset({year_of_date(dt.date(start, MONTHS.index(month.group(1)) + 1,
                                                    1))}) if month else \
                frozenset({shift_year(f"{start}-00", -1), f"{start}-{(start + 1) % 100:02d}"})
        found.append((_distance(match.start(), match.end(), typed), years))
    for phrase, offset in (("last year", -1), ("a year earlier", -1), ("the year before", -1),
                           ("previous year", -1), ("year before last", -2)):
        for at in (m.start() for m in re.finditer(re.escape(phrase), lowered)):
            found.append((_distance(at, at + len(phrase), typed),
                          frozenset({shift_year(reporting, offset)})))
    near = [f for f in found if f[0] <= YEAR_REACH]
    return min(near, key=lambda f: f[0])[1] if near else frozenset({reporting})


def _distance(start: int, end: int, typed: Typed) -> int:
    return typed.start - end if end <= typed.start else max(0, start - typed.end)


class TextChecker:
    """The figures a workbook holds, indexed by the words that name them, to check text
    against: built once, then :meth:`check` each paragraph."""

    def __init__(self, data: Dataset, columns: Mapping[str, pd.DataFrame] | None = None,
                 facts: Mapping[str, object] | None = None) -> None:
        self.data = data
        year = data.facts.get("reporting_year")
        self.reporting = str(year) if year else None
        candidates = _fact_candidates(data, facts or {}, self.reporting) + \
            _table_candidates(data, columns or {})
        self.index: dict[str, list[Candidate]] = {}
        for candidate in candidates:
            for word in candidate.required:
                self.index.setdefault(word, []).append(candidate)

    def check(self, text: str, table: TableData, cell: str, section: str) -> list[Finding]:
        """The findings about one paragraph of ``table`` (a Report text table), at ``cell``."""
        out = []
        for typed, clause, finding in _check_text(text, self.index, self.reporting):
            what, candidate, top = finding
            named = (what, _named(candidate, self.data),
                     [_named(c, self.data) for c in top[:3]])
            out.append(_finding(named, typed, clause, table, cell, section))
        return out


def text_findings(data: Dataset, columns: Mapping[str, pd.DataFrame] | None = None,
                  facts: Mapping[str, object] | None = None) -> list[Finding]:
    """Findings about figures typed in Report text. ``columns`` and ``facts`` are the tool's
    computed columns (table -> frame) and computed key figures, which text may also give."""
    checker = TextChecker(data, columns, facts)
    out: list[Finding] = []
    for sheet in data.profile.sheets:
        if sheet.narrative is None or sheet.narrative.table not in data.tables:
            continue
        table = data.tables[sheet.narrative.table]
        for row_index, row in records(table.rows):
            text = row.get("text")
            if not isinstance(text, str) or str(row.get("style")) in PLACEMENT_STYLES:
                continue
            if not data.row_ok(table.table.name, row_index):
                continue
            section = " ".join(str(row.get("section") or "").split())
            out += checker.check(text, table, str(table.cells.at[row_index, "text"]), section)
    return out


def _check_text(text: str, index: Mapping[str, list[Candidate]], reporting: str | None
                ) -> Iterator[tuple[Typed, str, tuple[str, Candidate, list[Candidate]]]]:
    plain = PLACEHOLDER.sub(_QUOTE_MARK, text)
    for clause in _CLAUSE.split(plain):
        words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(clause)]
        for typed in numbers_in(clause):
            weights = _near(clause, words, typed)
            near = frozenset(weights)
            if not near:
                continue
            meant = _years_meant(clause, typed, reporting)
            kind = _kind_of(typed)
            found = [c for c in {id(c): c for w in near for c in index.get(w, ())}.values()
                     if c.kind == kind and _names(c, near) > 0]
            if not found:
                continue
            ranked = sorted(found, key=lambda c: _score(c, weights), reverse=True)
            best = _score(ranked[0], weights)
            equal = [c for c in ranked if _equal(typed, c.value) and (
                typed.value >= SMALL or typed.percent or
                (_names_well(c, near) and _score(c, weights) >= best - 1e-9))]
            if equal:
                same_year = [c for c in equal if _in_year(c, meant)]
                yield typed, clause, ("quote", (same_year or equal)[0], equal)
                continue
            strong = [c for c in ranked if _names_well(c, near)
                      and (_in_year(c, meant))]
            if not strong or (typed.qualifier and any(_allowed(typed, c.value)
                                                      for c in found)):
                continue
            this_year = [c for c in ranked if _in_year(c, meant)]
            top_score = _score(this_year[0], weights)
            top = [c for c in strong if _score(c, weights) >= AS_GOOD * top_score
                   and _gap(typed, c.value) <= CLOSE]
            if not top or _score(top[0], weights) < top_score - 1e-9 or \
                    any(_allowed(typed, c.value) for c in top):
                continue  # the figure named best is another one, or not named well
            yield typed, clause, ("differs", top[0], top)


def _in_year(candidate: Candidate, meant: frozenset[str] | None) -> bool:
    return candidate.year is None or meant is None or candidate.year in meant


def _score(candidate: Candidate, weights: Mapping[str, float]) -> float:
    """How well the words name a figure: each of its words found counts by how close to
    the number it stands, over all its words."""
    words = candidate.required | candidate.context
    return sum(weights.get(w, 0.0) for w in words) / len(words)


def _gap(typed: Typed, value: float) -> float:
    return abs(value - typed.value) / max(abs(value), abs(typed.value), 1e-9)


_BREAK = re.compile(r"[,;()]|\band\b|\bbut\b|\bwhile\b|\bwhereas\b|\bagainst\b|\bthan\b")


def _near(clause: str, words: list[tuple[int, int, str]], typed: Typed) -> dict[str, float]:
    """The naming words within :data:`NEAR` words of a number, each weighted by how close it
    stands: next to it counts fully, further away less, and across a comma, a bracket or an
    'and' half as much."""
    before = [w for w in words if w[1] <= typed.start][-NEAR:]
    after = [w for w in words if w[0] >= typed.end][:NEAR]
    out: dict[str, float] = {}
    for distance, (start, end, word) in [*enumerate(reversed(before), 1),
                                         *enumerate(after, 1)]:
        if word.casefold() in STOP:
            continue
        between = clause[end:typed.start].rstrip().removesuffix("(") if end <= typed.start \
            else clause[typed.end:start].lstrip().removeprefix(")")
        weight = (1.0 if distance <= 4 else 0.7 if distance <= 8 else 0.4) * \
            (0.5 if _BREAK.search(between) else 1.0)
        stem = _stem(word)
        out[stem] = max(out.get(stem, 0.0), weight)
    return out


def _snippet(clause: str, typed: Typed) -> str:
    start = max(0, clause.rfind(" ", 0, max(0, typed.start - 45)) + 1)
    end = clause.find(" ", min(len(clause), typed.end + 45))
    end = len(clause) if end < 0 else end
    text = clause[start:end].replace(_QUOTE_MARK, "…").strip(" ,;")
    return ("…" if start > 0 else "") + text + ("…" if end < len(clause) else "")


def _finding(found: tuple[str, Candidate, list[Candidate]], typed: Typed, clause: str,
             table: TableData, cell: str, section: str) -> Finding:
    what, candidate, _ = found
    snippet = _snippet(clause, typed)
    key = f"text.figure: {table.table.name} [{section}] {typed.text} {candidate.subject}"
    quote = f" Write {candidate.ref} instead" if candidate.ref else \
        " Quote the figure from the workbook instead"
    if what == "quote":
        return Finding(Severity.INFO, table.sheet, cell, "text.quote",
                       f"Report text: the text types {typed.text} ('{snippet}'), which is "
                       f"{candidate.describe}.{quote}, so that the report follows the "
                       "workbook if the figure changes.", table.table.name, "text")
    others = [c for c in dict((c.value, c) for c in found[2]).values()
              if c.value != candidate.value][:2]
    also = "".join(f"; and {c.describe}{'' if ' gives ' in c.describe else f' is {_shown(c)}'}"
                   for c in others)
    return Finding(Severity.WARNING, table.sheet, cell, "text.figure",
                   f"Report text: the text says {typed.text} ('{snippet}'), but "
                   f"{candidate.describe}"
                   f"{'' if ' gives ' in candidate.describe else f' is {_shown(candidate)}'}"
                   f"{also}.{quote}, or correct the text, so that the report does not "
                   "contradict itself.", table.table.name, "text", key=key)


def _shown(candidate: Candidate) -> str:
    if candidate.kind == "percent":
        return fmt.percent(candidate.value)
    if candidate.kind == "money":
        return fmt.money(candidate.value)
    return fmt.number(candidate.value)

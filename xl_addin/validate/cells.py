"""Turn one raw cell into a typed value, or say plainly why it cannot be used.

Each :class:`~xl_addin.schema.Kind` has one parser. A parser returns a :class:`Parsed`:
the value, an error (the value cannot be used) or a note (the value was read, but was typed
in a way that should be tidied, such as "45%" typed as text).

Any value a cell can hold gets one or the other: numbers of any size, infinity and NaN
(which other programs can write), TRUE/FALSE, dates of any year, times, Excel error values,
text of any length, text holding control characters and text holding characters no Word
or Excel file can (:mod:`xl_addin.core.printable`). Figures beyond :data:`LARGEST`
(:data:`LARGEST_MONEY` for money) and dates outside :data:`EARLIEST`..:data:`LATEST` are
errors: no real figure of a board is that large, and Excel shows a date in 1900 when a cell
formatted as a date holds a small number.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from xl_addin.core import fmt
from xl_addin.core.printable import BROKEN, UNPRINTABLE, broken_in, code_points, printable
from xl_addin.core.raw import EXCEL_ERRORS
from xl_addin.core.values import NOT_SET, Target
from xl_addin.core.years import year_of_date
from xl_addin.schema import Kind

__all__ = ["Parsed", "Target", "NOT_SET", "EXCEL_ERRORS", "parse", "is_blank", "clean_text",
           "LARGEST", "LARGEST_MONEY", "EARLIEST", "LATEST"]

LARGEST = 100_000_000  # a count, rate or number beyond this is not a real figure of a board
LARGEST_MONEY = 1_000_000_000  # £1 billion
EARLIEST, LATEST = dt.date(1950, 1, 1), dt.date(2099, 12, 31)
EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's date serial numbers
SERIALS = range(18_264, 73_051)  # the serial numbers of EARLIEST..LATEST
# Characters no cell should hold: invisible control characters, most of which Word and
# Excel files cannot store (Excel keeps them escaped, and hands them to xlwings as they are).
# Tabs and line breaks are allowed in text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Parsed:
    value: object = None
    error: str | None = None  # why the value cannot be used
    note: str | None = None  # read, but typed in a way worth tidying
    rule: str = "cell.type"  # the rule the error or the note falls under
    gist: str | None = None  # the error or note in words true of every cell it is found in


BLANK = Parsed()  # an empty cell: no value, nothing to say (shared: a Parsed never changes)


def _error(error: str, gist: str, rule: str = "cell.type") -> Parsed:
    return Parsed(error=error, rule=rule, gist=gist)


def _noted(value: object, note: str, gist: str, rule: str = "cell.as-text") -> Parsed:
    return Parsed(value, note=note, rule=rule, gist=gist)


def _broken(kind: Kind, raw: str, unit: str, choices: tuple[str, ...]) -> Parsed:
    """Text holding characters no Word file can: read without them, and said so (unless
    what is left has a problem of its own, which is then the cell's finding)."""
    parsed = parse(kind, printable(raw), unit=unit, choices=choices)
    if parsed.error or parsed.note:
        return parsed
    found = broken_in(raw)
    what = "a character" if len(found) == 1 else "characters"
    return _noted(parsed.value, f"holds {what} that a Word document cannot hold "
                  f"({code_points(found)}: half of a character pair, or not a character at "
                  "all, often left by copying and pasting); the report leaves "
                  f"{'it' if len(found) == 1 else 'them'} out; retype the text",
                  "text holding characters that a Word document cannot hold, which the report "
                  "leaves out; retype the text", "cell.broken-characters")


def clean_text(text: str) -> str:
    """``text`` without control characters."""
    return _CONTROL.sub("", text)


def is_blank(raw: object) -> bool:
    """Nothing in the cell, or only spaces (and invisible characters that XML can hold)."""
    if raw is None:
        return True
    if not isinstance(raw, str):
        return False
    if raw.strip() and not _CONTROL.search(raw):
        return False  # visible text, the usual case: nothing to take out first
    return not clean_text(raw).strip() and not UNPRINTABLE.search(raw)


def parse(kind: Kind, raw: object, *, unit: str = "", choices: tuple[str, ...] = ()) -> Parsed:
    """Parse one cell of the given kind. Blank cells parse to ``None`` with no error.

    ``unit`` is the row's unit for a MEASURE or TARGET ("%" reads it as a percentage).
    """
    if raw is None:
        return BLANK
    if isinstance(raw, str) and BROKEN.search(raw):
        return _broken(kind, raw, unit, choices)
    if is_blank(raw):
        return BLANK
    if isinstance(raw, str) and raw.strip().upper() in EXCEL_ERRORS:
        return _error(f"holds the Excel error {raw.strip().upper()}; fix the formula or type "
                      "the figure", "Excel error values; fix the formulas or type the figures",
                      "cell.excel-error")
    if isinstance(raw, str) and _CONTROL.search(raw):
        parsed = parse(kind, clean_text(raw), unit=unit, choices=choices)
        if parsed.error or parsed.note:
            return parsed
        return _noted(parsed.value, "holds invisible control characters, probably pasted from "
                      "another program; they were left out", "text holding invisible control "
                      "characters, which were left out; retype the text", "cell.hidden-characters")
    if kind is Kind.CHOICE:
        return _choice(raw, choices)
    if kind in (Kind.MEASURE, Kind.TARGET):
        if unit == "%":
            return _target(raw, percent=True) if kind is Kind.TARGET else _percent(raw)
        if isinstance(raw, str) and "%" in raw:
            return _error(f"{_show(raw)} is a percentage, but the row's Unit is "
                          f"{unit or 'blank'}: type the figure without %, or choose % as the "
                          "Unit", "percentages in rows whose Unit is not %")
    if kind is Kind.TARGET:
        return _target(raw, percent=False)
    return _PARSERS[kind](raw)


# --- numbers -------------------------------------------------------------------------------

_NUMBER_TEXT = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")


def _as_number(raw: object, what: str, limit: float = LARGEST) -> Parsed:
    """A finite number no larger than ``limit`` (either sign), from a number or from text
    like '1,234.5'; ``what`` names the kind for messages ("a whole number")."""
    if isinstance(raw, bool):
        return _error(f"{_show(raw)} is a TRUE/FALSE value, not {what}",
                      f"TRUE/FALSE values where {what} belongs")
    if isinstance(raw, dt.date | dt.time | dt.timedelta):  # a datetime is a date
        return _error(f"{_show(raw)} is a date or time, not {what}: if you typed a number, "
                      "the cell is formatted as a date; set it to Number (Home > Number "
                      "Format) and type the figure again",
                      f"dates or times where {what} belongs; set those cells to Number (Home > "
                      "Number Format) and type the figures again")
    note = gist = None
    if isinstance(raw, int | float):
        value: float = raw
    elif isinstance(raw, str) and _is_number_text(text := raw.strip().replace("\u2212", "-")):
        value = float(text.replace(",", ""))
        note, gist = f"the number {text!r} was typed as text", "numbers typed as text"
    else:
        return _error(f"{_show(raw)} is not {what}", f"values that are not {what}")
    if value != value:  # NaN: other programs can write it, Excel cannot show it
        return _error("holds a value that is not a number (NaN); type the figure again",
                      "values that are not numbers (NaN); type the figures again")
    if abs(value) > limit:
        return _error(f"{fmt.number(value)} is far larger than any real figure; check the "
                      "cell and type the figure again",
                      "figures far larger than any real one; check the cells", "cell.range")
    return Parsed(float(value), note=note, rule="cell.as-text", gist=gist)


def _is_number_text(text: str) -> bool:
    return bool(_NUMBER_TEXT.match(text)) and any(ch.isdigit() for ch in text)


def _number(raw: object) -> Parsed:
    return _as_number(raw, "a number")


def _integer(raw: object) -> Parsed:
    parsed = _as_number(raw, "a whole number")
    if parsed.error:
        return parsed
    value = float(parsed.value)  # type: ignore[arg-type]
    if abs(value - round(value)) > 1e-9:
        return _error(f"{fmt.number(value)} is not a whole number",
                      "values that are not whole numbers")
    return replace(parsed, value=int(round(value)))


def _percent(raw: object) -> Parsed:
    if isinstance(raw, str) and raw.strip().endswith("%"):
        inner = _as_number(raw.strip()[:-1].strip(), "a percentage", LARGEST * 100)
        if inner.error and inner.rule == "cell.range":
            return inner
        if inner.error:
            return _error(f"{_show(raw)} is not a percentage", "values that are not percentages")
        return _noted(float(inner.value) / 100,  # type: ignore[arg-type]
                      f"the percentage {raw.strip()!r} was typed as text",
                      "percentages typed as text")
    return _as_number(raw, "a percentage")


def _currency(raw: object) -> Parsed:
    if isinstance(raw, str) and raw.strip().startswith("£"):
        inner = _as_number(raw.strip()[1:], "an amount of money", LARGEST_MONEY)
        if inner.error and inner.rule == "cell.range":
            return inner
        if inner.error:
            return _error(f"{_show(raw)} is not an amount of money",
                          "values that are not amounts of money")
        return _noted(inner.value, f"the amount {raw.strip()!r} was typed as text",
                      "amounts typed as text")
    return _as_number(raw, "an amount of money", LARGEST_MONEY)


# A range such as "5%-7.5%", "-5 to 5" or "5% – 7.5%": two ends, each with its own sign.
_RANGE = re.compile(r"^([-\u2212]?[^-–\u2212]+?)\s*(?:-|–|\u2212|to)\s*([-\u2212]?[^-–\u2212]+)$")


def _target(raw: object, *, percent: bool) -> Parsed:
    if isinstance(raw, str) and raw.strip().casefold() in {"not set", "n/a", "none", "-"}:
        return Parsed(NOT_SET)
    one = _percent if percent else _number
    match = _RANGE.match(raw.strip()) if isinstance(raw, str) else None
    if match:
        ends = [one(p) for p in match.groups()]
        if all(e.error is None for e in ends):
            low, high = sorted(float(e.value) for e in ends)  # type: ignore[arg-type]
            return Parsed(Target(low, high))
    single = one(raw)
    if single.error and single.rule == "cell.type":
        example = "5%-7.5%" if percent else "5-7.5"
        return _error(f"{_show(raw)} is not a target: write a figure, a range such as "
                      f"{example}, or {NOT_SET}", f"values that are not targets: write a "
                      f"figure, a range such as {example}, or {NOT_SET}")
    if single.error:
        return single
    figure = float(single.value)  # type: ignore[arg-type]
    return replace(single, value=Target(figure, figure))


# --- dates and years -----------------------------------------------------------------------

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y", "%B %Y", "%b-%y")


def _date(raw: object) -> Parsed:
    note = gist = None
    if isinstance(raw, dt.datetime):
        day = raw.date()
    elif isinstance(raw, dt.date):
        day = raw
    elif isinstance(raw, dt.time | dt.timedelta):
        return _error(f"{_show(raw)} is a time, not a date; type the date like 31/03/2017",
                      "times where a date belongs; type the dates like 31/03/2017")
    elif isinstance(raw, str) and (found := _date_text(raw.strip())) is not None:
        day = found
        note, gist = f"the date {raw.strip()!r} was typed as text", "dates typed as text"
    elif _is_serial(raw):
        shown = fmt.date(_from_serial(raw))  # type: ignore[arg-type]
        return _error(f"{_show(raw)} is a date stored as a number ({shown}); format the cell "
                      "as a date (Home > Number Format > Short Date)",
                      "dates stored as numbers; format those cells as dates")
    else:
        return _error(f"{_show(raw)} is not a date; type it like 31/03/2017",
                      "values that are not dates; type them like 31/03/2017")
    if not EARLIEST <= day <= LATEST:
        hint = (" (Excel shows a date in 1900 when a cell formatted as a date holds a small "
                "number)" if day.year <= 1900 else "")
        return _error(f"{fmt.date(day)} is not a date this report can mean{hint}; type the date "
                      "in full, like 31/03/2017", f"dates before {EARLIEST.year} or after "
                      f"{LATEST.year}; type each date in full, like 31/03/2017", "cell.range")
    return Parsed(day, note=note, rule="cell.as-text", gist=gist)


def _date_text(text: str) -> dt.date | None:
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _is_serial(raw: object) -> bool:
    return (isinstance(raw, int | float) and not isinstance(raw, bool) and raw == raw
            and abs(raw) < LARGEST and int(raw) in SERIALS)


def _from_serial(raw: float) -> dt.date:
    return EXCEL_EPOCH + dt.timedelta(days=int(raw))


_YEAR = re.compile(r"^(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$")
_YEAR_GIST = "values that are not reporting years; write each like 2016-17"


def _year(raw: object) -> Parsed:
    if isinstance(raw, str):
        text = raw.strip()
        match = _YEAR.match(text)
        if match:
            start, end = int(match.group(1)), int(match.group(2)[-2:])
            if end == (start + 1) % 100:
                canonical = f"{start}-{end:02d}"
                if text == canonical:
                    return Parsed(canonical)
                return _noted(canonical, f"{text!r} is written {canonical!r} here",
                              "reporting years written another way")
    day = raw.date() if isinstance(raw, dt.datetime) else raw
    if isinstance(day, dt.date):
        return _error(f"{fmt.date(day)} is a date, not a reporting year. Did you mean "
                      f"{year_of_date(day)}? Type it like 2016-17 (format the cell as Text first, "
                      "so that Excel keeps it)", _YEAR_GIST, "years.order")
    if _is_serial(raw):
        day = _from_serial(raw)  # type: ignore[arg-type]
        return _error(f"{_show(raw)} is a date stored as a number ({fmt.date(day)}), not a "
                      f"reporting year. Did you mean {year_of_date(day)}? Type it like 2016-17",
                      _YEAR_GIST, "years.order")
    if isinstance(raw, int | float) and not isinstance(raw, bool) and raw in range(1900, 2101):
        start = int(raw)
        return _error(f"{start} is a calendar year; write the reporting year like "
                      f"{start}-{(start + 1) % 100:02d} (April {start} to March {start + 1}) "
                      f"or {start - 1}-{start % 100:02d}", _YEAR_GIST, "years.order")
    return _error(f"{_show(raw)} is not a reporting year; write it like 2016-17", _YEAR_GIST,
                  "years.order")


# --- text and choices ----------------------------------------------------------------------


def _text(raw: object) -> Parsed:
    if isinstance(raw, str):
        return Parsed(raw.strip())
    if isinstance(raw, float) and not math.isfinite(raw):
        return _error(f"holds {fmt.number(raw)}, which is not text or a real figure; type "
                      "the text again", "values that are neither text nor real figures")
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < fmt.SCIENTIFIC:
        return Parsed(str(int(raw)))
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return Parsed(fmt.number(raw) if abs(raw) >= fmt.SCIENTIFIC else str(raw))
    return Parsed(fmt.value(raw))


def _choice(raw: object, choices: tuple[str, ...]) -> Parsed:
    read = _text(raw)
    if read.error:
        return read
    text = str(read.value)
    if text in choices:
        return Parsed(text)
    folded = {c.casefold(): c for c in choices}
    if text.casefold() in folded:
        canonical = folded[text.casefold()]
        return _noted(canonical, f"{text!r} is written {canonical!r} in the list",
                      "choices written with other capitals", "cell.choice-case")
    hint = difflib.get_close_matches(text[:100], choices, n=1, cutoff=0.5)
    also = f" Did you mean {hint[0]!r}?" if hint else ""
    listed = ", ".join(choices) if len(choices) <= 8 else "the dropdown"
    return _error(f"{_show(raw)} is not one of {listed}.{also}",
                  f"values that are not one of {listed}", "cell.choice")


def _show(raw: object) -> str:
    if isinstance(raw, str):
        text = raw if len(raw) <= 40 else raw[:37] + "..."
        return repr(text)
    return fmt.value(raw)


_PARSERS: dict[Kind, Callable[[object], Parsed]] = {
    Kind.TEXT: _text,
    Kind.INTEGER: _integer,
    Kind.NUMBER: _number,
    Kind.MEASURE: _number,
    Kind.PERCENT: _percent,
    Kind.CURRENCY: _currency,
    Kind.DATE: _date,
    Kind.YEAR: _year,
}

"""Turn one raw cell into a typed value, or say plainly why it cannot be used.

Each :class:`~xl_addin.schema.Kind` has one parser. A parser returns a :class:`Parsed`:
the value, an error (the value cannot be used) or a note (the value was read, but was typed
in a way that should be tidied, such as "45%" typed as text).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import fmt
from ..schema import Kind
from ..values import NOT_SET, Target

__all__ = ["Parsed", "Target", "NOT_SET", "EXCEL_ERRORS", "parse", "is_blank"]

EXCEL_ERRORS = frozenset(
    {"#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!",
     "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}
)

@dataclass(frozen=True)
class Parsed:
    value: object = None
    error: str | None = None  # why the value cannot be used
    note: str | None = None  # read, but typed in a way worth tidying
    rule: str = "cell.type"  # the rule an error falls under


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def parse(kind: Kind, raw: object, *, unit: str = "", choices: tuple[str, ...] = ()) -> Parsed:
    """Parse one cell of the given kind. Blank cells parse to ``None`` with no error."""
    if is_blank(raw):
        return Parsed()
    if isinstance(raw, str) and raw.strip().upper() in EXCEL_ERRORS:
        return Parsed(error=f"holds the Excel error {raw.strip().upper()}; fix the formula "
                      "or type the figure", rule="cell.excel-error")
    if kind is Kind.CHOICE:
        return _choice(raw, choices)
    if kind in (Kind.MEASURE, Kind.TARGET) and unit == "%":
        kind = Kind.TARGET if kind is Kind.TARGET else Kind.PERCENT
        return _target(raw, percent=True) if kind is Kind.TARGET else _percent(raw)
    if kind is Kind.TARGET:
        return _target(raw, percent=False)
    return _PARSERS[kind](raw)


# --- numbers -------------------------------------------------------------------------------

_NUMBER_TEXT = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")


def _as_number(raw: object) -> tuple[float | None, str | None]:
    """A real number from a number or from text like '1,234.5'. Returns (value, note)."""
    if isinstance(raw, bool):
        return None, None
    if isinstance(raw, int | float):
        return float(raw), None
    if isinstance(raw, str):
        text = raw.strip().replace("\u2212", "-")
        if _NUMBER_TEXT.match(text) and any(ch.isdigit() for ch in text):
            return float(text.replace(",", "")), f"the number {text!r} was typed as text"
    return None, None


def _number(raw: object) -> Parsed:
    value, note = _as_number(raw)
    if value is None:
        return Parsed(error=f"{_show(raw)} is not a number")
    return Parsed(value, note=note)


def _integer(raw: object) -> Parsed:
    value, note = _as_number(raw)
    if value is None:
        return Parsed(error=f"{_show(raw)} is not a whole number")
    if abs(value - round(value)) > 1e-9:
        return Parsed(error=f"{fmt.number(value)} is not a whole number")
    return Parsed(int(round(value)), note=note)


def _percent(raw: object) -> Parsed:
    if isinstance(raw, str) and raw.strip().endswith("%"):
        value, _ = _as_number(raw.strip()[:-1].strip())
        if value is None:
            return Parsed(error=f"{_show(raw)} is not a percentage")
        return Parsed(value / 100, note=f"the percentage {raw.strip()!r} was typed as text")
    value, note = _as_number(raw)
    if value is None:
        return Parsed(error=f"{_show(raw)} is not a percentage")
    return Parsed(value, note=note)


def _currency(raw: object) -> Parsed:
    if isinstance(raw, str) and raw.strip().startswith("£"):
        value, _ = _as_number(raw.strip()[1:])
        if value is None:
            return Parsed(error=f"{_show(raw)} is not an amount of money")
        return Parsed(value, note=f"the amount {raw.strip()!r} was typed as text")
    value, note = _as_number(raw)
    if value is None:
        return Parsed(error=f"{_show(raw)} is not an amount of money")
    return Parsed(value, note=note)


def _target(raw: object, *, percent: bool) -> Parsed:
    if isinstance(raw, str) and raw.strip().casefold() in {"not set", "n/a", "none", "-"}:
        return Parsed(NOT_SET)
    if isinstance(raw, str):
        parts = re.split(r"\s*(?:-|–|to)\s*", raw.strip())
        if len(parts) == 2 and all(parts):
            ends = [(_percent if percent else _number)(p) for p in parts]
            if all(e.error is None for e in ends):
                low, high = sorted(float(e.value) for e in ends)  # type: ignore[arg-type]
                return Parsed(Target(low, high))
    single = (_percent if percent else _number)(raw)
    if single.error:
        return Parsed(error=f"{_show(raw)} is not a target: write a figure, a range such as "
                      f"5%-7.5%, or {NOT_SET}")
    figure = float(single.value)  # type: ignore[arg-type]
    return Parsed(Target(figure, figure), note=single.note)


# --- dates and years -----------------------------------------------------------------------

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y", "%B %Y", "%b-%y")


def _date(raw: object) -> Parsed:
    if isinstance(raw, dt.datetime):
        return Parsed(raw.date())
    if isinstance(raw, dt.date):
        return Parsed(raw)
    if isinstance(raw, str):
        text = raw.strip()
        for pattern in _DATE_FORMATS:
            try:
                parsed = dt.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
            return Parsed(parsed, note=f"the date {text!r} was typed as text")
    return Parsed(error=f"{_show(raw)} is not a date; type it like 31/03/2017")


_YEAR = re.compile(r"^(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$")


def _year(raw: object) -> Parsed:
    text = str(raw).strip() if isinstance(raw, str | int) else ""
    match = _YEAR.match(text)
    if match:
        start, end = int(match.group(1)), int(match.group(2)[-2:])
        if end == (start + 1) % 100:
            canonical = f"{start}-{end:02d}"
            note = None if text == canonical else f"{text!r} is written {canonical!r} here"
            return Parsed(canonical, note=note)
    return Parsed(error=f"{_show(raw)} is not a reporting year; write it like 2016-17",
                  rule="years.order")


# --- text and choices ----------------------------------------------------------------------


def _text(raw: object) -> Parsed:
    if isinstance(raw, float) and raw.is_integer():
        return Parsed(str(int(raw)))
    if isinstance(raw, dt.datetime | dt.date):
        return Parsed(fmt.value(raw))
    return Parsed(str(raw).strip())


def _choice(raw: object, choices: tuple[str, ...]) -> Parsed:
    text = _text(raw).value
    assert isinstance(text, str)
    if text in choices:
        return Parsed(text)
    folded = {c.casefold(): c for c in choices}
    if text.casefold() in folded:
        canonical = folded[text.casefold()]
        return Parsed(canonical, note=f"{text!r} is written {canonical!r} in the list",
                      rule="cell.choice-case")
    hint = difflib.get_close_matches(text, choices, n=1, cutoff=0.5)
    also = f" Did you mean {hint[0]!r}?" if hint else ""
    listed = ", ".join(choices) if len(choices) <= 8 else "the dropdown"
    return Parsed(error=f"{_show(raw)} is not one of {listed}.{also}", rule="cell.choice")


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

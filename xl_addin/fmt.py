"""All number formatting and rounding, for messages, sheets and the report.

Published tables round half up (82.5 -> 83); Python's ``round`` rounds half to even
(82.5 -> 82), so nothing here uses it.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "round_half_up",
    "decimals_shown",
    "number",
    "percent",
    "money",
    "date",
    "value",
    "difference",
    "change_between",
    "as_percentage",
    "DIFFERENCE_STYLES",
    "MINUS",
]

MINUS = "\u2212"  # the typographic minus sign
DIFFERENCE_STYLES = ("+1 pp", "+1%", "+1")  # the Settings choice


def round_half_up(x: float, places: int = 0) -> float:
    """Round as published tables do: halves go away from zero."""
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(x)).quantize(quantum, rounding=ROUND_HALF_UP))


def decimals_shown(x: float, most: int = 3) -> int:
    """The fewest decimal places that write ``x`` exactly (up to ``most``)."""
    for places in range(most + 1):
        if abs(round_half_up(x, places) - x) < 1e-9:
            return places
    return most


def number(x: float, places: int | None = None) -> str:
    """1234.5 -> '1,234.5'; places=None keeps the decimals the number has."""
    if places is None:
        places = decimals_shown(x)
    return f"{round_half_up(x, places):,.{places}f}"


def as_percentage(fraction: float) -> float:
    """0.145 -> 14.5, scaled in decimal so that halves stay halves (0.145 * 100 in binary
    floating point is 14.499999999999998, which would round down)."""
    return float(Decimal(repr(fraction)) * 100)


def percent(fraction: float, places: int | None = None) -> str:
    """0.177 -> '17.7%'."""
    return number(as_percentage(fraction), places) + "%"


def money(x: float) -> str:
    """96814 -> '£96,814'; pence are shown only when there are any."""
    places = 0 if abs(x - round(x)) < 1e-9 else 2
    sign = MINUS if x < 0 else ""
    return f"{sign}£{round_half_up(abs(x), places):,.{places}f}"


def date(d: dt.date) -> str:
    """2017-03-31 -> '31 March 2017'."""
    return f"{d.day} {d:%B %Y}"


def difference(change: float, places: int = 0, *, percent: bool = False,
               style: str = "+1 pp") -> str:
    """A signed change written one way everywhere: '+1 pp', '−2 pp', 'no change'.

    ``change`` is in the figure's own unit; for percentages pass the fraction difference
    (0.01 is one percentage point). ``style`` is the Settings choice: "+1 pp" writes
    percentage points as "pp", "+1%" writes them with a % sign, "+1" writes the bare number.
    """
    amount = as_percentage(change) if percent else change
    return _signed(amount, places, _unit(percent, style))


def change_between(now: float, before: float, places: int = 0, *, percent: bool = False,
                   style: str = "+1 pp") -> str:
    """The change between two figures as printed: each is rounded to ``places`` first, so a
    reader who subtracts the printed figures gets the printed change (19.6% to 17.7% is
    −1.9 pp, even where the unrounded shares differ by 1.98 points)."""
    scale = as_percentage if percent else float
    amount = round_half_up(scale(now), places) - round_half_up(scale(before), places)
    return _signed(amount, places, _unit(percent, style))


def _unit(percent: bool, style: str) -> str:
    if not percent:
        return ""
    return {"+1 pp": " pp", "+1%": "%"}.get(style, "")


def _signed(amount: float, places: int, unit: str) -> str:
    rounded = round_half_up(amount, places)
    if rounded == 0:
        return "no change"
    sign = "+" if rounded > 0 else MINUS
    return f"{sign}{number(abs(rounded), places)}{unit}"


def value(x: object, kind: str = "", unit: str = "") -> str:
    """Any parsed cell value, written for a person."""
    if x is None:
        return "blank"
    if isinstance(x, dt.datetime):
        x = x.date()
    if isinstance(x, dt.date):
        return f"{x:%B %Y}" if unit == "month" else date(x)
    if isinstance(x, bool):
        return "TRUE" if x else "FALSE"
    if isinstance(x, int | float):
        if kind == "percent" or unit == "%":
            return percent(float(x))
        if kind == "currency":
            return money(float(x))
        return number(float(x))
    return str(x)

"""All number formatting and rounding, for messages, sheets and the report.

Published tables round half up (82.5 -> 83); Python's ``round`` rounds half to even
(82.5 -> 82), so nothing here uses it.

Every function is total: any number a workbook can hold (infinity, NaN, -0, 1e-300, 1e300,
an integer of any size) is written as something, never raised on. Validation refuses such
values before they reach a sheet or the report, but a message must still be able to show
them: figures of 10**15 and more are written as Excel writes them (1E+300).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

from xl_addin.core.values import Target

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
WHOLE = 2.0**53  # from here on every float is a whole number: nothing is left to round
SCIENTIFIC = 1e15  # from here on figures are written as Excel writes them: 1E+15
MOST_PLACES = 15  # a float holds about 15 significant digits


def _float(x: float) -> float:
    """``x`` as a float; an integer too large for one becomes an infinity of its sign."""
    try:
        return float(x)
    except OverflowError:
        return math.inf if x > 0 else -math.inf


def round_half_up(x: float, places: int = 0) -> float:
    """Round as published tables do: halves go away from zero."""
    x = _float(x)
    if not math.isfinite(x) or abs(x) >= WHOLE:
        return x
    places = max(-MOST_PLACES, min(places, MOST_PLACES))
    with localcontext() as context:
        context.prec = 64  # 16 digits before the point and 15 after always fit
        quantum = Decimal(1).scaleb(-places)
        rounded = float(Decimal(repr(x)).quantize(quantum, rounding=ROUND_HALF_UP))
    return rounded + 0.0  # -0.0 + 0.0 is 0.0: no "-0"


def decimals_shown(x: float, most: int = 3) -> int:
    """The fewest decimal places that write ``x`` exactly (up to ``most``)."""
    x = _float(x)
    if not math.isfinite(x):
        return 0
    for places in range(most + 1):
        if abs(round_half_up(x, places) - x) < 1e-9:
            return places
    return most


def _special(x: float) -> str | None:
    """How a figure that is not an ordinary number is written, or None if it is one."""
    if math.isnan(x):
        return "not a number"
    if math.isinf(x):
        return "infinity" if x > 0 else f"{MINUS}infinity"
    if abs(x) >= SCIENTIFIC:
        return _scientific(f"{x:.6G}")
    return None


def _scientific(text: str) -> str:
    """'1.00000E+400' -> '1E+400', as Excel shows it."""
    mantissa, _, exponent = text.partition("E")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}E{exponent}"


def number(x: float, places: int | None = None) -> str:
    """1234.5 -> '1,234.5'; places=None keeps the decimals the number has."""
    if isinstance(x, int) and abs(x) >= SCIENTIFIC:  # exact, even beyond a float's range
        try:
            return _scientific(f"{Decimal(x):.6G}")
        except ValueError:  # more digits than Python converts
            return "a number too long to show"
    x = _float(x)
    special = _special(x)
    if special is not None:
        return special
    if places is None:
        places = decimals_shown(x)
    places = max(0, min(places, MOST_PLACES))
    return f"{round_half_up(x, places):,.{places}f}"


def as_percentage(fraction: float) -> float:
    """0.145 -> 14.5, scaled in decimal so that halves stay halves (0.145 * 100 in binary
    floating point is 14.499999999999998, which would round down)."""
    fraction = _float(fraction)
    if not math.isfinite(fraction):
        return fraction * 100
    return float(Decimal(repr(fraction)) * 100)


def percent(fraction: float, places: int | None = None) -> str:
    """0.177 -> '17.7%'."""
    scaled = as_percentage(fraction)
    if not math.isfinite(scaled):
        return number(scaled)
    return number(scaled, places) + "%"


def money(x: float) -> str:
    """96814 -> '£96,814'; pence are shown only when there are any."""
    x = _float(x)
    sign = MINUS if x < 0 else ""
    special = _special(abs(x))
    if special is not None:
        return f"{sign}£{special}" if not math.isnan(x) else special
    places = 0 if abs(x - round_half_up(x)) < 1e-9 else 2
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
    scale = as_percentage if percent else _float
    amount = round_half_up(scale(now), places) - round_half_up(scale(before), places)
    return _signed(amount, places, _unit(percent, style))


def _unit(percent: bool, style: str) -> str:
    if not percent:
        return ""
    return {"+1 pp": " pp", "+1%": "%"}.get(style, "")


def _signed(amount: float, places: int, unit: str) -> str:
    rounded = round_half_up(amount, places)
    if math.isnan(rounded):
        return number(rounded)
    if rounded == 0:
        return "no change"
    sign = "+" if rounded > 0 else MINUS
    return f"{sign}{number(abs(rounded), places)}{unit}"


def value(x: object, kind: str = "", unit: str = "") -> str:
    """Any cell value, parsed or not, written for a person (a target as "5%-7.5%")."""
    if x is None:
        return "blank"
    if isinstance(x, Target):
        low = value(x.low, kind, unit)
        return f"{low}-{value(x.high, kind, unit)}" if x.is_range else low
    if isinstance(x, dt.datetime) and x.time() != dt.time(0):
        return f"{value(x.date(), kind, unit)} {x:%H:%M}"
    if isinstance(x, dt.datetime):
        x = x.date()
    if isinstance(x, dt.date):
        return f"{x:%B %Y}" if unit == "month" else date(x)
    if isinstance(x, dt.time):
        return f"{x:%H:%M:%S}"
    if isinstance(x, bool):
        return "TRUE" if x else "FALSE"
    if isinstance(x, int | float):
        if kind == "percent" or unit == "%":
            return percent(x)
        if kind == "currency":
            return money(x)
        return number(x)
    return str(x)

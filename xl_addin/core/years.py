"""Reporting years ("2016-17", April to March): the one place that does arithmetic on them."""

from __future__ import annotations

import datetime as dt

__all__ = ["shift_year", "year_of_date"]


def shift_year(year: str, offset: int = 1) -> str:
    """'2016-17' -> '2017-18': ``offset`` years later (negative goes back)."""
    return _year_starting(int(year[:4]) + offset)


def _year_starting(start: int) -> str:
    return f"{start}-{(start + 1) % 100:02d}"


def year_of_date(day: dt.date) -> str:
    """The reporting year that contains ``day``: 31 March 2017 is in 2016-17."""
    return _year_starting(day.year if day.month >= 4 else day.year - 1)

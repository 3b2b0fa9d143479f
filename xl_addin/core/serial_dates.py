"""Dates as Excel stores them: a count of days (a *serial*) from the workbook's epoch.

A workbook counts days from 30 December 1899 (the 1900 date system), or from 1 January
1904 (the 1904 system of old Mac workbooks, ``date1904`` in the workbook part). Excel's 1900
system also counts a 29 February 1900 that never was, so serials 1 to 59 (1 January to 28
February 1900) are one day later than a plain count gives. A fraction is the time of day;
a value under one day is a time alone; a duration (``[h]:mm``) is a count of days.
Times are kept to the millisecond, as Excel keeps them.

A cell of type ``d`` holds an ISO 8601 date, time, date and time, or duration as text.
"""

from __future__ import annotations

import datetime as dt
import math
import re

__all__ = ["EPOCH_1900", "EPOCH_1904", "from_serial", "to_serial", "from_iso"]

EPOCH_1900 = dt.datetime(1899, 12, 30)
EPOCH_1904 = dt.datetime(1904, 1, 1)
SECONDS_A_DAY = 86_400
PHANTOM_DAY = 60  # serial 60 is 29 February 1900, which Excel counts and the calendar has not
DURATION = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$")


def from_serial(serial: float, epoch: dt.datetime = EPOCH_1900, *,
                duration: bool = False) -> dt.datetime | dt.time | dt.timedelta:
    """The date, time or (``duration``) length of time that ``serial`` days stand for.

    OverflowError or ValueError for a serial outside the calendar (or not a number)."""
    if not math.isfinite(serial):
        raise ValueError(f"{serial} is not a date")
    if duration:
        return dt.timedelta(milliseconds=round(serial * SECONDS_A_DAY * 1000))
    whole = math.floor(serial)
    time = dt.timedelta(milliseconds=round((serial - whole) * SECONDS_A_DAY * 1000))
    if 0 <= serial < 1 and time.days == 0:
        return (dt.datetime.min + time).time()
    if epoch == EPOCH_1900 and 0 < serial < PHANTOM_DAY:
        whole += 1  # before the phantom day, Excel's count is one ahead of the calendar's
    return epoch + dt.timedelta(days=whole) + time


def to_serial(value: dt.datetime | dt.date | dt.time | dt.timedelta,
              epoch: dt.datetime = EPOCH_1900) -> float:
    """The serial Excel stores for ``value`` (the inverse of :func:`from_serial`)."""
    if isinstance(value, dt.timedelta):
        return value.total_seconds() / SECONDS_A_DAY
    if isinstance(value, dt.time):
        return _day_fraction(value)
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    days = (moment.replace(tzinfo=None) - epoch).days
    if epoch == EPOCH_1900 and 0 < days <= PHANTOM_DAY:
        days -= 1
    return days + _day_fraction(moment.time())


def _day_fraction(time: dt.time) -> float:
    seconds = time.hour * 3600 + time.minute * 60 + time.second + time.microsecond / 1e6
    return seconds / SECONDS_A_DAY


def from_iso(text: str) -> dt.datetime | dt.date | dt.time | dt.timedelta | None:
    """The value of an ISO 8601 text of a ``d`` cell (None for empty text); ValueError when
    it is not one. A time zone is dropped: a workbook's dates are local."""
    text = text.strip()
    if not text:
        return None
    duration = DURATION.match(text)
    if duration and any(duration.groups()):
        hours, minutes, seconds = (float(part or 0) for part in duration.groups())
        return dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)
    if "T" in text or " " in text:
        moment = dt.datetime.fromisoformat(text.removesuffix("Z"))
        return moment.replace(tzinfo=None)
    if ":" in text:
        return dt.time.fromisoformat(text.removesuffix("Z")).replace(tzinfo=None)
    return dt.date.fromisoformat(text)

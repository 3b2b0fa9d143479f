"""Excel's day counts to dates and back, in both date systems, Excel's phantom day included."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, to_excel

from xl_addin.core.serial_dates import EPOCH_1900, EPOCH_1904, from_iso, from_serial, to_serial


@pytest.mark.parametrize(("serial", "expected"), [
    (42825, dt.datetime(2017, 3, 31)),  # the end of the 2016-17 year
    (1, dt.datetime(1900, 1, 1)),
    (59, dt.datetime(1900, 2, 28)),
    (61, dt.datetime(1900, 3, 1)),  # 60 is the 29 February 1900 Excel counts
    (42825.5, dt.datetime(2017, 3, 31, 12)),
])
def test_serials_in_the_1900_system(serial: float, expected: dt.datetime) -> None:
    assert from_serial(serial) == expected
    assert to_serial(expected) == serial


def test_the_1904_system_counts_from_1904() -> None:
    assert from_serial(0.0 + 41363, EPOCH_1904) == dt.datetime(2017, 3, 31)
    assert to_serial(dt.date(2017, 3, 31), EPOCH_1904) == 41363


def test_a_value_under_a_day_is_a_time_and_a_duration_a_length() -> None:
    assert from_serial(0.75) == dt.time(18, 0)
    assert from_serial(1.5, duration=True) == dt.timedelta(hours=36)
    assert to_serial(dt.time(6, 0)) == 0.25
    assert to_serial(dt.timedelta(hours=36)) == 1.5


@pytest.mark.parametrize("serial", [1e20, -1e20, float("nan"), float("inf")])
def test_a_serial_outside_the_calendar_raises(serial: float) -> None:
    with pytest.raises((OverflowError, ValueError)):
        from_serial(serial)


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=-600, max_value=2_958_465, allow_nan=False),
       st.sampled_from([(EPOCH_1900, WINDOWS_EPOCH), (EPOCH_1904, MAC_EPOCH)]),
       st.booleans())
def test_agrees_with_openpyxl(serial: float, epochs: tuple[dt.datetime, dt.datetime],
                              duration: bool) -> None:
    ours, theirs = epochs
    try:
        expected = from_excel(serial, theirs, timedelta=duration)
    except (OverflowError, ValueError):
        with pytest.raises((OverflowError, ValueError)):
            from_serial(serial, ours, duration=duration)
        return
    found = from_serial(serial, ours, duration=duration)
    if duration:
        assert abs(found - expected) <= dt.timedelta(milliseconds=1)
    else:
        assert found == expected
        if isinstance(found, dt.datetime):
            assert to_serial(found, ours) == pytest.approx(to_excel(expected, theirs))


@pytest.mark.parametrize(("text", "expected"), [
    ("2017-03-31", dt.date(2017, 3, 31)),
    ("2017-03-31T09:30:00", dt.datetime(2017, 3, 31, 9, 30)),
    ("2017-03-31T09:30:00Z", dt.datetime(2017, 3, 31, 9, 30)),
    ("2017-03-31T09:30:00.250", dt.datetime(2017, 3, 31, 9, 30, 0, 250000)),
    ("09:30:00", dt.time(9, 30)),
    ("PT36H30M", dt.timedelta(hours=36, minutes=30)),
    ("PT1.5S", dt.timedelta(seconds=1.5)),
    ("", None),
])
def test_iso_text_of_a_date_cell(text: str, expected: object) -> None:
    assert from_iso(text) == expected


@pytest.mark.parametrize("text", ["31/03/2017", "tomorrow", "2017-13-01", "PT", "T"])
def test_iso_text_that_is_not_a_date_raises(text: str) -> None:
    with pytest.raises(ValueError):
        from_iso(text)

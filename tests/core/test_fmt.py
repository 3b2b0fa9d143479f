"""fmt is total: any number a workbook can hold is written as something, never raised on."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xl_addin.core import fmt
from xl_addin.core.values import Target

NUMBERS = st.one_of(st.floats(), st.integers(), st.integers(min_value=-10**400,
                                                             max_value=10**400))


@settings(max_examples=300, deadline=None)
@given(x=NUMBERS, places=st.integers(min_value=-30, max_value=30))
def test_every_formatter_writes_any_number(x, places) -> None:
    for text in (fmt.number(x), fmt.number(x, places), fmt.percent(x), fmt.percent(x, places),
                 fmt.money(x), fmt.difference(x, places), fmt.difference(x, percent=True),
                 fmt.change_between(x, 1.0), fmt.change_between(1.0, x, percent=True),
                 fmt.value(x), fmt.value(x, "percent"), fmt.value(x, "currency")):
        assert isinstance(text, str) and text
        assert "nan" not in text and "inf" not in text.replace("infinity", "")
    assert isinstance(fmt.round_half_up(x, places), float)
    assert 0 <= fmt.decimals_shown(x) <= 3


@pytest.mark.parametrize("x,expected", [
    (1e300, "1E+300"),
    (-1e300, "-1E+300"),
    (10**400, "1E+400"),
    (math.inf, "infinity"),
    (-math.inf, f"{fmt.MINUS}infinity"),
    (math.nan, "not a number"),
    (-0.0, "0"),
    (1e-300, "0"),
    (1e15, "1E+15"),
    (999_999_999_999_999, "999,999,999,999,999"),
    (0.1 + 0.2, "0.3"),
])
def test_figures_beyond_the_ordinary(x, expected) -> None:
    assert fmt.number(x) == expected


def test_no_minus_zero() -> None:
    assert fmt.percent(-0.0) == "0%"
    assert fmt.round_half_up(-0.4) == 0.0 and math.copysign(1, fmt.round_half_up(-0.4)) == 1


def test_values_of_every_kind_a_cell_can_hold() -> None:
    assert fmt.value(Target(0.05, 0.075), "target", "%") == "5%-7.5%"
    assert fmt.value(Target(40, 40), "target", "per 10,000") == "40"
    assert fmt.value(dt.time(9, 30)) == "09:30:00"
    assert fmt.value(dt.datetime(2017, 3, 31, 13, 5)) == "31 March 2017 13:05"
    assert fmt.value(dt.datetime(9999, 12, 31)) == "31 December 9999"
    assert fmt.value(True) == "TRUE"

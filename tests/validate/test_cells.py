"""The cell parser: one row per case, each kind's good, human and bad inputs."""

from __future__ import annotations

import datetime as dt

import pytest

from xl_addin.core import fmt
from xl_addin.core.values import NOT_SET, Target
from xl_addin.schema import Kind
from xl_addin.validate.cells import parse

GOOD = [
    (Kind.INTEGER, 12, 12),
    (Kind.INTEGER, 12.0, 12),
    (Kind.NUMBER, 56.6, 56.6),
    (Kind.PERCENT, 0.177, 0.177),
    (Kind.CURRENCY, 96814, 96814),
    (Kind.DATE, dt.datetime(2017, 3, 31), dt.date(2017, 3, 31)),
    (Kind.YEAR, "2016-17", "2016-17"),
    (Kind.YEAR, "1999-00", "1999-00"),
    (Kind.TEXT, "  Child N ", "Child N"),
    (Kind.TEXT, 3.0, "3"),
    (Kind.TEXT, None, None),
    (Kind.INTEGER, "   ", None),
]

HUMAN = [  # typed as text: read, with a note
    (Kind.PERCENT, "45%", 0.45),
    (Kind.PERCENT, " 3.10 % ", 0.031),
    (Kind.CURRENCY, "£1,234", 1234),
    (Kind.INTEGER, "1,234", 1234),
    (Kind.NUMBER, "−2.5", -2.5),
    (Kind.DATE, "31/03/2017", dt.date(2017, 3, 31)),
    (Kind.DATE, "2017-03-31", dt.date(2017, 3, 31)),
    (Kind.YEAR, "2016/17", "2016-17"),
]

BAD = [
    (Kind.INTEGER, "fifty", "cell.type"),
    (Kind.INTEGER, 2.5, "cell.type"),
    (Kind.INTEGER, True, "cell.type"),
    (Kind.NUMBER, "12 apples", "cell.type"),
    (Kind.PERCENT, "lots%", "cell.type"),
    (Kind.CURRENCY, "£lots", "cell.type"),
    (Kind.DATE, "soon", "cell.type"),
    (Kind.DATE, 42825, "cell.type"),
    (Kind.YEAR, "2016", "years.order"),
    (Kind.YEAR, "2016-18", "years.order"),
    (Kind.INTEGER, "#REF!", "cell.excel-error"),
    (Kind.TEXT, "#N/A", "cell.excel-error"),
    (Kind.PERCENT, "#DIV/0!", "cell.excel-error"),
]


@pytest.mark.parametrize("kind,raw,expected", GOOD)
def test_good_values(kind, raw, expected) -> None:
    parsed = parse(kind, raw)
    assert parsed.error is None and parsed.note is None
    assert parsed.value == (pytest.approx(expected) if isinstance(expected, float) else expected)


@pytest.mark.parametrize("kind,raw,expected", HUMAN)
def test_human_formats_are_read_with_a_note(kind, raw, expected) -> None:
    parsed = parse(kind, raw)
    assert parsed.error is None and parsed.note
    assert parsed.value == (pytest.approx(expected) if isinstance(expected, float) else expected)


@pytest.mark.parametrize("kind,raw,rule", BAD)
def test_bad_values_say_why(kind, raw, rule) -> None:
    parsed = parse(kind, raw)
    assert parsed.value is None and parsed.error and parsed.rule == rule


@pytest.mark.parametrize(
    "raw,unit,expected",
    [
        ("5%-7.5%", "%", Target(0.05, 0.075)),
        ("7.5% to 5%", "%", Target(0.05, 0.075)),
        (0.85, "%", Target(0.85, 0.85)),
        ("85%", "%", Target(0.85, 0.85)),
        (40, "per 10,000", Target(40, 40)),
        ("Not set", "%", NOT_SET),
        ("not set", "number", NOT_SET),
    ],
)
def test_targets(raw, unit, expected) -> None:
    assert parse(Kind.TARGET, raw, unit=unit).value == expected


def test_target_that_is_not_a_target() -> None:
    assert "Not set" in parse(Kind.TARGET, "soonish", unit="%").error


def test_measure_takes_its_unit() -> None:
    assert parse(Kind.MEASURE, "17.7%", unit="%").value == pytest.approx(0.177)
    assert parse(Kind.MEASURE, 653, unit="days").value == 653


@pytest.mark.parametrize(
    "raw,expected,rule",
    [
        ("G", "G", None),
        ("g", "G", "cell.choice-case"),
        ("N/a", "n/a", "cell.choice-case"),
    ],
)
def test_choices(raw, expected, rule) -> None:
    parsed = parse(Kind.CHOICE, raw, choices=("G", "A", "R", "n/a"))
    assert parsed.value == expected and parsed.error is None
    assert (parsed.rule == rule) if rule else parsed.note is None


def test_choice_not_in_list_suggests_one() -> None:
    parsed = parse(Kind.CHOICE, "Improvng", choices=("Improving", "Declining"))
    assert parsed.rule == "cell.choice" and "Did you mean 'Improving'?" in parsed.error


@pytest.mark.parametrize(
    "x,places,expected",
    [
        (82.5, 0, 83.0),
        (0.5, 0, 1.0),
        (1.5, 0, 2.0),
        (2.5, 0, 3.0),
        (-2.5, 0, -3.0),
        (45.065, 2, 45.07),
        (17.65, 1, 17.7),
        (23.45, 1, 23.5),
    ],
)
def test_round_half_up(x, places, expected) -> None:
    assert fmt.round_half_up(x, places) == expected


def test_percentages_round_half_up_from_their_fraction() -> None:
    assert fmt.percent(0.145, 0) == "15%"  # 0.145 * 100 is 14.499999999999998 in binary
    assert fmt.percent(0.825, 0) == "83%"
    assert fmt.difference(0.145, 0, percent=True) == "+15 pp"


@pytest.mark.parametrize("now,before,places,percent,expected", [
    (0.177, 0.196, 1, True, f"{fmt.MINUS}1.9 pp"),  # printed 19.6% and 17.7%
    (0.1766, 0.1964, 1, True, f"{fmt.MINUS}1.9 pp"),  # unrounded shares differ by 1.98
    (525, 416, 0, False, "+109"),
    (0.5, 0.5, 1, True, "no change"),
])
def test_change_between_printed_figures(now, before, places, percent, expected) -> None:
    assert fmt.change_between(now, before, places, percent=percent) == expected


def test_formatting() -> None:
    assert fmt.percent(0.177) == "17.7%"
    assert fmt.money(96814) == "£96,814"
    assert fmt.money(-12.5) == f"{fmt.MINUS}£12.50"
    assert fmt.number(1234567) == "1,234,567"
    assert fmt.date(dt.date(2017, 3, 31)) == "31 March 2017"


# --- any value a cell can hold: a value, or an error saying why (issue 10, item 2) ---------

ANY_VALUE = [  # (kind, raw, unit, rule of the error, or None where the value is read)
    (Kind.INTEGER, 1e300, "", "cell.range"),
    (Kind.INTEGER, -1e300, "", "cell.range"),
    (Kind.INTEGER, float("inf"), "", "cell.range"),
    (Kind.INTEGER, float("-inf"), "", "cell.range"),
    (Kind.INTEGER, float("nan"), "", "cell.type"),
    (Kind.INTEGER, 10**400, "", "cell.range"),
    (Kind.INTEGER, 123456789012345678, "", "cell.range"),
    (Kind.INTEGER, 100_000_001, "", "cell.range"),
    (Kind.INTEGER, 100_000_000, "", None),
    (Kind.INTEGER, -0.0, "", None),
    (Kind.INTEGER, 1e-300, "", None),
    (Kind.INTEGER, 2.0000000000000004, "", None),  # 16 significant digits: 2
    (Kind.INTEGER, "9" * 400, "", "cell.range"),
    (Kind.INTEGER, False, "", "cell.type"),
    (Kind.INTEGER, dt.datetime(1900, 1, 1), "", "cell.type"),
    (Kind.INTEGER, dt.time(12, 0), "", "cell.type"),
    (Kind.INTEGER, dt.timedelta(hours=5), "", "cell.type"),
    (Kind.NUMBER, 0.1 + 0.2, "", None),
    (Kind.PERCENT, 1e300, "", "cell.range"),
    (Kind.PERCENT, "1e999%", "", "cell.type"),
    (Kind.PERCENT, "9" * 400 + "%", "", "cell.range"),
    (Kind.CURRENCY, 2e9, "", "cell.range"),
    (Kind.CURRENCY, "£" + "9" * 20, "", "cell.range"),
    (Kind.MEASURE, float("nan"), "%", "cell.type"),
    (Kind.MEASURE, "45%", "days", "cell.type"),
    (Kind.TARGET, "5%-7.5%", "number", "cell.type"),
    (Kind.TARGET, 1e300, "%", "cell.range"),
    (Kind.DATE, dt.datetime(1900, 1, 1), "", "cell.range"),
    (Kind.DATE, dt.datetime(1899, 12, 30), "", "cell.range"),
    (Kind.DATE, dt.datetime(9999, 12, 31, 23, 59), "", "cell.range"),
    (Kind.DATE, dt.date(2017, 3, 31), "", None),
    (Kind.DATE, dt.time(9, 30), "", "cell.type"),
    (Kind.DATE, 42825, "", "cell.type"),  # a date stored as a number
    (Kind.DATE, 1e300, "", "cell.type"),
    (Kind.DATE, True, "", "cell.type"),
    (Kind.YEAR, 2016, "", "years.order"),
    (Kind.YEAR, 2016.0, "", "years.order"),
    (Kind.YEAR, 42461, "", "years.order"),  # 1 April 2016 as a serial number
    (Kind.YEAR, dt.datetime(2016, 4, 1), "", "years.order"),
    (Kind.YEAR, float("inf"), "", "years.order"),
    (Kind.YEAR, True, "", "years.order"),
    (Kind.TEXT, float("inf"), "", "cell.type"),
    (Kind.TEXT, float("nan"), "", "cell.type"),
    (Kind.TEXT, 1e300, "", None),
    (Kind.TEXT, True, "", None),
    (Kind.TEXT, "x" * 32_767, "", None),
    (Kind.TEXT, dt.time(9, 30), "", None),
    (Kind.CHOICE, float("nan"), "", "cell.type"),
    (Kind.CHOICE, "y" * 32_767, "", "cell.choice"),
    (Kind.CHOICE, True, "", "cell.choice"),
]


@pytest.mark.parametrize("kind,raw,unit,rule", ANY_VALUE, ids=[f"{k}-{str(r)[:20]}-{u}" for k, r,
                                                                 u, _ in ANY_VALUE])
def test_any_value_is_read_or_refused_with_a_reason(kind, raw, unit, rule) -> None:
    parsed = parse(kind, raw, unit=unit, choices=("Yes", "No"))
    if rule is None:
        assert parsed.error is None and parsed.value is not None
    else:
        assert parsed.value is None and parsed.rule == rule
        assert parsed.error and len(parsed.error) < 400 and parsed.gist


def test_absurd_figures_are_far_larger_than_any_real_one() -> None:
    parsed = parse(Kind.INTEGER, 1e300)
    assert parsed.error.startswith("1E+300 is far larger than any real figure")


@pytest.mark.parametrize("raw,expected", [
    ("Child\x01 N", "Child N"),
    ("Early\x0bHelp\x7f", "EarlyHelp"),
    ("caf\x9d\u00e9", "caf\u00e9"),
])
def test_control_characters_are_left_out_with_a_note(raw, expected) -> None:
    parsed = parse(Kind.TEXT, raw)
    assert parsed.value == expected and parsed.rule == "cell.hidden-characters"
    assert parse(Kind.TEXT, "tab\tand\nline break").note is None  # allowed in text
    only = parse(Kind.INTEGER, "\x01\x02")  # nothing but them: read as blank, and said so
    assert only.value is None and only.rule == "cell.hidden-characters" and only.note
    assert parse(Kind.TEXT, "\x7f") == parse(Kind.TEXT, None)  # one XML can hold: blank


def test_a_date_in_a_year_column_suggests_its_reporting_year() -> None:
    assert "Did you mean 2016-17?" in parse(Kind.YEAR, dt.datetime(2016, 4, 1)).error
    assert "Did you mean 2015-16?" in parse(Kind.YEAR, 42460).error  # 31 March 2016
    assert "2016-17" in parse(Kind.YEAR, 2016).error


def test_a_date_before_1950_says_why_excel_shows_1900() -> None:
    assert "small number" in parse(Kind.DATE, dt.datetime(1900, 1, 5)).error


@pytest.mark.parametrize("unit,raw,expected", [
    ("%", 97.3, 97.3),  # read as 9,730%: the range check then asks "Did you mean 97.3%?"
    ("%", "97.3%", 0.973),
    ("per 10,000", 97.3, 97.3),
])
def test_a_measure_follows_its_rows_unit(unit, raw, expected) -> None:
    assert parse(Kind.MEASURE, raw, unit=unit).value == pytest.approx(expected)

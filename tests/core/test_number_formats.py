"""Which number formats show a date or a duration: the answers the readers rely on.

openpyxl's own answers are the reference where both should agree (the readers are checked
cell by cell against openpyxl's reading); the cases where ours differ on purpose are named.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.styles.numbers import BUILTIN_FORMATS as OPENPYXL_BUILTINS
from openpyxl.styles.numbers import is_date_format, is_timedelta_format

from xl_addin.core.number_formats import BUILTIN_FORMATS, shows_date, shows_duration

DATES = ["dd/mm/yyyy", "d-mmm-yy", "mmm-yy", "yyyy", "h:mm", "hh:mm:ss AM/PM",
         "[$-809]dd mmmm yyyy", "[h]:mm", "[mm]:ss", "[ss].0", "dddd, d mmmm", "m/d/yy h:mm",
         "DD/MM/YYYY", '"Date: "dd/mm/yy', "[Red]d/m/yy", "yyyy;@"]
NUMBERS = ["General", "0", "#,##0", "0.0%", "£#,##0", '"£"#,##0.00', "0.00E+00", "@",
           '#,##0" days"', "[Red]#,##0;[Blue]-#,##0", '_(* #,##0_);_(* "-"_)', "[$£-809]#,##0",
           "\\d0", "0_m", "#,##0;-#,##0;\"nil\"", "0 ?/?", "[>=100]#,##0;0.0"]
DURATIONS = ["[h]:mm", "[hh]:mm:ss", "[m]:ss", "[s]", "[H]:MM", "[h]:mm;@"]


@pytest.mark.parametrize("code", DATES)
def test_date_formats_show_dates(code: str) -> None:
    assert shows_date(code)


@pytest.mark.parametrize("code", NUMBERS)
def test_number_formats_show_numbers(code: str) -> None:
    assert not shows_date(code)


@pytest.mark.parametrize("code", DURATIONS)
def test_elapsed_time_is_a_duration(code: str) -> None:
    assert shows_duration(code) and shows_date(code)


@pytest.mark.parametrize("code", ["h:mm", "dd/mm/yyyy", '"[h]"0', "0", None, ""])
def test_clock_times_and_numbers_are_not_durations(code: str | None) -> None:
    assert not shows_duration(code)


def test_only_the_first_section_counts() -> None:
    assert not shows_date('#,##0;"on "dd/mm')
    assert shows_date("dd/mm;#,##0")


def test_the_builtin_codes_are_those_excel_writes() -> None:
    assert BUILTIN_FORMATS == OPENPYXL_BUILTINS
    assert [n for n, code in BUILTIN_FORMATS.items() if shows_date(code)] == [
        14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]


@pytest.mark.parametrize("code", [*DATES, *NUMBERS, *DURATIONS, *BUILTIN_FORMATS.values()])
def test_agrees_with_openpyxl_on_real_codes(code: str) -> None:
    assert shows_date(code) == is_date_format(code)
    assert shows_duration(code) == is_timedelta_format(code)


PIECES = st.sampled_from(["0", "#", ",", ".", "%", "d", "dd", "mmm", "yy", "yyyy", "h", ":",
                          "ss", "AM/PM", "/", "-", " ", "@", "E+00", '"x"', '"day"',
                          "[Red]", "[$-809]", "[h]", "[mm]", ";", "\\ ", "_)", "?"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=8).map("".join))
def test_agrees_with_openpyxl_on_composed_codes(code: str) -> None:
    """Codes built from real pieces: the same answer as openpyxl, except where openpyxl
    looks inside quoted text (after ';' or an elapsed code), which Excel never shows as
    a date."""
    first = code.split(";")[0]
    if '"' in code and ("[" in first or ";" in code):
        return
    assert shows_date(code) == is_date_format(code), code
    if '"' not in code:
        assert shows_duration(code) == is_timedelta_format(code), code

"""Cell and range references, read as Excel writes them."""

from __future__ import annotations

import pytest

from xl_addin.core.raw import address, cell_position, column_letter, column_number, reference_bounds


@pytest.mark.parametrize(("reference", "place"), [("A1", (1, 1)), ("$H$12", (12, 8)),
                                                  ("xfd1048576", (1_048_576, 16_384))])
def test_a_cell_reference(reference: str, place: tuple[int, int]) -> None:
    assert cell_position(reference) == place
    assert address(*place) == reference.replace("$", "").upper()


@pytest.mark.parametrize("reference", ["A0", "1A", "A", "ABCD1", "A1:B2", "", "A-1", "A1\n"])
def test_what_is_not_one_cell(reference: str) -> None:
    with pytest.raises(ValueError):
        cell_position(reference)


@pytest.mark.parametrize(("reference", "bounds"), [
    ("B2", (2, 2, 2, 2)),
    ("$B$2:$D$9", (2, 2, 9, 4)),
    ("O:O", (None, 15, None, 15)),
    ("3:5", (3, None, 5, None)),
])
def test_a_range_reference(reference: str, bounds: tuple) -> None:
    assert reference_bounds(reference) == bounds


@pytest.mark.parametrize("reference", ["", "B", "3", "B2:D", "B:9", "A1:B2:C3", "$", "Sheet!A1",
                                       "B2:D9\n"])
def test_what_is_not_a_range(reference: str) -> None:
    with pytest.raises(ValueError):
        reference_bounds(reference)


def test_column_letters_and_numbers_are_inverse() -> None:
    for number in (1, 26, 27, 702, 703, 16_384):
        assert column_number(column_letter(number)) == number

"""The mark of a figure withheld to protect a child's identity: printed as "c".

The Department for Education's children's social care statistics replace a withheld
figure with the letter "c" (for confidential), following the Government Statistical
Service's symbols. :class:`Hidden` stands in for such a figure wherever the report reads
it, so that every printing path shows "c" (``str()`` of it), nothing adds it up by
accident (it is not a number), and a total can still be worked out from the true value
it keeps (:func:`true_value`).
"""

from __future__ import annotations

__all__ = ["Hidden", "HIDDEN_MARK", "is_hidden", "true_value"]

HIDDEN_MARK = "c"


class Hidden:
    """A withheld figure; its true value is kept only for adding up totals."""

    __slots__ = ("value",)

    def __init__(self, value: object = None) -> None:
        self.value = value

    def __str__(self) -> str:
        return HIDDEN_MARK

    def __repr__(self) -> str:
        return f"Hidden({self.value!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Hidden) and other.value == self.value

    def __hash__(self) -> int:
        return hash(("Hidden", self.value))


def is_hidden(value: object) -> bool:
    return isinstance(value, Hidden)


def true_value(value: object) -> object:
    """The figure behind a :class:`Hidden` (for totals only); anything else as it is."""
    return value.value if isinstance(value, Hidden) else value

"""Values that are more than a number: a target, or a target not set."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Target", "NOT_SET"]

NOT_SET = "Not set"  # the value of a target that has not been set


@dataclass(frozen=True)
class Target:
    """A target: one figure (low == high) or a range. Percentages are fractions."""

    low: float
    high: float

    @property
    def is_range(self) -> bool:
        return self.low != self.high

"""RAG ratings against target.

The default rule is Cumbria County Council's published banding: Green when the target is
met or missed by no more than the amber tolerance (5% of the target), Amber when missed by
more than that and no more than the red tolerance (10%), Red beyond. For "good performance
is Low", missing means being above the target. For a range target, the range itself and its
good side are Green, and the shortfall is measured from the nearest edge. An indicator may
carry its own thresholds, which win over the board's tolerances. Without a target or a
polarity the rating is n/a. A zero target has no relative shortfall: any miss is Red.
"""

from __future__ import annotations

from dataclasses import dataclass

from xl_addin.core.values import Target

__all__ = ["Bands", "shortfall", "rate", "GREEN", "AMBER", "RED", "NOT_RATED"]

GREEN, AMBER, RED, NOT_RATED = "G", "A", "R", "n/a"
EPSILON = 1e-9  # so that exactly 5% short is "no more than 5%" despite binary fractions


@dataclass(frozen=True)
class Bands:
    """Shortfalls (as shares of the target) up to which a rating stays Green, then Amber."""

    amber: float
    red: float

    def __post_init__(self) -> None:
        if not 0 <= self.amber <= self.red:
            raise ValueError(f"bands must satisfy 0 <= amber <= red, got {self}")

    def with_own(self, amber: float | None, red: float | None) -> Bands:
        """An indicator's own thresholds, falling back to these for the one not given."""
        if amber is None and red is None:
            return self
        own_amber = self.amber if amber is None else amber
        return Bands(own_amber, max(own_amber, self.red if red is None else red))


def shortfall(value: float, target: Target, polarity: str) -> float:
    """How far the value misses the target, as a share of the nearest edge; 0 if met.

    Returns ``inf`` for any miss of a zero target.
    """
    edge = target.low if polarity == "High" else target.high
    miss = edge - value if polarity == "High" else value - edge
    if miss <= EPSILON:
        return 0.0
    if abs(edge) < EPSILON:
        return float("inf")
    return miss / abs(edge)


def rate(value: float | None, target: object, polarity: str | None, bands: Bands) -> str:
    """The RAG letter for one indicator."""
    if value is None or not isinstance(target, Target) or polarity not in {"High", "Low"}:
        return NOT_RATED
    miss = shortfall(float(value), target, polarity)
    if miss <= bands.amber + EPSILON:
        return GREEN
    if miss <= bands.red + EPSILON:
        return AMBER
    return RED

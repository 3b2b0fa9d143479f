"""Trend against last year: Improving, Declining, Static or Sustained.

A change larger than the board's "no change" band is Improving or Declining, by the
indicator's polarity. Within the band, the trend is Sustained when the indicator is Green
(or not rated) and Static otherwise: holding a good position is sustained, holding a poor
one is static. Without last year's value, or without a polarity for a change, no trend is
worked out; a trend typed by hand is used instead, and validation says so.
"""

from __future__ import annotations

from xl_addin.compute.rag import GREEN, NOT_RATED

__all__ = ["trend", "IMPROVING", "DECLINING", "STATIC", "SUSTAINED"]

IMPROVING, DECLINING, STATIC, SUSTAINED = "Improving", "Declining", "Static", "Sustained"
EPSILON = 1e-9


def trend(value: float | None, previous: float | None, polarity: str | None, rag: str,
          band: float) -> str | None:
    """The trend word, or None when it cannot be worked out."""
    if value is None or previous is None:
        return None
    change = float(value) - float(previous)
    if abs(change) <= band + EPSILON:
        return SUSTAINED if rag in {GREEN, NOT_RATED} else STATIC
    if polarity not in {"High", "Low"}:
        return None
    better = change > 0 if polarity == "High" else change < 0
    return IMPROVING if better else DECLINING

"""Colours shared by the workbook and the report, chosen for contrast with black text.

Each fill is light enough that black text on it has a contrast ratio of at least 4.5:1
(WCAG 2.2 AA); the letter in the cell carries the meaning, the colour only repeats it.
"""

from __future__ import annotations

__all__ = ["RAG_FILLS", "FINDING_FILLS", "contrast_with_black"]

RAG_FILLS = {  # RAG letters and business-plan status -> RGB hex
    "G": "92D050",
    "A": "FFC000",
    "R": "FF7C80",
    "C": "9DC3E6",
}

FINDING_FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def contrast_with_black(rgb: str) -> float:
    """WCAG contrast ratio of black text on the colour ``rgb`` ("RRGGBB")."""
    r, g, b = (int(rgb[i:i + 2], 16) for i in (0, 2, 4))
    luminance = 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)
    return (luminance + 0.05) / 0.05

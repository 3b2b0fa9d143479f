"""Alt text for charts: every figure a chart draws, in words, so no reader loses anything."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from xl_addin.report.content.blocks import ChartKind, Series
from xl_addin.report.content.sources import NOT_AVAILABLE

__all__ = ["alt_text"]


def alt_text(kind: ChartKind, subject: str, categories: Sequence[str],
             series: Sequence[Series], shown: Callable[[float], str]) -> str:
    """'Line chart: <subject>, 2012-13 345, 2013-14 591, ...' (each series named if several)."""
    def figures(values: Sequence[float | None]) -> str:
        return ", ".join(f"{year} {NOT_AVAILABLE if v is None else shown(v)}"
                         for year, v in zip(categories, values, strict=True))

    if len(series) == 1:
        return f"{kind.value.capitalize()} chart: {subject}, {figures(series[0].values)}."
    parts = "; ".join(f"{s.name}: {figures(s.values)}" for s in series)
    return f"{kind.value.capitalize()} chart: {subject}. {parts}."

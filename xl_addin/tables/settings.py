"""The Settings figures the computation needs, with the defaults a new board starts from."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["Settings", "population_for", "DEFAULT_AMBER", "DEFAULT_RED", "DEFAULT_BAND",
           "DEFAULT_STYLE"]

DEFAULT_AMBER = 0.05  # a target missed by up to 5% of itself is still Green
DEFAULT_RED = 0.10  # ... by more than 10%, Red
DEFAULT_BAND = 0.0  # a trend's "no change" band, in the indicator's own unit
DEFAULT_STYLE = "+1 pp"


class Settings:
    """Reporting year, population, tolerances and the style of differences."""

    def __init__(self, facts: Mapping[str, object]) -> None:
        year = facts.get("reporting_year")
        population = facts.get("child_population")
        self.year: str | None = year if isinstance(year, str) else None
        self.population: float | None = (float(population) if isinstance(population, int | float)
                                         and not isinstance(population, bool) and population > 0
                                         else None)
        self.style: str = str(facts.get("difference_style") or DEFAULT_STYLE)
        # a blank setting takes the default; zero is a real choice ("any shortfall")
        self.band = _setting(facts, "trend_no_change_band", DEFAULT_BAND)
        self.amber = _setting(facts, "rag_amber_tolerance", DEFAULT_AMBER)
        self.red = _setting(facts, "rag_red_tolerance", DEFAULT_RED)
        self.red_typed = self.red  # as typed, for messages, if the pair must be corrected


def _setting(facts: Mapping[str, object], key: str, default: float) -> float:
    value = facts.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return float(value)


def population_for(row: Mapping[str, object], settings: Settings,
                   column: str = "population", year_column: str | None = "year") -> object:
    """The children a rate per 10,000 is taken over: the row's own population, or for the
    reporting year only, the Settings figure; None where neither is known."""
    if row.get(column) is not None:
        return row[column]
    if year_column is not None and row.get(year_column) == settings.year:
        return settings.population
    return None

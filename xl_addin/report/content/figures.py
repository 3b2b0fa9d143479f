"""Key figures as the report prints them, and the ``{ref}`` quotes in the chairs' text.

A chair writes ``{cp_plans_now}`` in a paragraph; the report prints the figure from its Key
figures table (or the tool's own figure, for a computed one), formatted by the figure's
kind: ``17.7%``, ``25 July 2016``, ``February 2017``, ``£96,814``, ``3,081``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from xl_addin.core import fmt
from xl_addin.core.years import shift_year
from xl_addin.schema import Fact, Profile

__all__ = ["PLACEHOLDER", "Figures"]

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")  # the {ref} syntax the workbook's text uses
_YEAR = re.compile(r"^\d{4}-\d{2}$")


class Figures:
    """Every key figure, typed and computed, ready to print."""

    def __init__(self, typed: Mapping[str, object], computed: Mapping[str, object],
                 profile: Profile) -> None:
        self._values = {**typed, **{k: v for k, v in computed.items() if v is not None}}
        self._declared: dict[str, Fact] = {fact.key: fact for _, fact in profile.iter_facts()}
        # prints a quote of a table's figure, such as {year(tblLookedAfter, number)}
        self.table_quote: Callable[[str], str | None] | None = None

    def value(self, key: str) -> object:
        return self._values.get(key)

    def text(self, key: str) -> str:
        """The figure as printed; a visible marker when it is blank or unknown."""
        fact = self._declared.get(key)
        if fact is None:
            shown = self.table_quote(key) if self.table_quote is not None else None
            return f"[unknown figure {key}]" if shown is None else shown
        value = self._values.get(key)
        if value is None:
            return f"[no figure for {key}]"
        return fmt.value(value, fact.kind.value, fact.unit)

    def quote(self, name: str) -> str:
        """What ``{name}`` prints: the year or the area (schema/placeholders.py), or the key
        figure of that Ref."""
        year = self._values.get("reporting_year")
        year = str(year) if isinstance(year, str) and _YEAR.match(year) else None
        if name == "year":
            return year or "this year"
        if name == "last_year":
            return shift_year(year, -1) if year else "last year"
        if name == "next_year":
            return shift_year(year) if year else "next year"
        if name == "area" and "area" not in self._declared:
            return str(self._values.get("area") or "the area")
        if name == "period_end" and "period_end" not in self._declared:
            return "the period end"
        return self.text(name)

    def fill(self, text: str) -> str:
        """``text`` with every ``{ref}`` (and ``{year}``, ``{area}``, ...) replaced."""
        return PLACEHOLDER.sub(lambda m: self.quote(m.group(1).strip()), text)

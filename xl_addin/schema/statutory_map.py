"""A profile's ``statutory:`` key: where its report meets each statutory requirement.

    statutory:
      spending: {sections: [budget], tables: [tblContributions, tblSpend]}

Each key is a requirement id from the shipped statutory frameworks (xl_addin/statutory);
each value names the sections, tables and key figures that meet it, all of which must have
content in a workbook for the requirement to be met. :func:`statutory_map` checks every
name and returns the problems in the profile's own words.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from xl_addin.schema.behaviours import SETTINGS_TABLE
from xl_addin.schema.model import StatutoryMap, Table
from xl_addin.statutory.frameworks import frameworks, requirement_ids

__all__ = ["statutory_map", "framework_choices"]


def _hint(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def statutory_map(spec: Mapping[str, StatutoryMap], sections: Iterable[str],
                  tables: Mapping[str, Table], facts: Iterable[str],
                  ) -> tuple[Mapping[str, StatutoryMap], list[str]]:
    """The checked mapping, and every problem in it."""
    known = requirement_ids()
    section_ids, fact_keys = set(sections), set(facts)
    problems: list[str] = []
    out: dict[str, StatutoryMap] = {}
    for requirement, where in spec.items():
        here = f"statutory, {requirement!r}"
        if requirement not in known:
            problems.append(f"{here}: no statutory framework has this requirement"
                            f"{_hint(requirement, known)}; known: {', '.join(sorted(known))}")
        if not (where.sections or where.tables or where.facts):
            problems.append(f"{here}: name at least one section, table or key figure that "
                            "meets it")
        problems += [f"{here}: there is no section {s!r}{_hint(s, section_ids)}"
                     for s in where.sections if s not in section_ids]
        problems += [f"{here}: there is no table {t!r}{_hint(t, tables)}"
                     for t in where.tables if t not in tables]
        problems += [f"{here}: {t!r} is the Settings table, not report content"
                     for t in where.tables if t == SETTINGS_TABLE]
        problems += [f"{here}: there is no key figure {f!r}{_hint(f, fact_keys)}"
                     for f in where.facts if f not in fact_keys]
        out[requirement] = StatutoryMap(tuple(where.sections), tuple(where.tables),
                                        tuple(where.facts))
    return MappingProxyType(out), problems


def framework_choices(settings: Table | None) -> list[str]:
    """Problems with the Settings 'framework' choices: each must name a shipped framework."""
    if settings is None or not any(f.key == "framework" for f in settings.facts):
        return []
    names = {f.name for f in frameworks()}
    choices = settings.fact("framework").choices
    return [f"table {SETTINGS_TABLE}, figure 'framework': {c!r} is not a statutory framework "
            f"the tool knows{_hint(c, names)}; known: {', '.join(sorted(names))}"
            for c in choices if c not in names]

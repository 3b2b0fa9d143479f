"""Which statutory requirements a workbook's report meets, where, and what is missing.

``coverage(data)`` reads the framework named on the Settings tab (blank: the current
one), then, for each requirement, the sections, tables and key figures the board's profile
maps it to (``statutory:``). A requirement is met when every one of them has content: a
section with text or a table that prints in it, a table with at least one row, a key
figure with a value. Anything else is a :class:`Gap`, at its tab and cell, and becomes a
``statutory.<id>`` finding: an error before publication (the report must not go out
without it), or, in a workbook just rolled over to a new year (``fresh``), a note that it
is not filled in yet.

The same coverage gives the report its appendix, "How this report meets the statutory
requirements", and the publication deadline and circulation (``statutory.deadline``).
Pure: typed data in, plain results out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xl_addin.core.findings import Finding, Severity
from xl_addin.schema import SETTINGS_TABLE, Section, StatutoryMap
from xl_addin.statutory.frameworks import Framework, Publication, Requirement, framework
from xl_addin.tables.dataset import Dataset, Place
from xl_addin.tables.placement import filled_sections, home_of, placed_in, quoted_in

__all__ = ["Coverage", "Met", "Gap", "coverage", "statutory_findings", "DEADLINE_RULE",
           "UNMAPPED_RULE"]

DEADLINE_RULE = "statutory.deadline"
UNMAPPED_RULE = "statutory.unmapped"  # a profile that maps no requirement at all


@dataclass(frozen=True)
class Gap:
    """One mapped part of a requirement that has no content (or no mapping at all)."""

    what: str  # "The table 'Partner contributions' is empty."
    place: Place


@dataclass(frozen=True)
class Met:
    """A requirement, where the report meets it, and what is missing (if anything)."""

    requirement: Requirement
    sections: tuple[str, ...]  # section ids it prints in, in the profile's order
    gaps: tuple[Gap, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.gaps


@dataclass(frozen=True)
class Coverage:
    framework: Framework
    publication: Publication | None  # None when the period end is not known
    requirements: tuple[Met, ...]
    mapped: bool = True  # False: the profile has no statutory: key, so nothing is checked

    @property
    def gaps(self) -> list[tuple[Requirement, Gap]]:
        return [(m.requirement, g) for m in self.requirements for g in m.gaps]


def coverage(data: Dataset) -> Coverage | None:
    """What the report meets of its framework; None when Settings names no framework the
    tool knows (validation has already said so at the cell)."""
    try:
        chosen = framework(data.facts.get("framework"))
    except KeyError:
        return None
    period_end = data.facts.get("period_end")
    if isinstance(period_end, dt.datetime):
        period_end = period_end.date()
    publication = chosen.publication(period_end) if isinstance(period_end, dt.date) else None
    if not data.profile.statutory:
        return Coverage(chosen, publication, (), mapped=False)
    where = _Where(filled_sections(data), placed_in(data), quoted_in(data))
    return Coverage(chosen, publication,
                    tuple(_met(data, chosen, r, where) for r in chosen.requirements))


@dataclass(frozen=True)
class _Where:
    """Where the workbook's content prints, worked out once per coverage."""

    filled: set[str]  # sections with something to print
    placed: dict[str, str]  # table -> the section its chair placed it in
    quoted: dict[str, list[str]]  # key figure -> the sections quoting it


def _met(data: Dataset, chosen: Framework, requirement: Requirement, where: _Where) -> Met:
    mapped = data.profile.statutory.get(requirement.id)
    if mapped is None:
        place = _settings_place(data)
        return Met(requirement, (), (Gap(
            f"The board profile '{data.profile.name}' does not say which sections, tables or "
            f"key figures meet it: add '{requirement.id}' under statutory: in the profile.",
            place),))
    return _check(data, mapped, requirement, where)


def _check(data: Dataset, mapped: StatutoryMap, requirement: Requirement,
           where: _Where) -> Met:
    profile = data.profile
    filled, placed, quoted = where.filled, where.placed, where.quoted
    sections: list[str] = []
    gaps: list[Gap] = []
    for section_id in mapped.sections:
        section = _section(data, section_id)
        if section is None or not section.enabled:
            tab = section.tab if section is not None else _settings_tab(data)
            gaps.append(Gap(f"The section '{_label(data, section_id)}' is switched off in "
                            "the board profile.", Place(tab, None)))
        elif section_id not in filled:
            gaps.append(Gap(f"The section '{section.label}' has no text or figures.",
                            _tab_place(data, section.tab)))
        else:
            sections.append(section_id)
    for name in mapped.tables:
        table_data = data.tables.get(name)
        if table_data is None:
            sheet = profile.sheet_of(name).name if profile.has_table(name) \
                else _settings_tab(data)
            title = profile.table(name).title if profile.has_table(name) else name
            gaps.append(Gap(f"The table '{title}' is not in this workbook.",
                            Place(sheet, None)))
        elif not _has_rows(data, name):
            gaps.append(Gap(f"The table '{table_data.table.title}' on the {table_data.sheet} "
                            "tab is empty.", Place(table_data.sheet, _corner(table_data.ref))))
        else:
            home = home_of(data, table_data.table, placed)
            if home is not None:
                sections.append(home)
    for key in mapped.facts:
        if _fact_value(data, key) is None:
            place = data.fact_places.get(key, Place(SETTINGS_TABLE, None))
            label = next((f.label for _, f in profile.iter_facts() if f.key == key), key)
            gaps.append(Gap(f"The key figure '{label}' is blank.", place))
        else:
            sections += quoted.get(key, [])
    order = {s.id: i for i, s in enumerate(profile.sections)}
    shown = sorted(dict.fromkeys(sections), key=lambda i: order.get(i, len(order)))
    return Met(requirement, tuple(shown), tuple(gaps))


def _section(data: Dataset, section_id: str) -> Section | None:
    return next((s for s in data.profile.sections if s.id == section_id), None)


def _label(data: Dataset, section_id: str) -> str:
    section = _section(data, section_id)
    return section.label if section is not None else section_id


def _has_rows(data: Dataset, name: str) -> bool:
    table_data = data.tables[name]
    if table_data.table.is_fact_table:
        return any(data.facts.get(f.key) is not None for f in table_data.table.facts)
    return not table_data.rows.empty


def _fact_value(data: Dataset, key: str) -> object:
    return data.facts.get(key)


def _corner(ref: str) -> str | None:
    """'A5:H20' -> 'A5': the table's top-left cell (its first header)."""
    return ref.split(":")[0] if ref else None


def _tab_place(data: Dataset, tab: str) -> Place:
    """A section's place: its tab's Report text table, else the tab itself."""
    sheet = next((s for s in data.profile.sheets if s.name == tab), None)
    if sheet is not None and sheet.narrative is not None:
        table_data = data.tables.get(sheet.narrative.table)
        if table_data is not None:
            return Place(table_data.sheet, _corner(table_data.ref))
    return Place(tab, None)


def _settings_place(data: Dataset) -> Place:
    return data.fact_places.get("framework") or Place(_settings_tab(data), None)


def _settings_tab(data: Dataset) -> str:
    settings = data.tables.get(SETTINGS_TABLE)
    if settings is not None:
        return settings.sheet
    profile = data.profile
    return profile.sheet_of(SETTINGS_TABLE).name if profile.has_table(SETTINGS_TABLE) \
        else "Settings"


def statutory_findings(data: Dataset, fresh: bool = False,
                       found: Coverage | None = None) -> list[Finding]:
    """A ``statutory.<id>`` finding for every gap (an error; info in a fresh workbook), and
    the publication deadline and circulation as a ``statutory.deadline`` note. ``found``:
    the workbook's coverage, if already worked out."""
    found = found if found is not None else coverage(data)
    if found is None:
        return []
    severity = Severity.INFO if fresh else Severity.ERROR
    findings = [] if found.mapped else [Finding(
        Severity.WARNING, _settings_place(data).sheet, _settings_place(data).cell,
        UNMAPPED_RULE, f"The board profile '{data.profile.name}' does not say where its report "
        f"meets the requirements of {found.framework.name}, so the tool cannot check them: "
        "add statutory: to the profile (see docs/profiles.md).")]
    findings += [
        Finding(severity, gap.place.sheet, gap.place.cell, requirement.rule,
                f"{found.framework.name} requires the report to include: "
                f"{requirement.summary} ({requirement.cited}.) {gap.what}")
        for requirement, gap in found.gaps]
    if found.publication is not None:  # a note on the Settings tab, not at a cell: nothing
        findings.append(Finding(Severity.INFO, _settings_tab(data), None,  # to highlight
                                DEADLINE_RULE, found.publication.sentence))
    return findings

"""Read a board profile (YAML), check it, and build the :class:`Profile` the tool works with.

Every problem in a profile is reported at once, each at its place in the file's own words
("tab 'Performance', table tblIndicators, field 'valu': ..."), in one
:class:`ProfileError`. The file is read as plain data: no YAML tags, anchors or aliases,
and at most :data:`MAX_BYTES`.

Shipped profiles live in ``workbook/profiles/``; a board can keep its own anywhere and
name the file, or list folders in the ``LSCB_PROFILES`` environment variable.
"""

from __future__ import annotations

import difflib
import functools
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from pydantic import ValidationError

from xl_addin.core.errors import LscbError
from xl_addin.schema import spec as S
from xl_addin.schema.behaviours import (
    COLUMN_FUNCTIONS,
    DISPLAY_BUILDERS,
    FACT_FUNCTIONS,
    FACT_ROLLOVERS,
    HEADLINE_SOURCES,
    REQUIRED_SETTINGS,
    SECTION_BUILDERS,
    SECTION_OPTIONS,
    SETTINGS_TABLE,
    TABLE_BEHAVIOURS,
)
from xl_addin.schema.expr import Call, Expr, ExprError, ListOf, Literal, Name, parse_expr
from xl_addin.schema.model import (
    NARRATIVE_STYLES,
    ChartSpec,
    Column,
    Display,
    Fact,
    GroupSpec,
    HeadlineSpec,
    Kind,
    Narrative,
    Profile,
    Role,
    Section,
    Sheet,
    Table,
    TableRollover,
)
from xl_addin.schema.refs import build_check
from xl_addin.schema.statutory_map import framework_choices, statutory_map

__all__ = ["ProfileError", "load_profile", "read_profile", "profile_from_data",
           "available_profiles", "profile_folders", "ProfileInfo", "MAX_BYTES",
           "RESERVED_TABS"]

MAX_BYTES = 2 * 1024**2  # the largest shipped profile is about 100 KB
RESERVED_TABS = frozenset({"Instructions", "Lists", "Dashboard", "Validation"})
SUFFIXES = (".yaml", ".yml")


class ProfileError(LscbError):
    """A board profile that cannot be used; the message lists every problem."""

    def __init__(self, source: str, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = "\n".join(f"  - {p}" for p in self.problems[:60])
        more = f"\n  ... and {len(self.problems) - 60} more" if len(self.problems) > 60 else ""
        super().__init__(f"The board profile {source} cannot be used "
                         f"({len(self.problems)} problem(s)):\n{shown}{more}")


# --- finding profiles -----------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileInfo:
    name: str
    title: str
    version: str
    path: Path


def profile_folders() -> list[Path]:
    """Where profiles are looked for: ``LSCB_PROFILES`` folders first, then the shipped ones."""
    extra = [Path(p) for p in os.environ.get("LSCB_PROFILES", "").split(os.pathsep) if p]
    shipped = Path(str(files("xl_addin.workbook").joinpath("profiles")))
    return [*extra, shipped]


def _profile_files() -> list[Path]:
    found: list[Path] = []
    for folder in profile_folders():
        if folder.is_dir():
            found += sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.is_file())
    return found


def available_profiles() -> list[ProfileInfo]:
    """Every profile that can be named, each once (a board's own folder wins)."""
    seen: dict[str, ProfileInfo] = {}
    for path in _profile_files():
        data = _read_yaml(path)
        name = str(data.get("profile", path.stem)) if isinstance(data, dict) else path.stem
        if name not in seen:
            seen[name] = ProfileInfo(name, str(data.get("title", "")) if isinstance(data, dict)
                                     else "", str(data.get("version", "")) if
                                     isinstance(data, dict) else "", path)
    return sorted(seen.values(), key=lambda p: p.name)


def load_profile(name_or_path: str | Path) -> Profile:
    """A profile by name (``starter``) or by file; :class:`ProfileError` if it is unusable."""
    text = str(name_or_path)
    path = Path(text)
    if path.suffix in SUFFIXES or os.sep in text or "/" in text:
        if not path.is_file():
            raise ProfileError(text, [f"there is no file {text}"])
        return read_profile(path)
    for candidate in _profile_files():
        if candidate.stem == text:
            return read_profile(candidate)
    for info in available_profiles():
        if info.name == text:
            return read_profile(info.path)
    names = [info.name for info in available_profiles()]
    close = difflib.get_close_matches(text, names, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise ProfileError(repr(text), [f"no profile is called {text!r}.{hint} Profiles: "
                                    f"{', '.join(names) or 'none'} (lscb-report profiles)"])


def read_profile(path: Path) -> Profile:
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise ProfileError(path.name, [f"cannot read the file ({exc.strerror})"]) from exc
    return _read_profile(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _read_profile(path: str, _mtime: int, _size: int) -> Profile:
    """One read per version of the file: a profile is immutable once built."""
    data = _read_yaml(Path(path))
    return profile_from_data(data, Path(path).name, path)


# --- reading the file -----------------------------------------------------------------------


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when it is there


def _plain_yaml(text: str) -> Any:  # noqa: ANN401 - whatever the file holds
    """YAML as plain data: aliases are refused (they can expand without end).

    The text is parsed once: an alias makes the composed tree use one node in two places,
    which is looked for before the tree is turned into data."""
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_aliases(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _refuse_aliases(root: yaml.Node) -> None:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            where = f"line {node.start_mark.line + 1}: " if node.start_mark else ""
            raise yaml.YAMLError(f"{where}aliases (*name) are not allowed in a profile; "
                                 "write the value out")
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += list(node.value)


def _read_yaml(path: Path) -> Any:  # noqa: ANN401 - whatever the file holds
    source = path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ProfileError(source, [f"the file is {size:,} bytes; a profile is at most "
                                        f"{MAX_BYTES:,}"])
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProfileError(source, ["the file is not UTF-8 text"]) from exc
    except OSError as exc:
        raise ProfileError(source, [f"cannot read the file ({exc.strerror})"]) from exc
    try:
        return _plain_yaml(text)
    except yaml.YAMLError as exc:
        raise ProfileError(source, [f"not valid YAML: {exc}".replace("\n", " ")]) from exc


# --- building the model ---------------------------------------------------------------------


def profile_from_data(data: Any, source: str = "profile", path: str = "") -> Profile:  # noqa: ANN401
    if not isinstance(data, dict):
        raise ProfileError(source, ["the file must be a mapping of keys (profile:, title:, "
                                    "tabs:, ...)"])
    try:
        spec = S.ProfileSpec.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(source, [_problem(data, err) for err in exc.errors()]) from None
    builder = _Builder(spec)
    profile = builder.build(path)
    if builder.problems:
        raise ProfileError(source, builder.problems)
    return profile


def _problem(data: Any, error: Any) -> str:  # noqa: ANN401 - pydantic's error dicts
    """One pydantic error in the profile's own words."""
    loc = list(error["loc"])
    if error["type"] == "extra_forbidden" and loc:
        return (_where(data, loc[:-1]) + f"unknown key {str(loc[-1])!r} (check its spelling; "
                "in a {...} line, a value with a comma or colon must be in quotes)")
    if error["type"] == "missing" and loc:
        return _where(data, loc[:-1]) + f"{loc[-1]!r} is missing"
    return _where(data, loc) + str(error["msg"])


def _where(data: Any, loc: Sequence[int | str]) -> str:  # noqa: ANN401
    """'tab 'Performance', table tblIndicators, field 'valu': ' from a pydantic location."""
    names = {"tabs": "tab", "tables": "table", "fields": "field", "facts": "figure",
             "sections": "section", "checks": "check", "headlines": "headline"}
    keys = {"tabs": "name", "tables": "name", "fields": "name", "facts": "key",
            "sections": "id", "checks": "id", "headlines": "key"}
    parts: list[str] = []
    node = data
    loc = list(loc)
    i = 0
    while i < len(loc):
        step = loc[i]
        if step in names and i + 1 < len(loc) and isinstance(loc[i + 1], int):
            index = int(loc[i + 1])
            items = node.get(step) if isinstance(node, dict) else None
            item = items[index] if isinstance(items, list) and index < len(items) else None
            label = item.get(keys[str(step)]) if isinstance(item, dict) else None
            parts.append(f"{names[str(step)]} {label!r}" if label else
                         f"{names[str(step)]} {index + 1}")
            node, i = item, i + 2
            continue
        parts.append(str(step))
        node = node.get(step) if isinstance(node, dict) else None
        i += 1
    return (", ".join(parts) + ": ") if parts else ""


def _choices(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Builder:
    """Turns a shape-checked spec into the model, collecting every meaning problem."""

    def __init__(self, spec: S.ProfileSpec) -> None:
        self.spec = spec
        self.problems: list[str] = []
        self.fields: dict[str, dict[str, Column]] = {}  # table -> key -> column
        self.facts: dict[str, Fact] = {}
        self.tables: dict[str, Table] = {}
        self.section_ids = [s.id for s in spec.sections]
        self.unreadable: set[str] = set()  # fields whose formula is already reported

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    # -- whole profile --

    def build(self, path: str) -> Profile:
        spec = self.spec
        sections = self._sections()
        sheets = _placed(tuple(self._sheet(tab) for tab in spec.tabs))
        self._check_tabs(spec.tabs)
        for sheet in sheets:
            for table in sheet.tables:
                self._check_table(sheet, table)
        self._check_settings()
        checks = []
        for check in spec.checks:
            try:
                checks.append(build_check(check, self._ref_context()))
            except ValueError as exc:
                self.problem(f"check {check.id!r}", str(exc))
        self._unique("check", [c.id for c in spec.checks])
        headlines = tuple(h for h in (self._headline(h) for h in spec.headlines) if h)
        self._unique("headline", [h.key for h in spec.headlines])
        statutory, problems = statutory_map(spec.statutory, self.section_ids, self.tables,
                                            self.facts)
        self.problems += problems
        profile = Profile(
            name=spec.profile, title=spec.title, version=spec.version, sheets=sheets,
            owners=MappingProxyType(dict(spec.owners)), sections=sections,
            checks=tuple(checks), headlines=headlines, description=spec.description,
            template=spec.template, source=path, statutory=statutory)
        self._check_section_options(profile)
        return profile

    def _unique(self, what: str, names: Sequence[str]) -> None:
        seen: set[str] = set()
        for name in names:
            if name in seen:
                self.problems.append(f"{what} {name!r} is declared twice")
            seen.add(name)

    # -- sections and tabs --

    def _sections(self) -> tuple[Section, ...]:
        tabs = [t.name for t in self.spec.tabs]
        out = []
        for s in self.spec.sections:
            where = f"section {s.id!r}"
            if s.tab not in tabs:
                self.problem(where, f"there is no tab {s.tab!r}{_did_you_mean(s.tab, tabs)}")
            if s.builder is not None and s.builder not in SECTION_BUILDERS:
                self.problem(where, f"unknown builder {s.builder!r}; known: "
                             f"{', '.join(sorted(SECTION_BUILDERS))}")
            allowed = SECTION_OPTIONS.get(s.builder or "", frozenset())
            for key in s.options:
                if key not in allowed:
                    self.problem(where, f"unknown option {key!r}")
            try:
                s.title.format(area="")
            except (KeyError, IndexError, ValueError):
                self.problem(where, "the title may only quote {area}")
            out.append(Section(s.id, s.title, s.tab, s.builder,
                               MappingProxyType(dict(s.options)), s.enabled))
        self._unique("section", self.section_ids)
        return tuple(out)

    def _check_tabs(self, tabs: Sequence[S.TabSpec]) -> None:
        self._unique("tab", [t.name for t in tabs])
        for tab in tabs:
            if tab.name in RESERVED_TABS:
                self.problem(f"tab {tab.name!r}", "this name is kept for the tool's own tabs")
            if tab.owner not in self.spec.owners:
                self.problem(f"tab {tab.name!r}", f"the owner {tab.owner!r} has no colour under "
                             f"owners{_did_you_mean(tab.owner, self.spec.owners)}")
        self._unique("table", [t.name for tab in tabs for t in tab.tables]
                     + [tab.text.table for tab in tabs if tab.text])

    def _sheet(self, tab: S.TabSpec) -> Sheet:
        tables = [self._table(tab, t) for t in tab.tables]
        narrative = None
        if tab.text is not None:
            for section_id in tab.text.sections:
                if section_id not in self.section_ids:
                    self.problem(f"tab {tab.name!r}, text", f"there is no section "
                                 f"{section_id!r}{_did_you_mean(section_id, self.section_ids)}")
            narrative = Narrative(tab.text.table, tuple(tab.text.sections))
            table = narrative_table(tab.text.table, self._labels(tab.text.sections))
            self.tables[table.name] = table
            self.fields[table.name] = {c.key: c for c in table.columns}
            tables.append(table)
        return Sheet(tab.name, tab.owner, tab.title, tab.description, tuple(tables), narrative)

    def _labels(self, section_ids: Sequence[str]) -> tuple[str, ...]:
        by_id = {s.id: s for s in self.spec.sections}
        return tuple(Section(i, by_id[i].title, by_id[i].tab).label
                     for i in section_ids if i in by_id)

    # -- tables --

    def _table(self, tab: S.TabSpec, t: S.TableSpec) -> Table:
        where = f"tab {tab.name!r}, table {t.name}"
        if bool(t.fields) == bool(t.facts):
            self.problem(where, "give either fields (a table of rows) or facts (a Key figures "
                         "table), not both or neither")
        columns = tuple(self._column(where, f) for f in t.fields)
        facts = tuple(self._fact(where, f) for f in t.facts)
        self._unique(f"{where}: field", [f.name for f in t.fields])
        for fact in facts:
            if fact.key in self.facts:
                self.problem(where, f"the figure {fact.key!r} is declared twice")
            self.facts[fact.key] = fact
        display = self._display(t.report)
        rollover = self._rollover(t.rollover)
        if t.behaviour and t.behaviour in TABLE_BEHAVIOURS:
            behaviour = TABLE_BEHAVIOURS[t.behaviour]
            if behaviour.display and display.builder is None and not display.hidden:
                display = _replace_builder(display, behaviour.display)
            if behaviour.rollover and rollover is None:
                rollover = TableRollover(behaviour.rollover)
        table = Table(
            name=t.name, title=t.title, description=t.description, columns=columns,
            facts=facts, key=t.primary_key, total_label=t.total_label, total_in=t.total_in,
            groups=tuple(t.groups), unique_together=tuple(t.unique_together),
            distinct=tuple(t.distinct), year_column=t.year_column,
            year_group=tuple(t.year_group), blank_rows=t.blank_rows, window=t.window,
            behaviour=t.behaviour, section=t.section, display=display, rollover=rollover,
            child_level=t.child_level, since=t.since)
        self.tables[t.name] = table
        self.fields[t.name] = {c.key: c for c in table.columns}
        return table

    def _column(self, where: str, f: S.FieldSpec) -> Column:
        compute = None
        if f.compute is not None:
            compute = self._call(f"{where}, field {f.name!r}", f.compute, COLUMN_FUNCTIONS)
            if compute is None:
                self.unreadable.add(f"{where}, field {f.name!r}")
        if f.type is Kind.CHOICE and not f.choices:
            self.problem(f"{where}, field {f.name!r}", "a choice field needs choices")
        if f.type is Kind.FACT:
            self.problem(f"{where}, field {f.name!r}", "type 'fact' is only for Key figures")
        return Column(
            key=f.name, header=f.title, kind=f.type, description=f.description,
            required=f.required, choices=_choices(f.choices), unit=f.unit, role=f.role,
            minimum=f.minimum, maximum=f.maximum, unique=f.unique, unit_from=f.unit_from,
            width=f.width, placeholders=f.placeholders, required_if=tuple(f.required_if),
            compute=compute, since=f.since)

    def _fact(self, where: str, f: S.FactSpec) -> Fact:
        here = f"{where}, figure {f.key!r}"
        compute = self._call(here, f.compute, FACT_FUNCTIONS) if f.compute else None
        rollover = self._call(here, f.rollover, FACT_ROLLOVERS) if f.rollover else None
        if f.type is Kind.CHOICE and not f.choices:
            self.problem(here, "a choice figure needs choices")
        if f.type in (Kind.FACT, Kind.MEASURE, Kind.TARGET):
            self.problem(here, f"type {f.type.value!r} is not for a single figure")
        return Fact(key=f.key, label=f.label, kind=f.type, description=f.description,
                    required=f.required and compute is None, unit=f.unit, minimum=f.minimum
                    if compute is None else None, maximum=f.maximum,
                    choices=_choices(f.choices), compute=compute, rollover=rollover,
                    child_level=f.child_level, since=f.since)

    def _call(self, where: str, text: str | None,
              known: dict[str, tuple[int, int]]) -> Call | None:
        if text is None:
            return None
        try:
            tree = parse_expr(text)
        except ExprError as exc:
            self.problem(where, str(exc))
            return None
        if not isinstance(tree, Call):
            tree = Call(tree.text) if isinstance(tree, Name) else tree
        if not isinstance(tree, Call):
            self.problem(where, f"{text!r} is not a formula such as ratio(a, b)")
            return None
        if tree.name not in known:
            self.problem(where, f"unknown function {tree.name!r}{_did_you_mean(tree.name, known)}"
                         f"; known: {', '.join(sorted(known))}")
            return None
        low, high = known[tree.name]
        if not low <= len(tree.args) <= high:
            self.problem(where, f"{tree.name}() takes {low}" + (f" to {high}" if high != low
                                                               else "") +
                         f" value(s), not {len(tree.args)}")
        return tree

    def _display(self, report: S.DisplaySpec | bool) -> Display:
        if report is False or not isinstance(report, S.DisplaySpec):
            return Display(hidden=True)
        chart = None
        if report.chart is not None:
            c = report.chart
            chart = ChartSpec(c.kind, tuple(c.series), c.x, c.caption, c.label, c.this_year,
                              c.replaces_table, c.with_table)
        group = None
        if report.group is not None:
            g = report.group
            group = GroupSpec(g.column, g.lookup, g.caption, tuple(g.notes))
        return Display(
            caption=report.caption, columns=tuple(report.columns),
            headers=MappingProxyType(dict(report.headers)),
            widths=MappingProxyType(dict(report.widths)),
            decimals=MappingProxyType(dict(report.decimals)),
            blanks=MappingProxyType(dict(report.blanks)),
            fallback=MappingProxyType(dict(report.fallback)), total=report.total,
            notes=tuple(report.notes), row_notes=report.row_notes, sort=report.sort,
            chart=chart, group=group, builder=report.builder, hidden=report.hidden)

    def _rollover(self, spec: S.RolloverSpec | str | None) -> TableRollover | None:
        if spec is None:
            return None
        if isinstance(spec, str):
            return TableRollover(spec)
        chosen = [(name, value) for name, value in spec if value is not None]
        if len(chosen) != 1:
            self.problems.append("a table's rollover must name exactly one rule")
            return None
        name, value = chosen[0]
        options = value.model_dump() if hasattr(value, "model_dump") else dict(value)
        return TableRollover(name, MappingProxyType(options))

    # -- meaning of a table's names --

    def _check_table(self, sheet: Sheet, table: Table) -> None:
        where = f"tab {sheet.name!r}, table {table.name}"
        keys = {c.key for c in table.columns}

        def need(what: str, names: Iterable[str | None]) -> None:
            for name in names:
                if name is not None and name not in keys:
                    self.problem(where, f"{what} {name!r} is not a field of the table"
                                 f"{_did_you_mean(name, keys)}")

        need("primary_key", [table.key] if not table.is_fact_table else [])
        need("total_in", [table.total_in])
        need("groups", table.groups)
        need("unique_together", table.unique_together)
        need("distinct", table.distinct)
        need("year_column", [table.year_column])
        need("year_group", table.year_group)
        for column in table.columns:
            need(f"field {column.key!r}: unit_from", [column.unit_from])
            need(f"field {column.key!r}: required_if", column.required_if)
            if column.compute is not None:
                need(f"field {column.key!r}: compute",
                     [a.text for a in column.compute.args if isinstance(a, Name)])
        if table.window is not None and table.year_column is None:
            self.problem(where, "a window needs a year_column")
        behaviour = TABLE_BEHAVIOURS.get(table.behaviour or "")
        if table.behaviour is not None and behaviour is None:
            self.problem(where, f"unknown behaviour {table.behaviour!r}; known: "
                         f"{', '.join(sorted(TABLE_BEHAVIOURS))}")
        if behaviour is not None:
            need(f"behaviour {table.behaviour!r} needs the field", behaviour.requires)
        computed_by_behaviour = set(behaviour.computes) if behaviour else set()
        for column in table.columns:
            if (column.role is Role.COMPUTED and column.compute is None
                    and column.key not in computed_by_behaviour
                    and f"{where}, field {column.key!r}" not in self.unreadable):
                self.problem(where, f"field {column.key!r} is computed but has no compute "
                             "formula")
        if table.section is not None and table.section not in self.section_ids:
            self.problem(where, f"there is no section {table.section!r}"
                         f"{_did_you_mean(table.section, self.section_ids)}")
        self._check_display(where, table, keys)
        self._check_rollover(where, table, keys)
        for fact in table.facts:
            self._check_fact(f"{where}, figure {fact.key!r}", fact)

    def _check_display(self, where: str, table: Table, keys: set[str]) -> None:
        d = table.display
        if d.hidden:
            return
        here = f"{where}, report"
        listed = [*d.columns, *d.headers, *d.widths, *d.decimals, *d.blanks, *d.fallback,
                  *d.fallback.values(), d.row_notes, d.sort]
        for name in listed:
            if name is not None and name not in keys:
                self.problem(here, f"{name!r} is not a field of the table"
                             f"{_did_you_mean(name, keys)}")
        if d.builder is not None and d.builder not in DISPLAY_BUILDERS:
            self.problem(here, f"unknown builder {d.builder!r}; known: "
                         f"{', '.join(sorted(DISPLAY_BUILDERS))}")
        if d.chart is not None:
            for name in (*d.chart.series, d.chart.x):
                if name not in keys:
                    self.problem(f"{here}, chart", f"{name!r} is not a field of the table"
                                 f"{_did_you_mean(name, keys)}")
            if d.chart.this_year is not None and d.chart.this_year not in self.facts:
                self.problem(f"{here}, chart", f"this_year {d.chart.this_year!r} is not a "
                             "key figure")
        if d.group is not None:
            if d.group.column not in keys:
                self.problem(f"{here}, group", f"{d.group.column!r} is not a field of the "
                             "table")
            if d.group.lookup is not None and d.group.lookup not in self.tables:
                self.problem(f"{here}, group", f"there is no table {d.group.lookup!r}")

    def _check_rollover(self, where: str, table: Table, keys: set[str]) -> None:
        rule = table.rollover
        if rule is None:
            return
        here = f"{where}, rollover"
        names: list[str] = []
        if rule.rule == "standing":
            names += [name for pair in rule.pairs("carry") for name in pair]
            names += [*rule.names("clear"), *rule.names("advance")]
            names += [n for n in (rule.text("newest_only"),) if n]
        elif rule.rule == "series":
            if table.year_column is None:
                self.problem(here, "a series needs a year_column")
            names += [n for n in (rule.text("population"),) if n]
            names += list(rule.names("latest_only")[:1])
        elif rule.rule == "earlier_years":
            names.append(str(rule.text("column")))
            total = self.facts.get(str(rule.text("total")))
            if total is None or not total.computed:
                self.problem(here, f"the total {rule.text('total')!r} is not a computed "
                             "key figure")
        elif rule.rule in ("rolled_with", "business_plan"):
            other = str(rule.text("table") or rule.text("history"))
            if other not in self.tables:
                self.problem(here, f"there is no table {other!r}")
        for name in names:
            if name not in keys:
                self.problem(here, f"{name!r} is not a field of the table"
                             f"{_did_you_mean(name, keys)}")

    def _check_fact(self, where: str, fact: Fact) -> None:
        if fact.compute is not None:
            self._check_fact_args(where, fact.compute)
        if fact.rollover is not None and fact.rollover.name == "carry":
            source = fact.rollover.args[0] if fact.rollover.args else None
            if not isinstance(source, Name) or source.text not in self.facts:
                self.problem(where, f"carry({source}) names no key figure")
            if fact.compute is not None:
                self.problem(where, "a computed figure is not rolled over")

    def _check_fact_args(self, where: str, call: Call) -> None:
        if call.name in ("column_sum", "last_year"):
            table, column = (a.text if isinstance(a, Name) else "" for a in call.args[:2])
            if table not in self.fields:
                self.problem(where, f"there is no table {table!r}")
            elif column not in self.fields[table]:
                self.problem(where, f"{table} has no field {column!r}")
            return
        for arg in call.args:
            if isinstance(arg, Call):
                if arg.name != "last_year":
                    self.problem(where, f"{arg.name}() cannot be used inside {call.name}()")
                else:
                    self._check_fact_args(where, arg)
            elif isinstance(arg, Name) and arg.text not in self.facts:
                self.problem(where, f"{arg.text!r} is not a key figure"
                             f"{_did_you_mean(arg.text, self.facts)}")

    def _check_settings(self) -> None:
        settings = self.tables.get(SETTINGS_TABLE)
        if settings is None or not settings.is_fact_table:
            self.problems.append(f"the profile needs a Key figures table named "
                                 f"{SETTINGS_TABLE} (the Settings tab)")
            return
        present = {f.key for f in settings.facts}
        self.problems += framework_choices(settings)
        for key in REQUIRED_SETTINGS:
            if key not in present:
                self.problems.append(f"table {SETTINGS_TABLE}: the setting {key!r} is missing")

    # -- headlines, checks, section options --

    def _ref_context(self) -> RefContext:
        return RefContext({name: dict(columns) for name, columns in self.fields.items()},
                          dict(self.facts))

    def _headline(self, h: S.HeadlineSpec) -> HeadlineSpec | None:
        where = f"headline {h.key!r}"
        source = self._call(where, h.source, HEADLINE_SOURCES)
        if source is None:
            return None
        names = [a.text if isinstance(a, Name) else a.value if isinstance(a, Literal) else ""
                 for a in source.args]
        if source.name in ("series", "count"):
            table = str(names[0])
            if table not in self.fields:
                self.problem(where, f"there is no table {table!r}")
            elif source.name == "series":
                for column in names[1:]:
                    if column not in self.fields[table]:
                        self.problem(where, f"{table} has no field {column!r}")
            elif str(names[1]) not in self.fields[table]:
                self.problem(where, f"{table} has no field {names[1]!r}")
        elif source.name == "facts":
            for key in names:
                if key not in self.facts:
                    self.problem(where, f"{key!r} is not a key figure")
        elif source.name == "history":
            if names[0] not in self.facts:
                self.problem(where, f"{names[0]!r} is not a key figure")
            table = str(names[1])
            if table not in self.fields or str(names[2]) not in self.fields[table]:
                self.problem(where, f"there is no field {names[2]!r} in table {table!r}")
        return HeadlineSpec(h.key, h.label, h.kind, source, h.better)

    def _check_section_options(self, profile: Profile) -> None:
        keys = {h.key for h in profile.headlines}
        for section in profile.sections:
            where = f"section {section.id!r}, options"
            wanted = section.options.get("headlines", [])
            if not isinstance(wanted, list):
                self.problem(where, "headlines must be a list of headline keys")
                wanted = []
            for key in wanted:
                if key not in keys:
                    self.problem(where, f"{key!r} is not a headline{_did_you_mean(key, keys)}")
            views = section.options.get("views")
            if views is not None:
                if not isinstance(views, dict) or set(views) - {"table", "text", "flag"}:
                    self.problem(where, "views takes table, text and flag")
                elif str(views.get("table")) not in self.fields:
                    self.problem(where, f"there is no table {views.get('table')!r}")
                else:
                    columns = self.fields[str(views["table"])]
                    for key in ("text", "flag"):
                        if views.get(key) and views[key] not in columns:
                            self.problem(where, f"{views['table']} has no field {views[key]!r}")


@dataclass(frozen=True)
class RefContext:
    """What a cross-check's references may name."""

    fields: dict[str, dict[str, object]]
    facts: dict[str, object]


def _placed(sheets: tuple[Sheet, ...]) -> tuple[Sheet, ...]:
    """Each table told its tab, and whether its title is shared (messages then name the tab)."""
    titles = Counter(table.title for sheet in sheets for table in sheet.tables)
    return tuple(replace(sheet, tables=tuple(
        replace(table, tab=sheet.name, shared_title=titles[table.title] > 1)
        for table in sheet.tables)) for sheet in sheets)


def _replace_builder(display: Display, builder: str) -> Display:
    return replace(display, builder=builder)


def narrative_table(name: str, labels: tuple[str, ...]) -> Table:
    """The Report text table of a tab: its sections' words, one paragraph per row."""
    return Table(
        name, "Report text",
        "The words of this tab's report sections, one paragraph or bullet per row, in "
        "reading order. Write {ref} to quote a figure from any 'Key figures' table, so that "
        "the report always prints the current figure. To place a table or its chart, add a "
        "row with Style 'Table' or 'Chart' and the table's title as its Text; a table "
        "nobody places goes at the end of its section.",
        columns=(
            Column("section", "Section", Kind.CHOICE, "The report section this text belongs "
                   "to.", required=True, choices=labels, width=34),
            Column("subheading", "Subheading", Kind.TEXT,
                   "Optional heading printed above this paragraph.", width=30),
            Column("style", "Style", Kind.CHOICE, "Paragraph, Bullet or Quote; or Table or "
                   "Chart to place a table here.", required=True, choices=NARRATIVE_STYLES,
                   width=11),
            Column("text", "Text", Kind.TEXT, "The paragraph itself, in plain words; for a "
                   "Table or Chart row, the title of the table.", required=True, width=100,
                   placeholders=True),
            Column("previous_text", "Last year's text", Kind.TEXT,
                   "Filled in when the workbook is rolled over to a new year: last year's "
                   "paragraph, to start from. It is not printed.", role=Role.REFERENCE,
                   width=60),
        ),
        blank_rows=5,
        rollover=TableRollover("standing", MappingProxyType({
            "carry": {"previous_text": "text"}, "clear": ["text"],
            "tally": "Report text moved to 'Last year's text', Text left to write"})),
        display=Display(hidden=True),
    )


def _names(exprs: Iterable[Expr]) -> list[str]:
    return [e.text for e in exprs if isinstance(e, Name)]


__all__ += ["RefContext", "narrative_table", "ListOf"]

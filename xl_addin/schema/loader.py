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
import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from xl_addin.core.cache import cached
from xl_addin.core.decode import Problems, decode
from xl_addin.core.errors import LscbError
from xl_addin.schema.active import version_key
from xl_addin.schema.behaviours import (
    DISPLAY_BUILDERS,
    REQUIRED_SETTINGS,
    SECTION_BUILDERS,
    SECTION_OPTIONS,
    SETTINGS_TABLE,
    TABLE_BEHAVIOURS,
)
from xl_addin.schema.expr import Call, Literal, Name
from xl_addin.schema.model import (
    NARRATIVE_STYLES,
    PLACEMENT_STYLES,
    RATING_LETTERS,
    Column,
    Display,
    Fact,
    HeadlineSpec,
    Kind,
    Profile,
    Role,
    Sheet,
    Table,
    TableRollover,
)
from xl_addin.schema.placeholders import QUOTES, known_list, quoted, unknown
from xl_addin.schema.refs import build_check
from xl_addin.schema.signoff_tab import SIGNOFF_TAB, SIGNOFF_TABLE, signoff_sheet
from xl_addin.schema.statutory_map import framework_choices, statutory_map

if TYPE_CHECKING:
    import yaml

__all__ = ["ProfileError", "load_profile", "read_profile", "profile_from_data", "plain_yaml",
           "available_profiles", "profile_folders", "ProfileInfo", "MAX_BYTES",
           "RESERVED_TABS"]

MAX_BYTES = 2 * 1024**2  # the largest shipped profile is about 100 KB
RESERVED_TABS = frozenset({"Instructions", "Lists", "Dashboard", "Validation", SIGNOFF_TAB})
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
    """The profile in ``path``, read once per process for each content the file has had
    (a profile is immutable once built; the cache is keyed by the file's SHA-256)."""
    path = Path(path)
    text = _read_text(path)
    return _profile_of(hashlib.sha256(text.encode("utf-8")).hexdigest(), text,
                       str(path.resolve()))


@functools.lru_cache(maxsize=16)
def _profile_of(_digest: str, text: str, path: str) -> Profile:
    return profile_from_data(_parse_yaml(text, Path(path).name), Path(path).name, path)


# --- reading the file -----------------------------------------------------------------------


def _plain_yaml(text: str) -> Any:  # noqa: ANN401 - whatever the file holds
    """YAML as plain data: aliases are refused (they can expand without end).

    The text is parsed once: an alias makes the composed tree use one node in two places,
    which is looked for before the tree is turned into data. (PyYAML is imported here, not
    with the module: a profile the cache holds needs no parsing.)"""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # libyaml when it is there
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_aliases(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _refuse_aliases(root: yaml.Node) -> None:
    import yaml

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


plain_yaml = _plain_yaml  # for a job that edits a profile's text and checks the result


def _read_yaml(path: Path) -> Any:  # noqa: ANN401 - whatever the file holds
    return _parse_yaml(_read_text(path), path.name)


def _read_text(path: Path) -> str:
    """The file's text: at most :data:`MAX_BYTES`, UTF-8."""
    source = path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ProfileError(source, [f"the file is {size:,} bytes; a profile is at most "
                                        f"{MAX_BYTES:,}"])
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise ProfileError(source, [f"the file is over {MAX_BYTES:,} bytes; a profile is "
                                        f"at most {MAX_BYTES:,}"])
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProfileError(source, ["the file is not UTF-8 text"]) from exc
    except OSError as exc:
        raise ProfileError(source, [f"cannot read the file ({exc.strerror})"]) from exc


def _parse_yaml(text: str, source: str) -> Any:  # noqa: ANN401 - whatever the file holds
    """The file's data; kept in the user's cache under the text's hash (core/cache.py), so
    a command reads a profile it has seen before without parsing its YAML again."""
    def parse() -> Any:  # noqa: ANN401 - whatever the file holds
        import yaml

        try:
            return _plain_yaml(text)
        except yaml.YAMLError as exc:
            raise ProfileError(source, [f"not valid YAML: {exc}".replace("\n", " ")]) from exc

    return cached("profile", text.encode("utf-8"), parse,
                  check=lambda data: isinstance(data, dict))


# --- from data to the declarations, then their meaning ----------------------------------------


def profile_from_data(data: Any, source: str = "profile", path: str = "") -> Profile:  # noqa: ANN401
    """Read plain data as a profile: its shape (:func:`~.decode.decode`), then its meaning
    (:class:`_Meaning`); every problem of a phase is reported at once."""
    if not isinstance(data, dict):
        raise ProfileError(source, ["the file must be a mapping of keys (profile:, title:, "
                                    "tabs:, ...)"])
    problems = Problems()
    declared = decode(Profile, data, "", problems)
    if problems or not isinstance(declared, Profile):
        raise ProfileError(source, problems.all or ["the profile cannot be read"])
    profile = _Meaning(declared, problems).profile(path)
    if problems.meaning:
        raise ProfileError(source, problems.meaning)
    return profile


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Meaning:
    """Checks that every name in a shape-checked profile refers to something that exists,
    and places what the file leaves implicit (each tab's Report text table, each table's
    tab, the compiled cross-checks). Problems go to ``problems.meaning``, all at once."""

    def __init__(self, declared: Profile, problems: Problems) -> None:
        self.declared = declared
        self.problems = problems
        self.section_ids = [s.id for s in declared.sections]
        self.tables: dict[str, Table] = {}
        self.fields: dict[str, dict[str, Column]] = {}  # table -> key -> column
        self.facts: dict[str, Fact] = {}

    def problem(self, where: str, message: str) -> None:
        self.problems.note(where, message)

    def profile(self, path: str) -> Profile:
        declared = self.declared
        self._sections()
        own = tuple(self._sheet(sheet) for sheet in declared.sheets)
        self._check_tabs(own)
        sheets = _placed((*own, self._signoff()))
        for sheet in sheets:
            for table in sheet.tables:
                self._check_table(sheet, table)
        self._check_settings()
        checks = []
        for spec in declared.check_specs:
            try:
                checks.append(build_check(spec, RefContext(
                    {name: dict(columns) for name, columns in self.fields.items()},
                    dict(self.facts))))
            except ValueError as exc:
                self.problem(f"check {spec.id!r}", str(exc))
        self._unique("check", [c.id for c in declared.check_specs])
        headlines = tuple(h for h in declared.headlines if self._headline(h))
        self._unique("headline", [h.key for h in declared.headlines])
        statutory, problems = statutory_map(declared.statutory, self.section_ids, self.tables,
                                            self.facts)
        self.problems.meaning += problems
        profile = replace(declared, sheets=sheets, checks=tuple(checks), headlines=headlines,
                          statutory=statutory, source=path)
        self._check_section_options(profile)
        self._check_quotes(profile)
        self._check_versions(profile)
        return profile

    def _unique(self, what: str, names: Sequence[str]) -> None:
        seen: set[str] = set()
        for name in names:
            if name in seen:
                self.problems.meaning.append(f"{what} {name!r} is declared twice")
            seen.add(name)

    # -- sections and tabs --

    def _sections(self) -> None:
        tabs = [t.name for t in self.declared.sheets]
        for s in self.declared.sections:
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
        self._unique("section", self.section_ids)

    def _check_tabs(self, sheets: Sequence[Sheet]) -> None:
        owners = self.declared.owners
        self._unique("tab", [t.name for t in sheets])
        for sheet in sheets:
            if sheet.name in RESERVED_TABS:
                self.problem(f"tab {sheet.name!r}", "this name is kept for the tool's own tabs")
            if sheet.owner not in owners:
                self.problem(f"tab {sheet.name!r}", f"the owner {sheet.owner!r} has no colour "
                             f"under owners{_did_you_mean(sheet.owner, owners)}")
        self._unique("table", [t.name for sheet in sheets for t in sheet.tables]
                     + [SIGNOFF_TABLE])

    def _sheet(self, sheet: Sheet) -> Sheet:
        """The tab with its Report text table added (``text:`` in the file)."""
        for table in sheet.tables:
            self._table(sheet, table)
        if sheet.narrative is None:
            return sheet
        for section_id in sheet.narrative.sections:
            if section_id not in self.section_ids:
                self.problem(f"tab {sheet.name!r}, text", f"there is no section "
                             f"{section_id!r}{_did_you_mean(section_id, self.section_ids)}")
        text = narrative_table(sheet.narrative.table, self._labels(sheet.narrative.sections))
        self.tables[text.name] = text
        self.fields[text.name] = {c.key: c for c in text.columns}
        return replace(sheet, tables=(*sheet.tables, text))

    def _signoff(self) -> Sheet:
        """The Sign-off tab every profile has, owned by whoever owns Settings."""
        owner = next((sheet.owner for sheet in self.declared.sheets
                      if any(t.name == SETTINGS_TABLE for t in sheet.tables)),
                     next(iter(self.declared.owners), ""))
        sheet = signoff_sheet(owner)
        for table in sheet.tables:
            self.tables[table.name] = table
            self.fields[table.name] = {c.key: c for c in table.columns}
        return sheet

    def _labels(self, section_ids: Sequence[str]) -> tuple[str, ...]:
        by_id = {s.id: s for s in self.declared.sections}
        return tuple(by_id[i].label for i in section_ids if i in by_id)

    # -- tables --

    def _table(self, sheet: Sheet, table: Table) -> None:
        where = f"tab {sheet.name!r}, table {table.name!r}"
        if not table.columns:
            self.problem(where, "give either fields (a table of rows) or facts (a Key figures "
                         "table)")
        self._unique(f"{where}: field", [c.key for c in table.columns])
        for fact in table.facts:
            if fact.key in self.facts:
                self.problem(where, f"the figure {fact.key!r} is declared twice")
            self.facts[fact.key] = fact
        self.tables[table.name] = table
        self.fields[table.name] = {c.key: c for c in table.columns}
        for column in table.columns:
            here = f"{where}, field {column.key!r}"
            if column.kind is Kind.CHOICE and not column.choices:
                self.problem(here, "a choice field needs choices")
            if column.kind is Kind.FACT and not table.is_fact_table:
                self.problem(here, "type 'fact' is only for Key figures")
            if column.rating_declared and not set(column.choices) & set(RATING_LETTERS):
                self.problem(here, "rating: true needs choices among the letters the tool "
                             f"colours ({', '.join(RATING_LETTERS)})")
        for fact in table.facts:
            here = f"{where}, figure {fact.key!r}"
            if fact.kind is Kind.CHOICE and not fact.choices:
                self.problem(here, "a choice figure needs choices")
            if fact.kind in (Kind.FACT, Kind.MEASURE, Kind.TARGET):
                self.problem(here, f"type {fact.kind.value!r} is not for a single figure")

    def _check_table(self, sheet: Sheet, table: Table) -> None:
        where = f"tab {sheet.name!r}, table {table.name!r}"
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
            unreadable = any(p.startswith(f"{where}, field {column.key!r}, compute")
                             for p in self.problems.meaning)
            if (column.role is Role.COMPUTED and column.compute is None
                    and column.key not in computed_by_behaviour and not unreadable):
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
            self.problems.meaning.append(f"the profile needs a Key figures table named "
                                         f"{SETTINGS_TABLE} (the Settings tab)")
            return
        present = {f.key for f in settings.facts}
        self.problems.meaning += framework_choices(settings)
        for key in REQUIRED_SETTINGS:
            if key not in present:
                self.problems.meaning.append(f"table {SETTINGS_TABLE}: the setting {key!r} is "
                                             "missing")

    # -- headlines and section options --

    def _headline(self, h: HeadlineSpec) -> bool:
        """Whether the headline's source names real tables, columns and figures."""
        where = f"headline {h.key!r}"
        source = h.source
        if not isinstance(source, Call):
            return False  # its formula could not be read: already a problem
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
        return True

    def _check_section_options(self, profile: Profile) -> None:
        keys = {h.key for h in profile.headlines}
        for section in profile.sections:
            where = f"section {section.id!r}, options"
            wanted = section.options.get("headlines", [])
            if not isinstance(wanted, list | tuple):
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


    # -- quotes and versions --

    def _check_quotes(self, profile: Profile) -> None:
        """Every {quote} in a title, caption, header or note is one the tool can fill in."""
        figures = set(self.facts)

        def check(where: str, text: str, also: Iterable[str] = ()) -> None:
            for name in unknown(text, figures, also):
                close = difflib.get_close_matches(name, [*QUOTES, *figures, *also], n=1)
                hint = f" (did you mean {{{close[0]}}}?)" if close else ""
                self.problem(where, f"{{{name}}} is not something the tool can fill in"
                             f"{hint}; it can quote {known_list()} and any key figure by "
                             "its Ref")

        for section in profile.sections:
            check(f"section {section.id!r}, title", section.title)
        for sheet, table in profile.iter_tables():
            where = f"tab {sheet.name!r}, table {table.name!r}"
            if quoted(table.title):
                self.problem(f"{where}, title", "a table's title cannot quote anything: "
                             "chairs name the table by its title in Report text. Put "
                             f"{{{quoted(table.title)[0]}}} in its report: caption instead")
            d = table.display
            check(f"{where}, report, caption", d.caption)
            for key, text in (*d.headers.items(), *d.blanks.items()):
                check(f"{where}, report, {key!r}", text)
            for note in d.notes:
                check(f"{where}, report, notes", note)
            if d.chart is not None:
                check(f"{where}, report, chart", f"{d.chart.caption} {d.chart.label}")
            if d.group is not None:
                lookup = self.fields.get(d.group.lookup or "", {})
                also = [*lookup, d.group.column]
                for text in (d.group.caption, *d.group.notes):
                    check(f"{where}, report, group", text, also)

    def _check_versions(self, profile: Profile) -> None:
        """A since: later than the profile's own version would hide what it marks from
        every workbook made with this version."""
        own = version_key(profile.version)

        def check(where: str, since: str | None) -> None:
            if since is not None and version_key(since) > own:
                self.problem(where, f"since: '{since}' is later than the profile's own "
                             f"version '{profile.version}', so workbooks made with it would "
                             f"not have it: raise version: to '{since}', or lower since:")

        for sheet, table in profile.iter_tables():
            where = f"tab {sheet.name!r}, table {table.name!r}"
            check(where, table.since)
            for column in table.columns:
                check(f"{where}, field {column.key!r}", column.since)
            for fact in table.facts:
                check(f"{where}, figure {fact.key!r}", fact.since)


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
        blank_rows=min(40, 6 + 4 * len(labels)),  # a few paragraphs for each section
        rollover=TableRollover(
            "standing", carry=MappingProxyType({"previous_text": "text"}), clear=("text",),
            keep_if=MappingProxyType({"style": PLACEMENT_STYLES}),
            tally="Report text moved to 'Last year's text', Text left to write"),
        display=Display(hidden=True),
    )


__all__ += ["RefContext", "narrative_table"]

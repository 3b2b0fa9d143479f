"""Plain data (a profile's YAML) into the profile's declarations, with every problem at once.

The declarations in :mod:`.model` are the one description of a profile: each field's type,
default and constraints are written on the field itself, with :data:`typing.Annotated`
markers from this module::

    key: Annotated[str, Key("name"), IDENTIFIER]          # written "name:" in the file
    width: Annotated[int | None, Between(3, 255)] = None
    compute: Annotated[Call | None, Convert(formula(COLUMN_FUNCTIONS))] = None

:func:`decode` reads a mapping into such a class: each key is checked against the field
it names (an unknown key is a problem, with the nearest known key), each value against the
field's type and markers, nested declarations in turn, and a missing field without a
default is a problem. Every problem is collected, in the profile's own words ("tab
'Performance', table 'tblIndicators', field 'valu': ..."), instead of stopping at the
first. What the shape cannot tell (that a name refers to something that exists) is
checked afterwards by :mod:`.loader`.
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import functools
import re
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

__all__ = ["Key", "Pattern", "Length", "Between", "Items", "Convert", "Problems", "decode",
           "FIXED", "Fixed", "label_of"]


@dataclasses.dataclass(frozen=True)
class Key:
    """The field is written under this key in the file (the attribute has another name)."""

    name: str


@dataclasses.dataclass(frozen=True)
class Pattern:
    """Text matching ``regex``; ``what`` says in words what is allowed."""

    regex: str
    what: str

    @functools.cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self.regex)


@dataclasses.dataclass(frozen=True)
class Length:
    """Text of ``low`` to ``high`` characters."""

    low: int = 0
    high: int | None = None


@dataclasses.dataclass(frozen=True)
class Between:
    """A number from ``low`` to ``high``; ``above`` makes ``low`` itself not allowed."""

    low: float | None = None
    high: float | None = None
    above: bool = False


@dataclasses.dataclass(frozen=True)
class Items:
    """A list of ``low`` to ``high`` items."""

    low: int = 0
    high: int | None = None


@dataclasses.dataclass(frozen=True)
class Convert:
    """A value the file writes as text (a formula, a rule) and the declaration holds parsed.

    ``function(value, where, problems)`` returns the parsed value, or None after adding a
    problem. It is given the raw value, before any other check."""

    function: Callable[[Any, str, Problems], Any]


class Fixed:
    """Marks a field the tool sets, never the file (where a table sits, for instance)."""


FIXED = Fixed()


class Problems(list[str]):
    """Problems found so far, each ``"<where>: <what>"``.

    :meth:`add` is a problem of shape: the value cannot be used, so neither can what holds
    it. :meth:`note` is a problem of meaning (a formula naming an unknown function, a name
    that refers to nothing): the declaration is still built, so that every other meaning
    problem is found in the same pass; :attr:`meaning` holds them."""

    def __init__(self) -> None:
        super().__init__()
        self.meaning: list[str] = []

    def add(self, where: str, what: str) -> None:
        self.append(f"{where}: {what}" if where else what)

    def note(self, where: str, what: str) -> None:
        self.meaning.append(f"{where}: {what}" if where else what)

    @property
    def all(self) -> list[str]:
        return [*self, *self.meaning]


# --- the classes' fields, read once ---------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Field:
    name: str  # the attribute
    key: str  # the key in the file
    type: Any
    markers: tuple[object, ...]
    required: bool


@functools.cache
def _fields(cls: type) -> tuple[_Field, ...]:
    hints = typing.get_type_hints(cls, include_extras=True)
    out = []
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        markers: tuple[object, ...] = ()
        if typing.get_origin(hint) is typing.Annotated:
            hint, *extra = typing.get_args(hint)
            markers = tuple(extra)
        if any(isinstance(m, Fixed) for m in markers) or not f.init:
            continue
        key = next((m.name for m in markers if isinstance(m, Key)), f.name)
        required = (f.default is dataclasses.MISSING
                    and f.default_factory is dataclasses.MISSING)
        out.append(_Field(f.name, key, hint, markers, required))
    return tuple(out)


def label_of(cls: type) -> tuple[str, str] | None:
    """How items of ``cls`` in a list are named in messages: (noun, key of their name)."""
    label = getattr(cls, "LABEL", None)
    return label if isinstance(label, tuple) else None


# --- decoding ---------------------------------------------------------------------------------
#
# Each field's type is turned, once, into a reader: a function of (value, where, problems)
# that checks and converts one value. Reading a profile then costs a call per value, not a
# walk through its type annotations.

Reader = Callable[[Any, str, Problems], Any]


def decode(cls: type, data: object, where: str, problems: Problems) -> Any:  # noqa: ANN401
    """``data`` (a mapping) as an instance of the declaration ``cls``; None if it cannot be
    one (the problems are added)."""
    return _class_reader(cls)(data, where, problems)


@functools.cache
def _class_reader(cls: type) -> Reader:
    fields = [(f, _reader(f.type, f.markers)) for f in _fields(cls)]
    by_key = {f.key: f for f, _ in fields}

    def read(data: Any, where: str, problems: Problems) -> Any:  # noqa: ANN401
        if not isinstance(data, Mapping):
            problems.add(where, f"expected a mapping of keys, not {_shown(data)}")
            return None
        ok = True
        for key in data:
            if key not in by_key:
                ok = False
                hint = _nearest(str(key), by_key)
                problems.add(where, f"unknown key {str(key)!r}{hint} (check its spelling; in "
                             "a {...} line, a value with a comma or colon must be in quotes)")
        values: dict[str, Any] = {}
        for f, reader in fields:
            if f.key not in data:
                if f.required:
                    ok = False
                    problems.add(where, f"{f.key!r} is missing")
                continue
            before = len(problems)
            value = reader(data[f.key], _join(where, f.key), problems)
            if len(problems) > before:
                ok = False
                continue
            values[f.name] = value
        if not ok:
            return None
        try:
            return cls(**values)
        except (TypeError, ValueError) as exc:
            problems.add(where, str(exc))
            return None

    return read


@functools.cache
def _reader(hint: Any, markers: tuple[object, ...]) -> Reader:  # noqa: ANN401, C901
    """The reader of one type, with its markers (see the module notes)."""
    if typing.get_origin(hint) is typing.Annotated:
        hint, *extra = typing.get_args(hint)
        markers = (*markers, *extra)
    convert = next((m for m in markers if isinstance(m, Convert)), None)
    if convert is not None:
        optional = type(None) in typing.get_args(hint)

        def converted(raw: Any, where: str, problems: Problems) -> Any:  # noqa: ANN401
            if raw is None and optional:
                return None
            return convert.function(raw, where, problems)

        return converted
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _union_reader(hint, markers)
    if origin is typing.Literal:
        return _literal_reader(typing.get_args(hint))
    if origin in (tuple, list):
        return _sequence_reader(hint, markers)
    if origin in (dict, Mapping) or hint is Mapping:
        return _mapping_reader(hint, markers)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _class_reader(hint)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _enum_reader(hint)
    if hint is bool:
        return _bool
    if hint in (int, float):
        return _number_reader(hint, tuple(m for m in markers if isinstance(m, Between)))
    if hint is str:
        return _text_reader(tuple(m for m in markers if isinstance(m, Length | Pattern)))
    if hint is Any or hint is object:
        return lambda raw, where, problems: raw
    raise TypeError(f"a declaration uses a type the decoder does not know: {hint!r}")


def _union_reader(hint: Any, markers: tuple[object, ...]) -> Reader:  # noqa: ANN401
    args = typing.get_args(hint)
    options = [a for a in args if a is not type(None)]
    optional = len(options) < len(args)
    readers = [_reader(option, markers) for option in options]
    if len(readers) == 1:
        only = readers[0]

        def one(raw: Any, where: str, problems: Problems) -> Any:  # noqa: ANN401
            return None if raw is None and optional else only(raw, where, problems)

        return one

    def first(raw: Any, where: str, problems: Problems) -> Any:  # noqa: ANN401
        if raw is None and optional:
            return None
        for reader in readers:  # the first that takes the value without a problem
            trial = Problems()
            value = reader(raw, where, trial)
            if not trial:
                return value
        problems.add(where, f"{_shown(raw)} is not allowed here")
        return None

    return first


def _literal_reader(allowed: tuple[Any, ...]) -> Reader:
    def literal(raw: Any, where: str, problems: Problems) -> Any:  # noqa: ANN401
        if raw in allowed and type(raw) is type(next(a for a in allowed if a == raw)):
            return raw
        problems.add(where, f"{_shown(raw)} is not one of "
                     f"{', '.join(repr(a) for a in allowed)}")
        return None

    return literal


def _enum_reader(kind: type[enum.Enum]) -> Reader:
    def member(raw: Any, where: str, problems: Problems) -> Any:  # noqa: ANN401
        try:
            return kind(raw)
        except ValueError:
            problems.add(where, f"{_shown(raw)} is not one of "
                         f"{', '.join(repr(m.value) for m in kind)}")
            return None

    return member


def _bool(raw: Any, where: str, problems: Problems) -> Any:  # noqa: ANN401
    if isinstance(raw, bool):
        return raw
    problems.add(where, f"{_shown(raw)} is not true or false")
    return None


def _number_reader(kind: type, bounds: tuple[Between, ...]) -> Reader:
    whole = kind is int

    def number(raw: Any, where: str, problems: Problems) -> Any:  # noqa: ANN401
        if isinstance(raw, bool) or not isinstance(raw, int if whole else int | float):
            problems.add(where, f"{_shown(raw)} is not "
                         + ("a whole number" if whole else "a number"))
            return None
        value = raw if whole else float(raw)
        for marker in bounds:
            low, high = marker.low, marker.high
            if low is not None and (value < low or (marker.above and value == low)):
                problems.add(where, f"{value:g} is too small: it must be "
                             f"{'more than' if marker.above else 'at least'} {low:g}")
                return None
            if high is not None and value > high:
                problems.add(where, f"{value:g} is too large: it must be at most {high:g}")
                return None
        return value

    return number


def _text_reader(markers: tuple[Length | Pattern, ...]) -> Reader:
    def text(raw: Any, where: str, problems: Problems) -> Any:  # noqa: ANN401
        if not isinstance(raw, str):
            problems.add(where, f"{_shown(raw)} is not text (put it in quotes)")
            return None
        value = raw.strip()
        for marker in markers:
            if isinstance(marker, Length):
                if len(value) < marker.low:
                    problems.add(where, "this cannot be empty" if marker.low == 1 else
                                 f"write at least {marker.low} characters")
                    return None
                if marker.high is not None and len(value) > marker.high:
                    problems.add(where, f"at most {marker.high:,} characters, not "
                                 f"{len(value):,}")
                    return None
            elif not marker.compiled.fullmatch(value):
                problems.add(where, f"{value!r} is not allowed: use {marker.what}")
                return None
        return value

    return text


def _sequence_reader(hint: Any, markers: tuple[object, ...]) -> Reader:  # noqa: ANN401
    sizes = tuple(m for m in markers if isinstance(m, Items))
    args = typing.get_args(hint)
    item = args[0] if args else Any
    inner: tuple[object, ...] = ()
    if typing.get_origin(item) is typing.Annotated:
        item, *extra = typing.get_args(item)
        inner = tuple(extra)
    label = label_of(item) if isinstance(item, type) else None
    read_item = _reader(item, inner)

    def sequence(raw: Any, where: str, problems: Problems) -> Any:  # noqa: ANN401
        if isinstance(raw, str) or not isinstance(raw, Sequence):
            problems.add(where, f"expected a list, not {_shown(raw)}")
            return None
        if not _sized(raw, sizes, where, problems):
            return None
        return tuple(read_item(value, _item_where(where, index, value, label), problems)
                     for index, value in enumerate(raw))

    return sequence


def _sized(raw: Sequence[Any] | Mapping[Any, Any], sizes: tuple[Items, ...], where: str,
           problems: Problems) -> bool:
    """Whether ``raw`` holds as many items as its ``Items`` markers allow (else a problem)."""
    for marker in sizes:
        if len(raw) < marker.low:
            problems.add(where, f"give at least {marker.low} item(s)")
            return False
        if marker.high is not None and len(raw) > marker.high:
            problems.add(where, f"give at most {marker.high} item(s)")
            return False
    return True


def _mapping_reader(hint: Any, markers: tuple[object, ...]) -> Reader:  # noqa: ANN401
    sizes = tuple(m for m in markers if isinstance(m, Items))
    args = typing.get_args(hint)
    key_hint, value_hint = args if len(args) == 2 else (Any, Any)
    read_key, read_value = _reader(key_hint, ()), _reader(value_hint, ())

    def mapping(raw: Any, where: str, problems: Problems) -> Any:  # noqa: ANN401
        if not isinstance(raw, Mapping):
            problems.add(where, f"expected a mapping of keys, not {_shown(raw)}")
            return None
        if not _sized(raw, sizes, where, problems):
            return None
        return MappingProxyType({
            read_key(key, where, problems): read_value(value, _join(where, repr(str(key))),
                                                       problems)
            for key, value in raw.items()})

    return mapping


def _item_where(where: str, index: int, value: object, label: tuple[str, str] | None) -> str:
    """'tab 'Performance'' for the item named Performance in tabs:, else 'tabs, item 3'."""
    if label is not None:
        noun, key = label
        name = value.get(key) if isinstance(value, Mapping) else None
        here = f"{noun} {name!r}" if isinstance(name, str) and name else \
            f"{noun} {index + 1}"
        return _parent(where, here)
    return _join(where, f"item {index + 1}")


def _parent(where: str, here: str) -> str:
    """Drop the list's own key ('..., tables') before its item ('..., table 'x'')."""
    parent = where.rsplit(", ", 1)[0] if ", " in where else ""
    return _join(parent, here)


def _join(where: str, part: str) -> str:
    return f"{where}, {part}" if where else part


def _nearest(word: str, options: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _shown(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."

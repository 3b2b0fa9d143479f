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


def decode(cls: type, data: object, where: str, problems: Problems) -> Any:  # noqa: ANN401
    """``data`` (a mapping) as an instance of the declaration ``cls``; None if it cannot be
    one (the problems are added)."""
    if not isinstance(data, Mapping):
        problems.add(where, f"expected a mapping of keys, not {_shown(data)}")
        return None
    fields = _fields(cls)
    by_key = {f.key: f for f in fields}
    ok = True
    for key in data:
        if key not in by_key:
            ok = False
            hint = _nearest(str(key), by_key)
            problems.add(where, f"unknown key {str(key)!r}{hint} (check its spelling; in a "
                         "{...} line, a value with a comma or colon must be in quotes)")
    values: dict[str, Any] = {}
    for f in fields:
        if f.key not in data:
            if f.required:
                ok = False
                problems.add(where, f"{f.key!r} is missing")
            continue
        here = _join(where, f.key)
        before = len(problems)
        value = _value(f.type, f.markers, data[f.key], here, problems)
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


_NOTHING = object()


def _value(hint: Any, markers: Sequence[object], raw: object, where: str,  # noqa: ANN401
           problems: Problems) -> Any:  # noqa: ANN401
    if typing.get_origin(hint) is typing.Annotated:
        hint, *extra = typing.get_args(hint)
        markers = (*markers, *extra)
    convert = next((m for m in markers if isinstance(m, Convert)), None)
    if convert is not None:
        if raw is None and _optional(hint):
            return None
        return convert.function(raw, where, problems)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if raw is None and len(options) < len(typing.get_args(hint)):
            return None
        if len(options) == 1:
            return _value(options[0], markers, raw, where, problems)
        for option in options:  # the first that takes the value without a problem
            trial = Problems()
            value = _value(option, markers, raw, where, trial)
            if not trial:
                return value
        problems.add(where, f"{_shown(raw)} is not allowed here")
        return None
    if origin is typing.Literal:
        allowed = typing.get_args(hint)
        if raw in allowed and type(raw) is type(next(a for a in allowed if a == raw)):
            return raw
        problems.add(where, f"{_shown(raw)} is not one of "
                     f"{', '.join(repr(a) for a in allowed)}")
        return None
    if origin in (tuple, list):
        return _sequence(hint, markers, raw, where, problems)
    if origin in (dict, Mapping) or hint is Mapping:
        return _mapping(hint, markers, raw, where, problems)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return decode(hint, raw, where, problems)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        try:
            return hint(raw)
        except ValueError:
            problems.add(where, f"{_shown(raw)} is not one of "
                         f"{', '.join(repr(m.value) for m in hint)}")
            return None
    if hint is bool:
        if isinstance(raw, bool):
            return raw
        problems.add(where, f"{_shown(raw)} is not true or false")
        return None
    if hint is int:
        if isinstance(raw, int) and not isinstance(raw, bool):
            return _between(raw, markers, where, problems)
        problems.add(where, f"{_shown(raw)} is not a whole number")
        return None
    if hint is float:
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return _between(float(raw), markers, where, problems)
        problems.add(where, f"{_shown(raw)} is not a number")
        return None
    if hint is str:
        return _text(raw, markers, where, problems)
    if hint is Any or hint is object:
        return raw
    raise TypeError(f"a declaration uses a type the decoder does not know: {hint!r}")


def _optional(hint: Any) -> bool:  # noqa: ANN401
    return type(None) in typing.get_args(hint)


def _text(raw: object, markers: Sequence[object], where: str, problems: Problems) -> str | None:
    if not isinstance(raw, str):
        problems.add(where, f"{_shown(raw)} is not text (put it in quotes)")
        return None
    text = raw.strip()
    for marker in markers:
        if isinstance(marker, Length):
            if len(text) < marker.low:
                problems.add(where, "this cannot be empty" if marker.low == 1 else
                             f"write at least {marker.low} characters")
                return None
            if marker.high is not None and len(text) > marker.high:
                problems.add(where, f"at most {marker.high:,} characters, not {len(text):,}")
                return None
        elif isinstance(marker, Pattern) and not marker.compiled.fullmatch(text):
            problems.add(where, f"{text!r} is not allowed: use {marker.what}")
            return None
    return text


def _between(number: float, markers: Sequence[object], where: str,
             problems: Problems) -> float | None:
    for marker in markers:
        if not isinstance(marker, Between):
            continue
        low, high = marker.low, marker.high
        if low is not None and (number < low or (marker.above and number == low)):
            problems.add(where, f"{number:g} is too small: it must be "
                         f"{'more than' if marker.above else 'at least'} {low:g}")
            return None
        if high is not None and number > high:
            problems.add(where, f"{number:g} is too large: it must be at most {high:g}")
            return None
    return number


def _sequence(hint: Any, markers: Sequence[object], raw: object, where: str,  # noqa: ANN401
              problems: Problems) -> tuple[Any, ...] | None:
    if isinstance(raw, str) or not isinstance(raw, Sequence):
        problems.add(where, f"expected a list, not {_shown(raw)}")
        return None
    for marker in markers:
        if isinstance(marker, Items):
            if len(raw) < marker.low:
                problems.add(where, f"give at least {marker.low} item(s)")
                return None
            if marker.high is not None and len(raw) > marker.high:
                problems.add(where, f"give at most {marker.high} item(s)")
                return None
    args = typing.get_args(hint)
    item = args[0] if args else Any
    inner: tuple[object, ...] = ()
    if typing.get_origin(item) is typing.Annotated:
        item, *extra = typing.get_args(item)
        inner = tuple(extra)
    label = label_of(item) if isinstance(item, type) else None
    out = []
    for index, value in enumerate(raw):
        here = _item_where(where, index, value, label)
        out.append(_value(item, inner, value, here, problems))
    return tuple(out)


def _mapping(hint: Any, markers: Sequence[object], raw: object, where: str,  # noqa: ANN401
             problems: Problems) -> Mapping[Any, Any] | None:
    if not isinstance(raw, Mapping):
        problems.add(where, f"expected a mapping of keys, not {_shown(raw)}")
        return None
    for marker in markers:
        if isinstance(marker, Items) and len(raw) < marker.low:
            problems.add(where, f"give at least {marker.low} item(s)")
            return None
    args = typing.get_args(hint)
    key_hint, value_hint = args if len(args) == 2 else (Any, Any)
    out = {}
    for key, value in raw.items():
        name = _value(_bare(key_hint), _markers(key_hint), key, where, problems)
        here = _join(where, repr(str(key)))
        out[name] = _value(_bare(value_hint), _markers(value_hint), value, here, problems)
    return MappingProxyType(out)


def _bare(hint: Any) -> Any:  # noqa: ANN401
    return typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint


def _markers(hint: Any) -> tuple[object, ...]:  # noqa: ANN401
    return tuple(typing.get_args(hint)[1:]) if typing.get_origin(hint) is typing.Annotated \
        else ()


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

"""The small formula language a board profile uses for figures that are worked out.

A profile writes what the tool computes, how a cross-check finds its figures and where a
headline comes from as short calls that read like a spreadsheet formula::

    ratio(re_referrals, referrals)
    change(training_total, last_year(tblTrainingYears, attendees))
    sum(tblTraining, attendees, where(domestic_abuse, Yes))
    cell(tblTraining, "Better together roadshows", attendees)
    year(tblLookedAfter, number, -1)

A bare word is a name (a column, a table or a key figure, as the call decides); a quoted
string or a number is a literal; ``[a, b]`` is a list; ``name=value`` is a keyword. The
parser only builds the tree: each caller checks that the call is one it knows and that its
arguments are the right sort, so a typing mistake in a profile is reported with the
profile's own words ("unknown function 'ratoi'").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Expr", "Name", "Literal", "ListOf", "Call", "ExprError", "parse_expr"]

MAX_LENGTH = 2_000  # a formula in a profile is a line, not a program
MAX_DEPTH = 8


class ExprError(ValueError):
    """A formula that cannot be read; the message says where and why."""


@dataclass(frozen=True)
class Name:
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Literal:
    value: str | float | int

    def __str__(self) -> str:
        return repr(self.value) if isinstance(self.value, str) else str(self.value)


@dataclass(frozen=True)
class ListOf:
    items: tuple[Expr, ...]

    def __str__(self) -> str:
        return "[" + ", ".join(map(str, self.items)) + "]"


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Expr, ...] = ()
    keywords: tuple[tuple[str, Expr], ...] = field(default=())

    def keyword(self, key: str) -> Expr | None:
        return next((value for k, value in self.keywords if k == key), None)

    def __str__(self) -> str:
        parts = [*map(str, self.args), *(f"{k}={v}" for k, v in self.keywords)]
        return f"{self.name}({', '.join(parts)})"


Expr = Name | Literal | ListOf | Call

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
  | (?P<number>[+-]?\d+(?:\.\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_.]*)
  | (?P<punct>[(),=\[\]])
""", re.VERBOSE)


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            raise ExprError(f"cannot read {text[position:position + 12]!r} at character "
                            f"{position + 1} of {text!r}")
        kind = match.lastgroup or ""
        if kind != "space":
            out.append((kind, match.group(), position))
        position = match.end()
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.at = 0

    def fail(self, why: str) -> ExprError:
        where = self.tokens[self.at][2] + 1 if self.at < len(self.tokens) else len(self.text)
        return ExprError(f"{why} at character {where} of {self.text!r}")

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, punct: str) -> bool:
        token = self.peek()
        if token is not None and token[0] == "punct" and token[1] == punct:
            self.at += 1
            return True
        return False

    def expect(self, punct: str) -> None:
        if not self.take(punct):
            raise self.fail(f"expected '{punct}'")

    def expression(self, depth: int = 0) -> Expr:
        if depth > MAX_DEPTH:
            raise self.fail("too deeply nested")
        token = self.peek()
        if token is None:
            raise self.fail("expected a value")
        kind, text, _ = token
        if kind == "string":
            self.at += 1
            return Literal(re.sub(r"\\(.)", r"\1", text[1:-1]))
        if kind == "number":
            self.at += 1
            return Literal(float(text) if "." in text else int(text))
        if kind == "punct" and text == "[":
            self.at += 1
            items = self.sequence("]", depth)
            return ListOf(tuple(item for item in items if not isinstance(item, tuple)))
        if kind == "name":
            self.at += 1
            if self.take("("):
                args: list[Expr] = []
                keywords: list[tuple[str, Expr]] = []
                for item in self.sequence(")", depth, keywords_allowed=True):
                    if isinstance(item, tuple):
                        keywords.append(item)
                    elif keywords:
                        raise self.fail("a plain value after a keyword")
                    else:
                        args.append(item)
                return Call(text, tuple(args), tuple(keywords))
            return Name(text)
        raise self.fail(f"unexpected {text!r}")

    def sequence(self, close: str, depth: int, *,
                 keywords_allowed: bool = False) -> list[Expr | tuple[str, Expr]]:
        items: list[Expr | tuple[str, Expr]] = []
        if self.take(close):
            return items
        while True:
            token = self.peek()
            following = self.tokens[self.at + 1] if self.at + 1 < len(self.tokens) else None
            if (keywords_allowed and token is not None and token[0] == "name"
                    and following is not None and following[1] == "="):
                self.at += 2
                items.append((token[1], self.expression(depth + 1)))
            else:
                items.append(self.expression(depth + 1))
            if self.take(close):
                return items
            self.expect(",")


def parse_expr(text: str) -> Expr:
    """The tree of one formula; :class:`ExprError` says plainly what is wrong with it."""
    if not isinstance(text, str) or not text.strip():
        raise ExprError("the formula is empty")
    if len(text) > MAX_LENGTH:
        raise ExprError(f"the formula is {len(text):,} characters long")
    parser = _Parser(text)
    tree = parser.expression()
    if parser.peek() is not None:
        raise parser.fail("unexpected text after the formula")
    return tree

"""A profile's cross-checks, from their written form to the declarations validation runs.

A reference names one figure::

    cp_plans_now                                  a key figure
    year(tblLookedAfter, number)                  the reporting year's row of a series
    year(tblLookedAfter, number, -1)              ... the year before
    year_of(tblChildProtection, number, cp_plans_before_date)
                                                  ... the year ending on a date figure
    cell(tblIndicators, "CS2.3", value)           the row whose key is CS2.3
    sum(tblTraining, attendees, where(domestic_abuse, Yes))
    sum(tblLadoEmployers, [physical, emotional])  several columns added up
    sum(tblCdopCategory, deaths, where(area, "This area"), year_is=cdop_year)

and an equation reads as it would on paper: ``s11_valid = s11_submitted - s11_partial``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from xl_addin.schema.crossref import (
    AtLeast,
    CellRef,
    Check,
    Equation,
    FactRef,
    GroupTotalsAgree,
    PercentOf,
    Ref,
    RowEquation,
    RowPercent,
    RowRate,
    Same,
    SumRef,
    YearRef,
)
from xl_addin.schema.expr import Call, Expr, ExprError, ListOf, Literal, Name, parse_expr

if TYPE_CHECKING:
    from xl_addin.schema.model import CheckSpec

__all__ = ["build_check", "parse_ref", "split_equation", "RefNames"]

KINDS = ("same", "at_least", "equation", "percent_of", "row_percent", "row_equation",
         "row_rate", "group_totals")


class RefNames(Protocol):
    """The names a reference may use: each table's fields, and the key figures."""

    @property
    def fields(self) -> dict[str, dict[str, object]]: ...

    @property
    def facts(self) -> dict[str, object]: ...


def _text(expr: Expr, what: str) -> str:
    if isinstance(expr, Name):
        return expr.text
    if isinstance(expr, Literal):
        return str(expr.value)
    raise ValueError(f"{expr} is not a {what}")


def _column(names: RefNames, table: str, column: str) -> str:
    if column not in names.fields[table]:
        raise ValueError(f"{table} has no field {column!r}")
    return column


def _table(names: RefNames, expr: Expr) -> str:
    table = _text(expr, "table")
    if table not in names.fields:
        raise ValueError(f"there is no table {table!r}")
    return table


def _fact(names: RefNames, expr: Expr) -> str:
    key = _text(expr, "key figure")
    if key not in names.facts:
        raise ValueError(f"{key!r} is not a key figure")
    return key


def parse_ref(text: str, names: RefNames) -> Ref:
    """One reference; ValueError says what is wrong with it."""
    try:
        tree = parse_expr(text)
    except ExprError as exc:
        raise ValueError(str(exc)) from None
    if isinstance(tree, Name):
        return FactRef(_fact(names, tree))
    if not isinstance(tree, Call):
        raise ValueError(f"{text!r} is not a reference")
    args = tree.args
    if tree.name in ("year", "year_of") and len(args) == 3 or tree.name == "year" and \
            len(args) == 2:
        table = _table(names, args[0])
        column = _column(names, table, _text(args[1], "field"))
        if tree.name == "year_of":
            return YearRef(table, column, date_fact=_fact(names, args[-1]))
        third = args[2] if len(args) == 3 else None
        offset = third.value if isinstance(third, Literal) else 0
        if not isinstance(offset, int):
            raise ValueError(f"{text!r}: the year offset must be a whole number such as -1")
        return YearRef(table, column, offset)
    if tree.name == "cell" and len(args) == 3:
        table = _table(names, args[0])
        return CellRef(table, _text(args[1], "row key"),
                       _column(names, table, _text(args[2], "field")))
    if tree.name == "sum" and len(args) >= 2:
        table = _table(names, args[0])
        columns = args[1].items if isinstance(args[1], ListOf) else (args[1],)
        where: list[tuple[str, tuple[str, ...]]] = []
        for condition in args[2:]:
            if not (isinstance(condition, Call) and condition.name == "where"
                    and len(condition.args) >= 2):
                raise ValueError(f"{text!r}: expected where(field, value, ...)")
            where.append((_column(names, table, _text(condition.args[0], "field")),
                          tuple(_text(v, "value") for v in condition.args[1:])))
        year_is = tree.keyword("year_is")
        return SumRef(table, tuple(_column(names, table, _text(c, "field")) for c in columns),
                      tuple(where), _fact(names, year_is) if year_is is not None else None)
    raise ValueError(f"{text!r} is not a reference: use a key figure, year(...), year_of(...), "
                     "cell(...) or sum(...)")


def split_equation(text: str) -> tuple[str, list[tuple[int, str]]]:
    """'a = b + c - d' -> ('a', [(1, 'b'), (1, 'c'), (-1, 'd')]), outside brackets and quotes."""
    depth, quote = 0, ""
    pieces: list[str] = []
    signs: list[str] = []
    current = ""
    for ch in text:
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif depth == 0 and ch in "=+-" and current.strip():
            pieces.append(current.strip())
            signs.append(ch)
            current = ""
            continue
        current += ch
    pieces.append(current.strip())
    if signs.count("=") != 1 or signs[0] != "=" or not all(pieces):
        raise ValueError(f"{text!r} is not an equation such as total = a + b - c")
    result, parts = pieces[0], pieces[1:]
    return result, [(-1 if sign == "-" else 1, part)
                    for sign, part in zip(["+", *signs[1:]], parts, strict=True)]


def build_check(spec: CheckSpec, names: RefNames) -> Check:
    chosen = [kind for kind in KINDS if getattr(spec, kind) is not None]
    if len(chosen) != 1:
        raise ValueError(f"give exactly one of {', '.join(KINDS)}")
    kind = chosen[0]
    if kind in ("same", "at_least", "percent_of"):
        refs = [parse_ref(text, names) for text in getattr(spec, kind)]
        if kind == "same":
            return Same(spec.id, spec.why, refs[0], refs[1], spec.tolerance)
        if kind == "at_least":
            return AtLeast(spec.id, spec.why, refs[0], refs[1])
        return PercentOf(spec.id, spec.why, refs[0], refs[1], refs[2])
    if kind == "equation":
        result, parts = split_equation(str(spec.equation))
        return Equation(spec.id, spec.why, parse_ref(result, names),
                        tuple((sign, parse_ref(part, names)) for sign, part in parts))
    if kind == "group_totals":
        tables = tuple(_table(names, Name(t)) for t in spec.group_totals or ())
        if spec.column is None:
            raise ValueError("group_totals needs the column added up")
        for table in tables:
            _column(names, table, spec.column)
        return GroupTotalsAgree(spec.id, spec.why, tables=tables, column=spec.column)
    if spec.table is None:
        raise ValueError(f"{kind} needs the table it checks")
    table = _table(names, Name(spec.table))
    if kind == "row_percent":
        percent, count, *base = [_column(names, table, c) for c in spec.row_percent or ()]
        return RowPercent(spec.id, spec.why, table=table, percent=percent, count=count,
                          base=base[0] if base else None)
    if kind == "row_rate":
        published, number, population = [_column(names, table, c) for c in spec.row_rate or ()]
        return RowRate(spec.id, spec.why, table=table, published=published, number=number,
                       population=population)
    result, parts = split_equation(str(spec.row_equation))
    columns = [(sign, _column(names, table, part)) for sign, part in parts]
    if result in names.fields[table]:
        return RowEquation(spec.id, spec.why, table=table, result=result, parts=tuple(columns))
    return RowEquation(spec.id, spec.why, table=table, result="", parts=tuple(columns),
                       plus_fact=_fact(names, Name(result)))

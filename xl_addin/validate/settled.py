"""Settle disagreements: give each one its sign-off key, and match the Sign-off tab's rows.

A *disagreement* (:data:`~xl_addin.core.findings.DISAGREEMENTS`) says two figures differ.
Before a final report it must be corrected in the workbook or signed off on the Sign-off
tab (:mod:`xl_addin.schema.signoff_tab`). A row there names its finding by the finding's
*sign-off key*: the rule, then what the finding is about, never where it is::

    check.same: same.cp-plans-now                       a cross-check of the profile
    check.percent: survey.answers [Involvement, Yes]    ... on one row of a table
    total.mismatch: tblSurveyAnswers [Involvement] responses
    rag.published: tblIndicators [HE2] published_rag
    text.figure: tblLadoNarrative [Referrals and outcomes] 279 lado_total

so inserting a row elsewhere, or moving a table, leaves it the same. :func:`settle` gives
every disagreement its key, attaches the sign-offs that match, and reports the rows that
match nothing (a typing slip, or a finding corrected since) and those half filled in.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Sequence
from dataclasses import replace

from xl_addin.core.findings import DISAGREEMENTS, Finding, Severity, SignOff
from xl_addin.schema.signoff_tab import SIGNOFF_TABLE
from xl_addin.tables.dataset import Dataset, TableData, records

__all__ = ["settle", "key_of", "row_name", "normal_key"]

MATCH = 0.85  # how alike a typed key and a finding's key must be to say "did you mean"


def normal_key(text: object) -> str:
    """A key compared loosely: case, spacing and surrounding quotes do not matter."""
    return " ".join(str(text or "").strip().strip("'\"‘’“”").split()).casefold()


def row_name(table: TableData, index: object, *, totals: bool = False) -> str:
    """How a row is known, from what it holds, never its position: its groups and its key
    (or year, or label); for a table with none of those, its first text."""
    spec = table.table
    rows = table.totals if totals else table.rows
    if index not in rows.index:
        return ""
    row = rows.loc[index]
    names = list(spec.groups)
    for key in (spec.year_column, spec.key, spec.label_column):
        if key and key not in names:
            names.append(key)
            break
    else:
        first = next((c.key for c in spec.columns if str(c.kind) == "text"
                      and row.get(c.key) is not None), None)
        if first and first not in names:
            names.append(first)
    if totals and spec.label_column and spec.label_column not in names:
        names.append(spec.label_column)
    parts = [str(row.get(n)) for n in names if row.get(n) is not None]
    return ", ".join(" ".join(p.split())[:60] for p in parts)


def _row_of(table: TableData, cell: str | None) -> tuple[object, bool] | None:
    """The index of the row holding ``cell`` (a body row, or a totals row)."""
    if not cell:
        return None
    for frame, totals in ((table.cells, False), (table.total_cells, True)):
        if frame.empty:
            continue
        hits = frame.index[(frame == cell).any(axis=1)]
        if len(hits):
            return hits[0], totals
    return None


def key_of(finding: Finding, data: Dataset) -> str | None:
    """A disagreement's sign-off key (its own, if it was given one where it was found)."""
    if finding.key or finding.rule not in DISAGREEMENTS:
        return finding.key
    if finding.figure:
        return f"{finding.rule}: {finding.figure}"
    table = data.tables.get(finding.table or "")
    if table is None:
        return f"{finding.rule}: {finding.table or finding.sheet}"
    found = _row_of(table, finding.cell)
    row = f" [{row_name(table, found[0], totals=found[1])}]" if found else ""
    column = f" {finding.column}" if finding.column else ""
    return f"{finding.rule}: {table.table.name}{row}{column}"


def settle(findings: Sequence[Finding], data: Dataset) -> list[Finding]:
    """Every finding, each disagreement with its key and any sign-off that matches it, then
    the findings about the Sign-off tab's own rows."""
    keyed = [replace(f, key=key_of(f, data)) if f.rule in DISAGREEMENTS else f
             for f in findings]
    table = data.tables.get(SIGNOFF_TABLE)
    if table is None:
        return keyed
    wanted = {normal_key(f.key): f for f in keyed if f.disagreement and f.key}
    errors = any(f.severity is Severity.ERROR for f in keyed)
    signed, notes = _signoffs(table, data, wanted, errors)
    out = [replace(f, signed=signed[normal_key(f.key)])
           if f.disagreement and normal_key(f.key) in signed else f for f in keyed]
    return out + notes


def _signoffs(table: TableData, data: Dataset, wanted: dict[str, Finding], errors: bool
              ) -> tuple[dict[str, SignOff], list[Finding]]:
    signed: dict[str, SignOff] = {}
    first_at: dict[str, str] = {}
    notes: list[Finding] = []
    sheet = table.sheet
    header = {c.key: c.header for c in table.table.columns}

    def note(severity: Severity, index: object, column: str, rule: str, message: str) -> None:
        notes.append(Finding(severity, sheet, str(table.cells.at[index, column]), rule,
                             message, SIGNOFF_TABLE, column))

    for index, row in records(table.rows):
        typed = row.get("finding")
        filled = [k for k in ("decision", "why", "who", "date") if _filled(row.get(k))]
        if not _filled(typed):
            if filled and data.row_ok(SIGNOFF_TABLE, index):
                note(Severity.WARNING, index, "finding", "signoff.incomplete",
                     "This sign-off names no finding: copy the finding's sign-off key from "
                     "the Validation tab (column Sign-off key) or from lscb-report validate "
                     "into Finding.")
            continue
        key = normal_key(typed)
        if key not in wanted:
            _unmatched(note, index, key, wanted, _known(key, data), errors)
            continue
        finding = wanted[key]
        missing = [k for k in ("decision", "why", "who", "date") if k not in filled]
        if missing:
            if data.row_ok(SIGNOFF_TABLE, index):
                names = " and ".join(f"'{header[k]}'" for k in missing)
                note(Severity.WARNING, index, missing[0], "signoff.incomplete",
                     f"This sign-off has no {names}, so it settles nothing yet: the finding "
                     f"at '{finding.sheet}'!{finding.cell} stays open until the row gives "
                     "the decision, why, who signed it off and when.")
            continue
        if key in signed:
            note(Severity.WARNING, index, "finding", "signoff.twice",
                 f"This finding is signed off twice: the row at {first_at[key]} counts and "
                 "this one is ignored. Delete one of them.")
            continue
        date = row["date"]
        day = date.date() if isinstance(date, dt.datetime) else date
        assert isinstance(day, dt.date)
        place = str(table.cells.at[index, "finding"])
        signed[key] = SignOff(str(row["decision"]), " ".join(str(row["why"]).split()),
                              " ".join(str(row["who"]).split()), day, sheet, place)
        first_at[key] = place
    return signed, notes


Note = Callable[[Severity, object, str, str, str], None]


def _unmatched(note: Note, index: object, key: str, wanted: dict[str, Finding],
               known: bool, errors: bool) -> None:
    """A sign-off naming no finding: one whose finding has gone (its key names a check, table
    or figure the workbook has), or a slip in typing the key."""
    if known:
        hidden = (" The workbook has errors, which stop some checks: if the figures are not "
                  "corrected, keep the row until the errors are fixed." if errors else "")
        note(Severity.INFO, index, "finding", "signoff.stale",
             "No finding has this key any more: the figures it was about agree now, or "
             f"were removed. Delete this row.{hidden}")
        return
    close = difflib.get_close_matches(key, list(wanted), n=1, cutoff=MATCH)
    if close:
        other = wanted[close[0]]
        note(Severity.WARNING, index, "finding", "signoff.key",
             f"No finding has this key. Did you mean '{other.key}' (the finding at "
             f"'{other.sheet}'!{other.cell})? Copy the key from the Validation tab or "
             "lscb-report validate, so that the sign-off counts.")
        return
    note(Severity.WARNING, index, "finding", "signoff.key",
         "This is not a finding's sign-off key. Copy the key from the Validation tab (column "
         "Sign-off key) or from lscb-report validate, where each disagreement gives its own.")


def _known(key: str, data: Dataset) -> bool:
    """Whether a key names a rule of disagreement and a cross-check, table or key figure the
    workbook's profile has: a key written right, whatever its finding's fate."""
    rule, colon, subject = key.partition(":")
    if not colon or rule.strip() not in DISAGREEMENTS:
        return False
    head = subject.strip().split(" ", 1)[0].split("[", 1)[0].casefold()
    profile = data.profile
    names = {c.id.casefold() for c in profile.checks}
    names |= {t.name.casefold() for _, t in profile.iter_tables()}
    names |= {f.key.casefold() for _, f in profile.iter_facts()}
    names |= {name.casefold() for name in data.tables}
    return head in names


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


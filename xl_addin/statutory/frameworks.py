"""The statutory frameworks a yearly report can be written under, read from frameworks.yaml.

Each :class:`Framework` (an edition of Working Together) lists what the report must
contain (:class:`Requirement`), when it must be published and where it must be sent. The
file ships with the tool; it is checked when first read, and every problem in it is
reported at once in one :class:`FrameworkError`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass
from importlib.resources import files
from typing import Annotated, Literal

from xl_addin.core import fmt
from xl_addin.core.cache import yaml_data
from xl_addin.core.decode import Between, Items, Length, Pattern, Problems, decode
from xl_addin.core.errors import LscbError

__all__ = ["Requirement", "Framework", "Publication", "FrameworkError", "frameworks",
           "framework", "requirement_ids", "words", "Words", "DEFAULT_FRAMEWORK",
           "RESERVED_IDS"]

DEFAULT_FRAMEWORK = "Working Together 2023"  # what a blank Settings cell means
RESERVED_IDS = frozenset({"deadline", "unmapped"})  # rule names the tool uses (statutory.*)

RequirementId = Annotated[str, Pattern(r"[a-z][a-z0-9_]{0,40}", "lower-case letters, digits "
                                       "and _")]
Text = Annotated[str, Length(1, 1_000)]


class FrameworkError(LscbError):
    """The shipped frameworks file cannot be used (a fault in the installation)."""

    exit_code = 3


@dataclass(frozen=True)
class Requirement:
    """One thing the yearly report must contain."""

    LABEL = ("requirement", "id")

    id: RequirementId  # its finding is statutory.<id>
    summary: Text  # in plain words
    reference: Text  # where the guidance says it
    paragraphs: Text | None = None  # the guidance's paragraph numbers, where read

    @property
    def rule(self) -> str:
        return f"statutory.{self.id}"

    @property
    def cited(self) -> str:
        """The reference as printed: with its paragraphs where they are known."""
        return f"{self.reference}, paragraphs {self.paragraphs}" if self.paragraphs \
            else self.reference


@dataclass(frozen=True)
class Deadline:
    """When the report is due: ``months`` after the period's end, or the next ``month`` and
    ``day`` after it; ``says`` puts the rule in words."""

    rule: Literal["months_after", "date_after"]
    says: Text
    months: Annotated[int | None, Between(1, 24)] = None
    month: Annotated[int | None, Between(1, 12)] = None
    day: Annotated[int | None, Between(1, 31)] = None


@dataclass(frozen=True)
class Circulation:
    """Who the published report goes to, and within how many days (None: on publishing)."""

    to: Annotated[tuple[Text, ...], Items(1)]
    within_days: Annotated[int | None, Between(1, 60)] = None


@dataclass(frozen=True)
class Words:
    """How the tool names the body, the report and its publisher under one edition."""

    body: Text  # "board" or "partnership": "the partnership's yearly report"
    report: Text  # "annual report" or "yearly report"
    publisher: Text  # who publishes it: "a Local Safeguarding Children Board"
    partners: Text  # who takes part: "the safeguarding partners"

    @property
    def report_title(self) -> str:
        """'Yearly Report', as on a cover."""
        return " ".join(word.capitalize() for word in self.report.split())


@dataclass(frozen=True)
class Source:
    """A public document read to write a framework's entry."""

    title: Text
    url: Text
    found: Text


@dataclass(frozen=True)
class Publication:
    """When a report must be published, and where it must then be sent."""

    framework: str  # "Working Together 2015"
    period_end: dt.date
    deadline: dt.date
    rule: str  # how the deadline is set, in words
    recipients: tuple[str, ...]
    within_days: int | None  # send within this many days of publishing; None: on publishing

    @property
    def sending(self) -> str:
        who = _listed(self.recipients)
        if self.within_days is None:
            return f"send it to {who}"
        return f"within {self.within_days} days of publishing it, send it to {who}"

    @property
    def sentence(self) -> str:
        """'Under Working Together 2015, publish this report by 31 March 2018 (...)...'"""
        return (f"Under {self.framework}, publish this report by {fmt.date(self.deadline)} "
                f"({self.rule}, which ended {fmt.date(self.period_end)}). Then "
                f"{self.sending}.")

    def to_dict(self) -> dict[str, object]:
        """JSON-ready, for the task pane."""
        return {"framework": self.framework, "deadline": self.deadline.isoformat(),
                "deadline_text": fmt.date(self.deadline), "rule": self.rule,
                "recipients": list(self.recipients), "within_days": self.within_days,
                "text": self.sentence}


@dataclass(frozen=True)
class Framework:
    """An edition of the statutory guidance a board reports under."""

    LABEL = ("framework", "name")

    id: RequirementId
    name: Text  # as chosen on the Settings tab: "Working Together 2015"
    title: Text
    body: Text  # who must publish the report
    words: Words
    guidance: Text
    law: Text
    publish: Deadline
    send: Circulation
    checked: Text  # what was read to write this entry
    requirements: Annotated[tuple[Requirement, ...], Items(1)]

    @property
    def recipients(self) -> tuple[str, ...]:
        return self.send.to

    @property
    def within_days(self) -> int | None:
        return self.send.within_days

    def requirement(self, requirement_id: str) -> Requirement:
        for requirement in self.requirements:
            if requirement.id == requirement_id:
                return requirement
        raise KeyError(f"{self.name} has no requirement {requirement_id!r}")

    def deadline(self, period_end: dt.date) -> dt.date:
        """The last day the report may be published, from the end of the period it covers."""
        if self.publish.rule == "months_after":
            return _add_months(period_end, self.publish.months or 12)
        month, day = self.publish.month or 9, self.publish.day or 30
        due = _on(period_end.year, month, day)
        return due if due > period_end else _on(period_end.year + 1, month, day)

    def publication(self, period_end: dt.date) -> Publication:
        return Publication(self.name, period_end, self.deadline(period_end),
                           self.publish.says, self.recipients, self.within_days)


@dataclass(frozen=True)
class _File:
    """frameworks.yaml: the frameworks, and the public analyses read beside them."""

    frameworks: Annotated[tuple[Framework, ...], Items(1)]
    analyses: tuple[Source, ...] = ()


def _on(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return _on(year, month + 1, day.day)


def _listed(items: tuple[str, ...]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@functools.cache
def frameworks() -> tuple[Framework, ...]:
    """Every framework the tool knows, in the file's order (read once)."""
    text = files("xl_addin.statutory").joinpath("frameworks.yaml").read_text(encoding="utf-8")
    # libyaml when it is there: the pure-Python reader takes a tenth of a second on this
    # file; and the data is kept in the user's cache (core/cache.py) for the next command
    return parse(yaml_data("frameworks", text))


def parse(data: object) -> tuple[Framework, ...]:
    """Frameworks from the file's data; :class:`FrameworkError` lists every problem."""
    problems = Problems()
    spec = decode(_File, data, "", problems)
    if problems or not isinstance(spec, _File):
        raise FrameworkError("The statutory frameworks file cannot be used: "
                             + "; ".join(problems.all or ["it is not a mapping"]))
    found: list[str] = []
    names = [f.name for f in spec.frameworks]
    found += [f"the framework {n!r} is listed twice" for n in set(names)
              if names.count(n) > 1]
    for f in spec.frameworks:
        ids = [r.id for r in f.requirements]
        found += [f"{f.name}: the requirement {i!r} is listed twice" for i in set(ids)
                  if ids.count(i) > 1]
        found += [f"{f.name}: {i!r} is a name the tool keeps for itself" for i in ids
                  if i in RESERVED_IDS]
        rule = f.publish
        if rule.rule == "months_after" and rule.months is None:
            found.append(f"{f.name}: publish needs months")
        if rule.rule == "date_after" and (rule.month is None or rule.day is None):
            found.append(f"{f.name}: publish needs month and day")
    if found:
        raise FrameworkError("The statutory frameworks file cannot be used: "
                             + "; ".join(found))
    return spec.frameworks


def framework(name: object) -> Framework:
    """The framework a Settings value names; a blank means :data:`DEFAULT_FRAMEWORK`."""
    wanted = str(name).strip() if name not in (None, "") else DEFAULT_FRAMEWORK
    for found in frameworks():
        if found.name.casefold() == wanted.casefold():
            return found
    raise KeyError(wanted)


def words(name: object) -> Words:
    """The words of the framework a Settings value names (blank: the current guidance); an
    unknown value (which validation reports) gets the current guidance's."""
    try:
        return framework(name).words
    except KeyError:
        return framework(None).words


def requirement_ids() -> frozenset[str]:
    """Every requirement id of every framework (what a profile's ``statutory:`` may map)."""
    return frozenset(r.id for f in frameworks() for r in f.requirements)

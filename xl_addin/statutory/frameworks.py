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

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from xl_addin.core import fmt
from xl_addin.core.errors import LscbError

__all__ = ["Requirement", "Framework", "Publication", "FrameworkError", "frameworks",
           "framework", "requirement_ids", "words", "Words", "DEFAULT_FRAMEWORK", "RESERVED_IDS"]

DEFAULT_FRAMEWORK = "Working Together 2023"  # what a blank Settings cell means
RESERVED_IDS = frozenset({"deadline", "unmapped"})  # rule names the tool uses (statutory.*)

RequirementId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,40}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=1_000)]


class FrameworkError(LscbError):
    """The shipped frameworks file cannot be used (a fault in the installation)."""

    exit_code = 3


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class _RequirementSpec(_Spec):
    id: RequirementId
    summary: Text
    reference: Text
    paragraphs: Text | None = None


class _PublishSpec(_Spec):
    rule: Literal["months_after", "date_after"]
    months: Annotated[int, Field(ge=1, le=24)] | None = None
    month: Annotated[int, Field(ge=1, le=12)] | None = None
    day: Annotated[int, Field(ge=1, le=31)] | None = None
    says: Text


class _SendSpec(_Spec):
    to: list[Text] = Field(min_length=1)
    within_days: Annotated[int, Field(ge=1, le=60)] | None = None


class _WordsSpec(_Spec):
    body: Text
    report: Text
    publisher: Text
    partners: Text


class _FrameworkSpec(_Spec):
    id: RequirementId
    name: Text
    title: Text
    body: Text
    words: _WordsSpec
    guidance: Text
    law: Text
    publish: _PublishSpec
    send: _SendSpec
    checked: Text
    requirements: list[_RequirementSpec] = Field(min_length=1)


class _AnalysisSpec(_Spec):
    title: Text
    url: Text
    found: Text


class _FileSpec(_Spec):
    frameworks: list[_FrameworkSpec] = Field(min_length=1)
    analyses: list[_AnalysisSpec] = []


@dataclass(frozen=True)
class Requirement:
    """One thing the yearly report must contain."""

    id: str  # its finding is statutory.<id>
    summary: str  # in plain words
    reference: str  # where the guidance says it
    paragraphs: str | None = None  # the guidance's paragraph numbers, where read

    @property
    def rule(self) -> str:
        return f"statutory.{self.id}"

    @property
    def cited(self) -> str:
        """The reference as printed: with its paragraphs where they are known."""
        return f"{self.reference}, paragraphs {self.paragraphs}" if self.paragraphs \
            else self.reference


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
class Words:
    """How the tool names the body, the report and its publisher under one edition."""

    body: str  # "board" or "partnership": "the partnership's yearly report"
    report: str  # "annual report" or "yearly report"
    publisher: str  # who publishes it: "a Local Safeguarding Children Board"
    partners: str  # who takes part: "the safeguarding partners"

    @property
    def report_title(self) -> str:
        """'Yearly Report', as on a cover."""
        return " ".join(word.capitalize() for word in self.report.split())



@dataclass(frozen=True)
class Framework:
    """An edition of the statutory guidance a board reports under."""

    id: str
    name: str  # as chosen on the Settings tab: "Working Together 2015"
    title: str
    body: str  # who must publish the report
    words: Words
    guidance: str
    law: str
    requirements: tuple[Requirement, ...]
    publish_rule: str
    publish_months: int | None
    publish_month: int | None
    publish_day: int | None
    publish_says: str
    recipients: tuple[str, ...]
    within_days: int | None

    def requirement(self, requirement_id: str) -> Requirement:
        for requirement in self.requirements:
            if requirement.id == requirement_id:
                return requirement
        raise KeyError(f"{self.name} has no requirement {requirement_id!r}")

    def deadline(self, period_end: dt.date) -> dt.date:
        """The last day the report may be published, from the end of the period it covers."""
        if self.publish_rule == "months_after":
            return _add_months(period_end, self.publish_months or 12)
        month, day = self.publish_month or 9, self.publish_day or 30
        due = _on(period_end.year, month, day)
        return due if due > period_end else _on(period_end.year + 1, month, day)

    def publication(self, period_end: dt.date) -> Publication:
        return Publication(self.name, period_end, self.deadline(period_end),
                           self.publish_says, self.recipients, self.within_days)


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
    # libyaml when it is there: the pure-Python reader takes a tenth of a second on this file
    return parse(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def parse(data: object) -> tuple[Framework, ...]:
    """Frameworks from the file's data; :class:`FrameworkError` lists every problem."""
    try:
        spec = _FileSpec.model_validate(data)
    except ValidationError as exc:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()]
        raise FrameworkError("The statutory frameworks file cannot be used: "
                             + "; ".join(problems)) from None
    problems = []
    names = [f.name for f in spec.frameworks]
    problems += [f"the framework {n!r} is listed twice" for n in set(names)
                 if names.count(n) > 1]
    for f in spec.frameworks:
        ids = [r.id for r in f.requirements]
        problems += [f"{f.name}: the requirement {i!r} is listed twice" for i in set(ids)
                     if ids.count(i) > 1]
        problems += [f"{f.name}: {i!r} is a name the tool keeps for itself" for i in ids
                     if i in RESERVED_IDS]
        rule = f.publish
        if rule.rule == "months_after" and rule.months is None:
            problems.append(f"{f.name}: publish needs months")
        if rule.rule == "date_after" and (rule.month is None or rule.day is None):
            problems.append(f"{f.name}: publish needs month and day")
    if problems:
        raise FrameworkError("The statutory frameworks file cannot be used: "
                             + "; ".join(problems))
    return tuple(
        Framework(f.id, f.name, f.title, f.body, Words(**f.words.model_dump()), f.guidance,
                  f.law,
                  tuple(Requirement(r.id, r.summary, r.reference, r.paragraphs)
                        for r in f.requirements),
                  f.publish.rule, f.publish.months, f.publish.month, f.publish.day,
                  f.publish.says, tuple(f.send.to), f.send.within_days)
        for f in spec.frameworks)


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

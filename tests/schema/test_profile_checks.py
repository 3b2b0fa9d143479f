"""A profile is checked like a workbook (issue 19): its quotes, its versions, its ratings.

Every ``{quote}`` in a title, caption, header or note is one the tool can fill in, and an
unknown one is a problem at its place; a ``since:`` later than the profile's own version is
a problem; and no profile, however it is changed, makes a command fail with a fault (exit 3):
it is either refused with its problems listed, or it works.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.profiles import FIXTURES, STARTER
from xl_addin.core.errors import LscbError
from xl_addin.jobs.checked import check
from xl_addin.readers.openpyxl_book import raw_from_openpyxl
from xl_addin.report import build_model
from xl_addin.schema import ProfileError
from xl_addin.schema.loader import profile_from_data
from xl_addin.schema.placeholders import QUOTES
from xl_addin.writers.workbook.fresh import build_workbook

TINY = FIXTURES / "profiles" / "tiny.yaml"


def _tiny() -> dict:
    return yaml.safe_load(TINY.read_text(encoding="utf-8"))


def _problems(data: dict) -> list[str]:
    with pytest.raises(ProfileError) as caught:
        profile_from_data(data, "test.yaml")
    return caught.value.problems


# --- quotes -----------------------------------------------------------------------------------


def test_a_section_title_may_quote_the_year_and_the_area() -> None:
    data = _tiny()
    data["sections"][3]["title"] = "Closing words for {year}, in {area}, to {period_end}"
    profile = profile_from_data(data)
    section = profile.section("closing")
    assert section.label == "Closing words for this year, in The Area, to the period end"
    assert section.label_for("Riverside").endswith("in Riverside, to the period end")
    quotes = {"year": "2024-25", "period_end": "31 March 2025"}
    assert section.heading("Riverside", quotes.get) == (
        "Closing words for 2024-25, in Riverside, to 31 March 2025")


@pytest.mark.parametrize(("place", "where"), [
    (lambda d: d["sections"][0].__setitem__("title", "Welcome to {yeer}"),
     "section 'welcome', title: {yeer} is not something the tool can fill in (did you mean "
     "{year}?)"),
    (lambda d: d["tabs"][1]["tables"][0]["report"].__setitem__("caption", "Referrals {}"),
     "tab 'Data', table 'tblReferrals', report, caption: {} is not something"),
    (lambda d: d["tabs"][1]["tables"][0]["report"].__setitem__(
        "headers", {"referrals": "In {are}"}),
     "tab 'Data', table 'tblReferrals', report, 'referrals': {are} is not something the tool "
     "can fill in (did you mean {area}?)"),
    (lambda d: d["tabs"][1]["tables"][0]["report"].__setitem__("notes", ["{0} of them"]),
     "tab 'Data', table 'tblReferrals', report, notes: {0} is not something"),
    (lambda d: d["tabs"][1]["tables"][0].__setitem__("title", "Referrals in {year}"),
     "tab 'Data', table 'tblReferrals', title: a table's title cannot quote anything"),
])
def test_an_unknown_quote_is_a_problem_at_its_place(place, where: str) -> None:
    data = _tiny()
    place(data)
    problems = _problems(data)
    assert any(p.startswith(where) for p in problems), problems
    assert all("{year}, {last_year}, {next_year}, {period_end}, {area}" in p
               for p in problems if "fill in" in p)


def test_a_key_figure_may_be_quoted_anywhere_a_year_may() -> None:
    data = _tiny()
    data["tabs"][1]["tables"][0]["report"]["caption"] = "Referrals ({referrals_quoted} quoted)"
    assert profile_from_data(data).table("tblReferrals").display.caption.startswith("Referrals")


def test_the_tool_fills_in_every_quote_it_lists() -> None:
    assert set(QUOTES) == {"year", "last_year", "next_year", "period_end", "area"}


# --- versions ---------------------------------------------------------------------------------


def test_a_since_later_than_the_profiles_version_is_a_problem() -> None:
    data = _tiny()
    data["tabs"][0]["tables"][0]["facts"][5]["since"] = "1.1"
    data["tabs"][1]["tables"][0]["fields"][1]["since"] = "2.0"
    problems = _problems(data)
    assert ("tab 'Settings', table 'tblSettings', figure 'child_population': since: '1.1' is "
            "later than the profile's own version '1.0', so workbooks made with it would not "
            "have it: raise version: to '1.1', or lower since:") in problems
    assert any(p.startswith("tab 'Data', table 'tblReferrals', field 'referrals': since: '2.0'")
               for p in problems)
    data["version"] = "2.0"
    profile_from_data(data)


def test_the_shipped_starter_is_consistent() -> None:
    assert STARTER.version == "1.1"
    assert STARTER.table("tblSettings").fact("framework").since == "1.1"


# --- ratings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("choices", "rating", "expected"), [
    (["G", "A", "R"], None, True), (["C", "G", "A", "R"], None, True),
    (["G", "A", "R", "n/a"], None, True), (["Yes", "No"], None, False),
    (["G", "A", "R"], False, False), (["G", "A", "n/a", "none"], True, True),
])
def test_a_choice_of_rag_letters_is_a_rating(choices: list[str], rating: bool | None,
                                             expected: bool) -> None:
    data = _tiny()
    field: dict[str, object] = {"name": "rag", "title": "RAG", "type": "choice",
                                "choices": choices}
    if rating is not None:
        field["rating"] = rating
    data["tabs"][1]["tables"][1]["fields"].append(field)
    assert profile_from_data(data).table("tblTopics").column("rag").rating is expected


def test_a_rating_needs_letters_the_tool_colours() -> None:
    data = _tiny()
    data["tabs"][1]["tables"][1]["fields"].append(
        {"name": "rag", "title": "RAG", "type": "choice", "choices": ["Red", "Green"],
         "rating": True})
    assert any("rating: true needs choices among the letters the tool colours (G, A, R, C)"
               in p for p in _problems(data))


def test_settings_only_indicators_read_leave_with_the_indicators() -> None:
    from xl_addin.schema.active import active_profile

    assert "rag_amber_tolerance" in {f.key for f in STARTER.table("tblSettings").facts}
    data = yaml.safe_load(Path(STARTER.source).read_text(encoding="utf-8"))
    for section in data["sections"]:  # the Performance tab's sections
        if section["id"] in ("performance", "children_in_area"):
            section["enabled"] = False
    kept = {f.key for f in active_profile(profile_from_data(data)).table("tblSettings").facts}
    assert "area" in kept and "framework" in kept
    assert not kept & {"rag_amber_tolerance", "rag_red_tolerance", "trend_no_change_band",
                       "targets_reviewed"}


# --- no profile makes a command fail with a fault ----------------------------------------------

WORDS = st.sampled_from(["{year}", "{area}", "{next_year}", "{yeer}", "{}", "{0}", "{ x }",
                         "{{year}}", "{", "}", "{referrals_quoted}", "{board_name}", "plain",
                         "{year!r}", "{area:>9}"])
TEXT = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)


def _sections(d: dict) -> list[dict]:
    return d["sections"]


def _tables(d: dict) -> list[dict]:
    return [t for tab in d["tabs"] for t in tab.get("tables", [])]


def _table(d: dict, i: int) -> dict:
    found = _tables(d)
    return found[i % len(found)]


MUTATIONS = {
    "section title": lambda d, i, text, _: _sections(d)[i % 4].__setitem__("title", text),
    "section off": lambda d, i, _, __: _sections(d)[i % 4].__setitem__("enabled", False),
    "caption": lambda d, i, text, _: _table(d, i).setdefault(
        "report", {}).__setitem__("caption", text) if isinstance(
        _table(d, i).get("report", {}), dict) else None,
    "table title": lambda d, i, text, _: _table(d, i).__setitem__("title", text),
    "since": lambda d, i, _, v: _table(d, i).__setitem__("since", v),
    "version": lambda d, _, __, v: d.__setitem__("version", v),
    "blank rows": lambda d, i, _, __: _table(d, i).__setitem__("blank_rows", i - 3),
    "missing values": lambda d, _, text, __: d.__setitem__("missing_values", [text]),
    "rating": lambda d, i, _, __: _tables(d)[1].setdefault("fields", []).append(
        {"name": f"r{i}", "title": f"R{i}", "type": "choice", "choices": ["G", "A", "R"],
         "rating": bool(i % 2)}),
    "drop a key": lambda d, i, _, __: _sections(d)[i % 4].pop(
        ["title", "tab", "id"][i % 3], None),
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(sorted(MUTATIONS)), st.integers(0, 11), TEXT,
                          st.sampled_from(["1.0", "0.9", "1.1", "2", "1.0.1"])),
                min_size=1, max_size=4))
def test_no_profile_makes_a_command_fail_with_a_fault(changes: list[tuple]) -> None:
    """A changed profile is refused with its problems, or a workbook, its checks and its
    report's content are made from it: nothing else escapes."""
    data = copy.deepcopy(_BASE)
    for name, i, text, version in changes:
        MUTATIONS[name](data, i, text, version)
    try:
        profile = profile_from_data(data, "fuzz.yaml")
    except ProfileError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
        return
    try:
        wb = build_workbook(profile, {"tblSettings": [
            {"ref": "area", "value": "Riverside"}, {"ref": "reporting_year", "value": "2024-25"}]})
        result = check(raw_from_openpyxl(wb, "fuzz.xlsx"), profile)
        build_model(result.data, result.computed, result.findings, draft=True)
    except LscbError:
        pass  # a clear message and exit 2, never a fault


_BASE = _tiny()

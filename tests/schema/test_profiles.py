"""Board profiles: a board's shape is data, and a profile that is wrong says so, all at once."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from tests.support.profiles import EXAMPLE, FIXTURES, STARTER
from xl_addin.cli import main
from xl_addin.schema import ProfileError, available_profiles, load_profile, read_profile
from xl_addin.schema.expr import Call, ExprError, ListOf, Literal, Name, parse_expr
from xl_addin.schema.loader import MAX_BYTES, profile_from_data
from xl_addin.schema.refs import split_equation

TINY = FIXTURES / "profiles" / "tiny.yaml"


def _data(path: Path = TINY) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# --- the formula language -------------------------------------------------------------------


def test_formulas_read_like_spreadsheet_calls() -> None:
    tree = parse_expr('sum(tblTraining, [a, b], where(kind, "Yes, in part"), year_is=cdop_year)')
    assert isinstance(tree, Call) and tree.name == "sum"
    assert tree.args[0] == Name("tblTraining")
    assert tree.args[1] == ListOf((Name("a"), Name("b")))
    assert tree.args[2] == Call("where", (Name("kind"), Literal("Yes, in part")))
    assert tree.keyword("year_is") == Name("cdop_year")
    assert parse_expr("year(tblX, number, -1)").args[2] == Literal(-1)


@pytest.mark.parametrize("text", ["ratio(a,", "a b", "", "f(x=1, y)", "((", "f(" * 20 + "x",
                                  "x" * 3000])
def test_a_formula_that_cannot_be_read_says_where(text: str) -> None:
    with pytest.raises(ExprError):
        parse_expr(text)


def test_equations_split_on_signs_outside_brackets() -> None:
    assert split_equation("total = a + sum(t, c, where(k, \"x-y\")) - b") == (
        "total", [(1, "a"), (1, 'sum(t, c, where(k, "x-y"))'), (-1, "b")])
    with pytest.raises(ValueError, match="equation"):
        split_equation("a + b")


# --- loading --------------------------------------------------------------------------------


def test_the_shipped_profiles_load_and_are_listed() -> None:
    names = {info.name for info in available_profiles()}
    assert {"cumbria-2016-17", "starter"} <= names
    assert len(EXAMPLE.sections) == 33 and len(EXAMPLE.checks) == 80
    assert sum(1 for _ in EXAMPLE.iter_facts()) == 234


def test_the_starter_profile_names_no_board(tmp_path: Path) -> None:
    text = (Path(STARTER.source)).read_text(encoding="utf-8").casefold()
    for word in ("cumbria", "chelsea", "twitter", "lscb business unit", "pmqag"):
        assert word not in text
    statutory = {"budget", "performance", "section_11", "training", "lado",
                 "private_fostering", "child_deaths", "reviews", "business_plan",
                 "priorities", "glossary"}
    assert statutory <= {s.id for s in STARTER.sections}
    assert {"tblContributions", "tblSpend", "tblIndicators", "tblChildProtection",
            "tblLookedAfter", "tblEarlyHelp", "tblReviewLessons"} <= {
        t.name for _, t in STARTER.iter_tables()}


def test_a_profile_is_found_by_name_or_by_file_and_a_wrong_name_is_helped() -> None:
    assert load_profile("starter") is STARTER
    assert load_profile(str(TINY)).name == "tiny"
    with pytest.raises(ProfileError, match="Did you mean 'starter'"):
        load_profile("startr")


def test_every_problem_in_a_profile_is_reported_at_once_with_its_place() -> None:
    data = _data()
    data["tabs"][1]["tables"][0]["fields"][1]["type"] = "integr"  # a typo in a type
    data["tabs"][1]["tables"][0]["fields"][3]["compute"] = "ratoi(referrals, population)"
    data["tabs"][1]["tables"][1]["fields"].append({"name": "extra", "title": "Extra",
                                                   "type": "text", "colour": "red"})
    data["sections"][2]["tab"] = "Dta"
    data["checks"][0]["same"][1] = "year(tblReferrals, refferals)"
    with pytest.raises(ProfileError) as caught:
        profile_from_data(copy.deepcopy(data), "tiny.yaml")
    problems = caught.value.problems
    assert any("table 'tblReferrals', field 'referrals'" in p and "type" in p
               for p in problems), problems
    assert any("unknown key 'colour'" in p for p in problems), problems
    # the shape is checked first; fix it, and the meaning is checked, all at once
    data["tabs"][1]["tables"][0]["fields"][1]["type"] = "integer"
    data["tabs"][1]["tables"][1]["fields"].pop()
    with pytest.raises(ProfileError) as caught:
        profile_from_data(data, "tiny.yaml")
    problems = caught.value.problems
    assert len(problems) == 3, problems
    assert any("unknown function 'ratoi'" in p and "did you mean 'ratio'" in p for p in problems)
    assert any("there is no tab 'Dta'" in p and "did you mean 'Data'" in p for p in problems)
    assert any("check 'same.referrals'" in p and "refferals" in p for p in problems)


def test_a_profile_without_the_settings_the_core_needs_is_refused() -> None:
    data = _data()
    facts = data["tabs"][0]["tables"][0]["facts"]
    data["tabs"][0]["tables"][0]["facts"] = [f for f in facts if f["key"] != "reporting_year"]
    with pytest.raises(ProfileError, match="reporting_year"):
        profile_from_data(data)


@pytest.mark.parametrize(("text", "why"), [
    ("a: &x [1, 2]\nb: *x\n", "aliases"),
    ("- just\n- a list\n", "mapping"),
    ("profile: [unclosed\n", "not valid YAML"),
    ("!!python/object:os.system {}\n", "not valid YAML"),
])
def test_hostile_or_broken_profile_files_get_one_clear_message(tmp_path: Path, text: str,
                                                               why: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError, match=why):
        read_profile(path)


def test_an_oversized_or_binary_profile_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * MAX_BYTES)
    with pytest.raises(ProfileError, match="at most"):
        read_profile(big)
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00profile")
    with pytest.raises(ProfileError, match="UTF-8"):
        read_profile(binary)


def test_profiles_command_lists_and_checks(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    assert main(["profiles"]) == 0
    listed = capsys.readouterr().out
    assert "starter" in listed and "cumbria-2016-17" in listed
    assert main(["profiles", "--check", str(TINY)]) == 0
    assert "usable" in capsys.readouterr().out
    bad = tmp_path / "bad.yaml"
    bad.write_text("profile: bad\n", encoding="utf-8")
    assert main(["profiles", "--check", str(bad)]) == 2
    assert "'title' is missing" in capsys.readouterr().err


def test_a_boards_own_profile_folder_is_searched_first(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "profiles"
    own.mkdir()
    (own / "tiny.yaml").write_bytes(TINY.read_bytes())
    monkeypatch.setenv("LSCB_PROFILES", str(own))
    assert load_profile("tiny").source == str((own / "tiny.yaml").resolve())
    assert "tiny" in {p.name for p in available_profiles()}

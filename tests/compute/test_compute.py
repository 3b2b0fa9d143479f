"""Computation: ratings, trends and derived figures (pure core, no files)."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xl_addin.compute import compute
from xl_addin.compute.rag import Bands, rate
from xl_addin.compute.trend import trend
from xl_addin.core import fmt
from xl_addin.core.values import NOT_SET, Target

CUMBRIA = Bands(0.05, 0.10)


def test_all_48_published_ratings_are_reproduced(example_result) -> None:
    rows = example_result.data.tables["tblIndicators"].rows
    worked = example_result.computed.columns["tblIndicators"]["rag"]
    assert len(rows) == 48
    mismatches = {r: (p, w) for r, p, w in zip(rows["ref"], rows["published_rag"], worked,
                                               strict=True) if p != w}
    assert mismatches == {}
    assert list(worked).count("n/a") == 2
    assert not [f for f in example_result.findings if f.rule == "rag.published"]


def test_he2_needs_its_own_thresholds(example_result) -> None:
    """Without its own amber threshold, HE2 (88% against 90%) would be Green, not Amber."""
    data = copy.deepcopy(example_result.data)
    rows = data.tables["tblIndicators"].rows
    he2 = data.tables["tblIndicators"].find("ref", "HE2")
    assert rows.at[he2, "threshold_reason"]
    rows.at[he2, "amber_from"] = rows.at[he2, "red_from"] = None
    result = compute(data)
    assert result.columns["tblIndicators"].at[he2, "rag"] == "G"
    assert [f.rule for f in result.findings if "HE2" in f.message] == ["trend.typed",
                                                                     "rag.published"]


T = Target


@pytest.mark.parametrize("value,target,polarity,expected", [
    (0.90, T(0.90, 0.90), "High", "G"),  # exactly at target
    (0.855, T(0.90, 0.90), "High", "G"),  # exactly 5% of the target short
    (0.8549, T(0.90, 0.90), "High", "A"),  # just beyond 5%
    (0.81, T(0.90, 0.90), "High", "A"),  # exactly 10% short
    (0.8099, T(0.90, 0.90), "High", "R"),  # just beyond 10%
    (0.95, T(1.0, 1.0), "High", "G"),  # CS3.10: 95% against 100%, exactly 5%
    (42, T(40, 40), "Low", "G"),  # Low polarity: 5% over is still Green
    (44, T(40, 40), "Low", "A"),  # exactly 10% over
    (44.1, T(40, 40), "Low", "R"),
    (0.028, T(0.05, 0.075), "Low", "G"),  # below a range, on its good side
    (0.075, T(0.05, 0.075), "Low", "G"),  # on the range's upper edge
    (0.07875, T(0.05, 0.075), "Low", "G"),  # 5% beyond the nearest edge
    (0.0825, T(0.05, 0.075), "Low", "A"),  # 10% beyond it
    (0.09, T(0.05, 0.075), "Low", "R"),
    (0.06, T(0.05, 0.075), "High", "G"),  # inside the range, High polarity
    (0.0475, T(0.05, 0.075), "High", "G"),  # 5% below the lower edge
    (0.044, T(0.05, 0.075), "High", "R"),
    (0, T(0, 0), "Low", "G"),  # a zero target met
    (1, T(0, 0), "Low", "R"),  # a zero target missed: no relative shortfall, so Red
    (5, T(0, 0), "High", "G"),
    (0.5, NOT_SET, "High", "n/a"),  # no target
    (0.5, T(0.4, 0.4), "n/a", "n/a"),  # no polarity
    (None, T(0.4, 0.4), "High", "n/a"),  # no value
])
def test_rag_rule(value, target, polarity, expected) -> None:
    assert rate(value, target, polarity, CUMBRIA) == expected


def test_own_thresholds_win() -> None:
    own = CUMBRIA.with_own(0.0, 0.10)
    assert rate(0.88, T(0.90, 0.90), "High", CUMBRIA) == "G"
    assert rate(0.88, T(0.90, 0.90), "High", own) == "A"
    assert rate(0.90, T(0.90, 0.90), "High", own) == "G"  # met is still Green
    assert CUMBRIA.with_own(None, None) is CUMBRIA
    assert CUMBRIA.with_own(0.2, None) == Bands(0.2, 0.2)


SEVERITY = {"G": 0, "A": 1, "R": 2}


@given(
    target=st.floats(0.01, 1000, allow_nan=False),
    value=st.floats(0, 2000, allow_nan=False),
    step=st.floats(0, 500, allow_nan=False),
    polarity=st.sampled_from(["High", "Low"]),
    amber=st.floats(0, 0.5),
    extra=st.floats(0, 0.5),
    width=st.floats(0, 100, allow_nan=False),
)
def test_moving_in_the_good_direction_never_worsens_the_rating(target, value, step, polarity,
                                                               amber, extra, width) -> None:
    bands = Bands(amber, amber + extra)
    goal = T(target, target + width)
    better = value + step if polarity == "High" else max(0.0, value - step)
    assert SEVERITY[rate(better, goal, polarity, bands)] <= SEVERITY[
        rate(value, goal, polarity, bands)]


@pytest.mark.parametrize("value,previous,polarity,rag,band,expected", [
    (0.8, 0.7, "High", "G", 0, "Improving"),
    (0.6, 0.7, "High", "R", 0, "Declining"),
    (10, 12, "Low", "A", 0, "Improving"),
    (0.7, 0.7, "High", "G", 0, "Sustained"),  # no change while Green
    (0.7, 0.7, "High", "R", 0, "Static"),  # no change while off target
    (0.705, 0.7, "High", "A", 0.01, "Static"),  # inside the no-change band
    (0.705, 0.7, "n/a", "n/a", 0.01, "Sustained"),
    (404, 380, "n/a", "n/a", 0, None),  # a change with no good direction
    (0.5, None, "High", "G", 0, None),  # last year unknown
])
def test_trend_rule(value, previous, polarity, rag, band, expected) -> None:
    assert trend(value, previous, polarity, rag, band) == expected


def test_trend_from_last_years_value_replaces_the_typed_one(example_result) -> None:
    data = copy.deepcopy(example_result.data)
    table = data.tables["tblIndicators"]
    cs22 = table.find("ref", "CS2.2")
    table.rows.at[cs22, "previous"] = 0.60
    result = compute(data)
    frame = result.columns["tblIndicators"]
    assert frame.at[cs22, "trend"] == "Improving"
    assert frame.at[cs22, "trend_basis"] == "last year's value"
    assert not [f for f in result.findings if f.rule == "trend.typed" and "CS2.2" in f.message]
    others = [f for f in result.findings if f.rule == "trend.typed"]
    assert len(others) == 47


def test_derived_figures(example_result) -> None:
    columns = example_result.computed.columns
    data = example_result.data
    rereferrals = data.tables["tblReReferrals"]
    last = rereferrals.find("year", "2016-17")
    assert columns["tblReReferrals"].at[last, "percent"] == pytest.approx(77 / 436)
    # printed 19.6% then 17.7%: the change is worked out from the printed figures
    assert columns["tblReReferrals"].at[last, "change"] == f"{fmt.MINUS}1.9 pp"
    cp = data.tables["tblChildProtection"]
    assert columns["tblChildProtection"].at[cp.find("year", "2016-17"), "rate"] == 56.6
    assert columns["tblChildProtection"].at[cp.find("year", "2015-16"), "rate"] is None
    flow = columns["tblEarlyHelpFlow"]["gap"].tolist()
    assert flow == [119, -25]
    compliance = columns["tblSection11Compliance"]["change"].tolist()
    assert compliance[:4] == [f"{fmt.MINUS}1 pp", "+1 pp", "+1 pp", "no change"]
    assert example_result.computed.facts["training_total"] == 3995
    assert example_result.computed.facts["training_total_change"] == "+2,594"
    assert example_result.computed.facts["lado_total_change"] == f"{fmt.MINUS}85"
    assert example_result.computed.facts["s11_valid_change"] == f"{fmt.MINUS}53"
    gender = columns["tblCdopGender"]["percent"].tolist()
    assert gender[:2] == [pytest.approx(12 / 21), pytest.approx(9 / 21)]
    assert example_result.computed.rag_counts == {"G": 30, "A": 5, "R": 11, "n/a": 2}
    overall = example_result.computed.plan_status.loc["All themes"]
    assert overall["Total"] == len(data.tables["tblBusinessPlan"].rows)


@pytest.mark.parametrize("style,expected", [
    ("+1 pp", f"{fmt.MINUS}1 pp"), ("+1%", f"{fmt.MINUS}1%"), ("+1", f"{fmt.MINUS}1"),
])
def test_difference_style_is_one_setting(style, expected, example_result) -> None:
    data = copy.deepcopy(example_result.data)
    data.facts["difference_style"] = style
    assert compute(data).columns["tblSection11Compliance"]["change"].iloc[0] == expected


def test_headlines_quote_this_years_figures(example_result) -> None:
    by_key = {h.key: h for h in example_result.computed.headlines}
    assert by_key["elearning"].value == 8839  # the seed's own page quoted last year's 5,533
    assert by_key["elearning"].previous == 5533
    assert by_key["scrs"].value == 5
    # the tool's own percentages (77/436 against 87/443), as the report's tables print them
    assert by_key["rereferrals"].change() == f"{fmt.MINUS}1.9 pp"
    # this year's rate is worked out, last year's only published: not compared
    assert not by_key["eha_rate"].comparable and by_key["eha_rate"].change() is None


def test_a_zero_tolerance_is_a_real_choice(example_result) -> None:
    """0% amber tolerance: any shortfall is at least Amber (a blank takes the default)."""
    data = copy.deepcopy(example_result.data)
    data.facts["rag_amber_tolerance"] = 0.0
    ratings = compute(data).columns["tblIndicators"]
    cs20 = data.tables["tblIndicators"].find("ref", "CS2.0")  # 82.1% against 85%
    assert ratings.at[cs20, "rag"] == "A"
    data.facts["rag_amber_tolerance"] = None
    assert compute(data).columns["tblIndicators"].at[cs20, "rag"] == "G"


def test_tolerances_the_wrong_way_round_are_an_error_not_a_crash(example_result) -> None:
    data = copy.deepcopy(example_result.data)
    data.facts["rag_amber_tolerance"], data.facts["rag_red_tolerance"] = 0.20, 0.10
    result = compute(data)
    errors = [f for f in result.findings if f.rule == "settings.tolerances"]
    assert len(errors) == 1 and errors[0].severity == "error"
    assert errors[0].sheet == "Settings" and errors[0].cell
    assert "20%" in errors[0].message and "10%" in errors[0].message

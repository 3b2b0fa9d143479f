"""The report's content, built from the workbook alone (report/context.py: no Word)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.profiles import EXAMPLE, cell_of
from xl_addin.jobs.checked import Result
from xl_addin.report.content.blocks import (
    Chart,
    Columns,
    Detail,
    Heading,
    PageBreak,
    Paragraph,
    ReportModel,
    Section,
    Table,
    TextStyle,
    Tiles,
)
from xl_addin.report.content.context import NOT_DATED, build_model
from xl_addin.report.content.figures import PLACEHOLDER, Figures
from xl_addin.report.content.statutory import STATUTORY_HEADING, STATUTORY_ID


@pytest.fixture(scope="module")
def model(example_result: Result) -> ReportModel:
    return build_model(example_result.data, example_result.computed, example_result.findings)


def section(model: ReportModel, number: int) -> Section:
    """The section at this place in the profile (the template may number it otherwise)."""
    wanted = EXAMPLE.sections[number - 1].id
    return next(s for s in model.sections if s.id == wanted)


def by_id(model: ReportModel, section_id: str) -> Section:
    return next(s for s in model.sections if s.id == section_id)


def every_block(blocks) -> list:  # noqa: ANN001 - a sequence of report blocks
    """The blocks, with those inside a detail (an appendix) and charts beside tables."""
    out = []
    for block in blocks:
        out.append(block)
        if isinstance(block, Detail):
            out += every_block(block.blocks)
        if isinstance(block, Table) and block.beside is not None:
            out.append(block.beside)
    return out


def table(model: ReportModel, caption: str) -> Table:
    found = [b for s in model.sections for b in every_block(s.blocks)
             if isinstance(b, Table) and b.caption == caption]
    assert len(found) == 1, f"{len(found)} tables captioned {caption!r}"
    return found[0]


def texts(t: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in t.rows]


def paragraphs(s: Section) -> str:
    return "\n".join(b.text for b in s.blocks if isinstance(b, Paragraph))


def test_the_32_sections_come_in_order_with_their_headings(model: ReportModel) -> None:
    # then the appendix on the statutory requirements (test_statutory.py)
    assert [s.id for s in model.sections] == [s.id for s in EXAMPLE.sections] + [STATUTORY_ID]
    assert [s.heading for s in model.sections] == [
        s.heading("Cumbria") for s in EXAMPLE.sections] + [STATUTORY_HEADING]
    assert section(model, 4).heading == "Cumbria's Children and Young People"
    assert all(s.number is None for s in model.sections)  # the template's order numbers them


def test_every_figure_quoted_in_the_text_is_filled_in(model: ReportModel) -> None:
    for s in model.sections:
        for block in s.blocks:
            if isinstance(block, Paragraph):
                assert not PLACEHOLDER.search(block.text), block.text
                assert "[no figure" not in block.text and "[unknown" not in block.text
    context = paragraphs(section(model, 4))
    assert "92,800 children" in context and "19%" in context and "31 March 2017" in context
    assert "22 August 2017" in paragraphs(section(model, 1))
    assert "On 25 July 2016" in paragraphs(section(model, 3))


@pytest.mark.parametrize(("key", "printed"), [
    ("period_end", "31 March 2017"),          # date
    ("mfh_coordinator_from", "February 2017"),  # month-only date
    ("child_population", "92,800"),          # integer with thousands separator
    ("tri_scr_learning", "82.5%"),           # percentage at its own precision
    ("population_share", "19%"),
    ("cla_rate_now", "67.6"),                # number
    ("reporting_year", "2016-17"),           # year
    ("training_total", "3,995"),             # computed figure
    ("training_total_change", "+2,594"),     # computed text
])
def test_figures_print_by_their_kind(example_result: Result, key: str, printed: str) -> None:
    figures = Figures(example_result.data.facts, example_result.computed.facts, EXAMPLE)
    assert figures.text(key) == printed


def test_figures_mark_blank_and_unknown_references() -> None:
    figures = Figures({"period_end": None}, {}, EXAMPLE)
    assert figures.fill("at {period_end} and {nonsense}") == (
        "at [no figure for period_end] and [unknown figure nonsense]")
    assert Figures({"contribution": 96814.0}, {}, EXAMPLE).text("contribution").startswith(
        "[unknown")


def test_chairs_styles_become_bullets_and_quotes(model: ReportModel) -> None:
    governance = [b for b in section(model, 9).blocks if isinstance(b, Paragraph)]
    assert [b.style for b in governance].count(TextStyle.BULLET) == 7


def test_section_12_takes_early_help_after_its_opening(model: ReportModel) -> None:
    headings = [b.text for b in section(model, 12).blocks if isinstance(b, Heading)]
    assert headings[:2] == ["Early Help Assessments", "Auditing of Early Help Assessments"]
    assert headings[-1] == "Children looked after"


def test_indicators_carry_rag_letters_target_and_trend(model: ReportModel) -> None:
    indicators = table(model, "Performance indicators at 31 March 2017")
    assert len(indicators.rows) == 48
    by_ref = {row[0].text: row for row in indicators.rows}
    cs23 = [c.text for c in by_ref["CS2.3"]]
    assert cs23 == ["CS2.3", "Number/rate of children subject of CP plan", "56.6", "R",
                    "Declining", "Low", "40"]
    assert by_ref["CS2.3"][3].status == "R"
    assert [c.text for c in by_ref["CS2.7"]][-1] == "5%–7.5%"
    assert by_ref["CS3.25"][3].text == "n/a" and by_ref["CS3.25"][3].status is None
    assert by_ref["CS1.0"][2].text == "17.7%"


def test_totals_rows_are_added_up_from_the_rows(broken: Callable[..., Result],
                                                example_raw) -> None:
    sheet, cell = cell_of(example_raw, "tblContributions", "amount", "Total")

    def typed_total(wb) -> None:
        wb[sheet][cell].value = 1

    result = broken(typed_total)
    contributions = table(build_model(result.data, result.computed, result.findings),
                          "Contributions from partner agencies")
    assert [c.text for c in contributions.total or ()] == ["Total", "£212,588"]
    assert ["CCG", "£61,079"] in texts(contributions)


def test_series_print_rates_and_changes(model: ReportModel) -> None:
    plans = table(model, "Children on a child protection plan at 31 March")
    assert texts(plans)[-1] == ["2016-17", "525", "56.6", "+109"]
    assert texts(plans)[0] == ["2012-13", "345", "36.1", "n/a"]
    referrals = table(model, "Referrals that were re-referrals within 12 months")
    assert texts(referrals)[-1] == ["2016-17", "436", "77", "17.7%", "−1.9 pp"]


def test_cdop_tables_show_counts_with_shares_and_totals(model: ReportModel) -> None:
    gender = table(model, "Table 1. Gender, by year of review")
    assert texts(gender)[0] == ["Male", "12 (57%)", "19 (73%)", "10 (37%)", "21 (62%)", "58.0%"]
    assert [c.text for c in gender.total or ()] == ["Total", "21", "26", "27", "34", ""]


def test_lado_employers_total_every_category(model: ReportModel) -> None:
    employers = table(model, "Allegations by employer and category of harm")
    assert [c.text for c in employers.total or ()] == [
        "Total", "123", "15", "44", "52", "62", "296"]


def test_business_plan_counts_and_shades_status(model: ReportModel) -> None:
    counts = table(model, "Business plan actions by theme and status")
    assert [c.text for c in counts.total or ()] == ["All themes", "16", "35", "2", "0", "9", "62"]
    leadership = table(model, "1. Leadership and Governance")
    statuses = {row[0].text: row[-1] for row in leadership.rows}
    assert statuses["1.3"].text == "C" and statuses["1.3"].status == "C"
    assert statuses["1.1"].text == "No update due" and statuses["1.1"].status is None


def test_the_business_plans_actions_can_move_to_an_appendix(model: ReportModel) -> None:
    plan = by_id(model, "business_plan")
    details = [b for b in plan.blocks if isinstance(b, Detail)]
    assert len(details) == 1 and details[0].title == "Business Plan Update in full"
    themes = [b.caption for b in details[0].blocks if isinstance(b, Table)]
    assert themes[0] == "1. Leadership and Governance" and len(themes) == 9
    # the status summary stays in the body; no theme is both a heading and a caption
    assert any(isinstance(b, Table) and b.total for b in plan.blocks)
    assert not [b for b in every_block(plan.blocks) if isinstance(b, Heading)]


def test_charts_state_their_figures_in_alt_text(model: ReportModel) -> None:
    charts = [b for s in model.sections for b in every_block(s.blocks) if isinstance(b, Chart)]
    assert len(charts) == 3  # two charts instead of tables, one under a ten-year table
    fostered = next(c for c in charts if "privately fostered" in c.caption)
    assert fostered.alt_text == (
        "Line chart: Children reported as privately fostered at 31 March, Cumbria, 2008-09 8, "
        "2009-10 9, 2010-11 5, 2011-12 7, 2012-13 6, 2013-14 8, 2014-15 8, 2015-16 13, "
        "2016-17 6.")
    lado = next(c for c in charts if "LADO" in c.caption)
    assert lado.categories[-1] == "2016-17" and lado.series[0].values[-1] == 296


def test_a_chart_never_says_what_its_table_says(model: ReportModel) -> None:
    """A short table prints alone (its chart would repeat it); a chart printed under its
    table carries no labels (the table gives the figures); a chart alone labels its points."""
    blocks = [b for s in model.sections for b in s.blocks]
    charts = [(before, b) for before, b in zip(blocks, blocks[1:], strict=False)
              if isinstance(b, Chart)]
    under = [(t, c) for t, c in charts if isinstance(t, Table) and t.caption in c.caption]
    assert [len(t.rows) for t, _ in under] == [9]  # private fostering's ten years
    assert all(not c.labels for _, c in under)
    assert all(c.labels for t, c in charts if (t, c) not in under)
    plans = table(model, "Children on a child protection plan at 31 March")
    assert not any(isinstance(b, Chart) and "child protection" in b.caption for b in blocks)
    assert len(plans.rows) == 5
    captions = [b.caption for b in blocks if isinstance(b, Table | Chart)]
    assert len(captions) == len(set(captions))


def test_the_year_at_a_glance_is_built_from_this_years_data(model: ReportModel,
                                                            example_result: Result) -> None:
    model_inputs = example_result
    page = by_id(model, "on_a_page")
    tiles = [b for b in page.blocks if isinstance(b, Tiles)]
    headline = {t.label: t for t in tiles[0].tiles}
    assert headline["E-learning courses passed"].value == "8,839"  # not last year's 5,533
    assert headline["Serious case reviews published"].value == "5"
    training = headline["Places taken on multi-agency training"]
    assert training.value == "3,995" and training.detail == "2015-16: 1,401\n▲ Up 2,594, better"
    assert headline["Children who saw Chelsea's Choice"].value == "6,835"
    # the rate the board kept as published (signed off), compared with last year's published
    # rate: both on the published basis
    early = headline["Early Help Assessments per 10,000 children"]
    assert early.value == "206.4" and early.detail == "2015-16: 196.6\n▲ Up 9.8, better"
    # without the sign-off, the tool's own rate is shown, and not compared with one
    # published at the time
    unsigned = build_model(model_inputs.data, model_inputs.computed)
    tiles = [b for b in by_id(unsigned, "on_a_page").blocks if isinstance(b, Tiles)]
    early = {t.label: t for t in tiles[0].tiles}["Early Help Assessments per 10,000 children"]
    assert early.value == "229.1" and "counted another way" in early.detail
    tiles = [b for b in page.blocks if isinstance(b, Tiles)]
    ratings = {t.label: (t.value, t.status) for t in tiles[1].tiles}
    assert ratings["Green: on target"] == ("30", "G") and ratings["Red: off target"][0] == "11"
    plan = {t.label: t.value for t in tiles[2].tiles}
    assert plan == {"Complete": "16", "On track": "35", "At risk": "2", "Off track": "0",
                    "No update due": "9"}
    achievements = [p.text for b in page.blocks if isinstance(b, Columns)
                    for part in b.parts for p in part]
    assert achievements[0] == "Delivered the Business Plan 2016-19 successfully"
    assert all(not isinstance(b, Table) for b in page.blocks)  # no table of n/a
    assert isinstance(page.blocks[0], PageBreak) and isinstance(page.blocks[-1], PageBreak)


def test_the_year_at_a_glance_fits_one_page_and_says_what_it_left_off(
        example_result: Result) -> None:
    from xl_addin.report.layout.fit import fit

    said = ["A short point."] * 40
    room = fit([("Label", "2015-16: 1\n▲ Up 1")] * 12, said, [], 2)
    assert 0 < room.achievements < 40 and room.columns == 2
    assert fit([], ["A short point."] * 3, [], 0) == fit([], ["A short point."] * 3, [], 0)
    assert fit([], ["A short point."] * 3, [], 0).columns == 1
    found = [f for f in example_result.findings if f.rule == "glance.too-much"]
    assert [f.sheet for f in found] == ["Board"]
    assert found[0].cell is not None and "left off" in found[0].message


def test_about_the_figures_explains_the_corrections_from_the_data(model: ReportModel) -> None:
    about = paragraphs(by_id(model, "about_the_figures"))
    for published, mine in (("20.1%", "19.6%"), ("45.97%", "45.1%"), ("56.4%", "50.4%")):
        assert f"which gives {mine}; the board published {published} at the time" in about
    assert ("the percentage is worked out from 87 re-referrals within 12 months out of 443 "
            "referrals received, which gives 19.6%") in about
    assert "The total of responses was published as 258; the figures it totals add up to " \
        "250, which this report gives" in about
    # the rate the board kept as published, with its reason
    assert ("the rate per 10,000 is given as published at the time, 206.4; worked out from "
            "the assessments initiated (2,126) and the number of children aged under 18 "
            "(92,800, Mid-2015 Population Estimates, ONS) it would be 229.1. 206.4 is the "
            "rate the board published") in about
    assert "Mid-2015 Population Estimates, ONS estimate of 92,800 children" in about
    assert "percentage points (pp)" in about
    assert "Indicator HE2 (CAMHS patients assessed as urgent seen within 48 hours) is rated " \
        "against limits of its own" in about
    assert "Green.)." not in about and not about.count("..")
    # in the reader's words: no table or field names, no settings of the tool
    for internal in ("tbl", "Answers,", "published_", "banding", "5%/10%", "default"):
        assert internal not in about, internal


def test_no_workings_of_the_tool_are_printed(model: ReportModel) -> None:
    text = "\n".join(
        t for s in model.sections for b in every_block(s.blocks)
        for t in ([b.text] if isinstance(b, Paragraph) else
                  list(b.notes) if isinstance(b, Table) else []))
    for working in ("given by hand", "typed by hand", "gives no population",
                    "worked out from the population", "last year's figure is not known",
                    "thresholds of their own"):
        assert working not in text, working


def test_a_chairs_placement_row_puts_the_table_there(model: ReportModel) -> None:
    fostering = section(model, 23)
    kinds = [type(b).__name__ for b in fostering.blocks]
    heading = kinds.index("Heading")  # the "Performance" passage the chair placed it after
    assert kinds[heading:heading + 3] == ["Heading", "Paragraph", "Table"] or \
        "Table" in kinds[heading:]


def test_a_table_nobody_placed_goes_at_the_end_of_its_section(
        broken: Callable[..., Result], example_raw) -> None:
    narrative = example_raw.tables["tblFosteringNarrative"]
    headers = [str(h.value) for h in narrative.headers]
    row = next(r for r in narrative.rows if r[headers.index("Style")].value == "Table")
    sheet = narrative.sheet

    def unplace(wb) -> None:
        for cell in row:
            wb[sheet][cell.address].value = None

    result = broken(unplace)
    fostering = next(s for s in build_model(result.data, result.computed).sections
                     if s.id == "private_fostering")
    assert isinstance(fostering.blocks[-2], Table) and isinstance(fostering.blocks[-1], Chart)
    assert fostering.blocks[-2].caption.startswith("Children reported as privately fostered")


def test_draft_lists_findings_in_an_appendix(example_result: Result) -> None:
    draft = build_model(example_result.data, example_result.computed, example_result.findings,
                        draft=True)
    appendix = draft.sections[-1]
    assert appendix.number is None and appendix.title == "Findings in the workbook"
    assert appendix.id == "findings_appendix"
    findings = next(b for b in appendix.blocks if isinstance(b, Table))
    assert len(findings.rows) == len(example_result.findings)
    assert draft.fields["draft"] is True and draft.fields["draft_banner"] == "DRAFT"


def test_model_fields_match_the_template_contract(model: ReportModel) -> None:
    from xl_addin.report.content.context import TEMPLATE_FIELDS

    subdocuments = {f.name for f in TEMPLATE_FIELDS if f.kind == "subdocument"}
    assert set(model.fields) == {f.name for f in TEMPLATE_FIELDS} - subdocuments
    assert model.fields["period_end"] == "31 March 2017"


def test_the_publication_date_is_the_settings_figure_never_the_build_month(
        example_result: Result) -> None:
    import copy
    import datetime as dt

    model = build_model(example_result.data, example_result.computed)
    assert model.fields["publication_date"] == "22 August 2017"
    data = copy.deepcopy(example_result.data)
    data.facts["publication_date"] = dt.date(2017, 9, 28)
    assert build_model(data, example_result.computed).fields["publication_date"] == \
        "28 September 2017"
    data.facts["publication_date"] = None  # a draft says it has none
    draft = build_model(data, example_result.computed, draft=True)
    assert draft.fields["publication_date"] == NOT_DATED
    assert f"{dt.date.today():%B %Y}" not in str(draft.fields["publication_date"])


def test_grey_columns_come_from_this_run_not_an_earlier_one(example_result: Result) -> None:
    """A value an earlier compute left in a grey cell is never printed in its place."""
    import copy

    data = copy.deepcopy(example_result.data)
    plans = data.tables["tblChildProtection"]
    plans.rows.at[plans.find("year", "2016-17"), "change"] = "+999"  # left by an earlier run
    computed = copy.deepcopy(example_result.computed)
    computed.columns["tblChildProtection"]["change"] = None  # this run could not work it out
    model = build_model(data, computed, example_result.findings)
    last = texts(table(model, "Children on a child protection plan at 31 March"))[-1]
    assert "+999" not in last

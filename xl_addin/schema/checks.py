"""The cross-checks the validation runs, declared as data.

Every figure the report quotes in two places, every total, and every percentage printed
beside its count appears here, so a disagreement is reported before it is published.
"""

from __future__ import annotations

from .crossref import (
    AtLeast,
    CellRef,
    Check,
    Equation,
    FactRef,
    GroupTotalsAgree,
    PercentOf,
    RowEquation,
    RowPercent,
    RowRate,
    Same,
    SumRef,
    YearRef,
)

__all__ = ["CHECKS"]

F = FactRef
ADD, SUB = 1, -1


def _indicator(ref: str) -> CellRef:
    return CellRef("tblIndicators", ref, "value")


def _answers(question: str, *answers: str) -> SumRef:
    where: tuple[tuple[str, tuple[str, ...]], ...] = (("question", (question,)),)
    if answers:
        where += (("answer", answers),)
    return SumRef("tblSurveyAnswers", ("responses",), where)


LADO_CELLS = ("physical", "emotional", "sexual", "neglect", "conduct")

CHECKS: tuple[Check, ...] = (
    # --- the same figure given in two places ------------------------------------------
    Same("same.cp-plans-now", "The context section and the child protection series both "
         "give the children on a plan at period end.",
         F("cp_plans_now"), YearRef("tblChildProtection", "number")),
    Same("same.cp-plans-before", "The earlier child protection figure quoted in the context "
         "section should match the series for that date.",
         F("cp_plans_before"), YearRef("tblChildProtection", "number",
                                       date_fact="cp_plans_before_date")),
    Same("same.cla-now", "The context section and the looked-after series both give the "
         "children looked after at period end.",
         F("cla_now"), YearRef("tblLookedAfter", "number")),
    Same("same.cla-rate-now", "Both give the looked-after rate at period end.",
         F("cla_rate_now"), YearRef("tblLookedAfter", "published_rate")),
    Same("same.cla-before", "Both give the children looked after a year earlier.",
         F("cla_before"), YearRef("tblLookedAfter", "number", offset=-1)),
    Same("same.cla-rate-before", "Both give the looked-after rate a year earlier.",
         F("cla_rate_before"), YearRef("tblLookedAfter", "published_rate", offset=-1)),
    Same("same.cs2-3", "Indicator CS2.3 is the child protection rate at period end.",
         _indicator("CS2.3"), YearRef("tblChildProtection", "published_rate")),
    Same("same.cs3-0", "Indicator CS3.0 is the looked-after rate at period end.",
         _indicator("CS3.0"), YearRef("tblLookedAfter", "published_rate")),
    Same("same.cs1-0", "Indicator CS1.0 is this year's re-referral percentage.",
         _indicator("CS1.0"), YearRef("tblReReferrals", "published_percent")),
    Same("same.cs5-5", "Indicator CS5.5 and the CSE/MFH table both give return interviews "
         "held within 72 hours this year.",
         _indicator("CS5.5"), YearRef("tblCseMfh", "rhi_in_time")),
    Same("same.cla-target", "The looked-after target rate is also indicator CS3.0's target.",
         F("cla_target_rate"), CellRef("tblIndicators", "CS3.0", "target")),
    Same("same.rereferral-target", "The re-referral target is also indicator CS1.0's target.",
         F("rereferral_target"), CellRef("tblIndicators", "CS1.0", "target")),
    Same("same.mfh-episodes", "The missing-episode count in the CSE text and the CSE/MFH "
         "table should agree, or the difference in definition be explained.",
         F("mfh_child_episodes"), YearRef("tblCseMfh", "mfh_episodes")),
    Same("same.s11-responses-before", "Last year's Section 11 responses are quoted in the "
         "text and in the year-on-year table.",
         F("s11_valid_before"), F("s11_valid_before_text")),
    Same("same.s11-review-date", "The conclusions quote the date the PMQAG reviewed the "
         "findings.", F("s11_review_meeting"), F("s11_review_meeting_text")),
    Same("same.da-audit-cases", "The domestic abuse section and Ofsted recommendation 1 "
         "both describe the one deep-dive audit.",
         F("da_audit_cases"), F("da_audit_cases_rec1")),
    Same("same.roadshow", "Roadshow attendance appears in the text and the training table.",
         F("roadshow_attendees"), CellRef("tblTraining", "Better together roadshows",
                                          "attendees")),
    Same("same.trainers", "People trained for the pool are the Train the Trainer course's "
         "attendance.", F("trainers_trained"), CellRef("tblTraining",
                                                       "Train the Trainer 2 Day LSCB",
                                                       "attendees")),
    Same("same.neglect-conference", "Conference attendance appears in the neglect section "
         "and the training table.", F("neglect_conference_attendees"),
         CellRef("tblTraining", "Neglect SCR conference", "attendees")),
    Same("same.da-training", "The domestic abuse training total quoted for Ofsted "
         "recommendation 1 is the sum of the domestic abuse courses.",
         F("da_training_total_rec1"),
         SumRef("tblTraining", ("attendees",), (("domestic_abuse", ("Yes",)),))),
    Same("same.elearning-passed", "E-learning passes by department add up to the year's "
         "passes.", YearRef("tblElearningYears", "passed"),
         SumRef("tblElearningDepartments", ("passed",))),
    Same("same.elearning-allocated", "E-learning allocations by department add up to the "
         "year's allocations.", YearRef("tblElearningYears", "allocated"),
         SumRef("tblElearningDepartments", ("allocated",))),
    Same("same.lado-total", "Allegations by employer and category, and referrals by agency, "
         "count the same allegations.", SumRef("tblLadoReferrers", ("referrals",)),
         SumRef("tblLadoEmployers", LADO_CELLS)),
    Same("same.lado-nfa-base", "The base quoted for the no-further-action figure should be "
         "the year's allegations.", SumRef("tblLadoReferrers", ("referrals",)),
         F("nfa_base_quoted")),
    Same("same.cdop-table3-title", "The title of Table 3 quotes the deaths reviewed in the "
         "year.", SumRef("tblCdopCategory", ("deaths",), (("area", ("This area",)),),
                         year_fact="cdop_year"),
         F("table3_title_deaths")),
    Same("same.budget-balance", "Contributions and spending are published as balancing.",
         SumRef("tblContributions", ("amount",)), SumRef("tblSpend", ("amount",))),
    # --- figures printed on last year's report-on-a-page -------------------------------
    AtLeast("page.neglect-conference", "The one-page summary quotes the neglect "
            "conference's attendance.", F("page_neglect_conference"),
            CellRef("tblTraining", "Neglect SCR conference", "attendees")),
    Same("page.elearning", "The one-page summary quotes this year's e-learning passes.",
         F("page_elearning_completed"), YearRef("tblElearningYears", "passed")),
    Same("page.eha-rate-now", "The one-page summary quotes this year's Early Help rate.",
         F("page_eha_rate_now"), YearRef("tblEarlyHelp", "published_rate")),
    Same("page.eha-rate-before", "The one-page summary quotes last year's Early Help rate.",
         F("page_eha_rate_before"), YearRef("tblEarlyHelp", "published_rate", offset=-1)),
    Same("page.rereferral-now", "The one-page summary quotes this year's re-referral rate.",
         F("page_rereferral_now"), YearRef("tblReReferrals", "published_percent")),
    Same("page.rereferral-before", "The one-page summary quotes last year's re-referral "
         "rate.", F("page_rereferral_before"),
         YearRef("tblReReferrals", "published_percent", offset=-1)),
    Same("page.training", "The one-page summary quotes this year's training attendance.",
         F("page_training_now"), SumRef("tblTraining", ("attendees",)), tolerance=0.01),
    Same("page.training-before", "The one-page summary quotes last year's training "
         "attendance.", F("page_training_before"), YearRef("tblTrainingYears", "attendees",
                                                           offset=-1), tolerance=0.01),
    Same("page.chelseas-choice", "The one-page summary quotes the children who saw "
         "Chelsea's Choice.", F("page_chelseas_choice"), F("chelseas_choice_children")),
    AtLeast("cse.full-day", "The CSE section says over this many attended the full-day "
            "events; the training table counts them.", F("cse_full_day_attendance"),
            CellRef("tblTraining", "CSE full day workshop", "attendees")),
    # --- parts that make up a whole -----------------------------------------------------
    Equation("sum.s11-valid", "Valid Section 11 responses are those submitted less partial "
             "or duplicate ones.", F("s11_valid"),
             ((ADD, F("s11_submitted")), (SUB, F("s11_partial")))),
    Equation("sum.s11-commissioning", "Every statutory partner gave one answer on "
             "commissioning.", F("s11_statutory"),
             ((ADD, F("s11_commissioning_full")), (ADD, F("s11_commissioning_partial")),
              (ADD, F("s11_commissioning_na")), (ADD, F("s11_commissioning_not_met")))),
    Equation("sum.da-audit", "The audited cases are looked-after, child protection and "
             "children-in-need cases.", F("da_audit_cases"),
             ((ADD, F("da_audit_cla")), (ADD, F("da_audit_cp")), (ADD, F("da_audit_cin")))),
    Equation("sum.da-audit-grades", "Each case graded for Ofsted recommendation 1 has one "
             "grade.", F("da_audit_cases_rec1"),
             ((ADD, F("da_audit_ri")), (ADD, F("da_audit_good")))),
    Equation("sum.mfh-open", "Children open to social care when missing were looked after "
             "in or out of county, or an open referral.", F("mfh_open_csc"),
             ((ADD, F("mfh_cla_in")), (ADD, F("mfh_cla_out")), (ADD, F("mfh_open_referral")))),
    RowEquation("row.survey-respondents", "Everyone who took the survey either answered or "
                "skipped each question.", table="tblSurveyQuestions", result="",
                parts=((ADD, "answered"), (ADD, "skipped")), plus_fact="survey_respondents"),
    RowEquation("row.early-help-gap", "The gap is assessments initiated less those closed.",
                table="tblEarlyHelpFlow", result="published_gap",
                parts=((ADD, "initiated"), (SUB, "closed"))),
    GroupTotalsAgree("cdop.totals", "Each CDOP table counts the same deaths each year.",
                     tables=("tblCdopGender", "tblCdopAge", "tblCdopCategory"),
                     column="deaths"),
    # --- percentages beside their counts -----------------------------------------------
    RowPercent("pct.rereferrals", "The re-referral percentage is re-referrals over "
               "referrals.", table="tblReReferrals", percent="published_percent",
               count="re_referrals", base="referrals"),
    RowPercent("pct.s11-statutory", "Each share is agencies fully meeting the standard over "
               "agencies responding.", table="tblSection11Statutory",
               percent="published_percent", count="fully_met", base="agencies"),
    RowPercent("pct.survey", "Each answer's share is its responses over all answers to that "
               "question.", table="tblSurveyAnswers", percent="published_percent",
               count="responses"),
    RowPercent("pct.elearning", "The completion rate is passes over allocations.",
               table="tblElearningYears", percent="published_rate", count="passed",
               base="allocated"),
    RowPercent("pct.cdop-gender", "Each share is deaths over the year's deaths.",
               table="tblCdopGender", percent="published_percent", count="deaths"),
    RowPercent("pct.cdop-age", "Each share is deaths over the year's deaths.",
               table="tblCdopAge", percent="published_percent", count="deaths"),
    RowPercent("pct.cdop-category", "Each share is deaths over the year's deaths.",
               table="tblCdopCategory", percent="published_percent", count="deaths"),
    PercentOf("pct.not-confident", "The share not confident is the two 'not confident' "
              "answers over all answers.", F("not_confident_quoted"),
              _answers("Confidence", "Not confident", "Not very confident at all"),
              _answers("Confidence")),
    PercentOf("pct.cyp-involved", "The Section 11 triangulation quotes the survey's share "
              "who said children were not involved in decisions.",
              F("tri_cyp_not_involved"), _answers("Involvement", "No"),
              _answers("Involvement")),
    # --- rates per 10,000 --------------------------------------------------------------
    RowRate("rate.early-help", "A rate per 10,000 is the number over the child population.",
            table="tblEarlyHelp", published="published_rate", number="number",
            population="population"),
    RowRate("rate.child-protection", "A rate per 10,000 is the number over the child "
            "population.", table="tblChildProtection", published="published_rate",
            number="number", population="population"),
    RowRate("rate.looked-after", "A rate per 10,000 is the number over the child "
            "population.", table="tblLookedAfter", published="published_rate",
            number="number", population="population"),
)

"""Tabs owned by the performance, early help and CSE/MFH groups."""

from __future__ import annotations

from .model import Column, Sheet, Table
from .model import Kind as K
from .parts import (
    POLARITY,
    RAG,
    TREND,
    UNITS,
    change,
    col,
    computed,
    derived,
    fact,
    facts,
    narrative,
    reference,
    year,
)

PMQAG = "Performance Management and Quality Assurance Group"
EARLY_HELP = "Early Help Subgroup"
CSE_MFH = "CSE and Missing from Home Subgroup"


def _pct(key: str, header: str, description: str) -> Column:
    return reference(key, header, K.PERCENT, description + " Leave blank: the tool works it out; "
                     "if typed, it is checked against the counts.")


INDICATORS = Table(
    "tblIndicators",
    "Performance indicators at period end",
    "One row per indicator. Type the value, target and polarity; the tool rates it "
    "against the target and compares it with last year.",
    columns=(
        col("ref", "Ref", K.TEXT, "Indicator reference, e.g. CS2.2.", required=True,
            unique=True, width=9),
        col("description", "Indicator", K.TEXT, "What is measured.", required=True, width=55),
        col("unit", "Unit", K.CHOICE, "The unit of the value and the target.", required=True,
            choices=UNITS, width=11),
        col("value", "Value", K.MEASURE, "The figure at period end.", required=True,
            unit_from="unit", width=10),
        col("decimals", "Decimal places", K.INTEGER, "Decimal places the report prints.",
            maximum=3, width=9),
        col("target", "Target", K.TARGET, "A number, a range such as 5%-7.5%, or Not set.",
            required=True, unit_from="unit", width=11),
        col("polarity", "Good performance is", K.CHOICE, "High, Low, or n/a.", required=True,
            choices=POLARITY, width=11),
        col("previous", "Last year's value", K.MEASURE,
            "The value a year earlier; the trend is computed from it.", unit_from="unit",
            width=10),
        col("amber_from", "Own amber threshold", K.PERCENT,
            "Only for an indicator with its own rule: the shortfall, as a share of the target, "
            "beyond which it is Amber (0% means any shortfall).", width=11),
        col("red_from", "Own red threshold", K.PERCENT,
            "Only with an own rule: the shortfall beyond which it is Red.",
            width=11),
        col("threshold_reason", "Why it has its own thresholds", K.TEXT,
            "Required when either own threshold is set.", width=40,
            required_if=("amber_from", "red_from")),
        col("trend_typed", "Trend typed by hand", K.CHOICE,
            "Only when last year's value is unknown: the trend to report.", choices=TREND,
            width=12),
        reference("published_rag", "RAG as published", K.CHOICE,
                  "The rating printed in the report, kept to check the tool's rating.",
                  choices=RAG, width=10),
        reference("published_trend", "Trend as published", K.CHOICE,
                  "The trend printed in the report, kept for checking.", choices=TREND,
                  width=12),
        computed("rag", "RAG", K.CHOICE, "Rating against target, worked out by the tool.",
                 choices=RAG, width=7),
        computed("trend", "Trend", K.CHOICE, "Trend against last year, worked out by the tool.",
                 choices=TREND, width=12),
        computed("trend_basis", "Trend from", K.TEXT,
                 "Last year's value, or typed by hand when last year's value is unknown.",
                 width=14),
    ),
    key="ref",
    blank_rows=10,
)


def _snapshot_series(name: str, title: str, description: str, count_header: str) -> Table:
    return Table(
        name, title, description,
        columns=(
            year("Reporting year; the figure is the position at its end (31 March)."),
            col("number", count_header, K.INTEGER, "Number at 31 March.", required=True),
            reference("published_rate", "Rate per 10,000 as published", K.NUMBER,
                      "The rate printed in last year's reports, kept for checking."),
            col("population", "Children aged under 18", K.INTEGER,
                "Population for the rate; leave blank for the Settings figure (this year) or "
                "where unknown.", minimum=1),
            computed("rate", "Rate per 10,000", K.NUMBER, "Number per 10,000 children."),
            change(of=f"the {count_header.lower()}"),
        ),
        key="year",
        year_column="year",
        window=5,
    )


PERFORMANCE = Sheet(
    "Performance",
    PMQAG,
    "Key performance indicators",
    "The Board's indicator set at period end, and the five-year series for child "
    "protection, looked-after children and re-referrals.",
    (
        INDICATORS,
        Table(
            "tblReReferrals", "Re-referrals",
            "Referrals, and referrals of a child already referred in the previous 12 months.",
            columns=(
                year(),
                col("referrals", "Referrals received", K.INTEGER, "In the year.", required=True),
                col("re_referrals", "Re-referrals within 12 months", K.INTEGER,
                    "Of those, the same child referred within the previous 12 months.",
                    required=True),
                _pct("published_percent", "Percentage as published", "Re-referral rate."),
                computed("percent", "Percentage", K.PERCENT, "Re-referrals ÷ referrals."),
                change(of="the percentage"),
            ),
            key="year",
            year_column="year",
            window=5,
        ),
        _snapshot_series("tblChildProtection", "Children on a child protection plan",
                         "Children subject of a child protection plan at 31 March.",
                         "Children on a plan"),
        _snapshot_series("tblLookedAfter", "Children looked after",
                         "Children looked after at 31 March.", "Children looked after"),
        facts(
            "tblPerformanceFigures", "Key figures", "Figures quoted alongside the indicators.",
            fact("rereferral_year_average", "Re-referrals, average of the year", K.PERCENT),
            fact("rereferral_target", "Re-referral target", K.PERCENT),
            fact("cp_rate_stat_neighbours", "Child protection rate, statistical neighbours",
                 K.NUMBER, "Per 10,000, latest published year."),
            fact("cp_rate_england", "Child protection rate, England", K.NUMBER,
                 "Per 10,000, latest published year."),
            fact("cla_target_rate", "Looked-after children: target rate per 10,000", K.NUMBER),
            fact("cla_target_number", "Looked-after children: target number"),
            fact("cla_latest", "Looked-after children in the latest week reported"),
            fact("cla_latest_date", "Date of that latest count", K.DATE, unit="month"),
        ),
        narrative("tblPerformanceNarrative", (12,)),
    ),
    sections=(12,),
)

EARLY_HELP_SHEET = Sheet(
    "Early Help",
    EARLY_HELP,
    "Early help",
    "Early Help Assessments started each year, and assessments started against closed.",
    (
        _snapshot_series("tblEarlyHelp", "Early Help Assessments initiated",
                         "Early Help Assessments initiated in the year to 31 March.",
                         "Assessments initiated"),
        Table(
            "tblEarlyHelpFlow", "Assessments initiated and closed",
            "Assessments started and closed in the month.",
            columns=(
                col("month", "Month", K.DATE, "First day of the month.", required=True,
                    unique=True, width=12),
                col("initiated", "Initiated", K.INTEGER, "Assessments started.", required=True),
                col("closed", "Closed", K.INTEGER, "Assessments closed.", required=True),
                reference("published_gap", "Gap as published", K.INTEGER,
                          "Initiated minus closed as printed; checked.", minimum=None),
                computed("gap", "Gap", K.INTEGER, "Initiated minus closed.", minimum=None),
            ),
            key="month",
        ),
        facts(
            "tblEarlyHelpFigures", "Key figures", "Closure reasons quoted in the text.",
            fact("closed_satisfactory_sep", "Closures with a satisfactory outcome, September",
                 K.PERCENT),
            fact("closed_satisfactory_mar", "Closures with a satisfactory outcome, March",
                 K.PERCENT),
            fact("closed_disengaged_mar", "Closures for lack of engagement, March", K.PERCENT),
            fact("early_help_panels", "Districts with an Early Help Panel"),
        ),
        narrative("tblEarlyHelpNarrative", (12,)),
    ),
    sections=(12,),
)

AUDITS = Sheet(
    "Audits",
    PMQAG,
    "Multi-agency quality audits",
    "Who chairs each locality Quality Assurance Group, and what this year's themed audits "
    "found.",
    (
        Table(
            "tblQualityGroups", "Locality Quality Assurance Groups",
            "Each locality group and the agency that chairs it.",
            columns=(
                col("locality", "Locality", K.TEXT, "Area covered.", required=True, unique=True,
                    width=20),
                col("chair_agency", "Chaired by", K.TEXT, "Agency of the chair.", required=True,
                    width=30),
            ),
            key="locality",
        ),
        Table(
            "tblAuditFindings", "What the themed audits found",
            "One finding per row, grouped by audit.",
            columns=(
                col("audit", "Audit theme", K.TEXT, "The themed audit.", required=True,
                    width=30),
                col("finding", "Finding", K.TEXT, "What the audit found, in brief.",
                    required=True, width=90),
                col("kind", "Kind", K.CHOICE, "Good practice or to improve.",
                    choices=("Good practice", "To improve"), width=14),
            ),
        ),
        narrative("tblAuditsNarrative", (13,)),
    ),
    sections=(13,),
)

SECTION_11 = Sheet(
    "Section 11",
    PMQAG,
    "Safeguarding (Section 11) audit",
    "How agencies rated themselves against the Section 11 standards, this year against "
    "last.",
    (
        facts(
            "tblSection11Figures", "Key figures", "Responses and audit dates.",
            fact("s11_opened", "Audit opened", K.DATE),
            fact("s11_closed", "Audit closed", K.DATE),
            fact("s11_submitted", "Responses submitted"),
            fact("s11_partial", "Partial or duplicate responses"),
            fact("s11_valid", "Valid responses"),
            fact("s11_valid_before", "Valid responses last year"),
            fact("s11_valid_before_text", "Responses last year, as quoted in the text"),
            fact("s11_schools", "Responses from schools"),
            fact("s11_gps", "Responses from GPs"),
            fact("s11_statutory", "Responses from statutory partners"),
            fact("s11_statutory_all_met", "Statutory partners meeting every standard in full"),
            fact("s11_commissioning_full", "Commissioning standard: fully met"),
            fact("s11_commissioning_partial", "Commissioning standard: partially met"),
            fact("s11_commissioning_na", "Commissioning standard: not applicable"),
            fact("s11_commissioning_not_met", "Commissioning standard: not met"),
            fact("s11_review_meeting", "Date the PMQAG reviewed the findings", K.DATE),
            fact("s11_review_meeting_text", "Review meeting date quoted in the conclusions",
                 K.DATE),
            derived("s11_valid_change", "Change in valid responses on last year",
                    "This year's valid responses less last year's.", K.TEXT),
            fact("s11_event_month", "Learning from Each Other event", K.DATE, unit="month"),
        ),
        Table(
            "tblSection11Statutory", "Statutory partners: standards fully met",
            "For each standard, how many statutory partners fully met it.",
            columns=(
                col("standard", "Standard", K.TEXT, "The Section 11 standard.", required=True,
                    unique=True, width=70),
                col("fully_met", "Fully met", K.INTEGER, "Agencies fully meeting it.",
                    required=True),
                col("agencies", "Agencies", K.INTEGER, "Agencies that responded.",
                    required=True, minimum=1),
                _pct("published_percent", "Percentage as published", "Share fully met."),
                col("previous_percent", "Last year", K.PERCENT,
                    "Share fully meeting it last year, where known."),
                computed("percent", "Percentage", K.PERCENT, "Fully met ÷ agencies."),
            ),
            key="standard",
        ),
        Table(
            "tblSection11Compliance", "All responses: standards fully met, year on year",
            "Share of all responses fully meeting each standard, last year and this.",
            columns=(
                col("standard", "Standard", K.TEXT, "The Section 11 standard.", required=True,
                    unique=True, width=70),
                col("previous", "Last year", K.PERCENT, "Share fully met last year.",
                    required=True),
                col("current", "This year", K.PERCENT, "Share fully met this year.",
                    required=True),
                computed("change", "Change", K.TEXT, "Difference in percentage points."),
            ),
            key="standard",
        ),
        facts(
            "tblSection11Triangulation", "Staff survey figures compared",
            "Staff survey results set beside the audit.",
            fact("tri_info_unclear", "Not clear when they can share information", K.PERCENT),
            fact("tri_no_supervision", "Without regular supervision", K.PERCENT),
            fact("tri_know_dsl", "Know who their designated safeguarding lead is", K.PERCENT),
            fact("tri_cyp_not_involved", "Say children are not involved in decisions",
                 K.PERCENT),
            fact("tri_scr_learning", "Keep up to date with learning from case reviews",
                 K.PERCENT),
        ),
        narrative("tblSection11Narrative", (18,)),
    ),
    sections=(18,),
)

STAFF_SURVEY = Sheet(
    "Staff Survey",
    PMQAG,
    "Front-line staff survey",
    "The annual survey of front-line staff: who answered, and the answers to the key "
    "questions.",
    (
        facts(
            "tblSurveyFigures", "Key figures", "About the survey as a whole.",
            fact("survey_opened", "Survey opened", K.DATE),
            fact("survey_closed", "Survey closed", K.DATE),
            fact("survey_respondents", "Staff who responded"),
            fact("survey_respondents_before", "Staff who responded last year"),
            fact("not_confident_quoted", "Not confident in procedures, as quoted", K.PERCENT),
            fact("not_confident_before", "Not confident in procedures, last year", K.PERCENT),
            fact("outcomes_sometimes_before", "Outcomes only sometimes clear, last year",
                 K.PERCENT),
            fact("schools_share_not_confident", "Share of 'not confident at all' from schools",
                 K.PERCENT),
            fact("survey_review_date", "Business Group considered the findings", K.DATE),
            derived("survey_respondents_change", "Change in respondents on last year",
                    "This year's respondents less last year's.", K.TEXT),
        ),
        Table(
            "tblSurveyQuestions", "Questions",
            "The questions reported, with how many answered and skipped.",
            columns=(
                col("question", "Question", K.TEXT, "Short name of the question.",
                    required=True, unique=True, width=18),
                col("wording", "Wording", K.TEXT, "The question as asked.", required=True,
                    width=70),
                col("answered", "Answered", K.INTEGER, "Respondents who answered."),
                col("skipped", "Skipped", K.INTEGER, "Respondents who skipped it."),
            ),
            key="question",
        ),
        Table(
            "tblSurveyAnswers", "Answers",
            "One row per answer choice of each question.",
            columns=(
                col("question", "Question", K.TEXT, "Short name, as in the Questions table.",
                    required=True, width=18),
                col("answer", "Answer", K.TEXT, "The answer choice.", required=True, width=40),
                col("responses", "Responses", K.INTEGER, "Respondents choosing it.",
                    required=True),
                _pct("published_percent", "Percentage as published", "Share of answers."),
                computed("percent", "Percentage", K.PERCENT, "Responses ÷ all answers."),
            ),
            total_label="Total",
            total_in="answer",
            groups=("question",),
            unique_together=("question", "answer"),
        ),
        narrative("tblSurveyNarrative", (19,)),
    ),
    sections=(19,),
)

CSE_SHEET = Sheet(
    "CSE and MFH",
    CSE_MFH,
    "Child sexual exploitation and missing from home",
    "Reports of CSE, missing episodes and return interviews, and the figures the "
    "sub-group quotes.",
    (
        Table(
            "tblCseMfh", "CSE and missing from home, full year",
            "One row per year.",
            columns=(
                year(),
                col("cse_reports", "CSE reports to police", K.INTEGER,
                    "Sexual offences and obscene publications with a victim under 18.",
                    required=True),
                col("mfh_episodes", "Missing from home episodes", K.INTEGER,
                    "Episodes in the year.", required=True),
                col("rhi_in_time", "Return interviews within 72 hours", K.PERCENT,
                    "Share held within 72 hours."),
                col("note", "Note", K.TEXT, "Caveats for this year's figures.", width=50),
                change("cse_change", "Change in CSE reports", "CSE reports"),
                change("mfh_change", "Change in episodes", "missing episodes"),
            ),
            key="year",
            year_column="year",
            window=3,
        ),
        facts(
            "tblCseFigures", "Key figures", "Figures quoted by the sub-group.",
            fact("mfh_children", "Children with one or more missing episodes"),
            fact("mfh_child_episodes", "Missing episodes for those children"),
            fact("mfh_open_csc", "Of those children, open to children's social care"),
            fact("mfh_cla_in", "Open: looked after, placed in the county"),
            fact("mfh_cla_out", "Open: looked after, placed outside the county"),
            fact("mfh_open_referral", "Open: open referral when missing"),
            fact("mfh_coordinator_from", "Missing from home coordinator in post from", K.DATE,
                 unit="month"),
            fact("webchat_views", "Views of the live CSE webchat"),
            fact("webchat_activity", "Likes, shares, comments and views of the webchat posts"),
            fact("webchat_reach", "Reach of the webchat (just under)"),
            fact("snapchat_followers", "Snapchat followers gained in the awareness week"),
            fact("video_views", "Views of the awareness video"),
            fact("video_shares", "Shares of the awareness video"),
            fact("video_reach", "Reach of the awareness video"),
            fact("cse_half_day_sessions", "CSE half-day awareness sessions"),
            fact("cse_full_day_events", "CSE full-day learning events"),
            fact("cse_full_day_attendance", "Attendance at the full-day events (over)"),
            fact("cse_elearning_total", "Staff who have completed CSE e-learning (over)"),
            fact("chelseas_choice_children", "Children who saw Chelsea's Choice"),
            fact("cse_logs_before", "Police CSE incident logs, Q2 last year"),
            fact("cse_logs_now", "Police CSE incident logs, Q2 this year"),
            fact("can_before", "Child Abduction Notices, Q2 last year"),
            fact("can_now", "Child Abduction Notices, Q2 this year"),
            fact("cse_category_jun", "Children managed under a CSE category, June"),
            fact("cse_category_dec", "Children managed under a CSE category, December"),
            fact("cse_category1_jun", "Share at Category 1, June", K.PERCENT),
            fact("cse_category1_dec", "Share at Category 1, December", K.PERCENT),
            fact("cse_strategy_from", "CSE strategy in place since", K.DATE, unit="month"),
            fact("protect_respect_from", "Protect and Respect running since", K.DATE, unit="month"),
        ),
        narrative("tblCseNarrative", (21,)),
    ),
    sections=(21,),
)

__all__ = ["PERFORMANCE", "EARLY_HELP_SHEET", "AUDITS", "SECTION_11", "STAFF_SURVEY",
           "CSE_SHEET", "INDICATORS"]

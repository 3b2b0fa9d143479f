"""Tabs owned by the LSCB business unit and the engagement sub-group."""

from __future__ import annotations

from .model import Kind as K
from .model import Sheet, Table
from .parts import JUDGEMENTS, YES_NO, col, fact, facts, narrative

BUSINESS_UNIT = "LSCB Business Unit"
ENGAGEMENT = "Communications, Engagement and Participation Subgroup"
PMQAG = "Performance Management and Quality Assurance Group"

SETTINGS = Sheet(
    "Settings",
    BUSINESS_UNIT,
    "Board settings",
    "Who the report is for, the year it covers, and the rules the tool applies. "
    "Change these once a year.",
    (
        facts(
            "tblSettings", "Settings", "One value per setting.",
            fact("board_name", "Board name", K.TEXT),
            fact("board_short_name", "Short name used in the text", K.TEXT),
            fact("area", "Area covered", K.TEXT),
            fact("reporting_year", "Reporting year", K.YEAR),
            fact("period_end", "Period end", K.DATE),
            fact("child_population", "Children aged under 18 (for rates per 10,000)",
                 K.INTEGER, "Mid-year population estimate used for every rate per 10,000.",
                 minimum=1),
            fact("child_population_source", "Source of the population figure", K.TEXT),
            fact("rag_amber_tolerance", "RAG: Green while a target is missed by no more than",
                 K.PERCENT, "Share of the target. Cumbria's published rule is 5%."),
            fact("rag_red_tolerance", "RAG: Red once a target is missed by more than",
                 K.PERCENT, "Share of the target. Cumbria's published rule is 10%."),
            fact("trend_no_change_band", "Trend: changes smaller than this are 'no change'",
                 K.NUMBER, "In the indicator's own unit (percentage points for percentages)."),
            fact("difference_style", "How differences are written", K.CHOICE,
                 choices=("+1 pp", "+1%", "+1")),
            fact("targets_reviewed", "Indicator targets and thresholds reviewed for this year",
                 K.CHOICE, "A rollover copies last year's targets: set Yes once the board has "
                 "revised them.", required=False, choices=("Yes", "No")),
        ),
    ),
)

BOARD = Sheet(
    "Board",
    BUSINESS_UNIT,
    "The Board, its members and its sub-groups",
    "The chair's foreword, who sits on the Board, what members said, how the Board links "
    "to other boards, its sub-groups, and the closing sections of the report.",
    (
        facts(
            "tblBoardFigures", "Key figures", "Figures quoted in the Board's sections.",
            fact("chair_name", "Independent Chair", K.TEXT),
            fact("chair_years", "Years the Chair has been in post", K.INTEGER, required=False),
            fact("foreword_date", "Date the foreword was signed", K.DATE),
            fact("ypb_award", "Young Perspective Board award", K.TEXT, required=False),
            fact("twitter_followers", "Followers on Twitter", K.INTEGER),
            fact("newsletter_recipients", "Practitioners signed up for newsletters and briefings",
                 K.INTEGER),
            fact("practitioner_forums", "Practitioner Forums held in the year", K.INTEGER,
                 required=False),
        ),
        facts(
            "tblOnAPagePublished", "Figures as printed on last report-on-a-page",
            "Kept only to check what was published: the tool now writes the one-page "
            "summary from the data.",
            fact("page_neglect_conference", "Neglect conference attendees (over)"),
            fact("page_elearning_completed", "E-learning courses completed"),
            fact("page_eha_rate_before", "Early Help rate, last year", K.NUMBER),
            fact("page_eha_rate_now", "Early Help rate, this year", K.NUMBER),
            fact("page_rereferral_before", "Re-referral rate, last year", K.PERCENT),
            fact("page_rereferral_now", "Re-referral rate, this year", K.PERCENT),
            fact("page_training_now", "Training places attended (almost)"),
            fact("page_training_before", "Training places attended last year (about)"),
            fact("page_chelseas_choice", "Children who saw Chelsea's Choice (over)"),
        ),
        Table(
            "tblMembers", "Member agencies", "The agencies represented at the Board.",
            columns=(
                col("agency", "Agency", K.TEXT, "Name of the agency.", required=True,
                    unique=True, width=60),
                col("note", "Note", K.TEXT, "Any change in the year.", width=60),
            ),
            key="agency",
        ),
        Table(
            "tblMemberViews", "What members said",
            "Members' answers to the Chair's questions, one point per row.",
            columns=(
                col("question", "Question", K.CHOICE, "Which question the point answers.",
                    required=True, width=28,
                    choices=("Strength", "Area for development", "State of safeguarding")),
                col("point", "Point", K.TEXT, "The point, in brief.", required=True, width=90),
                col("on_page", "On the report-on-a-page", K.CHOICE,
                    "Yes to quote this point on the one-page summary.", choices=YES_NO,
                    width=12),
            ),
        ),
        narrative("tblBoardNarrative", (1, 2, 5, 6, 7, 8, 9, 11, 14, 29, 30, 32)),
    ),
    sections=(1, 2, 5, 6, 7, 8, 9, 11, 14, 29, 30, 32),
)

BUDGET = Sheet(
    "Budget",
    BUSINESS_UNIT,
    "LSCB budget",
    "What each partner contributed and what the Board spent. Leave the Total rows blank "
    "and the tool adds them up; if you type a total it is checked.",
    (
        Table(
            "tblContributions", "Partner contributions", "Money contributed by each partner.",
            columns=(
                col("partner", "Partner", K.TEXT, "Contributing agency.", required=True,
                    unique=True, width=50),
                col("amount", "Amount", K.CURRENCY, "Contribution in the year.", unit="£",
                    required=True),
            ),
            key="partner",
            total_label="Total",
        ),
        Table(
            "tblSpend", "Spending", "What the Board spent, by heading.",
            columns=(
                col("item", "Item", K.TEXT, "Spending heading.", required=True, unique=True,
                    width=50),
                col("amount", "Amount", K.CURRENCY, "Spent in the year.", unit="£",
                    required=True),
                col("note", "Note", K.TEXT, "Caveat printed under the table.", width=50),
            ),
            key="item",
            total_label="Total",
        ),
        narrative("tblBudgetNarrative", (10,)),
    ),
    sections=(10,),
)

YOUNG_PEOPLE = Sheet(
    "Young People",
    ENGAGEMENT,
    "The views of children and young people",
    "The Young Perspective Board: what it did and what it will do next.",
    (
        facts(
            "tblYoungPeopleFigures", "Key figures", "Figures about the young people's work.",
            fact("ypb_meetings_min", "Young Perspective Board meetings a year (at least)"),
            fact("neglect_forum_date", "Date of the young people's neglect forum", K.DATE),
            fact("neglect_forum_workshops", "Workshops run at the neglect forum"),
            fact("alcohol_event_attendees", "Young people at the alcohol event (over)"),
        ),
        narrative("tblYoungPeopleNarrative", (3,)),
    ),
    sections=(3,),
)

CONTEXT = Sheet(
    "Context",
    PMQAG,
    "Children and young people in the area",
    "The local picture: population, poverty, rurality and headline numbers from "
    "children's services.",
    (
        facts(
            "tblContext", "Key figures", "Context figures; the population is on Settings.",
            fact("population_share", "Children as a share of the whole population", K.PERCENT),
            fact("child_poverty", "Children (0-19) living in poverty", K.PERCENT),
            fact("minority_ethnic", "Children from minority ethnic groups", K.PERCENT),
            fact("minority_ethnic_england", "Children from minority ethnic groups, England",
                 K.PERCENT),
            fact("rural_share", "Population living in rural areas", K.PERCENT),
            fact("rural_share_ew", "Population living in rural areas, England and Wales",
                 K.PERCENT),
            fact("cp_plans_now", "Children subject of a child protection plan at period end"),
            fact("cp_plans_before", "Children subject of a child protection plan, earlier "
                 "figure quoted"),
            fact("cp_plans_before_date", "Date of the earlier child protection figure", K.DATE),
            fact("cin_now", "Children in need at period end"),
            fact("cin_before", "Children in need a year earlier"),
            fact("cla_now", "Children looked after at period end"),
            fact("cla_rate_now", "Children looked after per 10,000 at period end", K.NUMBER),
            fact("cla_before", "Children looked after a year earlier"),
            fact("cla_rate_before", "Children looked after per 10,000 a year earlier",
                 K.NUMBER),
            fact("placed_outside", "Children placed outside the area"),
        ),
        narrative("tblContextNarrative", (4,)),
    ),
    sections=(4,),
)

INSPECTION = Sheet(
    "Inspection",
    BUSINESS_UNIT,
    "The shape of safeguarding: inspection and partners",
    "The latest Ofsted judgements, progress on Ofsted's recommendations to the Board, and "
    "what partner agencies report.",
    (
        facts(
            "tblInspectionFigures", "Key figures", "Dates and figures from the inspection.",
            fact("inspection_start", "Inspection started", K.DATE),
            fact("inspection_end", "Inspection ended", K.DATE),
            fact("inspection_published", "Inspection report published", K.DATE),
            fact("lscb_judgement", "Judgement on the LSCB", K.CHOICE, choices=JUDGEMENTS),
            fact("overall_judgement", "Overall judgement on children's services", K.CHOICE,
                 choices=JUDGEMENTS),
            fact("monitoring_visits_from", "Ofsted monitoring visits began", K.DATE,
                 unit="month"),
            fact("dfe_adviser_days", "DfE adviser days a month", K.INTEGER),
            fact("chair_appointed", "Month the Independent Chair was appointed", K.DATE,
                 unit="month"),
            fact("trix_accessed", "Practitioners who had used the procedures manual",
                 K.PERCENT),
            fact("trix_accessed_change", "Rise since last year, in percentage points",
                 K.NUMBER),
            fact("trix_useful", "Of those, found it useful", K.PERCENT),
            fact("thresholds_read", "Professionals who had read the thresholds guidance",
                 K.PERCENT),
            fact("thresholds_read_schools", "Of school respondents, had read it", K.PERCENT),
            fact("substance_escalation", "Know how to escalate substance-misuse concerns",
                 K.PERCENT),
            fact("da_audit_cases_rec1", "Domestic abuse audit: cases graded (Ofsted rec 1)"),
            fact("da_audit_ri", "Of those, graded Requires Improvement"),
            fact("da_audit_good", "Of those, graded Good"),
            fact("da_training_total_rec1", "Domestic abuse training total quoted (Ofsted rec 1)"),
            fact("cse_training_2015", "Practitioners at face-to-face CSE sessions, "
                 "Nov 2015 to Mar 2016"),
        ),
        Table(
            "tblOfstedJudgements", "Ofsted judgements",
            "The judgement for each area of the latest inspection of children's services.",
            columns=(
                col("area", "Area inspected", K.TEXT, "What was judged.", required=True,
                    unique=True, width=60),
                col("judgement", "Judgement", K.CHOICE, "Ofsted's grade.", required=True,
                    choices=JUDGEMENTS, width=22),
            ),
            key="area",
        ),
        Table(
            "tblOfstedRecommendations", "Ofsted recommendations to the Board",
            "Each recommendation for the Board and what has been done this year.",
            columns=(
                col("number", "No.", K.INTEGER, "Recommendation number.", required=True,
                    unique=True, minimum=1, width=6),
                col("recommendation", "Recommendation", K.TEXT, "What Ofsted asked for.",
                    required=True, width=60),
                col("update", "Update this year", K.TEXT, "Progress, in brief.",
                    required=True, width=90),
            ),
            key="number",
        ),
        Table(
            "tblLscbStrengths", "Strengths Ofsted found in the Board",
            "The strengths the inspectors highlighted, one per row.",
            columns=(
                col("strength", "Strength", K.TEXT, "In brief.", required=True, width=90),
            ),
        ),
        narrative("tblInspectionNarrative", (17,)),
    ),
    sections=(17,),
)

GLOSSARY = Sheet(
    "Glossary",
    BUSINESS_UNIT,
    "Glossary",
    "Every acronym the report uses, with its meaning.",
    (
        Table(
            "tblGlossary", "Acronyms", "One acronym per row.",
            columns=(
                col("acronym", "Acronym", K.TEXT, "As written in the report.", required=True,
                    unique=True, width=14),
                col("meaning", "Meaning", K.TEXT, "In full.", required=True, width=80),
            ),
            key="acronym",
        ),
    ),
    sections=(31,),
)

__all__ = ["SETTINGS", "BOARD", "BUDGET", "YOUNG_PEOPLE", "CONTEXT", "INSPECTION", "GLOSSARY"]

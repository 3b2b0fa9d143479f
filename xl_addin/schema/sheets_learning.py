"""Tabs owned by the learning, reviews, LADO, fostering, CDOP and business groups."""

from __future__ import annotations

from .model import Column, Sheet, Table
from .model import Kind as K
from .parts import (
    RAG_STATUS,
    YES_NO,
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

NEGLECT = "Neglect Task Group"
DOMESTIC_ABUSE = "Domestic Abuse Subgroup"
LEARNING = "Learning and Improvement Subgroup"
LADO_SERVICE = "LADO Service"
FOSTERING = "Children's Services (Private Fostering)"
CASE_REVIEW = "Case Review Group"
CDOP_PANEL = "Child Death Overview Panel"
BUSINESS_GROUP = "LSCB Business Group"

AREAS = ("This area", "England")  # the Settings area name is printed for "This area"


def _percent_of_total(key: str = "published_percent") -> Column:
    return reference(key, "Percentage as published", K.PERCENT,
                     "As printed; checked against the counts.")


NEGLECT_SHEET = Sheet(
    "Neglect",
    NEGLECT,
    "Neglect",
    "What the neglect task group did: strategy, procedures, training and the conference.",
    (
        facts(
            "tblNeglectFigures", "Key figures", "Figures quoted by the task group.",
            fact("neglect_policy_visits", "Visits to the abuse and neglect procedure"),
            fact("neglect_policy_rank", "Its rank among the most-visited procedures"),
            fact("uncooperative_policy_visits", "Visits to the disguised compliance procedure"),
            fact("uncooperative_policy_rank", "Its rank among the most-visited procedures"),
            fact("elearn_neglect_core", "Completed e-learning: abuse and neglect, core"),
            fact("elearn_neglect_foundation", "Completed e-learning: foundation version"),
            fact("elearn_neglect_young_people", "Completed e-learning: young people's version"),
            fact("elearn_neglect_police", "Completed e-learning: police version"),
            fact("neglect_conference_date", "Neglect conference held", K.DATE, unit="month"),
            fact("neglect_conference_attendees", "Neglect conference attendees (just over)"),
            fact("gcp_pledges", "Attendees who said they would use the Graded Care Profile"),
        ),
        narrative("tblNeglectNarrative", (15,)),
    ),
    sections=(15,),
)

DOMESTIC_ABUSE_SHEET = Sheet(
    "Domestic Abuse",
    DOMESTIC_ABUSE,
    "Domestic abuse",
    "Domestic abuse contacts, training and the deep-dive audit.",
    (
        facts(
            "tblDomesticAbuseFigures", "Key figures", "Figures quoted by the sub-group.",
            fact("da_contacts", "Domestic abuse contacts recorded by police"),
            fact("hub_contacts", "Contacts to the Safeguarding Hub"),
            fact("hub_da_share", "Of those, related to domestic abuse", K.PERCENT),
            fact("da_audit_cases", "Cases in the deep-dive audit"),
            fact("da_audit_cla", "Audited: looked after"),
            fact("da_audit_cp", "Audited: on a child protection plan"),
            fact("da_audit_cin", "Audited: children in need"),
            fact("rim_trainers", "Professionals in the train-the-trainer cohort"),
        ),
        narrative("tblDomesticAbuseNarrative", (16,)),
    ),
    sections=(16,),
)

TRAINING = Sheet(
    "Training",
    LEARNING,
    "Learning and improvement: training",
    "Attendance at multi-agency training, e-learning allocations and passes, and learner "
    "feedback.",
    (
        Table(
            "tblTraining", "Multi-agency training attendance",
            "Attendance at each learning event this year. Leave the Grand Total blank, or "
            "type it to have it checked.",
            columns=(
                col("event", "Learning event", K.TEXT, "Course or event.", required=True,
                    unique=True, width=60),
                col("attendees", "Attended", K.INTEGER, "People who attended.", required=True),
                col("domestic_abuse", "Domestic abuse offer", K.CHOICE,
                    "Yes if part of the domestic abuse training offer.", choices=YES_NO,
                    width=12),
            ),
            key="event",
            total_label="Grand Total",
        ),
        Table(
            "tblTrainingYears", "Training attendance in earlier years",
            "Total attendance in earlier years; this year's is added up from the table above.",
            columns=(
                year(),
                col("attendees", "Attendees", K.INTEGER, "Total attendance that year.",
                    required=True),
            ),
            key="year",
            year_column="year",
        ),
        Table(
            "tblElearningYears", "E-learning by membership year",
            "Courses allocated and passed in each membership year.",
            columns=(
                year(),
                col("allocated", "Courses allocated", K.INTEGER, "In the year.", required=True),
                col("passed", "Courses passed", K.INTEGER, "In the year.", required=True),
                reference("published_rate", "Completion rate as published", K.PERCENT,
                          "As printed; checked."),
                computed("rate", "Completion rate", K.PERCENT, "Passed ÷ allocated."),
                change("passed_change", "Change in passes", "courses passed"),
            ),
            key="year",
            year_column="year",
        ),
        Table(
            "tblElearningDepartments", "E-learning by department",
            "Passes and allocations by learner department this year.",
            columns=(
                col("department", "Department", K.TEXT, "Learner's department.",
                    required=True, unique=True, width=40),
                col("passed", "Passed", K.INTEGER, "Courses passed.", required=True),
                col("allocated", "Total", K.INTEGER, "Courses allocated.", required=True),
                computed("rate", "Completion rate", K.PERCENT, "Passed ÷ allocated."),
            ),
            key="department",
            total_label="Total",
        ),
        facts(
            "tblTrainingFigures", "Key figures", "Other figures quoted by the sub-group.",
            derived("training_total", "Training places attended this year",
                    "The sum of the training table."),
            derived("training_total_change", "Change in training places on last year",
                    "This year's total less last year's.", K.TEXT),
            fact("trainers_trained", "People trained for the trainer pool"),
            fact("trainer_events", "Trainer development events"),
            fact("roadshow_events", "Better Together roadshow events"),
            fact("roadshow_attendees", "Roadshow attendees"),
            fact("elearning_renewed", "E-learning membership renewed", K.DATE),
            fact("elearning_membership_years", "Length of the e-learning membership, years"),
            fact("feedback_easy", "Learners finding the system easy to use", K.PERCENT),
            fact("feedback_needed_help", "Learners who needed the help desk", K.PERCENT),
            fact("feedback_help_good", "Of those, rating the help good or excellent",
                 K.PERCENT),
            fact("feedback_satisfied", "Satisfied the course told them what they needed",
                 K.PERCENT),
            fact("feedback_recommend", "Would recommend the courses", K.PERCENT),
        ),
        narrative("tblTrainingNarrative", (20,)),
    ),
    sections=(20,),
)

LADO_CATEGORIES = ("physical", "emotional", "sexual", "neglect", "conduct")

LADO = Sheet(
    "LADO",
    LADO_SERVICE,
    "Allegations against staff (LADO)",
    "Allegations by employer and category of harm, who referred them, what happened, and "
    "totals by year.",
    (
        Table(
            "tblLadoEmployers", "Allegations by employer and category of harm",
            "One row per employer type. Leave the Total row blank, or type it to check it.",
            columns=(
                col("employer", "Employer", K.TEXT, "Employer type.", required=True,
                    unique=True, width=40),
                *(col(key, key.title(), K.INTEGER, f"Allegations of {key} harm.",
                      required=True) for key in LADO_CATEGORIES),
                computed("total", "All categories", K.INTEGER, "Sum across the row."),
            ),
            key="employer",
            total_label="Total",
        ),
        Table(
            "tblLadoReferrers", "Referrals by agency",
            "Who referred the allegations in the year.",
            columns=(
                col("agency", "Agency", K.TEXT, "Referring agency.", required=True,
                    unique=True, width=40),
                col("referrals", "Number", K.INTEGER, "Referrals made.", required=True),
            ),
            key="agency",
            total_label="Total",
        ),
        Table(
            "tblLadoOutcomes", "Outcomes of referrals",
            "How allegations ended; one allegation can have several outcomes, so these are "
            "not added up.",
            columns=(
                col("outcome", "Final result", K.TEXT, "The outcome.", required=True,
                    unique=True, width=50),
                col("number", "Number", K.INTEGER, "Allegations with that outcome.",
                    required=True),
            ),
            key="outcome",
        ),
        Table(
            "tblLadoYears", "Allegations in earlier years",
            "Allegations recorded in earlier years; this year's is added up from the tables "
            "above.",
            columns=(
                year(),
                col("allegations", "Allegations", K.INTEGER, "Allegations that year.",
                    required=True),
            ),
            key="year",
            year_column="year",
        ),
        facts(
            "tblLadoFigures", "Key figures", "Figures quoted by the LADO service.",
            derived("lado_total", "Allegations this year", "The sum of referrals by agency."),
            derived("lado_total_change", "Change in allegations on last year",
                    "This year's allegations less last year's.", K.TEXT),
            fact("lado_officers", "Full-time LADOs"),
            fact("restraint_now", "Physical allegations after a restraint, this year"),
            fact("physical_before", "Physical allegations last year"),
            fact("restraint_before", "Physical allegations after a restraint, last year"),
            fact("independent_physical", "Physical allegations from independent schools and "
                 "children's homes"),
            fact("referred_in_time", "Referrals made within one working day", K.PERCENT),
            fact("nfa_base_quoted", "Allegations quoted as the base for the NFA figure"),
        ),
        narrative("tblLadoNarrative", (22,)),
    ),
    sections=(22,),
)

FOSTERING_SHEET = Sheet(
    "Private Fostering",
    FOSTERING,
    "Privately fostered children",
    "Children reported as privately fostered at 31 March, locally, regionally and in "
    "England.",
    (
        Table(
            "tblPrivateFostering", "Privately fostered children at 31 March",
            "One row per year. Leave a cell blank where no figure was published.",
            columns=(
                year("The reporting year ending on that 31 March."),
                col("local", "This area", K.INTEGER, "Children in the area.", required=True),
                col("north_west", "North West", K.INTEGER, "Children in the region."),
                col("england", "England", K.INTEGER, "Children in England."),
                change("local_change", "Change in this area", "the area's count"),
            ),
            key="year",
            year_column="year",
        ),
        narrative("tblFosteringNarrative", (23,)),
    ),
    sections=(23,),
)

CASE_REVIEWS = Sheet(
    "Case Reviews",
    CASE_REVIEW,
    "Serious case reviews and practice reviews",
    "Reviews completed and published this year, their lessons, and the themes of the "
    "practice reviews.",
    (
        Table(
            "tblReviews", "Reviews completed",
            "One row per review.",
            columns=(
                col("child", "Review", K.TEXT, "How the child is named, e.g. Child N.",
                    required=True, unique=True, width=14),
                col("kind", "Type", K.CHOICE, "Serious case review or practice review.",
                    required=True, choices=("Serious case review", "Practice review"),
                    width=20),
                col("published", "Published", K.DATE, "Publication date (SCRs)."),
                col("summary", "What happened", K.TEXT, "A short, factual summary.",
                    width=90),
                col("note", "Note", K.TEXT, "e.g. re-categorised.", width=40),
            ),
            key="child",
        ),
        Table(
            "tblReviewLessons", "Lessons from the reviews",
            "One lesson per row.",
            columns=(
                col("child", "Review", K.TEXT, "As named in the Reviews table.",
                    required=True, width=14),
                col("number", "No.", K.INTEGER, "Lesson number within the review; blank for "
                    "an additional lesson.", minimum=1, width=6),
                col("lesson", "Lesson", K.TEXT, "The lesson, in brief.", required=True,
                    width=100),
            ),
        ),
        Table(
            "tblPracticeThemes", "Learning themes from the practice reviews",
            "Combined learning from the practice reviews.",
            columns=(
                col("theme", "Theme", K.TEXT, "Short title.", required=True, width=40),
                col("learning", "Learning", K.TEXT, "What practitioners should take from it.",
                    required=True, width=100),
            ),
        ),
        narrative("tblReviewsNarrative", (24, 25, 26)),
    ),
    sections=(24, 25, 26),
)


def _cdop_table(name: str, title: str, category_header: str, counted: bool = True) -> Table:
    columns: list[Column] = [
        year("Year of review."),
        col("area", "Area", K.CHOICE, "This area or England.", required=True, choices=AREAS,
            width=10),
        col("category", category_header, K.TEXT, "The row of the published table.",
            required=True, width=48),
    ]
    if counted:
        columns.append(col("deaths", "Deaths", K.INTEGER, "This area only; blank for England."))
        columns.append(_percent_of_total())
        columns.append(computed("percent", "Percentage", K.PERCENT,
                                "Deaths ÷ the year's deaths in the area."))
    else:
        columns.append(col("percent", "Percentage", K.PERCENT, "Share of cases.", required=True))
    return Table(name, title, "One row per year, area and category.", columns=tuple(columns),
                 year_column="year", year_group=("area", "category"), window=4,
                 groups=("year", "area"), unique_together=("year", "area", "category"))


CDOP = Sheet(
    "CDOP",
    CDOP_PANEL,
    "Learning from child deaths",
    "Child deaths reviewed by the panel, by gender, age, category and time to sign off. "
    "Reported a year in arrears.",
    (
        _cdop_table("tblCdopGender", "Table 1. Gender", "Gender"),
        _cdop_table("tblCdopAge", "Table 2. Age at death", "Age"),
        _cdop_table("tblCdopCategory", "Table 3. Category of death", "Category"),
        _cdop_table("tblCdopSignOff", "Table 4. Time taken to sign off", "Time taken",
                    counted=False),
        facts(
            "tblCdopFigures", "Key figures", "Figures quoted in the panel's report.",
            fact("cdop_year", "Year the panel reports on", K.YEAR),
            fact("no_modifiable", "Deaths with no modifiable factors"),
            fact("no_modifiable_england", "No modifiable factors, England", K.PERCENT),
            fact("modifiable_smoking", "Modifiable: parental smoking"),
            fact("modifiable_healthcare", "Modifiable: incidents in health care"),
            fact("neonatal_early", "Early neonatal deaths (under 7 days)"),
            fact("prematurity", "Deaths related to prematurity"),
            fact("extreme_prematurity", "Deaths related to extreme prematurity"),
            fact("not_white_british", "Children not identified as White British"),
            fact("late_withdrawal", "Cases where treatment should have been withdrawn sooner"),
            fact("satod_unknown", "Smoking status at delivery not known", K.PERCENT),
            fact("satod_unknown_england", "Not known, England", K.PERCENT),
            fact("satod_smokers", "Mothers smoking at delivery", K.PERCENT),
            fact("satod_smokers_england", "Mothers smoking at delivery, England", K.PERCENT),
            fact("table3_title_deaths", "Deaths quoted in the title of Table 3"),
        ),
        Table(
            "tblCdopRecommendations", "Recommendations",
            "Last year's recommendations with progress, and this year's new ones.",
            columns=(
                col("made_in", "Made in", K.YEAR, "Year of the report that made it.",
                    required=True),
                col("recommendation", "Recommendation", K.TEXT, "In brief.", required=True,
                    width=70),
                col("progress", "Progress", K.TEXT, "Blank for a new recommendation.",
                    width=70),
            ),
        ),
        narrative("tblCdopNarrative", (27,)),
    ),
    sections=(27,),
)

BUSINESS_PLAN = Sheet(
    "Business Plan",
    BUSINESS_GROUP,
    "Business plan update",
    "Every action in this year's business plan and where it stands. Anything not complete "
    "(status other than C) carries into next year's plan.",
    (
        Table(
            "tblBusinessPlan", "Business plan actions",
            "One row per action; an action with two parts has one row per part.",
            columns=(
                col("theme", "Theme", K.TEXT, "Numbered theme, e.g. 1. Leadership and "
                    "Governance.", required=True, width=28),
                col("ref", "Ref", K.TEXT, "Action reference, e.g. 1.3.", required=True,
                    width=7),
                col("part", "Part", K.INTEGER, "Only for an action in several parts: 1, 2, ...",
                    minimum=1, width=6),
                col("action", "Action", K.TEXT, "What will be done, in brief.", required=True,
                    width=60),
                col("who", "Who", K.TEXT, "Lead group or person.", required=True, width=28),
                col("when", "When", K.TEXT, "Due, e.g. Jul-17 or ongoing.", width=14),
                col("aim", "What we are trying to achieve", K.TEXT, "Intended outcome.",
                    width=45),
                col("update", "Update", K.TEXT, "Position at year end, in brief.", width=60),
                col("status", "Status", K.CHOICE,
                    "C complete, G on track, A at risk, R off track; blank if no update was "
                    "due.", choices=RAG_STATUS, width=8),
                col("history", "History", K.TEXT,
                    "Where the action came from, e.g. carried forward from 2016-17 at G. "
                    "Filled in by the yearly rollover.", width=40),
            ),
            distinct=("ref", "part"),
        ),
        Table(
            "tblBusinessPlanHistory", "Completed actions from earlier years",
            "Actions completed in earlier years, moved here by the yearly rollover.",
            columns=(
                col("year", "Completed in", K.YEAR, "The reporting year it was completed.",
                    required=True, width=12),
                col("theme", "Theme", K.TEXT, "As it was in the plan.", required=True,
                    width=28),
                col("ref", "Ref", K.TEXT, "As it was in the plan.", required=True, width=7),
                col("part", "Part", K.INTEGER, "As it was in the plan, for an action in "
                    "several parts.", minimum=1, width=6),
                col("action", "Action", K.TEXT, "What was done.", required=True, width=60),
                col("who", "Who", K.TEXT, "Lead group or person.", width=28),
                col("update", "Final update", K.TEXT, "Its last update.", width=60),
            ),
        ),
        facts(
            "tblBusinessPlanFigures", "Key figures", "About the plan.",
            fact("plan_period", "Business plan period", K.TEXT),
            fact("update_month", "Month of the update", K.DATE, unit="month"),
            fact("next_plan_period", "Next business plan period", K.TEXT),
        ),
    ),
    sections=(28,),
)

__all__ = ["NEGLECT_SHEET", "DOMESTIC_ABUSE_SHEET", "TRAINING", "LADO", "FOSTERING_SHEET",
           "CASE_REVIEWS", "CDOP", "BUSINESS_PLAN", "LADO_CATEGORIES"]

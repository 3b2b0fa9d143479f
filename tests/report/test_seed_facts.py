"""The facts and figures of the seed report's text are all in the example's built report.

The seed is Cumbria LSCB's published 2016-17 annual report; the shipped example carries
its facts in our own words. Each entry below is one of the seed's facts, read off its text
section by section: a figure as the built report prints it (thousands separators, the
report's decimal places) with the words that must stand beside it in the same paragraph
or table row, so a figure that turns up somewhere else does not count; or a table row of
the seed, found by its first cell, whose cells must follow in order.

Left out on purpose: the published figures that the tool corrects or that contradict the
seed's own tables (the re-referral rate of 20.1%, the survey shares of 45.97%, 56.4% and
23.2% and its total and answers of 258, and the report-on-a-page's 206.6, "over 180" and
"5,533 in 2016-17"), and the figures of its text that contradict its tables, which the
example's Sign-off tab settles for the tables' (523 and 416 at March 2015 on a plan, 627,
67.6, 661 and 70.8 looked after, 35 partial Section 11 responses and 471 the year before,
the review on 28 March 2016, 16% not confident, more than 200 at the full-day events, 279
allegations).
Validation reports each of them, and the report's note about the figures explains the
corrections; they are not facts a reader should find as printed. The Early Help rate of
206.4 is printed: the board kept it as published.

Run ``python tests/report/test_seed_facts.py REPORT.docx`` to count the facts found in any built
report, and list the missing ones.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MONTHS = {m[:3]: m for m in ("January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December")}


# --- reading a report -------------------------------------------------------------------------


def normalise(text: str) -> str:
    """One spelling for what may be printed several ways, so that a fact is found whatever
    the house style: spaces, minus signs, 2016/17, Jul-17 and sub-group."""
    text = re.sub(r"[\u00a0\u2007\u2009\u202f]", " ", text).replace("\u2212", "-")
    text = re.sub(r"\b(\d{2})(\d{2})/(\d{2})\b", r"\1\2-\3", text)
    text = re.sub(r"\b(\d{2})(\d{2})/\1(\d{2})\b", r"\1\2-\3", text)
    text = re.sub(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(\d{2})\b",
                  lambda m: f"{MONTHS[m.group(1)]} 20{m.group(2)}", text)
    text = re.sub(r"\b[Ss]ub[ -]?[Gg]roup", "sub-group", text)
    return re.sub(r"\s+", " ", text).strip()


def rows_of(table: object) -> list[tuple[str, ...]]:
    return [tuple(normalise(" ".join(_text(p) for p in cell.iter(f"{W}p")))
                  for cell in row.iterchildren(f"{W}tc"))
            for row in table.iterchildren(f"{W}tr")]  # type: ignore[attr-defined]


def _text(element: object) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Report:
    """A built report as units a reader takes in at once: paragraphs and table rows."""

    paragraphs: tuple[str, ...]  # outside tables, normalised
    rows: tuple[tuple[str, ...], ...]  # each table row's cells, normalised
    text: str = ""  # every paragraph as printed, one a line

    @classmethod
    def read(cls, path: Path) -> Report:
        import docx

        body = docx.Document(str(path)).element.body
        paragraphs = tuple(normalise(_text(p)) for p in body.iter(f"{W}p")
                           if next(p.iterancestors(f"{W}tbl"), None) is None)
        rows = tuple(tuple(normalise(" ".join(_text(p) for p in cell.iter(f"{W}p")))
                           for cell in row.iterchildren(f"{W}tc"))
                     for row in body.iter(f"{W}tr"))
        # a tile of the year at a glance: its label heads the figure under it
        rows += tuple(column for table in body.iter(f"{W}tbl")
                      if len(table.findall(f"{W}tr")) == 2
                      for column in zip(*(r for r in rows_of(table)), strict=False))
        text = "\n".join(_text(p) for p in body.iter(f"{W}p"))
        return cls(tuple(p for p in paragraphs if p), rows, text)

    units: tuple[tuple[str, str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Each paragraph and row (cells joined by |), as printed and in lower case."""
        texts = (*self.paragraphs, *("| " + " | ".join(row) + " |" for row in self.rows))
        object.__setattr__(self, "units", tuple((t, t.casefold()) for t in texts))


# --- the facts ----------------------------------------------------------------------------------


def _token(figure: str) -> re.Pattern[str]:
    """A figure as a whole token: 4.4% is not found inside 14.4%, nor 1.1 inside 1.10."""
    left = r"(?<![\w])(?<!\d[.,])" if figure[0].isalnum() else ""
    right = r"(?![\w])(?![.,]\d)" if figure[-1].isalnum() else ""
    flags = re.IGNORECASE if figure.islower() else 0  # a word such as "two" may open a sentence
    return re.compile(left + re.escape(normalise(figure)) + right, flags)


@dataclass(frozen=True)
class Fact:
    """Figures with words beside them in one paragraph or row; 'a|b' accepts either form."""

    section: str
    figures: tuple[str, ...]
    near: tuple[str, ...] = ()

    def found_in(self, report: Report) -> bool:
        tokens = [[_token(f) for f in figure.split("|")] for figure in self.figures]
        near = [[normalise(n).casefold() for n in words.split("|")] for words in self.near]
        return any(all(any(n in folded for n in one) for one in near)
                   and all(any(t.search(unit) for t in one) for one in tokens)
                   for unit, folded in report.units)

    def __str__(self) -> str:
        return f"{self.section}: {' + '.join(self.figures)}" + (
            f" beside {', '.join(repr(n) for n in self.near)}" if self.near else "")


@dataclass(frozen=True)
class Row:
    """A table row: its first cell is ``label`` (or starts so, when it ends in ...);
    ``cells`` follow it in order (others may come between, such as a change column the
    seed did not print)."""

    section: str
    label: str
    cells: tuple[str, ...]

    def found_in(self, report: Report) -> bool:
        labels = [normalise(x).casefold() for x in self.label.split("|")]
        wanted = [{normalise(x).casefold() for x in c.split("|")} for c in self.cells]
        for row in report.rows:
            first = row[0].casefold() if row else None
            if first is None or not any(first == x or x.endswith("...") and
                                        first.startswith(x[:-3]) for x in labels):
                continue
            rest = iter(cell.casefold() for cell in row[1:])
            if all(any(cell in one for cell in rest) for one in wanted):
                return True
        return False

    def __str__(self) -> str:
        return f"{self.section}: row {self.label!r} with {' / '.join(self.cells)}"


def fact(section: str, figure: str, *near: str) -> Fact:
    return Fact(section, (figure,), near)


def figures(section: str, *figures_: str, near: Sequence[str] = ()) -> Fact:
    return Fact(section, tuple(figures_), tuple(near))


def rows(section: str, block: str) -> list[Row]:
    """Rows written one a line, cells separated by tabs, as the seed's tables print them."""
    return [Row(section, cells[0], tuple(cells[1:]))
            for line in block.strip("\n").splitlines() if (cells := line.split("\t"))]


def _thousands(block: str) -> str:
    """Whole-number cells after the first written with thousands separators, as printed."""
    return re.sub(r"(?<=\t)(£?)(\d{4,})(?=\t|$)", lambda m: f"{m.group(1)}{int(m.group(2)):,}",
                  block, flags=re.MULTILINE)


INDICATORS = """\
CS1.0 17.7% G Improving Low 23.4%
CS1.1 97.3% G Improving High 90%
CS2.0 82.1% G Improving High 85%
CS2.1 87.7% G Improving High 83.8%
CS2.2 68.5% A Declining High 75%
CS2.3 56.6 R Declining Low 40
CS2.4 98.3% G Improving High 96%
CS2.5 10.7% A Static Low 10%
CS2.7 2.8% G Sustained Low 5%–7.5%
CS3.0 68.0 R Improving Low 60
CS3.1 14 R Improving Low 12
CS3.2 25 G Improving High 25
CS3.4 98.7% G Improving High 96%
CS3.5 8.6% A Declining Low 8%
CS3.6 68.9% G Sustained High 70%
CS3.7 43.1% R Declining Low 30%
CS3.8 28.8% R Declining Low 22%
CS3.10 95.0% G Improving High 100%
CS3.12 94.4% G Declining High 85%
CS3.13 88.9% G Improving High 85%
CS3.14 96.4% G Sustained High 85%
CS3.15 95.4% G Improving High 85%
CS3.16 94.9% G Improving High 85%
CS3.17 96.9% G Sustained High 90%
CS3.19 60.2% R Improving High 78%
CS3.20 653 R Declining Low 586
CS3.21 369 R Declining Low 221
CS3.22 75.0% R Improving Low 46%
CS3.25 23.8% n/a Sustained n/a Not_set
CS4.0 91.6% G Improving High 83%
CS4.1 49.7% G Sustained High 49%
CS4.2 91.4% G Improving High 95%
CS4.3 89.3% A Improving High 96%
CS4.4 76.7% G Improving High 75%
CS5.0 12.2% G Declining Low 14%
CS5.3 0 G Improving Low 2
CS5.5 50.8% R Improving High 80%
CS6.0 93.7% G Improving High 96.3%
CS6.1 99.4% G Sustained High 97%
CS6.2 88.7% G Sustained High 90%
CS6.3 99.5% G Improving High 90%
CS6.4 92.9% G Improving High 92%
CS6.5 97.3% G Improving High 92%
CS7-0 21.2 G Improving High 13.4
CS7.2b 57.7% R Declining High 75%
CS8-0 404 n/a Declining n/a Not_set
HE1 92% G Improving High 90%
HE2 88% A Improving High 90%
"""


def _indicators() -> list[Row]:
    out = []
    for line in INDICATORS.splitlines():
        ref, value, rag, trend, polarity, target = line.split()
        out += [Row("12 indicators", ref, (value,)),
                Row("12 indicators", ref, (rag, trend)),
                Row("12 indicators", ref, (polarity, target.replace("_", " ")))]
    return out


# (ref, who, when, status as published; blank where no update was due)
BUSINESS_PLAN = [
    ("1.1", "Chair", "Jul-17", ""), ("1.2", "Chair", "Mar-17", "G"),
    ("1.3", "LSCB Senior Manager", "Nov-16", "C"), ("1.4", "LSCB Senior Manager", "Jan-17", "G"),
    ("1.5", "LSCB Chair and all LSCB Members", "Mar-17", "G"),
    ("1.6", "LSCB Senior Manager", "Jul-17", ""), ("1.7", "LSCB Senior Manager", "Nov-16", "C"),
    ("1.8", "LSCB Senior Manager", "Jul-17", "G"), ("1.9", "LSCB Senior Manager", "Sep-16", "C"),
    ("1.10", "Learning and Improvement Subgroup", "Jan-17", "G"),
    ("1.11", "Performance Management and Quality Assurance Group", "Oct-16", "G"),
    ("1.12", "Performance Management and Quality Assurance Group", "Apr-17", "C"),
    ("1.13", "Communications and Engagement Subgroup", "Jul-17", "G"),
    ("1.14", "LSCB Senior Manager", "Jul-17", ""), ("1.15", "LSCB Business Group", "Jul-17", ""),
    ("1.16", "Neglect task group", "November 2016 and ongoing|Nov 2016 ongoing", "C"),
    ("1.17", "LSCB Business Group", "Quarterly updates to the Business Group - ongoing", "G"),
    ("1.18", "LSCB Business Group", "Jul-17", "G"), ("1.19", "LSCB", "Mar-17", "C"),
    ("1.20", "LSCB Business Group", "Sep-17", ""), ("1.21", "LSCB", "Sep-17", ""),
    ("2.1", "Performance Management and Quality Assurance Subgroup", "Oct-16", "G"),
    ("2.2", "Performance Management and Quality Assurance Subgroup", "Jul-17", "G"),
    ("2.3", "Performance Management and Quality Assurance Subgroup", "Mar-17", "G"),
    ("2.4", "LSCB Senior Manager", "November 2016 (then ongoing)", "A"),
    ("2.5", "Performance Management and Quality Assurance Subgroup", "Mar-17", "G"),
    ("3.1", "Education Subgroup", "Dec-16", "A"), ("3.2", "Education Subgroup", "Dec-16", ""),
    ("3.2", "Performance Management and Quality Assurance Subgroup", "Jul-17", "C"),
    ("3.3", "Early Help Subgroup", "", "G"), ("3.4", "LSCB Hub Programme Board", "Sep-16", "C"),
    ("3.5", "Early Help Subgroup and Education Subgroup", "November 2016 and ongoing", "C"),
    ("4.1", "Learning and Improvement Subgroup", "Nov-17", "C"),
    ("4.2", "Learning and Improvement Subgroup", "January 2017 and ongoing", "C"),
    ("4.3", "Learning and Improvement Subgroup", "October 2016 and ongoing", "G"),
    ("4.4", "Learning and Improvement Subgroup", "Jan-16", "C"),
    ("4.5", "Learning and Improvement Subgroup (linked to 5.5)", "Jul-17", "G"),
    ("4.6", "Communications, Engagement and Participation Subgroup and Early Help Subgroup",
     "Aug-17", "G"),
    ("4.7", "Learning and Improvement Subgroup", "Jul-17", "G"),
    ("4.8", "Learning and Improvement Subgroup", "Dec-16", "G"),
    ("4.9", "Learning and Improvement Subgroup", "Jan-17", "G"),
    ("4.10", "Policies and Procedures sub group", "Feb-17", "G"),
    ("5.1", "LSCB Business Group", "As per actions in the Plan – latest September 2017", "G"),
    ("5.2", "Case Review Subgroup", "Jan-17", "G"),
    ("5.3", "LSCB Business Group", "Ongoing – following a review", "G"),
    ("5.4", "Learning and Improvement Subgroup (linked to 4.5)", "Jul-17", "G"),
    ("6.1", "Child Death Overview Panel", "Sep-17", ""),
    ("6.2", "LSCB Business Group", "Following each Annual Report", ""),
    ("6.3", "Child Death Overview Panel", "Mar-17", "C"),
    ("7.1", "CSE/MFH Subgroup", "Apr-17", "G"), ("7.2 (part 1)", "CSE/MFH Subgroup", "Dec-16", "G"),
    ("7.2 (part 2)", "CSE/MFH Subgroup", "Jul-17", "G"), ("7.3", "CSE/MFH Subgroup", "Jul-17", "G"),
    ("7.4", "CSE/MFH Subgroup and Performance Management and Quality Assurance Subgroup",
     "Jul-17", "G"),
    ("8.1", "Communications, Engagement and Participation Subgroup", "May-17", "C"),
    ("8.2", "LSCB Business Group and CTB", "Jun-17", "G"),
    ("8.3", "Education Subgroup", "Jul-17", "G"),
    ("8.4", "Performance Management and Quality Assurance Group", "Jul-16", "C"),
    ("9.1", "Domestic Abuse Task and Finish Group", "Sep-16 and ongoing|September 2016 and ongoing",
     "C"),
    ("9.2", "Domestic Abuse Task and Finish Group", "Jan-17", "G"),
    ("9.3", "Domestic Abuse Task and Finish Group", "November 2016 and ongoing", "G"),
    ("9.4", "Domestic Abuse Task and Finish Group", "August 2016 and ongoing", "G"),
]


def _business_plan() -> list[Row]:
    out = []
    for ref, who, when, status in BUSINESS_PLAN:
        cells = tuple(c for c in (who, when, status) if c)
        out.append(Row("28 business plan", ref, cells))
    return out


GLOSSARY = {
    "ABE": "Achieving Best Evidence", "CAMHS": "Children & Adolescent Mental Health Service",
    "CCG": "Clinical Commissioning Group", "CDOP": "Child Death Overview Panel",
    "ChIB": "Children's Improvement Board", "CHOC": "Cumbria Health on Call",
    "CiCC": "Children in Care Council", "CLA": "Children Looked After", "CP": "Child Protection",
    "CSAB": "Cumbria Safeguarding Adults Board", "CSE": "Child Sexual Exploitation",
    "CTB": "Cumbria Children's Trust Board", "CQC": "Care Quality Commission",
    "CYP": "Children and Young People", "DA": "Domestic Abuse",
    "DBS": "Disclosure and Barring Service", "DfE": "Department for Education",
    "EHA": "Early Help Assessment (Common Assessment Framework – CAF)",
    "FGM": "Female Genital Mutilation", "HWB": "Health and Wellbeing Board",
    "ICS": "Integrated Children's System", "JSNA": "Joint Strategic Needs Analysis",
    "LA": "Local Authority", "LADO": "Local Authority Designated Officer",
    "L&I": "Learning and Improvement", "LSCB": "Cumbria Local Safeguarding Children Board",
    "MARAC": "Multi-agency Risk Assessment Conference", "MFH": "Missing from Home",
    "NHSE": "National Health Service England", "PCC": "Police & Crime Commissioner",
    "PMQAG": "Performance Management & Quality Assurance Group",
    "PMQAF": "Performance Management & Quality Assurance Framework",
    "PPU": "Public Protection Unit", "PVP": "Protecting Vulnerable People",
    "QAG": "Quality Assurance Group", "RHI": "Return Home Interview",
    "SA": "Cumbria Strategic Assessment", "SARC": "Sexual Assault Referral Centre",
    "SCP": "Safer Cumbria Partnership", "SCR": "Serious Case Review",
    "ToR": "Terms of Reference", "WT": "Working Together 2015", "YOT": "Youth Offending Team",
}

MEMBERS = ("Cumbria County Council, Children's Services", "Cumbria Clinical Commissioning Group",
           "Cumbria Partnership NHS Foundation Trust", "University Hospitals of Morecambe Bay",
           "North Cumbria University Hospitals", "Cumbria Constabulary",
           "Secondary Head teachers Association", "Primary Head teachers Association",
           "Cumbria District/Borough Councils", "National Probation Service",
           "Cumbria & Lancashire Community Rehabilitation Company (CRC)", "Public Health",
           "NHS England", "Voluntary Sector representative", "Barnardo's", "CAFCASS, Cumbria",
           "Youth Offending Service", "Lay Members")

FACTS: list[Fact | Row] = [
    # 1. Foreword
    fact("1 foreword", "3|three", "chaired"),
    fact("1 foreword", "5|five", "serious case reviews", "legacy"),
    fact("1 foreword", "3|three", "legacy"),
    fact("1 foreword", "Gill Rigg"),
    fact("1 foreword", "22 August 2017"),
    fact("1 foreword", "July 2017", "Outstanding Citizen of the Year"),
    fact("1 foreword", "Minister of State for Vulnerable Children and Families"),
    fact("1 foreword", "2017-18", "look forward"),
    # 2. Introduction
    fact("2 introduction", "Working Together 2015", "report"),
    fact("2 introduction", "three|3", "next", "years"),
    # 3. Children and young people
    fact("3 young people", "4|four", "Young Perspective Board", "a year"),
    fact("3 young people", "To make sure that young people have a say in services that are "
                           "there to keep them safe"),
    fact("3 young people", "25 July 2016", "forum"),
    fact("3 young people", "3|three", "workshops", "Neglect a saw", "Badge it", "Neglect matters"),
    fact("3 young people", "poem", "film", "shadow board"),
    fact("3 young people", "two|2", "conference", "neglect"),
    fact("3 young people", "30", "young people", "alcohol"),
    fact("3 young people", "2017-18", "internet safety", "domestic abuse"),
    # 4. Children and young people in Cumbria
    fact("4 context", "92,800", "under 18"),
    fact("4 context", "19%", "population"),
    fact("4 context", "Mid-2015 Population Estimates, ONS"),
    fact("4 context", "13.8%", "poverty", "HMRC"),
    fact("4 context", "5.3%", "29.1%", "minority ethnic", "School Census"),
    fact("4 context", "53.6%", "17.6%", "rural", "England and Wales", "2011"),
    figures("4 context", "525", "416", near=["child protection plan"]),
    figures("4 context", "3,081", "3,371", near=["in need"]),
    figures("4 context", "631", "68.0", "663", "71.1", near=["looked after"]),
    figures("4 context", "179", "March 2017", near=["outside"]),
    # 5. Members
    *[Row("5 members", m, ()) for m in MEMBERS],
    fact("5 members", "1 April 2017", "two CCGs"),
    # 6. Members' views
    fact("6 members' views", "2017-20", "Business Plan"),
    fact("6 members' views", "three|3", "partnership", "years"),
    fact("6 members' views", "two|2", "child death", "years"),
    fact("6 members' views", "0-19", "service"),
    fact("6 members' views", "thresholds", "consistent"),
    fact("6 members' views", "CCG", "boundaries"),
    fact("6 members' views", "one team"),
    # 7. Links with other boards
    fact("7 links", "Memorandum of Understanding"),
    fact("7 links", "Children's Improvement Board", "Department for Education"),
    fact("7 links", "Joint Strategic Needs Assessment", "Health and Wellbeing Board"),
    fact("7 links", "Children and Young People's Plan"),
    fact("7 links", "Community Safety Agreement", "Safer Cumbria Partnership"),
    fact("7 links", "four|4", "Community Safety Partnerships"),
    fact("7 links", "Overview and Scrutiny Committee"),
    fact("7 links", "quarter", "Chief Executive"),
    # 8. Structure: the seed's chart, drawn from the data
    fact("8 structure", "Business Group", "reports to", "Cumbria LSCB"),
    fact("8 structure", "Policy and Procedures", "reports to", "Business Group"),
    fact("8 structure", "Child Death Overview Panel", "reports to", "Business Group"),
    fact("8 structure", "North & Eden", "reports to", "Performance Management"),
    fact("8 structure", "Working Group", "reports to", "Missing from Home"),
    fact("8 structure", "Oversight Group", "reports to", "Missing from Home"),
    fact("8 structure", "Forum for Independent Schools and Children's Homes", "reports to",
         "Education"),
    fact("8 structure", "Young Perspective Board", "Cumbria LSCB"),
    fact("8 structure", "Children's Improvement Board", "Cumbria LSCB", "works with"),
    # 9. Governance
    fact("9 governance", "Section 14", "Children Act 2004"),
    fact("9 governance", "three-year|3 year", "Business Plan"),
    # 10. Budget
    *rows("10 budget", _thousands("""
Children's Services (staffing/board support)\t£96814
CCG\t£61079
CPFT\t£7800
NCUHT\t£7800
UHMB\t£3000
Probation\t£1734
Police\t£13811
CAFCASS\t£550
NHS England\t£20000
Office Costs\t£95931
Independent Chair\t£23640
Fees\t£2919
Vice-Chair (Barnardo's)\t£3000
SCR\t£49226
LSCB meeting expenses\t£3200
Young People's Forums\t£1081
MA Training for LSCB Agencies (including venues)\t£8496
Better Together Roadshows\t£926
SCR Conference (Neglect Conference)\t£1081
Virtual College (online training)\t£12333
MA procedures manual (Tri.x)\t£9660
Survey Monkey (annual subscription)\t£249
SCIE (SCR AQ Consultancy)\t£660
Practitioner Forums (venues)\t£186
Total\t£212588
""")),
    fact("10 budget", "2015-16", "Virtual College"),
    # 11. Sub-groups
    fact("11 sub-groups", "primary head teacher", "Education"),
    fact("11 sub-groups", "Forum for Independent Schools and Children's Homes", "Education"),
    fact("11 sub-groups", "Children and Young People's Domestic Abuse", "sub-group"),
    fact("11 sub-groups", "2017", "domestic abuse", "sub-group"),
    fact("11 sub-groups", "Health Safeguarding Executive Group"),
    fact("11 sub-groups", "North West", "CSE"),
    # 12. Performance
    *_indicators(),
    *rows("12 early help", _thousands("""
2012-13\t178\t17.3
2013-14\t443\t46.9
2014-15\t1234\t131.1
2015-16\t1828\t196.6
2016-17\t2126
September 2016\t180\t61\t119
March 2017\t254\t279\t-25
""")),
    fact("12 early help", "45%", "September 2016"),
    fact("12 early help", "78%", "1%", "March 2017"),
    fact("12 early help", "6|six", "Early Help Panels"),
    *rows("12 re-referrals", """
2012-13\t419\t114\t27.2%
2013-14\t633\t163\t25.8%
2014-15\t473\t126\t26.6%
2015-16\t443\t87
2016-17\t436\t77\t17.7%
"""),
    fact("12 re-referrals", "2013-14", "re-referrals"),
    figures("12 re-referrals", "22.1%", "23.4%"),
    *rows("12 CSE and MFH", _thousands("""
2014-15\t221\t532\t19.1%
2015-16\t317\t685\t46.5%
2016-17\t684\t1138\t29.5%
""")),
    fact("12 CSE and MFH", "October 2016", "scorecard"),
    fact("12 CSE and MFH", "February 2017", "Coordinator"),
    figures("12 child protection", "325", "525", "200", near=["child protection plan"]),
    figures("12 child protection", "39", "43.4", "2015-16", near=["statistical neighbours"]),
    *rows("12 child protection", """
2012-13\t345\t36.1
2013-14\t591\t62.5
2014-15\t325\t34.6
2015-16\t416\t44.6
2016-17\t525\t56.6
"""),
    *rows("12 looked after", """
2012-13\t663\t70.2
2013-14\t640\t67.0|67
2014-15\t678\t72.1
2015-16\t663\t71.1
2016-17\t631\t68.0
"""),
    fact("12 looked after", "60", "target rate"),
    fact("12 looked after", "610", "target"),
    fact("12 looked after", "617", "April 2017"),
    fact("12 looked after", "three to six months|3-6 months"),
    # 13. Quality audits
    *rows("13 audits", """
North & Eden\tPolice
South\tChildren's Services
West\tNCUHT
"""),
    fact("13 audits", "2016-17", "themed audits"),
    fact("13 audits", "Stage 1 and 2"),
    fact("13 audits", "72 hours", "return interviews"),
    fact("13 audits", "Drift"),
    fact("13 audits", "core group"),
    # 14. Good practice
    fact("14 good practice", "good practice catalogue"),
    # 15. Neglect
    fact("15 neglect", "2014-2017|2014-17", "Business Plan"),
    fact("15 neglect", "2015-18", "priority"),
    fact("15 neglect", "2016-18", "strategy"),
    figures("15 neglect", "266", "6", near=["neglect"]),
    figures("15 neglect", "181", "7", near=["disguised compliance"]),
    fact("15 neglect", "1,885", "core"),
    fact("15 neglect", "614", "foundation"),
    fact("15 neglect", "66", "young people"),
    fact("15 neglect", "39", "police"),
    fact("15 neglect", "2014", "The Child's Time"),
    fact("15 neglect", "Graded Care Profile", "Risk and Resilience"),
    fact("15 neglect", "Was Not Brought", "Did Not Attend"),
    fact("15 neglect", "January 2017", "conference", "Dez Holmes", "Claire Hyde MBE"),
    fact("15 neglect", "150", "conference", "neglect"),
    fact("15 neglect", "19", "Graded Care Profile"),
    fact("15 neglect", "I now get neglect"),
    # 16. Domestic abuse
    figures("16 domestic abuse", "3,244", "2016-17", near=["domestic abuse"]),
    fact("16 domestic abuse", "2015-16", "Business Plan", "mapping"),
    fact("16 domestic abuse", "2016", "Community Safety Partnership"),
    fact("16 domestic abuse", "Information packed"),
    fact("16 domestic abuse", "passionate facilitators"),
    fact("16 domestic abuse", "Powerful visual aids"),
    figures("16 domestic abuse", "15,541", "20.9%", near=["Hub"]),
    # the audit's 5 cases by status (1, 2 and 2) are left out on purpose (issue 21)
    figures("16 domestic abuse", "5", near=["looked after", "child protection", "in need"]),
    fact("16 domestic abuse", "SafeLives DASH"),
    fact("16 domestic abuse", "Emily"),
    fact("16 domestic abuse", "someone (Emily) would listen to me"),
    fact("16 domestic abuse", "12", "Barnardo's", "Risk Identification Matrix"),
    fact("16 domestic abuse", "summit"),
    *rows("16 domestic abuse training", """
Advanced Domestic and Sexual Abuse\t121
How to Write an Early Help Assessment\t57
LSCB Domestic Abuse and Sexual Violence Awareness (Level 2)\t77
Multi-Agency MARAC Training workshops LSCB\t15
Total\t270
"""),
    # 17. The shape of safeguarding
    figures("17 inspection", "3 March 2015", "25 March 2015", near=["Ofsted"]),
    fact("17 inspection", "Requires improvement", "LSCB"),
    fact("17 inspection", "April 2014", "Chair"),
    # the counts of cases (4, 3 and 1) are left out on purpose: issue 21 (small counts of
    # children in a sentence), so a report withholding small numbers withholds them too
    figures("17 inspection", "January 2017", near=["requiring improvement"]),
    fact("17 inspection", "June 2017", "Barnardo's"),
    fact("17 inspection", "July 2015", "development day"),
    fact("17 inspection", "29 February 2016"),
    figures("17 inspection", "210", "six|6", "November 2015", "March 2016"),
    fact("17 inspection", "December", "SARC"),
    fact("17 inspection", "October 2015", "maturity matrix"),
    fact("17 inspection", "June 2016", "development day"),
    fact("17 inspection", "six|6", "districts", "Early Help Panels"),
    fact("17 inspection", "six months", "looked after"),
    figures("17 inspection", "2014-15", "2015-16", near=["reports"]),
    fact("17 inspection", "six months", "procedures manual"),
    fact("17 inspection", "12", "Practitioner Forums"),
    figures("17 inspection", "57%", "10", "2016", near=["manual"]),
    fact("17 inspection", "Reporting Concerns", "Child Sexual Exploitation"),
    fact("17 inspection", "94%", "useful"),
    figures("17 inspection", "69%", "78%", near=["thresholds", "schools"]),
    fact("17 inspection", "89%", "substance"),
    fact("17 inspection", "August 2017", "substance"),
    *rows("17 inspection", """
Children who need help and protection\tRequires improvement
Children looked after and achieving permanence\tInadequate
Adoption performance\tRequires improvement
Experiences and progress of care leavers\tRequires improvement
Leadership, management and governance\tInadequate
"""),
    fact("17 inspection", "13 May 2015", "third"),
    fact("17 inspection", "July 2015", "monitoring"),
    fact("17 inspection", "3|three", "days a month"),
    fact("17 inspection", "January 2016", "Local Government Association"),
    fact("17 inspection", "November 2015", "step down"),
    fact("17 inspection", "2015", "RESPECT"),
    fact("17 inspection", "Safeguarding Improvement Board", "Children's Improvement Board"),
    fact("17 inspection", "John Macilwraith", "Corporate Director"),
    fact("17 inspection", "increasingly improving with a genuine collective commitment"),
    fact("17 inspection", "Deborah Evans", "Assistant Director"),
    fact("17 inspection", "2015", "much improved", "Deborah Evans"),
    fact("17 inspection", "Louise Mason Lodge", "Designated Nurse"),
    fact("17 inspection", "Designated Doctor", "County Lead GP"),
    # 18. Section 11
    fact("18 section 11", "9|nine", "standards"),
    figures("18 section 11", "8 December 2016", "13 March 2017"),
    figures("18 section 11", "469", "433"),
    fact("18 section 11", "28 March 2017", "PMQAG"),
    figures("18 section 11", "205", "47", near=["schools", "GPs"]),
    fact("18 section 11", "15", "statutory"),
    fact("18 section 11", "3", "every standard"),
    fact("18 section 11", "1", "not met", "commissioning"),
    figures("18 section 11", "8", "1", "4", near=["commission"]),
    fact("18 section 11", "27%", "partly|partially"),
    *rows("18 section 11", """
All standards\t3\t15\t20%
Voice of the child:...\t11\t15\t73%\t50%
Information sharing: effective guidance...\t14\t15\t93%\t58%
Information sharing: staff confident about obtaining consent...\t14\t15\t93%
Safer recruitment: robust procedures...\t12\t15\t80%
Safer recruitment: staff involved in recruitment...\t11\t15\t73%
Supervision:...\t14\t15\t93%
Allegations against staff:...\t15\t15\t100%\t73%
A clear line of accountability...\t98%\t97%
A named person responsible at a senior level\t97%\t98%
A culture of listening and engaging in dialogue with children\t96%\t97%
Had a 'whistleblowing' procedure...\t95%\t95%
Arrangements in place for sharing information...\t95%\t96%
Had a designated professional lead\t95%\t93%
Had safe recruitment processes\t94%\t93%
Appropriate supervision and support available for staff\t94%\t94%
Had clear policies in line with those from LSCB...\t96%\t97%
"""),
    fact("18 section 11", "486", "May 2016"),
    figures("18 section 11", "486", "433", "-53"),
    fact("18 section 11", "2%", "share information"),
    fact("18 section 11", "18%", "supervision"),
    fact("18 section 11", "90%", "designated"),
    fact("18 section 11", "20%", "involved"),
    fact("18 section 11", "82.5%", "serious case reviews"),
    fact("18 section 11", "September 2017", "Learning from Each Other"),
    fact("18 section 11", "2015-16", "schools", "visits"),
    fact("18 section 11", "28 March 2017", "PMQAG"),
    # 19. Front-line staff
    figures("19 staff survey", "17 June 2016", "22 July 2016", "368", "316"),
    *rows("19 staff survey", """
Very confident\t11\t3.1%
Confident\t160
Neither confident or not confident\t120\t33.8%
Not confident\t51\t14.4%
Not very confident at all\t8\t2.3%
Not applicable to my role\t5\t1.4%
Total\t355
Outcomes are always clear\t48\t19.2%
Sometimes clear\t152\t60.8%
Rarely clear\t11\t4.4%
Not applicable to my role\t39\t15.6%
Total\t250
Yes\t126
No\t51\t20.4%
Not applicable to my role\t73
"""),
    figures("19 staff survey", "118", near=["Skipped"]),
    figures("19 staff survey", "59", "355", "19%", "2015", near=["confident"]),
    fact("19 staff survey", "50%", "schools"),
    fact("19 staff survey", "60%", "last year"),
    fact("19 staff survey", "2017-18", "SMART"),
    fact("19 staff survey", "20%", "involved"),
    fact("19 staff survey", "Independent Reviewing Officer"),
    fact("19 staff survey", "18 August 2016", "Business Group"),
    fact("19 staff survey", "2016-19", "Business Plan"),
    # 20. Learning and improvement
    fact("20 training", "2|two", "development events"),
    fact("20 training", "25", "trained"),
    fact("20 training", "third sector reference group", "serious case reviews"),
    figures("20 training", "349", "6|six", near=["roadshow"]),
    *rows("20 training", _thousands("""
Advanced Domestic and Sexual Abuse\t121
Early Help Assessment Training (multi agency)\t75
How to Write an Early Help Assessment\t57
LSCB Domestic Abuse and Sexual Violence Awareness (Level 2)\t77
Multi-Agency MARAC Training workshops LSCB\t15
Safeguarding and Child Protection Working Together to Safeguard Children\t398
Safeguarding Level 2 (early years practitioners)\t92
Safeguarding Responsibilities, Threshold Guidance and Referral Process.\t392
Substance Misuse and Parenting\t65
Train the Trainer - Advanced Practitioners\t9
Train the Trainer 2 Day LSCB\t25
Better together roadshows\t349
CSE awareness course half day\t186
CSE full day workshop\t188
P&P Practitioner forum workshops disguised compliance\t116
P&P Practitioner forum workshop CSE\t89
P&P Practitioner forum workshop under aged sexual activity\t75
Neglect SCR conference\t150
Achieving best evidence\t16
Suicide and self-harm training\t1500
Grand Total\t3995
""")),
    figures("20 training", "1,401", "3,995"),
    fact("20 training", "29 March 2016", "Virtual College"),
    fact("20 training", "3|three", "years", "Virtual College"),
    fact("20 training", "An Introduction to Safeguarding Children"),
    fact("20 training", "Safeguarding Children from Abuse by Sexual Exploitation"),
    *rows("20 training", _thousands("""
2015-16\t6753\t5533\t82%
2016-17\t10950\t8839\t81%
""")),
    *rows("20 training", _thousands("""
A&E\t0\t2
All Other\t242\t306
Allerdale\t38\t51
Carer\t612\t859
Carlisle City Council\t3\t3
Child Minder\t97\t122
Children's Centres\t110\t120
CHOC\t4\t5
Colleges\t140\t159
CPFT - Adult mental health\t0\t4
CPFT - CAMHS\t2\t5
CPFT - Children's Community Nursing\t25\t30
CPFT - Family Nurse Partnership\t4\t5
CPFT - Physical Therapies\t84\t109
CPFT - School Nurse\t10\t20
Cumbria County Council\t1496\t1757
Education services\t218\t266
External Local Authority\t52\t65
Foster carer\t89\t117
GP\t6\t11
Health visitor\t21\t26
Housing\t57\t74
Inspira\t98\t105
LSCB Partners\t1\t1
Maternity\t1\t2
Nurseries\t833\t1104
Other hospital/health service\t38\t52
Paediatrics\t12\t22
Police\t20\t28
Primary Schools\t1761\t2113
Probation\t10\t24
Secondary Schools\t1539\t1732
South Lakes\t4\t6
Voluntary agency\t603\t823
Young Person (11-18 year old)\t614\t818
Youth Offending Service (YOS)\t2\t2
""")),
    fact("20 training", "94%", "easy"),
    figures("20 training", "13%", "92%", near=["help"]),
    fact("20 training", "98%", "satisfied"),
    fact("20 training", "97%", "recommend"),
    # 21. CSE and missing from home
    fact("21 CSE", "Detective Inspector", "Public Protection Unit"),
    fact("21 CSE", "April 2014", "CSE Strategy"),
    figures("21 CSE", "2|two", "July 2016", "March 2017", near=["webchat"]),
    fact("21 CSE", "18 March"),
    figures("21 CSE", "2,901", "114,311", "500,000|half a million"),
    figures("21 CSE", "650", near=["Snapchat"]),
    figures("21 CSE", "211,000", "1,620", "1,141,262"),
    figures("21 CSE", "3|three", "October", "November 2016", near=["half-day"]),
    figures("21 CSE", "188", near=["full-day"]),
    figures("21 CSE", "1,000", "500", "2016", near=["e-learning"]),
    figures("21 CSE", "2|two", "2015", "2016", near=["Chelsea's Choice", "rounds"]),
    figures("21 CSE", "6,835", "2017", near=["Chelsea's Choice"]),
    figures("21 CSE", "437", "1,186"),
    figures("21 CSE", "207", "47.4%", near=["social care"]),
    figures("21 CSE", "36", "17.4%"),
    figures("21 CSE", "28", "13.5%"),
    figures("21 CSE", "143", "69.1%"),
    fact("21 CSE", "May 2014", "Protect and Respect"),
    fact("21 CSE", "six months|6 months", "Protect and Respect"),
    fact("21 CSE", "Inspira", "Barnardo's", "Protect and Respect"),
    fact("21 CSE", "task and finish group", "coming year"),
    fact("21 CSE", "online training", "picture", "missing from home"),
    figures("21 CSE", "45", "387", near=["incident logs"]),
    figures("21 CSE", "4", "17", near=["Child Abduction Notices"]),
    figures("21 CSE", "61", "58", near=["June", "December 2016"]),
    figures("21 CSE", "60%", "65%", near=["Category 1"]),
    # 22. LADO
    fact("22 LADO", "2|two", "full-time"),
    figures("22 LADO", "296", "381", "507"),
    *rows("22 LADO", """
Foster carer Local Authority\t9\t5\t1\t1\t1
Foster carer Non-Local Authority\t9\t0\t0\t1\t0
Residential worker Local Authority\t0\t0\t0\t0\t0
Residential worker Non-Local Authority\t32\t3\t2\t12\t13
Other social care staff\t3\t0\t2\t0\t11
Health\t8\t0\t3\t3\t8
School staff employed by LA\t28\t2\t7\t12\t7
School staff not employed by LA\t13\t4\t5\t10\t5
Early Years\t9\t0\t2\t8\t3
Police\t3\t1\t2\t1\t0
YOT\t0\t0\t0\t0\t0
Probation\t0\t0\t0\t0\t0
Secure Estate\t0\t0\t0\t0\t0
Voluntary organisations\t3\t0\t6\t2\t7
Faith Groups\t1\t0\t1\t0\t1
Armed Forces\t0\t0\t4\t0\t0
Immigration/Asylum Support services\t0\t0\t0\t0\t0
Transport\t3\t0\t2\t0\t1
Self employment\t0\t0\t1\t1\t1
Connexion / services for young people\t0\t0\t0\t0\t0
Other\t2\t0\t6\t1\t4
Total\t123\t15\t44\t52\t62
Social Care\t130
Health\t8
Education\t63
Early Years\t7
Police\t58
CAFCASS\t0
NSPCC\t2
Voluntary Organisations\t6
Faith Groups\t1
Connexions\t0
Ofsted\t10
Other\t11
Total\t296
No further action after initial consideration\t85
Training needs identified\t56
Being unfounded\t31
Being unsubstantiated\t102
Being malicious\t17
Substantiated\t82
Suspension\t47
Dismissal\t19
Deregistration\t7
Cessation of use\t12
Resignation\t10
Section 47 enquiries/investigation\t30
Criminal investigation\t63
Disciplinary procedures\t39
Criminal prosecution\t10
Caution\t3
Conviction\t11
Acquittal\t0
Referral to Barring Board('ISA')\t27
Referral to regulatory body\t24
"""),
    figures("22 LADO", "37", "123", "30%"),
    figures("22 LADO", "29", "24%", near=["restraint"]),
    figures("22 LADO", "41", "142", "29%"),
    fact("22 LADO", "89%", "one working day"),
    figures("22 LADO", "296", near=["no further action"]),
    fact("22 LADO", "2015-16", "no-further-action|no further action", "sample"),
    fact("22 LADO", "quarterly", "audits"),
    fact("22 LADO", "quarterly", "North West", "every two months|bi-monthly"),
    # 23. Private fostering
    *rows("23 private fostering", _thousands("""
2008-09\t8\t160\t1530
2009-10\t9\t170\t1590
2010-11\t5\t180\t1650
2011-12\t7\t170\t1560
2012-13\t6\t150\t1500
2013-14\t8\t160\t1610
2014-15\t8
2015-16\t13
2016-17\t6
""")),
    fact("23 private fostering", "March 2015", "inspection"),
    fact("23 private fostering", "2012", "oversight"),
    fact("23 private fostering", "June 2017", "reviewed"),
    # 24-26. Reviews
    fact("24 reviews", "four|4", "review"),
    figures("25 SCRs", "5|five", near=["serious case reviews", "completed"]),
    fact("25 SCRs", "November and December 2017", "inquest"),
    fact("25 SCRs", "13 June 2016", "Child N"),
    figures("25 SCRs", "March 2011", "December 2012", near=["Child N"]),
    figures("25 SCRs", "December 2012", "13 months", near=["Child N"]),
    fact("25 SCRs", "2|two", "days", "tibia", "fibula"),
    fact("25 SCRs", "universal services", "Child N"),
    fact("25 SCRs", "sexual exploitation", "Child N's mother"),
    fact("25 SCRs", "17 June 2016", "Child L"),
    figures("25 SCRs", "October 2009", "July 2011", near=["Child L"]),
    figures("25 SCRs", "31", "May 2011", near=["weeks", "Child L"]),
    fact("25 SCRs", "Special Care Baby Unit"),
    fact("25 SCRs", "43", "days", "Child L"),
    fact("25 SCRs", "heart murmur"),
    fact("25 SCRs", "cardiac arrest", "head injury"),
    fact("25 SCRs", "sibling", "Child L"),
    fact("25 SCRs", "8 July 2016", "Child AC"),
    figures("25 SCRs", "14", "June 2015", "three|3", near=["Child AC"]),
    fact("25 SCRs", "July 2014", "excluded"),
    fact("25 SCRs", "Pupil Referral Unit"),
    fact("25 SCRs", "August 2011", "offending"),
    figures("25 SCRs", "November 2014", "two months", near=["secure"]),
    fact("25 SCRs", "Detention and Training Order"),
    fact("25 SCRs", "January 2015", "child protection plan", "Child AC"),
    fact("25 SCRs", "April 2015", "child in need"),
    fact("25 SCRs", "18 July 2016", "Child R"),
    figures("25 SCRs", "September 2011", "October 2014", near=["Child R"]),
    fact("25 SCRs", "13", "morphine"),
    fact("25 SCRs", "manslaughter", "four-year|four year|4-year"),
    fact("25 SCRs", "2001", "Child R"),
    fact("25 SCRs", "2009", "residence order"),
    fact("25 SCRs", "humorous", "popular"),
    fact("25 SCRs", "23 August 2016", "Child O"),
    figures("25 SCRs", "2011", "17", near=["Child O"]),
    fact("25 SCRs", "alcohol", "Child O"),
    fact("25 SCRs", "identical twin"),
    fact("25 SCRs", "ten", "home educated"),
    fact("25 SCRs", "North East", "Cumbria"),
    *[Row("25-26 reviews", child, (kind,)) for child, kind in (
        ("Child N", "Serious case review"), ("Child L", "Serious case review"),
        ("Child AC", "Serious case review"), ("Child R", "Serious case review"),
        ("Child O", "Serious case review"), ("Child AB", "Practice review"),
        ("Child AD", "Practice review"), ("Child MW", "Practice review"),
        ("Child SR", "Practice review"))],
    # the seed's Appendices A and B (action plans) are not in this report: its text points
    # to the business plan's appendix instead (issue 21)
    fact("25 SCRs", "Appendix A", "theme 5"),
    fact("25 SCRs", "www.cumbrialscb.com/LSCB/professionals/learningscr.asp"),
    fact("26 practice reviews", "four|4", "practice reviews"),
    fact("26 practice reviews", "Graded Care Profile", "neglect"),
    # 27. Child deaths
    fact("27 child deaths", "1 April", "31 March"),
    fact("27 child deaths", "two months|bimonthly", "panel"),
    fact("27 child deaths", "2014-15", "recommendation"),
    *rows("27 child deaths", """
Male\t12 (57%)\t19 (73%)\t10 (37%)\t21 (62%)\t58.0%|58%
Female\t9 (43%)\t7 (27%)\t17 (63%)\t13 (38%)\t42.0%|42%
Total\t21\t26\t27\t34
0 - 27 days\t5 (24%)\t8 (31%)\t15 (56%)\t17 (50%)\t43.1%
28 - 364 days\t8 (38%)\t4 (15%)\t4 (15%)\t9 (26%)\t21.4%
1 year - 4 years\t2 (10%)\t4 (15%)\t2 (7%)\t3 (9%)\t11.7%
5 - 9 years\t1 (5%)\t3 (12%)\t1 (4%)\t1 (3%)\t7.6%
10 - 14 years\t1 (5%)\t3 (12%)\t3 (11%)\t1 (3%)\t7.1%
15 - 17 years\t4 (19%)\t4 (15%)\t2 (7%)\t3 (9%)\t9.1%
1 - Deliberately inflicted injury, abuse or neglect\t0 (0%)\t0 (0%)\t0 (0%)\t0 (0%)\t1.6%
2 - Suicide or deliberate self-inflicted harm\t0 (0%)\t2 (8%)\t1 (4%)\t0 (0%)\t3.3%
3 - Trauma and other external factors\t3 (14%)\t1 (4%)\t2 (7%)\t3 (9%)\t5.1%
4 - Malignancy\t0 (0%)\t2 (8%)\t0 (0%)\t2 (6%)\t7.1%
5 - Acute medical or surgical condition\t2 (10%)\t2 (8%)\t2 (7%)\t4 (12%)\t6.1%
6 - Chronic medical condition\t0 (0%)\t5 (19%)\t1 (4%)\t4 (12%)\t4.9%
7 - Chromosomal, genetic and congenital anomalies\t4 (19%)\t5 (19%)\t9 (33%)\t2 (6%)\t26.0%
8 - Perinatal/neonatal event\t5 (24%)\t5 (19%)\t11 (41%)\t16 (47%)\t32.2%
9 - Infection\t4 (19%)\t4 (15%)\t0 (0%)\t1 (3%)\t5.9%
10 - Sudden unexpected, unexplained death\t3 (14%)\t0 (0%)\t1 (4%)\t2 (6%)\t7.6%
Category unknown/not reported\t0 (0%)\t0 (0%)\t0 (0%)\t0 (0%)\t0.3%
Under 6 months\t5%\t23%\t0%\t3%\t29%
6 - 7 months\t5%\t4%\t0%\t9%\t14%
8 - 9 months\t14%\t8%\t15%\t15%\t12%
10 – 11 months\t5%\t15%\t19%\t18%\t10%
12 months\t14%\t8%\t7%\t12%\t5%
More than 12 months\t57%\t42%\t59%\t44%\t30%
"""),
    figures("27 child deaths", "16", "10", "29%", "8", "24%", near=["prematurity"]),
    fact("27 child deaths", "Almost all", "White British"),  # 1: withheld in words (issue 21)
    figures("27 child deaths", "25", "74%", "76%", near=["modifiable"]),
    figures("27 child deaths", "9|nine", near=["smoking"]),  # 5, 1 and 2: in words, as a
    fact("27 child deaths", "a few", "health care"),  # report withholding small numbers
    fact("27 child deaths", "a few", "withdrawn"),  # would (issue 21)
    fact("27 child deaths", "A66", "Crackenthorpe", "Temple Sowerby"),
    fact("27 child deaths", "five days|5 days", "Kawasaki"),
    figures("27 child deaths", "2015", "2.7%", "3.1%", near=["smoking"]),
    figures("27 child deaths", "12.3%", "10.6%", near=["smok"]),
    fact("27 child deaths", "Form B"),
    figures("27 child deaths", "2016", "March 2016", near=["statistical first release"]),
    fact("27 child deaths", "2012", "guidance", "child death data collection"),
    # 28. Business plan
    *_business_plan(),
    fact("28 business plan", "April 2017|April", "May 2017", "members"),
    fact("28 business plan", "Claire Burgess"),
    fact("28 business plan", "9 January 2017", "audit"),
    fact("28 business plan", "24 April 2017", "Chelsea's Choice"),
    fact("28 business plan", "Jon Owen", "Brathay"),
    fact("28 business plan", "Be SAVY"),
    fact("28 business plan", "Children P"),
    fact("28 business plan", "October 2016", "substance misuse audit"),
    fact("28 business plan", "Signs of Safety", "November 2016"),
    fact("28 business plan", "Alan Wood Review"),
    figures("28 business plan", "three|3", "six|6", near=["half-day", "full-day"]),
    # 29-30. Conclusion and priorities
    figures("29 conclusion", "2015-16", "2016", near=["DfE", "peer review"]),
    fact("29 conclusion", "2016-19", "Business Plan"),
    fact("30 priorities", "2017-20", "priorities"),
    # 31. Glossary
    *[Row("31 glossary", acronym, (meaning,)) for acronym, meaning in GLOSSARY.items()],
    # 32. On a page (figures that stand; those contradicted elsewhere are left out above)
    fact("32 on a page", "1,200", "Twitter"),
    fact("32 on a page", "3,834", "newsletter"),
    fact("32 on a page", "114,311", "reach"),
    fact("32 on a page", "433", "Section 11"),
]


def missing(report: Report) -> list[Fact | Row]:
    return [f for f in FACTS if not f.found_in(report)]


# --- the tests ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(example_report: tuple[Path, list[tuple[int, int]]]) -> Report:
    """The example's report, built once for the session (conftest), read back."""
    return Report.read(example_report[0])


def test_every_seed_fact_is_in_the_report(report: Report) -> None:
    absent = missing(report)
    assert not absent, f"{len(absent)} of {len(FACTS)} seed facts are not in the report:\n" + \
        "\n".join(map(str, absent))


def test_the_list_is_substantial() -> None:
    assert len(FACTS) >= 600
    covered = {int(n) for f in FACTS for n in f.section.split()[0].split("-")}
    assert covered == set(range(1, 33)), "every section of the seed has its facts"


def test_a_figure_counts_only_beside_its_words() -> None:
    made_up = Report(("In 2015-16 there were 12 forums.", "Mothers: 14.4% smoked."),
                     (("Total", "270"), ("Child N", "Serious case review")))
    assert fact("x", "12", "forums").found_in(made_up)
    assert not fact("x", "12", "Practitioner Forums").found_in(made_up)
    assert not fact("x", "4.4%", "smoked").found_in(made_up)  # not inside 14.4%
    assert fact("x", "2015/16", "forums").found_in(made_up)  # one spelling of a year
    assert fact("x", "twelve|12", "forums").found_in(made_up)
    assert fact("x", "in", "forums").found_in(made_up) and not fact("x", "In", "forum s").found_in(
        made_up)
    assert Row("x", "Total", ("270",)).found_in(made_up)
    assert not Row("x", "Total", ("27",)).found_in(made_up)
    assert not Row("x", "Child N", ("Practice review",)).found_in(made_up)
    assert Row("x", "Child...", ("Serious case review",)).found_in(made_up)
    assert not Row("x", "Child", ("Serious case review",)).found_in(made_up)


def test_the_report_keeps_the_house_style(report: Report) -> None:
    """Years as 2016-17, month names in dates, one spelling of sub-group."""
    assert report.text
    assert not re.findall(r"\b20\d\d/\d{1,4}\b", report.text), "a year written 2016/17"
    assert not re.findall(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d\d\b",
                          report.text), "a date written Jul-17"
    assert not re.findall(r"\b[Ss]ub ?[Gg]roup|\bSub-Group", report.text), \
        "sub-group spelt another way"


def main(argv: Sequence[str]) -> int:
    """Count the seed facts found in a built report:
    ``python tests/report/test_seed_facts.py X``."""
    for name in argv:
        report = Report.read(Path(name))
        absent = missing(report)
        print(f"{name}: {len(FACTS) - len(absent)} of {len(FACTS)} seed facts found")
        for f in absent:
            print(f"  missing  {f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

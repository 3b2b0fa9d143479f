"""The sections of the annual report, in order, and the tab that owns each one."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Section", "SECTIONS"]


@dataclass(frozen=True)
class Section:
    number: int
    title: str  # may contain {area}, replaced by the Settings area in the report
    sheet: str  # the tab whose chair writes this section

    @property
    def label(self) -> str:
        """How the section is named in a dropdown: "4. The Area's Children and Young People"."""
        return f"{self.number}. {self.title.format(area='The Area')}"

    def heading(self, area: str) -> str:
        """The heading printed in the report: "Cumbria's Children and Young People"."""
        return self.title.format(area=area)


_ROWS = (
    (1, "Foreword from the Chair", "Board"),
    (2, "Introduction", "Board"),
    (3, "The views of Children and Young People", "Young People"),
    (4, "{area}'s Children and Young People", "Context"),
    (5, "Who are members of the LSCB", "Board"),
    (6, "A brief word from the LSCB Members", "Board"),
    (7, "Links between the LSCB and {area}'s Strategic Boards", "Board"),
    (8, "LSCB Structure", "Board"),
    (9, "Governance", "Board"),
    (10, "LSCB Budget", "Budget"),
    (11, "Subgroups", "Board"),
    (12, "Key LSCB Performance Indicators", "Performance"),
    (13, "Multi-Agency Quality Audits", "Audits"),
    (14, "Good Practice", "Board"),
    (15, "Neglect", "Neglect"),
    (16, "Domestic Abuse", "Domestic Abuse"),
    (17, "The Shape of Safeguarding in {area}", "Inspection"),
    (18, "Safeguarding (Section 11) Audit", "Section 11"),
    (19, "Front Line Staff", "Staff Survey"),
    (20, "Learning and Improvement – including Multi-Agency Training", "Training"),
    (21, "Child Sexual Exploitation (CSE) and Missing from Home (MFH)", "CSE and MFH"),
    (22, "Local Authority Designated Officer (LADO)", "LADO"),
    (23, "Privately Fostered Children", "Private Fostering"),
    (24, "Learning from Reviews", "Case Reviews"),
    (25, "Serious Case Reviews", "Case Reviews"),
    (26, "Practice Reviews", "Case Reviews"),
    (27, "Learning from Child Deaths", "CDOP"),
    (28, "Business Plan Update", "Business Plan"),
    (29, "Conclusion", "Board"),
    (30, "LSCB Priorities", "Board"),
    (31, "Glossary", "Glossary"),
    (32, "LSCB Annual Report on a Page", "Board"),
)

SECTIONS: dict[int, Section] = {n: Section(n, title, sheet) for n, title, sheet in _ROWS}

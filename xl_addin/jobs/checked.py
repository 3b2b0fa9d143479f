"""The checks and figures every command starts from: validate, compute, then what the
report's publication adds (small counts, the year at a glance's fit, the chairs' words
read as a sub-editor would).

:func:`check` is the pipeline the CLI and the add-in share; :func:`validate` alone only
checks. The findings of every step come back together, sorted by tab and cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from xl_addin.compute import Computed, compute
from xl_addin.core.findings import Finding, Severity
from xl_addin.core.raw import RawWorkbook
from xl_addin.disclosure import in_text_findings, small_count_findings
from xl_addin.readers.xlsx import read_workbook
from xl_addin.report import default_template
from xl_addin.report.content.outline import Item, outline
from xl_addin.report.content.references import reference_findings, report_appendices
from xl_addin.report.layout.overflow import glance_findings
from xl_addin.report.word.tags import appendix_tags
from xl_addin.schema import Profile
from xl_addin.statutory import Publication
from xl_addin.tables.dataset import Dataset
from xl_addin.validate import validate
from xl_addin.validate.coverage import Coverage
from xl_addin.validate.settled import settle
from xl_addin.validate.text_figures import text_findings
from xl_addin.validate.words import printed_texts, word_findings

__all__ = ["Result", "check", "validate_file", "skipped_rows", "appendices"]


@dataclass
class Result:
    """Every finding, the typed data and the computed figures of one workbook."""

    findings: list[Finding]
    data: Dataset
    computed: Computed
    profile: Profile | None = None  # the board's whole profile (data.profile: the part in use)
    version: str | None = None  # the profile version the workbook was made with
    publication: Publication | None = None  # when the report is due, and where it must go
    coverage: Coverage | None = None  # the statutory requirements the report meets

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def infos(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.INFO]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def disagreements(self) -> list[Finding]:
        """Findings that two figures disagree, signed off or not."""
        return [f for f in self.findings if f.disagreement]

    @property
    def unsettled(self) -> list[Finding]:
        """Disagreements neither corrected nor signed off: they stop a final report."""
        return [f for f in self.findings if f.disagreement and f.signed is None]

    @property
    def publishable(self) -> bool:
        """No errors and every disagreement settled: a final report may be built."""
        return self.ok and not self.unsettled

    @property
    def unfilled(self) -> list[Finding]:
        """Notes of a fresh workbook: cells, and statutory content, not filled in yet."""
        return [f for f in self.findings if self.is_unfilled(f)]

    @staticmethod
    def is_unfilled(finding: Finding) -> bool:
        """Whether a finding is one of :attr:`unfilled` (without building the list)."""
        rule = finding.rule
        return finding.severity is Severity.INFO and (
            rule == "cell.not-filled"
            or (rule.startswith("statutory.") and rule != "statutory.deadline"))


def check(raw: RawWorkbook, profile: Profile | None = None, *, fresh: bool = False,
          publishing: bool = True) -> Result:
    """Validate ``raw``, compute what the errors allow, and add the publication checks.

    ``profile`` and ``fresh`` are :func:`~xl_addin.validate.validate`'s. The publication
    checks (small counts, the year at a glance's fit, figures and words in the chairs'
    text, references, and the sign-offs that settle disagreements) are about the report
    this workbook would publish; a job that only moves the workbook on (``new-year``,
    ``upgrade``) leaves them out with ``publishing=False``: what stops it is an error, and
    errors come from validation."""
    checked = validate(raw, profile, fresh=fresh)
    data = checked.data
    computed = compute(data)
    findings = [*checked.findings, *computed.findings]
    if publishing:
        findings += [*small_count_findings(data), *glance_findings(data, computed),
                     *text_findings(data, computed.columns, computed.facts)]
        texts = list(printed_texts(data))
        findings += [*word_findings(data, texts), *in_text_findings(data, texts)]
        sections = outline(data)
        findings += reference_findings(data, appendices(
            data, checked.profile, checked.coverage, sections=sections), sections)
        findings = settle(findings, data)
    findings.sort(key=lambda f: f.sort_key)
    publication = checked.coverage.publication if checked.coverage is not None else None
    return Result(findings, data, computed, checked.profile, checked.version, publication,
                  checked.coverage)


def appendices(data: Dataset, profile: Profile, found: Coverage | None,
               template: Path | None = None, draft: bool = False,
               sections: Mapping[str, list[Item]] | None = None) -> dict[str, str]:
    """The appendices the report built with ``template`` (default: the profile's) prints,
    id -> title, in order: what the chairs' text may refer to as Appendix A, B, ..."""
    moved = appendix_tags(template or default_template(profile))
    return report_appendices(data, moved, found is not None and bool(found.mapped), draft,
                             sections)


def validate_file(path: Path, *, fresh: bool = False) -> Result:
    """:func:`check` of a workbook file (a missing, unsafe or foreign file raises)."""
    return check(read_workbook(Path(path)), fresh=fresh)


def skipped_rows(result: Result) -> str:
    """What the errors kept out of the computation, in words (for the CLI and the pane)."""
    profile = result.data.profile
    parts = []
    for name, rows in result.computed.skipped.items():
        title = profile.table(name).title if profile.has_table(name) else name
        parts.append(f"'{title}' ({rows} row{'s' if rows != 1 else ''})")
    if not parts:
        return "Nothing was left out."
    return "Left out because of errors: " + "; ".join(parts) + "."

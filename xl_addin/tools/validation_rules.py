"""Write the page of validation rules from the rule registry, so that it cannot drift.

    python -m xl_addin.tools.validation_rules          # rewrite docs/validation-rules.md
    python -m xl_addin.tools.validation_rules --check  # exit 1 if it is out of date

Every rule the tool can report is registered in ``xl_addin/core/findings.py`` (``RULES``:
id -> severity and a sentence). The page lists them grouped by the part of the id before
the first dot, in the order of :data:`GROUPS`, each group under a heading and a sentence
saying what its rules look at. A rule whose prefix has no group here is still listed, under
its prefix, and ``tests/test_docs.py`` fails until the group is described.
"""

from __future__ import annotations

from pathlib import Path

from xl_addin.core.findings import RULES, Severity
from xl_addin.tools.generated import write_or_check

__all__ = ["GROUPS", "PAGE", "render", "main"]

PAGE = Path(__file__).resolve().parents[2] / "docs" / "validation-rules.md"
COMMAND = "python -m xl_addin.tools.validation_rules"

# prefix -> (heading, what the group's rules look at), in the order a chair meets them:
# the workbook's shape first, then cells and rows, then figures against figures, then the
# report as a whole.
GROUPS: dict[str, tuple[str, str]] = {
    "sheet": ("Tabs", "Each tab the board profile names must be in the workbook, under its "
                      "own name."),
    "table": ("Excel Tables", "The figures live in named Excel Tables; the tool finds each "
                              "one by its name, wherever it is on the tab."),
    "column": ("Columns", "Each table's column headings, which the tool reads the columns "
                          "by."),
    "cell": ("Cells", "One value in one cell: whether it can be read as its column needs, "
                      "whether it is one of the column's choices and inside its range, and "
                      "values typed just outside a table."),
    "row": ("Rows", "A whole row of a table: ids that must not repeat, references that "
                    "should differ, and an indicator's own thresholds."),
    "fact": ("Key figures", "The rows of a Key figures table, where each single figure is "
                            "found by its Ref."),
    "years": ("Years", "The year column of a table that runs over several years."),
    "total": ("Typed totals", "A row labelled Total is added up again from the rows above "
                              "it."),
    "check": ("Cross-checks", "The board profile's cross-checks: the same figure given in "
                              "two places, parts against their whole, and percentages and "
                              "rates against the counts they come from."),
    "settings": ("Settings", "The board's choices on the Settings tab."),
    "rag": ("Ratings", "The RAG rating the tool works out for each indicator, against the "
                       "one published."),
    "trend": ("Trends", "The trend against last year the tool works out for each "
                        "indicator."),
    "statutory": ("Statutory requirements", "What the statutory guidance named on Settings "
                                            "asks the report to contain, and when and to "
                                            "whom it must be published."),
    "disclosure": ("Small numbers", "Counts small enough to identify a child."),
    "glance": ("The year at a glance", "The one-page summary after the foreword."),
    "text": ("Report text", "The chairs' paragraphs: figures they type against the figures "
                            "the workbook holds, and the words a sub-editor would check."),
    "signoff": ("Sign-off", "The Sign-off tab, where the business unit settles each "
                            "disagreement between two figures before the report is "
                            "published."),
    "publication": ("Publication", "What a final report needs before it goes out."),
}


def prefix(rule: str) -> str:
    return rule.split(".", 1)[0]


def render() -> str:
    by_group: dict[str, list[str]] = {}
    for rule in RULES:
        by_group.setdefault(prefix(rule), []).append(rule)
    order = [p for p in GROUPS if p in by_group] + sorted(set(by_group) - set(GROUPS))
    counts = {s: sum(severity is s for severity, _ in RULES.values()) for s in Severity}
    lines = [
        "# Validation rules",
        "",
        f"Generated from the rule registry (`RULES` in `xl_addin/core/findings.py`) by "
        f"`{COMMAND}`; do not edit.",
        "",
        f"Every finding the tool reports is made under one of these {len(RULES)} rules "
        f"({counts[Severity.ERROR]} errors, {counts[Severity.WARNING]} warnings, "
        f"{counts[Severity.INFO]} notes). The rule's id is in the `rule` field of "
        "`lscb-report validate --json` and on the Validation tab; the message a chair reads "
        "names the tab, the cell, the table's title, the column's heading and the value "
        "instead.",
        "",
        "- **error**: the figure cannot be used; fix it before the report is built (a build "
        "is refused, a draft lists it).",
        "- **warning**: the figures disagree or look odd; check it before publishing.",
        "- **info**: a note, such as a cell not filled in yet in a workbook just rolled over "
        "to a new year, or the publication deadline.",
        "",
        "| Group | Rules |",
        "| --- | --- |",
    ]
    headings = {p: GROUPS.get(p, (f"`{p}.` rules", ""))[0] for p in order}
    lines += [f"| [{headings[p]}](#{_anchor(headings[p])}) | {len(by_group[p])} |"
              for p in order]
    for p in order:
        heading, about = GROUPS.get(p, (headings[p], "Not yet described: add this prefix "
                                                     "to GROUPS in "
                                                     "xl_addin/tools/validation_rules.py."))
        lines += ["", f"## {heading}", "", about, "", "| Rule | Severity | What it means |",
                  "| --- | --- | --- |"]
        for rule in by_group[p]:
            severity, sentence = RULES[rule]
            lines.append(f"| `{rule}` | {severity} | {_cell(sentence)} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text for a Markdown table cell: a pipe would end the cell early."""
    return text.replace("|", "\\|")


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    kept = "".join(ch for ch in heading.lower() if ch.isalnum() or ch in " -_")
    return kept.replace(" ", "-")


def main(argv: list[str] | None = None) -> int:
    return write_or_check(PAGE, render(), COMMAND, argv)


if __name__ == "__main__":
    raise SystemExit(main())

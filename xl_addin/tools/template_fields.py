"""Write docs/template-fields.md: the fields and styles the Word template may use.

    python -m xl_addin.tools.template_fields          # rewrite docs/template-fields.md
    python -m xl_addin.tools.template_fields --check  # exit 1 if the file is out of date

The page is for whoever edits word_templates/annual_report.docx in Word: which tags the
report fills in, and which styles it relies on (restyle them; do not rename or delete them).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..report.context import TEMPLATE_FIELDS
from ..report.styles import STYLES
from .generated import write_or_check

__all__ = ["render", "FIELDS_PATH", "main"]

FIELDS_PATH = Path(__file__).resolve().parents[2] / "docs" / "template-fields.md"


def render() -> str:
    lines = [
        "# Word template: fields and styles",
        "",
        "Generated from the code by `python -m xl_addin.tools.template_fields`; do not edit.",
        "",
        "`word_templates/annual_report.docx` is an ordinary Word document. Reword and restyle "
        "it in Word as you like; `lscb-report build` fills in the tags below and adds the "
        "report's 32 sections where the `{{p body }}` paragraph stands. Type each tag in one "
        "go, so that Word keeps it in a single run of text. A tag the report does not provide "
        "stops the build with a message naming it.",
        "",
        "## Fields",
        "",
        "| Field | Written in the template as | Kind | What it holds |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| `{f.name}` | `{f.written}` | {f.kind} | {f.meaning} |" for f in TEMPLATE_FIELDS]
    lines += [
        "",
        "The board's logo on the cover is a picture in the template: replace it with Word's "
        "Change Picture, and keep its alt text.",
        "",
        "## Styles",
        "",
        "The report uses only these styles, so changing one in Word changes every place the "
        "report uses it. A template without one of them is refused.",
        "",
        "| Style | Kind | Where the report uses it |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {s.name} | {s.kind.value} | {s.use} |" for s in STYLES]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    return write_or_check(FIELDS_PATH, render(), "python -m xl_addin.tools.template_fields", argv)


if __name__ == "__main__":
    sys.exit(main())

"""Write each shipped profile's template-fields page: the tags and styles its template uses.

    python -m xl_addin.tools.template_fields          # rewrite docs/profiles/*/template-fields.md
    python -m xl_addin.tools.template_fields --check  # exit 1 if one is out of date

The page is for whoever edits the profile's Word template: which tags the report fills in
(one per section, which they may move, drop or type between), and which styles it relies
on (restyle them; do not rename or delete them).
"""

from __future__ import annotations

import sys
from pathlib import Path

from xl_addin.report.content.context import TEMPLATE_FIELDS
from xl_addin.report.word.template_styles import STYLES
from xl_addin.schema import Profile
from xl_addin.tools.generated import write_or_check_all
from xl_addin.tools.profiles import DOCS, shipped_profiles

__all__ = ["render", "fields_path", "main"]


def fields_path(profile: Profile) -> Path:
    return DOCS / profile.name / "template-fields.md"


def render(profile: Profile) -> str:
    lines = [
        f"# Word template: fields and styles ({profile.title})",
        "",
        f"Generated from the board profile `{profile.name}` by "
        "`python -m xl_addin.tools.template_fields`; do not edit.",
        "",
        f"`word_templates/{profile.template}` is an ordinary Word document. Reword and "
        "restyle it in Word as you like; `lscb-report build` fills in the tags below. Each "
        "section of the report has its own tag, so the comms team decides the order: move a "
        "tag (the whole paragraph) to move its section, type your own text between tags, or "
        "delete a tag to leave its section out (the build then warns, and a draft lists it). "
        "Section numbers, headings and the contents follow the template's order. "
        "`{{p body }}` prints every section not placed by its own tag, in the profile's "
        "order. Type each tag in one go, so that Word keeps it in a single run of text. A tag "
        "the report does not provide stops the build with a message naming it.",
        "",
        "## Fields",
        "",
        "| Field | Written in the template as | Kind | What it holds |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| `{f.name}` | `{f.written}` | {f.kind} | {f.meaning} |" for f in TEMPLATE_FIELDS]
    lines += ["", "## Sections", "", "| Tag | Section | Written on the tab |",
              "| --- | --- | --- |"]
    lines += [f"| `{{{{p {s.tag} }}}}` | {s.title}{'' if s.enabled else ' (switched off)'} | "
              f"{s.tab} |" for s in profile.sections]
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
    files = {fields_path(p): render(p) for p in shipped_profiles()}
    return write_or_check_all(files, "python -m xl_addin.tools.template_fields", argv)


if __name__ == "__main__":
    sys.exit(main())

"""The documentation matches the code, and its pages hold together.

The README is the entry point (short, Quick start and Tests first, a list of every command,
a link to every page of docs/); the manual is in docs/, a page per reader. Every relative
link in them leads to a file that exists (and, with an anchor, to a heading in it), and the
generated pages are current.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from xl_addin.cli import EXAMPLES, build_parser
from xl_addin.core.findings import RULES
from xl_addin.tools import data_dictionary, template_fields, validation_rules
from xl_addin.tools.profiles import shipped_profiles

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
MOST_README_LINES = 200
# Where each command is explained at length (besides its line in the README).
MANUAL = {"serve": DOCS / "it.md", "make-template": DOCS / "comms-team.md"}
DEFAULT_MANUAL = DOCS / "business-staff.md"

_FENCE = re.compile(r"^```.*?^```", re.S | re.M)
_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)


def _commands() -> list[str]:
    return list(build_parser()._subparsers._group_actions[0].choices)  # noqa: SLF001


def _pages() -> list[Path]:
    """README and every Markdown page under docs/ (the generated ones too)."""
    return [README, *sorted(DOCS.rglob("*.md"))]


def _prose(text: str) -> str:
    """The text without code blocks and inline code, where brackets are not links."""
    return _CODE.sub("", _FENCE.sub("", text))


def _section(text: str, heading: str) -> str:
    """The text under ``## heading``, up to the next heading of that level."""
    part = text.split(f"\n## {heading}\n", 1)
    assert len(part) == 2, f"no '## {heading}' heading"
    return part[1].split("\n## ", 1)[0]


def links(text: str) -> list[str]:
    """The targets of the Markdown links in ``text``, outside code."""
    return _LINK.findall(_prose(text))


def anchors(text: str) -> set[str]:
    """GitHub's anchors for the headings of a page: lower case, punctuation dropped,
    spaces as hyphens, and -1, -2, ... after a repeated one."""
    seen: dict[str, int] = {}
    out = set()
    for heading in _HEADING.findall(_FENCE.sub("", text)):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        out.add(slug if count == 0 else f"{slug}-{count}")
    return out


def broken_links(page: Path) -> list[str]:
    """The relative links of ``page`` that lead nowhere: no such file, or no such heading."""
    broken = []
    for target in links(page.read_text(encoding="utf-8")):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, flags=re.I):
            continue  # https:, mailto:: not a file of the repository
        path_part, _, anchor = target.partition("#")
        path = (page.parent / path_part).resolve() if path_part else page
        if not path.exists():
            broken.append(f"{target} (no such file)")
        elif anchor and path.suffix == ".md" and anchor not in anchors(
                path.read_text(encoding="utf-8")):
            broken.append(f"{target} (no such heading)")
    return broken


# --- generated pages ----------------------------------------------------------------------------


def test_each_profile_has_its_documents_up_to_date() -> None:
    for profile in shipped_profiles():
        path = data_dictionary.dictionary_path(profile)
        assert path.read_text(encoding="utf-8") == data_dictionary.render(profile), (
            "run: python -m xl_addin.tools.data_dictionary")
        path = template_fields.fields_path(profile)
        assert path.read_text(encoding="utf-8") == template_fields.render(profile), (
            "run: python -m xl_addin.tools.template_fields")


def test_the_validation_rules_page_is_current() -> None:
    assert validation_rules.PAGE.read_text(encoding="utf-8") == validation_rules.render(), (
        "run: python -m xl_addin.tools.validation_rules")


def test_the_validation_rules_page_lists_every_rule_in_a_described_group() -> None:
    text = validation_rules.render()
    for rule, (severity, sentence) in RULES.items():
        cell = sentence.replace("|", "\\|")
        assert f"| `{rule}` | {severity} | {cell} |" in text, rule
    undescribed = {validation_rules.prefix(r) for r in RULES} - set(validation_rules.GROUPS)
    assert not undescribed, ("give these rule prefixes a heading and a sentence in GROUPS in "
                             f"xl_addin/tools/validation_rules.py: {sorted(undescribed)}")


def test_the_validation_rules_check_fails_on_a_stale_page(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "validation-rules.md"
    stale.write_text(validation_rules.render().replace("`cell.merged`", "`cell.fused`"),
                     encoding="utf-8")
    monkeypatch.setattr(validation_rules, "PAGE", stale)
    assert validation_rules.main(["--check"]) == 1
    assert validation_rules.main([]) == 0
    assert validation_rules.main(["--check"]) == 0


# --- the README as the entry point ----------------------------------------------------------------


def test_the_readme_is_an_entry_point_not_a_manual() -> None:
    lines = README.read_text(encoding="utf-8").count("\n")
    assert lines <= MOST_README_LINES, (
        f"README.md has {lines} lines; keep it to {MOST_README_LINES} and move the rest to docs/")


def test_readme_starts_with_quick_start_and_tests_blocks() -> None:
    text = README.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[:2] == ["Quick start", "Tests"]
    for heading in ("Quick start", "Tests"):
        section = text.split(f"## {heading}\n", 1)[1]
        assert section.lstrip().startswith("```bash\n"), heading
    assert "lscb-report build" in text.split("## Quick start\n", 1)[1].split("```")[1]
    assert "python -m pytest" in text.split("## Tests\n", 1)[1].split("```")[1]


def test_every_command_is_in_the_readme_list_and_in_the_manual() -> None:
    commands = _commands()
    listed = _section(README.read_text(encoding="utf-8"), "Commands")
    for name in commands:
        assert re.search(rf"^- `lscb-report {re.escape(name)}\b", listed, flags=re.M), (
            f"lscb-report {name}: add a line to the README's Commands list")
        manual = MANUAL.get(name, DEFAULT_MANUAL)
        assert f"lscb-report {name}" in manual.read_text(encoding="utf-8"), (
            f"lscb-report {name}: explain it in {manual.relative_to(ROOT)}")
    assert set(EXAMPLES) == set(commands)


def test_every_page_of_the_manual_is_linked_from_the_readme() -> None:
    linked = {(README.parent / target.partition("#")[0]).resolve()
              for target in links(README.read_text(encoding="utf-8"))}
    missing = [p.name for p in sorted(DOCS.glob("*.md")) if p.resolve() not in linked]
    assert not missing, f"link these pages from the README's 'Where to read next': {missing}"


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_leads_somewhere(page: Path) -> None:
    assert not broken_links(page)


def test_a_broken_link_is_found(tmp_path: Path) -> None:
    (tmp_path / "there.md").write_text("# A page\n\n## Its part\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "[ok](there.md) [ok](there.md#its-part) [ok](#here) [web](https://example.org/x)\n"
        "`[code](nowhere.md)`\n\n```\n[block](nowhere.md)\n```\n\n## Here\n"
        "[gone](missing.md) [no part](there.md#not-a-part)\n", encoding="utf-8")
    assert broken_links(page) == ["missing.md (no such file)",
                                  "there.md#not-a-part (no such heading)"]


def test_anchors_follow_githubs_rule() -> None:
    text = "# Running the server: `lscb-report serve`\n## Desktop add-in (offline)\n## Tabs\n" \
           "## Tabs\n"
    assert anchors(text) == {"running-the-server-lscb-report-serve", "desktop-add-in-offline",
                             "tabs", "tabs-1"}


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest" in ci and "pip install" in ci and "ruff check" in ci
    for tool in ("data_dictionary", "template_fields", "validation_rules"):
        assert f"python -m xl_addin.tools.{tool} --check" in ci, tool

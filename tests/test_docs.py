"""The documentation matches the code."""

from __future__ import annotations

import re
from pathlib import Path

from xl_addin.cli import EXAMPLES, build_parser
from xl_addin.tools import data_dictionary, template_fields
from xl_addin.tools.profiles import shipped_profiles

README = Path(__file__).resolve().parents[1] / "README.md"


def test_each_profile_has_its_documents_up_to_date() -> None:
    for profile in shipped_profiles():
        path = data_dictionary.dictionary_path(profile)
        assert path.read_text(encoding="utf-8") == data_dictionary.render(profile), (
            "run: python -m xl_addin.tools.data_dictionary")
        path = template_fields.fields_path(profile)
        assert path.read_text(encoding="utf-8") == template_fields.render(profile), (
            "run: python -m xl_addin.tools.template_fields")


def test_readme_starts_with_quick_start_and_tests_blocks() -> None:
    text = README.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[:2] == ["Quick start", "Tests"]
    for heading in ("Quick start", "Tests"):
        section = text.split(f"## {heading}\n", 1)[1]
        assert section.lstrip().startswith("```bash\n"), heading
    assert "python -m pytest" in text.split("## Tests\n", 1)[1].split("```")[1]


def test_every_command_is_documented_in_the_readme() -> None:
    """In the README or a page of docs/ (the manual is moving there, a page per reader)."""
    text = README.read_text(encoding="utf-8") + "".join(
        page.read_text(encoding="utf-8") for page in sorted((README.parent / "docs").glob("*.md")))
    commands = build_parser()._subparsers._group_actions[0].choices  # noqa: SLF001
    for name in commands:
        assert f"lscb-report {name}" in text, name
    assert set(EXAMPLES) == set(commands)


def test_ci_runs_the_readme_test_command() -> None:
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest" in ci and "pip install" in ci and "ruff check" in ci

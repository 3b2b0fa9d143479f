"""The package layout shows the data flow, and stays that way.

workbook -> tables -> checks and rules -> results -> writers: each package of ``xl_addin``
may import only the packages before it in :data:`LAYERS` (and the standard library and
third-party libraries), so there are no cycles and a reader can trust a folder's place in the
flow. docs/architecture.md draws the same picture.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "xl_addin"

# In the order data flows through them; a package may import only those before it.
LAYERS = [
    "core",        # errors, raw cells, findings, values, years, formats: shared by all
    "statutory",   # what the guidance requires (data)
    "schema",      # the board profile: the one declaration of tabs, tables, columns, rules
    "tables",      # the typed tables (pandas) and the Settings figures
    "files",       # file policy: hostile files refused, outputs written whole
    "readers",     # workbook in: .xlsx file -> raw tables
    "validate",    # checks -> findings
    "compute",     # ratings, trends, derived figures
    "disclosure",  # small counts, suppression
    "rollover",    # next year's rows
    "report",      # report content (pure), layout, Word writer
    "writers",     # results into workbooks: fresh, package edits, one plan
    "live",        # a live Excel book (xlwings): read and written
    "jobs",        # whole commands, shared by the CLI and the add-in
    "addin",       # the Excel add-in (xlwings Server, desktop)
    "cli",         # lscb-report
    "tools",       # maintainers' generators (example workbook, docs, template)
]
ENTRY_POINTS = {"__init__.py", "__main__.py"}


def _imports() -> dict[tuple[str, str], list[str]]:
    """(from package, to package) -> the modules that import across."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) == 1:
            continue  # the entry points
        source = parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                bits = name.split(".")
                if bits[0] == "xl_addin" and len(bits) > 1 and bits[1] != source:
                    edges[(source, bits[1])].append(str(path.relative_to(PACKAGE)))
    return edges


def test_every_package_has_a_place_in_the_flow() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert packages == set(LAYERS)


def test_packages_import_only_what_comes_before_them() -> None:
    rank = {name: i for i, name in enumerate(LAYERS)}
    backwards = {f"{a} -> {b} ({', '.join(sorted(set(where)))})"
                 for (a, b), where in _imports().items() if rank[b] >= rank[a]}
    assert not backwards


def test_only_entry_points_sit_at_the_top() -> None:
    loose = {p.name for p in PACKAGE.glob("*.py")} - ENTRY_POINTS
    assert not loose


def test_no_two_modules_share_a_name() -> None:
    seen: dict[str, list[str]] = defaultdict(list)
    for path in PACKAGE.rglob("*.py"):
        if path.name not in ENTRY_POINTS and "server" not in path.parts:
            seen[path.name].append(str(path.relative_to(PACKAGE)))
    assert {name: places for name, places in seen.items() if len(places) > 1} == {}

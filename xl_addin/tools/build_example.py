"""Build the shipped example workbook from its CSV source.

    python -m xl_addin.tools.build_example            # writes the example workbook
    python -m xl_addin.tools.build_example --check    # parse and validate only; list problems

Which workbook, seed folder and profile make the example is in workbook/example.yaml.

Every CSV value is parsed by the same parser that validates a workbook, so a figure that
would be rejected in Excel is rejected here too, with its file, row and column.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xl_addin.files.shipped import example
from xl_addin.schema import Kind, Profile, Table, load_profile
from xl_addin.tools.seed import read_rows
from xl_addin.validate.cells import parse

__all__ = ["load_seed", "build_example", "SEED_DIR", "EXAMPLE_PATH"]

REPO = Path(__file__).resolve().parents[2]
SEED_DIR = REPO / "workbook" / example().seed.relative_to(example().workbook.parent)
EXAMPLE_PATH = REPO / "workbook" / example().workbook.name


def example_profile() -> Profile:
    return load_profile(example().profile)


def load_seed(folder: Path = SEED_DIR, profile: Profile | None = None,
              ) -> tuple[dict[str, list[dict[str, object]]], list[str]]:
    """Typed rows for every table, and the problems met on the way."""
    profile = profile or example_profile()
    data: dict[str, list[dict[str, object]]] = {}
    problems: list[str] = []
    for _, table in profile.iter_tables():
        try:
            rows = read_rows(folder, table)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        data[table.name] = [_typed_row(table, row, n, problems)
                            for n, row in enumerate(rows, start=2)]
    return data, problems


def _typed_row(table: Table, row: dict[str, str], line: int,
               problems: list[str]) -> dict[str, object]:
    typed: dict[str, object] = {}
    for column in table.columns:
        text = row.get(column.key, "")
        kind, unit, choices = column.kind, column.unit, column.choices
        if kind is Kind.FACT:
            fact = next((f for f in table.facts if f.key == row.get("ref")), None)
            if fact is None:
                problems.append(f"{table.name}.csv line {line}: unknown Ref {row.get('ref')!r}")
                continue
            kind, unit, choices = fact.kind, fact.unit, fact.choices
        elif column.unit_from:
            unit = row.get(column.unit_from, "")
        parsed = parse(kind, text, unit=unit, choices=choices)
        if parsed.error:
            problems.append(f"{table.name}.csv line {line}, {column.header}: {parsed.error}")
        elif parsed.rule == "cell.choice-case":
            problems.append(f"{table.name}.csv line {line}, {column.header}: {parsed.note}")
        typed[column.key] = parsed.value
    return typed


def build_example(out: Path = EXAMPLE_PATH, folder: Path = SEED_DIR) -> list[str]:
    """Write the example workbook; returns the problems (nothing is written if any)."""
    from xl_addin.writers.workbook.fresh import build_workbook, save_workbook

    profile = example_profile()
    data, problems = load_seed(folder, profile)
    if not problems:
        save_workbook(build_workbook(profile, data), out)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="parse and validate only")
    parser.add_argument("-o", "--out", type=Path, default=EXAMPLE_PATH)
    args = parser.parse_args(argv)
    if args.check:
        _, problems = load_seed()
        for problem in problems:
            print(problem)
        if not problems:
            problems = _validate_built()
        return 1 if problems else 0
    problems = build_example(args.out)
    for problem in problems:
        print(problem)
    if not problems:
        print(f"wrote {args.out}")
    return 1 if problems else 0


def _validate_built() -> list[str]:
    """Build into memory, validate, and print every finding."""
    import tempfile

    from xl_addin.jobs.checked import check
    from xl_addin.readers.xlsx import read_workbook

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "check.xlsx"
        build_example(path)
        result = check(read_workbook(path))
    for f in result.findings:
        print(f"{f.severity:7} {f.sheet}!{f.cell or ''} [{f.rule}] {f.message}")
    print(f"{len(result.errors)} errors, {len(result.warnings)} warnings")
    return [f.message for f in result.errors]


if __name__ == "__main__":
    sys.exit(main())

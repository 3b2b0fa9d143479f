"""The text source of the shipped example workbook.

The 2016-17 example is kept as one CSV file per Excel Table under ``workbook/seed/<year>/``
so that every figure can be reviewed line by line in a diff. Each CSV's header row is the
table's Excel headers; values are written as a person would type them ("17.7%", "2017-03-31",
"2016-17"). ``build_example`` turns the CSVs into the .xlsx with the same writer and parser
the tool uses everywhere else.
"""

from __future__ import annotations

import csv
from pathlib import Path

from xl_addin.schema import Profile, Table

__all__ = ["csv_path", "write_templates", "read_rows"]


def csv_path(folder: Path, table: Table) -> Path:
    return folder / f"{table.name}.csv"


def write_templates(folder: Path, profile: Profile, overwrite: bool = False) -> list[Path]:
    """Write an empty CSV (headers only; fact tables with their refs) for every table."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for _, table in profile.iter_tables():
        path = csv_path(folder, table)
        if path.exists() and not overwrite:
            continue
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow([c.header for c in table.columns])
            for fact in table.facts:
                writer.writerow([fact.key, fact.label, "", ""])
        written.append(path)
    return written


def read_rows(folder: Path, table: Table) -> list[dict[str, str]]:
    """Rows of one table's CSV, keyed by column key; a missing file is an empty table."""
    path = csv_path(folder, table)
    if not path.exists():
        return []
    by_header = {c.header: c.key for c in table.columns}
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        unknown = set(reader.fieldnames or ()) - set(by_header)
        if unknown:
            raise ValueError(f"{path.name}: unknown columns {sorted(unknown)}")
        return [{by_header[h]: (v or "").strip() for h, v in row.items()} for row in reader]


if __name__ == "__main__":
    import sys

    from xl_addin.schema import load_profile

    if len(sys.argv) != 3:
        sys.exit("usage: python -m xl_addin.tools.seed FOLDER PROFILE")
    for p in write_templates(Path(sys.argv[1]), load_profile(sys.argv[2])):
        print(p)

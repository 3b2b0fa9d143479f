"""Prove that a change left the tool's outputs as they were, byte for byte.

    python benchmarks/same_outputs.py --save before.json     # before the change
    python benchmarks/same_outputs.py --against before.json  # after it: exit 1 if any differs

Each command a person runs is run on the shipped workbooks, in a fresh process, into a
scratch folder: validate (text and JSON), compute, new-year, upgrade, new-workbook and
build (final, draft and with small numbers suppressed). The SHA-256 of every file written
and of every command's standard output is recorded; ``--against`` names each one that
differs. A restructuring of the code (issue 17) must change none of them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "workbook" / "cumbria_lscb_2016-17.xlsx"
BLANK = ROOT / "workbook" / "lscb_master_blank.xlsx"


def runs(scratch: Path) -> list[tuple[str, list[str], list[Path]]]:
    """(name, arguments, files written) of every command compared."""
    s = scratch
    return [
        ("validate", ["validate", str(EXAMPLE)], []),
        ("validate-json", ["validate", str(EXAMPLE), "--json"], []),
        ("validate-blank", ["validate", str(BLANK)], []),
        ("compute", ["compute", str(EXAMPLE), "-o", str(s / "computed.xlsx")],
         [s / "computed.xlsx"]),
        ("compute-blank", ["compute", str(BLANK), "-o", str(s / "blank.xlsx")],
         [s / "blank.xlsx"]),
        ("new-year", ["new-year", str(EXAMPLE), "-o", str(s / "next.xlsx")], [s / "next.xlsx"]),
        ("validate-next", ["validate", str(s / "next.xlsx"), "--fresh"], []),
        ("upgrade", ["upgrade", str(EXAMPLE), "-o", str(s / "upgraded.xlsx")],
         [s / "upgraded.xlsx"]),
        ("new-workbook", ["new-workbook", str(s / "new.xlsx")], [s / "new.xlsx"]),
        ("new-workbook-example", ["new-workbook", str(s / "new-example.xlsx"), "--profile",
                                  "cumbria-2016-17"], [s / "new-example.xlsx"]),
        ("build", ["build", str(EXAMPLE), "-o", str(s / "report.docx")], [s / "report.docx"]),
        ("build-draft", ["build", str(EXAMPLE), "--draft", "-o", str(s / "draft.docx")],
         [s / "draft.docx"]),
        ("build-suppressed", ["build", str(EXAMPLE), "--suppress-small-numbers", "-o",
                              str(s / "suppressed.docx")], [s / "suppressed.docx"]),
    ]


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record(scratch: Path) -> dict[str, str]:
    env = {**os.environ, "XLWINGS_LICENSE_KEY": "noncommercial", "COLUMNS": "200"}
    out: dict[str, str] = {}
    for name, args, files in runs(scratch):
        done = subprocess.run([sys.executable, "-m", "xl_addin", *args], capture_output=True,
                              env=env, cwd=scratch, check=False)
        text = done.stdout.replace(str(scratch).encode(), b"<scratch>")
        out[f"{name}: exit"] = str(done.returncode)
        out[f"{name}: stdout"] = digest(text)
        for path in files:
            out[f"{name}: {path.name}"] = digest(path.read_bytes()) if path.exists() else "absent"
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--save", type=Path, help="write the digests to this JSON file")
    which.add_argument("--against", type=Path, help="compare with digests saved earlier")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lscb-same-") as folder:
        now = record(Path(folder))
    if options.save:
        options.save.write_text(json.dumps(now, indent=1) + "\n")
        print(f"Saved {len(now)} digests to {options.save}.")
        return 0
    before = json.loads(options.against.read_text())
    differ = [k for k in sorted(set(before) | set(now)) if before.get(k) != now.get(k)]
    for key in differ:
        print(f"DIFFERS  {key}: {before.get(key)} -> {now.get(key)}")
    print(f"{len(now) - len(differ)} of {len(set(before) | set(now))} outputs identical.")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

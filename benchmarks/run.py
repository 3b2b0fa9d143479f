"""Whole-process timings and peak memory of lscb-report commands.

    python benchmarks/run.py            # validate on the shipped workbook, 7 runs
    python benchmarks/run.py --runs 15

Each run is a fresh process (`python -m xl_addin ...`), so the figures include Python's
start-up and the imports, as a person clicking a button would see. Peak memory is the
child's maximum resident set size, read from the kernel with os.wait4.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# (name, command arguments, goal seconds, goal MB) - the goals come from the issues.
SCRATCH = Path(tempfile.mkdtemp(prefix="lscb-bench-"))
EXAMPLE = str(Path(__file__).resolve().parents[1] / "workbook" / "cumbria_lscb_2016-17.xlsx")

COMMANDS = [
    ("validate", ["validate"], 1.5, 250),
    ("compute", ["compute", EXAMPLE, "-o", str(SCRATCH / "computed.xlsx"), "--force"], 2.0,
     300),
    ("new-year", ["new-year", EXAMPLE, "-o", str(SCRATCH / "next.xlsx"), "--force"], 2.0, 300),
    ("build", ["build", EXAMPLE, "-o", str(SCRATCH / "report.docx"), "--force"], 3.0, 400),
]

# An installed tool runs from compiled bytecode (pip writes it on install); the warm-up run
# writes ours, even where the environment sets PYTHONDONTWRITEBYTECODE.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(args: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak MB, exit code) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "xl_addin", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    os.chdir(Path(__file__).resolve().parents[1])
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {options.runs} runs each")
    print(f"{'command':<12}{'median s':>10}{'min s':>8}{'max s':>8}{'peak MB':>9}"
          f"{'goal s':>8}{'goal MB':>9}  verdict")
    failed = False
    for name, args, goal_s, goal_mb in COMMANDS:
        measure(args)  # warm the file cache
        runs = [measure(args) for _ in range(options.runs)]
        codes = {code for _, _, code in runs}
        walls = [w for w, _, _ in runs]
        peak = max(m for _, m, _ in runs)
        median = statistics.median(walls)
        ok = median <= goal_s and peak <= goal_mb and codes <= {0, 1}
        failed |= not ok
        print(f"{name:<12}{median:>10.2f}{min(walls):>8.2f}{max(walls):>8.2f}{peak:>9.0f}"
              f"{goal_s:>8.1f}{goal_mb:>9}  {'ok' if ok else 'OVER GOAL'} (exit {codes})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

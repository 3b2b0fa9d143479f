"""How long a build takes against the bare import floor, in the same environment.

    python benchmarks/build_ratio.py              # 7 runs of each, alternating
    python benchmarks/build_ratio.py --runs 11

The floor is a fresh process that only imports the libraries every build needs
(``python -c "import pandas, openpyxl, docx"``); a build is ``python -m xl_addin build``
of the shipped example to a scratch file (no PDF). Both run in turn, N times each, so a busy
machine slows both alike; the script prints their medians, the ratio of the medians, and
the build's peak memory (the child's maximum resident set size, from the kernel).

Goal (issue 12): ratio at most 3.0, peak memory at most 400 MB. Exit code 1 when over.
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

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "workbook" / "cumbria_lscb_2016-17.xlsx"
FLOOR = [sys.executable, "-c", "import pandas, openpyxl, docx"]
GOAL_RATIO, GOAL_MB = 3.0, 400

# An installed tool runs from compiled bytecode (pip writes it on install); the warm-up run
# writes ours, even where the environment sets PYTHONDONTWRITEBYTECODE.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(command: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak MB, exit code) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=ROOT, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lscb-ratio-") as folder:
        build = [sys.executable, "-m", "xl_addin", "build", str(EXAMPLE), "-o",
                 str(Path(folder) / "report.docx"), "--force"]
        measure(FLOOR)
        measure(build)  # warm the file cache and the bytecode
        floors, builds, peaks, codes = [], [], [], set()
        for _ in range(options.runs):
            wall, _, _ = measure(FLOOR)
            floors.append(wall)
            wall, peak, code = measure(build)
            builds.append(wall)
            peaks.append(peak)
            codes.add(code)
    floor, built = statistics.median(floors), statistics.median(builds)
    ratio = built / floor
    peak = max(peaks)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {options.runs} runs each")
    print(f"import floor  median {floor:.2f} s  (min {min(floors):.2f}, max {max(floors):.2f})")
    print(f"build         median {built:.2f} s  (min {min(builds):.2f}, max {max(builds):.2f})"
          f"  peak {peak:.0f} MB  exit {sorted(codes)}")
    ok = ratio <= GOAL_RATIO and peak <= GOAL_MB and codes == {0}
    print(f"ratio {ratio:.2f} (goal {GOAL_RATIO}), peak {peak:.0f} MB (goal {GOAL_MB}): "
          f"{'ok' if ok else 'OVER GOAL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""How long each command takes against the bare import floor, in the same environment.

    python benchmarks/ratios.py              # 7 runs of each, alternating with the floor
    python benchmarks/ratios.py --runs 11 --only build

The floor is a fresh process that only imports the libraries the tool rests on
(``python -c "import pandas, openpyxl, docx"``); each command is ``python -m xl_addin ...``
on the shipped example, writing to a scratch folder. The floor and the commands run in turn,
so a busy machine slows them alike; the script prints, for each command, the medians of
the wall time and of the CPU time (user + system, from the kernel), their ratios to the
floor's, and the command's peak memory (maximum resident set size).

Goals (issue 17), on the wall-time ratio: validate 1.6, compute 2.0, new-year 2.5, build
2.5; peak memory 400 MB. Exit code 1 when any is over.
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
EXAMPLE = str(ROOT / "workbook" / "cumbria_lscb_2016-17.xlsx")
FLOOR = [sys.executable, "-c", "import pandas, openpyxl, docx"]
GOAL_MB = 400

# An installed tool runs from compiled bytecode (pip writes it on install); the warm-up run
# writes ours, even where the environment sets PYTHONDONTWRITEBYTECODE.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def commands(scratch: Path) -> dict[str, tuple[list[str], float]]:
    """name -> (arguments of lscb-report, goal ratio)."""
    return {
        "validate": (["validate", EXAMPLE], 1.6),
        "compute": (["compute", EXAMPLE, "-o", str(scratch / "computed.xlsx"), "--force"],
                    2.0),
        "new-year": (["new-year", EXAMPLE, "-o", str(scratch / "next.xlsx"), "--force"], 2.5),
        "build": (["build", EXAMPLE, "-o", str(scratch / "report.docx"), "--force"], 2.5),
    }


def measure(command: list[str]) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak MB, exit code) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=ROOT, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return (wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
            os.waitstatus_to_exitcode(status))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", action="append", help="a command to time (repeatable)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lscb-ratios-") as folder:
        chosen = {name: spec for name, spec in commands(Path(folder)).items()
                  if not options.only or name in options.only}
        programs = {name: [sys.executable, "-m", "xl_addin", *args]
                    for name, (args, _) in chosen.items()}
        measure(FLOOR)
        for program in programs.values():
            measure(program)  # warm the file cache and the bytecode
        floor: list[tuple[float, float]] = []
        runs: dict[str, list[tuple[float, float, float, int]]] = {n: [] for n in programs}
        for _ in range(options.runs):
            for name, program in programs.items():
                wall, cpu, _, _ = measure(FLOOR)
                floor.append((wall, cpu))
                runs[name].append(measure(program))
    floor_wall = statistics.median(w for w, _ in floor)
    floor_cpu = statistics.median(c for _, c in floor)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {options.runs} runs each, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"import floor  wall {floor_wall:.2f} s  cpu {floor_cpu:.2f} s")
    print(f"{'command':<10}{'wall s':>8}{'ratio':>7}{'cpu s':>8}{'ratio':>7}{'peak MB':>9}"
          f"{'goal':>6}  verdict")
    failed = False
    for name, results in runs.items():
        wall = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        peak = max(r[2] for r in results)
        codes = {r[3] for r in results}
        goal = chosen[name][1]
        ok = wall / floor_wall <= goal and peak <= GOAL_MB and codes <= {0, 1}
        failed |= not ok
        print(f"{name:<10}{wall:>8.2f}{wall / floor_wall:>7.2f}{cpu:>8.2f}"
              f"{cpu / floor_cpu:>7.2f}{peak:>9.0f}{goal:>6.1f}  "
              f"{'ok' if ok else 'OVER GOAL'} (exit {sorted(codes)})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

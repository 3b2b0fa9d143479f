"""The add-in's round trip: a click's payload posted to xlwings Server, its actions back.

    python benchmarks/server_roundtrip.py              # Build report, 7 runs
    python benchmarks/server_roundtrip.py --script compute --runs 15

Posts the payload the Office.js add-in sends for the shipped workbook (the tabs the
script reads) through FastAPI's TestClient to the app ``lscb-report serve`` runs (xlwings
Server behind the add-in's guard), in this process, and times each request from the POST
until its JSON actions have been read; a click whose outcome is not a success stops the
run. The first run pays for the imports (the report builder's docxtpl and python-pptx)
and is shown apart; the goal applies to the median of the others. What Excel then takes
to apply the actions is not measured: no Excel runs here. Needs the server extra:
pip install -e '.[dev,server]'.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

GOAL_SECONDS = 2.0
MEGABYTE = 1_000_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--script", default="build_report",
                        choices=["validate", "compute", "build_report"])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()

    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    os.environ["XLWINGS_LSCB_DOWNLOADS_DIR"] = str(Path(tempfile.mkdtemp(
        prefix="lscb-bench-")) / "downloads")
    from fastapi.testclient import TestClient

    from xl_addin.addin.actions import SHEETS_SKIPPED
    from xl_addin.addin.asgi import app  # points xlwings Server at the add-in's project
    from xl_addin.files.shipped import example_workbook
    from xl_addin.tools.officejs_payload import book_payload

    payload = book_payload(example_workbook(), exclude=SHEETS_SKIPPED)
    if options.script == "build_report":
        payload["args"] = ["http://localhost"]
    body = json.dumps(payload).encode()
    client = TestClient(app, base_url="http://localhost")

    def click() -> tuple[float, int, int]:
        start = time.perf_counter()
        response = client.post(f"/xlwings/custom-scripts-call/{options.script}", content=body,
                               headers={"Content-Type": "application/json"})
        actions = response.json()["actions"]
        [outcome] = [a["args"][1] for a in actions if a["func"] == "runMacro"
                     and a["args"][0] == "lscbShowOutcome"]
        if not outcome["ok"]:
            raise SystemExit(f"the click did not succeed: {outcome['message']}")
        return time.perf_counter() - start, len(actions), len(response.content)

    first, count, size = click()
    walls = [click()[0] for _ in range(options.runs)]
    median = statistics.median(walls)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; script {options.script}")
    print(f"payload (request) {len(body) / MEGABYTE:.3f} MB (goal <= 1 MB); response "
          f"{size / MEGABYTE:.3f} MB, {count} actions")
    print(f"first run {first:.2f} s (imports included); then median {median:.2f} s, "
          f"min {min(walls):.2f}, max {max(walls):.2f} over {options.runs} runs "
          f"(goal {GOAL_SECONDS:.1f} s)")
    ok = median <= GOAL_SECONDS and len(body) <= MEGABYTE
    print("ok" if ok else "OVER GOAL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

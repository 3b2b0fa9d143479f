"""Load on the add-in's server: rounds of concurrent Build report clicks over real HTTP.

    python benchmarks/server_load.py                      # 20 clicks at once, 2 workers, 5 rounds
    python benchmarks/server_load.py --clicks 10 --rounds 8 --workers 1
    python benchmarks/server_load.py --slow-headers 4 --idle 3000 --rounds 3   # under attack

Starts ``lscb-report serve --workers N`` on a free port of 127.0.0.1 (a throwaway download
folder, no sign-in), then, round after round, posts ``--clicks`` Build report clicks at
once, each with the payload the Office.js add-in sends for the shipped workbook. For each
round it prints the median (p50), 95th percentile and slowest latency, the errors (any
answer that is not a built report), and each worker process's resident memory after the
round. The first round pays for the workers' imports (matplotlib, docxtpl) and is shown
but not judged. It passes (exit 0) with no errors and no memory growth: each worker's
memory in the last round within ``--growth-mb`` of its memory after the second round.

Under attack, while the rounds run: ``--slow-headers N`` connections each send a header
that never ends (reconnecting whenever the server cuts one off), and ``--idle N``
connections are held open without finishing a request (half send nothing, half the start
of a head; each one the server closes is opened again). Another client's request (GET /)
is timed every quarter of a second, attack or not, after the start-up round; under attack
the run also fails if one goes unanswered, or if the 95th percentile of their waits is
``--probe-limit`` seconds (default 1) or more. ``--clicks 0`` runs the attack alone, five
seconds a round; with clicks, compare with the same run without the attack, since on two
cores the builds alone keep other requests waiting.
Only addresses on this computer are used; every request has a time limit.
Needs the server extra: pip install -e '.[dev,server]'.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import resource
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REQUEST_SECONDS = 300.0  # the most one click may take before it counts as an error
IDLE_ROUND_SECONDS = 5.0  # a round's length with --clicks 0 (the attack alone)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=20,
                        help="clicks at once (default 20; 0: the attack alone, 5 s a round)")
    parser.add_argument("--workers", type=int, default=2, help="server workers (default 2)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds (default 5)")
    parser.add_argument("--growth-mb", type=float, default=40.0,
                        help="memory growth allowed per worker after round 2 (default 40)")
    parser.add_argument("--slow-headers", type=int, default=0,
                        help="connections sending a header that never ends (default 0)")
    parser.add_argument("--idle", type=int, default=0,
                        help="connections held open without a whole request (default 0)")
    parser.add_argument("--probe-limit", type=float, default=1.0,
                        help="under attack, the 95th percentile of another client's waits "
                             "for GET /, in seconds, must be below it (default 1)")
    options = parser.parse_args()

    from xl_addin.addin.actions import SHEETS_SKIPPED
    from xl_addin.files.shipped import example_workbook
    from xl_addin.tools.officejs_payload import book_payload

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    payload = book_payload(example_workbook(), exclude=SHEETS_SKIPPED)
    body = json.dumps({**payload, "args": [base]})
    with tempfile.TemporaryDirectory(prefix="lscb-load-") as folder:
        env = {**os.environ, "XLWINGS_LICENSE_KEY": os.environ.get("XLWINGS_LICENSE_KEY",
                                                                   "noncommercial"),
               "XLWINGS_LSCB_DOWNLOADS_DIR": str(Path(folder) / "downloads")}
        log = open(Path(folder) / "server.log", "wb")  # noqa: SIM115 - closed below
        server = subprocess.Popen([sys.executable, "-m", "xl_addin", "serve", "--port",
                                   str(port), "--workers", str(options.workers)], env=env,
                                  stdout=log, stderr=subprocess.STDOUT)
        attack = Attack(port, options.slow_headers, options.idle)
        try:
            _wait_until_up(port, server)
            workers = _workers(server.pid, options.workers)
            print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; "
                  f"{options.workers} workers (pids {', '.join(map(str, workers))}); "
                  f"{options.clicks} Build report clicks at once; payload "
                  f"{len(body) / 1e6:.2f} MB")
            memory: list[list[float]] = []
            errors = 0
            attack.start()  # with neither, it only times another client's requests
            if options.slow_headers or options.idle:
                print(f"under attack: {options.slow_headers} endless headers, "
                      f"{options.idle} idle connections")
            for round_ in range(1, options.rounds + 1):
                if options.clicks:
                    walls, failed = _round(port, body, options.clicks)
                else:  # the attack alone, for IDLE_ROUND_SECONDS
                    time.sleep(IDLE_ROUND_SECONDS)
                    walls, failed = [0.0], 0
                errors += failed
                memory.append([_rss_mb(pid) for pid in workers])
                p95 = statistics.quantiles(walls, n=20)[-1] if len(walls) > 1 else walls[0]
                print(f"round {round_}{' (start-up)' if round_ == 1 else ''}: p50 "
                      f"{statistics.median(walls):.2f} s, p95 {p95:.2f} s, max "
                      f"{max(walls):.2f} s; errors {failed}; memory per worker "
                      + ", ".join(f"{mb:.0f} MB" for mb in memory[-1]))
                if round_ == 1 and options.rounds > 1:
                    attack.waits.clear()  # the start-up round is not judged
            attack.stop()
            print(attack.summary())
        finally:
            attack.stop()
            server.terminate()
            server.wait(timeout=60)
            log.close()
    growth = ([last - settled for last, settled in zip(memory[-1], memory[1], strict=True)]
              if len(memory) > 2 else [])
    if growth:
        print("memory growth from round 2 to the last: "
              + ", ".join(f"{mb:+.0f} MB" for mb in growth)
              + f" (allowed {options.growth_mb:g} MB per worker)")
    ok = errors == 0 and all(mb <= options.growth_mb for mb in growth) and (
        attack.held(options.probe_limit) or not (options.slow_headers or options.idle))
    print("ok" if ok else "FAILED: errors, memory growth or another client kept waiting")
    return 0 if ok else 1


class Attack:
    """Endless headers and idle connections against the server, from a process of their own,
    and another client's requests timed from this one (so that neither waits on the other
    for Python's interpreter lock)."""

    def __init__(self, port: int, slow_headers: int, idle: int) -> None:
        self.port, self.slow_headers, self.idle = port, slow_headers, idle
        self.stopping = multiprocessing.Event()
        self.cut_off = multiprocessing.Value("l", 0)  # endless headers the server refused
        self.reopened = multiprocessing.Value("l", 0)  # idle connections it closed
        self.attacker: multiprocessing.Process | None = None
        self.prober: threading.Thread | None = None
        self.waits: list[float] = []  # another client's GET /, in seconds
        self.failed = 0  # ... that got no answer

    def start(self) -> None:
        if self.slow_headers or self.idle:
            self.attacker = multiprocessing.Process(
                target=_attack, args=(self.port, self.slow_headers, self.idle, self.stopping,
                                      self.cut_off, self.reopened), daemon=True)
            self.attacker.start()
        self.prober = threading.Thread(target=self._probe, daemon=True)
        self.prober.start()

    def stop(self) -> None:
        self.stopping.set()
        for worker in (self.attacker, self.prober):
            if worker is not None:
                worker.join(timeout=20)
        self.attacker = self.prober = None

    def held(self, limit: float) -> bool:
        """Every request answered, 95 in 100 within ``limit`` seconds."""
        waits = sorted(self.waits)
        return self.failed == 0 and (not waits or _p95(waits) < limit)

    def summary(self) -> str:
        waits = sorted(self.waits) or [0.0]
        p95 = _p95(waits)
        return (f"another client's GET /, every 0.25 s: {len(self.waits)} answered, p50 "
                f"{statistics.median(waits) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max "
                f"{waits[-1] * 1000:.0f} ms, {self.failed} unanswered; endless headers cut "
                f"off {self.cut_off.value} times; idle connections closed by the server and "
                f"reopened {self.reopened.value} times")

    def _probe(self) -> None:
        while not self.stopping.wait(0.25):
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                connection.request("GET", "/")
                ok = connection.getresponse().status == 200
                connection.close()
            except OSError:
                ok = False
            if ok:
                self.waits.append(time.perf_counter() - started)
            else:
                self.failed += 1


def _p95(ordered: list[float]) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def _attack(port: int, slow_headers: int, idle: int, stopping: Any, cut_off: Any,
            reopened: Any) -> None:
    """The attacker's process: endless headers in threads, idle connections in this one."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < idle + 500:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, idle + 1000), hard))

    def connect() -> socket.socket:
        return socket.create_connection(("127.0.0.1", port), timeout=5)

    def endless() -> None:
        while not stopping.is_set():
            try:
                with connect() as sock:
                    sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: ")
                    while not stopping.is_set():
                        sock.sendall(b"a" * 65536)
            except OSError:
                with cut_off.get_lock():
                    cut_off.value += 1

    def open_idle(n: int) -> socket.socket | None:
        try:
            sock = connect()
            if n % 2:  # half begin a request and never finish it; half send nothing
                sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            sock.setblocking(False)
            return sock
        except OSError:
            return None

    threads = [threading.Thread(target=endless, daemon=True) for _ in range(slow_headers)]
    for thread in threads:
        thread.start()
    selector = selectors.DefaultSelector()
    for n in range(idle):
        sock = open_idle(n)
        if sock is not None:
            selector.register(sock, selectors.EVENT_READ, n)
    while not stopping.is_set():
        for key, _ in selector.select(timeout=0.2):  # closed (or answered 408) by the server
            selector.unregister(key.fileobj)
            key.fileobj.close()  # type: ignore[union-attr]
            with reopened.get_lock():
                reopened.value += 1
            sock = open_idle(key.data)
            if sock is not None:
                selector.register(sock, selectors.EVENT_READ, key.data)
    for thread in threads:
        thread.join(timeout=10)


def _round(port: int, body: str, clicks: int) -> tuple[list[float], int]:
    """Post ``clicks`` Build reports at once; their latencies and the number that failed."""
    with ThreadPoolExecutor(clicks) as pool:
        results = list(pool.map(lambda _: _click(port, body), range(clicks)))
    return [wall for wall, _ in results], sum(not ok for _, ok in results)


def _click(port: int, body: str) -> tuple[float, bool]:
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_SECONDS)
    try:
        connection.request("POST", "/xlwings/custom-scripts-call/build_report", body=body,
                           headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        data = response.read()
        ok = response.status == 200 and _built(data)
    except OSError:
        ok = False
    finally:
        connection.close()
    return time.perf_counter() - start, ok


def _built(data: bytes) -> bool:
    """The answer holds a built report's link."""
    for action in json.loads(data)["actions"]:
        if action["func"] == "runMacro" and action["args"][0] == "lscbShowOutcome":
            return bool(action["args"][1]["ok"] and action["args"][1]["report"])
    return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(port: int, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped during start-up")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def _workers(parent: int, count: int, seconds: float = 60) -> list[int]:
    """The worker processes uvicorn started under ``parent`` (Linux /proc)."""
    if count == 1:
        return [parent]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        children = [int(pid) for task in Path(f"/proc/{parent}/task").iterdir()
                    for pid in (task / "children").read_text().split()
                    if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        if len(children) >= count:
            return sorted(children)
        time.sleep(0.3)
    raise SystemExit("the workers did not start")


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    return next(int(line.split()[1]) for line in status.splitlines()
                if line.startswith("VmRSS:")) / 1024


if __name__ == "__main__":
    sys.exit(main())

"""Run every file of the shared spreadsheet corpus through the real ``validate`` command.

The corpus (``shared/corpus`` beside the repository, or ``$LSCB_CORPUS_DIR``) holds about
520 real-world, fuzzed and hostile spreadsheets. None is an LSCB master workbook, and each
must end in a declared way: exit 2 with one stderr line starting "Cannot read"
(``unreadable``) or "Not an LSCB master workbook" (``not_master``), or exit 0/1 with a JSON
array of findings on stdout (``findings``). ``corpus_outcomes.json`` declares each file's
outcome. A traceback, another outcome, a missing or multi-line message, a run over
``FILE_TIMEOUT_SECONDS`` or over ``MEMORY_LIMIT_BYTES`` fails that file's test.

Files run in ``WORKER_COUNT`` long-lived worker processes (this module run with
``--worker``), which import the package once and call ``xl_addin.cli.main`` in-process
under an address-space limit. The parent kills and restarts a worker that overruns the
timeout, crashes or reports a failure, so that one bad file cannot spoil the next.

Re-record the declared outcomes after a deliberate change with::

    python tests/readers/test_corpus.py --record
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import queue
import select
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

import pytest

try:
    import resource
except ImportError:  # Windows: no address-space limit, so the corpus run is skipped
    resource = None

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS_ENV = "LSCB_CORPUS_DIR"
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
OUTCOMES_FILE = Path(__file__).with_name("corpus_outcomes.json")
WORKER_COUNT = 2
FILE_TIMEOUT_SECONDS = 20.0
MEMORY_LIMIT_BYTES = 1024**3
STARTUP_TIMEOUT_SECONDS = 60.0
MESSAGE_OUTCOMES = {"Cannot read": "unreadable", "Not an LSCB master workbook": "not_master"}
TRACEBACK_MARK = "Traceback (most recent call last)"
READY = b"ready\n"


class Reply(TypedDict):
    """What a worker reports for one file."""

    exit_code: int | None
    stdout: str
    stderr: str
    error: str | None  # the traceback, if ``main`` raised
    peak_rss_kib: int


@dataclass(frozen=True)
class Outcome:
    """How one corpus file ended: a category, or the problem that makes it a failure."""

    path: str
    category: str | None
    problem: str | None
    seconds: float
    peak_rss_kib: int
    said: str = ""  # what the command wrote (standard error, then standard output)


def corpus_root() -> Path:
    return Path(os.environ.get(CORPUS_ENV) or DEFAULT_CORPUS).resolve()


def corpus_files(root: Path) -> list[str]:
    """Return every corpus file as a POSIX path relative to ``root``, except its README."""
    files = (path for path in root.rglob("*") if path.is_file() and path.name != "README.md")
    return sorted(path.relative_to(root).as_posix() for path in files)


def classify(path: str, reply: Reply, seconds: float) -> Outcome:
    """Turn a worker's reply into an outcome, checking the command's contract."""
    stdout, stderr, exit_code = reply["stdout"], reply["stderr"], reply["exit_code"]
    lines = stderr.strip().splitlines()
    category = None
    if reply["error"] is not None:
        problem = f"validate raised instead of returning:\n{reply['error']}"
    elif TRACEBACK_MARK in stdout or TRACEBACK_MARK in stderr:
        problem = f"printed a traceback:\n{stderr}{stdout}"
    elif len(lines) > 1:
        problem = f"wrote {len(lines)} lines to stderr:\n{stderr}"
    elif exit_code == 2:
        message = lines[0] if lines else ""
        category = next((c for m, c in MESSAGE_OUTCOMES.items() if message.startswith(m)), None)
        problem = None if category else f"exit 2 without a recognised message: {message!r}"
    elif exit_code in (0, 1):
        category = "findings" if _is_json_array(stdout) else None
        problem = None if category else f"exit {exit_code} without a JSON array: {stdout[:200]!r}"
    else:
        problem = f"unexpected exit code {exit_code!r}"
    return Outcome(path, category, problem, seconds, reply["peak_rss_kib"],
                   (stderr + stdout)[:20_000])


def _is_json_array(text: str) -> bool:
    try:
        return isinstance(json.loads(text), list)
    except json.JSONDecodeError:
        return False


class Worker:
    """Parent-side handle on one worker process, restarted whenever a file goes wrong."""

    def __init__(self) -> None:
        self._start()

    def _start(self) -> None:
        """Start a worker and wait until it has imported the package."""
        python_path = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
        self._log = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONPATH": python_path, "OPENBLAS_NUM_THREADS": "1"},
        )
        assert self._process.stdout is not None
        ready, _, _ = select.select([self._process.stdout], [], [], STARTUP_TIMEOUT_SECONDS)
        if not ready or self._process.stdout.readline() != READY:
            self._process.kill()
            raise RuntimeError(f"a corpus worker failed to start: {self._crash_report()}")

    def validate(self, root: Path, path: str) -> Outcome:
        """Validate ``root / path``; restart the worker if the file went wrong."""
        started = time.perf_counter()
        reply = self._ask(root / path)
        seconds = time.perf_counter() - started
        if isinstance(reply, str) or reply["error"] is not None:
            self._restart()  # even a worker that survived an exception may be in a bad state
        if isinstance(reply, str):
            return Outcome(path, None, reply, seconds, peak_rss_kib=0)
        return classify(path, reply, seconds)

    def _ask(self, path: Path) -> Reply | str:
        """Return the worker's reply for ``path``, or why there is none."""
        process = self._process
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(json.dumps(str(path)).encode() + b"\n")
            process.stdin.flush()
        except BrokenPipeError:
            return f"the worker had exited: {self._crash_report()}"
        ready, _, _ = select.select([process.stdout], [], [], FILE_TIMEOUT_SECONDS)
        if not ready:
            return f"took over {FILE_TIMEOUT_SECONDS:.0f} s and was stopped"
        line = process.stdout.readline()
        if not line:
            return f"crashed the worker: {self._crash_report()}"
        reply: Reply = json.loads(line)
        return reply

    def close(self) -> None:
        with self._process:  # on leaving: close the pipes and reap the process
            self._process.kill()
        self._log.close()

    def _restart(self) -> None:
        self.close()
        self._start()

    def _crash_report(self) -> str:
        """Return the exit status of the dead worker and the end of what it wrote."""
        self._process.wait()
        self._log.seek(0)
        tail = self._log.read()[-2000:].decode(errors="replace")
        return f"exit status {self._process.returncode}\n{tail}"


def run_corpus(root: Path, paths: list[str]) -> dict[str, Outcome]:
    """Validate every file in ``paths`` (relative to ``root``) in the worker pool."""
    pending: queue.SimpleQueue[str] = queue.SimpleQueue()
    for path in paths:
        pending.put(path)

    def drain() -> list[Outcome]:
        with contextlib.closing(Worker()) as worker:
            return [worker.validate(root, path) for path in _take_all(pending)]

    with ThreadPoolExecutor(WORKER_COUNT) as pool:
        batches = [pool.submit(drain) for _ in range(WORKER_COUNT)]
        return {outcome.path: outcome for batch in batches for outcome in batch.result()}


def _take_all(pending: queue.SimpleQueue[str]) -> Iterator[str]:
    """Yield items from a queue shared with other threads until it is empty."""
    while True:
        try:
            yield pending.get_nowait()
        except queue.Empty:
            return


def summarise(outcomes: dict[str, Outcome], seconds: float) -> str:
    """Describe a corpus run in a few lines: counts, slowest files, peak memory."""
    counts = Counter(outcome.category or "FAILED" for outcome in outcomes.values())
    slowest = sorted(outcomes.values(), key=lambda outcome: outcome.seconds, reverse=True)[:5]
    peak = max(outcomes.values(), key=lambda outcome: outcome.peak_rss_kib)
    return "\n".join(
        [
            f"corpus: {len(outcomes)} files in {seconds:.1f} s with {WORKER_COUNT} workers; "
            + ", ".join(f"{category} {count}" for category, count in sorted(counts.items())),
            "slowest: " + ", ".join(f"{o.path} {o.seconds:.2f} s" for o in slowest),
            f"peak RSS: {peak.peak_rss_kib / 1024:.0f} MiB (reached at {peak.path})",
        ]
    )


def serve_requests() -> None:
    """Worker loop: validate each path read from stdin and answer with one JSON line.

    Anything written straight to file descriptors 1 or 2 (by native code, say) lands in
    the stderr log the parent gave us, and is counted as part of that file's stderr.
    """
    assert resource is not None
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    from xl_addin.cli import main

    replies.write(READY.decode())
    replies.flush()
    for request in sys.stdin:
        replies.write(json.dumps(_run_validate(main, json.loads(request))) + "\n")
        replies.flush()


def _run_validate(main: Callable[[list[str]], int], path: str) -> Reply:
    """Run ``validate <path> --json`` in this process, capturing all it writes."""
    stdout, stderr = io.StringIO(), io.StringIO()
    native_start = os.fstat(2).st_size
    exit_code, error = None, None
    # catch_warnings resets "shown once" state, so each file warns as in a fresh process.
    with (
        warnings.catch_warnings(),
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        try:
            exit_code = main(["validate", path, "--json"])
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # PanicException, SystemExit, MemoryError: all failures
            error = "".join(traceback.format_exception(exc))
    sys.__stderr__.flush()
    native_end = os.fstat(2).st_size
    native = os.pread(2, native_end - native_start, native_start).decode(errors="replace")
    return Reply(
        exit_code=exit_code,
        stdout=stdout.getvalue(),
        stderr=stderr.getvalue() + native,
        error=error,
        peak_rss_kib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    )


def record_outcomes() -> int:
    """Run the corpus and write each file's outcome to ``OUTCOMES_FILE``; list failures."""
    root = corpus_root()
    if not root.is_dir():
        print(f"no spreadsheet corpus at {root}; set {CORPUS_ENV}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    outcomes = run_corpus(root, corpus_files(root))
    print(summarise(outcomes, time.perf_counter() - started))
    failures = [outcome for outcome in outcomes.values() if outcome.problem]
    for failure in failures:
        print(f"FAILED {failure.path}: {failure.problem}")
    declared = {path: o.category for path, o in sorted(outcomes.items()) if o.category}
    OUTCOMES_FILE.write_text(json.dumps(declared, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(declared)} outcomes to {OUTCOMES_FILE}; {len(failures)} failures omitted")
    return 1 if failures else 0


CORPUS_PATHS = corpus_files(corpus_root()) if corpus_root().is_dir() else []


@pytest.fixture(scope="module")
def corpus_outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    if resource is None:
        pytest.skip("the corpus run needs POSIX resource limits")
    if not CORPUS_PATHS:
        pytest.skip(f"no spreadsheet corpus at {corpus_root()}; set {CORPUS_ENV} to run it")
    from tests.support.shared import made_once_value

    def run() -> dict[str, Outcome]:
        started = time.perf_counter()
        outcomes = run_corpus(corpus_root(), CORPUS_PATHS)
        print("\n" + summarise(outcomes, time.perf_counter() - started))
        return outcomes

    return made_once_value(tmp_path_factory, "corpus", run)  # one run for every worker


@pytest.fixture(scope="module")
def declared_outcomes() -> dict[str, str]:
    if not OUTCOMES_FILE.exists():
        pytest.fail(f"{OUTCOMES_FILE.name} is missing; run: "
                    "python tests/readers/test_corpus.py --record")
    return json.loads(OUTCOMES_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", CORPUS_PATHS)
def test_corpus_file_ends_as_declared(
    path: str, corpus_outcomes: dict[str, Outcome], declared_outcomes: dict[str, str]
) -> None:
    outcome = corpus_outcomes[path]
    assert outcome.problem is None, f"{path}: {outcome.problem}"
    assert outcome.category == declared_outcomes.get(path), (
        f"{path}: ended as {outcome.category}, declared {declared_outcomes.get(path)}"
    )


def test_outcomes_file_lists_exactly_the_corpus(
    corpus_outcomes: dict[str, Outcome], declared_outcomes: dict[str, str]
) -> None:
    assert sorted(declared_outcomes) == sorted(corpus_outcomes)
    assert set(declared_outcomes.values()) <= {"unreadable", "not_master", "findings"}


def test_corpus_stays_within_memory_limit(corpus_outcomes: dict[str, Outcome]) -> None:
    peak_kib = max(outcome.peak_rss_kib for outcome in corpus_outcomes.values())
    assert peak_kib * 1024 < MEMORY_LIMIT_BYTES


def test_hostile_files_end_cleanly_within_time_and_memory(tmp_path: Path) -> None:
    """Each crafted hostile file, run like the corpus: one clear line, exit 2, bounded."""
    if resource is None:
        pytest.skip("needs POSIX resource limits")
    from tests.support.hostile import HOSTILE_FILES

    paths = [HOSTILE_FILES[name](tmp_path).name for name in sorted(HOSTILE_FILES)]
    outcomes = run_corpus(tmp_path, paths)
    for path, outcome in outcomes.items():
        assert outcome.problem is None, f"{path}: {outcome.problem}"
        assert outcome.category in {"unreadable", "not_master"}, (path, outcome.category)
        assert outcome.peak_rss_kib * 1024 < MEMORY_LIMIT_BYTES


def test_crafted_master_workbooks_end_within_time_and_memory(tmp_path: Path) -> None:
    """Master workbooks crafted to be costly (tiny cells, a huge tab, a long table) end
    within the corpus's bounds, with the limit they passed, or the table's true size."""
    if resource is None:
        pytest.skip("needs POSIX resource limits")
    from tests.support.hostile import CRAFTED_MASTERS

    expected = {maker(tmp_path).name: said for maker, said in CRAFTED_MASTERS.values()}
    outcomes = run_corpus(tmp_path, sorted(expected))
    for path, outcome in outcomes.items():
        assert outcome.problem is None, f"{path}: {outcome.problem}"
        assert expected[path] in outcome.said, (path, outcome.said[:300])
        assert outcome.seconds < FILE_TIMEOUT_SECONDS
        assert outcome.peak_rss_kib * 1024 < MEMORY_LIMIT_BYTES


def _main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--record", action="store_true", help=f"rewrite {OUTCOMES_FILE.name}")
    mode.add_argument("--worker", action="store_true", help="serve the parent (internal)")
    if parser.parse_args().worker:
        serve_requests()
        return 0
    return record_outcomes()


if __name__ == "__main__":
    sys.exit(_main())

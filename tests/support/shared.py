"""Expensive test inputs made once per test run, however many pytest-xdist workers ask.

A session fixture is made once per worker; with two workers, a LibreOffice conversion or
the corpus run would be made twice. :func:`made_once` makes it in a folder beside the
workers' own temporary folders, under a lock: the first worker to ask makes it, the others
wait for it and read it. Python values go through :func:`made_once_value` (pickled).
"""

from __future__ import annotations

import fcntl
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

__all__ = ["made_once", "made_once_value"]

T = TypeVar("T")
_DONE = ".made"


def _run_folder(factory: pytest.TempPathFactory) -> Path:
    """The folder every worker of this run shares: the parent of the workers' own
    ``popen-gw0``, ``popen-gw1`` … (or the run's own folder without xdist)."""
    base = factory.getbasetemp()
    return base.parent if base.name.startswith("popen-gw") else base


def made_once(factory: pytest.TempPathFactory, name: str,
              make: Callable[[Path], None]) -> Path:
    """The folder ``name``, filled by ``make(folder)`` by the first worker that asks.

    A ``make`` that fails (or skips) leaves nothing behind, so the next worker tries
    again and fails (or skips) in the same way."""
    root = _run_folder(factory)
    folder = root / f"made-once-{name}"
    with open(root / f"made-once-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (folder / _DONE).exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                make(folder)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            (folder / _DONE).touch()
    return folder


def made_once_value(factory: pytest.TempPathFactory, name: str, make: Callable[[], T]) -> T:
    """``make()``, worked out by the first worker that asks and read by the others."""

    def store(folder: Path) -> None:
        (folder / "value.pickle").write_bytes(pickle.dumps(make()))

    value: T = pickle.loads((made_once(factory, name, store) / "value.pickle").read_bytes())
    return value

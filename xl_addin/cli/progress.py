"""Progress of a report build, shown to a person: a bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from xl_addin.report import Progress as ProgressCallback

__all__ = ["progress_display"]


@contextmanager
def progress_display(stream: TextIO) -> Iterator[ProgressCallback]:
    """A callback for :func:`build_report`: a rich progress bar when ``stream`` is a terminal,
    otherwise one plain line per step (for logs and CI)."""
    if not stream.isatty():
        def plain(what: str, done: int, total: int) -> None:
            print(f"[{done}/{total}] {what}", file=stream)

        yield plain
        return
    # rich only for a person at a terminal: it takes a noticeable time to import
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = (TextColumn("{task.description}", justify="left"), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(file=stream), transient=True) as bar:
        task = bar.add_task("Building the report", total=None)

        def update(what: str, done: int, total: int) -> None:
            bar.update(task, description=what[:48], completed=done, total=total)

        yield update

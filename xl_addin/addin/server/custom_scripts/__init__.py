"""The add-in's buttons as xlwings Server scripts: Validate, Compute and Build report.

Each script is a thin adapter over :mod:`xl_addin.addin.actions`. Excel sends only the tabs
an action reads (``include``): the master workbook's tabs and the Validation tab. The
action runs in a worker thread, so a long build does not hold up the server's other
requests. Its outcome goes to the task pane (the JavaScript function ``lscbShowOutcome``);
a workbook the tool cannot use becomes a message there, never a traceback.

Build report puts the .docx behind a single-use download link (``routers/custom.py``),
shows the link in the task pane and writes it on the Dashboard.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import xlwings as xw
from xlwings.server import script
from xlwings_server.config import settings

from xl_addin.addin import actions
from xl_addin.addin.downloads import DOWNLOAD_PATH, DownloadStore
from xl_addin.errors import LscbError
from xl_addin.io.xlwings_results import call_js

OUTCOME_CALLBACK = "lscbShowOutcome"  # registered by static/js/lscb.js
SKIPPED = list(actions.SHEETS_SKIPPED)


@script(exclude=SKIPPED)
async def validate(book: xw.Book) -> None:
    """Check every figure; list the findings on the Validation tab and in the task pane."""
    await _run(book, "validate", actions.validate_book)


@script(exclude=SKIPPED)
async def compute(book: xw.Book) -> None:
    """Validate, then write ratings, trends, derived figures and the Dashboard."""
    await _run(book, "compute", actions.compute_book)


@script(exclude=SKIPPED)
async def build_report(book: xw.Book, base_url: str = "") -> None:
    """Validate, compute and build the report; hand it over through a download link.

    The link's address is the ``XLWINGS_HOSTNAME`` setting when IT has set it, else
    ``base_url``: the add-in's address as Excel reached it, which the task pane sends.
    """
    await _run(book, "build", _build, base_url)


async def _run(book: xw.Book, name: str, action: Callable[..., actions.Outcome],
               *args: object) -> None:
    try:
        outcome = await asyncio.to_thread(actions.run, name, action, book, *args)
    finally:
        _forget_read_values()
    call_js(book, OUTCOME_CALLBACK, outcome.to_dict())


def _forget_read_values() -> None:
    """Empty the remote engine's cache of the sheets it has read (xlwings 0.37.8).

    xlwings keeps every range it reads in an unbounded cache keyed by the whole sheet, so a
    server would keep about 2.5 MB for each click on the shipped workbook, for ever. No
    public call empties it; this is the one xlwings itself uses when a book is reloaded.
    """
    from xlwings.pro._xlremote import get_range_api

    get_range_api.cache_clear()


def _build(book: xw.Book, base_url: str) -> actions.Outcome:
    store = DownloadStore(settings.lscb_downloads_dir, settings.lscb_download_minutes * 60)
    return actions.build_report_book(book, partial(_deliver, store, _base_url(base_url)))


def _deliver(store: DownloadStore, base: str, built: Path) -> actions.Delivery:
    stored = store.put(built, built.name)
    minutes = f"{settings.lscb_download_minutes:g}"
    return actions.Delivery(f"{base}{DOWNLOAD_PATH}/{stored.token}",
                            f"Download {stored.name} (the link works once, for {minutes} "
                            "minutes)", stored.expires)


def _base_url(sent: str) -> str:
    if settings.hostname:
        return f"https://{settings.hostname}{settings.app_path}"
    parts = urlsplit(sent)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
    raise LscbError("The report cannot be linked: the add-in did not send its address and "
                    "XLWINGS_HOSTNAME is not set. Ask IT to set it.")

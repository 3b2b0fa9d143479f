"""The Office.js add-in's buttons as xlwings Server scripts: Validate, Compute, Build report.

The server project's ``custom_scripts`` module holds these three names and nothing else,
so nothing but a script can be called by name (the guard refuses other names first).
Each script is a thin adapter over :mod:`.actions`. Excel sends every tab but those an
action never reads (``exclude``), whatever the board's profile. The action runs in a
worker thread, so a long build does not hold up the server's other requests. Its outcome
goes to the task pane (the JavaScript function ``lscbShowOutcome``): a workbook the tool
cannot use becomes a message there; an unexpected fault becomes a message with a
reference, the traceback goes to the log under that reference, and nothing is written to
the workbook.

Build report puts the .docx behind a single-use download link (``routers/custom.py``) on
the add-in's public address (:mod:`.guard.hosts`), shows the link in the task pane and
writes it on the Dashboard. Needs xlwings Server (the server extra).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from pathlib import Path

import xlwings as xw
from xlwings.server import script
from xlwings_server.config import settings

from xl_addin.addin import actions
from xl_addin.addin.downloads import DOWNLOAD_PATH, DownloadStore
from xl_addin.addin.guard.faults import log_fault
from xl_addin.addin.guard.hosts import PUBLIC_BASE, link_base
from xl_addin.core.errors import LscbError
from xl_addin.live.write import call_js

__all__ = ["validate", "compute", "build_report", "OUTCOME_CALLBACK"]

OUTCOME_CALLBACK = "lscbShowOutcome"  # registered by static/js/lscb.js
SKIPPED = list(actions.SHEETS_SKIPPED)  # every other tab is read, whatever the profile


@script(exclude=SKIPPED)
async def validate(book: xw.Book, tab: str = "") -> None:
    """Check every figure; list the findings on the Validation tab and in the task pane.

    With ``tab`` (the task pane's "Only this tab"), the pane lists that tab's findings only;
    the Validation tab still lists them all.
    """
    await _run(book, "validate", actions.validate_book, only=tab)


@script(exclude=SKIPPED)
async def compute(book: xw.Book) -> None:
    """Validate, then write ratings, trends, derived figures and the Dashboard."""
    await _run(book, "compute", actions.compute_book)


@script(exclude=SKIPPED)
async def build_report(book: xw.Book, base_url: str = "") -> None:
    """Validate, compute and build the report; hand it over through a download link.

    The link's address follows :func:`.guard.hosts.link_base`: ``base_url`` (the add-in's
    address as the task pane sees it) counts only when it names the request's own host.
    """
    await _run(book, "build", partial(_build, base=link_base(base_url, PUBLIC_BASE.get())))


async def _run(book: xw.Book, name: str, action: Callable[[xw.Book], actions.Outcome], *,
               only: str = "") -> None:
    try:
        outcome = await asyncio.to_thread(actions.run, name, action, book)
    except Exception as exc:  # a fault in the tool, not in the workbook: see the module
        book.json()["actions"].clear()  # nothing half-written reaches Excel
        ref = log_fault(f"the {name} script", exc)
        outcome = actions.Outcome(name, False, f"The add-in hit an unexpected problem and "
                                  f"stopped; nothing was written to the workbook. Please "
                                  f"tell IT this reference: {ref}.")
    finally:
        _forget_read_values()
    if only:
        outcome = outcome.on_sheet(only)
    call_js(book, OUTCOME_CALLBACK, outcome.to_dict())


def _forget_read_values() -> None:
    """Empty the remote engine's cache of the sheets it has read (xlwings 0.37.8).

    xlwings keeps every range it reads in an unbounded cache keyed by the whole sheet, so a
    server would keep about 2.5 MB for each click on the shipped workbook, for ever. No
    public call empties it; this is the one xlwings itself uses when a book is reloaded.
    """
    from xlwings.pro._xlremote import get_range_api

    get_range_api.cache_clear()


def _build(book: xw.Book, *, base: str | None) -> actions.Outcome:
    if base is None:
        raise LscbError("The report cannot be linked: this server does not know its public "
                        "address. Ask IT to set XLWINGS_HOSTNAME (or to add this host to "
                        "XLWINGS_LSCB_ALLOWED_HOSTS).")
    store = DownloadStore(settings.lscb_downloads_dir, settings.lscb_download_minutes * 60)
    store.prepare()  # a folder others can open is refused before anything is built
    return actions.build_report_book(book, partial(_deliver, store, base))


def _deliver(store: DownloadStore, base: str, built: Path) -> actions.Delivery:
    stored = store.put(built, built.name)
    minutes = f"{settings.lscb_download_minutes:g}"
    return actions.Delivery(f"{base}{DOWNLOAD_PATH}/{stored.token}",
                            f"Download {stored.name} (the link works once, for {minutes} "
                            "minutes)", stored.expires)

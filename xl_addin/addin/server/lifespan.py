"""The server's start and stop (xlwings Server runs this project file's ``lifespan``).

At start it refuses to run unless the add-in's guard is in front of xlwings Server
(``lscb-report serve`` or ``uvicorn xl_addin.addin.asgi:app``; the bare ``xlwings-server``
or ``xlwings_server.main:main_app`` would serve without it), blanks secrets out of the
log, checks the downloads folder, and starts the timer that sweeps out expired reports
even when nobody builds another one.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from xlwings_server.config import settings

from xl_addin.addin import guard
from xl_addin.addin.downloads import DownloadStore
from xl_addin.addin.guard.faults import LOG, install_redaction, log_fault
from xl_addin.core.errors import LscbError

SWEEP_SECONDS = 60.0  # at most; a shorter link lifetime sweeps as often as links expire


def secrets_in(config: object) -> list[str]:
    """The settings' values that must never reach the log."""
    names = ("secret_key", "auth_entraid_client_secret", "object_cache_url",
             "socketio_message_queue_url")
    found = [str(getattr(config, name, None) or "") for name in names]
    return found + [str(digest) for digest in getattr(config, "lscb_tokens", {}).values()]


async def sweep_forever(store: DownloadStore, seconds: float) -> None:
    """Sweep expired reports every ``seconds``, until cancelled."""
    while True:
        await asyncio.sleep(seconds)
        try:
            if store.folder.exists():
                store.check()
                await asyncio.to_thread(store.sweep)
        except LscbError as unsafe:
            LOG.warning("Expired reports were not swept: %s", unsafe)
        except Exception as exc:  # the timer must keep going; the fault is logged
            log_fault("the sweep of expired reports", exc)


@contextlib.asynccontextmanager
async def lifespan(app: object) -> AsyncIterator[None]:
    if not guard.installed():
        raise RuntimeError("Start the LSCB Report add-in with `lscb-report serve` (or `uvicorn "
                           "xl_addin.addin.asgi:app`): xlwings Server on its own lacks the "
                           "add-in's guard.")
    install_redaction(secrets_in(settings))
    lifetime = settings.lscb_download_minutes * 60
    store = DownloadStore(settings.lscb_downloads_dir, lifetime)
    try:
        store.prepare()
    except (LscbError, OSError) as problem:
        LOG.warning("Build report will not work until this is fixed: %s", problem)
    sweeper = asyncio.create_task(sweep_forever(store, min(SWEEP_SECONDS, lifetime)))
    try:
        yield
    finally:
        sweeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sweeper

"""Start the Office.js add-in's server, xlwings Server with this project, on this computer.

``lscb-report serve`` calls :func:`serve`, which runs :data:`APP` (xlwings Server behind
the add-in's guard, :mod:`.asgi`) with uvicorn. xlwings Server is an optional extra
(``pip install -e '.[server]'``); nothing else in the tool imports it. The same server can
be started without this command as ``uvicorn xl_addin.addin.asgi:app --http
xl_addin.addin.guard.connections:Connection``; xlwings Server's own entry points
(``xlwings-server``, ``xlwings_server.main:main_app``) refuse to start this project,
because they would serve it without the guard.

uvicorn runs with the add-in's own HTTP protocol (:mod:`.guard.connections`), which holds
each connection to the size, time and number limits in the settings, around h11, the
parser that always comes with uvicorn, whatever else (httptools) is installed. h11's own
limit on a head is set above the largest the settings allow, so ours answers first; the
WebSocket protocol is off (the add-in uses none). The soft limit on open files is raised
to the hard one, so that the connection limit, not the system, decides.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from xl_addin.core.errors import LscbError

__all__ = ["serve", "PROJECT", "INSTALL", "APP"]

PROJECT = Path(__file__).resolve().parent / "server"  # the xlwings Server project
APP = "xl_addin.addin.asgi:app"  # what uvicorn runs
INSTALL = "pip install -e '.[server]'"
HOST = "127.0.0.1"
CONNECTION = "xl_addin.addin.guard.connections:Connection"  # uvicorn's HTTP protocol
H11_HEAD_BYTES = 1024 * 1024 + 64 * 1024  # above the largest head the settings allow


def serve(*, port: int = 8000, workers: int = 1, cert: Path | None = None,
          key: Path | None = None) -> None:
    """Run the server until stopped (Ctrl+C). Raises LscbError if it cannot start."""
    if (cert is None) != (key is None):
        raise LscbError("Give both --cert and --key, or neither.")
    for path in (cert, key):
        if path is not None and not path.is_file():
            raise LscbError(f"Cannot serve: {path} does not exist.")
    os.environ["XLWINGS_PROJECT_DIR"] = str(PROJECT)  # read when xlwings Server is imported
    try:
        import uvicorn
        import xlwings_server  # noqa: F401 - checks that the extra is installed
    except ImportError as exc:
        raise LscbError(f"The add-in's server needs xlwings Server, which is not installed. "
                        f"Install it with: {INSTALL}") from exc
    scheme = "https" if cert else "http"
    print(f"Serving the LSCB Report add-in at {scheme}://{HOST}:{port} (manifest: "
          f"{scheme}://{HOST}:{port}/manifest.xml). Stop with Ctrl+C.")
    if cert is None:
        print("No certificate given, so this is plain HTTP: Excel loads add-ins only over "
              "HTTPS. Give --cert and --key (e.g. made with mkcert).")
    _more_open_files()
    uvicorn.run(APP, host=HOST, port=port, workers=workers, server_header=False,
                http=CONNECTION, ws="none", h11_max_incomplete_event_size=H11_HEAD_BYTES,
                ssl_certfile=str(cert) if cert else None,
                ssl_keyfile=str(key) if key else None)


def _more_open_files() -> None:
    """Raise this process's soft limit on open files to its hard limit (the workers
    inherit it), so that each worker can hold its connections and still open files."""
    if sys.platform == "win32":
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = 65_536 if hard == resource.RLIM_INFINITY else hard
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError):
            pass  # the system does not allow it; the connection limit still holds

"""The add-in's server as one ASGI app: xlwings Server with this project, behind the guard.

``lscb-report serve`` runs it; so can ``uvicorn xl_addin.addin.asgi:app``. Importing
this module points xlwings Server at this add-in's project folder, loads xlwings Server,
gives its app exception handlers that answer one plain line and log a reference (never
a message that may quote a workbook), and wraps it in :class:`~.guard.Guard`. It also sets
the limits on each connection (:mod:`.guard.connections`) from the settings.
xlwings Server's own app is not a safe thing to serve on its own: the project's
``lifespan.py`` refuses to start without the guard in front.
"""

from __future__ import annotations

import os
import sys

from xl_addin.addin.serve import PROJECT

if "xlwings_server.config" in sys.modules and os.environ.get("XLWINGS_PROJECT_DIR") != str(
        PROJECT):
    raise RuntimeError("xlwings Server was loaded before the add-in's app, so it did not see "
                       "the add-in's project: import xl_addin.addin.asgi first.")
os.environ["XLWINGS_PROJECT_DIR"] = str(PROJECT)  # read when xlwings Server is imported

# xlwings Server first: it reads its project folder and sets up xlwings for a server.
from xlwings_server import dependencies, main  # noqa: E402, I001
from xlwings_server.config import PACKAGE_DIR, PROJECT_DIR, settings  # noqa: E402
from xlwings_server.routers.xlwings import custom_scripts  # noqa: E402

from fastapi import Request  # noqa: E402
from fastapi.exceptions import RequestValidationError  # noqa: E402
from starlette.exceptions import HTTPException  # noqa: E402
from starlette.responses import Response  # noqa: E402
from xlwings import XlwingsError  # noqa: E402
from xlwings.server import custom_scripts_meta  # noqa: E402

from xl_addin.addin.guard import MEGABYTE, Guard, StaticFolders  # noqa: E402
from xl_addin.addin.guard import connections  # noqa: E402
from xl_addin.addin.guard.faults import LOG, log_fault  # noqa: E402
from xl_addin.addin.guard.replies import plain  # noqa: E402

__all__ = ["app", "SCRIPTS"]

# The functions marked with @script: the only names a click may call.
SCRIPTS = frozenset(entry["function_name"] for entry in custom_scripts_meta(custom_scripts))
# xlwings Server's routes that this add-in does not use and the guard refuses (the
# custom functions' code would also show the xlwings version).
UNUSED = ("/xlwings/custom-functions-call", "/xlwings/custom-functions-meta",
          "/xlwings/custom-functions-meta.json", "/xlwings/custom-functions-code",
          "/xlwings/custom-functions-code.js")


async def _unexpected(request: Request, exc: Exception) -> Response:
    ref = log_fault(f"{request.method} {request.url.path}", exc)
    return plain(500, f"The add-in's server hit an unexpected problem (reference {ref}). "
                      "Please tell IT the reference.")


async def _refused(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    response = plain(exc.status_code, str(exc.detail))
    response.headers.update(exc.headers or {})
    return response


async def _malformed(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    where = ", ".join(".".join(str(part) for part in error.get("loc", ()))
                      for error in exc.errors()[:3])
    return plain(400, f"The request is missing a field or has one of the wrong type: {where}.")


async def _xlwings_refused(request: Request, exc: Exception) -> Response:
    LOG.warning("xlwings refused a request to %s (%s).", request.url.path,
                type(exc).__name__)
    return plain(400, str(exc))


def _static_folders() -> StaticFolders:
    built = PROJECT_DIR / "dist" / "static"  # xlwings Server's production build, if any
    if built.exists() and settings.environment != "dev":
        folders = [built]
    else:
        folders = [PROJECT_DIR / "static", PACKAGE_DIR / "static"]
    return StaticFolders(settings.static_url_path, folders)


def limits() -> connections.Limits:
    """The limits on each connection, from the settings."""
    kb = connections.KB
    return connections.Limits(
        line_bytes=int(settings.lscb_max_header_line_kb * kb),
        head_bytes=int(settings.lscb_max_header_kb * kb),
        head_seconds=settings.lscb_header_seconds, body_seconds=settings.lscb_body_seconds,
        body_bytes=int(settings.lscb_max_body_mb * MEGABYTE),
        connections=settings.lscb_max_connections)


async def _authenticate(authorization: str, provider: str | None) -> object:
    return await dependencies.authenticate(token_string=authorization, auth_provider=provider)


def build() -> Guard:
    """xlwings Server's app with plain-line exception handlers, behind the guard."""
    if not hasattr(settings, "lscb_max_body_mb"):  # xlwings Server fell back to its own
        raise RuntimeError(f"The add-in's settings ({PROJECT / 'config.py'}) did not load.")
    if settings.enable_wasm or settings.enable_socketio:
        raise RuntimeError("The LSCB Report add-in runs without xlwings Wasm and Socket.IO: "
                           "unset XLWINGS_ENABLE_WASM and XLWINGS_ENABLE_SOCKETIO.")
    main.app.add_exception_handler(Exception, _unexpected)
    main.app.add_exception_handler(HTTPException, _refused)
    main.app.add_exception_handler(RequestValidationError, _malformed)
    main.app.add_exception_handler(XlwingsError, _xlwings_refused)
    connections.configure(limits())
    return Guard(main.main_app, settings=settings, static=_static_folders(), scripts=SCRIPTS,
                 authenticate=_authenticate, blocked=UNUSED)


app = build()

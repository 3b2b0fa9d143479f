"""Which request paths may reach the server at all, and the one static file handler.

xlwings Server's own static handler joins the requested path onto its folders without
checking where the result lands, so ``/static/%2e%2e/config.py`` served the settings
module. Here a request path must be plain before anything else looks at it, and static
files are served by Starlette's ``StaticFiles``, whose look-up keeps every file inside
its folder (symbolic links included), so xlwings Server's handler is never reached.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from xl_addin.addin.guard.replies import plain

__all__ = ["plain_path", "StaticFolders"]

# Letters, digits and the few marks the add-in's own addresses use. The path arrives
# percent-decoded once, so a "%" left in it was encoded twice; a backslash, a colon, a
# control character or any non-ASCII letter never belongs to one of our addresses.
PLAIN = re.compile(r"/[A-Za-z0-9._~@+/-]*")


MAX_PATH = 1024
MAX_SEGMENT = 255


def plain_path(path: str) -> bool:
    """True for a path made of plain segments: no "..", ".", empty or hidden segment."""
    if len(path) > MAX_PATH or not PLAIN.fullmatch(path):
        return False
    segments = path.split("/")[1:]
    if path.endswith("/"):
        segments = segments[:-1]  # "/" itself, or a folder's address
    return all(segment and not segment.startswith(".") and len(segment) <= MAX_SEGMENT
               for segment in segments)


class StaticFolders:
    """Serve the files inside ``folders`` (first match wins) under ``prefix``; nothing else.

    ``plain_path`` has already refused anything odd; Starlette's look-up then resolves
    the path and refuses any file whose real location is outside its folder.
    """

    def __init__(self, prefix: str, folders: Sequence[Path]) -> None:
        self.prefix = prefix.rstrip("/")
        self.servers = [StaticFiles(directory=folder, check_dir=False) for folder in folders]

    def serves(self, path: str) -> bool:
        return path.startswith(f"{self.prefix}/")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        relative = scope["path"][len(self.prefix) + 1:]
        if not relative or relative.endswith("/"):
            await plain(404, "Not found.")(scope, receive, send)
            return
        wanted = os.path.normpath(os.path.join(*relative.split("/")))
        for server in self.servers:
            _, found = server.lookup_path(wanted)
            if found is None or not stat.S_ISREG(found.st_mode):
                continue
            try:
                response = await server.get_response(wanted, scope)
            except HTTPException as refused:
                response = plain(refused.status_code, "Only GET and HEAD are served here.")
            await response(scope, receive, send)
            return
        await plain(404, "Not found.")(scope, receive, send)

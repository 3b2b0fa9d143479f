"""Short-lived, single-use download links for built reports, kept in a shared folder.

A built report is moved into the folder under a random token, beside a small record of
its file name and expiry; ``/lscb/download/<token>`` (the server's ``routers/custom.py``)
serves it once. Nothing is kept in a server process's memory, so every process that shares
the folder (uvicorn workers, or servers on several machines with a network folder) can
serve a link any of them made.
Taking a link renames its record, which only one process can do, so two clicks racing
for one link cannot both download it. Expired files are removed whenever a report is
stored or a link is taken.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DownloadStore", "Stored", "DOCX_TYPE", "DOWNLOAD_PATH"]

DOWNLOAD_PATH = "/lscb/download"  # the link: <add-in address>/lscb/download/<token>
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")  # secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Stored:
    token: str
    name: str  # the file name the browser saves the report under
    expires: float  # seconds since the epoch


class DownloadStore:
    """Reports waiting to be downloaded, in ``folder``, each for ``lifetime`` seconds."""

    def __init__(self, folder: Path, lifetime: float,
                 clock: Callable[[], float] = time.time) -> None:
        self.folder = Path(folder)
        self.lifetime = lifetime
        self.clock = clock

    def put(self, built: Path, name: str) -> Stored:
        """Move the built file into the store; returns its token and expiry."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.sweep()
        stored = Stored(secrets.token_urlsafe(32), name, self.clock() + self.lifetime)
        shutil.move(built, self._file(stored.token))
        record = self.folder / f"{stored.token}.tmp"
        record.write_text(json.dumps({"name": name, "expires": stored.expires}),
                          encoding="utf-8")
        os.replace(record, self._record(stored.token))  # the link works from here on
        return stored

    def take(self, token: str) -> tuple[Path, str] | None:
        """The file and its name, once; None if the token is unknown, used or expired.

        The caller sends the file and then deletes it.
        """
        if not TOKEN.match(token):
            return None
        claimed = self.folder / f"{token}.taken"
        try:
            os.rename(self._record(token), claimed)
        except FileNotFoundError:
            return None
        expires, name = _read(claimed)
        claimed.unlink()
        self.sweep()
        document = self._file(token)
        if expires < self.clock() or not document.is_file():
            document.unlink(missing_ok=True)
            return None
        return document, name

    def sweep(self) -> None:
        """Delete expired links, and any other file older than a link's lifetime."""
        if not self.folder.is_dir():
            return
        now = self.clock()
        for path in self.folder.iterdir():
            try:
                if path.suffix == ".json":
                    if _read(path)[0] < now:
                        path.unlink()
                        self._file(path.stem).unlink(missing_ok=True)
                elif path.stat().st_mtime < now - self.lifetime:
                    path.unlink()
            except FileNotFoundError:  # another process removed it first
                continue

    def _file(self, token: str) -> Path:
        return self.folder / f"{token}.docx"

    def _record(self, token: str) -> Path:
        return self.folder / f"{token}.json"


def _read(record: Path) -> tuple[float, str]:
    """A link's expiry and file name; a record that cannot be read has expired."""
    try:
        info = json.loads(record.read_text(encoding="utf-8"))
        return float(info["expires"]), str(info["name"])
    except (ValueError, KeyError, TypeError):
        return 0.0, ""

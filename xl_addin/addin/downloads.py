"""Short-lived, single-use download links for built reports, kept in a private shared folder.

A built report is moved into the folder under a random token, beside a small record of
its file name and expiry; ``/lscb/download/<token>`` (the server's ``routers/custom.py``)
serves it once. Nothing is kept in a server process's memory, so every process that shares
the folder (uvicorn workers, or servers on several machines with a network folder) can
serve a link any of them made.

The folder holds reports about children, so it is private to the account the server runs
as: created with mode 0700 and each file 0600. A folder that already exists and can be
read by others, belongs to another account, or is a symbolic link is refused with a
message saying how to put it right (on POSIX systems; on Windows the folder's ACL
applies). Taking a link renames its record, which only one process can do, so two clicks
racing for one link cannot both download it. Expired files are removed by the server's
timer (``lifespan.py``), and whenever a report is stored or a link is taken.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from xl_addin.core.errors import LscbError

__all__ = ["DownloadStore", "Stored", "UnsafeFolder", "DOCX_TYPE", "DOWNLOAD_PATH",
           "default_folder"]

DOWNLOAD_PATH = "/lscb/download"  # the link: <add-in address>/lscb/download/<token>
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")  # secrets.token_urlsafe(32)
PRIVATE_FOLDER, PRIVATE_FILE = 0o700, 0o600
POSIX = os.name == "posix"


class UnsafeFolder(LscbError):
    """The downloads folder could be read or changed by someone else."""


@dataclass(frozen=True)
class Stored:
    token: str
    name: str  # the file name the browser saves the report under
    expires: float  # seconds since the epoch


def default_folder() -> Path:
    """The service account's own cache folder, not the shared temporary folder."""
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "lscb-report" / "downloads"


class DownloadStore:
    """Reports waiting to be downloaded, in ``folder``, each for ``lifetime`` seconds."""

    def __init__(self, folder: Path, lifetime: float,
                 clock: Callable[[], float] = time.time) -> None:
        self.folder = Path(folder)
        self.lifetime = lifetime
        self.clock = clock

    def prepare(self) -> None:
        """Create the folder privately if it is missing; refuse one others can reach."""
        try:
            self.folder.parent.mkdir(parents=True, exist_ok=True)
            self.folder.mkdir(mode=PRIVATE_FOLDER)
            if POSIX:
                os.chmod(self.folder, PRIVATE_FOLDER)
        except FileExistsError:
            pass
        except OSError as exc:
            raise UnsafeFolder(f"The downloads folder {self.folder} cannot be created "
                               f"({exc.strerror}). Set XLWINGS_LSCB_DOWNLOADS_DIR to a "
                               "folder the server's account may create.") from exc
        self.check()

    def check(self) -> None:
        """Raise UnsafeFolder unless the folder is a private folder of this account."""
        where = f"The downloads folder {self.folder}"
        fix = ("Make it private to the account the server runs as (chmod 700), or set "
               "XLWINGS_LSCB_DOWNLOADS_DIR to a folder that does not exist yet.")
        try:
            info = os.lstat(self.folder)
        except OSError as exc:
            raise UnsafeFolder(f"{where} cannot be reached ({exc.strerror}). Set "
                               "XLWINGS_LSCB_DOWNLOADS_DIR to a folder the server's account "
                               "may create.") from None
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
            raise UnsafeFolder(f"{where} is not a folder (a link or a file). {fix}")
        if not POSIX:
            return
        if info.st_uid != os.geteuid():
            raise UnsafeFolder(f"{where} belongs to another account. {fix}")
        if info.st_mode & 0o077:
            raise UnsafeFolder(f"{where} can be opened by other accounts (mode "
                               f"{stat.S_IMODE(info.st_mode):04o}). {fix}")

    def put(self, built: Path, name: str) -> Stored:
        """Move the built file into the store; returns its token and expiry."""
        self.prepare()
        self.sweep()
        stored = Stored(secrets.token_urlsafe(32), name, self.clock() + self.lifetime)
        os.chmod(built, PRIVATE_FILE)  # before it moves: a copy keeps the mode
        shutil.move(built, self._file(stored.token))
        record = self.folder / f"{stored.token}.tmp"
        descriptor = os.open(record, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            json.dump({"name": name, "expires": stored.expires}, out)
        os.replace(record, self._record(stored.token))  # the link works from here on
        return stored

    def peek(self, token: str) -> str | None:
        """The file name behind a live link, without using it up; None if it is not live.

        Raises UnsafeFolder if the folder exists but others can reach it.
        """
        if not TOKEN.match(token) or not self.folder.exists():
            return None
        self.check()
        expires, name = _read(self._record(token))
        if expires < self.clock() or not self._file(token).is_file():
            return None
        return name

    def take(self, token: str) -> tuple[Path, str] | None:
        """The file and its name, once; None if the token is unknown, used or expired.

        The caller sends the file and then deletes it. Raises UnsafeFolder if the folder
        exists but others can reach it: a file planted there is never served.
        """
        if not TOKEN.match(token) or not self.folder.exists():
            return None
        self.check()
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
    except (OSError, ValueError, KeyError, TypeError):
        return 0.0, ""

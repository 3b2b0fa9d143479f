"""Where the tool writes: checked before any work starts, and never replaced without asking.

Every command that writes a file calls :func:`check_output` first, before it reads or builds
anything, so a refusal costs nothing and leaves nothing behind:

- a file that exists is replaced only when the person asked for it (``--force``), or when
  updating it is the command's job (``compute`` without ``-o``);
- a missing folder is reported as missing, a file as read-only when its permission bits say
  so, even for an administrator (``os.access`` always says yes to root), and a read-only
  folder, or one on a read-only disk, before the work starts (a throwaway file is created
  and removed to find out);
- a workbook or document open in Excel or Word (its ``~$`` lock file is there) is left alone.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from xl_addin.core.errors import OutputError

__all__ = ["check_output", "check_folder", "is_read_only"]

WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
APPS = {".docx": "Word", ".pdf": "a PDF reader"}


def is_read_only(path: Path) -> bool:
    """True if no one may write ``path`` by its permission bits, or this user may not."""
    return not path.stat().st_mode & WRITE_BITS or not os.access(path, os.W_OK)


def check_folder(folder: Path, name: str) -> None:
    """Refuse a folder that is missing, not a folder, or cannot be written in."""
    if not folder.exists():
        raise OutputError(f"Cannot write {name}: the folder {folder} does not exist.")
    if not folder.is_dir():
        raise OutputError(f"Cannot write {name}: {folder} is a file, not a folder.")
    if is_read_only(folder):
        raise OutputError(f"Cannot write {name}: the folder {folder} is read-only. Choose "
                          "another folder, or make it writable.")
    try:
        handle, probe = tempfile.mkstemp(prefix=".lscb-probe-", dir=folder)
    except OSError as exc:
        raise OutputError(f"Cannot write {name} in {folder}: {exc.strerror}. Choose another "
                          "folder.") from exc
    os.close(handle)
    os.unlink(probe)


def check_output(path: Path, *, force: bool = False, replace: bool = False) -> None:
    """Refuse ``path`` unless it can be written, and (without ``force``) if it exists.

    ``replace`` is for a command whose job is to update the file in place.
    """
    path = Path(path)
    for lock in _locks(path):
        if lock.exists():
            app = APPS.get(path.suffix.lower(), "Excel")
            raise OutputError(f"{path.name} is open in {app} (its lock file {lock.name} is "
                              f"there). Close it in {app} and try again.")
    if path.is_dir():
        raise OutputError(f"Cannot write {path}: it is a folder. Give a file name.")
    if path.exists() and not (force or replace):
        raise OutputError(f"{path} already exists; choose another name with -o, or add "
                          "--force to replace it.")
    if path.exists() and is_read_only(path):
        raise OutputError(f"{path.name} is read-only, so it was left as it is. Save to "
                          "another file with -o, or make it writable.")
    check_folder(path.parent if str(path.parent) else Path("."), path.name)


def _locks(path: Path) -> list[Path]:
    """Excel's lock file is ~$ and the whole name; Word's drops two letters of a long one."""
    names = {f"~${path.name}"}
    if path.suffix.lower() == ".docx" and len(path.stem) > 6:
        names.add(f"~${path.name[2:]}")
    return [path.with_name(name) for name in sorted(names)]

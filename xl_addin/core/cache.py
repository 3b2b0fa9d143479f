"""A private cache of plain data worked out from a file: a profile's YAML, a word list.

Reading a board profile's YAML or the British word list costs a tenth of a second each
time a command starts; the data they give never changes while the file does not. So the
result is kept as JSON (plain data only: nothing in it can run) under the hash of the file's
content and the tool's version, in the user's own cache folder, and read back in a few
milliseconds next time. The data read back is checked exactly as freshly parsed data is (a
profile's, for instance, goes through the same shape and meaning checks).

The folder is ``$LSCB_CACHE_DIR``, else ``$XDG_CACHE_HOME/lscb-report/data``, else
``~/.cache/lscb-report/data``. It is made private (0700, each file 0600); a folder that is a
link, belongs to someone else or can be opened by others is not used, and neither is a
file that cannot be read, parsed or written: the data is then simply worked out again.
Nothing here ever raises.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["cached", "cache_folder", "yaml_data", "remembered", "remember"]

T = TypeVar("T")
MAX_BYTES = 64 * 1024**2  # far more than any cached data; a larger file is not read
VERSION = "1"  # the layout of what is cached; bump to leave old entries behind


def cache_folder() -> Path:
    explicit = os.environ.get("LSCB_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "lscb-report" / "data"


def cached(kind: str, content: bytes, make: Callable[[], T],
           check: Callable[[object], bool] = lambda data: True) -> T:
    """``make()``, or what it gave before for the same ``content`` (bytes of the file it is
    worked out from) of this ``kind``. ``check`` says whether data read back has the right
    shape; data that does not is worked out again. ``make`` must return plain data that JSON
    keeps as it is (dicts with text keys, lists, text, numbers, booleans, None)."""
    path = _entry(kind, content)
    if path is not None:
        found = _read(path, check)
        if found is not None:
            return found  # type: ignore[return-value]
    data = make()
    if path is not None:
        _write(path, data)
    return data


def yaml_data(kind: str, text: str) -> Any:  # noqa: ANN401 - whatever the file holds
    """The plain data of the YAML ``text`` (one of the tool's own files), through the cache:
    PyYAML is imported, and libyaml (or the pure-Python reader) parses, only when the cache
    does not hold it yet. Cached data that is not a mapping is read afresh."""

    def parse() -> object:
        import yaml

        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))

    return cached(kind, text.encode("utf-8"), parse,
                  check=lambda data: isinstance(data, dict))


def _entry(kind: str, content: bytes) -> Path | None:
    from xl_addin import __version__

    digest = hashlib.sha256(f"{kind}\0{__version__}\0{VERSION}\0".encode() + content)
    path = _private_folder() if _enabled() else None
    return None if path is None else path / f"{kind}-{digest.hexdigest()}.json"


def remembered(kind: str, content: bytes) -> dict[str, Any]:
    """What was :func:`remember`-ed of this ``kind`` for the same ``content``: a mapping of
    text keys that grows from run to run (answers worked out one at a time, such as the
    dictionary's verdict on each word). Empty when there is none, or it cannot be used."""
    path = _entry(kind, content)
    found = None if path is None else _read(path, lambda data: isinstance(data, dict))
    return found if isinstance(found, dict) else {}


def remember(kind: str, content: bytes, data: dict[str, Any]) -> None:
    """Keep ``data`` for :func:`remembered` (replacing what was kept; never raises)."""
    path = _entry(kind, content)
    if path is not None:
        _write(path, data)


def _enabled() -> bool:
    return os.environ.get("LSCB_CACHE_DIR", "x") != "off"


def _private_folder() -> Path | None:
    folder = cache_folder()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return None
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        return None
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o077):
        return None
    return folder


def _read(path: Path, check: Callable[[object], bool]) -> object | None:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return None
        data = json.loads(raw)
    except (OSError, ValueError, RecursionError):
        return None
    try:
        return data if check(data) else None
    except Exception:  # noqa: BLE001 - a check that fails on odd data means: work it out again
        return None


def _write(path: Path, data: object) -> None:
    """Keep ``data``, unless JSON would give back something else (a number as a key, a date,
    not a number): such data is simply worked out again next time."""
    try:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        if json.loads(text) != data:
            return
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.chmod(temporary, 0o600)
            os.replace(temporary, path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        return

"""Write output files whole or not at all, and byte-for-byte repeatably.

``write_atomic`` writes to a temporary file in the destination folder and renames it over
the target, so a crash or a full disk never leaves a half-written file. ``normalise_zip``
rewrites an OOXML package with fixed timestamps, so the same content gives the same bytes.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from xl_addin.core.errors import OutputError
from xl_addin.files.outputs import is_read_only

__all__ = ["write_atomic", "normalise_zip", "fixed_entry"]

FIXED_TIME = (2000, 1, 1, 0, 0, 0)
CORE_PROPERTIES = "docProps/core.xml"
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def fixed_entry(name: str) -> zipfile.ZipInfo:
    """A zip entry for the part ``name`` that says nothing of when it was written: a fixed
    time, compressed, readable by its owner only."""
    entry = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o600 << 16
    return entry


def normalise_zip(data: bytes, modified: str = "2000-01-01T00:00:00Z") -> bytes:
    """The same zip with fixed entry timestamps and a fixed 'modified' document property.

    openpyxl stamps the time of saving into docProps/core.xml; replacing it (and the zip
    entries' times) makes saving the same content give the same bytes.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == CORE_PROPERTIES:
                content = MODIFIED.sub(rb"\g<1>" + modified.encode() + rb"\g<2>", content)
            dst.writestr(fixed_entry(info.filename), content)
    return out.getvalue()


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (0666 & ~umask)."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, write: Callable[[io.BufferedWriter], object]) -> None:
    """Call ``write`` with a temporary file, then move it to ``path`` in one step.

    A file whose permission bits make it read-only is never replaced, even by an
    administrator, for whom the rename would otherwise succeed.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"Cannot write {path.name}: the folder {folder} does not exist.")
    if path.exists() and is_read_only(path):
        raise OutputError(f"{path.name} is read-only, so it was left as it is. Save to "
                          "another file, or make it writable.")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"Cannot write in {folder}: {exc.strerror}. Check you may save "
                          "files there.") from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    except OSError as exc:
        raise OutputError(f"Cannot save {path.name}: {exc.strerror}. If it is open in Excel "
                          "or Word, close it and try again.") from exc
    finally:
        temp.unlink(missing_ok=True)

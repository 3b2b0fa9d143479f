"""Write output files whole or not at all, and byte-for-byte repeatably.

``write_atomic`` writes to a temporary file in the destination folder and renames it over
the target, so a crash or a full disk never leaves a half-written file. ``normalise_zip``
rewrites an OOXML package with fixed timestamps, so the same content gives the same bytes.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..errors import OutputError

__all__ = ["write_atomic", "normalise_zip"]

FIXED_TIME = (2000, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    """The same zip with every entry's timestamp fixed and its order kept."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def write_atomic(path: Path, write: Callable[[io.BufferedWriter], None]) -> None:
    """Call ``write`` with a temporary file, then move it to ``path`` in one step."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"Cannot write {path.name}: the folder {folder} does not exist.")
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
        os.replace(temp, path)
    except OSError as exc:
        raise OutputError(f"Cannot save {path.name}: {exc.strerror}. If it is open in Excel "
                          "or Word, close it and try again.") from exc
    finally:
        temp.unlink(missing_ok=True)

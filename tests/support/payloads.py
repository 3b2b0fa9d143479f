"""The Office.js payload of a workbook file, made once per content.

:func:`~xl_addin.tools.officejs_payload.book_payload` reads the file with openpyxl (most of
a second); the add-in tests ask for the payload of the same, unchanged example again and
again. :func:`book_payload` here gives the same payload, kept under the hash of the file's
bytes and of the arguments, and hands each caller its own copy to change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from pathlib import Path

from xl_addin.tools.officejs_payload import book_payload as _made

__all__ = ["book_payload"]

_MADE: dict[tuple[object, ...], str] = {}


def book_payload(path: Path, include: Collection[str] | None = None, *,
                 exclude: Collection[str] = (), name: str | None = None) -> dict[str, object]:
    key = (hashlib.sha256(Path(path).read_bytes()).hexdigest(), Path(path).name,
           None if include is None else tuple(sorted(include)), tuple(sorted(exclude)), name)
    if key not in _MADE:
        _MADE[key] = json.dumps(_made(path, include, exclude=exclude, name=name))
    copy: dict[str, object] = json.loads(_MADE[key])
    return copy

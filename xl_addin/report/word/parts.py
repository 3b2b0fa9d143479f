"""A built .docx with some of its parts changed, in memory (the rest copied as they are)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping

from xl_addin.files.atomic import fixed_entry

__all__ = ["with_parts"]


def with_parts(docx: bytes, changes: Mapping[str, Callable[[bytes], bytes]]) -> bytes:
    """``docx`` with each part named in ``changes`` replaced by what its function makes
    of it; every other part, and the order of all, as they were; each entry written as
    :func:`~xl_addin.files.atomic.normalise_zip` writes it, so the same content gives the
    same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            change = changes.get(info.filename)
            dst.writestr(fixed_entry(info.filename),
                         content if change is None else change(content))
    return out.getvalue()

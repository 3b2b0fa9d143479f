"""The board's logo for the cover: a picture file named on the Settings tab.

``logo_file`` is a path relative to the workbook's folder (``logo.png`` or
``branding/logo.jpg``). The file must lie inside that folder (no absolute paths, no
``..``, no link leading out of it), be a PNG or JPEG picture, and be small enough for a
cover: anything else is refused with a message naming the Settings cell. Without a
``logo_file`` the cover is typographic.
"""

from __future__ import annotations

from pathlib import Path

from xl_addin.core.errors import ReportError
from xl_addin.tables.dataset import Dataset

__all__ = ["read_logo", "MAX_BYTES", "MAX_PIXELS", "KEY"]

KEY = "logo_file"
MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 6000  # on either side
SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def _where(data: Dataset) -> str:
    place = data.fact_places.get(KEY)
    if place is None:
        return "Settings"
    return f"'{place.sheet}'!{place.cell}" if place.cell else f"'{place.sheet}'"


def read_logo(data: Dataset, folder: Path | None) -> bytes | None:
    """The logo's bytes, None when Settings names none; ReportError when it cannot be used.

    ``folder`` is the workbook's folder; None when the workbook has no folder of its own
    (sent from Excel), in which case a named logo cannot be found either.
    """
    value = data.facts.get(KEY)
    if value is None or not str(value).strip():
        return None
    name = str(value).strip()
    where = _where(data)
    if folder is None:
        raise ReportError(f"{where}: the logo file '{name}' cannot be read here, because the "
                          "workbook was not opened from a folder. Build the report with "
                          "lscb-report build, or clear the logo file.")
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise ReportError(f"{where}: the logo file '{name}' must be named relative to the "
                          "workbook's folder, e.g. logo.png, with no '..' in it.")
    base = folder.resolve()
    path = (base / relative).resolve()
    if not path.is_relative_to(base):
        raise ReportError(f"{where}: the logo file '{name}' leads out of the workbook's "
                          "folder; put the picture beside the workbook.")
    if not path.is_file():
        raise ReportError(f"{where}: there is no logo file '{name}' beside the workbook "
                          f"({base}). Put the picture there, or correct its name.")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ReportError(f"{where}: the logo file '{name}' is {size / 1048576:.1f} MB; a "
                          f"cover logo must be under {MAX_BYTES // 1048576} MB. Save a smaller "
                          "copy.")
    blob = path.read_bytes()
    if not any(blob.startswith(sig) for sig in SIGNATURES):
        raise ReportError(f"{where}: the logo file '{name}' is not a PNG or JPEG picture. "
                          "Save the logo as .png or .jpg.")
    _check_pixels(blob, name, where)
    return blob


def _check_pixels(blob: bytes, name: str, where: str) -> None:
    from docx.image.exceptions import UnrecognizedImageError
    from docx.image.image import Image

    try:
        image = Image.from_blob(blob)
    except (UnrecognizedImageError, ValueError, IndexError, KeyError) as exc:
        raise ReportError(f"{where}: the logo file '{name}' is damaged or not a picture Word "
                          "can show. Save the logo again as .png or .jpg.") from exc
    if not (0 < image.px_width <= MAX_PIXELS and 0 < image.px_height <= MAX_PIXELS):
        raise ReportError(f"{where}: the logo file '{name}' is {image.px_width} × "
                          f"{image.px_height} pixels; a cover logo must be at most "
                          f"{MAX_PIXELS} pixels on each side.")

"""The report's download link: ``GET /lscb/download/<token>`` serves a built report once.

The link is the permission: a random 256-bit token that works once and for a few minutes
(``XLWINGS_LSCB_DOWNLOAD_MINUTES``). It needs no sign-in token, because the browser that
opens it cannot send one. Reports wait in the shared folder ``XLWINGS_LSCB_DOWNLOADS_DIR``,
so any server process can serve a link that another made.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask
from xlwings_server.config import settings

from xl_addin.addin.downloads import DOCX_TYPE, DOWNLOAD_PATH, DownloadStore

router = APIRouter(prefix=f"{settings.app_path}{DOWNLOAD_PATH}")


@router.get("/{token}")
def download(token: str) -> FileResponse:
    """The report, once; 404 for a link that is unknown, used or expired."""
    store = DownloadStore(settings.lscb_downloads_dir, settings.lscb_download_minutes * 60)
    taken = store.take(token)
    if taken is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND,
                            "This download link has been used or has expired. Click Build "
                            "report in Excel again for a new one.")
    path, name = taken
    return FileResponse(path, media_type=DOCX_TYPE, filename=name,
                        background=BackgroundTask(path.unlink, missing_ok=True))

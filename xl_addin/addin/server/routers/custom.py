"""The report's download link: ``/lscb/download/<token>`` hands a built report over once.

The link is the permission: a random 256-bit token that works once and for a few minutes
(``XLWINGS_LSCB_DOWNLOAD_MINUTES``). It needs no sign-in token, because the browser that
opens it cannot send one. Opening the link (GET) shows a small page with a Download
button and uses nothing up, so a mail or chat program that fetches links to preview
them cannot spend it; the button posts the page's form back (POST), and only that hands
the report over and ends the link. The page is plain HTML with no script, as the
Content-Security-Policy asks. Reports wait in the shared folder
``XLWINGS_LSCB_DOWNLOADS_DIR``, so any server process can serve a link another made.
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, status
from fastapi.responses import FileResponse, HTMLResponse
from starlette.background import BackgroundTask
from xlwings_server.config import settings

from xl_addin.addin.downloads import DOCX_TYPE, DOWNLOAD_PATH, DownloadStore, UnsafeFolder
from xl_addin.addin.guard.faults import LOG

router = APIRouter(prefix=f"{settings.app_path}{DOWNLOAD_PATH}")

GONE = ("This download link has been used or has expired. Click Build report in Excel "
        "again for a new one.")
PAGE = """<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Download {name}</title></head>
<body>
<main>
<h1>LSCB Report</h1>
<p>{message}</p>
{form}
</main>
</body>
</html>
"""
FORM = """<form method="post">
<button type="submit">Download {name}</button>
</form>
<p>The link works once: after the download it stops working.</p>"""


def _store() -> DownloadStore:
    return DownloadStore(settings.lscb_downloads_dir, settings.lscb_download_minutes * 60)


def _page(status_code: int, message: str, name: str = "the report", form: str = "",
          ) -> HTMLResponse:
    return HTMLResponse(PAGE.format(name=escape(name), message=escape(message), form=form),
                        status_code=status_code)


def _folder_refused(problem: UnsafeFolder) -> HTMLResponse:
    LOG.warning("A download was refused: %s", problem)
    return _page(status.HTTP_503_SERVICE_UNAVAILABLE, "Downloads are switched off until IT "
                 "puts the server's downloads folder right.")


@router.api_route("/{token}", methods=["GET", "HEAD"], response_model=None)
def download_page(token: str) -> HTMLResponse:
    """The page with the Download button; 404 for a link that is unknown, used or expired."""
    try:
        name = _store().peek(token)
    except UnsafeFolder as problem:
        return _folder_refused(problem)
    if name is None:
        return _page(status.HTTP_404_NOT_FOUND, GONE)
    return _page(status.HTTP_200_OK, f"Your report {name} is ready.", name,
                 FORM.format(name=escape(name)))


@router.post("/{token}", response_model=None)
def download(token: str) -> FileResponse | HTMLResponse:
    """The report, once; 404 for a link that is unknown, used or expired."""
    try:
        taken = _store().take(token)
    except UnsafeFolder as problem:
        return _folder_refused(problem)
    if taken is None:
        return _page(status.HTTP_404_NOT_FOUND, GONE)
    path, name = taken
    return FileResponse(path, media_type=DOCX_TYPE, filename=name,
                        background=BackgroundTask(path.unlink, missing_ok=True))

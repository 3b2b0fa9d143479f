"""The add-in server's settings: xlwings Server's own, with this add-in's defaults and additions.

xlwings Server loads this project ``config.py`` in place of its own ``Settings``. Every
setting is read, highest precedence first, from: an environment variable ``XLWINGS_<NAME>``
(e.g. ``XLWINGS_LSCB_DOWNLOADS_DIR``); a ``.env`` file in this folder (or the file
``DOTENV_PATH`` names); the ``[tool.xlwings_server]`` table of a ``pyproject.toml`` in this
folder; the defaults below. Nothing else is read, and nothing runs at import time but this.
Lists and objects are written as JSON, e.g. ``XLWINGS_LSCB_ALLOWED_HOSTS='["localhost"]'``.

The add-in's own settings:

- ``lscb_downloads_dir``: where built reports wait for their download link. Every server
  process must see the same folder (a network folder when there are several machines).
  Created private (0700); a folder others can open is refused. Default: the service
  account's ``~/.cache/lscb-report/downloads``.
- ``lscb_download_minutes``: how long a download link works (it works once).
- ``lscb_tokens``: for ``XLWINGS_AUTH_PROVIDERS=["custom"]``, the accepted tokens, as a JSON
  object of user name to the SHA-256 (hex) of that user's token.
- ``lscb_allowed_hosts``: host names this server may call itself by when
  ``XLWINGS_HOSTNAME`` is not set (download links and the manifest).
- ``lscb_max_body_mb``: the largest request accepted, in megabytes (413 beyond it).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import UUID4, Field
from xlwings_server.config import Settings as ServerSettings

from xl_addin.addin.downloads import default_folder


class Settings(ServerSettings):
    project_name: str = "LSCB Report"
    # PolyForm Noncommercial 1.0.0, which permits use by government institutions (an LSCB).
    license_key: str | None = "noncommercial"
    # This add-in's own manifest ids: Office tells add-ins apart by these.
    manifest_id_dev: UUID4 = "809c3f4e-1836-4613-9e0f-e7eddfbe8782"  # type: ignore[assignment]
    manifest_id_qa: UUID4 = "7dc444c4-c0b2-49de-9a0f-b9c061c71990"  # type: ignore[assignment]
    manifest_id_uat: UUID4 = "fcc74756-cb2a-434a-96ce-868a3f982638"  # type: ignore[assignment]
    manifest_id_staging: UUID4 = "6b173a60-46dd-4842-8d39-d58357cccb9c"  # type: ignore[assignment]
    manifest_id_prod: UUID4 = "d1564756-448a-4052-882c-1291eb0f298b"  # type: ignore[assignment]
    # Features of xlwings Server this add-in does not use.
    enable_socketio: bool = False
    enable_htmx: bool = False
    enable_alpinejs_csp: bool = False

    lscb_downloads_dir: Path = Field(default_factory=default_folder)
    lscb_download_minutes: float = Field(default=10, gt=0, le=24 * 60)
    lscb_tokens: dict[str, str] = {}
    lscb_allowed_hosts: list[str] = ["localhost", "127.0.0.1"]
    # The example workbook's click is 0.24 MB; Excel on the web sends at most about 5 MB.
    lscb_max_body_mb: float = Field(default=4, gt=0, le=100)

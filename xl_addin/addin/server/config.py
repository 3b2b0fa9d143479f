"""The add-in server's settings: xlwings Server's own, with this add-in's defaults and additions.

xlwings Server loads this project ``config.py`` in place of its own ``Settings``. Every
setting is read, highest precedence first, from: an environment variable ``XLWINGS_<NAME>``
(e.g. ``XLWINGS_LSCB_DOWNLOADS_DIR``); a ``.env`` file in this folder (or the file
``DOTENV_PATH`` names); the ``[tool.xlwings_server]`` table of a ``pyproject.toml`` in this
folder; the defaults below. Nothing else is read, and nothing runs at import time but this.
Lists and objects are written as JSON, e.g. ``XLWINGS_LSCB_ALLOWED_HOSTS='["localhost"]'``.

The task pane's page carries only what its scripts need (:attr:`Settings.jsconfig`): not
the xlwings version, the sign-in providers or the environment, which xlwings Server's own
page shows to anyone who opens it.

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
- ``lscb_max_header_kb``, ``lscb_max_header_line_kb``: the longest request head (request
  line and headers) and the longest line in it, in KB of 1,024 bytes (431 beyond them).
- ``lscb_header_seconds``, ``lscb_body_seconds``: how long a request's head may take to
  arrive (from the connection opening, or the previous answer), and its body (from the
  server asking for it); 408 after that.
- ``lscb_max_connections``: open connections per server process; one more closes the one
  that has waited longest for its client (or is answered 503 if none is waiting).
- ``lscb_sign_in_attempts``, ``lscb_sign_in_lock_seconds``: failed sign-ins one address may
  make before it is refused (429) for the lock's seconds; ``lscb_sign_in_attempts_all``:
  failed sign-ins from all addresses together in one lock's time, beyond which only
  addresses that signed in lately may try until it ends. All per server process.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import UUID4, Field, computed_field
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
    # A browser's request head is 1 to 2 KB; nginx's default limit is 8 KB a line.
    lscb_max_header_kb: float = Field(default=64, gt=0, le=1024)
    lscb_max_header_line_kb: float = Field(default=16, gt=0, le=1024)
    lscb_header_seconds: float = Field(default=10, gt=0, le=600)
    lscb_body_seconds: float = Field(default=60, gt=0, le=3600)
    lscb_max_connections: int = Field(default=2000, ge=1, le=100_000)
    lscb_sign_in_attempts: int = Field(default=5, ge=1, le=1000)
    lscb_sign_in_lock_seconds: float = Field(default=60, gt=0, le=24 * 60 * 60)
    lscb_sign_in_attempts_all: int = Field(default=100, ge=1, le=100_000)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def jsconfig(self) -> dict:
        """The settings the task pane's scripts read, written into its page for anyone.

        No version, environment or list of sign-in providers: the page shows the token
        field whatever the sign-in, and ``sso`` says only what the manifest already tells
        Office (its WebApplicationInfo), that Entra ID single sign-on is on. xlwings' script
        puts ``xlwingsVersion`` into each click; the server does not compare it for Office.js.
        """
        config: dict[str, object] = {
            "appPath": self.app_path, "onWasm": False, "isOfficialLiteAddin": False,
            "requestTimeout": self.request_timeout,
            "taskpaneReloadAttempts": self.taskpane_reload_attempts, "xlwingsVersion": "n/a"}
        if "entraid" in (self.auth_providers or []):
            config["sso"] = True
        return config

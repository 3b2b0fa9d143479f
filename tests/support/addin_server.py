"""The add-in's server (xlwings Server behind the guard), in process, for tests.

Importing this module skips the importing test module when the ``server`` extra is not
installed. ``app`` is what ``lscb-report serve`` runs (:mod:`xl_addin.addin.asgi`), so
requests through ``TestClient(app)`` pass the guard as real ones do.
"""

from __future__ import annotations

import importlib.util

import pytest

if importlib.util.find_spec("xlwings_server") is None:  # the server extra
    pytest.skip("xlwings Server is not installed", allow_module_level=True)

# The add-in's app first: it points xlwings Server at the project before anything loads it.
asgi = importlib.import_module("xl_addin.addin.asgi")

from fastapi.testclient import TestClient  # noqa: E402
from xlwings_server.config import settings  # noqa: E402

app = asgi.app

__all__ = ["app", "settings", "TestClient"]

"""xlwings Server running the add-in's project, in process, for tests.

Importing this module skips the importing test module when the ``server`` extra is not
installed. xlwings Server reads its project folder when it is first imported, so this
sets it first.
"""

from __future__ import annotations

import os

import pytest

from xl_addin.addin.serve import PROJECT

os.environ["XLWINGS_PROJECT_DIR"] = str(PROJECT)
main = pytest.importorskip("xlwings_server.main")
config = pytest.importorskip("xlwings_server.config")
testclient = pytest.importorskip("fastapi.testclient")

app = main.main_app
settings = config.settings
TestClient = testclient.TestClient

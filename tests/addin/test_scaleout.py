"""Scale-out: a download link made by one server process downloads from another.

Two servers are started with ``lscb-report serve`` (one of them with two uvicorn workers)
on two ports, sharing one download folder and nothing else; Build report is clicked on
the first, and its link's Download button (a POST) is pressed on the second.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from tests.support.payloads import book_payload
from xl_addin.addin.actions import SHEETS_SKIPPED

if importlib.util.find_spec("xlwings_server") is None:  # the server extra; not imported here
    pytest.skip("xlwings Server is not installed", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server stopped: {server.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    raise AssertionError(f"no answer from {url}")


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[tuple[str, str]]:
    env = {**os.environ, "XLWINGS_LSCB_DOWNLOADS_DIR": str(tmp_path / "shared")}
    servers, urls = [], []
    for workers in (2, 1):
        port = free_port()
        servers.append(subprocess.Popen(
            [sys.executable, "-m", "xl_addin", "serve", "--port", str(port), "--workers",
             str(workers)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True))
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url, server in zip(urls, servers, strict=True):
            wait_until_up(f"{url}/", server)
        yield urls[0], urls[1]
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
            server.stderr.close()


def test_a_link_made_by_one_server_downloads_from_the_other(two_servers, example_path) -> None:
    first, second = two_servers
    payload = {**book_payload(example_path, exclude=SHEETS_SKIPPED), "args": [first]}
    request = urllib.request.Request(f"{first}/xlwings/custom-scripts-call/build_report",
                                     data=json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        actions = json.load(response)["actions"]
    [outcome] = [a["args"][1] for a in actions if a["func"] == "runMacro"
                 and a["args"][0] == "lscbShowOutcome"]
    link = outcome["report"]["url"].replace(first, second)
    with urllib.request.urlopen(urllib.request.Request(link, method="POST"),
                                timeout=30) as response:
        assert docx.Document(io.BytesIO(response.read())).paragraphs
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(urllib.request.Request(outcome["report"]["url"],
                                                      method="POST"), timeout=30)
    refused.value.close()
    assert refused.value.code == 404

"""The add-in server's guard, piece by piece, in process: paths, static folders, hosts,
bodies, payloads, headers, faults and the log. ``test_addin_attack.py`` attacks the
same guard on a real server."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import sys
from pathlib import Path

import pytest

from tests.support.addin_server import TestClient, app, settings
from tests.support.payloads import book_payload
from xl_addin.addin.actions import SHEETS_SKIPPED
from xl_addin.addin.guard.body import TooLarge, declared_length, read_body, replay
from xl_addin.addin.guard.faults import Redact, describe, log_fault
from xl_addin.addin.guard.hosts import host_name, link_base, public_base
from xl_addin.addin.guard.paths import StaticFolders, plain_path
from xl_addin.addin.guard.payload import problem

REFERENCE = re.compile(r"LSCB-[0-9A-F]{4}-[0-9A-F]{4}")


@pytest.mark.parametrize("path", ["/", "/static/js/lscb.js", "/manifest.xml",
                                  "/static/vendor/htmx.org/2.0.11/dist/htmx.min.js",
                                  "/xlwings/custom-scripts-call/build_report", "/static/js/"])
def test_plain_paths_pass(path: str) -> None:
    assert plain_path(path)


@pytest.mark.parametrize("path", [
    "", "static", "/static/../config.py", "/static/./js", "/static//etc", "/static/.env",
    "/static/js/.hidden/x.js", "/static/%2e%2e/x", "/static/..\\x", "/static/a:b",
    "/static/x\x00.js", "/static/．．/x", "/static/\u2215etc", "/static/ x", "/" + "a" * 2000,
    "/static/" + "b" * 300 + "/x",
])
def test_odd_paths_are_refused(path: str) -> None:
    assert not plain_path(path)


def _get(app_: StaticFolders, path: str, method: str = "GET") -> tuple[int, bytes]:
    sent: list[dict] = []
    asked: list[int] = []

    async def receive() -> dict:
        asked.append(1)
        if len(asked) > 1:  # the client stays connected until the answer is sent
            await asyncio.Event().wait()
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": [],
             "query_string": b"", "root_path": ""}
    asyncio.run(app_(scope, receive, send))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], body


def test_static_folders_serve_only_files_inside_them(tmp_path: Path) -> None:
    own, fallback, outside = (tmp_path / name for name in ("own", "fallback", "outside"))
    for folder in (own / "js", fallback / "js", outside):
        folder.mkdir(parents=True)
    (own / "js" / "a.js").write_text("own a")
    (fallback / "js" / "a.js").write_text("fallback a")
    (fallback / "js" / "b.js").write_text("fallback b")
    (outside / "secret.txt").write_text("secret")
    (own / "js" / "escape.js").symlink_to(outside / "secret.txt")
    (own / "js" / "tunnel").symlink_to(outside, target_is_directory=True)
    static = StaticFolders("/static", [own, fallback])
    assert _get(static, "/static/js/a.js") == (200, b"own a")  # the project's file wins
    assert _get(static, "/static/js/b.js") == (200, b"fallback b")
    assert _get(static, "/static/js/a.js", "POST")[0] == 405
    for path in ("/static/js/escape.js", "/static/js/tunnel/secret.txt", "/static/js",
                 "/static/js/", "/static/../outside/secret.txt", "/static/js/missing.js"):
        status, body = _get(static, path)
        assert status == 404 and b"secret" not in body, path


@pytest.mark.parametrize(("hostname", "host", "scheme", "expected"), [
    (None, "localhost:8000", "http", "http://localhost:8000"),
    (None, "127.0.0.1:8000", "https", "https://127.0.0.1:8000"),
    (None, "LocalHost", "http", "http://localhost"),
    (None, "evil.example", "https", None),
    (None, "localhost.evil.example", "http", None),
    (None, "localhost@evil.example", "http", None),
    (None, "localhost:8000/evil", "http", None),
    (None, "", "http", None),
    ("lscb.example.gov.uk", "evil.example", "http", "https://lscb.example.gov.uk"),
])
def test_the_public_address_follows_the_rule(hostname, host, scheme, expected) -> None:
    assert public_base(hostname=hostname, app_path="", allowed=["localhost", "127.0.0.1"],
                       scheme=scheme, host=host) == expected


@pytest.mark.parametrize(("sent", "own", "expected"), [
    ("https://evil.example", "http://localhost:8000", "http://localhost:8000"),
    ("https://localhost:8000", "http://localhost:8000", "https://localhost:8000"),
    ("http://localhost:8000", "https://localhost:8000", "https://localhost:8000"),
    ("https://localhost:8001", "http://localhost:8000", "http://localhost:8000"),
    ("javascript:alert(1)", "http://localhost:8000", "http://localhost:8000"),
    ("https://localhost:8000", None, None),
])
def test_a_sent_address_counts_only_on_the_requests_own_host(sent, own, expected) -> None:
    assert link_base(sent, own) == expected


def test_host_names() -> None:
    assert host_name("[::1]:8000") == "[::1]"
    assert host_name("Example.ORG.") == "example.org"
    assert host_name("a b") is None


def test_a_body_is_read_up_to_its_cap_and_handed_on_whole() -> None:
    chunks = [b"ab", b"cd", b"ef"]

    def receiver(parts: list[bytes]):  # noqa: ANN202
        queue = [{"type": "http.request", "body": part, "more_body": i < len(parts) - 1}
                 for i, part in enumerate(parts)]

        async def receive() -> dict:
            return queue.pop(0) if queue else {"type": "http.disconnect"}
        return receive

    assert asyncio.run(read_body(receiver(chunks), 6)) == b"abcdef"
    with pytest.raises(TooLarge):
        asyncio.run(read_body(receiver(chunks), 5))
    again = replay(b"abcdef", receiver([]))
    assert asyncio.run(again())["body"] == b"abcdef"
    assert asyncio.run(again())["type"] == "http.disconnect"
    assert declared_length([(b"content-length", b"12")]) == 12
    assert declared_length([]) is None
    for bad in ([(b"content-length", b"-1")], [(b"content-length", b"1"),
                                               (b"Content-Length", b"2")]):
        with pytest.raises(ValueError):
            declared_length(bad)


def test_the_example_payload_is_well_formed(example_path: Path) -> None:
    assert problem(json.dumps(book_payload(example_path, exclude=SHEETS_SKIPPED)).encode()) is None
    assert problem(json.dumps(book_payload(example_path)).encode()) is None


def test_hsts_only_on_https(tmp_path: Path) -> None:
    assert "strict-transport-security" in TestClient(app, base_url="https://localhost").get(
        "/taskpane.html").headers
    answer = TestClient(app, base_url="http://localhost").get("/taskpane.html")
    assert "strict-transport-security" not in answer.headers
    assert answer.headers["x-content-type-options"] == "nosniff"


# --- faults and the log ---------------------------------------------------------------------

SECRET = "sentinel-9e41"


def test_a_fault_is_logged_with_its_frames_but_never_its_message(caplog) -> None:
    def inner() -> None:
        raise KeyError(f"cell says {SECRET}")

    try:
        try:
            inner()
        except KeyError as first:
            raise ValueError(SECRET) from first
    except ValueError as exc:
        text = describe(exc)
        with caplog.at_level(logging.ERROR, logger="lscb_report.addin"):
            ref = log_fault("a test", exc)
    assert SECRET not in text and "builtins.ValueError" in text and "builtins.KeyError" in text
    assert "in inner" in text
    assert ref in caplog.text and SECRET not in caplog.text and REFERENCE.fullmatch(ref)


def test_the_log_filter_blanks_secrets_and_download_tokens() -> None:
    redact = Redact([SECRET, "", "abc"])  # too short to be a secret: left alone
    token = "A" * 43
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1,
                               '%s - "%s %s HTTP/%s" %d', ("127.0.0.1:1", "GET",
                                                           f"/lscb/download/{token}", "1.1",
                                                           200), None)
    redact.filter(record)
    assert token not in record.getMessage() and "/lscb/download/[token]" in record.getMessage()
    assert record.args[4] == 200  # uvicorn's access formatter still gets its arguments
    other = logging.LogRecord("x", logging.ERROR, __file__, 1, "settings: %r",
                              ({"secret_key": SECRET, "abc": 1},), None)
    try:
        raise RuntimeError(SECRET)
    except RuntimeError:
        other.exc_info = sys.exc_info()
    redact.filter(other)
    assert SECRET not in other.getMessage() and "'abc': 1" in other.getMessage()
    assert SECRET not in other.exc_text


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setattr(settings, "lscb_downloads_dir", tmp_path / "downloads")
    return TestClient(app, base_url="http://localhost")


@pytest.fixture(scope="module")
def payload(example_path: Path) -> dict:
    return book_payload(example_path, exclude=SHEETS_SKIPPED)


def test_a_fault_in_a_script_shows_a_reference_and_writes_nothing(client, payload,
                                                                  monkeypatch, caplog) -> None:
    from xl_addin.addin import actions

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError(f"could not read {SECRET}")

    monkeypatch.setattr(actions, "write_results", broken)  # after the Validation tab
    with caplog.at_level(logging.ERROR, logger="lscb_report.addin"):
        answer = client.post("/xlwings/custom-scripts-call/compute", json=payload)
    assert answer.status_code == 200
    [only] = answer.json()["actions"]  # the Validation tab's writes were dropped
    assert only["func"] == "runMacro" and only["args"][0] == "lscbShowOutcome"
    outcome = only["args"][1]
    ref = REFERENCE.search(outcome["message"])
    assert not outcome["ok"] and ref and "nothing was written" in outcome["message"]
    assert ref.group() in caplog.text and "ValueError" in caplog.text
    assert "in compute_book" in caplog.text and "in broken" in caplog.text  # the frames
    assert SECRET not in caplog.text


def test_a_fault_outside_the_scripts_answers_500_with_a_reference(client, monkeypatch,
                                                                  caplog) -> None:
    custom = sys.modules["routers.custom"]  # the project's router, as xlwings Server loaded it

    def broken() -> None:
        raise OSError(f"disk says {SECRET}")

    monkeypatch.setattr(custom, "_store", broken)
    with caplog.at_level(logging.ERROR, logger="lscb_report.addin"):
        answer = client.get("/lscb/download/" + "A" * 43)
    assert answer.status_code == 500 and answer.headers["content-type"].startswith("text/plain")
    ref = REFERENCE.search(answer.text)
    assert ref and ref.group() in caplog.text and SECRET not in caplog.text + answer.text


# --- sign-in, the folder, the timer -----------------------------------------------------


def test_sign_in_that_cannot_be_checked_is_refused_with_a_reference(client, payload,
                                                                    monkeypatch) -> None:
    from xl_addin.addin import asgi

    async def unreachable(authorization: str, provider: str | None) -> object:
        raise ConnectionError("the key server is unreachable")

    monkeypatch.setattr(settings, "auth_providers", ["entraid"])
    monkeypatch.setattr(asgi.app, "authenticate", unreachable)
    answer = client.post("/xlwings/custom-scripts-call/validate", json=payload,
                         headers={"Authorization": f"Bearer {SECRET}"})
    assert answer.status_code == 401 and REFERENCE.search(answer.text)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_downloads_folder_others_can_open_is_refused(client, payload, tmp_path,
                                                       monkeypatch) -> None:
    wide = tmp_path / "wide"
    wide.mkdir(mode=0o755)
    wide.chmod(0o755)
    monkeypatch.setattr(settings, "lscb_downloads_dir", wide)
    answer = client.post("/xlwings/custom-scripts-call/build_report", json=payload)
    [outcome] = [a["args"][1] for a in answer.json()["actions"] if a["func"] == "runMacro"]
    assert not outcome["ok"] and outcome["report"] is None
    assert f"The downloads folder {wide} can be opened by other accounts (mode 0755)" in \
        outcome["message"] and "chmod 700" in outcome["message"]
    assert list(wide.iterdir()) == []


def test_expired_reports_are_swept_on_a_timer(tmp_path: Path, monkeypatch) -> None:
    import time

    from xl_addin.addin.downloads import DownloadStore

    folder = tmp_path / "timer"
    monkeypatch.setattr(settings, "lscb_downloads_dir", folder)
    monkeypatch.setattr(settings, "lscb_download_minutes", 0.005)  # 0.3 s
    built = tmp_path / "r.docx"
    built.write_bytes(b"report")
    DownloadStore(folder, 0.3).put(built, "r.docx")
    assert len(list(folder.iterdir())) == 2
    with TestClient(app):  # runs the server's start-up, which starts the timer
        deadline = time.monotonic() + 20
        while any(folder.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(folder.iterdir())
    assert folder.stat().st_mode & 0o777 == 0o700


def test_the_server_refuses_to_start_without_its_guard(monkeypatch) -> None:
    from xlwings_server import main

    from xl_addin.addin import guard

    monkeypatch.setattr(guard, "_INSTALLED", False)

    async def start() -> None:
        async with main.user_lifespan(main.app):
            pass

    with pytest.raises(RuntimeError, match="lscb-report serve"):
        asyncio.run(start())

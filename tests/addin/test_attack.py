"""The real server, attacked as someone on the council's network would: raw HTTP against
``lscb-report serve`` in its own process, with sentinel secrets in its settings.

Paths are sent exactly as written (``http.client`` neither normalises nor re-encodes
them), bodies stream in with and without Content-Length, and the server's own log is
read back at the end. The server runs as the attack on it did: two workers, token
sign-in; its time limits for a request's head and body are shortened to seconds, and its
connections per worker halved, so that 3,000 idle connections are more than it holds.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import importlib.util
import json
import re
import resource
import socket
import stat
import threading
import time
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.support.live_server import Answer, LiveServer, live_server, raw, stream, token_setting
from tests.support.payloads import book_payload
from tests.support.profiles import cell_of
from xl_addin.addin.actions import SHEETS_SKIPPED
from xl_addin.addin.guard.headers import CSP

if importlib.util.find_spec("xlwings_server") is None:  # the server extra; not imported here
    pytest.skip("xlwings Server is not installed", allow_module_level=True)

TOKEN = "sentinel-token-4f1c9a"  # the one valid sign-in token
SECRET_KEY = "sentinel-secret-key-81b2"
ENTRA_SECRET = "sentinel-entra-secret-2d7e"
CELL_TEXT = "Sentinel cell text 5c3a"  # put into the workbook: must never reach the log
SIGNED_IN = {"Authorization": TOKEN, "Content-Type": "application/json"}
CALL = "/xlwings/custom-scripts-call"
# What the server's files and the system's files would show if one were served.
LEAKS = ("class Settings", "XLWINGS", "root:", "import ", "def ")
WORKERS = 2
SECONDS = 2  # the head and body times the server is given (defaults 10 and 60)
CONNECTIONS = 1000  # connections per worker (default 2000): fewer than the idle ones held


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(tmp_path_factory.mktemp("attack"), workers=WORKERS,
                     auth_providers='["custom"]', lscb_tokens=token_setting(Tester=TOKEN),
                     secret_key=SECRET_KEY, auth_entraid_client_secret=ENTRA_SECRET,
                     lscb_header_seconds=str(SECONDS), lscb_body_seconds=str(SECONDS),
                     lscb_max_connections=str(CONNECTIONS)) as running:
        yield running


def from_address(n: int) -> dict[str, str]:
    """A client address of its own (the server trusts X-Forwarded-For from 127.0.0.1, where
    a reverse proxy would be), so that one test's failed sign-ins do not lock another's."""
    return {"X-Forwarded-For": f"192.0.2.{n}"}


@pytest.fixture(scope="module")
def payload(example_path: Path) -> dict:
    return book_payload(example_path, exclude=SHEETS_SKIPPED)


def post(server: LiveServer, script: str, body: object, *args: str,
         headers: dict[str, str] | None = None) -> Answer:
    if isinstance(body, dict) and args:
        body = {**body, "args": list(args)}
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return raw(server, "POST", f"{CALL}/{script}", data, headers or SIGNED_IN)


def outcome_of(answer: Answer) -> dict:
    assert answer.status == 200, answer.text
    [outcome] = [a["args"][1] for a in json.loads(answer.body)["actions"]
                 if a["func"] == "runMacro" and a["args"][0] == "lscbShowOutcome"]
    return outcome


def with_cell(payload: dict, sheet: str, cell: str, value: object) -> dict:
    """A copy of the payload with one cell changed."""
    changed = copy.deepcopy(payload)
    [target] = [s for s in changed["sheets"] if s["name"] == sheet]
    row, column = _position(cell)
    target["values"][row - 1][column - 1] = value
    return changed


def _position(cell: str) -> tuple[int, int]:
    from openpyxl.utils.cell import coordinate_to_tuple

    return coordinate_to_tuple(cell)


def plain_line(answer: Answer) -> None:
    assert answer.headers["content-type"].startswith("text/plain"), answer.headers
    assert answer.text and "\n" not in answer.text.strip() and len(answer.text) < 500


# --- 1. no file outside the static folders -----------------------------------------------

UP = ["..", "%2e%2e", "%2E%2E", "%2e.", ".%2E", "%252e%252e", "%c0%ae%c0%ae",
      "%ef%bc%8e%ef%bc%8e", "..%00", "..;"]
SLASH = ["/", "%2f", "%2F", "%252f", "\\", "%5c", "%5C", "%c0%af"]


@pytest.mark.parametrize("up", UP)
@pytest.mark.parametrize("slash", SLASH)
def test_no_file_outside_the_static_folders_is_served(server: LiveServer, up: str,
                                                      slash: str) -> None:
    for prefix, depth in (("/static/", 1), ("/static/js/", 2),
                          ("/static/vendor/bootstrap/", 3), ("/STATIC/", 1)):
        for target in ("config.py", ".env", "custom_scripts/__init__.py"):
            for extra in (0, 1):  # to the project folder, and one above it
                path = prefix + (up + slash) * (depth + extra) + target
                answer = raw(server, "GET", path)
                assert answer.status in (400, 404), path
                assert not any(leak in answer.text for leak in LEAKS), path
        answer = raw(server, "GET", prefix + (up + slash) * 12 + "etc" + slash + "passwd")
        assert answer.status in (400, 404) and "root:" not in answer.text


@pytest.mark.parametrize("path", [
    "/static/js/../../config.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd",
    "/static/.env", "/static/js/.hidden", "/static/js/lscb.js%00.png",
    "/static/js/lscb.js/..", "/static/js/..", "/static/" + "a" * 5000,
    "/static/js/%2e%2e/%2e%2e/config.py", "/xlwings/../static/../config.py",
    "/favicon.ico/../config.py", "/static/js/lscb.js%2f..%2f..%2fconfig.py",
])
def test_odd_static_paths_are_refused(server: LiveServer, path: str) -> None:
    answer = raw(server, "GET", path)
    assert answer.status in (400, 404), path
    assert not any(leak in answer.text for leak in ("class Settings", "root:", "XLWINGS"))


def test_the_static_folders_are_still_served(server: LiveServer) -> None:
    assert raw(server, "GET", "/static/js/lscb.js").status == 200  # the project's own
    assert raw(server, "GET", "/static/js/lscb.js?../../config.py").status == 200
    answer = raw(server, "GET", "/static/js/custom-scripts/index.js")  # xlwings Server's
    assert answer.status == 200 and "runPython" in answer.text
    assert raw(server, "HEAD", "/static/js/lscb.js").status == 200
    assert raw(server, "POST", "/static/js/lscb.js", b"").status == 405


# --- 2. sign-in before the body; a cap on the body -----------------------------------------


def test_without_a_valid_token_a_click_gets_401_whatever_its_body(server, payload) -> None:
    before = server.rss_kb()
    for n, headers in enumerate(({}, {"Authorization": "wrong"},
                                 {"Authorization": f"Bearer {TOKEN}x"})):
        answer, sent = stream(server, f"{CALL}/validate", 40_000_000,
                              {**headers, **from_address(10 * n)})
        assert answer.status == 401 and sent < 40_000_000
        for m, body in enumerate((b"{", json.dumps(payload).encode(), b"\xff" * 100)):
            answer = post(server, "validate", body, headers={
                **headers, **from_address(10 * n + m + 1), "Content-Type": "application/json"})
            assert answer.status == 401
            plain_line(answer)
    assert server.rss_kb() - before < 20_000  # kB: the 40 MB bodies were never read


@pytest.mark.parametrize("chunked", [False, True])
def test_a_body_over_the_cap_gets_413(server: LiveServer, chunked: bool) -> None:
    before = server.rss_kb()
    for path in (f"{CALL}/build_report", "/manifest.xml", "/lscb/download/x"):
        answer, sent = stream(server, path, 40_000_000, SIGNED_IN, chunked=chunked)
        assert answer.status == 413, path
        assert sent < 40_000_000
    assert server.rss_kb() - before < 30_000


def test_a_body_just_over_the_default_cap_gets_413_and_one_below_is_read(server) -> None:
    big = b'{"pad": "' + b"x" * 4_000_000 + b'"}'  # over 4 MB
    answer = post(server, "validate", big)
    assert answer.status == 413 and "4 MB" in answer.text
    answer = post(server, "validate", big[:3_900_000] + b'"}')  # under: read, then refused
    assert answer.status == 400 and "workbook" in answer.text


# --- 3. only scripts can be called ---------------------------------------------------------


@pytest.mark.parametrize("name", [
    "settings", "_build", "_deliver", "_run", "call_js", "DownloadStore", "partial",
    "script", "actions", "asyncio", "xw", "__builtins__", "__name__", "__all__",
    "__dict__", "Settings", "VALIDATE", "Validate", "validate%00", "validate.__globals__",
    "%73ettings", "validate/..", "build_report/x", "",
])
def test_only_the_scripts_can_be_called(server: LiveServer, payload: dict, name: str) -> None:
    for headers in (SIGNED_IN, {"Content-Type": "application/json"}):
        answer = post(server, name, payload, headers=headers)
        assert answer.status == 404, (name, answer.text)
        assert "secret" not in answer.text.lower()


def test_routes_the_add_in_does_not_use_are_refused(server: LiveServer) -> None:
    body = json.dumps({"func_name": "settings", "args": []}).encode()
    assert raw(server, "POST", "/xlwings/custom-functions-call", body, SIGNED_IN).status == 404
    assert raw(server, "GET", f"{CALL}/validate").status == 405


# --- 4. malformed and extreme requests ------------------------------------------------------


def _mutations(payload: dict) -> list[object]:
    def changed(edit):  # noqa: ANN001, ANN202
        copied = copy.deepcopy(payload)
        edit(copied)
        return copied

    first = lambda p: next(s for s in p["sheets"] if s["tables"])  # noqa: E731
    return [
        changed(lambda p: p.pop("sheets")),
        changed(lambda p: p.update(sheets=[])),
        changed(lambda p: p.update(sheets="Performance")),
        changed(lambda p: p.update(sheets=[1, 2])),
        changed(lambda p: p.update(book=[])),
        changed(lambda p: p["book"].update(name=5)),
        changed(lambda p: p["book"].update(active_sheet_index=999)),
        changed(lambda p: p["book"].update(active_sheet_index="0")),
        changed(lambda p: p.update(names=[{"name": 1}])),
        changed(lambda p: p.update(names={})),
        changed(lambda p: p.update(args="x")),
        changed(lambda p: p.update(args=[1])),
        changed(lambda p: p.update(args=["x" * 10_000])),
        changed(lambda p: first(p).update(name=["x"])),
        changed(lambda p: first(p).update(name="a/b")),
        changed(lambda p: first(p).update(values="x")),
        changed(lambda p: first(p).update(values=[])),
        changed(lambda p: first(p).update(values=[1, 2])),
        changed(lambda p: first(p)["values"][3].__setitem__(2, {"a": 1})),
        changed(lambda p: first(p)["values"][3].__setitem__(2, [1])),
        changed(lambda p: first(p)["values"][3].append("extra")),
        changed(lambda p: first(p).update(tables={})),
        changed(lambda p: first(p)["tables"][0].update(range_address="ZZZZ1")),
        changed(lambda p: first(p)["tables"][0].update(range_address="A1:XFE2")),
        changed(lambda p: first(p)["tables"][0].update(range_address="Sheet1!A1")),
        changed(lambda p: first(p)["tables"][0].update(columns="abc")),
        changed(lambda p: first(p)["tables"][0].update(name=None)),
        changed(lambda p: first(p)["tables"][0].update(show_headers="yes")),
        changed(lambda p: first(p).update(used_range_address=7)),
        changed(lambda p: p["sheets"].append(copy.deepcopy(p["sheets"][1]))),
    ]


MALFORMED = [b"", b"{", b"[]", b'"text"', b"null", b"42", b"\xff\xfe{}", b"{}",
             b'{"sheets": NaN}', b'{"sheets": [1e999]}', b"[" * 100_000 + b"]" * 100_000,
             b'{"n": ' + b"9" * 5000 + b"}", '{"é": "\udcff"}'.encode("utf-8", "surrogatepass")]


@pytest.mark.parametrize("index", range(len(MALFORMED)))
def test_a_malformed_body_gets_400_with_one_plain_line(server: LiveServer, index: int) -> None:
    answer = post(server, "validate", MALFORMED[index])
    assert answer.status == 400, answer.text
    plain_line(answer)


def test_a_payload_with_wrong_types_gets_400_with_one_plain_line(server, payload) -> None:
    for mutated in _mutations(payload):
        answer = post(server, "compute", mutated)
        assert answer.status == 400, (answer.status, answer.text)
        plain_line(answer)
        assert "not a workbook as the add-in sends it" in answer.text


def test_a_body_that_is_not_json_by_its_type_gets_415(server: LiveServer, payload) -> None:
    answer = post(server, "validate", json.dumps(payload).encode(),
                  headers={"Authorization": TOKEN, "Content-Type": "text/plain"})
    assert answer.status == 415
    form = b"bookData=" + json.dumps(payload).encode()
    answer = post(server, "validate", form, headers={
        "Authorization": TOKEN, "Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status == 415


@pytest.mark.parametrize("value", [1e300, -1e300, 2 ** 60, "x" * 100_000])
def test_an_extreme_figure_gets_a_message_never_a_500(server, payload, example_raw,
                                                      value: object) -> None:
    sheet, cell = cell_of(example_raw, "tblIndicators", "value", "CS2.2")
    outcome = outcome_of(post(server, "validate", with_cell(payload, sheet, cell, value)))
    assert outcome["message"]
    if not outcome["ok"]:  # a finding at the cell, or a fault with its reference
        assert outcome["findings"] or re.search(r"LSCB-[0-9A-F]{4}-[0-9A-F]{4}",
                                                outcome["message"])


# --- 5. downloads and hosts -----------------------------------------------------------------


def test_build_report_links_on_the_servers_own_host_never_the_clients(server, payload
                                                                       ) -> None:
    own = f"http://127.0.0.1:{server.port}"
    stored = len(list(server.downloads.iterdir())) if server.downloads.exists() else 0
    refused = outcome_of(post(server, "build_report", payload, "https://evil.example",
                              headers={**SIGNED_IN, "Host": "evil.example"}))
    assert not refused["ok"] and refused["report"] is None
    assert "XLWINGS_HOSTNAME" in refused["message"]
    if server.downloads.exists():
        assert len(list(server.downloads.iterdir())) == stored  # nothing built for nobody

    outcome = outcome_of(post(server, "build_report", payload, "https://evil.example"))
    url = outcome["report"]["url"]
    assert url.startswith(f"{own}/lscb/download/")
    path = url.removeprefix(own)
    for method in ("GET", "HEAD", "GET"):  # a link preview, a scanner, the person
        assert raw(server, method, path).status == 200
    page = raw(server, "GET", path).text
    assert '<form method="post">' in page and "<script" not in page and "style=" not in page
    token = path.rsplit("/", 1)[1]
    folder = server.downloads
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for part in (folder / f"{token}.docx", folder / f"{token}.json"):
        assert stat.S_IMODE(part.stat().st_mode) == 0o600
    answer = raw(server, "POST", path, b"")
    assert answer.status == 200 and answer.body.startswith(b"PK")
    assert raw(server, "POST", path, b"").status == 404
    assert raw(server, "GET", path).status == 404


@pytest.mark.parametrize("path", ["/manifest.xml", "/manifest", "/manifest/download"])
def test_the_manifest_names_only_an_allowed_host(server: LiveServer, path: str) -> None:
    for host in ("evil.example", "evil.example:443", "localhost.evil.example", "127.0.0.1@x",
                 "127.0.0.2", ""):
        answer = raw(server, "GET", path, headers={"Host": host})
        assert answer.status == 400 and "evil" not in answer.text, host
        plain_line(answer)
    for host in (f"localhost:{server.port}", f"127.0.0.1:{server.port}"):
        answer = raw(server, "GET", path, headers={"Host": host,
                                                   "X-Forwarded-Host": "evil.example"})
        assert answer.status == 200 and f"http://{host}/taskpane.html" in answer.text
        assert "evil" not in answer.text


# --- 6. headers --------------------------------------------------------------------------------


def test_every_answer_carries_the_security_headers_and_no_hsts_over_http(server) -> None:
    answers = [raw(server, "GET", "/taskpane.html"), raw(server, "GET", "/static/js/lscb.js"),
               raw(server, "GET", "/static/%2e%2e/config.py"), raw(server, "GET", "/nope"),
               raw(server, "GET", "/manifest.xml", headers={"Host": "evil.example"}),
               post(server, "validate", b"{}", headers={"Content-Type": "application/json"}),
               post(server, "validate", b"{"),
               stream(server, f"{CALL}/validate", 5_000_000, SIGNED_IN)[0],
               raw(server, "GET", "/lscb/download/" + "A" * 43)]
    assert [a.status for a in answers] == [200, 200, 404, 404, 400, 401, 400, 413, 404]
    for answer in answers:
        assert answer.headers["content-security-policy"] == CSP
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert "strict-transport-security" not in answer.headers
    taskpane = answers[0].text
    for source in re.findall(r'<script[^>]*src="([^"]+)"', taskpane):
        assert source.startswith("/static/"), source  # all from the add-in's own address
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", taskpane)
    assert "style=" not in taskpane


def test_behind_a_trusted_https_proxy_hsts_is_sent(server: LiveServer) -> None:
    answer = raw(server, "GET", "/taskpane.html", headers={"X-Forwarded-Proto": "https"})
    assert answer.headers["strict-transport-security"].startswith("max-age=")


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (made with cryptography)."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(
                ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_over_https_hsts_is_sent(tmp_path: Path) -> None:
    with live_server(tmp_path, tls=_certificate(tmp_path)) as tls:
        answer = raw(tls, "GET", "/taskpane.html")
    assert answer.status == 200
    assert answer.headers["strict-transport-security"].startswith("max-age=")
    assert answer.headers["content-security-policy"] == CSP


# --- 7. the log ---------------------------------------------------------------------------------


def test_the_log_holds_no_secret_and_no_workbook_content(server, payload, example_raw
                                                         ) -> None:
    sheet, cell = cell_of(example_raw, "tblIndicators", "value", "CS2.2")
    text_sheet, text_cell = cell_of(example_raw, "tblIndicators", "description", "CS2.2")
    texted = with_cell(payload, text_sheet, text_cell, CELL_TEXT)  # still builds
    texted["book"]["name"] = f"{CELL_TEXT}.xlsx"
    marked = with_cell(texted, sheet, cell, CELL_TEXT)  # a text where a figure belongs
    extreme = with_cell(texted, sheet, cell, 1e300)
    wrong = {"Authorization": CELL_TEXT, "Content-Type": "application/json"}
    sent = [
        post(server, "settings", marked), post(server, "settings", marked, headers=wrong),
        post(server, "validate", marked), post(server, "compute", extreme),
        post(server, "build_report", texted, "https://evil.example"),
        post(server, "validate", marked, headers=wrong),
        post(server, "validate", f'{{"{CELL_TEXT}": '.encode()),
        post(server, "validate", json.dumps({"sheets": CELL_TEXT}).encode()),
        post(server, "validate", CELL_TEXT.encode() + b"\xff"),
        post(server, "validate", json.dumps({**marked, "args": [CELL_TEXT] * 9}).encode()),
        post(server, "validate", marked, CELL_TEXT, CELL_TEXT),
        raw(server, "GET", "/manifest.xml", headers={"Host": "evil.example"}),
        stream(server, f"{CALL}/validate", 5_000_000, SIGNED_IN)[0],
    ]
    assert [a.status for a in sent] == [404, 404, 200, 200, 200, 401, 400, 400, 400, 400, 400,
                                        400, 413]
    link = outcome_of(sent[4])["report"]["url"].removeprefix(server.url)
    assert [raw(server, m, link, b"").status for m in ("GET", "POST")] == [200, 200]
    log = server.log_text()
    assert "POST /xlwings/custom-scripts-call/validate" in log  # the log was captured
    digest = hashlib.sha256(TOKEN.encode()).hexdigest()
    for secret in (TOKEN, SECRET_KEY, ENTRA_SECRET, digest, CELL_TEXT):
        assert secret not in log, secret
    assert "/lscb/download/[token]" in log  # the link was opened, and its token withheld
    assert not re.search(r"/lscb/download/[A-Za-z0-9_-]{43}", log)


# --- 8. connections: size, time and number ------------------------------------------------------


def answered_in(server: LiveServer) -> float:
    """Seconds for another client's request (on a new connection) to be answered."""
    started = time.perf_counter()
    assert raw(server, "GET", "/", timeout=10).status == 200
    return time.perf_counter() - started


def until_closed(sock: socket.socket, seconds: float = 10) -> bytes:
    """What the server sends until it closes the connection (or ``seconds`` pass)."""
    sock.settimeout(seconds)
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except (TimeoutError, ConnectionResetError):
        pass
    return received


def secured(head: bytes) -> bool:
    lines = head.partition(b"\r\n\r\n")[0].lower().split(b"\r\n")
    return (b"content-security-policy: " + CSP.lower().encode()) in lines and \
        b"x-content-type-options: nosniff" in lines


def test_four_endless_headers_leave_the_server_answering_others(server: LiveServer) -> None:
    before = server.rss_kb()
    stop = threading.Event()
    cut_off = [0] * 4

    def attack(n: int) -> None:
        while not stop.is_set():
            try:
                with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
                    sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: ")
                    while not stop.is_set():
                        sock.sendall(b"a" * 65536)
            except OSError:
                cut_off[n] += 1

    attackers = [threading.Thread(target=attack, args=(n,)) for n in range(4)]
    for thread in attackers:
        thread.start()
    try:
        time.sleep(0.5)
        waits = [answered_in(server) for _ in range(5)]
    finally:
        stop.set()
        for thread in attackers:
            thread.join(timeout=10)
    assert max(waits) < 1, waits
    assert all(cut_off), cut_off  # every endless header was refused, again and again
    assert server.rss_kb() - before < 60_000  # kB: no header was held


def test_three_thousand_idle_connections_leave_the_server_answering_others(server) -> None:
    held = 3000
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < held + 200:  # this test process holds the other ends
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, held + 1000), hard))
    idle: list[socket.socket] = []
    try:
        for n in range(held):
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            if n % 2:  # half begin a request and never finish it; half send nothing
                sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            idle.append(sock)
        _settled(server)  # held: the server has taken in every connection it was sent
        waits = [answered_in(server) for _ in range(5)]
        assert max(waits) < 1, waits
        # each worker holds at most its limit: the longest waiting made room for the rest
        assert server.open_files() < WORKERS * (CONNECTIONS + 150), server.open_files()
    finally:
        for sock in idle:
            sock.close()


def _settled(server: LiveServer, seconds: float = 10) -> None:
    """Wait until the server's open files stop changing (its accept queue is empty)."""
    deadline, before = time.monotonic() + seconds, -1
    while time.monotonic() < deadline:
        now = server.open_files()
        if now == before:
            return
        before = now
        time.sleep(0.2)


def test_a_head_or_a_body_that_does_not_arrive_in_time_gets_408(server) -> None:
    starts = (b"GET / HTTP/1.1\r\nHost: x\r\n",
              b"POST /lscb/download/x HTTP/1.1\r\nHost: x\r\nContent-Length: 99\r\n\r\n{")
    socks = [socket.create_connection(("127.0.0.1", server.port), timeout=5) for _ in starts]
    try:
        for sock, start in zip(socks, starts, strict=True):
            sock.sendall(start)
        began = time.monotonic()
        answers = [until_closed(sock) for sock in socks]
        took = time.monotonic() - began
    finally:
        for sock in socks:
            sock.close()
    for answer in answers:
        assert answer.startswith(b"HTTP/1.1 408 ") and secured(answer), answer[:200]
    assert SECONDS - 0.1 <= took < SECONDS + 3


@pytest.mark.parametrize(("header", "expected"), [
    ("X-Long: " + "a" * 15_000, 200),  # long, and under the limit
    ("X-Long: " + "a" * 17_000, 431),  # a line over 16 KB
    ("\r\n".join(f"X-{n}: {'a' * 15_000}" for n in range(5)), 431),  # 75 KB in all
])
def test_a_header_over_the_limits_gets_431(server: LiveServer, header: str,
                                           expected: int) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(f"GET / HTTP/1.1\r\nHost: x\r\n{header}\r\nConnection: close\r\n\r\n"
                     .encode())
        answer = until_closed(sock)
    assert answer.startswith(f"HTTP/1.1 {expected} ".encode()) and secured(answer)


@pytest.mark.parametrize("request_", [b"GET / HTTP/1.1\r\nHost x\r\n\r\n",
                                      b"GET / HTTP/9\r\nHost: x\r\n\r\n",
                                      b"GE T / HTTP/1.1\r\n\r\n"])
def test_the_http_parsers_own_400_carries_the_security_headers(server, request_) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(request_)
        answer = until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 400 ") and secured(answer), answer[:200]


# --- 9. sign-in cannot be guessed at speed --------------------------------------------------------


def test_guessing_tokens_is_refused_for_a_while_after_a_few_tries(server) -> None:
    guesser = from_address(200)
    answers = [post(server, "validate", b"{}", headers={
        "Authorization": f"guess-{n}", "Content-Type": "application/json", **guesser})
        for n in range(20)]
    statuses = [answer.status for answer in answers]
    # each worker counts on its own: five guesses each were looked at, then 429
    assert set(statuses) == {401, 429} and statuses.count(401) <= WORKERS * 5, statuses
    refused = next(answer for answer in reversed(answers) if answer.status == 429)
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert "Too many sign-in attempts" in refused.text
    plain_line(refused)
    # the right user, from their own address, is not held up (the lock's end: test_sign_in)
    assert post(server, "validate", b"{}", headers={**SIGNED_IN, **from_address(201)}
                ).status == 400  # signed in; the body is then refused as not a workbook


# --- 10. what the task pane shows to someone who has not signed in ------------------------------


def test_the_task_pane_shows_no_version_sign_in_or_environment(server: LiveServer) -> None:
    versions = (version("xlwings"), version("xlwings-server"))
    for path in ("/taskpane.html", "/taskpane",
                 "/xlwings/alert?prompt=p&title=t&buttons=ok&mode=info&callback=c"):
        page = raw(server, "GET", path).text
        [config] = re.findall(r'<script id="config" type="application/json">(.*?)</script>',
                              page, re.DOTALL)
        assert set(json.loads(config)) <= {"appPath", "onWasm", "isOfficialLiteAddin",
                                           "requestTimeout", "taskpaneReloadAttempts",
                                           "xlwingsVersion"}, config
        for leak in (*versions, "authProviders", "environment", '"custom"', '"prod"'):
            assert leak not in page, (path, leak)
    for path in ("/xlwings/custom-functions-code.js", "/xlwings/custom-functions-code",
                 "/xlwings/custom-functions-meta.json", "/xlwings/custom-functions-meta"):
        assert raw(server, "GET", path).status == 404, path

"""Each connection under its limits, whichever HTTP parser runs inside: uvicorn in this
process, on a free port, with :class:`~xl_addin.addin.guard.connections.Connection` around
h11 and around httptools, small limits, and a small app; raw sockets as the clients.

``test_attack.py`` attacks the real ``lscb-report serve`` with the default limits.
"""

from __future__ import annotations

import asyncio
import importlib.util
import socket
import threading
import time
from collections.abc import Iterator

import pytest

if importlib.util.find_spec("uvicorn") is None:  # the server extra
    pytest.skip("uvicorn is not installed", allow_module_level=True)

import uvicorn  # noqa: E402
from uvicorn.protocols.http.h11_impl import H11Protocol  # noqa: E402

from tests.support.live_server import free_port  # noqa: E402
from xl_addin.addin.guard.connections import MARK, SLACK, Connection, Limits  # noqa: E402
from xl_addin.addin.guard.headers import CSP  # noqa: E402

LIMITS = Limits(line_bytes=1024, head_bytes=4096, head_seconds=0.3, body_seconds=0.3,
                body_bytes=100_000, connections=6)
RELEASE = threading.Event()  # lets the requests to /busy finish
MARKED: list[bool] = []  # whether each request came through a Connection


async def app(scope: dict, receive, send) -> None:  # noqa: ANN001
    MARKED.append(MARK in scope.get("extensions", {}))
    body = b""
    if scope["path"] != "/unread":
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
    while scope["path"] == "/busy" and not RELEASE.is_set():
        await asyncio.sleep(0.01)
    text = f"read {len(body)}".encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain"),
                            (b"content-length", str(len(text)).encode())]})
    await send({"type": "http.response.body", "body": text})


def _parsers() -> list[type]:
    found: list[type] = [H11Protocol]
    if importlib.util.find_spec("httptools") is not None:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

        found.append(HttpToolsProtocol)
    return found


@pytest.fixture(scope="module", params=_parsers(), ids=lambda parser: parser.__name__)
def port(request: pytest.FixtureRequest) -> Iterator[int]:
    bounded = type("Bounded", (Connection,), {"inner": request.param, "fixed": LIMITS})
    chosen = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=chosen, http=bounded, ws="none",
                            lifespan="off", log_level="critical", loop="asyncio")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.02)
    yield chosen
    RELEASE.set()
    server.should_exit = True
    thread.join(timeout=10)


def connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=5)


def answer(sock: socket.socket, seconds: float = 5) -> bytes:
    """What the server sends until it closes the connection or ``seconds`` pass."""
    sock.settimeout(seconds)
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except TimeoutError:
        pass
    except ConnectionResetError:
        pass
    return received


def one_answer(sock: socket.socket) -> bytes:
    """One answer with a Content-Length, read whole."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
    while len(body) < length:
        body += sock.recv(65536)
    return head + b"\r\n\r\n" + body


def status(data: bytes) -> int:
    return int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.1 ") else 0


def has_security_headers(data: bytes) -> bool:
    head = data.partition(b"\r\n\r\n")[0].lower()
    return (b"content-security-policy: " + CSP.lower().encode()) in head and \
        b"x-content-type-options: nosniff" in head


def request(path: str = "/", extra: str = "", body: bytes = b"") -> bytes:
    length = f"Content-Length: {len(body)}\r\n" if body else ""
    return f"GET {path} HTTP/1.1\r\nHost: x\r\n{extra}{length}\r\n".encode() + body


def test_requests_within_the_limits_are_answered_on_one_connection(port: int) -> None:
    with connect(port) as sock:
        for n in range(2):
            sock.sendall(request(extra="X-Fine: " + "a" * 900 + "\r\n", body=b"x" * n))
            data = one_answer(sock)
            assert status(data) == 200 and data.endswith(f"read {n}".encode())
    assert MARKED and all(MARKED)


def test_a_header_line_over_the_limit_gets_431_and_the_connection_closes(port: int) -> None:
    with connect(port) as sock:
        sock.sendall(request(extra="X-Long: " + "a" * 1100 + "\r\n"))
        data = answer(sock)
    assert status(data) == 431 and has_security_headers(data)


def test_a_head_over_the_limit_gets_431(port: int) -> None:
    lines = "".join(f"X-{n}: {'a' * 500}\r\n" for n in range(9))  # 9 short lines, 4.6 KB
    with connect(port) as sock:
        sock.sendall(request(extra=lines))
        assert status(answer(sock)) == 431


def test_a_header_that_never_ends_is_cut_off_at_the_limit(port: int) -> None:
    sent = 0
    with connect(port) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: ")
        try:
            while sent < 10_000_000:
                sock.sendall(b"a" * 512)
                sent += 512
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = answer(sock, 2)
    assert sent < 10_000_000  # refused long before: the parser never held the header
    assert status(data) in (431, 0)  # the answer may be lost to the reset


def test_a_head_that_does_not_arrive_in_time_gets_408(port: int) -> None:
    started = time.monotonic()  # the time runs from the connection's opening
    with connect(port) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        data = answer(sock)
    assert status(data) == 408 and has_security_headers(data)
    assert LIMITS.head_seconds <= time.monotonic() - started < LIMITS.head_seconds + 2


def test_a_connection_that_sends_nothing_is_closed(port: int) -> None:
    started = time.monotonic()
    with connect(port) as sock:
        assert answer(sock) == b""
    assert time.monotonic() - started < LIMITS.head_seconds + 2


def test_a_body_that_does_not_arrive_in_time_gets_408(port: int) -> None:
    with connect(port) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n" + b"x" * 10)
        data = answer(sock)
    assert status(data) == 408


def test_after_an_answer_the_next_head_has_its_own_time(port: int) -> None:
    with connect(port) as sock:
        sock.sendall(request())
        assert status(one_answer(sock)) == 200
        sock.sendall(b"GET / HTTP/1.1\r\n")  # and no more
        assert status(answer(sock)) == 408


def test_a_body_nobody_reads_may_come_in_then_the_next_head_is_counted(port: int) -> None:
    with connect(port) as sock:
        sock.sendall(b"POST /unread HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\nxx")
        assert one_answer(sock).endswith(b"read 0")  # answered before the body came
        sock.sendall(b"x" * 4998 + request())  # the rest of the body, then a request
        assert one_answer(sock).endswith(b"read 0")
        sock.sendall(b"GET / HTTP/1.1\r\nX-Long: " + b"a" * 2000)
        assert status(answer(sock)) == 431  # the head after it is counted again


def test_a_body_nobody_reads_that_never_ends_is_cut_off_in_time(port: int) -> None:
    with connect(port) as sock:
        sock.sendall(b"POST /unread HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\nxx")
        assert one_answer(sock).endswith(b"read 0")
        started = time.monotonic()
        assert answer(sock) == b""
    assert time.monotonic() - started < LIMITS.body_seconds + 2


def test_bytes_beyond_the_body_cap_close_the_connection(port: int) -> None:
    size = LIMITS.body_bytes + LIMITS.head_bytes + SLACK + 10_000
    with connect(port) as sock:
        sock.sendall(f"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: {size}\r\n\r\n".encode())
        try:
            sock.sendall(b"x" * size)
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = answer(sock)
    assert status(data) != 200


def test_one_connection_more_than_the_limit_closes_the_longest_waiting(port: int) -> None:
    waiting = [connect(port) for _ in range(LIMITS.connections)]
    try:
        for sock in waiting:
            sock.sendall(b"GET / HTTP/1.1\r\n")  # a head begun, not finished
        time.sleep(0.05)
        with connect(port) as newcomer:
            newcomer.sendall(request())
            assert status(one_answer(newcomer)) == 200
        assert answer(waiting[0], 1) == b""  # the longest waiting was closed for it
    finally:
        for sock in waiting:
            sock.close()


def test_when_every_connection_is_busy_one_more_gets_503(port: int) -> None:
    RELEASE.clear()
    busy = [connect(port) for _ in range(LIMITS.connections)]
    try:
        for sock in busy:
            sock.sendall(request("/busy"))
        time.sleep(0.2)
        with connect(port) as newcomer:
            data = answer(newcomer, 2)
        assert status(data) == 503 and b"retry-after: 30" in data.lower()
        assert has_security_headers(data)
    finally:
        RELEASE.set()
        for sock in busy:
            assert status(answer(sock, 2)) == 200
            sock.close()


def test_the_parsers_own_400_carries_the_security_headers(port: int) -> None:
    with connect(port) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost x\r\n\r\n")  # no colon: not a header
        data = answer(sock)
    assert status(data) == 400 and has_security_headers(data)

"""The real add-in server, ``lscb-report serve``, started as a process for a test to attack.

Tests that need what only a real server shows (uvicorn's handling of raw paths, bodies
that stream in, the log a process writes, file modes on disk) start one here, on a free
port of 127.0.0.1, with their own settings in its environment and its output in a log
file. :func:`raw` sends a request exactly as given: ``http.client`` neither normalises
the path nor re-encodes it.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import select
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LiveServer", "Answer", "free_port", "live_server", "raw", "stream", "token_setting"]


@dataclass
class LiveServer:
    port: int
    process: subprocess.Popen[bytes]
    log: Path
    downloads: Path
    tls: ssl.SSLContext | None = None  # set when the server runs HTTPS

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def processes(self) -> list[int]:
        """The server's process and its workers' (Linux)."""
        found, queue = [], [self.process.pid]
        while queue:
            pid = queue.pop()
            found.append(pid)
            for task in Path(f"/proc/{pid}/task").glob("*/children"):
                queue += [int(child) for child in task.read_text(encoding="ascii").split()]
        return found

    def rss_kb(self) -> int:
        """The resident memory of the server and its workers, in kB (Linux)."""
        total = 0
        for pid in self.processes():
            status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
            total += next(int(line.split()[1]) for line in status.splitlines()
                          if line.startswith("VmRSS:"))
        return total

    def open_files(self) -> int:
        """The files (sockets included) the server and its workers hold open (Linux)."""
        return sum(len(list(Path(f"/proc/{pid}/fd").iterdir())) for pid in self.processes())


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def token_setting(**tokens: str) -> str:
    """``XLWINGS_LSCB_TOKENS`` for the given user name -> token pairs."""
    digests = {name: hashlib.sha256(token.encode()).hexdigest() for name, token in
               tokens.items()}
    return "{" + ", ".join(f'"{name}": "{digest}"' for name, digest in digests.items()) + "}"


def raw(server: LiveServer, method: str, path: str, body: bytes | None = None,
        headers: dict[str, str] | None = None, timeout: float = 120) -> Answer:
    """One request, sent as given (the path is not normalised or re-encoded)."""
    connection = (http.client.HTTPSConnection("127.0.0.1", server.port, timeout=timeout,
                                              context=server.tls) if server.tls else
                  http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout))
    try:
        connection.putrequest(method, path, skip_host="host" in {k.lower() for k in
                                                                 headers or {}},
                              skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()},
                      response.read())
    finally:
        connection.close()


def stream(server: LiveServer, path: str, size: int, headers: dict[str, str], *,
           chunked: bool = False, chunk: int = 64 * 1024) -> tuple[Answer, int]:
    """POST ``size`` bytes in chunks, stopping as soon as the server answers.

    With ``chunked`` there is no Content-Length (Transfer-Encoding: chunked); otherwise
    Content-Length says ``size``. Returns the answer and the bytes that were sent.
    """
    head = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{server.port}",
            "Transfer-Encoding: chunked" if chunked else f"Content-Length: {size}",
            *(f"{name}: {value}" for name, value in headers.items())]
    sent = 0
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        try:
            while sent < size and not select.select([sock], [], [], 0)[0]:
                data = b"{" * min(chunk, size - sent)
                sock.sendall(f"{len(data):x}\r\n".encode() + data + b"\r\n" if chunked else data)
                sent += len(data)
            if chunked and sent >= size:
                sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed while we were still sending
        received = b""
        while b"\r\n\r\n" not in received:
            data = sock.recv(65536)
            if not data:
                break
            received += data
        head_part, _, body = received.partition(b"\r\n\r\n")
    lines = head_part.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    found = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return Answer(status, {k.lower(): v for k, v in found.items()}, body), sent


def _wait_until_up(server: LiveServer, workers: int, seconds: float = 90) -> None:
    """Until the server answers, and every worker has started."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise AssertionError(f"the server stopped:\n{server.log_text()}")
        try:
            if raw(server, "GET", "/", timeout=2).status == 200 and \
                    server.log_text().count("Application startup complete") >= workers:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"no answer from {server.url}")


@contextmanager
def live_server(folder: Path, *, workers: int = 1, tls: tuple[Path, Path] | None = None,
                **settings: str) -> Iterator[LiveServer]:
    """``lscb-report serve`` with ``XLWINGS_<NAME>`` settings; downloads in ``folder``.

    ``tls`` is a certificate and its key: the server then runs HTTPS with them.
    """
    folder.mkdir(parents=True, exist_ok=True)
    downloads = folder / "downloads"
    env = {**os.environ, "XLWINGS_LSCB_DOWNLOADS_DIR": str(downloads),
           **{f"XLWINGS_{name.upper()}": value for name, value in settings.items()}}
    log = folder / "server.log"
    port = free_port()
    command = [sys.executable, "-m", "xl_addin", "serve", "--port", str(port), "--workers",
               str(workers)]
    if tls:
        command += ["--cert", str(tls[0]), "--key", str(tls[1])]
    with open(log, "wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    context = ssl.create_default_context(cafile=str(tls[0])) if tls else None
    server = LiveServer(port, process, log, downloads, context)
    try:
        _wait_until_up(server, workers)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)

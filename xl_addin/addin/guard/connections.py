"""Each connection held to a size, a time and a number, before uvicorn's HTTP parser sees it.

uvicorn reads HTTP with a parser that trusts the client for size and time: httptools (used
whenever it is installed) sets no limit on a header's length, so one header that never ends
grows a worker without bound, and neither parser times out a request whose head or body
never finishes, so idle connections pile up until the worker runs out of open files.
:class:`Connection` is the HTTP protocol ``lscb-report serve`` gives uvicorn. It stands
between the socket and the parser (h11, which always comes with uvicorn), counts each
request's bytes as they arrive, before the parser holds them, and enforces :class:`Limits`:

- a request's head (its request line and headers) at most ``head_bytes`` in all and
  ``line_bytes`` a line, else 431 and the connection is closed;
- the head complete within ``head_seconds`` of the connection opening (or of the previous
  answer on it), else 408 (a connection that sent nothing is just closed);
- the body complete within ``body_seconds`` of the app asking for it, else 408; a body
  the app answered without reading (401, 413) may come in for as long, unread; bytes
  beyond the body cap, one head and a little slack close the connection;
- at most ``connections`` open connections per worker (and never so many that the worker
  runs out of open files: the limit on them less :data:`RESERVED_FILES`): one more closes
  the connection that has waited longest for its client (for a head or a body that has not
  come), or, when every connection is busy with a request, is answered 503.

Because the limits are applied to the bytes, not by the parser, they hold whichever parser
runs inside (``inner``). The answers uvicorn writes on its own (400 for a request it cannot
parse, 500, 503) get the security headers (:mod:`.headers`) on their way out. Everything
else passes through unchanged.

To run the guarded app with uvicorn's own command instead of ``lscb-report serve``, give it
this class: ``uvicorn xl_addin.addin.asgi:app --http
xl_addin.addin.guard.connections:Connection``.
"""

from __future__ import annotations

import asyncio
import functools
import sys
import weakref
from dataclasses import dataclass
from typing import Any, ClassVar, cast

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol

from xl_addin.addin.guard.headers import security_headers
from xl_addin.addin.guard.replies import one_line

__all__ = ["Limits", "Connection", "configure", "current", "open_connections", "MARK"]

KB = 1024
SLACK = 1024 * KB  # what the parser may hold ahead of the app, beyond the body cap
RESERVED_FILES = 128  # open files a worker keeps for the rest of its work (reports, logs)
MARK = "lscb.connection"  # in a request's scope["extensions"]: it came through a Connection


@dataclass(frozen=True)
class Limits:
    """What one connection may cost (see the module notes); ``lscb_*`` settings set them."""

    line_bytes: int = 16 * KB
    head_bytes: int = 64 * KB
    head_seconds: float = 10.0
    body_seconds: float = 60.0
    body_bytes: int = 4_000_000  # the guard's cap on a body (XLWINGS_LSCB_MAX_BODY_MB)
    connections: int = 2000  # per worker


_limits = Limits()


def configure(limits: Limits) -> None:
    """Use ``limits`` for the connections this process opens from now on."""
    global _limits
    _limits = limits


def current() -> Limits:
    return _limits


@functools.cache
def _room() -> int:
    """The connections this process can open without running out of open files."""
    try:
        import resource
    except ImportError:  # Windows
        return sys.maxsize
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return sys.maxsize if soft == resource.RLIM_INFINITY else max(1, soft - RESERVED_FILES)


class _Worker:
    """The open connections of one server (one uvicorn worker)."""

    def __init__(self) -> None:
        self.open: set[Connection] = set()
        # Connections waiting for their client (a head or a body), longest-waiting first.
        self.waiting: dict[Connection, None] = {}


_WORKERS: weakref.WeakKeyDictionary[object, _Worker] = weakref.WeakKeyDictionary()


def open_connections(server_state: object) -> int:
    """How many connections the server with this ``server_state`` holds open."""
    worker = _WORKERS.get(server_state)
    return len(worker.open) if worker else 0


def _canned(status: int, reason: str, message: str, *, https: bool,
            extra: tuple[tuple[bytes, bytes], ...] = ()) -> bytes:
    body = (one_line(message) + "\n").encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"),
               (b"content-length", str(len(body)).encode()), (b"connection", b"close"),
               *extra, *security_headers(https=https)]
    head = f"HTTP/1.1 {status} {reason}\r\n".encode() + b"".join(
        name + b": " + value + b"\r\n" for name, value in headers)
    return head + b"\r\n" + body


class _Outgoing:
    """The transport as the parser sees it: answers the parser makes on its own (not the
    app's) get the security headers."""

    def __init__(self, transport: asyncio.Transport, connection: Connection) -> None:
        self._transport = transport
        self._connection = connection

    def write(self, data: bytes | bytearray | memoryview) -> None:
        data = bytes(data)
        if not self._connection.answering and data.startswith(b"HTTP/1.") and \
                data[9:10] in (b"4", b"5") and b"\r\n\r\n" in data:
            end = data.index(b"\r\n\r\n")
            ours = b"".join(b"\r\n" + name + b": " + value
                            for name, value in security_headers(https=self._connection.https))
            data = data[:end] + ours + data[end:]
        self._transport.write(data)

    def writelines(self, chunks: Any) -> None:
        self.write(b"".join(chunks))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class Connection(asyncio.Protocol):
    """One HTTP connection under :class:`Limits`, read by ``inner`` (uvicorn's h11 parser)."""

    inner: ClassVar[type[asyncio.Protocol]] = H11Protocol
    fixed: ClassVar[Limits | None] = None  # a subclass's own limits, else configure()'s

    def __init__(self, config: Any, server_state: Any, app_state: dict[str, Any],
                 _loop: asyncio.AbstractEventLoop | None = None) -> None:
        self.config, self.server_state, self.app_state = config, server_state, app_state
        self.loop = _loop or asyncio.get_event_loop()
        self.limits = self.fixed or _limits
        self.worker = _WORKERS.setdefault(server_state, _Worker())
        self.parser: Any = None
        self.transport: asyncio.Transport | None = None
        self.https = False
        self.answering = False  # the app's answer is being written
        self.timer: asyncio.TimerHandle | None = None
        # the request being read
        self.in_head = True  # waiting for a head (no request being answered)
        self.head_ended = False  # the empty line after the headers has arrived
        self.head_seen = 0  # bytes of the head so far
        self.line_seen = 0  # bytes of the head's current line so far
        self.line_start = b""  # its first two bytes
        self.lines = 0  # the head's lines that were not empty
        self.after_head = 0  # bytes since the head ended
        self.body_done = True
        self.body_length: int | None = None  # from Content-Length, when the head was counted
        self.body_timer: asyncio.TimerHandle | None = None
        self.draining = False  # the answer is sent; the body still comes, unread
        self.drain_left: int | None = None  # its bytes still to come, if known

    # --- asyncio.Protocol ---------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports do not derive from asyncio's, but offer the same methods
        transport = cast(asyncio.Transport, transport)
        self.transport = transport
        self.https = bool(transport.get_extra_info("sslcontext"))
        worker, most = self.worker, min(self.limits.connections, _room())
        while len(worker.open) >= most and worker.waiting:
            next(iter(worker.waiting))._drop()
        if len(worker.open) >= most:
            transport.write(_canned(503, "Service Unavailable", "The add-in's server is busy "
                                    "with other requests. Try again in a minute.",
                                    https=self.https, extra=((b"retry-after", b"30"),)))
            transport.close()
            return
        worker.open.add(self)
        self.parser = self.inner(config=self.config,  # type: ignore[call-arg]
                                 server_state=self.server_state, app_state=self.app_state,
                                 _loop=self.loop)
        app = getattr(self.parser, "app", None)
        if app is not None:
            self.parser.app = self._app_for(app)
        self.parser.connection_made(_Outgoing(transport, self))  # type: ignore[arg-type]
        self._await_head()

    def data_received(self, data: bytes) -> None:
        if self.parser is None or self.transport is None or self.transport.is_closing():
            return
        if self.in_head and not self.head_ended:
            if self._scan(data):
                self._refuse(431, "Request Header Fields Too Large",
                             "The request's headers are longer than this server accepts.")
                return
        elif self.draining and self.drain_left is not None and len(data) >= self.drain_left:
            body, rest = data[:self.drain_left], data[self.drain_left:]
            if body:
                self.parser.data_received(body)  # the parser reads the body to its end
            self._await_head()
            if rest:
                self.data_received(rest)
            return
        else:
            self.after_head += len(data)
            if self.draining and self.drain_left is not None:
                self.drain_left -= len(data)
        if self.after_head > self.limits.body_bytes + self.limits.head_bytes + SLACK:
            self._drop()  # more than the largest body the guard reads, and a head
            return
        self.parser.data_received(data)

    def eof_received(self) -> bool | None:
        return self.parser.eof_received() if self.parser is not None else None

    def connection_lost(self, exc: Exception | None) -> None:
        self._forget()
        if self.parser is not None:
            self.parser.connection_lost(exc)

    def pause_writing(self) -> None:
        if self.parser is not None:
            self.parser.pause_writing()

    def resume_writing(self) -> None:
        if self.parser is not None:
            self.parser.resume_writing()

    # --- the head -----------------------------------------------------------------------------

    def _scan(self, data: bytes) -> bool:
        """Count a chunk of the head; True if it is over the limits. Notes where it ends."""
        limits, start = self.limits, 0
        while start < len(data):
            end = data.find(b"\n", start)
            stop = len(data) if end < 0 else end + 1
            if len(self.line_start) < 2:
                self.line_start += data[start:min(stop, start + 2 - len(self.line_start))]
            self.line_seen += stop - start
            self.head_seen += stop - start
            if self.line_seen > limits.line_bytes or self.head_seen > limits.head_bytes:
                return True
            if end < 0:
                return False
            empty = self.line_start in (b"\n", b"\r\n")
            self.line_seen, self.line_start, start = 0, b"", stop
            if empty and self.lines:  # the empty line that ends the head
                self.head_ended = True
                self.after_head = len(data) - start
                return False
            self.lines += not empty
        return False

    def _await_head(self) -> None:
        """Wait for a request's head: from the start, and after each answer."""
        self.in_head, self.head_ended, self.draining = True, False, False
        self.head_seen = self.line_seen = self.lines = self.after_head = 0
        self.line_start = b""
        self.body_done = True
        self._wait(self.limits.head_seconds, self._head_late)

    def _head_late(self) -> None:
        if self.head_ended:  # the head came; the parser has not handed it on yet
            self._wait(self.limits.body_seconds, self._drop)
        elif self.head_seen:
            self._refuse(408, "Request Timeout", "The request did not arrive in time.")
        else:
            self._drop()

    # --- the request, through the app -----------------------------------------------------------

    def _app_for(self, app: ASGIApp) -> ASGIApp:
        async def bounded(scope: Scope, receive: Receive, send: Send) -> None:
            self._request(scope)
            scope.setdefault("extensions", {})[MARK] = True
            await app(scope, self._receiver(receive), self._sender(send))

        return bounded

    def _request(self, scope: Scope) -> None:
        """The parser has read a head and hands the request to the app."""
        counted = self.in_head and self.head_ended  # this head's end was seen here
        self.in_head, self.head_ended, self.draining = False, True, False
        if not counted:  # a request sent before the previous answer (pipelined)
            self.after_head = 0
        self._stop_waiting()
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"").strip()
        chunked = b"transfer-encoding" in headers
        self.body_done = not chunked and length in (b"", b"0")
        self.body_length = int(length) if counted and not chunked and length.isdigit() \
            else None

    def _receiver(self, receive: Receive) -> Receive:
        async def receive_bounded() -> Message:
            if not self.body_done and self.body_timer is None:
                self.body_timer = self.loop.call_later(self.limits.body_seconds,
                                                       self._body_late)
                self.worker.waiting[self] = None
            message = await receive()
            if message["type"] == "http.disconnect" or not message.get("more_body", False):
                self.body_done = True
                self._stop_body_timer()
            return message

        return receive_bounded

    def _sender(self, send: Send) -> Send:
        async def send_bounded(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.answering = True
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                self.answering = False
                self._answered()

        return send_bounded

    def _answered(self) -> None:
        """The app's answer is written: wait for the next request. If the body is still
        coming unread (an answer such as 401 or 413 that did not need it), the parser reads
        it to its end for at most ``body_seconds``, so that the client, still sending, is
        not cut off before it reads the answer; then the next head is counted as ever."""
        if self.transport is None or self.transport.is_closing():
            return
        self._stop_body_timer()
        if self.body_done:
            self._await_head()
            return
        left = None if self.body_length is None else self.body_length - self.after_head
        if left is not None and left <= 0:
            self._await_head()
            return
        self.draining, self.drain_left = True, left
        self._wait(self.limits.body_seconds, self._drop)

    def _body_late(self) -> None:
        self.body_timer = None
        self.worker.waiting.pop(self, None)
        if not self.answering:
            self._refuse(408, "Request Timeout", "The request's body did not arrive in time.")

    # --- waiting, refusing, closing ---------------------------------------------------------

    def _wait(self, seconds: float, then: Any) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.timer = self.loop.call_later(seconds, then)
        self.worker.waiting.pop(self, None)
        self.worker.waiting[self] = None  # the newest to wait

    def _stop_waiting(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        self.worker.waiting.pop(self, None)

    def _stop_body_timer(self) -> None:
        if self.body_timer is not None:
            self.body_timer.cancel()
            self.body_timer = None
        self.worker.waiting.pop(self, None)

    def _refuse(self, status: int, reason: str, message: str) -> None:
        """Answer with one plain line and close (before the parser has answered)."""
        transport = self.transport
        if transport is not None and not transport.is_closing():
            transport.write(_canned(status, reason, message, https=self.https))
            transport.close()
        self._forget()

    def _drop(self) -> None:
        """Close at once, without an answer."""
        if self.transport is not None and not self.transport.is_closing():
            self.transport.abort()
        self._forget()

    def _forget(self) -> None:
        self._stop_waiting()
        self._stop_body_timer()
        self.worker.open.discard(self)

"""The add-in server's guard: an ASGI layer in front of xlwings Server that a request
passes before xlwings Server sees any of it.

Below it, :mod:`.connections` holds each connection to a size, a time and a number
(``lscb-report serve`` runs uvicorn with it). Then, in order, for each request:

1. the path must be plain (:mod:`.paths`): no "..", no encoded or hidden segment;
2. static files are served here, by Starlette's own look-up, never by xlwings Server;
3. a script call must name one of the functions marked as scripts (else 404), come with
   a valid sign-in when sign-in is configured (else 401), checked from its headers
   before one byte of its body is read, from an address that has not failed too often
   lately (:mod:`.sign_in`; else 429), and be JSON (else 415);
4. the body is read up to the cap (:mod:`.body`; else 413), counting the bytes that
   arrive, whatever Content-Length says;
5. a script call's body must be a workbook payload (:mod:`.payload`; else 400);
6. the public address is worked out (:mod:`.hosts`); a manifest without one is refused;
7. every answer gets the security headers (:mod:`.headers`), and a fault anywhere
   becomes a plain answer with a reference (:mod:`.faults`), never a traceback.

The guard's own refusals are one plain line of text. xlwings Server is unchanged.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from typing import Protocol

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from xl_addin.addin.guard.body import ClientGone, TooLarge, declared_length, read_body, replay
from xl_addin.addin.guard.connections import MARK
from xl_addin.addin.guard.faults import LOG, log_fault
from xl_addin.addin.guard.headers import with_security_headers
from xl_addin.addin.guard.hosts import PUBLIC_BASE, public_base
from xl_addin.addin.guard.paths import StaticFolders, plain_path
from xl_addin.addin.guard.payload import problem
from xl_addin.addin.guard.replies import plain
from xl_addin.addin.guard.sign_in import SignIns

__all__ = ["Guard", "GuardSettings", "Authenticate", "StaticFolders", "installed", "MEGABYTE"]

MEGABYTE = 1_000_000
Authenticate = Callable[[str, str | None], Awaitable[object]]  # raises HTTPException if refused
_INSTALLED = False


class GuardSettings(Protocol):
    """The settings the guard reads on every request (xlwings Server's settings object)."""

    app_path: str
    hostname: str | None
    auth_providers: list[str] | None
    lscb_allowed_hosts: list[str]
    lscb_max_body_mb: float
    lscb_sign_in_attempts: int
    lscb_sign_in_lock_seconds: float
    lscb_sign_in_attempts_all: int


def installed() -> bool:
    """True once a guard has been put in front of an app in this process."""
    return _INSTALLED


class Guard:
    """Wrap ``app`` (xlwings Server's ASGI app); see the module for what it checks."""

    def __init__(self, app: ASGIApp, *, settings: GuardSettings, static: StaticFolders,
                 scripts: Collection[str], authenticate: Authenticate,
                 blocked: Collection[str] = ()) -> None:
        global _INSTALLED
        self.app = app
        self.settings = settings
        self.static = static
        self.scripts = frozenset(scripts)
        self.authenticate = authenticate
        base = settings.app_path
        self.blocked = frozenset(f"{base}{path}" for path in blocked)
        self.script_prefix = f"{base}/xlwings/custom-scripts-call/"
        self.manifests = frozenset(f"{base}{p}" for p in ("/manifest", "/manifest.xml",
                                                          "/manifest/download"))
        self.sign_ins = SignIns(settings.lscb_sign_in_attempts,
                                settings.lscb_sign_in_lock_seconds,
                                settings.lscb_sign_in_attempts_all)
        self.bounded: bool | None = None  # whether requests come through .connections
        _INSTALLED = True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if not plain_path(scope["path"]):
            await self._refuse(scope, receive, send, 404, "Not found.")
            return
        if scope["type"] != "http":  # a websocket: xlwings Server's Socket.IO is off
            await self.app(scope, receive, send)
            return
        if self.bounded is None:
            self.bounded = MARK in (scope.get("extensions") or {})
            if not self.bounded:
                LOG.warning("This server runs without the add-in's limits on connections "
                            "(header size, time, number): start it with lscb-report serve, "
                            "or give uvicorn --http xl_addin.addin.guard.connections:"
                            "Connection.")
        started = False
        secured = with_security_headers(send, https=scope.get("scheme") == "https")

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await secured(message)

        try:
            await self._handle(scope, receive, tracked)
        except ClientGone:
            return
        except Exception as exc:  # the last line of defence: logged, never shown
            ref = getattr(exc, "lscb_reference", None) or log_fault(
                f"{scope['method']} {scope['path']}", exc)
            if not started:
                await plain(500, f"The add-in's server hit an unexpected problem (reference "
                                 f"{ref}). Please tell IT the reference.")(scope, receive, tracked)

    async def _handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        path, method = scope["path"], scope["method"]
        if self.static.serves(path):
            await self.static(scope, receive, send)
            return
        if path in self.blocked:
            await plain(404, "Not found.")(scope, receive, send)
            return
        base = self._public_base(scope)
        PUBLIC_BASE.set(base)
        script = path.removeprefix(self.script_prefix) if path.startswith(
            self.script_prefix) else None
        if script is not None:
            if script not in self.scripts:
                await plain(404, "No such script.")(scope, receive, send)
                return
            if method == "POST":
                refusal = await self._sign_in(scope)
                if refusal is not None:
                    await refusal(scope, receive, send)
                    return
                if not _header(scope, b"content-type").lower().startswith("application/json"):
                    await plain(415, "Send the workbook as JSON (Content-Type: "
                                     "application/json).")(scope, receive, send)
                    return
        if path in self.manifests:
            if base is None:
                await plain(400, "This server does not know its public address: IT sets "
                                 "XLWINGS_HOSTNAME, or adds this host to "
                                 "XLWINGS_LSCB_ALLOWED_HOSTS.")(scope, receive, send)
                return
            scope = _with_header(scope, b"x-forwarded-proto", scope["scheme"].encode())
        cap = int(self.settings.lscb_max_body_mb * MEGABYTE)
        too_large = plain(413, f"The request is larger than this server accepts "
                               f"({self.settings.lscb_max_body_mb:g} MB). IT can raise "
                               "XLWINGS_LSCB_MAX_BODY_MB.")
        try:
            length = declared_length(scope["headers"])
        except ValueError:
            await plain(400, "The request's Content-Length is not a number.")(scope, receive,
                                                                             send)
            return
        if length is not None and length > cap:
            await too_large(scope, receive, send)
            return
        try:
            body = await read_body(receive, cap)
        except TooLarge:
            await too_large(scope, receive, send)
            return
        if script is not None and method == "POST":
            issue = problem(body)
            if issue is not None:
                await plain(400, issue)(scope, receive, send)
                return
        await self.app(scope, replay(body, receive), send)

    async def _sign_in(self, scope: Scope) -> ASGIApp | None:
        """None if the request may go on; otherwise the refusal to send."""
        if not self.settings.auth_providers:
            return None
        client = scope.get("client")
        address = str(client[0]) if client else "unknown"
        wait = self.sign_ins.wait(address)
        if wait is not None:
            refusal = plain(429, f"Too many sign-in attempts from this address: wait "
                                 f"{SignIns.retry_after(wait)} seconds, then try again with "
                                 "the token IT gave you.")
            refusal.headers["Retry-After"] = SignIns.retry_after(wait)
            return refusal
        token = _header(scope, b"authorization")
        try:
            await self.authenticate(token, _header(scope, b"auth-provider") or None)
        except HTTPException as refused:
            if token.strip():  # a guess; a click with no token at all is not one
                self.sign_ins.failed(address)
            return plain(refused.status_code, str(refused.detail))
        except Exception as exc:  # e.g. Entra ID's keys could not be fetched
            ref = log_fault("sign-in", exc)
            return plain(401, f"Sign-in could not be checked (reference {ref}). Try again; "
                              "if it keeps happening, tell IT the reference.")
        self.sign_ins.succeeded(address)
        return None

    def _public_base(self, scope: Scope) -> str | None:
        return public_base(hostname=self.settings.hostname, app_path=self.settings.app_path,
                           allowed=self.settings.lscb_allowed_hosts, scheme=scope["scheme"],
                           host=_header(scope, b"host"))

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, status: int,
                      message: str) -> None:
        if scope["type"] == "http":
            secured = with_security_headers(send, https=scope.get("scheme") == "https")
            await plain(status, message)(scope, receive, secured)
        else:
            await send({"type": "websocket.close", "code": 1008})


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def _with_header(scope: Scope, name: bytes, value: bytes) -> Scope:
    headers = [(k, v) for k, v in scope["headers"] if k.lower() != name]
    return {**scope, "headers": [*headers, (name, value)]}

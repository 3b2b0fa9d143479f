"""The add-in's public address, for download links and the manifest, never the client's say.

The rule: IT's ``XLWINGS_HOSTNAME`` when set (``https://<hostname><app path>``); otherwise
the request's own Host, but only when its name is in the allowed-hosts setting (by
default ``localhost`` and ``127.0.0.1``), with the scheme the request arrived on. An
address the task pane sends is used only when it names that same host, and only to
upgrade the scheme to HTTPS (behind a proxy that terminates HTTPS the task pane knows
better). Anything else has no public address, and a link or manifest is refused rather
than pointed at a stranger's host.

The guard works the address out for each request and leaves it in :data:`PUBLIC_BASE`,
where the scripts (which never see the request) find it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextvars import ContextVar
from urllib.parse import urlsplit

__all__ = ["PUBLIC_BASE", "public_base", "link_base", "host_name"]

PUBLIC_BASE: ContextVar[str | None] = ContextVar("lscb_public_base", default=None)
HOST = re.compile(r"(?P<name>[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])"
                  r"(?::(?P<port>[0-9]{1,5}))?")


def host_name(host: str) -> str | None:
    """The name part of a Host header ("localhost:8000" -> "localhost"); None if malformed."""
    match = HOST.fullmatch(host.strip())
    if match is None:
        return None
    return match["name"].lower().rstrip(".")


def public_base(*, hostname: str | None, app_path: str, allowed: Iterable[str], scheme: str,
                host: str) -> str | None:
    """The add-in's address for this request, or None when it has none (see the module)."""
    if hostname:
        return f"https://{hostname}{app_path}"
    name = host_name(host)
    if name is None or name not in {entry.strip().lower() for entry in allowed}:
        return None
    return f"{scheme}://{host.strip().lower()}{app_path}"


def link_base(sent: str, own: str | None) -> str | None:
    """``own``, upgraded to HTTPS when the task pane sent an HTTPS address on the same host.

    A reverse proxy that terminates HTTPS without saying so makes the request look like
    plain HTTP; the task pane knows better. The host always stays the request's own.
    """
    if own is None:
        return None
    theirs, ours = urlsplit(sent.strip()), urlsplit(own)
    if ours.scheme == "http" and theirs.scheme == "https" and theirs.netloc.lower() == ours.netloc:
        return f"https://{ours.netloc}{ours.path}"
    return own

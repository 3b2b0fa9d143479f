"""A request's body, read only up to a cap, then handed on as if it had not been read.

The cap counts the bytes that actually arrive, so it holds when Content-Length is
missing (a chunked upload) or lies. A body over the cap is never held in memory whole:
reading stops one chunk past the cap.
"""

from __future__ import annotations

from starlette.types import Message, Receive

__all__ = ["TooLarge", "ClientGone", "read_body", "replay", "declared_length"]


class TooLarge(Exception):
    """The body is larger than the cap."""


class ClientGone(Exception):
    """The client went away before its body arrived."""


def declared_length(headers: list[tuple[bytes, bytes]]) -> int | None:
    """The Content-Length header as a number; None if absent. Raises ValueError if bad."""
    values = [value for name, value in headers if name.lower() == b"content-length"]
    if not values:
        return None
    if len(set(values)) > 1 or not values[0].strip().isdigit():
        raise ValueError("Content-Length")
    return int(values[0])


async def read_body(receive: Receive, cap: int) -> bytes:
    """The whole body, if it is at most ``cap`` bytes; raises TooLarge or ClientGone."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientGone
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > cap:
            raise TooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the body once, then listens to the client again."""
    given = False

    async def receive_again() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return receive_again

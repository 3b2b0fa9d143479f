"""The guard's own answers: one plain line of text, and a status code."""

from __future__ import annotations

from starlette.responses import PlainTextResponse

__all__ = ["plain", "one_line"]

LONGEST = 400  # characters of a message sent back or logged


def one_line(text: object) -> str:
    """``text`` as one line: whitespace (newlines included) collapsed, and cut short."""
    line = " ".join(str(text).split())
    return line if len(line) <= LONGEST else f"{line[:LONGEST - 1]}…"


def plain(status: int, message: str) -> PlainTextResponse:
    return PlainTextResponse(one_line(message), status_code=status)

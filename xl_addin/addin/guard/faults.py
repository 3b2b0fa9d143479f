"""Unexpected faults: a reference for the person, the traceback for IT, nothing else.

An exception's message may quote what it was working on (a cell's text, a header's
value), so the log gets each frame (file, line, function, source line) and the
exception's type under a short reference, never the message. The person who clicked gets
the reference, to give IT. :class:`Redact` is a logging filter that also blanks the
configured secrets and download tokens out of every log line, whoever logs it.
"""

from __future__ import annotations

import logging
import re
import secrets
import traceback
from collections.abc import Iterable

__all__ = ["LOG", "reference", "log_fault", "describe", "Redact", "install_redaction"]

LOG = logging.getLogger("lscb_report.addin")
DOWNLOAD_TOKEN = re.compile(r"(/lscb/download/)[A-Za-z0-9_-]{43}")


def reference() -> str:
    """A short random reference such as "LSCB-7F3A-9C21"."""
    code = secrets.token_hex(4).upper()
    return f"LSCB-{code[:4]}-{code[4:]}"


def describe(exc: BaseException) -> str:
    """The traceback of ``exc`` and its causes: frames and exception types, no messages."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.format_list(traceback.extract_tb(current.__traceback__)))
        parts.append(f"{type(current).__module__}.{type(current).__qualname__} "
                     f"(message withheld)\n{frames}")
        current = current.__cause__ or current.__context__
    return "Traceback, most recent call last, newest exception first:\n" + "\n".join(parts)


def log_fault(where: str, exc: BaseException) -> str:
    """Log ``exc`` under a new reference, and return the reference."""
    ref = reference()
    LOG.error("Unexpected fault %s in %s. %s", ref, where, describe(exc))
    # Marked, so that the guard, which sees the same exception again, logs it only once.
    exc.lscb_reference = ref  # type: ignore[attr-defined]
    return ref


class Redact(logging.Filter):
    """Blank secrets and download tokens out of each record, its traceback included."""

    def __init__(self, secrets_: Iterable[str]) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets_ if s and len(s) >= 4}, key=len,
                              reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[withheld]")
        return DOWNLOAD_TOKEN.sub(r"\1[token]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):  # uvicorn's access log formats from these
            record.args = tuple(self.redact(a) if isinstance(a, str) else a
                                for a in record.args)
        if isinstance(record.msg, str):
            record.msg = self.redact(record.msg)
        message = record.getMessage()
        cleaned = self.redact(message)
        if cleaned != message:  # a secret inside an argument that is not text
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        return True


def install_redaction(secrets_: Iterable[str]) -> Redact:
    """Put a :class:`Redact` on every handler of the root and uvicorn loggers."""
    redact = Redact(secrets_)
    for name in ("", "uvicorn", "uvicorn.error", "uvicorn.access"):
        for handler in logging.getLogger(name).handlers:
            if not any(isinstance(f, Redact) for f in handler.filters):
                handler.addFilter(redact)
    return redact

"""Failed sign-ins counted per address, so that a token cannot be guessed at speed.

Each script call that brings a token which the sign-in refuses counts against the client's
address (the one uvicorn reports: the reverse proxy's ``X-Forwarded-For`` when it comes
from a proxy uvicorn trusts). After ``attempts`` such failures, each within ``lock_seconds``
of the one before, that address is refused for ``lock_seconds`` (429 with Retry-After)
before its token is even looked at: a guesser gets ``attempts`` tries a lock's time instead
of a thousand a second. A correct token clears the address's count.

The lock is short and per address, so it does not shut the right user out for long: a
colleague behind the same address waits out the lock at most. It cannot be "let a correct
token through during the lock", because a guesser would then learn which guess was right.

Addresses are cheap to change for someone on the server itself (who may write any
``X-Forwarded-For``) or with many machines, so failures from all addresses together are
counted as well: beyond ``attempts_all`` in one lock's time, only addresses that have signed
in within :data:`TRUSTED_SECONDS` may try until the lock's time is over; the people already
at work carry on, and a newcomer waits at most ``lock_seconds``.

The counts live in each server process (with ``--workers 2`` a guesser gets twice the
attempts); a restart forgets them. Memory is bounded: at most :data:`REMEMBERED` addresses.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["SignIns", "TRUSTED_SECONDS", "REMEMBERED"]

TRUSTED_SECONDS = 12 * 60 * 60  # a working day: an address that signed in is trusted this long
REMEMBERED = 10_000  # addresses kept (the least recently seen forgotten first)


@dataclass
class _Address:
    failures: int = 0
    last_failure: float = -math.inf
    locked_until: float = -math.inf


class SignIns:
    """The failed sign-ins of one server process."""

    def __init__(self, attempts: int, lock_seconds: float, attempts_all: int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.attempts, self.lock_seconds, self.attempts_all = attempts, lock_seconds, attempts_all
        self.clock = clock
        self._addresses: OrderedDict[str, _Address] = OrderedDict()
        self._signed_in: OrderedDict[str, float] = OrderedDict()
        self._recent: deque[float] = deque()  # failures from every address, oldest first
        self._all_locked_until = -math.inf

    def wait(self, address: str) -> float | None:
        """Seconds ``address`` must wait before it may try a token again; None: it may now."""
        now = self.clock()
        record = self._addresses.get(address)
        if record is not None and record.locked_until > now:
            return record.locked_until - now
        if self._all_locked_until > now and not self._trusted(address, now):
            return self._all_locked_until - now
        return None

    def failed(self, address: str) -> None:
        """``address`` brought a token the sign-in refused."""
        now = self.clock()
        record = self._addresses.pop(address, None) or _Address()
        self._addresses[address] = record  # the most recently seen
        while len(self._addresses) > REMEMBERED:
            self._addresses.popitem(last=False)
        if now - record.last_failure > self.lock_seconds:
            record.failures = 0
        record.failures += 1
        record.last_failure = now
        if record.failures >= self.attempts:
            record.failures = 0
            record.locked_until = now + self.lock_seconds
        recent = self._recent
        recent.append(now)
        while recent and now - recent[0] > self.lock_seconds:
            recent.popleft()
        if len(recent) >= self.attempts_all:
            recent.clear()
            self._all_locked_until = now + self.lock_seconds

    def succeeded(self, address: str) -> None:
        """``address`` signed in: its count starts again, and it is trusted for a while."""
        now = self.clock()
        record = self._addresses.get(address)
        if record is not None:
            record.failures = 0
        self._signed_in.pop(address, None)
        self._signed_in[address] = now
        while len(self._signed_in) > REMEMBERED:
            self._signed_in.popitem(last=False)

    def _trusted(self, address: str, now: float) -> bool:
        signed_in = self._signed_in.get(address)
        return signed_in is not None and now - signed_in <= TRUSTED_SECONDS

    @staticmethod
    def retry_after(seconds: float) -> str:
        """The Retry-After header's value: whole seconds, at least 1."""
        return str(max(1, math.ceil(seconds)))

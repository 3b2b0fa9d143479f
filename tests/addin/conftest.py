"""Each add-in test starts with no failed sign-ins on record in the in-process server."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _no_failed_sign_ins() -> Iterator[None]:
    asgi = sys.modules.get("xl_addin.addin.asgi")  # loaded only by the in-process tests
    if asgi is not None:
        from xl_addin.addin.guard.sign_in import SignIns

        old = asgi.app.sign_ins
        asgi.app.sign_ins = SignIns(old.attempts, old.lock_seconds, old.attempts_all)
    yield

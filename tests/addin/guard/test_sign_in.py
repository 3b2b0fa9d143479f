"""Failed sign-ins, counted per address with a clock the test moves: a few guesses, then a
short lock; the right user's address unaffected; every address together bounded too."""

from __future__ import annotations

import pytest

from xl_addin.addin.guard.sign_in import REMEMBERED, TRUSTED_SECONDS, SignIns


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def limiter(clock: Clock, attempts: int = 5, lock: float = 60, all_: int = 100) -> SignIns:
    return SignIns(attempts, lock, all_, clock=clock)


def test_an_address_is_locked_after_its_attempts_and_only_for_the_lock(clock) -> None:
    sign_ins = limiter(clock)
    for _ in range(4):
        sign_ins.failed("10.0.0.1")
        assert sign_ins.wait("10.0.0.1") is None
    sign_ins.failed("10.0.0.1")
    assert sign_ins.wait("10.0.0.1") == 60
    assert sign_ins.wait("10.0.0.2") is None  # the right user elsewhere signs in as ever
    clock.now += 59.5
    assert sign_ins.wait("10.0.0.1") == pytest.approx(0.5)
    assert SignIns.retry_after(0.5) == "1"
    clock.now += 1
    assert sign_ins.wait("10.0.0.1") is None


def test_failures_far_apart_do_not_add_up(clock) -> None:
    sign_ins = limiter(clock)
    for _ in range(20):
        sign_ins.failed("10.0.0.1")
        clock.now += 61  # a mistyped token now and then
    assert sign_ins.wait("10.0.0.1") is None


def test_signing_in_starts_the_count_again(clock) -> None:
    sign_ins = limiter(clock)
    for _ in range(4):
        sign_ins.failed("10.0.0.1")
    sign_ins.succeeded("10.0.0.1")
    for _ in range(4):
        sign_ins.failed("10.0.0.1")
    assert sign_ins.wait("10.0.0.1") is None


def test_guesses_from_many_addresses_lock_out_all_but_those_signed_in(clock) -> None:
    sign_ins = limiter(clock, all_=100)
    sign_ins.succeeded("10.0.0.7")  # someone at work this morning
    clock.now += 3600
    for n in range(100):  # one guess from each of a hundred addresses
        sign_ins.failed(f"192.0.2.{n}")
    assert sign_ins.wait("192.0.2.200") == 60  # a new address waits for the lock
    assert sign_ins.wait("10.0.0.7") is None  # who signed in lately carries on
    clock.now += 61
    assert sign_ins.wait("192.0.2.200") is None  # the lock is over
    clock.now += TRUSTED_SECONDS
    for n in range(100):
        sign_ins.failed(f"198.51.100.{n}")
    assert sign_ins.wait("10.0.0.7") is not None  # trusted for a working day, not for ever


def test_the_addresses_kept_are_bounded(clock) -> None:
    sign_ins = limiter(clock, all_=10**6)
    for n in range(REMEMBERED + 50):
        sign_ins.failed(f"a{n}")
    assert len(sign_ins._addresses) == REMEMBERED

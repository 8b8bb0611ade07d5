"""The login backoff: waits that grow, stay under the cap, and differ between bots."""

from __future__ import annotations

import random

import aiohttp
import pytest

from bot.retry import Backoff, describe, is_transient


@pytest.mark.parametrize("seed", range(20))
def test_each_wait_is_in_the_upper_half_of_its_doubling_step_and_never_past_the_cap(
    seed: int,
) -> None:
    backoff = Backoff(base_s=1.0, cap_s=300.0, rng=random.Random(seed))
    delays = [backoff.next_delay() for _ in range(40)]
    for n, delay in enumerate(delays):
        step = min(300.0, 2.0**n)
        assert step / 2 <= delay <= step
    assert max(delays) <= 300.0
    assert min(delays[12:]) >= 150.0  # at the cap it stays there


def test_two_bots_failing_together_wait_differently() -> None:
    first, second = Backoff(rng=random.Random(1)), Backoff(rng=random.Random(2))
    assert [first.next_delay() for _ in range(5)] != [second.next_delay() for _ in range(5)]


@pytest.mark.parametrize("error", [
    ConnectionRefusedError(111, "Connection refused"),
    TimeoutError(),
    aiohttp.ServerDisconnectedError(),
    OSError(-2, "Name or service not known"),
])
def test_network_errors_are_transient(error: BaseException) -> None:
    assert is_transient(error)


def test_a_bug_is_not_transient() -> None:
    assert not is_transient(ValueError("bad"))


def test_describe_keeps_one_short_line() -> None:
    text = describe(RuntimeError("<html>\n" + "x" * 500))
    assert text == "RuntimeError: <html>"
    assert len(describe(RuntimeError("y" * 500))) <= len("RuntimeError: ") + 160

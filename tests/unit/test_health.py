"""The health verdict: which facts are stale, for a supervisor to act on."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.health import MIN_MAX_AGE_S, Facts, default_max_age_s, facts_from_state, judge
from bot.model import Source
from tests.fakes.clock import START

NOW = START


def ago(seconds: float) -> object:
    return NOW - timedelta(seconds=seconds)


def alive(**changes: object) -> Facts:
    """A bot that is connected, polled a moment ago and owes nothing."""
    values: dict[str, object] = {
        "heartbeat_at": ago(5), "connected": True, "gateway_since": ago(3600),
        "poll_cycle_at": ago(5), "last_send_at": ago(7200), "max_age_s": 300,
    }
    values.update(changes)
    return Facts(**values)  # type: ignore[arg-type]


def test_a_quiet_bot_that_owes_nothing_is_healthy_however_long_ago_it_sent() -> None:
    verdict = judge(alive(), NOW)
    assert verdict.healthy and verdict.problems == () and verdict.max_age_s == 300


@pytest.mark.parametrize(("facts", "problem"), [
    (Facts(), "never run"),
    (alive(heartbeat_at=ago(301)), "not running"),
    (alive(poll_cycle_at=ago(301)), "no poll cycle"),
    (alive(poll_cycle_at=None), "no poll cycle"),
    (alive(connected=False, gateway_since=ago(301)), "gateway is not connected"),
    (alive(connected=None, gateway_since=None), "gateway is not connected"),
    (alive(pending=3, oldest_pending_at=ago(400), last_send_at=ago(400)), "3 deliveries"),
    (alive(pending=3, oldest_pending_at=ago(400), last_send_at=None), "3 deliveries"),
])
def test_stale_facts_make_it_unhealthy(facts: Facts, problem: str) -> None:
    verdict = judge(facts, NOW)
    assert not verdict.healthy
    assert any(problem in p for p in verdict.problems), verdict.problems


@pytest.mark.parametrize("facts", [
    alive(connected=False, gateway_since=ago(20)),  # discord.py is reconnecting
    alive(pending=3, oldest_pending_at=ago(10), last_send_at=ago(9000)),  # just queued
    alive(pending=50, oldest_pending_at=ago(900), last_send_at=ago(2)),  # a backlog draining
])
def test_what_is_still_in_motion_is_healthy(facts: Facts) -> None:
    assert judge(facts, NOW).healthy


def test_max_age_given_wins_over_the_recorded_one() -> None:
    facts = alive(poll_cycle_at=ago(200))
    assert judge(facts, NOW).healthy
    assert not judge(facts, NOW, max_age_s=100).healthy
    assert judge(Facts(heartbeat_at=ago(1), connected=True, gateway_since=ago(1),
                       poll_cycle_at=ago(1)), NOW).max_age_s == MIN_MAX_AGE_S


def test_the_default_max_age_is_twice_the_shortest_enabled_interval() -> None:
    def src(sid: str, interval: int, enabled: bool = True) -> Source:
        return Source(sid, f"https://{sid}.example/feed", sid, interval, "en", enabled)

    assert default_max_age_s([src("a", 300), src("b", 90, enabled=False), src("c", 600)]) == 600
    assert default_max_age_s([src("a", 30)]) == MIN_MAX_AGE_S
    assert default_max_age_s([]) == MIN_MAX_AGE_S


def test_facts_survive_the_trip_through_bot_state() -> None:
    facts = alive(connected=False)
    assert facts_from_state(facts.state(), 0, None) == facts

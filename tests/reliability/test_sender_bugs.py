"""A bug met while sending one channel's alerts (say, in rendering an odd update) is retried with
backoff like a send Discord did not take: the other channels are not held up, the log gets one
line per attempt rather than one per tick, and an alert that always fails is given up after
MAX_ATTEMPTS instead of blocking its channel for good.

Run: ``.venv/bin/pytest tests/reliability/test_sender_bugs.py -q``
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.delivery.sender import MAX_ATTEMPTS, Outgoing, Sender
from bot.model import Match, RegionHit, Severity, Source, Update
from bot.store import Store
from tests.fakes.clock import FakeClock

GUILD = 7
CALM, BROKEN = 101, 102


class Flaky:
    """A transport that raises a plain bug (not a SendError) for one channel ``failures`` times."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.posted: list[Outgoing] = []

    async def send(self, outgoing: Outgoing) -> int:
        if outgoing.channel_id == BROKEN and self.failures > 0:
            self.failures -= 1
            raise RuntimeError("renderer met something it did not expect")
        self.posted.append(outgoing)
        return len(self.posted)

    async def recent_delivery_ids(self, channel_id: int) -> frozenset[int]:
        return frozenset()  # nothing of the broken channel's ever lands

    async def tell_guild(self, guild_id: int, text: str) -> bool:
        return True

    def to(self, channel_id: int) -> int:
        return sum(1 for m in self.posted if m.channel_id == channel_id)


@pytest.fixture
async def store(bot_database: Path | str) -> AsyncIterator[tuple[Store, FakeClock]]:
    clock = FakeClock()
    db = await Store.open(bot_database, clock=clock)
    await db.sync_sources([Source("desk", "https://news.example/feed", "Desk", 300)], clock())
    for channel in (CALM, BROKEN):
        await db.subscribe(GUILD, channel, "kosovo", min_severity=Severity.LOW, filter="",
                           ping_role_id=None, ping_severity=Severity.CRITICAL, publish=False,
                           now=clock())
    update = Update("k1", "story", "segment", "Crossing shut", "The crossing at Jarinje shut.",
                    "https://news.example/story", "Update 1", None)
    found = Match(("kosovo",), (RegionHit("kosovo", ("Kosovo",)),), Severity.HIGH)
    await db.commit_poll("desk", states=[], updates=[(update, found)], now=clock(),
                         next_poll_at=clock() + timedelta(minutes=5), status=200, etag=None,
                         last_modified=None, body_hash=None, deliver=True)
    try:
        yield db, clock
    finally:
        await db.close()


async def test_a_bug_in_one_channel_is_retried_with_backoff_and_posts_once(
    store: tuple[Store, FakeClock], caplog: pytest.LogCaptureFixture
) -> None:
    db, clock = store
    transport = Flaky(failures=2)
    sender = Sender(db, transport, clock=clock, region_names={"kosovo": "Kosovo"})
    caplog.set_level(logging.ERROR, logger="bot.delivery.sender")

    await sender.drain_once()
    assert (transport.to(CALM), transport.to(BROKEN)) == (1, 0)
    assert [r.exc_info is not None for r in caplog.records] == [True]

    # Ticks before the retry is due neither send nor log again.
    for _ in range(3):
        await sender.drain_once()
    assert len(caplog.records) == 1
    assert await db.outbox_depth() == 1

    clock.advance(2.5)  # past the first backoff (2 s): fails again, then waits 4 s
    await sender.drain_once()
    assert len(caplog.records) == 2
    clock.advance(2.5)
    await sender.drain_once()
    assert transport.to(BROKEN) == 0
    clock.advance(2.0)
    await sender.drain_once()
    assert (transport.to(CALM), transport.to(BROKEN)) == (1, 1)
    assert await db.outbox_depth() == 0


async def test_an_alert_that_always_fails_is_given_up_and_the_channel_goes_on(
    store: tuple[Store, FakeClock],
) -> None:
    db, clock = store
    transport = Flaky(failures=10**6)
    sender = Sender(db, transport, clock=clock, region_names={"kosovo": "Kosovo"})
    for _ in range(MAX_ATTEMPTS + 2):
        await sender.drain_once()
        clock.advance(601)  # beyond the longest backoff
    counts = await db.delivery_counts()
    assert (counts["sent"], counts["failed"], counts["pending"]) == (1, 1, 0)
    assert transport.to(CALM) == 1

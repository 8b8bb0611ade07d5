"""The poll loop end to end up to the outbox: a real feed server on 127.0.0.1, real SQLite in a
temp file, the real matcher. Only the clock is fake.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest

from bot.demo.feeds import rss_document, rss_item
from bot.demo.story import BODY, STEPS, STORY_LINK, STORY_TITLE, TRAILER
from bot.model import Severity, Source
from bot.pipeline.fetch import Fetcher, make_session
from bot.pipeline.match import Matcher
from bot.pipeline.poll import Poller
from bot.pipeline.schedule import PollScheduler
from bot.store import Store
from tests.fakes.clock import FakeClock
from tests.fakes.feed_server import LOCAL_GUARD, FeedServer

GUILD = 10
BALKANS_CHANNEL = 501
MIDEAST_CHANNEL = 502


def story(*updates: str, trailer: tuple[str, ...] = TRAILER) -> bytes:
    item = rss_item("story-1", STORY_TITLE, (*updates, *BODY, *trailer), STORY_LINK)
    return rss_document("Newsdesk", [item])


@dataclass
class Rig:
    store: Store
    poller: Poller
    clock: FakeClock
    server: FeedServer
    sources: list[Source]
    db_path: Path | str

    async def poll_all(self) -> dict[str, str]:
        reports = await self.poller.poll_many(await self.store.source_states())
        return {r.source: r.status for r in reports}

    async def pending(self) -> list[tuple[int, str]]:
        return [(d.channel_id, d.update.text) for d in
                await self.store.pending_deliveries(self.clock() + timedelta(days=1))]


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with make_session(guard=LOCAL_GUARD) as s:
        yield s


async def open_rig(
    db_path: Path | str, server: FeedServer, matcher: Matcher, session: aiohttp.ClientSession,
    clock: FakeClock, sources: list[Source],
) -> Rig:
    store = await Store.open(db_path, clock=clock)
    await store.sync_sources(sources, clock())
    fetcher = Fetcher(session, timeout_total=1.0, timeout_connect=1.0, guard=LOCAL_GUARD)
    poller = Poller(store, fetcher, matcher, clock=clock, rng=random.Random(1))
    return Rig(store, poller, clock, server, sources, db_path)


@pytest.fixture
async def rig(
    bot_database: Path | str, feed_server: FeedServer, matcher: Matcher,
    session: aiohttp.ClientSession,
) -> AsyncIterator[Rig]:
    sources = [Source("desk", feed_server.url("/story.xml"), "Newsdesk", 300)]
    clock = FakeClock()
    r = await open_rig(bot_database, feed_server, matcher, session, clock, sources)
    for channel, region, minimum in ((BALKANS_CHANNEL, "balkans", Severity.HIGH),
                                     (MIDEAST_CHANNEL, "middle-east", Severity.LOW)):
        await r.store.subscribe(GUILD, channel, region, min_severity=minimum, filter="",
                                ping_role_id=None, ping_severity=Severity.CRITICAL,
                                publish=False, now=clock())
    yield r
    await r.store.close()


async def test_first_poll_is_silent(rig: Rig) -> None:
    rig.server.set("/story.xml", story(*STEPS[3].updates))
    reports = await rig.poller.poll_many(await rig.store.source_states())
    assert reports[0].silent and reports[0].new_entries == 1
    assert await rig.pending() == []
    # Recorded all the same: the backlog is what /latest shows.
    assert len(await rig.store.latest(limit=10)) == 1


async def test_the_silent_first_poll_starts_no_event_and_later_polls_do(rig: Rig) -> None:
    # the backlog was never posted: nothing for a later report to be added to (docs/EVENTS.md)
    rig.server.set("/story.xml", story(*STEPS[3].updates))
    await rig.poll_all()
    assert [u.event for u in await rig.store.latest(limit=10)] == [None]
    rig.server.set("/story.xml", story(*STEPS[4].updates))
    await rig.poll_all()
    newest, *_ = await rig.store.latest(limit=10)
    assert newest.event is not None


async def test_without_clustering_no_update_is_put_in_an_event(
    rig: Rig, matcher: Matcher, session: aiohttp.ClientSession,
) -> None:
    fetcher = Fetcher(session, timeout_total=1.0, timeout_connect=1.0, guard=LOCAL_GUARD)
    plain = Poller(rig.store, fetcher, matcher, clock=rig.clock, cluster=False)
    rig.server.set("/story.xml", story(*STEPS[3].updates))
    await plain.poll_many(await rig.store.source_states())
    rig.server.set("/story.xml", story(*STEPS[4].updates))
    await plain.poll_many(await rig.store.source_states())
    stored = await rig.store.latest(limit=10)
    assert len(stored) > 1 and all(u.event is None for u in stored)


async def test_the_developing_story_alerts_once_per_new_update(rig: Rig) -> None:
    rig.server.set("/story.xml", story())
    await rig.poll_all()
    delivered: list[str] = []
    for step in STEPS[1:]:
        rig.server.set("/story.xml", story(*step.updates, trailer=step.trailer))
        await rig.poll_all()
        for delivery in await rig.store.pending_deliveries(rig.clock() + timedelta(days=1)):
            assert delivery.channel_id == BALKANS_CHANNEL
            delivered.append(delivery.update.text)
            await rig.store.mark_sent([delivery.id], 1, rig.clock())
        rig.clock.advance(300)
    # Only the shots and wounded officers are critical/high enough for the Balkans channel
    # (minimum high); the typo fix, the rewritten trailer and the empty marker never alert.
    assert len(delivered) == len(set(delivered))
    assert any("Gunfire" in text for text in delivered)
    stored = await rig.store.latest(limit=50)
    texts = [u.text for u in stored]
    assert len(texts) == len(set(texts))
    assert not any(u.marker == "Update (1040 CET)" and not u.text.strip() for u in stored)
    # one entry + five updates that carry text (0930, 1005, 1040, 1215, 1430)
    assert len(stored) == 6


async def test_unchanged_feed_costs_a_304_and_queues_nothing(rig: Rig) -> None:
    rig.server.set("/story.xml", story())
    await rig.poll_all()
    rig.server.set("/story.xml", story(STEPS[4].updates[0]))
    assert await rig.poll_all() == {"desk": "new"}
    assert await rig.poll_all() == {"desk": "not_modified"}
    assert rig.server.requests("/story.xml")[-1].get("If-None-Match")
    assert len(await rig.pending()) == 1


async def test_same_body_without_etag_skips_parsing(rig: Rig) -> None:
    rig.server.set("/story.xml", story(), etag=False)
    await rig.poll_all()
    assert await rig.poll_all() == {"desk": "unchanged"}


async def test_restart_mid_run_loses_nothing_and_queues_nothing_twice(
    rig: Rig, matcher: Matcher, session: aiohttp.ClientSession,
) -> None:
    rig.server.set("/story.xml", story())
    await rig.poll_all()
    rig.server.set("/story.xml", story(*STEPS[4].updates), etag=False)
    await rig.poll_all()
    before = await rig.pending()
    assert before
    await rig.store.close()

    # A new process: same database, same feed, nothing new may be queued.
    again = await open_rig(rig.db_path, rig.server, matcher, session, rig.clock, rig.sources)
    try:
        await again.store.sync_sources(rig.sources, rig.clock())
        rig.clock.advance(300)
        await again.poll_all()
        assert await again.pending() == before
        rig.server.set("/story.xml", story(*STEPS[7].updates), etag=False)
        await again.poll_all()
        assert len(await again.pending()) >= len(before)
        texts = [t for _c, t in await again.pending()]
        assert len(texts) == len(set(texts))
    finally:
        await again.store.close()
        rig.store = again.store


async def test_a_failing_source_backs_off_and_the_others_carry_on(
    bot_database: Path | str,
    feed_server: FeedServer, matcher: Matcher, session: aiohttp.ClientSession,
) -> None:
    clock = FakeClock()
    sources = [
        Source("good", feed_server.url("/good.xml"), "Good", 300),
        Source("broken", feed_server.url("/broken.xml"), "Broken", 300),
        Source("slow", feed_server.url("/slow.xml"), "Slow", 300),
        Source("gone", feed_server.url("/gone.xml"), "Gone", 300),
    ]
    feed_server.set("/good.xml", story())
    feed_server.set("/broken.xml", b"oops", status=500)
    feed_server.set("/slow.xml", story(), delay=5)
    feed_server.set("/gone.xml", b"", status=410)
    r = await open_rig(bot_database, feed_server, matcher, session, clock, sources)
    try:
        statuses = await r.poll_all()
        assert statuses == {"good": "new", "broken": "error", "slow": "error", "gone": "error"}
        states = {s.source.id: s for s in await r.store.source_states()}
        assert states["broken"].consecutive_failures == 1
        assert states["broken"].last_status == 500
        assert states["slow"].error_kind == "timeout"
        assert states["gone"].disabled_reason
        assert states["good"].consecutive_failures == 0
        first_retry = states["broken"].next_poll_at
        await r.poller.poll(states["broken"])
        states = {s.source.id: s for s in await r.store.source_states()}
        assert states["broken"].consecutive_failures == 2
        assert states["broken"].next_poll_at is not None and first_retry is not None
        assert states["broken"].next_poll_at - clock() > first_retry - clock() - timedelta(
            seconds=1)
    finally:
        await r.store.close()


async def test_permanent_redirect_is_recorded(rig: Rig) -> None:
    rig.server.set("/moved.xml", story())
    rig.server.redirect("/story.xml", rig.server.url("/moved.xml"), status=301)
    await rig.poll_all()
    [state] = await rig.store.source_states()
    assert state.redirected_url == rig.server.url("/moved.xml")
    await rig.poll_all()
    assert rig.server.hits("/moved.xml") == 2
    assert rig.server.hits("/story.xml") == 1


async def test_the_scheduler_polls_what_is_due_on_a_fake_clock(rig: Rig) -> None:
    rig.server.set("/story.xml", story())
    scheduler = PollScheduler(rig.store, rig.poller, clock=rig.clock)
    rig.clock.advance(300)  # a new source's first poll is spread over its first interval
    assert await scheduler.tick() == 1
    await scheduler.drain()
    assert await scheduler.tick() == 0  # polled: next time is an interval away
    rig.clock.advance(400)  # past the interval and its jitter
    assert await scheduler.tick() == 1
    await scheduler.drain()
    assert rig.server.hits("/story.xml") == 2

"""Servers' own sources through the real poll loop: a feed server on 127.0.0.1 that counts
requests, the real fetcher, poller, scheduler, matcher and SQLite store; only the clock is fake.

Two servers follow one URL: it is fetched once per poll and both get its updates; a feed only
server A follows never reaches server B's channel, though B subscribes to the same region.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from bot.demo.feeds import rss_document, rss_item
from bot.model import Severity, Source
from bot.pipeline.fetch import Fetcher, make_session
from bot.pipeline.guard import AddressGuard
from bot.pipeline.match import Matcher
from bot.pipeline.poll import Poller
from bot.pipeline.schedule import PollScheduler
from bot.store import Store
from tests.fakes.clock import FakeClock
from tests.fakes.feed_server import LOCAL_GUARD, FeedServer

GUILD_A, GUILD_B = 1001, 1002
CHANNEL_A, CHANNEL_B = 11, 22
INTERVAL = 300


def feed(*items: tuple[str, str, str]) -> bytes:
    return rss_document("Desk", [rss_item(key, title, (text,), f"https://desk.example/{key}")
                                 for key, title, text in items])


OLD = ("old", "Council meets", "The town council met to discuss the budget.")


def kosovo(n: int, where: str) -> tuple[str, str, str]:
    return (f"{where}-{n}", f"Kosovo: clashes at the Ibar bridge ({where} {n})",
            f"Gunfire was heard near the main bridge over the Ibar in Mitrovica, report {n}.")


@dataclass
class Loop:
    store: Store
    scheduler: PollScheduler
    clock: FakeClock
    server: FeedServer

    async def next_poll(self) -> None:
        """Move past one interval and run the scheduler's tick: every due source, once."""
        self.clock.advance(INTERVAL + 1)
        await self.scheduler.tick()
        await self.scheduler.drain()

    async def owed(self) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        for d in await self.store.pending_deliveries(self.clock() + timedelta(days=1)):
            found.setdefault(d.channel_id, []).append(d.update.title)
        return found


@pytest.fixture
async def loop(
    request: pytest.FixtureRequest, bot_database: Path | str,
    feed_server: FeedServer, matcher: Matcher,
) -> AsyncIterator[Loop]:
    """The poll loop with the feed server allowed for the operator's sources, and for the
    servers' unless the test says ``@pytest.mark.parametrize("loop", [NOTHING], indirect=True)``."""
    clock = FakeClock()
    guild_guard = getattr(request, "param", LOCAL_GUARD)
    async with make_session(guard=LOCAL_GUARD) as session, \
            make_session(guard=guild_guard) as guild_session, \
            await Store.open(bot_database, clock=clock) as store:
        fetcher = Fetcher(session, timeout_total=2.0, timeout_connect=1.0, guard=LOCAL_GUARD)
        guild_fetcher = Fetcher(guild_session, timeout_total=2.0, timeout_connect=1.0,
                                guard=guild_guard)
        poller = Poller(store, fetcher, matcher, clock=clock, rng=random.Random(1),
                        guild_fetcher=guild_fetcher)
        scheduler = PollScheduler(store, poller, clock=clock)
        for guild, channel in ((GUILD_A, CHANNEL_A), (GUILD_B, CHANNEL_B)):
            await store.subscribe(guild, channel, "balkans", min_severity=Severity.LOW,
                                  filter="", ping_role_id=None, ping_severity=Severity.CRITICAL,
                                  publish=False, now=clock())
        yield Loop(store, scheduler, clock, feed_server)


async def test_a_url_two_servers_follow_is_fetched_once_per_poll_and_reaches_both(
    loop: Loop,
) -> None:
    server, store, now = loop.server, loop.store, loop.clock()
    server.set("/shared.xml", feed(OLD))
    server.set("/a-only.xml", feed(OLD))
    await store.add_follow(GUILD_A, server.url("/shared.xml"), name="Shared for A",
                           interval=INTERVAL, now=now)
    await store.add_follow(GUILD_B, server.url("/shared.xml#b"), name="Shared for B",
                           interval=INTERVAL, now=now)
    await store.add_follow(GUILD_A, server.url("/a-only.xml"), name="A's own",
                           interval=INTERVAL, now=now)
    await loop.next_poll()  # the first poll of each is silent
    assert (server.hits("/shared.xml"), server.hits("/a-only.xml")) == (1, 1)
    assert await loop.owed() == {}

    server.set("/shared.xml", feed(kosovo(1, "shared"), OLD))
    server.set("/a-only.xml", feed(kosovo(1, "a-only"), OLD))
    await loop.next_poll()
    assert (server.hits("/shared.xml"), server.hits("/a-only.xml")) == (2, 2)
    owed = await loop.owed()
    assert sorted(owed[CHANNEL_A]) == sorted([kosovo(1, "a-only")[1], kosovo(1, "shared")[1]])
    assert owed[CHANNEL_B] == [kosovo(1, "shared")[1]]
    # Each server's alert carries the name it gave the source.
    names = {(d.channel_id, d.update.title): d.update.source_name
             for d in await store.pending_deliveries(loop.clock() + timedelta(days=1))}
    assert names[(CHANNEL_B, kosovo(1, "shared")[1])] == "Shared for B"
    assert names[(CHANNEL_A, kosovo(1, "shared")[1])] == "Shared for A"

    # Server A stops following the shared URL: B still gets it, fetched once per poll.
    await store.remove_follow(GUILD_A, "Shared for A", now=loop.clock())
    server.set("/shared.xml", feed(kosovo(2, "shared"), kosovo(1, "shared"), OLD))
    await loop.next_poll()
    assert server.hits("/shared.xml") == 3
    owed = await loop.owed()
    assert owed[CHANNEL_B][-1] == kosovo(2, "shared")[1]
    assert kosovo(2, "shared")[1] not in owed[CHANNEL_A]

    # B stops too: nobody follows it, it is not fetched again.
    await store.remove_follow(GUILD_B, server.url("/shared.xml"), now=loop.clock())
    await loop.next_poll()
    await loop.next_poll()
    assert server.hits("/shared.xml") == 3


async def test_an_operator_source_and_a_server_on_one_url_is_one_fetch(
    loop: Loop,
) -> None:
    server, store = loop.server, loop.store
    server.set("/wire.xml", feed(OLD))
    await store.sync_sources([Source("wire", server.url("/wire.xml"), "Wire", INTERVAL)],
                             loop.clock())
    await store.add_follow(GUILD_A, server.url("/wire.xml"), name="Our wire", interval=3600,
                           now=loop.clock())
    await loop.next_poll()
    server.set("/wire.xml", feed(kosovo(1, "wire"), OLD))
    await loop.next_poll()
    assert server.hits("/wire.xml") == 2
    # The operator's source reaches every server; A sees its own name for it.
    owed = await loop.owed()
    assert owed == {CHANNEL_A: [kosovo(1, "wire")[1]], CHANNEL_B: [kosovo(1, "wire")[1]]}


async def test_a_server_that_removed_the_bot_is_not_polled_for(loop: Loop) -> None:
    server, store = loop.server, loop.store
    server.set("/a-only.xml", feed(OLD))
    await store.add_follow(GUILD_A, server.url("/a-only.xml"), name="A's own",
                           interval=INTERVAL, now=loop.clock())
    await loop.next_poll()
    await store.guild_left(GUILD_A, loop.clock())
    await loop.next_poll()
    assert server.hits("/a-only.xml") == 1
    await store.guild_joined(GUILD_A, loop.clock())
    server.set("/a-only.xml", feed(kosovo(1, "a-only"), OLD))
    await loop.next_poll()
    assert server.hits("/a-only.xml") == 2
    # Back within the grace: it resumes where it was, the new item alerts, the old does not.
    assert await loop.owed() == {CHANNEL_A: [kosovo(1, "a-only")[1]]}


NOTHING = AddressGuard(())


@pytest.mark.parametrize("loop", [NOTHING], indirect=True)
async def test_a_source_only_servers_follow_is_fetched_under_their_guard(loop: Loop) -> None:
    # The operator allows its own feeds the feed server's address; the servers nothing private.
    server, store = loop.server, loop.store
    server.set("/intranet.xml", feed(OLD))
    server.set("/wire.xml", feed(OLD))
    await store.add_follow(GUILD_A, server.url("/intranet.xml"), name="Intranet",
                           interval=INTERVAL, now=loop.clock())
    await store.sync_sources([Source("wire", server.url("/wire.xml"), "Wire", INTERVAL)],
                             loop.clock())
    await loop.next_poll()
    assert (server.hits("/intranet.xml"), server.hits("/wire.xml")) == (0, 1)
    [state] = [s for s in await store.source_states() if s.source.url.endswith("/intranet.xml")]
    assert state.error_kind == "forbidden" and state.last_error is not None
    assert "loopback" in state.last_error
    # Once the operator follows the same URL, it is the operator's to vouch for.
    await store.add_follow(None, server.url("/intranet.xml"), name="Intranet",
                           interval=INTERVAL, now=loop.clock())
    loop.clock.advance(7 * 3600)  # past the failure's backoff
    await loop.next_poll()
    assert server.hits("/intranet.xml") == 1

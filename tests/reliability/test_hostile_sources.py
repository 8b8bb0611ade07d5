"""Hostile and broken sources: every way a publisher can misbehave ends as an error or a sane
result on that source, bounded in time and memory, and never holds up the other sources.

Real aiohttp feed server on 127.0.0.1, the real Fetcher, Poller, Store (``bot_database``) and
matcher; only the clock is fake. Each case is read back through ``store.source_states()``, which
is what ``/sources`` and ``alertbot poll --once`` show.
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import random
import resource
import time
import tracemalloc
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any

import aiohttp
import discord
import pytest
from aiohttp.abc import AbstractResolver, ResolveResult
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.delivery.discord import DiscordTransport
from bot.delivery.render import render_embed
from bot.delivery.sender import Outgoing, Sender
from bot.model import EntryState, Severity, Source, SourceState
from bot.pipeline.fetch import Fetcher, make_session
from bot.pipeline.match import Matcher
from bot.pipeline.parse import ParseError, parse
from bot.pipeline.poll import Poller, PollReport
from bot.pipeline.schedule import PollScheduler
from bot.pipeline.updates import FeedDecision, decide_feed
from bot.settings import FetchSettings
from bot.store import Store
from tests.conftest import SHARED
from tests.e2e.conftest import RunClient
from tests.fakes.clock import FakeClock
from tests.fakes.discord import FakeDiscord, permissions
from tests.fakes.feed_server import LOCAL_GUARD, FeedServer
from tests.integration._old_schema import old_database

GUILD = 10
CHANNEL = 501
INTERVAL = 300
MiB = 2**20
#: limits for the single-source cases: small, so that every failure is quick
TIMEOUT = 1.0
#: the time limit of the cases that must fail for another reason than time: loose, so that a
#: loaded machine (tracemalloc slows decompression) still sees the reason the case is about
LOOSE_TIMEOUT = 10.0
MAX_BODY = 1 * MiB
#: a poll of a hostile source may take its time limit plus this much, and no more
SLACK_S = 2.0
#: what one hostile poll may allocate at its peak (Python objects, via tracemalloc)
MEMORY_BOUND = 24 * MiB


# -- feeds written for these tests -------------------------------------------------------------


def rss(items: Iterable[str], *, title: str = "Border desk", prolog: str = "utf-8") -> bytes:
    return (
        f'<?xml version="1.0" encoding="{prolog}"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://desk.example/</link>"
        f"{''.join(items)}</channel></rss>"
    ).encode()


def item(
    guid: str | None,
    title: str | None,
    text: str | None,
    *,
    link: str | None = None,
    published: str | None = None,
) -> str:
    parts = []
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{escape(guid)}</guid>')
    if title is not None:
        parts.append(f"<title>{escape(title)}</title>")
    if link is not None:
        parts.append(f"<link>{escape(link)}</link>")
    if published is not None:
        parts.append(f"<pubDate>{escape(published)}</pubDate>")
    if text is not None:
        parts.append(f"<description>{escape(f'<p>{escape(text)}</p>')}</description>")
    return f"<item>{''.join(parts)}</item>"


def news(n: int, where: str = "Mitrovica in northern Kosovo") -> tuple[str, str]:
    """A distinct title and text that the shipped matcher tags Balkans."""
    return (f"Crossing report {n}",
            f"Gunfire was reported near the bridge in {where}; police count {n} vehicles.")


def stamp(moment: datetime) -> str:
    return format_datetime(moment, usegmt=True)


# -- the rig -----------------------------------------------------------------------------------


@dataclass
class Rig:
    store: Store
    poller: Poller
    clock: FakeClock
    server: FeedServer
    sources: list[Source] = field(default_factory=list)

    async def add(self, source_id: str, path: str) -> None:
        self.sources.append(Source(source_id, self.server.url(path), source_id, INTERVAL))
        await self.store.sync_sources(self.sources, self.clock())

    async def state(self, source_id: str) -> SourceState:
        return next(s for s in await self.store.source_states() if s.source.id == source_id)

    async def poll(self, source_id: str) -> PollReport:
        return await self.poller.poll(await self.state(source_id))

    async def pending_texts(self) -> list[str]:
        pending = await self.store.pending_deliveries(self.clock() + timedelta(days=1))
        return [d.update.text for d in pending]


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with make_session(guard=LOCAL_GUARD) as s:
        yield s


async def make_rig(
    database: Path | str, server: FeedServer, matcher: Matcher, session: aiohttp.ClientSession,
    **limits: float,
) -> Rig:
    clock = FakeClock()
    store = await Store.open(database, clock=clock)
    settings = {"timeout_total": TIMEOUT, "timeout_connect": TIMEOUT,
                "max_body_bytes": MAX_BODY, **limits}
    fetcher = Fetcher(session, guard=LOCAL_GUARD, **settings)  # type: ignore[arg-type]
    poller = Poller(store, fetcher, matcher, clock=clock, rng=random.Random(7))
    await store.subscribe(GUILD, CHANNEL, "balkans", min_severity=Severity.LOW, filter="",
                          ping_role_id=None, ping_severity=Severity.CRITICAL, publish=False,
                          now=clock())
    return Rig(store, poller, clock, server)


@pytest.fixture
async def rig(
    bot_database: Path | str, feed_server: FeedServer, matcher: Matcher,
    session: aiohttp.ClientSession
) -> AsyncIterator[Rig]:
    r = await make_rig(bot_database, feed_server, matcher, session)
    yield r
    await r.store.close()


async def measured(poll: Awaitable[PollReport]) -> tuple[PollReport, int]:
    """The report of a poll and the peak of Python memory it allocated."""
    tracemalloc.start()
    try:
        report = await poll
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return report, peak


async def stored_update_count(store: Store) -> int:
    return len(await store.latest(limit=100_000))


# -- sources that only ever fail ---------------------------------------------------------------

Setup = Callable[[FeedServer, str], None]


def _drip(server: FeedServer, path: str) -> None:
    server.drip(path, every=1.0)  # one byte a second, for ever


def _endless(server: FeedServer, path: str) -> None:
    server.endless(path)


def _bomb(server: FeedServer, path: str) -> None:
    server.gzip_bomb(path)  # 2 GiB of zeros, about 2 MiB on the wire


def _redirect_loop(server: FeedServer, path: str) -> None:
    server.redirect(path, path + ".b", status=302)
    server.redirect(path + ".b", path, status=302)


def _status(code: int) -> Setup:
    def setup(server: FeedServer, path: str) -> None:
        server.set(path, f"<html><body>error {code}</body></html>", status=code,
                   content_type="text/html")
    return setup


def _html_page(server: FeedServer, path: str) -> None:
    server.set(path, "<!doctype html><html><head><title>Border desk</title></head><body>"
               "<h1>Welcome</h1><p>Our feed has moved, sorry.</p></body></html>",
               content_type="text/html; charset=utf-8")


def _empty(server: FeedServer, path: str) -> None:
    server.set(path, b"")


def _noise(server: FeedServer, path: str) -> None:
    server.set(path, random.Random(3).randbytes(20_000), content_type="application/rss+xml")


def _broken_gzip(server: FeedServer, path: str) -> None:
    wire = gzip.compress(rss([item("g-1", *news(1))]))
    server.set(path, wire[: len(wire) // 2], headers={"Content-Encoding": "gzip"})


FAILING: dict[str, tuple[Setup, str]] = {
    "slow drip, 1 byte/s": (_drip, "timeout"),
    "a body that never ends": (_endless, "too_large"),
    "gzip bomb": (_bomb, "too_large"),
    "gzip cut in half": (_broken_gzip, "protocol"),
    "redirect loop": (_redirect_loop, "redirects"),
    "404": (_status(404), "http"),
    "500": (_status(500), "http"),
    "503": (_status(503), "http"),
    "HTML page instead of a feed": (_html_page, "parse"),
    "empty body": (_empty, "parse"),
    "random bytes": (_noise, "parse"),
}


@pytest.mark.parametrize("case", list(FAILING))
async def test_a_failing_source_ends_as_an_error_on_that_source(
    bot_database: Path | str, feed_server: FeedServer, matcher: Matcher,
    session: aiohttp.ClientSession,
    case: str,
) -> None:
    kind = FAILING[case][1]
    limit = TIMEOUT if kind == "timeout" else LOOSE_TIMEOUT
    rig = await make_rig(bot_database, feed_server, matcher, session, timeout_total=limit)
    try:
        await _fails_as(rig, case, kind, limit)
    finally:
        await rig.store.close()


async def _fails_as(rig: Rig, case: str, kind: str, limit: float) -> None:
    FAILING[case][0](rig.server, "/feed")
    await rig.add("hostile", "/feed")
    started = time.perf_counter()
    report, peak = await measured(rig.poll("hostile"))
    took = time.perf_counter() - started

    assert (report.status, report.error_kind) == ("error", kind), report
    assert report.error
    assert took < limit + SLACK_S, f"{case}: {took:.1f} s"
    assert peak < MEMORY_BOUND, f"{case}: {peak / MiB:.1f} MiB"
    state = await rig.state("hostile")
    assert state.error_kind == kind
    assert state.last_error == report.error
    assert state.consecutive_failures == 1
    assert state.disabled_reason is None
    assert state.next_poll_at is not None and state.next_poll_at > rig.clock()
    assert not state.first_polled
    assert await stored_update_count(rig.store) == 0


async def test_500s_in_a_row_back_off_further_each_time(rig: Rig) -> None:
    rig.server.set("/feed", "oops", status=500, content_type="text/plain")
    await rig.add("flaky", "/feed")
    waits = []
    for _ in range(5):
        await rig.poll("flaky")
        state = await rig.state("flaky")
        assert state.next_poll_at is not None
        waits.append((state.next_poll_at - rig.clock()).total_seconds())
    assert state.consecutive_failures == 5
    assert state.last_status == 500
    assert waits == sorted(waits) and waits[-1] > 4 * waits[0], waits
    # It recovers by itself once the server does.
    rig.server.set("/feed", rss([item("r-1", *news(1))]))
    assert (await rig.poll("flaky")).status == "new"
    assert (await rig.state("flaky")).consecutive_failures == 0


async def test_410_stops_polling_the_source_for_good(rig: Rig) -> None:
    rig.server.set("/feed", b"", status=410)
    await rig.add("gone", "/feed")
    report = await rig.poll("gone")
    assert (report.status, report.error_kind, report.http_status) == ("error", "gone", 410)
    state = await rig.state("gone")
    assert state.disabled_reason is not None and "410" in state.disabled_reason
    # Never due again, however long we wait.
    assert await rig.store.due_sources(rig.clock() + timedelta(days=3650)) == []


async def test_429_with_retry_after_is_obeyed(rig: Rig) -> None:
    rig.server.set("/feed", b"slow down", status=429, headers={"Retry-After": "7200"})
    await rig.add("busy", "/feed")
    report = await rig.poll("busy")
    assert (report.status, report.http_status, report.error_kind) == ("error", 429, "http")
    state = await rig.state("busy")
    assert state.next_poll_at is not None
    assert state.next_poll_at >= rig.clock() + timedelta(seconds=7200)
    assert [s.source.id for s in await rig.store.due_sources(
        rig.clock() + timedelta(seconds=7000))] == []


@pytest.mark.parametrize("status", [301, 308])
async def test_a_permanent_redirect_moves_the_source(rig: Rig, status: int) -> None:
    rig.server.set("/new.xml", rss([item("m-1", *news(1))]))
    rig.server.redirect("/old.xml", rig.server.url("/new.xml"), status=status)
    await rig.add("moved", "/old.xml")
    assert (await rig.poll("moved")).status == "new"
    state = await rig.state("moved")
    assert state.redirected_url == rig.server.url("/new.xml")
    rig.server.set("/new.xml", rss([item("m-2", *news(2)), item("m-1", *news(1))]))
    report = await rig.poll("moved")
    assert (report.status, report.new_updates, report.deliveries) == ("new", 1, 1)
    assert rig.server.hits("/old.xml") == 1
    assert rig.server.hits("/new.xml") == 2


# -- sources that send something, not quite right ----------------------------------------------


FULL = rss([item(f"t-{n}", *news(n)) for n in range(20)])


@pytest.mark.parametrize("cut", [0.05, 0.33, 0.5, 0.9, 0.999])
async def test_truncated_xml_keeps_only_whole_entries_or_fails_cleanly(
    rig: Rig, cut: float
) -> None:
    full_keys = {f"t-{n}" for n in range(20)}
    rig.server.set("/feed", FULL[: int(len(FULL) * cut)])
    await rig.add("cut", "/feed")
    report = await rig.poll("cut")
    state = await rig.state("cut")
    if report.status == "error":
        assert report.error_kind == "parse" and state.last_error
        return
    assert report.status == "new"
    stored = await rig.store.latest(limit=100)
    # A half-written item must never become an entry with a made-up key.
    assert {u.entry_key for u in stored} <= full_keys
    assert state.consecutive_failures == 0


async def test_invalid_utf8_is_read_with_replacements(rig: Rig) -> None:
    body = rss([item("u-1", "Crossing closed BAD at Jarinje", "Police closed the crossing "
                     "at Jarinje in Kosovo after BAD shots were heard overnight.")])
    body = body.replace(b"BAD", b"\xff\xfe\xc3(")  # never valid UTF-8
    rig.server.set("/feed", body)
    await rig.add("badbytes", "/feed")
    report = await rig.poll("badbytes")
    assert report.status == "new", report
    (update,) = await rig.store.latest(limit=10)
    for text in (update.title, update.text):
        text.encode("utf-8")  # no lone surrogates reached the store
    assert "Jarinje" in update.title


@pytest.mark.parametrize(("header", "prolog"), [
    ("application/rss+xml; charset=iso-8859-1", "utf-8"),
    ("application/rss+xml; charset=utf-8", "windows-1251"),
    ("application/rss+xml; charset=klingon", "no-such-charset"),
])
async def test_a_wrong_declared_charset_still_gives_text(
    rig: Rig, header: str, prolog: str
) -> None:
    body = rss([item("c-1", "Priština: crossing at Jarinje closed",
                     "Police in Priština, Kosovo, closed the crossing after gunfire.")],
               prolog=prolog)
    rig.server.set("/feed", body, content_type=header)
    await rig.add("charset", "/feed")
    report = await rig.poll("charset")
    if report.status == "error":
        assert report.error_kind == "parse"
        return
    (update,) = await rig.store.latest(limit=10)
    update.title.encode("utf-8")
    assert "Jarinje" in update.title


async def test_ten_thousand_entries_are_recorded_then_only_new_ones_alert(
    bot_database: Path | str, feed_server: FeedServer, matcher: Matcher,
    session: aiohttp.ClientSession
) -> None:
    r = await make_rig(bot_database, feed_server, matcher, session,
                       timeout_total=30.0, max_body_bytes=FetchSettings().max_body_bytes)
    try:
        items = [item(f"bulk-{n}", f"Bulletin {n}", f"Routine notice number {n} from the desk.")
                 for n in range(10_000)]
        feed_server.set("/bulk", rss(items))
        await r.add("bulk", "/bulk")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
        started = time.perf_counter()
        first = await r.poll("bulk")
        took_first = time.perf_counter() - started
        assert (first.status, first.silent, first.new_entries) == ("new", True, 10_000)
        assert first.deliveries == 0
        # Ten new items on top of the ten thousand: ten updates, the Kosovo ones delivered.
        fresh = [item(f"fresh-{n}", *news(n)) for n in range(10)]
        feed_server.set("/bulk", rss([*fresh, *items]))
        r.clock.advance(INTERVAL)
        started = time.perf_counter()
        second = await r.poll("bulk")
        took_second = time.perf_counter() - started
        # The high-water mark of the process: it can only have grown by what these polls held.
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) * 1024
        assert (second.new_entries, second.new_updates, second.deliveries) == (10, 10, 10)
        assert took_first < 30 and took_second < 30, (took_first, took_second)
        assert grown < 300 * MiB, f"{grown / MiB:.0f} MiB"
        assert (await r.state("bulk")).consecutive_failures == 0
    finally:
        await r.store.close()


async def test_entries_without_guid_link_or_title_get_stable_keys(rig: Rig) -> None:
    published = stamp(datetime(2026, 11, 25, 8, 0, tzinfo=UTC))
    items = [
        item(None, "Only a title and a link", "Officials in Kosovo met at the crossing.",
             link="http://desk.example/a"),
        item(None, "A title, no link", "Police in Kosovo reopened the northern road.",
             published=published),
        item(None, None, "No title at all: shots were heard near Mitrovica in Kosovo."),
        item(None, None, None),
        "<item></item>",
        "<item><title></title><description></description></item>",
    ]
    rig.server.set("/feed", rss(items), etag=False)
    await rig.add("bare", "/feed")
    first = await rig.poll("bare")
    assert first.status == "new", first
    stored = {(u.entry_key, u.text) for u in await rig.store.latest(limit=50)}
    assert all(key for key, _ in stored)
    # The same items in a body that changed elsewhere: the keys hold, so nothing is new.
    rig.server.set("/feed", rss(items, title="Border desk (renamed)"), etag=False)
    rig.clock.advance(INTERVAL)
    again = await rig.poll("bare")
    assert (again.status, again.new_entries, again.new_updates) == ("new", 0, 0), again
    assert {(u.entry_key, u.text) for u in await rig.store.latest(limit=50)} == stored


async def test_a_guid_repeated_in_one_feed_alerts_once(rig: Rig) -> None:
    rig.server.set("/feed", rss([item("base", *news(0))]))
    await rig.add("twice", "/feed")
    await rig.poll("twice")
    title, text = news(1)
    rig.server.set("/feed", rss([
        item("dup", title, text), item("dup", title, text),
        item("dup", title + " (corrected)", text), item("base", *news(0)),
    ]))
    report = await rig.poll("twice")
    assert report.new_updates == 1 and report.deliveries == 1, report
    assert await rig.pending_texts() == [text]


async def test_a_guid_that_changes_on_every_poll_does_not_alert_again(rig: Rig) -> None:
    """A CMS that stamps a fresh guid on each request (a session id, a timestamp) makes every
    poll look like a new article. The same title and text from the same source, under a new guid,
    soon after, is the same article: one alert, not one per poll."""
    title, text = news(1)
    rig.server.set("/feed", rss([item("base", *news(0))]))
    await rig.add("churn", "/feed")
    await rig.poll("churn")  # silent first poll
    for n in range(1, 6):
        rig.server.set("/feed", rss([item(f"session-{n}", title, text),
                                     item("base", *news(0))]))
        rig.clock.advance(INTERVAL)
        assert (await rig.poll("churn")).status == "new"
    assert await rig.pending_texts() == [text]


async def test_the_same_article_under_two_guids_in_one_poll_alerts_once(rig: Rig) -> None:
    title, text = news(1)
    rig.server.set("/feed", rss([item("base", *news(0))]))
    await rig.add("mirror", "/feed")
    await rig.poll("mirror")
    rig.server.set("/feed", rss([item("a", title, text), item("b", title, text),
                                 item("c", title, "A different text: police in Kosovo closed "
                                      "the crossing at Jarinje."), item("base", *news(0))]))
    report = await rig.poll("mirror")
    assert (report.new_entries, report.new_updates) == (3, 2), report


async def test_a_repost_after_a_day_is_news_again(rig: Rig) -> None:
    title, text = news(1)
    rig.server.set("/feed", rss([item("base", *news(0))]))
    await rig.add("daily", "/feed")
    await rig.poll("daily")
    rig.server.set("/feed", rss([item("monday", title, text)]))
    assert (await rig.poll("daily")).new_updates == 1
    rig.clock.advance(25 * 3600)
    rig.server.set("/feed", rss([item("tuesday", title, text)]))
    assert (await rig.poll("daily")).new_updates == 1
    assert await rig.pending_texts() == [text, text]


async def test_dates_far_in_the_future_or_past_are_stored_and_shown(rig: Rig) -> None:
    dates = [
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "Fri, 31 Dec 9999 23:59:59 -1200",  # past year 9999 once moved to UTC
        "Mon, 01 Jan 0001 00:00:00 +0100",  # before year 1 once moved to UTC
        "Thu, 01 Jan 1970 00:00:00 GMT",
        "2999-01-01T00:00:00Z",
        "1066-10-14T09:00:00+00:00",
        "Sat, 32 Foo 2024 25:61:61 GMT",
        "-1",
        "99999999999999999999",
    ]
    rig.server.set("/feed", rss([item("base", *news(0))]))
    await rig.add("dates", "/feed")
    await rig.poll("dates")
    rig.server.set("/feed", rss([
        *(item(f"d-{n}", *news(n + 1), published=d) for n, d in enumerate(dates)),
        item("base", *news(0)),
    ]))
    report = await rig.poll("dates")
    assert report.status == "new" and report.new_updates == len(dates), report
    for update in await rig.store.latest(limit=50):
        embed = render_embed(update, region_names={})
        datetime.fromisoformat(embed["timestamp"])
    assert len(await rig.pending_texts()) == len(dates)


# -- one bad source among many -----------------------------------------------------------------


class EveryNameIsLocal(AbstractResolver):
    """Resolves every host name to 127.0.0.1: fifty sources on fifty hosts, one test server, so
    that per-host politeness applies to each source as it would on the internet. The session's
    guard sees these answers, as it would a real resolver's."""

    async def resolve(self, host: str, port: int = 0, family: int = 0) -> list[ResolveResult]:
        return [ResolveResult(hostname=host, host="127.0.0.1", port=port, family=2, proto=0,
                              flags=0)]

    async def close(self) -> None:
        return None


GOOD = 40
HOSTILE_SETUPS: list[Setup] = [
    _drip, _endless, _bomb, _redirect_loop, _status(500), _status(404), _html_page, _empty,
    _noise, _broken_gzip,
]


class Posted:
    """Where the sender posts in this test: a list, with ids like Discord's."""

    def __init__(self) -> None:
        self.messages: list[Outgoing] = []
        #: (message id, its embeds) of each edit
        self.edits: list[tuple[int, list[dict[str, Any]]]] = []

    async def send(self, outgoing: Outgoing) -> int:
        self.messages.append(outgoing)
        return len(self.messages)

    async def edit(self, channel_id: int, message_id: int, embeds: list[dict[str, Any]]) -> None:
        self.edits.append((message_id, embeds))

    async def recent_delivery_ids(self, channel_id: int) -> frozenset[int]:
        return frozenset()

    async def tell_guild(self, guild_id: int, text: str) -> bool:
        return True


async def test_ten_hostile_sources_among_fifty_do_not_delay_the_forty_good_ones(
    bot_database: Path | str, feed_server: FeedServer, matcher: Matcher
) -> None:
    """The shipped fetch settings (10 MiB bodies, 2 per host, 20 at once) with the time limit cut
    from 30 s to 10 s to keep the test short (and long enough for a loaded machine), and the
    scheduler on a fake clock: every update of the good sources is queued and posted while the
    hostile ones are still being read, and all fifty settle well within one poll interval."""
    defaults = FetchSettings(timeout_total=10.0)
    port = int(feed_server.base_url.rsplit(":", 1)[1])
    clock = FakeClock()
    sources = []
    for n in range(GOOD + len(HOSTILE_SETUPS)):
        hostile = n >= GOOD
        path = f"/{'hostile' if hostile else 'good'}-{n}"
        if hostile:
            HOSTILE_SETUPS[n - GOOD](feed_server, path)
        else:
            feed_server.set(path, rss([item(f"g{n}-0", *news(1000 + n))]))
        sources.append(Source(f"s{n:02d}", f"http://source-{n}.test:{port}{path}", f"S{n}",
                              INTERVAL))
    async with make_session(defaults, guard=LOCAL_GUARD, resolver=EveryNameIsLocal()) as session:
        store = await Store.open(bot_database, clock=clock)
        try:
            await store.sync_sources(sources, clock())
            await store.subscribe(GUILD, CHANNEL, "balkans", min_severity=Severity.LOW,
                                  filter="", ping_role_id=None, ping_severity=Severity.CRITICAL,
                                  publish=False, now=clock())
            fetcher = Fetcher(
                session, max_body_bytes=defaults.max_body_bytes,
                timeout_connect=defaults.timeout_connect, timeout_total=defaults.timeout_total,
                max_redirects=defaults.max_redirects,
                per_host_concurrency=defaults.per_host_concurrency,
                concurrency=defaults.concurrency, guard=LOCAL_GUARD,
            )
            poller = Poller(store, fetcher, matcher, clock=clock, rng=random.Random(5))
            scheduler = PollScheduler(store, poller, clock=clock)
            # Round one: the silent first poll of everything (spread over the first interval).
            clock.advance(INTERVAL)
            assert await scheduler.tick() == len(sources)
            await _wait_for_good(store, lambda s: s.first_polled)
            # Round two: every good source has two new items.
            for n in range(GOOD):
                feed_server.set(f"/good-{n}", rss([
                    item(f"g{n}-2", *news(2000 + n)), item(f"g{n}-1", *news(3000 + n)),
                    item(f"g{n}-0", *news(1000 + n)),
                ]))
            clock.advance(2 * INTERVAL)
            started = time.perf_counter()
            await scheduler.tick()
            await _wait_for_good(store, lambda s: s.last_polled_at == clock())
            posted = Posted()
            sender = Sender(store, posted, clock=clock,
                            region_names={r.id: r.name for r in matcher.regions()})
            await sender.drain_once()
            good_done = time.perf_counter() - started
            # The drip is still dripping: the good ones did not wait for it.
            assert good_done < defaults.timeout_total, f"the good sources took {good_done:.1f} s"
            assert feed_server.in_flight >= 1
            texts = [e["description"] for m in posted.messages for e in m.embeds]
            wanted = [news(k + n)[1] for n in range(GOOD) for k in (2000, 3000)]
            # The good sources tell one story in the same words: one event (issue 14), so one
            # alert per source's first report at most, and the others name their source on
            # it. Every update is queued and settled all the same.
            assert texts and set(texts) <= set(wanted)
            with old_database(bot_database) as db:
                queued, sent = db.execute(
                    "SELECT count(*), sum(CASE WHEN state = 'sent' THEN 1 ELSE 0 END)"
                    " FROM deliveries WHERE channel_id = ?",
                    (CHANNEL,)).fetchone()
            assert (queued, sent) == (len(wanted), len(wanted))

            await scheduler.drain()
            everything = time.perf_counter() - started
            assert everything < INTERVAL / 5, f"all fifty took {everything:.1f} s"
            states = {s.source.id: s for s in await store.source_states()}
            for n in range(GOOD, GOOD + len(HOSTILE_SETUPS)):
                assert states[f"s{n:02d}"].consecutive_failures >= 1
                assert states[f"s{n:02d}"].error_kind
        finally:
            await store.close()


async def _wait_for_good(store: Store, done: Callable[[SourceState], bool]) -> None:
    async with asyncio.timeout(20):
        while True:
            states = [s for s in await store.source_states() if int(s.source.id[1:]) < GOOD]
            if all(done(s) for s in states):
                return
            await asyncio.sleep(0.05)


# -- every file of the shared corpus, and mutations of them ------------------------------------

CORPUS = SHARED / "corpus"
CORPUS_FILES = sorted(
    str(p.relative_to(CORPUS)) for p in CORPUS.glob("*/*") if p.is_file()
) if CORPUS.is_dir() else []


@functools.cache
def corpus_bytes(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def through_the_core(body: bytes, matcher: Matcher, known: dict[str, EntryState]) -> FeedDecision:
    """parse → updates → match, as a poll runs them; parse may only raise ParseError."""
    feed = parse(body, {"content-type": "application/rss+xml"}, url="http://desk.example/feed")
    decision = decide_feed(known, feed.entries)
    for update in decision.updates:
        assert update.key and update.entry_key
        # SQLite refuses lone surrogates: anything the store will be handed must be real text.
        for text in (update.title, update.text, update.marker or "", update.link or ""):
            text.encode("utf-8")
        matcher.match(update.text, update.title)
    return decision


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_every_corpus_file_goes_through_the_core_and_says_nothing_twice(
    shared_dir: Path, matcher: Matcher, name: str
) -> None:
    body = corpus_bytes(name)
    try:
        first = through_the_core(body, matcher, {})
    except ParseError as e:
        assert e.reason
        return
    known = {s.key: s for s in first.states}
    again = through_the_core(body, matcher, known)
    assert again.updates == ()


JUNK = [b"<", b">", b"&", b"]]>", b"<![CDATA[", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"<item>",
        b"</channel>", b"&#0;", b"&#xD800;", b"&nosuch;", b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
        b'"', b"\r\n", b"{", b"}", b"\xc3", b"\xe2\x80\xae", b"9" * 40]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(CORPUS_FILES))
    body = bytearray(corpus_bytes(name))
    for _ in range(draw(st.integers(1, 4))):
        where = int(draw(st.floats(0, 1, exclude_max=True)) * (len(body) + 1))
        how = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "repeat"]))
        if how == "flip" and body:
            at = min(where, len(body) - 1)
            body[at] ^= 1 << draw(st.integers(0, 7))
        elif how == "truncate":
            del body[where:]
        elif how == "insert":
            junk = draw(st.sampled_from(JUNK) | st.binary(min_size=1, max_size=16))
            body[where:where] = junk
        elif how == "delete":
            del body[where:where + draw(st.integers(1, 64))]
        else:
            body[where:where] = body[where:where + 256] * draw(st.integers(2, 8))
    return name, bytes(body)


@pytest.mark.skipif(not CORPUS_FILES, reason=f"the shared corpus is not at {CORPUS}")
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=mutated())
def test_mutated_corpus_files_never_raise_anything_but_parse_error(
    matcher: Matcher, case: tuple[str, bytes]
) -> None:
    name, body = case
    try:
        original = through_the_core(corpus_bytes(name), matcher, {})
    except ParseError:
        original = None
    known = {s.key: s for s in original.states} if original is not None else {}
    try:
        through_the_core(body, matcher, known)
    except ParseError as e:
        assert e.reason


# -- feed text that tries to ping or to break the embed ----------------------------------------


async def test_feed_text_can_never_ping_nor_break_the_embed(
    bot_database: Path | str, feed_server: FeedServer, matcher: Matcher,
    session: aiohttp.ClientSession,
    fake_discord: FakeDiscord, run_client: RunClient,
) -> None:
    """Real sends: Poller → Store → Sender → DiscordTransport → discord.py → the fake Discord,
    which works out who Discord would notify. The bot may mention everyone and every role is
    mentionable, so only the neutralising and the explicit allowed_mentions stand in the way."""
    guild = fake_discord.add_guild("Newsroom")
    guild.bot_role.permissions |= permissions.MENTION_EVERYONE
    channel = guild.add_channel("alerts")
    on_call = guild.add_role("on-call", mentionable=True)
    bystanders = guild.add_role("everyone-else", mentionable=True)
    reader = guild.add_member("reader", roles=[bystanders])
    mentions = (f"@everyone @here <@&{bystanders.id}> <@{reader.user.id}> "
                f"<@!{reader.user.id}> <#{channel.id}> </subscribe:1>")
    title = f"{mentions} Gunfire in Kosovo " + "t" * 400
    text = (f"{mentions}\n# Heading\n> quote\n||hidden|| [BBC News](https://evil.example/phish)"
            f" \u202eevil\u202c Gunfire was reported in northern Kosovo. " + "x" * 9000)

    r = await make_rig(bot_database, feed_server, matcher, session)
    try:
        await r.store.subscribe(guild.id, channel.id, "balkans", min_severity=Severity.LOW,
                                filter="", ping_role_id=on_call.id, ping_severity=Severity.LOW,
                                publish=False, now=r.clock())
        feed_server.set("/feed", rss([item("base", *news(0))]))
        await r.add("hostile-text", "/feed")
        await r.poll("hostile-text")
        feed_server.set("/feed", rss([item("evil", title, text, link="javascript:alert(1)"),
                                      item("base", *news(0))]))
        assert (await r.poll("hostile-text")).new_updates == 1
        async with run_client(discord.Client(intents=discord.Intents.default(),
                                             guild_ready_timeout=0.1)) as client:
            sender = Sender(r.store, DiscordTransport(client), clock=r.clock,
                            region_names={x.id: x.name for x in matcher.regions()})
            assert await sender.drain_once() == 1
    finally:
        await r.store.close()

    (message,) = fake_discord.messages(channel)
    # Only the subscription's own role is ever pinged; nothing the feed wrote does.
    assert (message.pinged_everyone, set(message.pinged_users)) == (False, set())
    assert set(message.pinged_roles) == {on_call.id}
    (embed,) = message.embeds
    shown = embed["title"] + embed["description"]
    for live in ("@everyone", "@here", f"<@&{bystanders.id}>", f"<@{reader.user.id}>",
                 f"<@!{reader.user.id}>", f"<#{channel.id}>", "</subscribe:1>"):
        assert live not in shown, live
    assert "https://evil.example/phish" in embed["description"]  # the real target is visible
    assert "](https://evil.example" not in embed["description"]
    assert "\u202e" not in shown and "||hidden||" not in embed["description"]
    assert "url" not in embed  # a javascript: link is no link
    assert len(embed["title"]) <= 256 and len(embed["description"]) <= 4096
    assert sum(len(str(embed.get(k) or "")) for k in ("title", "description")) + sum(
        len(f["name"]) + len(f["value"]) for f in embed["fields"]
    ) + len(embed["footer"]["text"]) <= 6000

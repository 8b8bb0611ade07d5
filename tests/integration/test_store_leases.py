"""Leases (bot/store/_leases.py, bot/store/_outbox.py): several processes on one PostgreSQL
database each poll their own sources and send to their own channels. Two stores are two
processes: two connections, two process ids. The clock is the ``now`` each call is given; the
database and the row locks are real."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta

import psycopg
import pytest

from bot.store import Store
from tests import databases
from tests.integration._store_support import KOSOVO, T0, commit, match, source, subscribe, update

LEASE = timedelta(seconds=30)
#: every source is due by then (a new source is due within its first interval)
DUE = T0 + timedelta(days=1)
SOURCES = [source(f"wire-{i:02d}") for i in range(40)]


@pytest.fixture
def url(postgres_server: str) -> Iterator[str]:
    with databases.fresh_schema(postgres_server) as url:
        yield url


@contextlib.asynccontextmanager
async def processes(url: str, count: int) -> AsyncIterator[list[Store]]:
    """``count`` stores on ``url``, the first having configured SOURCES."""
    stores = [await Store.open(url, lease=LEASE, busy_timeout_ms=2000) for _ in range(count)]
    try:
        await stores[0].sync_sources(SOURCES, T0)
        yield stores
    finally:
        for store in stores:
            await store.close()


async def claimed(store: Store, now: datetime, limit: int = 1000) -> set[str]:
    return {s.source.id for s in await store.due_sources(now, limit)}


def leases(url: str) -> dict[str, tuple[str | None, str | None]]:
    with psycopg.connect(url) as conn:
        return {i: (by, until) for i, by, until in conn.execute(
            "SELECT id, leased_by, lease_until FROM sources")}


async def test_two_processes_claiming_at_once_never_get_the_same_source(url: str) -> None:
    async with processes(url, 2) as (a, b):
        held: dict[str, set[str]] = {"a": set(), "b": set()}
        for _ in range(6):  # each round, both claim at once, on threads of their own
            got_a, got_b = await asyncio.gather(claimed(a, DUE, 9), claimed(b, DUE, 9))
            held["a"] |= got_a
            held["b"] |= got_b
            assert not held["a"] & held["b"], "a source was claimed by both processes"
        # Between them, every source, once.
        assert held["a"] | held["b"] == {s.id for s in SOURCES}
        assert held["a"] and held["b"]
        owners = leases(url)
        assert {i for i, (by, _) in owners.items() if by == a._process.id} == held["a"]
        assert {i for i, (by, _) in owners.items() if by == b._process.id} == held["b"]


async def test_a_source_another_process_is_claiming_is_skipped_without_waiting(
    url: str,
) -> None:
    async with processes(url, 1) as (a,):
        with psycopg.connect(url) as other:  # another process, halfway through its claim
            other.execute("SELECT id FROM sources WHERE id IN ('wire-00', 'wire-01') FOR UPDATE")
            # busy_timeout is 2 s: a claim that waited for those rows would fail "locked".
            got = await claimed(a, DUE)
            other.rollback()
        assert got == {s.id for s in SOURCES} - {"wire-00", "wire-01"}


async def test_an_expired_lease_is_taken_over(url: str) -> None:
    async with processes(url, 2) as (a, b):
        assert await claimed(a, DUE) == {s.id for s in SOURCES}
        # a is killed: it neither renews nor closes. Until its leases run out, b gets nothing.
        assert await claimed(b, DUE + LEASE - timedelta(seconds=1)) == set()
        assert await claimed(b, DUE + LEASE) == {s.id for s in SOURCES}
        assert {by for by, _ in leases(url).values()} == {b._process.id}


async def test_a_renewed_lease_is_not_taken_over(url: str) -> None:
    async with processes(url, 2) as (a, b):
        await claimed(a, DUE)
        polling = {"wire-00", "wire-01", "wire-02"}
        await a.renew_leases(polling, DUE + timedelta(seconds=20))
        # Past the first lease: the polls a still runs stay a's, the others are b's.
        assert await claimed(b, DUE + timedelta(seconds=35)) == {s.id for s in SOURCES} - polling
        assert await claimed(b, DUE + timedelta(seconds=49)) == set()  # b's own, in flight
        # Renewed at +20 for a lease: a's until +50, then b's if a stops renewing.
        assert await claimed(b, DUE + timedelta(seconds=50)) == polling


async def test_renewing_more_often_than_a_third_of_a_lease_writes_nothing(url: str) -> None:
    async with processes(url, 2) as (a, b):
        await claimed(a, DUE)
        await a.renew_leases({"wire-00"}, DUE + timedelta(seconds=9))
        assert await claimed(b, DUE + LEASE) >= {"wire-00"}


async def test_a_process_that_closes_frees_its_leases_and_its_row(url: str) -> None:
    async with processes(url, 2) as (a, b):
        await claimed(a, DUE)
        with psycopg.connect(url) as conn:
            [(pid, started, heartbeat)] = conn.execute(
                "SELECT pid, started_at, heartbeat_at FROM processes").fetchall()
        assert (pid, heartbeat) == (a._process.pid, DUE.isoformat(timespec="microseconds"))
        assert started == a._process.started.isoformat(timespec="microseconds")
        await a.close()
        assert set(leases(url).values()) == {(None, None)}
        assert await claimed(b, DUE) == {s.id for s in SOURCES}
        with psycopg.connect(url) as conn:
            assert [r[0] for r in conn.execute("SELECT id FROM processes")] == [b._process.id]


async def test_a_long_dead_process_row_is_forgotten(url: str) -> None:
    async with processes(url, 2) as (a, b):
        await claimed(a, DUE)
        await b.renew_leases((), DUE + 20 * LEASE + timedelta(seconds=1))
        with psycopg.connect(url) as conn:
            assert [r[0] for r in conn.execute("SELECT id FROM processes")] == [b._process.id]


async def test_on_sqlite_due_sources_only_reads(tmp_path: object) -> None:
    """One process per SQLite file: nothing is claimed, the same sources come back."""
    path = f"{tmp_path}/alerts.db"
    async with await Store.open(path) as store:
        await store.sync_sources(SOURCES, T0)
        first = await store.due_sources(DUE)
        assert await store.due_sources(DUE) == first
        assert len(first) == len(SOURCES)


async def test_recording_a_poll_ends_its_lease(url: str) -> None:
    async with processes(url, 2) as (a, b):
        await claimed(a, DUE)
        await a.record_not_modified("wire-00", status=304, body_hash=None, etag=None,
                                    last_modified=None, now=DUE, next_poll_at=DUE)
        await a.record_failure("wire-01", error_kind="timeout", message="slow", status=None,
                               now=DUE, next_poll_at=DUE)
        await commit(a, [], source_id="wire-02", now=DUE - timedelta(minutes=5))
        # Due again at once: the other process may poll them, a's lease having ended.
        assert await claimed(b, DUE) == {"wire-00", "wire-01", "wire-02"}


#: channels subscribed to kosovo, each owed one delivery per update committed
CHANNELS = list(range(100, 112))


async def owe(store: Store, updates: int = 2) -> None:
    """Every channel of CHANNELS owed ``updates`` deliveries, queued at T0."""
    for channel in CHANNELS:
        await subscribe(store, channel, "kosovo")
    await commit(store, [(update(f"u{i}"), match(*KOSOVO)) for i in range(updates)],
                 source_id="wire-00")


async def channels_of(store: Store, now: datetime = T0, in_flight: set[int] | None = None,
                      limit: int = 500) -> set[int]:
    return {d.channel_id for d in await store.claim_deliveries(
        now, limit, in_flight=in_flight or set())}


def channel_leases(url: str) -> dict[int, str | None]:
    with psycopg.connect(url) as conn:
        return {c: by for c, by in conn.execute(
            "SELECT channel_id, leased_by FROM channel_leases")}


async def test_two_senders_claiming_at_once_never_get_the_same_channel(url: str) -> None:
    async with processes(url, 2) as (a, b):
        await owe(a)
        # 5 deliveries a time: two or three channels each, until every channel is held.
        held: dict[str, set[int]] = {"a": set(), "b": set()}
        for _ in range(6):
            got_a, got_b = await asyncio.gather(
                channels_of(a, in_flight=held["a"], limit=5),
                channels_of(b, in_flight=held["b"], limit=5))
            held["a"] |= got_a
            held["b"] |= got_b
            assert not held["a"] & held["b"], "a channel was claimed by both processes"
        assert held["a"] | held["b"] == set(CHANNELS)
        assert held["a"] and held["b"]
        owners = channel_leases(url)
        assert {c for c, by in owners.items() if by == a._process.id} == held["a"]
        assert {c for c, by in owners.items() if by == b._process.id} == held["b"]


async def test_a_channel_is_claimed_whole_with_its_deliveries_in_order(url: str) -> None:
    async with processes(url, 1) as (a,):
        await owe(a, updates=3)
        got = await a.claim_deliveries(T0, 4)
        # 4 asked: the second channel's three come too, a channel being claimed whole.
        assert [(d.channel_id, d.update.key) for d in got] == [
            (100, "u0"), (100, "u1"), (100, "u2"), (101, "u0"), (101, "u1"), (101, "u2")]
        assert {c for c, by in channel_leases(url).items() if by} == {100, 101}


async def test_a_channel_another_sender_is_claiming_is_skipped_without_waiting(
    url: str,
) -> None:
    async with processes(url, 2) as (a, b):
        await owe(a)
        await channels_of(b)  # makes every channel's lease row
        await b.close()  # and lets them go
        with psycopg.connect(url) as other:  # another process, halfway through its claim
            other.execute("SELECT channel_id FROM channel_leases WHERE channel_id IN (100, 101)"
                          " FOR UPDATE")
            # busy_timeout is 2 s: a claim that waited for those rows would fail "locked".
            got = await channels_of(a)
            other.rollback()
        assert got == set(CHANNELS) - {100, 101}


async def test_a_channel_in_flight_stays_held_and_a_finished_one_is_let_go(url: str) -> None:
    async with processes(url, 2) as (a, b):
        await owe(a)
        assert await channels_of(a) == set(CHANNELS)
        assert await channels_of(b, T0) == set()
        # a still drains 100 and 101; the others it has finished (their rows still pending
        # here, as if their sends failed to be recorded): they are free for b at once.
        assert await channels_of(a, T0 + timedelta(seconds=20), in_flight={100, 101}) == set(
            CHANNELS) - {100, 101}
        assert await channels_of(a, T0 + timedelta(seconds=21), in_flight=set(CHANNELS)) == set()
        # Renewed at +20 for a lease: b gets 100 and 101 once a stops renewing, at +50.
        assert await channels_of(b, T0 + timedelta(seconds=49)) == set()
        assert await channels_of(b, T0 + timedelta(seconds=51)) == set(CHANNELS)


async def test_a_killed_senders_channels_are_taken_over_within_a_lease(url: str) -> None:
    async with processes(url, 2) as (a, b):
        await owe(a)
        [first, *_] = await a.claim_deliveries(T0)
        assert await a.mark_attempt([first.id], "nonce-a", T0 + timedelta(seconds=1))
        # a is killed mid-send: it renews nothing. b waits out the lease from its last attempt,
        # then finishes the batch with a's nonce (Discord's answer to a retried send).
        assert await channels_of(b, T0 + LEASE) == set(CHANNELS) - {first.channel_id}
        later = T0 + LEASE + timedelta(seconds=1)
        again = [d for d in await b.claim_deliveries(later, in_flight=set(CHANNELS))
                 if d.id == first.id]
        assert again == []  # in flight for b: left out, still b's
        taken = await b.claim_deliveries(later)
        assert [d.nonce for d in taken if d.id == first.id] == ["nonce-a"]
        assert set(channel_leases(url).values()) == {b._process.id}


async def test_an_attempt_on_a_channel_another_sender_took_over_is_refused(url: str) -> None:
    async with processes(url, 2) as (a, b):
        await owe(a)
        [first, *_] = await a.claim_deliveries(T0)
        # a stalls past its lease; b claims the channel and sends.
        assert first.channel_id in await channels_of(b, T0 + LEASE)
        assert not await a.mark_attempt([first.id], "nonce-a", T0 + LEASE)
        assert await b.mark_attempt([first.id], "nonce-b", T0 + LEASE)
        [row] = [d for d in await b.pending_deliveries(T0 + LEASE) if d.id == first.id]
        assert row.nonce == "nonce-b"
        # An attempt renews the lease: b's channel until +60.
        assert first.channel_id not in await channels_of(a, T0 + timedelta(seconds=59))


async def test_a_sender_that_closes_frees_its_channels(url: str) -> None:
    async with processes(url, 2) as (a, b):
        await owe(a)
        await channels_of(a)
        await a.close()
        assert set(channel_leases(url).values()) == {None}
        assert await channels_of(b) == set(CHANNELS)


async def test_on_sqlite_claiming_deliveries_only_reads(tmp_path: object) -> None:
    path = f"{tmp_path}/alerts.db"
    async with await Store.open(path) as store:
        await store.sync_sources(SOURCES, T0)
        await owe(store)
        pending = await store.pending_deliveries(T0)
        assert len(pending) == 2 * len(CHANNELS)
        assert await store.claim_deliveries(T0) == pending
        assert await store.claim_deliveries(T0, in_flight={100}) == [
            d for d in pending if d.channel_id != 100]
        assert await store.mark_attempt([pending[0].id], "n1", T0)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM channel_leases").fetchone() == (0,)


async def test_a_burst_is_shared_by_the_processes_alive(url: str) -> None:
    async with processes(url, 4) as (a, b, c, dead):
        await owe(a)
        await dead.renew_leases((), T0 - LEASE - timedelta(seconds=1))  # long silent
        for store in (a, b, c):
            await store.renew_leases((), T0)
        # 12 channels, 3 processes alive: each takes a third of what is free when it asks.
        got_a = await channels_of(a)
        got_b = await channels_of(b)
        got_c = await channels_of(c)
        assert [len(got_a), len(got_b), len(got_c)] == [4, 3, 2]  # 12/3, 8/3, 5/3 rounded up
        assert len(got_a | got_b | got_c) == 9
        left = set(CHANNELS) - got_a - got_b - got_c
        assert await channels_of(a, in_flight=got_a) == {min(left)}  # 3/3


async def test_a_process_starting_beside_others_does_not_wait_for_their_polls(
    url: str,
) -> None:
    """Its sync of sources.toml, the same file, writes nothing: no source row is locked by it,
    and none another process is writing holds it up."""
    async with processes(url, 1) as (a,):
        with psycopg.connect(url) as other:  # another process, recording a poll
            other.execute("SELECT id FROM sources WHERE id = 'wire-00' FOR UPDATE")
            # busy_timeout is 2 s: a sync that wrote that row would fail "locked".
            await a.sync_sources(SOURCES, T0 + timedelta(hours=1))
            other.rollback()
        # A changed source is still written.
        await a.sync_sources([source("wire-00", interval=60), *SOURCES[1:]], T0)
        assert {s.source.id: s.source.interval for s in await a.source_states()}[
            "wire-00"] == 60

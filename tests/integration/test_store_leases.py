"""Leases (bot/store/_leases.py): several processes on one PostgreSQL database each poll their
own sources. Two stores are two processes: two connections, two process ids. The clock is the
``now`` each call is given; the database and the row locks are real."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta

import psycopg
import pytest

from bot.store import Store
from tests import databases
from tests.integration._store_support import T0, commit, source

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


async def test_one_process_sends_the_outbox_and_another_takes_it_over(url: str) -> None:
    async with processes(url, 2) as (a, b):
        assert await a.take_outbox()
        assert await a.take_outbox()  # asking again keeps it
        assert not await b.take_outbox()
        await a.close()
        assert await b.take_outbox()


async def test_on_sqlite_due_sources_only_reads(tmp_path: object) -> None:
    """One process per SQLite file: nothing is claimed, the same sources come back."""
    path = f"{tmp_path}/alerts.db"
    async with await Store.open(path) as store:
        await store.sync_sources(SOURCES, T0)
        first = await store.due_sources(DUE)
        assert await store.due_sources(DUE) == first
        assert len(first) == len(SOURCES)
        assert await store.take_outbox()


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

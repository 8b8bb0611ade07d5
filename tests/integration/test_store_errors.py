"""Every public Store method fails with StoreError, never an engine's error, when the database
cannot serve it: closed, read-only, or locked by another process; on both engines.

Add a row to CALLS for each new public method (reader's test_errors_locked idea).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import timedelta
from typing import Any

import psycopg
import pytest

from bot.model import EntryState, Severity
from bot.store import Store, StoreContract, StoreError
from tests.integration._store_support import (
    KOSOVO,
    T0,
    commit,
    match,
    signed,
    source,
    update,
)

Call = Callable[[Store], Awaitable[Any]]

WRITES: dict[str, Call] = {
    "sync_sources": lambda s: s.sync_sources([source("wire"), source("new-wire")], T0),
    "record_not_modified": lambda s: s.record_not_modified(
        "wire", status=304, body_hash=None, etag=None, last_modified=None, now=T0,
        next_poll_at=T0),
    "record_failure": lambda s: s.record_failure(
        "wire", error_kind="timeout", message="slow", status=None, now=T0, next_poll_at=T0),
    "record_redirect": lambda s: s.record_redirect("wire", "https://moved.example/feed"),
    "commit_poll": lambda s: commit(s, [(update("u2"), match(*KOSOVO))],
                                    states=[EntryState("e2", ((1, 1),))],
                                    events=signed([(update("u2"), match(*KOSOVO))])),
    "prune": lambda s: s.prune(T0 + timedelta(days=30), updates_older_than=timedelta(days=1),
                               entries_older_than=timedelta(days=1)),
    "subscribe": lambda s: s.subscribe(
        1, 11, "kosovo", min_severity=Severity.LOW, filter="", ping_role_id=None,
        ping_severity=Severity.CRITICAL, publish=False, now=T0),
    "unsubscribe": lambda s: s.unsubscribe(1, 10, "kosovo"),
    "pause_channel": lambda s: s.pause_channel(10, "Missing Access"),
    "stop_pinging": lambda s: s.stop_pinging(10, 99),
    "stories_by_reply": lambda s: s.stories_by_reply(10),
    "mute": lambda s: s.mute(1, "wire", until=None, reason="", created_by=None, now=T0),
    "unmute": lambda s: s.unmute(1, "wire"),
    "mark_attempt": lambda s: s.mark_attempt([1], "nonce", T0),
    "mark_sent": lambda s: s.mark_sent([1], 99, T0),
    "mark_retry": lambda s: s.mark_retry([1], "HTTP 503", T0),
    "record_thread": lambda s: s.record_thread(1, 77),
    "mark_failed": lambda s: s.mark_failed([1], "HTTP 400"),
    "set_state": lambda s: s.set_state({"poll.cycle_at": "2026-11-25T09:00:00+00:00"}),
    "add_follow": lambda s: s.add_follow(2, "https://other.example/feed.xml", name="Other",
                                         now=T0),
    "remove_follow": lambda s: s.remove_follow(1, "https://local.example/feed.xml", now=T0),
    "edit_follow": lambda s: s.edit_follow(1, "Local", name="Local news", now=T0),
    "guild_left": lambda s: s.guild_left(1, T0),
    "guild_joined": lambda s: s.guild_joined(1, T0),
    "forget_left_guilds": lambda s: s.forget_left_guilds(T0),
}

READS: dict[str, Call] = {
    "story_alert": lambda s: s.story_alert(1),
    "due_sources": lambda s: s.due_sources(T0 + timedelta(days=1)),
    "source_states": lambda s: s.source_states(),
    "known_entries": lambda s: s.known_entries("wire", ["story-1"]),
    "latest": lambda s: s.latest(region="kosovo", guild_id=1),
    "search": lambda s: s.search("gunfire", region="kosovo", since=T0, guild_id=1),
    "get_update": lambda s: s.get_update(1),
    "subscriptions": lambda s: s.subscriptions(1),
    "mutes": lambda s: s.mutes(1, T0),
    "pending_deliveries": lambda s: s.pending_deliveries(T0),
    # writes where this store claims (PostgreSQL, not read-only): test_store_leases.py
    "renew_leases": lambda s: s.renew_leases(["wire"], T0),
    "claim_deliveries": lambda s: s.claim_deliveries(T0),
    "outbox_depth": lambda s: s.outbox_depth(),
    "outbox_status": lambda s: s.outbox_status(T0),
    "processes": lambda s: s.processes(T0),
    "delivery_counts": lambda s: s.delivery_counts(),
    "get_state": lambda s: s.get_state(["poll.cycle_at"]),
    "pending_summary": lambda s: s.pending_summary(),
    "check_follow": lambda s: s.check_follow(2, "https://other.example/feed.xml"),
    "follows": lambda s: s.follows(1, with_operator=True),
    "event_candidates": lambda s: s.event_candidates(1, timedelta(hours=6)),
    "events": lambda s: s.events(since=T0, region="kosovo"),
    "event_sources": lambda s: s.event_sources([1]),
    "posted_alerts": lambda s: s.posted_alerts(1),
}

CALLS = {**WRITES, **READS}


def test_every_public_method_has_a_row() -> None:
    public = {name for name in dir(Store) if not name.startswith("_")}
    lifecycle = {"open", "close"}
    assert public - lifecycle == set(CALLS)


def test_the_contract_is_every_public_method() -> None:
    """What the bot may call (StoreContract) is what the store offers, and each has its row
    here: a method added to one and not the other fails now, not in production."""
    promised = {name for name in dir(StoreContract) if not name.startswith("_")}
    assert promised == set(CALLS) | {"close"}


@pytest.fixture
async def db(database: str) -> str:
    """A database with a little of everything, closed again (on each engine)."""
    async with await Store.open(database) as store:
        await store.sync_sources([source("wire")], T0)
        await store.add_follow(1, "https://local.example/feed.xml", name="Local", now=T0)
        await store.subscribe(1, 10, "kosovo", min_severity=Severity.LOW, filter="",
                              ping_role_id=None, ping_severity=Severity.CRITICAL,
                              publish=False, now=T0)
        await commit(store, [(update("u1"), match(*KOSOVO))],
                     states=[EntryState("story-1", ((1, 2),))],
                     events=signed([(update("u1"), match(*KOSOVO))]))
    return database


def engine_error(database: str) -> type[Exception]:
    return psycopg.Error if database.startswith("postgresql://") else sqlite3.Error


@contextlib.contextmanager
def writes_held(database: str) -> Iterator[None]:
    """Another process holding the database's write lock: SQLite's one lock, or every table
    of the PostgreSQL schema locked against writers (readers still read, as with SQLite)."""
    if database.startswith("postgresql://"):
        with psycopg.connect(database) as other:  # a transaction, until the block ends
            tables = [t for (t,) in other.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]
            other.execute(f"LOCK TABLE {', '.join(tables)} IN EXCLUSIVE MODE")
            yield
            other.rollback()
        return
    other = sqlite3.connect(database, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield
        other.execute("ROLLBACK")
    finally:
        other.close()


@pytest.fixture
async def read_only(db: str) -> AsyncIterator[Store]:
    async with await Store.open(db, read_only=True) as store:
        yield store


@pytest.mark.parametrize("name", sorted(CALLS))
async def test_closed_store_raises_store_error(db: str, name: str) -> None:
    store = await Store.open(db)
    await store.close()
    await store.close()
    with pytest.raises(StoreError, match="closed"):
        await CALLS[name](store)


@pytest.mark.parametrize("name", sorted(WRITES))
async def test_writes_to_a_read_only_database_raise_store_error(
    db: str, read_only: Store, name: str
) -> None:
    with pytest.raises(StoreError, match="read-only") as info:
        await WRITES[name](read_only)
    assert isinstance(info.value.__cause__, engine_error(db))
    # The store is still usable after the failure: the transaction was rolled back.
    assert [s.source.id for s in await read_only.source_states()] == [
        "local-example-feed-xml", "wire"]


@pytest.mark.parametrize("name", sorted(READS))
async def test_reads_from_a_read_only_database_work(read_only: Store, name: str) -> None:
    await READS[name](read_only)


@pytest.mark.parametrize("name", sorted(WRITES))
async def test_writes_while_another_process_holds_the_lock_raise_store_error(
    db: str, name: str
) -> None:
    async with await Store.open(db, busy_timeout_ms=20) as store:
        with writes_held(db), pytest.raises(StoreError, match="locked"):
            await WRITES[name](store)
        # Once the other process lets go, the same call goes through.
        await WRITES[name](store)

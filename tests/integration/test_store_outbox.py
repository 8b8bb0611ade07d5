"""Store: the outbox the sender drains (pending, attempts, sent, retry, failed, counts)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.model import Severity
from bot.store import Store
from tests.integration._store_support import (
    KOSOVO,
    T0,
    commit,
    match,
    open_store,
    source,
    subscribe,
    update,
)


@pytest.fixture
async def store(database: str) -> AsyncIterator[Store]:
    async with open_store(database, source("wire")) as opened:
        await subscribe(opened, 20, "balkans")
        await subscribe(opened, 10, "kosovo", min_severity=Severity.MEDIUM)
        await commit(opened, [(update(f"u{i}"), match(*KOSOVO)) for i in range(3)])
        yield opened


async def test_pending_deliveries_by_channel_then_id(store: Store) -> None:
    pending = await store.pending_deliveries(T0)
    assert [(d.channel_id, d.update.key) for d in pending] == [
        (10, "u0"), (10, "u1"), (10, "u2"), (20, "u0"), (20, "u1"), (20, "u2")]
    first = pending[0]
    assert (first.guild_id, first.attempts, first.created_at) == (1, 0, T0)
    assert (first.nonce, first.last_attempt_at) == (None, None)
    assert first.subscription.region == "kosovo"
    assert first.update.source_name == "Wire"
    assert first.update.match == match(*KOSOVO)
    assert await store.pending_deliveries(T0, limit=2) == pending[:2]
    assert await store.pending_deliveries(T0 - timedelta(seconds=1)) == []


async def test_attempt_then_sent(store: Store) -> None:
    ids = [d.id for d in await store.pending_deliveries(T0)][:3]
    await store.mark_attempt(ids, "a1b2c3", T0 + timedelta(seconds=1))
    attempted = (await store.pending_deliveries(T0))[:3]
    assert {(d.nonce, d.last_attempt_at) for d in attempted} == {
        ("a1b2c3", T0 + timedelta(seconds=1))}

    await store.mark_sent(ids, 987654321, T0 + timedelta(seconds=2))
    assert [d.channel_id for d in await store.pending_deliveries(T0)] == [20, 20, 20]
    assert await store.delivery_counts() == {"pending": 3, "sent": 3, "failed": 0}
    assert await store.outbox_depth() == 3


async def test_retry_waits_counts_and_keeps_the_nonce(store: Store) -> None:
    first = (await store.pending_deliveries(T0))[0]
    await store.mark_attempt([first.id], "n1", T0)
    await store.mark_retry([first.id], "HTTP 503", T0 + timedelta(seconds=30))
    assert first.id not in {d.id for d in await store.pending_deliveries(T0)}
    later = {d.id: d for d in await store.pending_deliveries(T0 + timedelta(seconds=30))}
    assert (later[first.id].attempts, later[first.id].nonce) == (1, "n1")
    assert await store.outbox_depth() == 6, "waiting for a retry is still pending"


async def test_failed_leaves_the_queue(store: Store) -> None:
    ids = [d.id for d in await store.pending_deliveries(T0) if d.channel_id == 20]
    await store.mark_failed(ids, "Cannot send an empty message")
    assert {d.channel_id for d in await store.pending_deliveries(T0)} == {10}
    assert await store.delivery_counts() == {"pending": 3, "sent": 0, "failed": 3}
    await store.mark_retry(ids, "late retry", T0)
    assert await store.delivery_counts() == {"pending": 3, "sent": 0, "failed": 3}


async def test_marking_nothing_is_harmless(store: Store) -> None:
    await store.mark_sent([], 1, T0)
    await store.mark_failed([], "x")
    assert await store.outbox_depth() == 6


async def test_a_channel_waiting_to_retry_keeps_its_order(store: Store) -> None:
    first = (await store.pending_deliveries(T0))[0]
    await store.mark_retry([first.id], "HTTP 503", T0 + timedelta(seconds=30))
    # Channel 10 waits whole (its newer deliveries must not overtake the retry); 20 flows.
    assert {d.channel_id for d in await store.pending_deliveries(T0)} == {20}
    later = await store.pending_deliveries(T0 + timedelta(seconds=30))
    assert [d.update.key for d in later if d.channel_id == 10] == ["u0", "u1", "u2"]

"""Store: subscriptions, pausing channels, mutes; a guild only ever reaches its own rows."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.matching.filters import FilterError
from bot.model import Mute, Severity, Subscription
from bot.store import Store, StoreError
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
        yield opened


async def test_subscribe_creates_then_edits(store: Store) -> None:
    sub, created = await store.subscribe(
        1, 10, "kosovo", min_severity=Severity.HIGH, filter="  gunfire -drill ",
        ping_role_id=77, ping_severity=Severity.CRITICAL, publish=True, now=T0,
    )
    assert created
    assert sub == Subscription(
        id=sub.id, guild_id=1, channel_id=10, region="kosovo", min_severity=Severity.HIGH,
        filter="gunfire -drill", ping_role_id=77, ping_severity=Severity.CRITICAL,
        publish=True, paused_reason=None,
    )
    edited, created = await store.subscribe(
        1, 10, "kosovo", min_severity=Severity.LOW, filter="", ping_role_id=None,
        ping_severity=Severity.HIGH, publish=False, now=T0,
    )
    assert not created
    assert edited.id == sub.id
    assert (edited.min_severity, edited.filter, edited.ping_role_id, edited.publish) == (
        Severity.LOW, "", None, False)
    assert await store.subscriptions(1) == [edited]


async def test_subscribe_refuses_a_bad_filter_and_stores_nothing(store: Store) -> None:
    with pytest.raises(FilterError, match="not closed"):
        await subscribe(store, 10, "kosovo", filter='"border regions')
    assert await store.subscriptions(1) == []


async def test_subscriptions_listed_by_guild_and_channel(store: Store) -> None:
    b = await subscribe(store, 11, "balkans")
    a = await subscribe(store, 10, "kosovo")
    c = await subscribe(store, 10, "asia")
    await subscribe(store, 30, "kosovo", guild_id=2)
    assert await store.subscriptions(1) == [c, a, b]
    assert await store.subscriptions(1, channel_id=10) == [c, a]
    assert await store.subscriptions(1, channel_id=30) == []
    assert await store.subscriptions(3) == []


async def test_unsubscribe_only_in_its_own_guild(store: Store) -> None:
    await subscribe(store, 10, "kosovo", guild_id=1)
    assert not await store.unsubscribe(2, 10, "kosovo"), "another guild cannot remove it"
    assert await store.unsubscribe(1, 10, "kosovo")
    assert not await store.unsubscribe(1, 10, "kosovo")
    assert await store.subscriptions(1) == []


async def test_unsubscribe_drops_what_was_still_owed(store: Store) -> None:
    await subscribe(store, 10, "kosovo")
    await subscribe(store, 11, "kosovo")
    await commit(store, [(update("u1"), match(*KOSOVO))])
    await store.unsubscribe(1, 10, "kosovo")
    assert [d.channel_id for d in await store.pending_deliveries(T0)] == [11]


async def test_another_guild_cannot_take_over_a_channels_subscription(store: Store) -> None:
    await subscribe(store, 10, "kosovo", guild_id=1, filter="gunfire")
    with pytest.raises(StoreError, match="another guild"):
        await subscribe(store, 10, "kosovo", guild_id=2)
    [sub] = await store.subscriptions(1)
    assert sub.filter == "gunfire"


async def test_pause_reports_newly_paused_once_and_fails_what_was_owed(store: Store) -> None:
    a = await subscribe(store, 10, "kosovo")
    b = await subscribe(store, 10, "balkans")
    await subscribe(store, 11, "kosovo")
    await commit(store, [(update("u1"), match(*KOSOVO))])

    paused = await store.pause_channel(10, "Missing Permissions")
    assert [s.id for s in paused] == [a.id, b.id]
    assert all(s.paused_reason == "Missing Permissions" for s in paused)
    assert await store.pause_channel(10, "Missing Permissions") == [], "told once"
    assert [d.channel_id for d in await store.pending_deliveries(T0)] == [11]
    assert await store.delivery_counts() == {"pending": 1, "sent": 0, "failed": 1}


async def test_subscribing_again_resumes_a_paused_subscription(store: Store) -> None:
    await subscribe(store, 10, "kosovo")
    await store.pause_channel(10, "Missing Access")
    sub = await subscribe(store, 10, "kosovo")
    assert sub.paused_reason is None


async def test_mute_round_trip_replace_and_expiry(store: Store) -> None:
    until = T0 + timedelta(hours=2)
    made = await store.mute(1, "wire", until=until, reason="rumours", created_by=42, now=T0)
    assert made == Mute(1, "wire", until, "rumours", 42)
    assert await store.mutes(1, T0) == [made]
    assert await store.mutes(1, until) == [], "expired at its until"
    assert await store.mutes(2, T0) == [], "mutes belong to a guild"

    forever = await store.mute(1, "wire", until=None, reason="for good", created_by=43, now=T0)
    assert await store.mutes(1, T0 + timedelta(days=999)) == [forever]
    assert not await store.unmute(2, "wire")
    assert await store.unmute(1, "wire")
    assert not await store.unmute(1, "wire")
    assert await store.mutes(1, T0) == []


async def test_mute_drops_what_the_guild_was_still_owed_from_the_source(store: Store) -> None:
    await subscribe(store, 10, "kosovo", guild_id=1)
    await subscribe(store, 20, "kosovo", guild_id=2)
    await commit(store, [(update("u1"), match(*KOSOVO))])
    await store.mute(1, "wire", until=None, reason="", created_by=None, now=T0)
    assert [d.channel_id for d in await store.pending_deliveries(T0)] == [20]

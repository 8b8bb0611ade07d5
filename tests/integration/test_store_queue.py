"""Store: how a commit queues deliveries (order, carrier, mutes in time), odd keys, big polls,
and what a grouped commit costs in trips to the connection's thread."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from typing import Any

import pytest

from bot.model import EntryState, Severity
from bot.store import Store
from tests.integration._store_support import (
    KOSOVO,
    T0,
    commit,
    match,
    open_store,
    source,
    state,
    subscribe,
    update,
)

JAPAN = ("japan", "east-asia", "asia")


@pytest.fixture
async def store(database: str) -> AsyncIterator[Store]:
    async with open_store(database, source("wire"), *(source(f"desk-{i}") for i in range(30))) \
            as opened:
        yield opened


async def owed(store: Store) -> list[tuple[int, int, str]]:
    """(channel, subscription id, update key) of every pending delivery, in sending order."""
    return [(d.channel_id, d.subscription.id, d.update.key)
            for d in await store.pending_deliveries(T0 + timedelta(days=1), limit=5000)]


async def test_a_channel_gets_a_polls_updates_in_their_order_whoever_carries_them(
    store: Store,
) -> None:
    # The channel's Japan subscription is older (lower id) than its Kosovo one, so ordering
    # by carrier instead of by update would send the Japan update first.
    japan = await subscribe(store, 10, "japan")
    kosovo = await subscribe(store, 10, "kosovo")
    other = await subscribe(store, 20, "asia")
    await commit(store, [(update("k1"), match(*KOSOVO)), (update("j1"), match(*JAPAN)),
                         (update("k2"), match(*KOSOVO))])
    assert await owed(store) == [
        (10, kosovo.id, "k1"), (10, japan.id, "j1"), (10, kosovo.id, "k2"),
        (20, other.id, "j1"),
    ]


async def test_a_filtered_subscription_whose_filter_passes_carries_the_update(
    store: Store,
) -> None:
    gunfire = await subscribe(store, 10, "kosovo", filter="gunfire")
    await subscribe(store, 10, "balkans")
    protest = await subscribe(store, 11, "kosovo", filter="protest")
    summary = await commit(store, [(update("u1"), match(*KOSOVO))])
    assert await owed(store) == [(10, gunfire.id, "u1")]
    assert summary.deliveries_queued == 1
    assert protest.id not in {sub for _, sub, _ in await owed(store)}


async def test_only_a_mute_still_in_force_holds_an_update_back(store: Store) -> None:
    await subscribe(store, 10, "kosovo", guild_id=1)
    await subscribe(store, 20, "kosovo", guild_id=2)
    await store.mute(1, "wire", until=T0, reason="", created_by=None, now=T0)
    await store.mute(2, "wire", until=T0 + timedelta(hours=1), reason="", created_by=None,
                     now=T0)
    await commit(store, [(update("u1"), match(*KOSOVO))], now=T0)
    assert [channel for channel, _, _ in await owed(store)] == [10]


async def test_below_minimum_severity_is_not_queued_even_beside_a_match(store: Store) -> None:
    await subscribe(store, 10, "kosovo", min_severity=Severity.CRITICAL)
    wanted = await subscribe(store, 10, "balkans", min_severity=Severity.MEDIUM)
    await commit(store, [(update("u1"), match(*KOSOVO, severity=Severity.HIGH))])
    assert await owed(store) == [(10, wanted.id, "u1")]


ODD_KEYS = ["a\x00b", 'quote"d', "back\\slash", "ü€😀", "\u2028line", " spaced ", "?", "{marks}"]


async def test_keys_and_titles_with_odd_characters_are_matched_exactly(store: Store) -> None:
    await subscribe(store, 10, "kosovo")
    states = [EntryState(k, ((i, i),)) for i, k in enumerate(ODD_KEYS)]
    first = await commit(store, [(update(k, entry_key=k, title=k, kind="entry"), match(*KOSOVO))
                                 for k in ODD_KEYS], states=states)
    assert (first.new_entries, first.new_updates) == (len(ODD_KEYS), len(ODD_KEYS))
    assert await store.known_entries("wire", [*ODD_KEYS, "a"]) == {s.key: s for s in states}
    # The same poll again: every key is known and every update stored, whatever its characters.
    again = await commit(store, [(update(k, entry_key=k, title=k, kind="entry"), match(*KOSOVO))
                                 for k in ODD_KEYS], states=states, seen_keys=ODD_KEYS)
    assert (again.new_entries, again.new_updates, again.deliveries_queued) == (0, 0, 0)
    # A repost of each under a new key is recognised by its title and text.
    reposts = await commit(store, [(update(f"{k}-2", entry_key=f"{k}-2", title=k, kind="entry"),
                                    match(*KOSOVO)) for k in ODD_KEYS])
    assert reposts.new_updates == 0


async def test_a_poll_with_more_values_than_sqlite_binds_at_once(store: Store) -> None:
    await subscribe(store, 10, "kosovo")
    keys = [f"https://news.example/item/{i}" for i in range(2500)]
    states = [EntryState(k, ((i, i),)) for i, k in enumerate(keys[:1200])]
    made = [(update(f"u{i}", entry_key=keys[i]), match(*KOSOVO)) for i in range(1100)]
    summary = await commit(store, made, states=states, seen_keys=keys)
    assert (summary.new_entries, summary.new_updates) == (1200, 1100)
    assert summary.deliveries_queued == 1100
    assert [key for _, _, key in await owed(store)] == [f"u{i}" for i in range(1100)]
    again = await commit(store, made, states=states, seen_keys=keys)
    assert (again.new_entries, again.new_updates, again.deliveries_queued) == (0, 0, 0)


async def test_a_group_of_polls_is_one_trip_to_the_connection_thread(store: Store) -> None:
    """Each trip to the connection's thread costs more than most statements; a group makes one."""
    db = store._db
    assert db is not None
    trips: list[Callable[..., Any]] = []
    run = db.run

    async def counted(fn: Callable[..., Any]) -> Any:
        trips.append(fn)
        return await run(fn)

    db.run = counted  # type: ignore[method-assign]
    await subscribe(store, 10, "kosovo")
    trips.clear()
    quiet = [store.record_not_modified(f"desk-{i}", status=304, body_hash=None, etag=None,
                                       last_modified=None, now=T0, next_poll_at=T0)
             for i in range(20)]
    new = [commit(store, [(update(f"desk-{i}-u1"), match(*KOSOVO))], source_id=f"desk-{i}",
                  states=[state(f"desk-{i}-story")]) for i in range(20, 30)]
    outcomes = await asyncio.gather(*quiet, *new)
    assert [s.deliveries_queued for s in outcomes[20:]] == [1] * 10
    assert len(trips) <= 2, f"{len(trips)} trips for one group of 30 polls"

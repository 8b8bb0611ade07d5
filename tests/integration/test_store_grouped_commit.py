"""Store: polls committed at the same moment share a transaction, yet each keeps its own outcome."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.model import CommitSummary
from bot.store import Store, StoreError
from tests.integration._store_support import (
    KOSOVO,
    commit,
    match,
    open_store,
    source,
    state,
    subscribe,
)
from tests.integration._store_support import update as make_update

SOURCES = [f"desk-{i}" for i in range(12)]


@pytest.fixture
async def store(database: str) -> AsyncIterator[Store]:
    async with open_store(database, *(source(s) for s in SOURCES)) as opened:
        await subscribe(opened, 100, "kosovo")
        await subscribe(opened, 200, "balkans")
        yield opened


def _poll(store: Store, source_id: str, key: str) -> asyncio.Future[CommitSummary]:
    return asyncio.ensure_future(commit(
        store, [(make_update(key, entry_key=f"{source_id}-story", title=f"{source_id} news"),
                 match(*KOSOVO))],
        source_id=source_id, states=[state(f"{source_id}-story")],
    ))


async def test_polls_at_once_each_get_their_own_summary(store: Store) -> None:
    summaries = await asyncio.gather(*(_poll(store, s, f"{s}-u1") for s in SOURCES))
    for source_id, summary in zip(SOURCES, summaries, strict=True):
        assert (summary.new_entries, summary.new_updates) == (1, 1)
        # Two channels follow regions this update concerns.
        assert summary.deliveries_queued == 2
        (update_id,) = summary.update_ids
        stored = await store.get_update(update_id)
        assert stored is not None and stored.source == source_id
    assert len({s.update_ids for s in summaries}) == len(SOURCES)


async def test_a_failing_poll_does_not_take_the_others_with_it(store: Store) -> None:
    polls = [_poll(store, s, f"{s}-u1") for s in SOURCES[:6]]
    polls.append(_poll(store, "ghost", "ghost-u1"))
    polls.extend(_poll(store, s, f"{s}-u1") for s in SOURCES[6:])
    outcomes = await asyncio.gather(*polls, return_exceptions=True)
    ghost = outcomes.pop(6)
    assert isinstance(ghost, StoreError) and "ghost" in str(ghost)
    assert all(isinstance(o, CommitSummary) and o.new_updates == 1 for o in outcomes)
    stored = await store.latest(limit=100)
    assert sorted(u.source for u in stored) == sorted(SOURCES)
    states = {s.source.id: s for s in await store.source_states()}
    assert all(states[s].first_polled for s in SOURCES)


async def test_the_same_poll_twice_at_once_is_stored_once(store: Store) -> None:
    first, second = await asyncio.gather(_poll(store, "desk-0", "u1"), _poll(store, "desk-0", "u1"))
    assert first.new_updates + second.new_updates == 1
    assert first.deliveries_queued + second.deliveries_queued == 2

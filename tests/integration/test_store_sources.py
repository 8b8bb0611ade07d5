"""Store: configured sources and their poll state (sync, due, 304s, failures, redirects)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable
from datetime import timedelta

import pytest

from bot.slots import first_poll_offset
from bot.store import Store, StoreError
from tests.integration._store_support import T0, commit, open_store, source


@pytest.fixture
async def store(database: str) -> AsyncIterator[Store]:
    async with open_store(database) as opened:
        yield opened


async def test_new_sources_are_due_within_one_interval_spread_by_id(store: Store) -> None:
    sources = [source(f"wire-{i}", interval=600) for i in range(20)]
    await store.sync_sources(sources, T0)

    states = await store.source_states()
    assert [s.source for s in states] == sorted(sources, key=lambda s: s.id)
    due_times = {s.next_poll_at for s in states}
    assert len(due_times) > 10, "first polls should be spread, not all at one instant"
    for s in states:
        assert s.next_poll_at == T0 + first_poll_offset(s.source.id, 600, T0)
        assert T0 <= s.next_poll_at < T0 + timedelta(seconds=600)
        assert not s.first_polled and s.consecutive_failures == 0 and s.etag is None


def test_first_poll_offset_is_deterministic() -> None:
    assert first_poll_offset("wire", 300, T0) == first_poll_offset("wire", 300, T0)
    assert first_poll_offset("wire", 300, T0) != first_poll_offset("other-wire", 300, T0)


async def test_due_sources_oldest_first_and_limited(store: Store) -> None:
    await store.sync_sources([source("a"), source("b"), source("c")], T0)
    late = T0 + timedelta(seconds=300)
    assert await store.due_sources(T0 - timedelta(seconds=1)) == []
    [first] = await store.due_sources(late, limit=1)
    later = await store.due_sources(late)
    # On PostgreSQL the first is this process's now (claimed, bot.store._leases) and is not
    # given again; on SQLite, one process per file, it is.
    everything = later if later[:1] == [first] else [first, *later]
    assert {s.source.id for s in everything} == {"a", "b", "c"}
    due_times = [s.next_poll_at for s in everything if s.next_poll_at is not None]
    assert len(due_times) == 3 and due_times == sorted(due_times)


async def test_disabled_and_gone_sources_are_never_due(store: Store) -> None:
    await store.sync_sources([source("a"), source("off", enabled=False), source("gone")], T0)
    await store.record_failure(
        "gone", error_kind="gone", message="HTTP 410", status=410, now=T0,
        next_poll_at=T0, disable_reason="the feed is gone (HTTP 410)",
    )
    due = await store.due_sources(T0 + timedelta(days=1))
    assert [s.source.id for s in due] == ["a"]
    listed = {s.source.id: s for s in await store.source_states()}
    assert set(listed) == {"a", "off", "gone"}
    assert listed["gone"].disabled_reason == "the feed is gone (HTTP 410)"
    assert listed["off"].source.enabled is False


async def test_removed_source_keeps_state_and_resumes_when_added_back(store: Store) -> None:
    await store.sync_sources([source("a"), source("b")], T0)
    await store.record_redirect("b", "https://news.example/b-moved.xml")
    await commit(store, [], source_id="b")
    await store.record_failure(
        "b", error_kind="gone", message="HTTP 410", status=410, now=T0, next_poll_at=T0,
        disable_reason="the feed is gone (HTTP 410)",
    )

    await store.sync_sources([source("a")], T0 + timedelta(hours=1))
    assert [s.source.id for s in await store.source_states()] == ["a"]
    assert [s.source.id for s in await store.due_sources(T0 + timedelta(days=1))] == ["a"]

    back = T0 + timedelta(hours=2)
    await store.sync_sources([source("a"), source("b")], back)
    states = {s.source.id: s for s in await store.source_states()}
    assert states["b"].first_polled, "a re-added source must not have a second silent poll"
    assert states["b"].source.enabled
    assert states["b"].redirected_url == "https://news.example/b-moved.xml"
    assert states["b"].etag == '"v1"'
    assert states["b"].disabled_reason is None, "adding back is how a gone source is retried"
    assert states["b"].next_poll_at == back + first_poll_offset("b", 300, back)


async def test_changed_url_forgets_the_old_feeds_validators(store: Store) -> None:
    await store.sync_sources([source("a")], T0)
    await commit(store, [], source_id="a")
    await store.record_redirect("a", "https://elsewhere.example/a.xml")
    moved = source("a", url="https://news.example/a-v2.xml", name="A two")
    await store.sync_sources([moved], T0)
    [state] = await store.source_states()
    assert state.source == moved
    assert (state.etag, state.body_hash, state.redirected_url) == (None, None, None)
    assert state.first_polled


async def test_unchanged_config_leaves_poll_state_alone(store: Store) -> None:
    await store.sync_sources([source("a")], T0)
    await commit(store, [], source_id="a")
    before = await store.source_states()
    await store.sync_sources([source("a")], T0 + timedelta(seconds=30))
    assert await store.source_states() == before


async def test_shorter_interval_takes_effect_now(store: Store) -> None:
    await store.sync_sources([source("a", interval=3600)], T0)
    await store.record_not_modified(
        "a", status=304, body_hash=None, etag=None, last_modified=None, now=T0,
        next_poll_at=T0 + timedelta(hours=1),
    )
    await store.sync_sources([source("a", interval=60)], T0)
    [state] = await store.source_states()
    assert state.next_poll_at == T0 + timedelta(seconds=60)


async def test_duplicate_source_ids_are_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="more than once"):
        await store.sync_sources([source("a"), source("a")], T0)


async def test_failures_count_up_and_a_good_poll_resets_them(store: Store) -> None:
    await store.sync_sources([source("a")], T0)
    for n in (1, 2):
        await store.record_failure(
            "a", error_kind="timeout", message="no answer in 20 s", status=None,
            now=T0 + timedelta(minutes=n), next_poll_at=T0 + timedelta(minutes=10 * n),
        )
    [state] = await store.source_states()
    assert state.consecutive_failures == 2
    assert (state.error_kind, state.last_error, state.last_status) == (
        "timeout", "no answer in 20 s", None)
    assert state.last_polled_at == T0 + timedelta(minutes=2)
    assert state.next_poll_at == T0 + timedelta(minutes=20)

    await store.record_not_modified(
        "a", status=304, body_hash=None, etag='"e2"', last_modified="Wed, 01 May 2024",
        now=T0 + timedelta(hours=1), next_poll_at=T0 + timedelta(hours=2),
    )
    [state] = await store.source_states()
    assert state.consecutive_failures == 0
    assert state.last_error is None and state.error_kind is None
    assert (state.last_status, state.etag, state.last_modified) == (
        304, '"e2"', "Wed, 01 May 2024")
    assert not state.first_polled, "a 304 is not a first successful poll"


async def test_not_modified_keeps_validators_the_answer_left_out(store: Store) -> None:
    await store.sync_sources([source("a")], T0)
    await commit(store, [], source_id="a")
    await store.record_not_modified(
        "a", status=304, body_hash=None, etag=None, last_modified=None, now=T0,
        next_poll_at=T0,
    )
    [state] = await store.source_states()
    assert (state.etag, state.body_hash) == ('"v1"', "hash-1")


async def test_commit_marks_the_first_poll_done(store: Store) -> None:
    await store.sync_sources([source("a")], T0)
    await store.record_failure("a", error_kind="http", message="HTTP 503", status=503,
                               now=T0, next_poll_at=T0)
    await commit(store, [], source_id="a", now=T0 + timedelta(minutes=1))
    [state] = await store.source_states()
    assert state.first_polled
    assert (state.consecutive_failures, state.last_error, state.last_status) == (0, None, 200)
    assert state.next_poll_at == T0 + timedelta(minutes=6)


@pytest.mark.parametrize("method", ["record_not_modified", "record_failure", "record_redirect"])
async def test_unknown_source_is_a_store_error(store: Store, method: str) -> None:
    calls = {
        "record_not_modified": lambda: store.record_not_modified(
            "nope", status=304, body_hash=None, etag=None, last_modified=None, now=T0,
            next_poll_at=T0),
        "record_failure": lambda: store.record_failure(
            "nope", error_kind="http", message="x", status=500, now=T0, next_poll_at=T0),
        "record_redirect": lambda: store.record_redirect("nope", "https://x.example"),
    }
    with pytest.raises(StoreError, match="no source 'nope'"):
        await calls[method]()


async def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="timezone-aware"):
        await store.due_sources(T0.replace(tzinfo=None))


async def test_quiet_polls_at_once_share_a_commit_and_each_hears_its_own_outcome(
    store: Store,
) -> None:
    await store.sync_sources([source(f"s{i}") for i in range(50)], T0)
    later = T0 + timedelta(minutes=5)

    def quiet(source_id: str) -> Awaitable[None]:
        return store.record_not_modified(
            source_id, status=304, body_hash=None, etag=f'"{source_id}"', last_modified=None,
            now=T0, next_poll_at=later,
        )

    outcomes = await asyncio.gather(*(quiet(f"s{i}") for i in range(50)), quiet("ghost"),
                                    return_exceptions=True)
    assert outcomes[:50] == [None] * 50
    assert isinstance(outcomes[50], StoreError) and "ghost" in str(outcomes[50])
    states = await store.source_states()
    assert len(states) == 50
    assert all(s.etag == f'"{s.source.id}"' and s.next_poll_at == later for s in states)

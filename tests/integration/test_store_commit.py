"""Store: committing a poll (entries, updates, the outbox fan-out) and pruning."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.model import EntryState, Severity
from bot.store import Store, StoreError
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


@pytest.fixture
async def store(database: str) -> AsyncIterator[Store]:
    async with open_store(database, source("wire"), source("other-wire")) as opened:
        yield opened


async def owed(store: Store) -> list[tuple[int, int, str]]:
    """(channel, subscription id, update key) of every pending delivery."""
    return [(d.channel_id, d.subscription.id, d.update.key)
            for d in await store.pending_deliveries(T0 + timedelta(days=1))]


# -- entries -----------------------------------------------------------------------------------


async def test_entry_states_round_trip_and_count_new_ones(store: Store) -> None:
    first = await commit(store, [], states=[state("a", (1, 2)), state("b", (3, 4))])
    assert first.new_entries == 2
    again = await commit(store, [], states=[state("a", (1, 2), (5, 6)), state("c", (7, 8))])
    assert again.new_entries == 1

    known = await store.known_entries("wire", ["a", "b", "c", "never-seen"])
    assert known == {
        "a": EntryState("a", ((1, 2), (5, 6))),
        "b": EntryState("b", ((3, 4),)),
        "c": EntryState("c", ((7, 8),)),
    }
    assert await store.known_entries("other-wire", ["a"]) == {}, "entries belong to a source"


async def test_known_entries_beyond_sqlites_variable_limit(store: Store) -> None:
    keys = [f"https://news.example/item/{i}" for i in range(2500)]
    big = 2**64 - 1  # fingerprints are unsigned 64-bit: the largest must survive the BLOB
    await commit(store, [], states=[EntryState(k, ((i, big),)) for i, k in enumerate(keys)])
    known = await store.known_entries("wire", [*keys, "missing", keys[0]])
    assert len(known) == 2500
    assert known[keys[2499]] == EntryState(keys[2499], ((2499, big),))


# -- updates and the outbox --------------------------------------------------------------------


async def test_silent_first_poll_stores_updates_but_queues_nothing(store: Store) -> None:
    await subscribe(store, 10, "kosovo")
    summary = await commit(store, [(update("u1"), match(*KOSOVO))], deliver=False)
    assert (summary.new_updates, summary.deliveries_queued) == (1, 0)
    assert await owed(store) == []
    assert [u.key for u in await store.latest()] == ["u1"]


async def test_subscription_to_an_ancestor_region_gets_the_update(store: Store) -> None:
    balkans = await subscribe(store, 10, "balkans")
    await subscribe(store, 11, "asia")
    summary = await commit(store, [(update("u1"), match(*KOSOVO))])
    assert summary.deliveries_queued == 1
    assert await owed(store) == [(10, balkans.id, "u1")]


@pytest.mark.parametrize(
    ("severity", "queued"),
    [(Severity.LOW, False), (Severity.MEDIUM, False), (Severity.HIGH, True),
     (Severity.CRITICAL, True)],
)
async def test_min_severity(store: Store, severity: Severity, queued: bool) -> None:
    await subscribe(store, 10, "kosovo", min_severity=Severity.HIGH)
    summary = await commit(store, [(update("u1"), match(*KOSOVO, severity=severity))])
    assert summary.deliveries_queued == int(queued)


@pytest.mark.parametrize(
    ("filter_text", "queued"),
    [("", True), ("gunfire", True), ("gunfire -shelling", True), ("-gunfire", False),
     ('"border clashes"', True), ("re:\\bnorth", True), ("protest", False)],
)
async def test_filter_checks_title_and_text(store: Store, filter_text: str, queued: bool) -> None:
    await subscribe(store, 10, "kosovo", filter=filter_text)
    summary = await commit(store, [(update("u1"), match(*KOSOVO))])
    assert summary.deliveries_queued == int(queued)


async def test_muted_source_is_not_queued_for_that_guild_only(store: Store) -> None:
    await subscribe(store, 10, "kosovo", guild_id=1)
    await subscribe(store, 20, "kosovo", guild_id=2)
    await store.mute(1, "wire", until=None, reason="unreliable", created_by=5, now=T0)
    await store.mute(2, "wire", until=T0 - timedelta(minutes=1), reason="", created_by=5,
                     now=T0 - timedelta(hours=1))
    await commit(store, [(update("u1"), match(*KOSOVO))])
    assert [channel for channel, _, _ in await owed(store)] == [20], "guild 2's mute expired"

    await commit(store, [(update("u2"), match(*KOSOVO))], source_id="other-wire")
    assert sorted(channel for channel, _, _ in await owed(store)) == [10, 20, 20]


async def test_paused_subscription_is_not_queued(store: Store) -> None:
    await subscribe(store, 10, "kosovo")
    await subscribe(store, 11, "kosovo")
    await store.pause_channel(10, "Missing Access")
    await commit(store, [(update("u1"), match(*KOSOVO))])
    assert [channel for channel, _, _ in await owed(store)] == [11]


async def test_one_delivery_per_channel_even_with_two_matching_subscriptions(
    store: Store,
) -> None:
    kosovo = await subscribe(store, 10, "kosovo")
    await subscribe(store, 10, "balkans")
    await subscribe(store, 10, "europe")
    summary = await commit(store, [(update("u1"), match(*KOSOVO))])
    assert summary.deliveries_queued == 1
    assert await owed(store) == [(10, kosovo.id, "u1")], "the lowest subscription id carries it"


async def test_a_channels_second_subscription_carries_what_the_first_filters_out(
    store: Store,
) -> None:
    await subscribe(store, 10, "kosovo", filter="protest")
    balkans = await subscribe(store, 10, "balkans")
    await commit(store, [(update("u1"), match(*KOSOVO))])
    assert await owed(store) == [(10, balkans.id, "u1")]


async def test_committing_the_same_update_twice_stores_and_queues_it_once(store: Store) -> None:
    await subscribe(store, 10, "kosovo")
    first = await commit(store, [(update("u1"), match(*KOSOVO)), (update("u1"), match(*KOSOVO))])
    second = await commit(store, [(update("u1"), match(*KOSOVO)), (update("u2"), match(*KOSOVO))])
    assert (first.new_updates, first.deliveries_queued) == (1, 1)
    assert (second.new_updates, second.deliveries_queued) == (1, 1)
    assert second.update_ids != first.update_ids
    assert [key for _, _, key in await owed(store)] == ["u1", "u2"]


async def test_the_same_update_key_may_exist_in_two_sources(store: Store) -> None:
    await commit(store, [(update("u1"), match(*KOSOVO))])
    other = await commit(store, [(update("u1"), match(*KOSOVO))], source_id="other-wire")
    assert other.new_updates == 1


async def test_commit_for_an_unknown_source_writes_nothing(store: Store) -> None:
    await subscribe(store, 10, "kosovo")
    with pytest.raises(StoreError, match="no source 'ghost'"):
        await commit(store, [(update("u1"), match(*KOSOVO))], source_id="ghost",
                     states=[state("a")])
    assert await store.latest() == []
    assert await owed(store) == []


async def test_concurrent_commits_do_not_mix(store: Store) -> None:
    sources = [source(f"s{i}") for i in range(12)]
    await store.sync_sources(sources, T0)
    await subscribe(store, 10, "balkans")
    summaries = await asyncio.gather(*(
        commit(store, [(update(f"{s.id}-u{j}"), match(*KOSOVO)) for j in range(5)],
               source_id=s.id, states=[state(f"{s.id}-e")])
        for s in sources
    ))
    assert all(s.new_updates == 5 and s.deliveries_queued == 5 for s in summaries)
    assert await store.outbox_depth() == 60


# -- reading updates ---------------------------------------------------------------------------


async def test_get_update_round_trips_every_field(store: Store) -> None:
    u = update("u1", title="Grenzgefechte", text="Schüsse im Norden des Kosovo")
    m = match(*KOSOVO, severity=Severity.CRITICAL)
    summary = await commit(store, [(u, m)], now=T0 + timedelta(minutes=3))
    stored = await store.get_update(summary.update_ids[0])
    assert stored is not None
    assert (stored.key, stored.source, stored.source_name, stored.entry_key, stored.kind) == (
        "u1", "wire", "Wire", u.entry_key, u.kind)
    assert (stored.title, stored.text, stored.link, stored.marker, stored.published) == (
        u.title, u.text, u.link, u.marker, u.published)
    assert stored.seen_at == T0 + timedelta(minutes=3)
    assert stored.match == m
    assert await store.get_update(summary.update_ids[0] + 100) is None


async def test_latest_newest_first_by_region_severity_and_mutes(store: Store) -> None:
    plan = [("u1", KOSOVO, Severity.LOW, "wire"), ("u2", ("japan", "asia"), Severity.HIGH,
            "wire"), ("u3", KOSOVO, Severity.CRITICAL, "other-wire"),
            ("u4", KOSOVO, Severity.MEDIUM, "wire")]
    for minute, (key, regions, severity, src) in enumerate(plan):
        await commit(store, [(update(key), match(*regions, severity=severity))], source_id=src,
                     now=T0 + timedelta(minutes=minute))
    keys = [u.key for u in await store.latest()]
    assert keys == ["u4", "u3", "u2", "u1"]
    assert [u.key for u in await store.latest(region="balkans")] == ["u4", "u3", "u1"]
    assert [u.key for u in await store.latest(min_severity=Severity.HIGH)] == ["u3", "u2"]
    assert [u.key for u in await store.latest(limit=2)] == ["u4", "u3"]
    assert await store.latest(limit=0) == []

    await store.mute(7, "other-wire", until=None, reason="", created_by=None, now=T0)
    assert [u.key for u in await store.latest(region="kosovo", guild_id=7)] == ["u4", "u1"]
    assert [u.key for u in await store.latest(region="kosovo", guild_id=8)] == ["u4", "u3", "u1"]


async def test_search_finds_words_ignoring_case_and_accents(store: Store) -> None:
    await commit(store, [
        (update("u1", title="Border clashes", text="Gunfire in Northern Kosovo"),
         match(*KOSOVO)),
        (update("u2", title="Zürich talks", text="Delegations meet in Zürich"),
         match("switzerland", "europe")),
    ])
    assert [u.key for u in await store.search("GUNFIRE kosovo")] == ["u1"]
    assert [u.key for u in await store.search("zurich")] == ["u2"]
    assert [u.key for u in await store.search('"northern kosovo"')] == ["u1"]
    assert await store.search('"kosovo northern"') == []
    assert [u.key for u in await store.search("kosovo", region="balkans")] == ["u1"]
    assert await store.search("kosovo", region="switzerland") == []
    assert await store.search("gunfire", since=T0 + timedelta(seconds=1)) == []
    assert [u.key for u in await store.search("gunfire", since=T0)] == ["u1"]


@pytest.mark.parametrize(
    "query",
    ['"', '""', "AND", "OR NOT", "*", "-", "^kosovo", "kosovo*", "NEAR(kosovo gunfire)",
     "title:kosovo", "kosovo OR", '"unclosed phrase', "(", ")", "{title text}: x", "'", "\\",
     "\x00", "kosovo AND OR NOT", "🙂", "a" * 5000, "+ - * / : ^ ( ) { }"],
)
async def test_search_never_fails_on_nasty_queries(store: Store, query: str) -> None:
    await commit(store, [(update("u1", text="kosovo gunfire and or not near title"),
                          match(*KOSOVO))])
    found = await store.search(query)
    assert all(u.key == "u1" for u in found)


async def test_search_of_operators_only_is_empty(store: Store) -> None:
    await commit(store, [(update("u1"), match(*KOSOVO))])
    for query in ('"', "* ^ -", "", "   ", '"" ""'):
        assert await store.search(query) == []


# -- prune -------------------------------------------------------------------------------------


async def test_prune_forgets_old_updates_but_keeps_what_is_still_owed(store: Store) -> None:
    await subscribe(store, 10, "kosovo")
    await subscribe(store, 11, "japan")
    old = await commit(store, [(update("sent"), match(*KOSOVO)),
                               (update("owed"), match("japan"))])
    await commit(store, [(update("fresh"), match(*KOSOVO))], now=T0 + timedelta(days=9))
    ids = {d.update.key: d.id for d in await store.pending_deliveries(T0 + timedelta(days=9))}
    await store.mark_sent([ids["sent"]], 555, T0)

    summary = await store.prune(T0 + timedelta(days=10), updates_older_than=timedelta(days=7),
                                entries_older_than=timedelta(days=90))
    assert (summary.updates, summary.deliveries) == (1, 1)
    assert await store.get_update(old.update_ids[0]) is None
    assert await store.get_update(old.update_ids[1]) is not None, "a pending delivery keeps it"
    assert [u.key for u in await store.search("gunfire")] == ["fresh", "owed"]
    assert await store.delivery_counts() == {"pending": 2, "sent": 0, "failed": 0}


async def test_prune_keeps_entries_still_in_the_feed(store: Store) -> None:
    await commit(store, [], states=[state("gone"), state("staying")])
    later = T0 + timedelta(days=100)
    # The feed changed later: "staying" is still in it (unchanged), "gone" is not.
    await commit(store, [], states=[state("new")], seen_keys=["staying", "new"], now=later)
    summary = await store.prune(later + timedelta(days=1), updates_older_than=timedelta(days=7),
                                entries_older_than=timedelta(days=90))
    assert summary.entries == 1
    known = await store.known_entries("wire", ["gone", "staying", "new"])
    assert set(known) == {"staying", "new"}


async def test_prune_keeps_entries_of_a_feed_that_has_not_changed(store: Store) -> None:
    await commit(store, [], states=[state("a")])
    # A year of 304s: nothing says the entry left the feed, so it is kept.
    summary = await store.prune(T0 + timedelta(days=365), updates_older_than=timedelta(days=7),
                                entries_older_than=timedelta(days=90))
    assert summary.entries == 0
    assert set(await store.known_entries("wire", ["a"])) == {"a"}


async def test_prune_drops_expired_mutes(store: Store) -> None:
    await store.mute(1, "wire", until=T0 + timedelta(hours=1), reason="", created_by=None,
                     now=T0)
    await store.mute(1, "other-wire", until=None, reason="", created_by=None, now=T0)
    summary = await store.prune(T0 + timedelta(hours=2), updates_older_than=timedelta(days=7),
                                entries_older_than=timedelta(days=90))
    assert summary.mutes == 1
    assert [m.source for m in await store.mutes(1, T0)] == ["other-wire"]


# -- restart -----------------------------------------------------------------------------------


async def test_nothing_is_lost_across_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "alerts.db"
    async with await Store.open(path) as store:
        await store.sync_sources([source("wire")], T0)
        sub = await subscribe(store, 10, "kosovo", filter="gunfire")
        await store.mute(1, "noisy", until=None, reason="spam", created_by=3, now=T0)
        first = await commit(store, [(update("u1"), match(*KOSOVO))], states=[state("a")])
        states_before = await store.source_states()
        pending_before = await store.pending_deliveries(T0)

    async with await Store.open(path) as store:
        assert await store.source_states() == states_before
        assert await store.subscriptions(1) == [sub]
        assert [m.source for m in await store.mutes(1, T0)] == ["noisy"]
        assert await store.known_entries("wire", ["a"]) == {"a": state("a")}
        assert await store.pending_deliveries(T0) == pending_before
        again = await commit(store, [(update("u1"), match(*KOSOVO))])
        assert (again.new_updates, again.deliveries_queued) == (0, 0)
        assert [u.id for u in await store.latest()] == list(first.update_ids)

"""Follows in the store: the operator's and each server's sources, one polled row per URL.

Real SQLite in a temp file; the commits stand in for polls (tests/integration/test_poll_follows.py
polls a real feed server).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.follows import FollowRefused, SourceLimits
from bot.store import Store
from tests.fakes.clock import FakeClock
from tests.integration._store_support import (
    KOSOVO,
    T0,
    commit,
    match,
    source,
    subscribe,
    update,
)

GUILD_A, GUILD_B = 1001, 1002
CHANNEL_A, CHANNEL_B = 11, 22
LOCAL = "https://local.example/feed.xml"


async def open_limited(database: str, **limits: object) -> Store:
    return await Store.open(database, clock=FakeClock(T0),
                            limits=SourceLimits(**limits))  # type: ignore[arg-type]


@pytest.fixture
async def store(database: str) -> AsyncIterator[Store]:
    async with await open_limited(database) as s:
        await subscribe(s, CHANNEL_A, "kosovo", guild_id=GUILD_A)
        await subscribe(s, CHANNEL_B, "kosovo", guild_id=GUILD_B)
        yield s


async def owed(store: Store) -> dict[int, list[str]]:
    """Pending deliveries: channel → update keys."""
    found: dict[int, list[str]] = {}
    for d in await store.pending_deliveries(T0 + timedelta(days=1)):
        found.setdefault(d.channel_id, []).append(d.update.key)
    return found


async def test_a_servers_source_reaches_only_that_servers_channels(store: Store) -> None:
    added = await store.add_follow(GUILD_A, LOCAL, name="Local news", now=T0)
    await commit(store, [(update("u1"), match(*KOSOVO))], source_id=added.follow.source)
    assert await owed(store) == {CHANNEL_A: ["u1"]}


async def test_an_operator_source_reaches_every_server(store: Store) -> None:
    await store.sync_sources([source("wire")], T0)
    await commit(store, [(update("u1"), match(*KOSOVO))])
    assert await owed(store) == {CHANNEL_A: ["u1"], CHANNEL_B: ["u1"]}


async def test_two_servers_following_one_url_share_one_source_and_each_sees_its_name(
    store: Store,
) -> None:
    a = await store.add_follow(GUILD_A, LOCAL, name="Local news", now=T0)
    # Another spelling of the same feed: host case, default port, fragment.
    b = await store.add_follow(GUILD_B, "HTTPS://Local.Example:443/feed.xml#latest",
                               name="Nachrichten", now=T0)
    assert a.follow.source == b.follow.source
    assert [s.source.id for s in await store.source_states()] == [a.follow.source]
    # What is fetched is the first follower's spelling.
    assert b.state.source.url == LOCAL
    await commit(store, [(update("u1"), match(*KOSOVO))], source_id=a.follow.source)
    names = {d.channel_id: d.update.source_name
             for d in await store.pending_deliveries(T0 + timedelta(days=1))}
    assert names == {CHANNEL_A: "Local news", CHANNEL_B: "Nachrichten"}


async def test_a_path_that_differs_in_case_is_another_feed(store: Store) -> None:
    a = await store.add_follow(GUILD_A, LOCAL, name="Local", now=T0)
    b = await store.add_follow(GUILD_B, "https://local.example/Feed.xml", name="Other", now=T0)
    assert a.follow.source != b.follow.source


async def test_the_shortest_interval_wins_with_servers_held_to_the_minimum(
    database: str,
) -> None:
    async with await open_limited(database, min_interval=600) as store:
        await store.add_follow(GUILD_A, LOCAL, name="A", interval=3600, now=T0)
        [state] = await store.source_states()
        assert state.source.interval == 3600
        await store.add_follow(GUILD_B, LOCAL, name="B", interval=900, now=T0)
        [state] = await store.source_states()
        assert state.source.interval == 900
        # A shorter interval takes effect now, not after the old wait.
        assert state.next_poll_at is not None
        assert state.next_poll_at <= T0 + timedelta(seconds=900)
        with pytest.raises(FollowRefused, match="shortest interval a server's source may have "
                                                "is 10m"):
            await store.add_follow(GUILD_B, "https://b.example/rss", name="B", interval=300,
                                   now=T0)
        # The operator is not held to the servers' minimum.
        await store.add_follow(None, LOCAL, name="Operator", interval=120, now=T0)
        [state] = await store.source_states()
        assert (state.source.interval, state.source.name) == (120, "Operator")


async def test_a_minimum_raised_later_applies_to_what_servers_chose_before(
    database: str,
) -> None:
    async with await open_limited(database, min_interval=300) as store:
        await store.add_follow(GUILD_A, LOCAL, name="A", interval=300, now=T0)
    async with await open_limited(database, min_interval=1800) as store:
        # Any follow change recomputes; a sync (every start) is one.
        await store.sync_sources([], T0)
        await store.edit_follow(GUILD_A, LOCAL, name="A again", now=T0)
        [state] = await store.source_states()
        assert state.source.interval == 1800


async def test_a_server_at_its_limit_is_refused_and_nothing_is_added(database: str) -> None:
    async with await open_limited(database, per_guild=2) as store:
        await store.add_follow(GUILD_A, "https://one.example/rss", name="One", now=T0)
        await store.add_follow(GUILD_A, "https://two.example/rss", name="Two", now=T0)
        with pytest.raises(FollowRefused, match=r"follows 2 sources, the most this bot "
                                                r"allows \(2\); remove one first"):
            await store.check_follow(GUILD_A, "https://three.example/rss")
        with pytest.raises(FollowRefused, match="the most this bot allows"):
            await store.add_follow(GUILD_A, "https://three.example/rss", name="Three", now=T0)
        assert len(await store.follows(GUILD_A)) == 2
        assert len(await store.source_states()) == 2
        # Another server has its own room; a removed follow frees a place.
        await store.add_follow(GUILD_B, "https://three.example/rss", name="Three", now=T0)
        await store.remove_follow(GUILD_A, "One", now=T0)
        await store.add_follow(GUILD_A, "https://three.example/rss", name="Three", now=T0)


async def test_servers_may_be_kept_from_adding_sources(database: str) -> None:
    async with await open_limited(database, allowed=False) as store:
        with pytest.raises(FollowRefused, match="servers may not add sources"):
            await store.add_follow(GUILD_A, LOCAL, name="Local", now=T0)
        with pytest.raises(FollowRefused, match="servers may not add sources"):
            await store.check_follow(GUILD_A, LOCAL)
        await store.add_follow(None, LOCAL, name="Local", now=T0)  # the operator may


@pytest.mark.parametrize(("url", "says"), [
    ("ftp://local.example/feed", r"not an http\(s\) URL"),
    ("https:///feed", r"not an http\(s\) URL"),
    ("https://user:pw@local.example/feed", "user name or password"),
    ("https://local.example:99999/feed", r"not an http\(s\) URL"),
])
async def test_urls_that_cannot_be_sources_are_refused(store: Store, url: str, says: str) -> None:
    with pytest.raises(FollowRefused, match=says):
        await store.add_follow(GUILD_A, url, name="Local", now=T0)


async def test_following_a_url_twice_is_refused_naming_the_first(store: Store) -> None:
    await store.add_follow(GUILD_A, LOCAL, name="Local", now=T0)
    with pytest.raises(FollowRefused, match="this server follows that feed already, as 'Local'"):
        await store.add_follow(GUILD_A, LOCAL.upper().replace("FEED.XML", "feed.xml"),
                               name="Again", now=T0)


async def test_removing_keeps_the_updates_for_that_server_and_stops_the_fetch(
    store: Store,
) -> None:
    added = await store.add_follow(GUILD_A, LOCAL, name="Local", now=T0)
    source_id = added.follow.source
    await commit(store, [(update("u1"), match(*KOSOVO))], source_id=source_id)
    removed = await store.remove_follow(GUILD_A, LOCAL, now=T0)
    assert removed.source == source_id
    # Nobody follows it: not listed, never due.
    assert await store.source_states() == []
    assert await store.due_sources(T0 + timedelta(days=1)) == []
    assert await store.follows(GUILD_A) == []
    # Its updates stay for the server that had it, and never show to another.
    assert [u.key for u in await store.latest(guild_id=GUILD_A)] == ["u1"]
    assert [u.key for u in await store.search("gunfire", guild_id=GUILD_A)] == ["u1"]
    assert await store.latest(guild_id=GUILD_B) == []
    assert await store.latest(operator_only=True) == []
    # Following it again resumes: the entries known are not news again.
    again = await store.add_follow(GUILD_A, LOCAL, name="Local", now=T0)
    assert again.follow.source == source_id
    summary = await commit(store, [(update("u1"), match(*KOSOVO))], source_id=source_id)
    assert summary.new_updates == 0


async def test_one_server_removing_a_shared_source_leaves_the_other_reading_it(
    store: Store,
) -> None:
    a = await store.add_follow(GUILD_A, LOCAL, name="A", interval=300, now=T0)
    await store.add_follow(GUILD_B, LOCAL, name="B", interval=3600, now=T0)
    await store.remove_follow(GUILD_A, a.follow.source, now=T0)
    [state] = await store.source_states()
    assert (state.source.interval, state.source.name) == (3600, "B")
    await commit(store, [(update("u1"), match(*KOSOVO))], source_id=a.follow.source)
    assert await owed(store) == {CHANNEL_B: ["u1"]}


async def test_removing_what_is_not_followed_is_refused(store: Store) -> None:
    await store.add_follow(GUILD_A, LOCAL, name="Local", now=T0)
    with pytest.raises(FollowRefused, match="this server does not follow a source 'Local'"):
        await store.remove_follow(GUILD_B, "Local", now=T0)


async def test_a_disabled_follow_neither_polls_nor_delivers(store: Store) -> None:
    added = await store.add_follow(GUILD_A, LOCAL, name="Local", now=T0)
    edited = await store.edit_follow(GUILD_A, "Local", enabled=False, name="Quiet", now=T0)
    assert (edited.follow.enabled, edited.follow.name) == (False, "Quiet")
    assert await store.due_sources(T0 + timedelta(days=1)) == []
    await commit(store, [(update("u1"), match(*KOSOVO))], source_id=added.follow.source)
    assert await owed(store) == {}


async def test_config_sources_are_changed_only_by_the_file(store: Store) -> None:
    await store.sync_sources([source("wire")], T0)
    with pytest.raises(FollowRefused, match=r"comes from sources\.toml; remove it there"):
        await store.remove_follow(None, "wire", now=T0)
    with pytest.raises(FollowRefused, match=r"comes from sources\.toml; edit it there"):
        await store.edit_follow(None, "wire", name="Mine", now=T0)
    with pytest.raises(FollowRefused, match="already the operator's source 'wire'"):
        await store.add_follow(None, "https://news.example/wire.xml", name="Again", now=T0)
    # A server may follow the operator's URL too; it shares the row.
    mine = await store.add_follow(GUILD_A, "https://news.example/wire.xml", name="Ours", now=T0)
    assert mine.follow.source == "wire"


async def test_operator_sources_from_the_database_sit_beside_the_file(store: Store) -> None:
    await store.sync_sources([source("wire")], T0)
    await store.add_follow(None, LOCAL, name="Local", now=T0)
    await store.sync_sources([source("wire")], T0)  # a reload does not drop it
    follows = {f.follow.source: f.follow.from_config for f in await store.follows(None)}
    assert follows == {"wire": True, "local-example-feed-xml": False}
    await commit(store, [(update("u1"), match(*KOSOVO))], source_id="local-example-feed-xml")
    assert await owed(store) == {CHANNEL_A: ["u1"], CHANNEL_B: ["u1"]}


async def test_the_file_wins_a_url_a_server_added_first_and_the_server_keeps_it(
    store: Store,
) -> None:
    added = await store.add_follow(GUILD_A, "https://news.example/wire.xml", name="Ours", now=T0)
    assert added.follow.source == "news-example-wire-xml"
    await commit(store, [(update("u1"), match(*KOSOVO))], source_id=added.follow.source)
    await store.mute(GUILD_B, added.follow.source, until=None, reason="", created_by=None, now=T0)
    await store.sync_sources([source("wire")], T0)
    # The row, its updates, the server's follow and the mute now go by the configured id.
    assert [s.source.id for s in await store.source_states()] == ["wire"]
    [ours] = await store.follows(GUILD_A)
    assert (ours.follow.source, ours.follow.name) == ("wire", "Ours")
    assert [(u.source, u.key) for u in await store.latest()] == [("wire", "u1")]
    assert [m.source for m in await store.mutes(GUILD_B, T0)] == ["wire"]
    summary = await commit(store, [(update("u1"), match(*KOSOVO))], source_id="wire")
    assert summary.new_updates == 0  # the entries known came along


async def test_a_configured_url_that_changes_leaves_the_old_feed_to_its_servers(
    store: Store,
) -> None:
    await store.sync_sources([source("wire")], T0)
    await store.add_follow(GUILD_A, "https://news.example/wire.xml", name="Ours", now=T0)
    moved = source("wire", url="https://news.example/other.xml")
    await store.sync_sources([moved], T0)
    [ours] = await store.follows(GUILD_A)
    assert ours.follow.source == "news-example-wire-xml"
    assert ours.state.source.url == "https://news.example/wire.xml"
    [operator] = await store.follows(None)
    assert (operator.follow.source, operator.state.source.url) == ("wire", moved.url)


async def test_a_configured_source_dropped_from_the_file_stays_for_its_server(
    store: Store,
) -> None:
    await store.sync_sources([source("wire")], T0)
    await store.add_follow(GUILD_A, "https://news.example/wire.xml", name="Ours", now=T0)
    await store.sync_sources([], T0)
    assert [s.source.id for s in await store.source_states()] == ["wire"]
    await commit(store, [(update("u1"), match(*KOSOVO))])
    assert await owed(store) == {CHANNEL_A: ["u1"]}


async def test_a_server_that_removed_the_bot_gets_nothing_and_is_forgotten_after_the_grace(
    database: str,
) -> None:
    async with await open_limited(database, leave_grace=timedelta(days=7)) as store:
        await subscribe(store, CHANNEL_A, "kosovo", guild_id=GUILD_A)
        await subscribe(store, CHANNEL_B, "kosovo", guild_id=GUILD_B)
        await store.sync_sources([source("wire")], T0)
        local = (await store.add_follow(GUILD_A, LOCAL, name="Local", now=T0)).follow.source
        await commit(store, [(update("u0"), match(*KOSOVO))], source_id=local)
        await store.mute(GUILD_A, "wire", until=None, reason="", created_by=None, now=T0)
        await store.guild_left(GUILD_A, T0)
        # What was owed to it is given up: Discord would refuse every send.
        assert await owed(store) == {}
        # Its own source is no longer polled; the operator's reaches only the others.
        assert [s.source.id for s in await store.source_states()] == ["wire"]
        await store.unmute(GUILD_A, "wire")
        await commit(store, [(update("u1"), match(*KOSOVO))])
        assert await owed(store) == {CHANNEL_B: ["u1"]}
        # Within the grace nothing is deleted.
        assert (await store.forget_left_guilds(T0 + timedelta(days=6))).guilds == 0
        # Back within the grace: its source polls again and its channel gets alerts.
        assert await store.guild_joined(GUILD_A, T0 + timedelta(days=6)) is True
        assert {s.source.id for s in await store.source_states()} == {"wire", local}
        await commit(store, [(update("u2"), match(*KOSOVO))])
        assert (await owed(store))[CHANNEL_A] == ["u2"]
        # Gone for longer than the grace: everything of it is deleted.
        await store.mute(GUILD_A, "wire", until=None, reason="", created_by=None, now=T0)
        await store.guild_left(GUILD_A, T0 + timedelta(days=7))
        forgotten = await store.forget_left_guilds(T0 + timedelta(days=14))
        assert (forgotten.guilds, forgotten.follows, forgotten.subscriptions,
                forgotten.mutes) == (1, 1, 1, 1)
        assert await store.subscriptions(GUILD_A) == []
        assert await store.follows(GUILD_A) == []
        assert [s.source.id for s in await store.source_states()] == ["wire"]
        assert await store.guild_joined(GUILD_A, T0 + timedelta(days=15)) is False
        # The other server lost nothing.
        assert len(await store.subscriptions(GUILD_B)) == 1


async def test_a_server_lists_its_sources_and_the_operators_with_health(store: Store) -> None:
    await store.sync_sources([source("wire")], T0)
    await store.add_follow(GUILD_A, LOCAL, name="Local", added_by=77, now=T0)
    await store.add_follow(GUILD_B, "https://b.example/rss", name="B's", now=T0)
    listed = await store.follows(GUILD_A, with_operator=True)
    assert [(f.follow.name, f.follow.guild_id) for f in listed] == [
        ("Local", GUILD_A), ("Wire", None)]
    local = listed[0]
    assert (local.follow.added_by, local.state.first_polled) == (77, False)
    assert local.state.next_poll_at is not None

"""Stories (issue 14) in the store: a developing entry's later updates are queued to follow the
story's alert in each channel, in the commit that stores them, as each subscription says."""

from __future__ import annotations

from bot.model import Delivery, StoryMode
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


def entry(key: str = "e", *, entry_key: str = "story-1", text: str = "") -> tuple:
    body = text or "Kosovo Police closed the border crossings at Jarinje and Brnjak."
    return (update(key, entry_key=entry_key, kind="entry", text=body), match(*KOSOVO))


def segment(key: str, *, entry_key: str = "story-1") -> tuple:
    return (update(key, entry_key=entry_key, text=f"Gunfire reported near the crossing ({key})."),
            match(*KOSOVO))


async def queued(store: Store) -> dict[tuple[str, int], Delivery]:
    """Every pending row by (update key, channel)."""
    return {(d.update.key, d.channel_id): d for d in await store.pending_deliveries(T0)}


async def test_a_later_update_follows_the_storys_alert_in_each_channel(database: str) -> None:
    async with open_store(database, source()) as store:
        await subscribe(store, 10, "kosovo")
        await subscribe(store, 20, "balkans", story=StoryMode.THREAD)
        await commit(store, [entry()])
        await commit(store, [segment("s1")])
        rows = await queued(store)
        for channel in (10, 20):
            alert = rows[("e", channel)]
            assert alert.story_alert is None
            assert rows[("s1", channel)].story_alert == alert.id
            # Not posted yet: the channel drains in order, so it goes before the update.
            assert await store.story_alert(alert.id) == (None, None)
        alert_id = rows[("e", 10)].id
        await store.mark_sent([alert_id], 555, T0)
        await store.record_thread(alert_id, 777)
        assert await store.story_alert(alert_id) == (555, 777)
        [follower] = [d for d in await store.pending_deliveries(T0) if d.update.key == "s1"
                      and d.channel_id == 10]
        assert follower.story_thread == 777


async def test_channel_mode_posts_a_storys_updates_as_plain_alerts(database: str) -> None:
    async with open_store(database, source()) as store:
        await subscribe(store, 10, "kosovo", story=StoryMode.CHANNEL)
        await commit(store, [entry()])
        await commit(store, [segment("s1")])
        assert [d.story_alert for d in (await queued(store)).values()] == [None, None]


async def test_a_story_without_an_alert_in_the_channel_starts_afresh(database: str) -> None:
    async with open_store(database, source()) as store:
        await subscribe(store, 10, "kosovo")
        await commit(store, [entry()])
        # Channel 20 subscribes after the story's first alert: its first update starts it.
        await subscribe(store, 20, "kosovo")
        await commit(store, [segment("s1")])
        await commit(store, [segment("s2")])
        rows = await queued(store)
        assert rows[("s1", 20)].story_alert is None
        assert rows[("s2", 20)].story_alert == rows[("s1", 20)].id
        assert rows[("s2", 10)].story_alert == rows[("e", 10)].id


async def test_an_alert_given_up_on_leaves_the_story_to_start_afresh(database: str) -> None:
    async with open_store(database, source()) as store:
        await subscribe(store, 10, "kosovo")
        await commit(store, [entry()])
        [alert] = await store.pending_deliveries(T0)
        await store.mark_failed([alert.id], "Discord refused the message")
        await commit(store, [segment("s1")])
        assert (await queued(store))[("s1", 10)].story_alert is None


async def test_several_new_segments_in_one_poll_follow_the_first_of_them(database: str) -> None:
    async with open_store(database, source()) as store:
        await commit(store, [entry()])  # before the channel subscribed
        await subscribe(store, 10, "kosovo")
        other = entry("other", entry_key="x", text="Kosovo Police reopened Merdare crossing.")
        await commit(store, [segment("s1"), segment("s2"), segment("s3"), other])
        rows = await queued(store)
        first = rows[("s1", 10)]
        assert first.story_alert is None
        assert [rows[(k, 10)].story_alert for k in ("s2", "s3")] == [first.id, first.id]
        assert rows[("other", 10)].story_alert is None
        # The channel still gets them in the order they came.
        order = [d.update.key for d in await store.pending_deliveries(T0)]
        assert order.index("s1") < order.index("s2") < order.index("s3")


async def test_another_sources_entry_of_the_same_key_is_another_story(database: str) -> None:
    async with open_store(database, source(), source("radio")) as store:
        await subscribe(store, 10, "kosovo")
        await commit(store, [entry()])
        await commit(store, [segment("s1")], source_id="radio")
        assert (await queued(store))[("s1", 10)].story_alert is None


async def test_threads_refused_turn_a_channels_stories_into_replies_once(database: str) -> None:
    async with open_store(database) as store:
        await subscribe(store, 10, "kosovo", story=StoryMode.THREAD)
        await subscribe(store, 10, "balkans", story=StoryMode.CHANNEL)
        await subscribe(store, 20, "kosovo", story=StoryMode.THREAD)
        [changed] = await store.stories_by_reply(10)
        assert (changed.region, changed.story) == ("kosovo", StoryMode.REPLY)
        assert await store.stories_by_reply(10) == []
        stories = {(s.channel_id, s.region): s.story for s in await store.subscriptions(1)}
        assert stories == {(10, "kosovo"): StoryMode.REPLY, (10, "balkans"): StoryMode.CHANNEL,
                           (20, "kosovo"): StoryMode.THREAD}

"""Stories (issue 14) through the real sender, DiscordTransport and discord.py against the fake
Discord, with a real store: a developing entry's later updates reply to its first alert, or go
in one thread opened on it, exactly once."""

from __future__ import annotations

import itertools
from datetime import timedelta

from bot.delivery.discord import DiscordTransport
from bot.delivery.sender import NONCE_WINDOW, Sender
from bot.model import Severity, StoryMode, Update
from tests.e2e.test_sender_edits import REGION_NAMES, Rig, rig
from tests.fakes.discord import permissions
from tests.fakes.discord.state import FakeChannel, FakeMessage
from tests.reliability.conftest import posted_delivery_ids

__all__ = ["rig"]

TITLE = "Kosovo Military Deploys to Serbian Border, Crossings Closed"
THREADS = "/threads"
_segments = itertools.count(1)


async def subscribe(rig: Rig, channel: FakeChannel, story: StoryMode = StoryMode.REPLY) -> None:
    await rig.store.subscribe(
        rig.guild.id, channel.id, "kosovo", min_severity=Severity.LOW, filter="",
        ping_role_id=None, ping_severity=Severity.CRITICAL, publish=False, now=rig.clock(),
        story=story)


async def commit(rig: Rig, kind: str, text: str) -> None:
    """The story's entry, or one new segment of it, as the wire's poll commits it."""
    n = next(_segments)
    update = Update(f"story#{n}", "story", kind, TITLE, text, "https://wire.example/story",
                    f"Update ({n})" if kind == "segment" else None, rig.clock())
    m = rig.matcher.match(text, TITLE, title_severity=True, language="en")
    await rig.store.commit_poll(
        "wire", states=[], updates=[(update, m)], now=rig.clock(),
        next_poll_at=rig.clock() + timedelta(minutes=5), status=200, etag=None,
        last_modified=None, body_hash=None, deliver=True,
    )


async def post_alert(rig: Rig) -> FakeMessage:
    """The story's first alert, posted."""
    await commit(rig, "entry", "Kosovo Police closed the crossings at Brnjak and Jarinje.")
    await rig.sender().drain_once()
    return rig.fake.messages(rig.guild.channel_named("kosovo"))[0]


async def grow(rig: Rig, text: str, sender: Sender | None = None) -> None:
    await commit(rig, "segment", text)
    await (sender or rig.sender()).drain_once()


def threads_started(rig: Rig) -> int:
    return sum(1 for r in rig.fake.requests if r.method == "POST" and r.path.endswith(THREADS))


def reply_target(message: FakeMessage) -> int | None:
    return message.referenced.id if message.referenced is not None else None


async def test_a_storys_later_updates_reply_to_its_first_alert(rig: Rig) -> None:
    channel = rig.guild.add_channel("kosovo")
    await subscribe(rig, channel)
    alert = await post_alert(rig)
    await grow(rig, "Gunfire reported throughout border regions in Northern Kosovo.")
    await grow(rig, "NATO has released a statement on the tensions in Kosovo.")
    first, *replies = rig.fake.messages(channel)
    assert first.id == alert.id and first.type == 0
    assert len(replies) == 2
    assert all(m.type == 19 and reply_target(m) == alert.id for m in replies)
    assert not any(m.pinged_users for m in replies)
    assert threads_started(rig) == 0


async def test_a_storys_updates_queued_together_are_one_reply(rig: Rig) -> None:
    channel = rig.guild.add_channel("kosovo")
    await subscribe(rig, channel)
    alert = await post_alert(rig)
    await commit(rig, "segment", "Gunfire reported throughout border regions in Kosovo.")
    await commit(rig, "segment", "NATO has released a statement on the tensions in Kosovo.")
    assert await rig.sender().drain_once() == 2
    _, reply = rig.fake.messages(channel)
    assert reply_target(reply) == alert.id and len(reply.embeds) == 2


async def test_follow_channel_posts_a_storys_updates_as_plain_alerts(rig: Rig) -> None:
    channel = rig.guild.add_channel("kosovo")
    await subscribe(rig, channel, StoryMode.CHANNEL)
    await post_alert(rig)
    await grow(rig, "Gunfire reported throughout border regions in Northern Kosovo.")
    assert [m.type for m in rig.fake.messages(channel)] == [0, 0]


async def test_follow_thread_posts_a_storys_updates_in_one_thread_on_its_alert(rig: Rig) -> None:
    channel = rig.guild.add_channel("kosovo")
    await subscribe(rig, channel, StoryMode.THREAD)
    alert = await post_alert(rig)
    await grow(rig, "Gunfire reported throughout border regions in Northern Kosovo.")
    await grow(rig, "NATO has released a statement on the tensions in Kosovo.")
    assert rig.fake.messages(channel) == [alert]
    assert alert.thread is not None and alert.thread.name == TITLE
    assert len(rig.fake.messages(alert.thread)) == 2
    assert threads_started(rig) == 1
    assert await rig.store.outbox_depth() == 0


async def test_a_thread_opened_before_a_crash_is_found_again_not_opened_twice(rig: Rig) -> None:
    """The bot opened the thread, then died before recording it: Discord answers 160004 to
    a second start, and the bot posts in the thread there is."""
    channel = rig.guild.add_channel("kosovo")
    await subscribe(rig, channel, StoryMode.THREAD)
    alert = await post_alert(rig)
    thread = rig.guild.start_thread(channel, alert, "opened before the crash")
    await grow(rig, "Gunfire reported throughout border regions in Northern Kosovo.")
    assert len(rig.fake.messages(thread)) == 1
    assert [c for c in rig.guild.channels.values() if c.is_thread] == [thread]
    await grow(rig, "NATO has released a statement on the tensions in Kosovo.")
    assert len(rig.fake.messages(thread)) == 2
    assert threads_started(rig) == 1  # recorded the first time: not asked again


async def test_without_create_public_threads_stories_reply_and_the_guild_is_told_once(
    rig: Rig,
) -> None:
    channel = rig.guild.add_channel("kosovo")
    channel.set_overwrite(rig.guild.bot_role, deny=permissions.CREATE_PUBLIC_THREADS)
    await subscribe(rig, channel, StoryMode.THREAD)
    alert = await post_alert(rig)
    await grow(rig, "Gunfire reported throughout border regions in Northern Kosovo.")
    await grow(rig, "NATO has released a statement on the tensions in Kosovo.")
    _, *replies = rig.fake.messages(channel)
    assert [reply_target(m) for m in replies] == [alert.id, alert.id]
    assert rig.guild.system_channel is not None
    [told] = rig.fake.messages(rig.guild.system_channel)
    assert "Create Public Threads" in told.content and f"<#{channel.id}>" in told.content
    [sub] = await rig.store.subscriptions(rig.guild.id)
    assert sub.story is StoryMode.REPLY
    assert threads_started(rig) == 1


async def test_a_reply_to_a_deleted_alert_is_posted_plain(rig: Rig) -> None:
    channel = rig.guild.add_channel("kosovo")
    await subscribe(rig, channel)
    alert = await post_alert(rig)
    channel.messages.remove(alert)
    await grow(rig, "Gunfire reported throughout border regions in Northern Kosovo.")
    [plain] = rig.fake.messages(channel)
    assert plain.type == 0 and plain.referenced is None
    assert await rig.store.outbox_depth() == 0


async def test_a_thread_post_whose_answer_was_lost_is_found_in_the_thread(rig: Rig) -> None:
    """Past the nonce window, the sender looks for the delivery in the story's thread (not
    only in the channel) before posting it again."""
    channel = rig.guild.add_channel("kosovo")
    await subscribe(rig, channel, StoryMode.THREAD)
    alert = await post_alert(rig)
    await grow(rig, "Gunfire reported throughout border regions in Northern Kosovo.")
    assert alert.thread is not None
    rig.fake.stall_next("POST /channels/{channel_id}/messages", delay=None)
    impatient = Sender(rig.store, DiscordTransport(rig.client, send_timeout_s=0.3),
                       clock=rig.clock, region_names=REGION_NAMES)
    await grow(rig, "NATO has released a statement on the tensions in Kosovo.", impatient)
    rig.fake.release_stalled()
    assert len(rig.fake.messages(alert.thread)) == 2  # made, though its answer never came
    assert await rig.store.outbox_depth() == 1
    rig.clock.advance((NONCE_WINDOW + timedelta(minutes=10)).total_seconds())
    assert await rig.sender().drain_once() == 1
    posted = posted_delivery_ids(rig.fake, alert.thread)
    assert len(posted) == len(set(posted)) == 2
    assert await rig.store.outbox_depth() == 0


async def test_a_thread_a_moderator_deleted_turns_the_story_into_replies(rig: Rig) -> None:
    channel = rig.guild.add_channel("kosovo")
    await subscribe(rig, channel, StoryMode.THREAD)
    alert = await post_alert(rig)
    await grow(rig, "Gunfire reported throughout border regions in Northern Kosovo.")
    thread = alert.thread
    assert thread is not None
    del rig.guild.channels[thread.id], rig.fake.state.channels[thread.id]
    await grow(rig, "NATO has released a statement on the tensions in Kosovo.")
    _, reply = rig.fake.messages(channel)
    assert reply.referenced is alert
    assert rig.guild.system_channel is not None
    [told] = rig.fake.messages(rig.guild.system_channel)
    assert f"<#{channel.id}>" in told.content
    assert await rig.store.outbox_depth() == 0
    # The channel is not paused: the story goes on as replies.
    await grow(rig, "Tensions eased in the afternoon across Northern Kosovo.")
    assert len(rig.fake.messages(channel)) == 3


async def test_an_alert_posted_in_the_same_drain_is_replied_to(rig: Rig) -> None:
    """The alert still waited (rate limited, say) when its story grew: one drain posts the
    alert, opens the thread on it and posts the update there."""
    channel = rig.guild.add_channel("kosovo")
    await subscribe(rig, channel, StoryMode.THREAD)
    await commit(rig, "entry", "Kosovo Police closed the crossings at Brnjak and Jarinje.")
    await commit(rig, "segment", "Gunfire reported throughout border regions in Kosovo.")
    await commit(rig, "segment", "NATO has released a statement on the tensions in Kosovo.")
    assert await rig.sender().drain_once() == 3
    [alert] = rig.fake.messages(channel)
    assert alert.thread is not None
    [update] = rig.fake.messages(alert.thread)
    assert len(update.embeds) == 2
    assert threads_started(rig) == 1

"""Stories (issue 14) through the real sender, DiscordTransport and discord.py against the fake
Discord, with a real store: a developing entry's later updates reply to its first alert, or go
in one thread opened on it, exactly once."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import discord
import pytest

from bot.client import intents
from bot.delivery.discord import DiscordTransport
from bot.delivery.sender import NONCE_WINDOW, Sender
from bot.model import Severity, Source, StoryMode, Update
from bot.pipeline.match import Matcher
from bot.store import Store
from tests.e2e.conftest import MakeFake, running
from tests.fakes.clock import FakeClock
from tests.fakes.discord import FakeDiscord, permissions
from tests.fakes.discord.state import FakeChannel, FakeGuild, FakeMessage
from tests.reliability.conftest import posted_delivery_ids

REGION_NAMES = {"kosovo": "Kosovo", "balkans": "Balkans", "europe": "Europe"}
TITLE = "Kosovo Military Deploys to Serbian Border, Crossings Closed"
THREADS = "/threads"
_segments = itertools.count(1)


@dataclass
class Rig:
    fake: FakeDiscord
    store: Store
    client: discord.Client
    clock: FakeClock
    guild: FakeGuild
    matcher: Matcher
    send_timeout_s: float = 30.0

    def sender(self) -> Sender:
        transport = DiscordTransport(self.client, send_timeout_s=self.send_timeout_s)
        return Sender(self.store, transport, clock=self.clock, region_names=REGION_NAMES)

    async def subscribe(self, channel: FakeChannel, story: StoryMode = StoryMode.REPLY) -> None:
        await self.store.subscribe(
            self.guild.id, channel.id, "kosovo", min_severity=Severity.LOW, filter="",
            ping_role_id=None, ping_severity=Severity.CRITICAL, publish=False, now=self.clock(),
            story=story)

    async def commit(self, kind: str, text: str) -> None:
        """The story's entry, or one new segment of it, as the poll commits it."""
        n = next(_segments)
        update = Update(f"story#{n}", "story", kind, TITLE, text, "https://news.example/story",
                        f"Update ({n})" if kind == "segment" else None, self.clock())
        m = self.matcher.match(text, TITLE, title_severity=True, language="en")
        await self.store.commit_poll(
            "desk", states=[], updates=[(update, m)], now=self.clock(),
            next_poll_at=self.clock() + timedelta(minutes=5), status=200, etag=None,
            last_modified=None, body_hash=None, deliver=True,
        )

    async def alert(self) -> FakeMessage:
        await self.commit("entry", "Kosovo Police closed the crossings at Brnjak and Jarinje.")
        await self.sender().drain_once()
        return self.fake.messages(self.guild.channel_named("kosovo"))[0]

    async def grow(self, text: str) -> None:
        await self.commit("segment", text)
        await self.sender().drain_once()

    def threads_started(self) -> int:
        return sum(1 for r in self.fake.requests
                   if r.method == "POST" and r.path.endswith(THREADS))


@pytest.fixture
async def rig(
    fake_discord_factory: MakeFake, tmp_path: Path, matcher: Matcher
) -> AsyncIterator[Rig]:
    clock = FakeClock()
    fake = await fake_discord_factory(clock=lambda: clock().timestamp(), nonce_window=300.0)
    guild = fake.add_guild("Newsroom")
    store = await Store.open(tmp_path / "bot.db", clock=clock)
    await store.sync_sources([Source("desk", "https://news.example/feed", "Desk", 300)], clock())
    client = discord.Client(intents=intents(), guild_ready_timeout=0.1)
    async with running(client, fake.token):
        yield Rig(fake, store, client, clock, guild, matcher)
    await store.close()


def reply_target(message: FakeMessage) -> int | None:
    return message.referenced.id if message.referenced is not None else None


async def test_a_storys_later_updates_reply_to_its_first_alert(rig: Rig) -> None:
    channel = rig.guild.add_channel("kosovo")
    await rig.subscribe(channel)
    alert = await rig.alert()
    await rig.grow("Gunfire reported throughout border regions in Northern Kosovo.")
    await rig.grow("NATO has released a statement on the tensions in Kosovo.")
    first, *replies = rig.fake.messages(channel)
    assert first.id == alert.id and first.type == 0
    assert len(replies) == 2
    assert all(m.type == 19 and reply_target(m) == alert.id for m in replies)
    assert not any(m.pinged_users for m in replies)
    assert rig.threads_started() == 0


async def test_a_storys_updates_queued_together_are_one_reply(rig: Rig) -> None:
    channel = rig.guild.add_channel("kosovo")
    await rig.subscribe(channel)
    alert = await rig.alert()
    await rig.commit("segment", "Gunfire reported throughout border regions in Northern Kosovo.")
    await rig.commit("segment", "NATO has released a statement on the tensions in Kosovo.")
    assert await rig.sender().drain_once() == 2
    _, reply = rig.fake.messages(channel)
    assert reply_target(reply) == alert.id and len(reply.embeds) == 2


async def test_follow_channel_posts_a_storys_updates_as_plain_alerts(rig: Rig) -> None:
    channel = rig.guild.add_channel("kosovo")
    await rig.subscribe(channel, StoryMode.CHANNEL)
    await rig.alert()
    await rig.grow("Gunfire reported throughout border regions in Northern Kosovo.")
    assert [m.type for m in rig.fake.messages(channel)] == [0, 0]


async def test_follow_thread_posts_a_storys_updates_in_one_thread_on_its_alert(rig: Rig) -> None:
    channel = rig.guild.add_channel("kosovo")
    await rig.subscribe(channel, StoryMode.THREAD)
    alert = await rig.alert()
    await rig.grow("Gunfire reported throughout border regions in Northern Kosovo.")
    await rig.grow("NATO has released a statement on the tensions in Kosovo.")
    assert rig.fake.messages(channel) == [alert]
    assert alert.thread is not None and alert.thread.name == TITLE
    assert len(rig.fake.messages(alert.thread)) == 2
    assert rig.threads_started() == 1
    assert await rig.store.outbox_depth() == 0


async def test_a_thread_opened_before_a_crash_is_found_again_not_opened_twice(rig: Rig) -> None:
    """The bot opened the thread, then died before recording it: Discord answers 160004 to
    a second start, and the bot posts in the thread there is."""
    channel = rig.guild.add_channel("kosovo")
    await rig.subscribe(channel, StoryMode.THREAD)
    alert = await rig.alert()
    thread = rig.guild.start_thread(channel, alert, "opened before the crash")
    await rig.grow("Gunfire reported throughout border regions in Northern Kosovo.")
    assert len(rig.fake.messages(thread)) == 1
    assert [c for c in rig.guild.channels.values() if c.is_thread] == [thread]
    await rig.grow("NATO has released a statement on the tensions in Kosovo.")
    assert len(rig.fake.messages(thread)) == 2
    assert rig.threads_started() == 1  # recorded the first time: not asked again


async def test_without_create_public_threads_stories_reply_and_the_guild_is_told_once(
    rig: Rig,
) -> None:
    channel = rig.guild.add_channel("kosovo")
    channel.set_overwrite(rig.guild.bot_role, deny=permissions.CREATE_PUBLIC_THREADS)
    await rig.subscribe(channel, StoryMode.THREAD)
    alert = await rig.alert()
    await rig.grow("Gunfire reported throughout border regions in Northern Kosovo.")
    await rig.grow("NATO has released a statement on the tensions in Kosovo.")
    _, *replies = rig.fake.messages(channel)
    assert [reply_target(m) for m in replies] == [alert.id, alert.id]
    assert rig.guild.system_channel is not None
    [told] = rig.fake.messages(rig.guild.system_channel)
    assert "Create Public Threads" in told.content and f"<#{channel.id}>" in told.content
    [sub] = await rig.store.subscriptions(rig.guild.id)
    assert sub.story is StoryMode.REPLY
    assert rig.threads_started() == 1


async def test_a_reply_to_a_deleted_alert_is_posted_plain(rig: Rig) -> None:
    channel = rig.guild.add_channel("kosovo")
    await rig.subscribe(channel)
    alert = await rig.alert()
    channel.messages.remove(alert)
    await rig.grow("Gunfire reported throughout border regions in Northern Kosovo.")
    [plain] = rig.fake.messages(channel)
    assert plain.type == 0 and plain.referenced is None
    assert await rig.store.outbox_depth() == 0


async def test_a_thread_post_whose_answer_was_lost_is_found_in_the_thread(rig: Rig) -> None:
    """Past the nonce window, the sender looks for the delivery in the story's thread (not
    only in the channel) before posting it again."""
    channel = rig.guild.add_channel("kosovo")
    await rig.subscribe(channel, StoryMode.THREAD)
    alert = await rig.alert()
    await rig.grow("Gunfire reported throughout border regions in Northern Kosovo.")
    assert alert.thread is not None
    rig.fake.stall_next("POST /channels/{channel_id}/messages", delay=None)
    rig.send_timeout_s = 0.3
    await rig.grow("NATO has released a statement on the tensions in Kosovo.")
    rig.fake.release_stalled()
    assert len(rig.fake.messages(alert.thread)) == 2  # made, though its answer never came
    assert await rig.store.outbox_depth() == 1
    rig.clock.advance((NONCE_WINDOW + timedelta(minutes=10)).total_seconds())
    assert await rig.sender().drain_once() == 1
    posted = posted_delivery_ids(rig.fake, alert.thread)
    assert len(posted) == len(set(posted)) == 2
    assert await rig.store.outbox_depth() == 0

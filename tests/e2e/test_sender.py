"""The outbox sender through the real DiscordTransport and discord.py, against the fake Discord,
with a real store. What Discord ends up holding is what is asserted.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import discord
import pytest

from bot.client import intents
from bot.delivery.discord import DiscordTransport
from bot.delivery.sender import Sender
from bot.model import Match, RegionHit, Severity, Source, Update
from bot.store import Store
from tests.e2e.conftest import MakeFake, running
from tests.fakes.clock import FakeClock
from tests.fakes.discord import FakeDiscord
from tests.fakes.discord.permissions import EMBED_LINKS, MENTION_EVERYONE
from tests.fakes.discord.state import ANNOUNCEMENT, FakeChannel, FakeGuild

REGION_NAMES = {"kosovo": "Kosovo", "balkans": "Balkans", "europe": "Europe"}
_keys = itertools.count(1)


def match(severity: Severity) -> Match:
    return Match(("kosovo", "balkans", "europe"), (RegionHit("kosovo", ("Kosovo",)),), severity)


@dataclass
class Rig:
    fake: FakeDiscord
    store: Store
    client: discord.Client
    clock: FakeClock
    guild: FakeGuild

    def sender(self) -> Sender:
        return Sender(self.store, DiscordTransport(self.client), clock=self.clock,
                      region_names=REGION_NAMES)

    async def subscribe(self, channel: FakeChannel, **options: object) -> None:
        settings: dict[str, object] = {
            "min_severity": Severity.LOW, "filter": "", "ping_role_id": None,
            "ping_severity": Severity.CRITICAL, "publish": False, **options,
        }
        await self.store.subscribe(self.guild.id, channel.id, "balkans", now=self.clock(),
                                   **settings)  # type: ignore[arg-type]

    async def publish(self, *texts: str, severity: Severity = Severity.HIGH) -> None:
        """Commit updates as a poll would, queueing their deliveries."""
        updates = []
        for text in texts:
            n = next(_keys)
            # Each of its own entry: these tests are about batching, not stories.
            updates.append((Update(f"k{n}", f"entry-{n}", "segment", "Crossings shut", text,
                                   "https://news.example/story", f"Update {n}", None),
                            match(severity)))
        await self.store.commit_poll(
            "desk", states=[], updates=updates, now=self.clock(),
            next_poll_at=self.clock() + timedelta(minutes=5), status=200, etag=None,
            last_modified=None, body_hash=None, deliver=True,
        )


@pytest.fixture
async def rig(fake_discord_factory: MakeFake, bot_database: Path | str) -> AsyncIterator[Rig]:
    clock = FakeClock()
    fake = await fake_discord_factory(clock=lambda: clock().timestamp(), nonce_window=300.0)
    guild = fake.add_guild("Newsroom")
    store = await Store.open(bot_database, clock=clock)
    await store.sync_sources([Source("desk", "https://news.example/feed", "Desk", 300)], clock())
    client = discord.Client(intents=intents(), guild_ready_timeout=0.1)
    async with running(client, fake.token):
        yield Rig(fake, store, client, clock, guild)
    await store.close()


def footers(fake: FakeDiscord, channel: FakeChannel) -> list[str]:
    return [e["footer"]["text"] for m in fake.messages(channel) for e in m.embeds]


async def test_a_burst_goes_in_order_as_messages_of_at_most_ten_embeds(rig: Rig) -> None:
    channel = rig.guild.add_channel("balkans")
    await rig.subscribe(channel)
    await rig.publish(*(f"Update number {i} from the crossing at Jarinje." for i in range(25)))
    assert await rig.sender().drain_once() == 25
    messages = rig.fake.messages(channel)
    assert [len(m.embeds) for m in messages] == [10, 10, 5]
    texts = [e["description"] for m in messages for e in m.embeds]
    assert [int(t.split("number ")[1].split()[0]) for t in texts] == list(range(25))
    assert await rig.store.outbox_depth() == 0


async def test_only_the_subscription_role_is_pinged_and_only_when_severe_enough(rig: Rig) -> None:
    channel = rig.guild.add_channel("balkans")
    role = rig.guild.add_role("alerts", mentionable=True)
    await rig.subscribe(channel, ping_role_id=role.id, ping_severity=Severity.CRITICAL)
    await rig.publish("Troops were deployed to the crossing @everyone <@&1234> <@5678>.")
    await rig.sender().drain_once()
    await rig.publish("Gunfire near the bridge in Mitrovica.", severity=Severity.CRITICAL)
    await rig.sender().drain_once()
    high, critical = rig.fake.messages(channel)
    assert not (high.pinged_everyone or high.pinged_roles or high.pinged_users)
    assert critical.pinged_roles == {role.id}
    assert not (critical.pinged_everyone or critical.pinged_users)


@contextlib.asynccontextmanager
async def seen_by_the_bot(rig: Rig, event: str) -> AsyncIterator[None]:
    """Wait until discord.py has applied a change made inside the block to its cache."""
    applied = asyncio.ensure_future(rig.client.wait_for(event))
    yield
    async with asyncio.timeout(5):
        await applied


async def test_a_role_made_unmentionable_later_stops_being_pinged_and_the_guild_is_told_once(
    rig: Rig,
) -> None:
    channel = rig.guild.add_channel("balkans")
    role = rig.guild.add_role("alerts", mentionable=True)
    await rig.subscribe(channel, ping_role_id=role.id, ping_severity=Severity.HIGH)
    await rig.publish("Gunfire near the bridge in Mitrovica.")
    await rig.sender().drain_once()
    async with seen_by_the_bot(rig, "guild_role_update"):
        rig.guild.update_role(role, mentionable=False)
    await rig.publish("Shots fired at the crossing.", "Police cordon the bridge.")
    await rig.sender().drain_once()
    await rig.publish("A second burst of gunfire.")
    await rig.sender().drain_once()
    first, second, third = rig.fake.messages(channel)
    assert first.pinged_roles == {role.id}
    # The alerts still go, without the ping: the bot has Mention Everyone here, but the
    # ping was set by no member who could mention everyone.
    assert not second.pinged_roles and not third.pinged_roles
    assert [len(m.embeds) for m in (second, third)] == [2, 1]
    assert rig.guild.system_channel is not None
    notices = [m.content for m in rig.fake.messages(rig.guild.system_channel)]
    assert len(notices) == 1 and f"I stopped pinging <@&{role.id}>" in notices[0], notices
    (saved,) = await rig.store.subscriptions(rig.guild.id)
    assert saved.ping_role_id is None


async def test_an_unmentionable_role_is_pinged_while_who_set_it_may_mention_everyone(
    rig: Rig,
) -> None:
    channel = rig.guild.add_channel("balkans")
    role = rig.guild.add_role("on-call")
    editor = rig.guild.add_member("editor", admin=True)
    await rig.subscribe(channel, ping_role_id=role.id, ping_severity=Severity.HIGH,
                        ping_set_by=editor.id)
    await rig.publish("Gunfire near the bridge in Mitrovica.")
    await rig.sender().drain_once()
    async with seen_by_the_bot(rig, "guild_channel_update"):
        channel.set_overwrite(rig.guild.everyone, deny=MENTION_EVERYONE)
    await rig.publish("Shots fired at the crossing.")
    await rig.sender().drain_once()
    pinged, quiet = rig.fake.messages(channel)
    assert pinged.pinged_roles == {role.id}
    assert not quiet.pinged_roles


async def crash_mid_send(rig: Rig, channel: FakeChannel) -> None:
    """Post, then die before Discord's answer arrives: the message exists, the row says pending."""
    rig.fake.stall_next(f"POST /channels/{channel.id}/messages", delay=30)
    first = asyncio.create_task(rig.sender().drain_once())
    await rig.fake.wait_until(lambda: len(rig.fake.messages(channel)) == 1, "the stalled post")
    first.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await first
    rig.fake.release_stalled()
    assert await rig.store.outbox_depth() == 1


async def test_a_send_retried_after_a_crash_is_not_posted_twice(rig: Rig) -> None:
    channel = rig.guild.add_channel("balkans")
    await rig.subscribe(channel)
    await rig.publish("Police closed the crossing at Brnjak.")
    await crash_mid_send(rig, channel)
    # The restarted sender resends the same batch with the same nonce: Discord returns the first.
    assert await rig.sender().drain_once() == 1
    assert len(rig.fake.messages(channel)) == 1
    assert await rig.store.outbox_depth() == 0


async def test_after_the_nonce_window_the_channel_history_is_checked_first(rig: Rig) -> None:
    channel = rig.guild.add_channel("balkans")
    await rig.subscribe(channel)
    await rig.publish("Police closed the crossing at Brnjak.")
    await crash_mid_send(rig, channel)
    rig.clock.advance(30 * 60)  # Discord has forgotten the nonce by now
    assert await rig.sender().drain_once() == 1
    assert len(rig.fake.messages(channel)) == 1
    assert await rig.store.outbox_depth() == 0


async def test_lost_permissions_pause_the_subscription_and_the_guild_is_told_once(
    rig: Rig,
) -> None:
    channel = rig.guild.add_channel("balkans")
    channel.set_overwrite(rig.guild.bot_member, deny=EMBED_LINKS)
    await rig.subscribe(channel)
    await rig.publish("Police closed the crossing at Brnjak.")
    await rig.sender().drain_once()
    await rig.publish("Police reopened the crossing at Brnjak.")
    await rig.sender().drain_once()
    assert rig.fake.messages(channel) == []
    [subscription] = await rig.store.subscriptions(rig.guild.id)
    assert subscription.paused_reason and "Embed Links" in subscription.paused_reason
    assert rig.guild.system_channel is not None
    notices = rig.fake.messages(rig.guild.system_channel)
    assert len(notices) == 1 and "Embed Links" in notices[0].content
    assert await rig.store.outbox_depth() == 0  # nothing is retried forever


async def test_announcement_channels_crosspost_when_asked(rig: Rig) -> None:
    channel = rig.guild.add_channel("alerts", ANNOUNCEMENT)
    await rig.subscribe(channel, publish=True)
    await rig.publish("Gunfire near the bridge in Mitrovica.", severity=Severity.CRITICAL)
    await rig.sender().drain_once()
    [message] = rig.fake.messages(channel)
    assert message.crossposted

"""Edits (issue 14) through the real sender, DiscordTransport and discord.py against the fake
Discord, with a real store: reports of one event become one alert, edited to name the others.
"""

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
from bot.delivery.sender import Sender
from bot.model import Severity, Source, Update
from bot.pipeline.match import Matcher
from bot.store import Store
from tests.e2e._depot_fire import ESCALATION, NAMES, REPORTS
from tests.e2e.conftest import MakeFake, running
from tests.fakes.clock import FakeClock
from tests.fakes.discord import FakeDiscord
from tests.fakes.discord.state import FakeChannel, FakeGuild
from tests.integration._store_support import signed

REGION_NAMES = {"kosovo": "Kosovo", "balkans": "Balkans", "europe": "Europe"}
_keys = itertools.count(1)


@dataclass
class Rig:
    fake: FakeDiscord
    store: Store
    client: discord.Client
    clock: FakeClock
    guild: FakeGuild
    matcher: Matcher

    def sender(self) -> Sender:
        return Sender(self.store, DiscordTransport(self.client), clock=self.clock,
                      region_names=REGION_NAMES)

    async def subscribe(self, channel: FakeChannel, region: str = "kosovo") -> None:
        await self.store.subscribe(
            self.guild.id, channel.id, region, min_severity=Severity.LOW, filter="",
            ping_role_id=None, ping_severity=Severity.CRITICAL, publish=False, now=self.clock())

    async def report(self, source_id: str, title: str, text: str) -> None:
        """Commit one report as its source's poll would: matched, signed, joined."""
        n = next(_keys)
        update = Update(f"k{n}", f"e{n}", "entry", title, text, f"https://{source_id}.example/{n}",
                        None, self.clock())
        m = self.matcher.match(text, title, title_severity=True, language="en")
        await self.store.commit_poll(
            source_id, states=[], updates=[(update, m)], now=self.clock(),
            next_poll_at=self.clock() + timedelta(minutes=5), status=200, etag=None,
            last_modified=None, body_hash=None, deliver=True, events=signed([(update, m)]),
        )


@pytest.fixture
async def rig(
    fake_discord_factory: MakeFake, bot_database: Path | str, matcher: Matcher
) -> AsyncIterator[Rig]:
    clock = FakeClock()
    fake = await fake_discord_factory(clock=lambda: clock().timestamp(), nonce_window=300.0)
    guild = fake.add_guild("Newsroom")
    store = await Store.open(bot_database, clock=clock)
    await store.sync_sources(
        [Source(sid, f"https://{sid}.example/feed", name, 300) for sid, name in NAMES.items()],
        clock())
    client = discord.Client(intents=intents(), guild_ready_timeout=0.1)
    async with running(client, fake.token):
        yield Rig(fake, store, client, clock, guild, matcher)
    await store.close()


def also(embed: dict[str, object]) -> str | None:
    fields = embed.get("fields") or []
    assert isinstance(fields, list)
    return next((f["value"] for f in fields if f["name"] == "Also reported by"), None)


async def test_one_alert_edited_to_name_every_other_source(rig: Rig) -> None:
    channel = rig.guild.add_channel("kosovo")
    await rig.subscribe(channel)
    for source_id, title, text in REPORTS:
        await rig.report(source_id, title, text)
        await rig.sender().drain_once()
        rig.clock.advance(120)
    [message] = rig.fake.messages(channel)
    [embed] = message.embeds
    assert embed["title"] == REPORTS[0][1]
    assert also(embed) == "Daily, Radio, Agency, Gazette — 5 sources"
    assert message.edited_timestamp is not None
    patches = [r for r in rig.fake.requests if r.method == "PATCH"]
    assert len(patches) == 4
    assert await rig.store.outbox_depth() == 0


async def test_edits_queued_together_set_the_message_once(rig: Rig) -> None:
    channel = rig.guild.add_channel("kosovo")
    await rig.subscribe(channel)
    for source_id, title, text in REPORTS:
        await rig.report(source_id, title, text)
    assert await rig.sender().drain_once() == 5
    [message] = rig.fake.messages(channel)
    assert also(message.embeds[0]) == "Daily, Radio, Agency, Gazette — 5 sources"
    assert len([r for r in rig.fake.requests if r.method == "PATCH"]) == 1


async def test_the_escalation_is_a_new_alert_that_says_so_and_pings(rig: Rig) -> None:
    channel = rig.guild.add_channel("kosovo")
    role = rig.guild.add_role("alerts", mentionable=True)
    await rig.store.subscribe(
        rig.guild.id, channel.id, "kosovo", min_severity=Severity.LOW, filter="",
        ping_role_id=role.id, ping_severity=Severity.CRITICAL, publish=False, now=rig.clock())
    for source_id, title, text in (*REPORTS[:2], ESCALATION):
        await rig.report(source_id, title, text)
        await rig.sender().drain_once()
    first, escalation = rig.fake.messages(channel)
    assert not first.pinged_roles
    assert escalation.pinged_roles == {role.id}
    fields = {f["name"]: f["value"] for f in escalation.embeds[0]["fields"]}
    assert "severity rises to critical" in fields["Escalation"]
    assert "injured: 11 (was 4)" in fields["Escalation"]
    assert also(first.embeds[0]) == "Daily — 2 sources"


async def test_an_alert_a_moderator_deleted_ends_its_edits_quietly(rig: Rig) -> None:
    channel = rig.guild.add_channel("kosovo")
    await rig.subscribe(channel)
    await rig.report(*REPORTS[0])
    await rig.sender().drain_once()
    [message] = rig.fake.messages(channel)
    channel.messages.remove(message)
    await rig.report(*REPORTS[1])
    assert await rig.sender().drain_once() == 1
    assert rig.fake.messages(channel) == []
    assert await rig.store.outbox_depth() == 0
    # The channel is not paused: the next event is posted as usual.
    await rig.report("radio", "Landslide blocks road to Prizren",
                     "A landslide blocked the main road between Prizren and Pristina overnight; "
                     "no one was hurt, Kosovo police said.")
    await rig.sender().drain_once()
    assert len(rig.fake.messages(channel)) == 1


async def test_a_rate_limited_edit_is_retried_and_lands(rig: Rig) -> None:
    channel = rig.guild.add_channel("kosovo")
    await rig.subscribe(channel)
    await rig.report(*REPORTS[0])
    await rig.sender().drain_once()
    rig.fake.fail_next("PATCH /channels/{channel_id}/messages/{message_id}", 503, count=1)
    await rig.report(*REPORTS[1])
    await rig.sender().drain_once()
    [message] = rig.fake.messages(channel)
    assert also(message.embeds[0]) is None  # not yet: it waits for its retry
    rig.clock.advance(600)
    await rig.sender().drain_once()
    [message] = rig.fake.messages(channel)
    assert also(message.embeds[0]) == "Daily — 2 sources"


async def test_a_message_of_several_alerts_is_set_again_whole(rig: Rig) -> None:
    """Two events posted in one message; a report joining the second sets both embeds."""
    channel = rig.guild.add_channel("kosovo")
    await rig.subscribe(channel)
    await rig.report("radio", "Landslide blocks road to Prizren",
                     "A landslide blocked the main road between Prizren and Pristina overnight; "
                     "no one was hurt, Kosovo police said.")
    await rig.report(*REPORTS[0])
    await rig.sender().drain_once()
    [message] = rig.fake.messages(channel)
    before = [dict(e) for e in message.embeds]
    await rig.report(*REPORTS[1])
    await rig.sender().drain_once()
    [message] = rig.fake.messages(channel)
    assert len(message.embeds) == 2
    assert message.embeds[0] == before[0]
    assert also(message.embeds[1]) == "Daily — 2 sources"

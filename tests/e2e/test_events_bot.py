"""Issue 14 end to end: the whole bot, as `alertbot run` builds it, against the fake Discord and
a local feed server per outlet. Five outlets report one fire in five wordings minutes apart:
the channel gets one alert, edited to name the other four. A sixth outlet's report of deaths
and a critical severity is posted as an escalation, and pings.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pytest

from bot.app import BotRunner, open_core
from bot.client import AlertBot
from bot.model import Severity
from bot.settings import load_settings
from tests.e2e._depot_fire import ESCALATION, NAMES, REPORTS
from tests.e2e.conftest import MakeFake, eventually
from tests.fakes.clock import FakeClock
from tests.fakes.discord import FakeDiscord
from tests.fakes.discord.state import FakeChannel, FakeRole
from tests.fakes.feed_server import ALLOW_LOCAL_TOML, FeedServer

CONFIG = Path(__file__).resolve().parents[2] / "config"
INTERVAL = 60


class Clock(FakeClock):
    def seconds(self) -> float:
        return self.now.timestamp()


def feed(source: str, items: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f'<item><guid isPermaLink="false">{source}-{n}</guid><title>{escape(title)}</title>'
        f"<link>http://{source}.example/{n}</link><description>{escape(text)}</description>"
        "</item>" for n, (title, text) in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{source}</title><link>http://{source}.example/</link>"
            f"<description>{source}</description>{body}</channel></rss>").encode()


@dataclass
class World:
    fake: FakeDiscord
    feeds: FeedServer
    runner: BotRunner
    clock: Clock
    channel: FakeChannel
    role: FakeRole

    async def report(self, source: str, title: str, text: str) -> None:
        """The outlet publishes; a poll interval passes; wait until the bot has polled every
        source and sent what it owed."""
        self.feeds.set(f"/{source}.xml", feed(source, [(title, text)]))
        await self.poll()

    async def poll(self) -> None:
        self.clock.advance(INTERVAL * 2)
        now = self.clock()
        assert self.runner.client is not None
        store = self.runner.client.store

        async def polled_and_sent() -> bool:
            states = await store.source_states()
            return (all(s.last_polled_at is not None and s.last_polled_at >= now for s in states)
                    and not await store.outbox_depth())

        await eventually(polled_and_sent, within=15)


def write_config(folder: Path, feeds: FeedServer) -> Path:
    folder.mkdir()
    for name in ("regions.toml", "severity.toml"):
        shutil.copy(CONFIG / name, folder / name)
    (folder / "sources.toml").write_text("".join(
        f'[[sources]]\nid = "{s}"\nurl = "{feeds.url(f"/{s}.xml")}"\nname = "{name}"\n'
        f'interval = "{INTERVAL}s"\n\n' for s, name in NAMES.items()), encoding="utf-8")
    (folder / "bot.toml").write_text(ALLOW_LOCAL_TOML + '\n[events]\nwindow = "6h"\n',
                                     encoding="utf-8")
    return folder


@pytest.fixture
async def world(
    tmp_path: Path, bot_database: Path | str, fake_discord_factory: MakeFake,
    feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[World]:
    async def no_wait(self: AlertBot, shard_id: int | None, *, initial: bool = False) -> None:
        """discord.py waits 5 s before each re-IDENTIFY; a test has no other bot to pace."""

    monkeypatch.setattr(AlertBot, "before_identify_hook", no_wait)
    clock = Clock()
    fake = await fake_discord_factory(clock=clock.seconds)
    guild = fake.add_guild("Newsroom")
    channel = guild.add_channel("kosovo-watch")
    role = guild.add_role("kosovo-alerts", mentionable=True)
    for source in NAMES:
        feed_server.set(f"/{source}.xml", feed(source, []))
    settings = load_settings(write_config(tmp_path / "config", feed_server),
                             env={"DISCORD_TOKEN": fake.token})
    async with open_core(settings, bot_database, clock=clock) as core:
        await core.store.subscribe(
            guild.id, channel.id, "kosovo", min_severity=Severity.LOW, filter="",
            ping_role_id=role.id, ping_severity=Severity.CRITICAL, publish=False, now=clock())
        runner = BotRunner(settings, core, clock=clock, tick_s=0.05,
                           client_options={"guild_ready_timeout": 0.1})
        task = asyncio.create_task(runner.run())

        async def ready() -> bool:
            return task.done() or (runner.client is not None and runner.client.is_ready())

        await eventually(ready)
        assert not task.done()
        made = World(fake, feed_server, runner, clock, channel, role)
        await made.poll()  # every source's first poll is silent
        try:
            yield made
        finally:
            runner.request_stop()
            assert await task == 0


def fields(embed: dict[str, object]) -> dict[str, str]:
    found = embed.get("fields") or []
    assert isinstance(found, list)
    return {f["name"]: f["value"] for f in found}


async def test_five_outlets_one_alert_edited_then_an_escalation_that_pings(world: World) -> None:
    for source, title, text in REPORTS:
        await world.report(source, title, text)
        assert len(world.fake.messages(world.channel)) == 1, f"{source} was posted again"

    [alert] = world.fake.messages(world.channel)
    [embed] = alert.embeds
    assert embed["title"] == REPORTS[0][1]
    assert fields(embed)["Also reported by"] == "Daily, Radio, Agency, Gazette — 5 sources"
    assert not alert.pinged_roles

    await world.report(*ESCALATION)
    first, escalation = world.fake.messages(world.channel)
    assert first.id == alert.id
    assert escalation.pinged_roles == {world.role.id}
    said = fields(escalation.embeds[0])
    assert said["Severity"] == "Critical"
    assert "severity rises to critical" in said["Escalation"]
    assert "dead: 3" in said["Escalation"]
    assert world.fake.unknown_routes == []

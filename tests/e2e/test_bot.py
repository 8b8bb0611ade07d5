"""The whole bot, as `alertbot run` builds it, against the fake Discord and a local feed server.

Real discord.py, real HTTP, real SQLite; only the clock is driven by the test, so that a poll
interval passes when the test says so.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import BotRunner, open_core
from bot.demo.feeds import rss_document, rss_item
from bot.demo.story import BODY, STEPS, STORY_LINK, STORY_TITLE
from bot.model import Severity
from bot.pipeline.segments import find_marker
from bot.settings import load_settings
from tests.e2e.conftest import eventually, polled, running_bot
from tests.fakes.clock import FakeClock
from tests.fakes.discord import FakeDiscord
from tests.fakes.discord.state import FakeChannel, FakeGuild, FakeMember
from tests.fakes.feed_server import ALLOW_LOCAL_TOML, FeedServer
from tests.integration._old_schema import old_database

CONFIG = Path(__file__).resolve().parents[2] / "config"
INTERVAL = 60


def story(*updates: str) -> bytes:
    item = rss_item("story-1", STORY_TITLE, (*updates, *BODY), STORY_LINK)
    return rss_document("Newsdesk", [item])


@dataclass
class World:
    fake: FakeDiscord
    feeds: FeedServer
    runner: BotRunner
    clock: FakeClock
    guild: FakeGuild
    balkans: FakeChannel
    gulf: FakeChannel
    admin: FakeMember
    reader: FakeMember
    config: Path

    async def poll(self) -> None:
        """Let one poll interval pass; wait until the bot polled and the outbox is empty."""
        self.clock.advance(INTERVAL * 2)
        store = self.runner.client.store if self.runner.client else None
        assert store is not None
        due = self.clock()

        async def polled_and_sent() -> bool:
            # the poll recorded, not only its request seen (tests/e2e/conftest.py: polled)
            return await polled(store, "/story.xml", due) and not await store.outbox_depth()

        await eventually(polled_and_sent)


def write_config(folder: Path, feeds: FeedServer) -> Path:
    folder.mkdir()
    for name in ("regions.toml", "severity.toml"):
        shutil.copy(CONFIG / name, folder / name)
    (folder / "sources.toml").write_text(
        "[[sources]]\n"
        'id = "newsdesk"\n'
        f'url = "{feeds.url("/story.xml")}"\n'
        'name = "Newsdesk"\n'
        f'interval = "{INTERVAL}s"\n',
        encoding="utf-8",
    )
    (folder / "bot.toml").write_text(ALLOW_LOCAL_TOML, encoding="utf-8")
    return folder


@pytest.fixture
async def world(
    tmp_path: Path, bot_database: Path | str, fake_discord: FakeDiscord, feed_server: FeedServer
) -> AsyncIterator[World]:
    clock = FakeClock()
    feed_server.set("/story.xml", story())
    guild = fake_discord.add_guild("Newsroom")
    balkans, gulf = guild.add_channel("balkans-watch"), guild.add_channel("gulf-watch")
    admin, reader = guild.add_member("editor", admin=True), guild.add_member("reader")
    config = write_config(tmp_path / "config", feed_server)
    settings = load_settings(config,
                             env={"DISCORD_TOKEN": fake_discord.token})
    async with (
        open_core(settings, bot_database, clock=clock) as core,
        running_bot(settings, core, clock) as runner,
    ):
        yield World(fake_discord, feed_server, runner, clock, guild, balkans, gulf, admin,
                    reader, config)


def ephemeral_text(body: dict[str, object]) -> str:
    data = body["data"]
    assert isinstance(data, dict)
    assert data.get("flags", 0) & 64, "an error reply must be ephemeral"
    return str(data.get("content", "")) + str(data.get("embeds", ""))


async def test_a_subscribed_channel_gets_each_critical_update_once(world: World) -> None:
    fake = world.fake
    guild, admin = world.guild, world.admin
    balkans, gulf, reader = world.balkans, world.gulf, world.reader

    refused = await fake.invoke(guild, balkans, reader, "subscription", {"region": "balkans"},
                                subcommand="add")
    assert "Manage Channels" in ephemeral_text(await refused.response())

    done = await fake.invoke(guild, balkans, admin, "subscription",
                             {"region": "balkans", "min_severity": "high"}, subcommand="add")
    await done.response()
    await (await fake.invoke(guild, gulf, admin, "subscription",
                             {"region": "middle-east"}, subcommand="add")).response()

    await world.poll()  # first poll: silent
    assert fake.messages(balkans) == []

    for step in STEPS[1:5]:  # up to the gunfire in Mitrovica
        world.feeds.set("/story.xml", story(*step.updates))
        await world.poll()

    posted = fake.messages(balkans)
    descriptions = [e["description"] for m in posted for e in m.embeds]
    assert sum("Gunfire" in d for d in descriptions) == 1
    assert len(descriptions) == len(set(descriptions))
    critical = next(e for m in posted for e in m.embeds if "Gunfire" in e["description"])
    assert critical["title"] == STORY_TITLE
    assert "Kosovo" in str(critical["fields"])
    assert "delivery" in critical["footer"]["text"]
    assert not any(m.pinged_everyone or m.pinged_roles or m.pinged_users for m in posted)
    assert fake.messages(gulf) == []


async def test_a_muted_source_delivers_nothing(world: World) -> None:
    fake = world.fake
    guild, admin = world.guild, world.admin
    channel = world.balkans
    await (await fake.invoke(guild, channel, admin, "subscription",
                             {"region": "balkans"}, subcommand="add")).response()
    await world.poll()
    await (await fake.invoke(guild, channel, admin, "mute",
                             {"source": "newsdesk", "duration": "forever"},
                             subcommand="add")).response()
    world.feeds.set("/story.xml", story(*STEPS[4].updates))
    await world.poll()
    assert fake.messages(channel) == []


async def test_a_429_storm_and_a_500_are_ridden_out_without_loss_or_duplicates(
    world: World,
) -> None:
    fake = world.fake
    guild, admin = world.guild, world.admin
    channel = world.balkans
    await (await fake.invoke(guild, channel, admin, "subscription",
                             {"region": "balkans"}, subcommand="add")).response()
    await world.poll()
    route = f"POST /channels/{channel.id}/messages"
    fake.fail_next(route, 429, count=3, retry_after=0.05)
    fake.fail_next(route, 500, count=1)
    for step in STEPS[1:3]:
        world.feeds.set("/story.xml", story(*step.updates))
        await world.poll()
    descriptions = [e["description"] for m in fake.messages(channel) for e in m.embeds]
    assert len(descriptions) == 2
    assert len(descriptions) == len(set(descriptions))


async def test_sighup_picks_up_added_and_removed_sources_keeping_the_others(world: World) -> None:
    store = world.runner.client.store if world.runner.client else None
    assert store is not None
    await world.poll()
    [before] = await store.source_states()
    config = world.config
    sources = (config / "sources.toml").read_text(encoding="utf-8")
    (config / "sources.toml").write_text(
        sources + '\n[[sources]]\nid = "wire"\nurl = "https://wire.example/feed"\n'
        'name = "Wire"\ninterval = "5m"\n', encoding="utf-8")
    world.runner.request_reload()

    async def reloaded() -> bool:
        return len(await store.source_states()) == 2

    await eventually(reloaded)
    states = {s.source.id: s for s in await store.source_states()}
    assert states["newsdesk"].etag == before.etag  # the poll state of the others is kept
    assert states["newsdesk"].first_polled
    # /mute and /source list read the store, so the reloaded source is offered at once.
    assert world.runner.client is not None
    names = await world.runner.client.source_names(world.guild.id)
    assert names == {"newsdesk": "Newsdesk", "wire": "Wire"}


async def test_the_seed_story_grows_and_its_gunfire_update_arrives_once(
    world: World, shared_dir: Path
) -> None:
    """The issue's own scenario, on the seed article read in place from ../shared."""
    text = (shared_dir / "seeds" / "developing-story.txt").read_text(encoding="utf-8")
    title, _, rest = text.partition("\n")
    paragraphs = [p.strip() for p in rest.split("\n\n") if p.strip()]
    marked = [p for p in paragraphs if find_marker(p) is not None]
    body, updates = paragraphs[len(marked):], marked[::-1]

    def page(n: int) -> bytes:
        item = rss_item("seed", title.strip(), (*updates[:n][::-1], *body), STORY_LINK)
        return rss_document("Seed desk", [item])

    await (await world.fake.invoke(world.guild, world.balkans, world.admin, "subscription",
                                   {"region": "balkans", "min_severity": "high"},
                                   subcommand="add")).response()
    world.feeds.set("/story.xml", page(0))
    await world.poll()  # first poll: silent
    for n in range(1, len(updates) + 1):
        world.feeds.set("/story.xml", page(n))
        await world.poll()
    embeds = [e for m in world.fake.messages(world.balkans) for e in m.embeds]
    gunfire = [e for e in embeds if "Gunfire" in e["description"]]
    assert len(gunfire) == 1
    assert "Kosovo" in str(gunfire[0]["fields"]) and "Balkans" in str(gunfire[0]["fields"])
    assert {"name": "Severity", "value": "Critical", "inline": True} in gunfire[0]["fields"]
    descriptions = [e["description"] for e in embeds]
    assert len(descriptions) == len(set(descriptions))
    assert world.fake.messages(world.gulf) == []


async def test_a_guild_that_removes_the_bot_is_forgotten_after_the_grace_unless_it_rejoins(
    world: World, bot_database: Path | str,
) -> None:
    """discord.py's on_guild_remove / on_guild_join, from real GUILD_DELETE / GUILD_CREATE."""
    client = world.runner.client
    assert client is not None
    store, guild = client.store, world.guild
    await store.subscribe(guild.id, world.balkans.id, "balkans", min_severity=Severity.LOW,
                          filter="", ping_role_id=None, ping_severity=Severity.CRITICAL,
                          publish=False, now=world.clock())
    await store.add_follow(guild.id, "https://local.example/feed.xml", name="Local",
                           now=world.clock())
    def left() -> int:
        with old_database(bot_database) as raw:
            return int(raw.execute("SELECT count(*) FROM guilds_left").fetchone()[0])

    def has_left(count: int) -> Callable[[], Awaitable[bool]]:
        async def check() -> bool:
            return left() == count
        return check

    world.fake.dispatch("GUILD_DELETE", {"id": str(guild.id)})
    await eventually(has_left(1))
    rejoined = guild.to_json()
    del rejoined["unavailable"]  # a join, not a guild coming back online
    world.fake.dispatch("GUILD_CREATE", rejoined)
    await eventually(has_left(0))
    grace_later = world.clock() + timedelta(days=8)
    assert (await store.forget_left_guilds(grace_later)).guilds == 0
    assert len(await store.subscriptions(guild.id)) == 1

    world.fake.dispatch("GUILD_DELETE", {"id": str(guild.id)})
    await eventually(has_left(1))
    forgotten = await store.forget_left_guilds(grace_later)
    assert (forgotten.guilds, forgotten.follows, forgotten.subscriptions) == (1, 1, 1)
    assert await store.subscriptions(guild.id) == []
    assert await store.follows(guild.id) == []

"""/source end to end (issue 13): the whole bot as `alertbot run` builds it, against the fake
Discord and real feed servers on 127.0.0.1; only the clock is driven by the test.

Two servers share the bot. The configuration allows 127.0.0.1/32 and nothing else private, so a
second feed server on 127.0.0.2 plays an address the bot must never reach.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.app import open_core
from bot.demo.feeds import rss_document, rss_item
from bot.demo.story import BODY, STEPS, STORY_LINK, STORY_TITLE
from bot.opml import OpmlFeed, read_opml, write_opml
from bot.settings import load_settings
from bot.store import Store
from tests.e2e.conftest import eventually, polled, running_bot
from tests.fakes.clock import FakeClock
from tests.fakes.discord import FakeDiscord, FakeGuild, FakeMember, FakeMessage
from tests.fakes.discord.state import FakeChannel
from tests.fakes.feed_server import ALLOW_LOCAL_TOML, FeedServer

CONFIG = Path(__file__).resolve().parents[2] / "config"
INTERVAL = 60
EPHEMERAL = 64
#: the operator's own source: a feed about nothing any subscription here follows
WEATHER = rss_document("Weather desk", [rss_item("w1", "Mild and dry", ("Sunny spells.",),
                                                  "https://weather.example/1")])


def story(*updates: str) -> bytes:
    item = rss_item("story-1", STORY_TITLE, (*updates, *BODY), STORY_LINK)
    return rss_document("Local desk", [item])


@dataclass
class World:
    fake: FakeDiscord
    feeds: FeedServer
    store: Store
    clock: FakeClock
    a: FakeGuild
    b: FakeGuild
    a_alerts: FakeChannel
    b_alerts: FakeChannel
    a_admin: FakeMember
    a_member: FakeMember
    b_admin: FakeMember

    async def source(self, who: FakeMember, sub: str, options: dict[str, Any]) -> Any:
        channel = self.a_alerts if who.guild is self.a else self.b_alerts
        return await self.fake.invoke(who.guild, channel, who, "source", options,
                                      subcommand=sub)

    async def answer(self, who: FakeMember, sub: str, options: dict[str, Any]) -> FakeMessage:
        """Run ``/source sub`` and wait for its private answer, deferred or not."""
        interaction = await self.source(who, sub, options)
        body = await interaction.response()
        assert body["data"].get("flags", 0) & EPHEMERAL, body
        return await interaction.final_message()

    async def poll(self, path: str) -> None:
        """Let two poll intervals pass; wait until ``path`` was fetched and the outbox is empty."""
        self.clock.advance(INTERVAL * 2)
        due = self.clock()

        async def polled_and_sent() -> bool:
            return await polled(self.store, path, due) and not await self.store.outbox_depth()

        await eventually(polled_and_sent)
        await asyncio.sleep(0.2)  # a second fetch in the same poll would show by now


def write_config(folder: Path, feeds: FeedServer) -> Path:
    folder.mkdir()
    for name in ("regions.toml", "severity.toml"):
        shutil.copy(CONFIG / name, folder / name)
    (folder / "sources.toml").write_text(
        f'[[sources]]\nid = "weather"\nurl = "{feeds.url("/weather.xml")}"\n'
        f'name = "Weather"\ninterval = "{INTERVAL}s"\n', encoding="utf-8")
    (folder / "bot.toml").write_text(
        ALLOW_LOCAL_TOML + f'min_interval = "{INTERVAL}s"\n'
        "opml_max_bytes = 4096\n", encoding="utf-8")
    return folder


@pytest.fixture
async def world(
    tmp_path: Path, bot_database: Path | str, fake_discord: FakeDiscord,
    feed_server: FeedServer,
) -> AsyncIterator[World]:
    clock = FakeClock()
    feed_server.set("/weather.xml", WEATHER)
    feed_server.set("/local.xml", story())
    a, b = fake_discord.add_guild("Diaspora"), fake_discord.add_guild("Elsewhere")
    a_alerts, b_alerts = a.add_channel("kosovo-watch"), b.add_channel("kosovo-watch")
    a_admin, a_member = a.add_member("moderator", admin=True), a.add_member("reader")
    b_admin = b.add_member("other-moderator", admin=True)
    settings = load_settings(write_config(tmp_path / "config", feed_server),
                             env={"DISCORD_TOKEN": fake_discord.token})
    async with (
        open_core(settings, bot_database, clock=clock) as core,
        running_bot(settings, core, clock),
    ):
        world = World(fake_discord, feed_server, core.store, clock, a, b, a_alerts, b_alerts,
                      a_admin, a_member, b_admin)
        for admin, channel in ((a_admin, a_alerts), (b_admin, b_alerts)):
            subscribed = await fake_discord.invoke(admin.guild, channel, admin, "subscription",
                                                   {"region": "balkans"}, subcommand="add")
            await subscribed.response()
        yield world
    assert fake_discord.unknown_routes == []


def descriptions(fake: FakeDiscord, channel: FakeChannel) -> list[str]:
    return [e.get("description", "") for m in fake.messages(channel) for e in m.embeds]


async def test_a_moderator_adds_a_feed_and_only_that_server_gets_its_new_updates(
    world: World,
) -> None:
    local = world.feeds.url("/local.xml")
    refused = await world.source(world.a_member, "add", {"url": local})
    body = await refused.response()
    assert body["data"]["content"] == "You need the Manage Server permission to do that."
    assert body["data"]["flags"] & EPHEMERAL
    assert world.feeds.hits("/local.xml") == 0
    assert await world.store.follows(world.a.id) == []

    added = await world.answer(world.a_admin, "add", {"url": local, "interval": "1m"})
    assert "**Local desk** · RSS · 1 entry" in added.content
    assert "This server now follows it as **Local desk** (`127-0-0-1-local-xml`)" in added.content
    assert "Its first poll is silent" in added.content
    (preview,) = added.embeds
    assert preview["title"] == STORY_TITLE
    fields = {f["name"]: f["value"] for f in preview["fields"]}
    assert "Kosovo" in fields["Regions"] and fields["Source"] == "Local desk"
    assert "Severity" in fields and "preview" in preview["footer"]["text"]
    assert world.feeds.hits("/local.xml") == 1  # the preview's fetch

    await world.poll("/local.xml")  # its first poll: silent, though the story matches
    assert world.fake.messages(world.a_alerts) == []

    world.feeds.set("/local.xml", story(*STEPS[4].updates))  # the gunfire update
    await world.poll("/local.xml")
    await world.poll("/local.xml")  # nothing new: nothing more
    posted = descriptions(world.fake, world.a_alerts)
    assert sum("Gunfire" in d for d in posted) == 1, posted
    assert len(posted) == len(set(posted))
    assert world.fake.messages(world.b_alerts) == []

    listed = await world.answer(world.a_member, "list", {})
    text = listed.embeds[0]["description"]
    assert "**Local desk** · `127-0-0-1-local-xml` · this server's · ok" in text
    assert "**Weather** · `weather` · the operator's" in text
    assert "Local desk" not in (await world.answer(world.b_admin, "list", {})).embeds[0][
        "description"]


async def test_two_servers_following_one_url_fetch_it_once_per_poll(world: World) -> None:
    local = world.feeds.url("/local.xml")
    await world.answer(world.a_admin, "add", {"url": local, "interval": "1m"})
    again = await world.answer(world.a_admin, "add", {"url": local})
    assert again.content.startswith("This server follows that feed already")
    await world.answer(world.b_admin, "add", {"url": local, "name": "Their desk",
                                              "interval": "1m"})
    for _ in range(3):
        before = world.feeds.hits("/local.xml")
        await world.poll("/local.xml")
        assert world.feeds.hits("/local.xml") == before + 1
    world.feeds.set("/local.xml", story(*STEPS[4].updates))
    await world.poll("/local.xml")
    # One fetch, one update, each server's channel gets it once, under its own name.
    for channel, name in ((world.a_alerts, "Local desk"), (world.b_alerts, "Their desk")):
        gunfire = [e for m in world.fake.messages(channel) for e in m.embeds
                   if "Gunfire" in e.get("description", "")]
        assert len(gunfire) == 1, channel.name
        assert {"name": "Source", "value": name, "inline": True} in gunfire[0]["fields"]


async def test_import_then_export_gives_back_the_same_feeds(world: World) -> None:
    feeds = [OpmlFeed(world.feeds.url("/local.xml"), "Local desk"),
             OpmlFeed(world.feeds.url("/town.xml"), "Town hall")]
    upload = world.fake.attachment("feeds.opml", write_opml("mine", feeds), "text/x-opml")
    refused = await world.source(world.a_member, "import", {"file": upload})
    assert "Manage Server" in (await refused.response())["data"]["content"]
    assert world.fake.downloads(upload) == 0

    imported = await world.answer(world.a_admin, "import", {"file": upload})
    assert imported.embeds[0]["title"] == "Imported 2 of 2 feeds"
    assert world.fake.downloads(upload) == 1
    assert world.feeds.hits("/local.xml") == world.feeds.hits("/town.xml") == 0  # not fetched

    exported = await world.answer(world.a_admin, "export", {})
    (file,) = exported.attachments
    assert file.filename.endswith(".opml")
    back = read_opml(file.data, max_bytes=1 << 20, max_outlines=10)
    assert sorted((f.url, f.title) for f in back) == sorted((f.url, f.title) for f in feeds)

    nothing = await world.answer(world.b_admin, "export", {})
    assert nothing.content.startswith("This server follows no sources of its own")


async def test_an_opml_file_over_the_limit_is_refused_before_it_is_downloaded(
    world: World,
) -> None:
    big = world.fake.attachment("big.opml", b"<opml>" + b" " * 5000 + b"</opml>")
    answer = await world.answer(world.a_admin, "import", {"file": big})
    assert answer.content == ("That file is 5013 bytes; I accept OPML files of at most 4096 "
                              "bytes.")
    assert world.fake.downloads(big) == 0
    broken = world.fake.attachment("broken.opml", b"<opml><body><outline")
    answer = await world.answer(world.a_admin, "import", {"file": broken})
    assert answer.content.startswith("That file doesn't work: the file is not well-formed XML")
    assert await world.store.follows(world.a.id) == []


@pytest.fixture
async def forbidden_site(feed_server: FeedServer) -> AsyncIterator[FeedServer]:
    """Another site at 127.0.0.2, which the allow-list (127.0.0.1/32) does not cover."""
    async with FeedServer("127.0.0.2", port=feed_server.port) as site:
        site.set("/feed.xml", story())
        yield site


async def test_a_forbidden_address_is_refused_with_the_reason_and_never_connected_to(
    world: World, forbidden_site: FeedServer,
) -> None:
    world.feeds.redirect("/jump", forbidden_site.url("/feed.xml"))
    answers = []
    for url in (world.feeds.url("/jump"), forbidden_site.url("/feed.xml")):
        answer = await world.answer(world.a_admin, "add", {"url": url})
        assert "cannot be fetched" in answer.content, answer.content
        assert "127.0.0.2" in answer.content and "Nothing was added" in answer.content
        answers.append(answer.content)
    assert "after a redirect" in answers[0] and "after a redirect" not in answers[1]
    assert world.feeds.hits("/jump") == 1
    assert forbidden_site.hits("/feed.xml") == 0
    assert await world.store.follows(world.a.id) == []


async def test_test_previews_for_anyone_once_per_half_minute(world: World) -> None:
    local = world.feeds.url("/local.xml")
    first = await world.answer(world.a_member, "test", {"url": local})
    assert "**Local desk** · RSS · 1 entry" in first.content
    assert first.embeds[0]["title"] == STORY_TITLE
    again = await world.answer(world.a_member, "test", {"url": local})
    assert again.content.startswith("Slow down a little: try again in")
    assert world.feeds.hits("/local.xml") == 1
    assert await world.store.follows(world.a.id) == []


async def test_edit_and_remove_validate_in_plain_words(world: World) -> None:
    local = world.feeds.url("/local.xml")
    await world.answer(world.a_admin, "add", {"url": local, "interval": "1m"})
    too_often = await world.answer(world.a_admin, "edit", {"source": "Local desk",
                                                           "interval": "30s"})
    assert too_often.content == "The shortest interval a server's source may have is 1m."
    unreadable = await world.answer(world.a_admin, "edit", {"source": "Local desk",
                                                            "interval": "soon"})
    assert unreadable.content.startswith("I can't read that interval:")
    language = await world.answer(world.a_admin, "edit", {"source": "Local desk",
                                                          "language": "xx"})
    assert "is not an ISO 639-1 language code" in language.content
    edited = await world.answer(world.a_admin, "edit", {"source": "Local desk",
                                                        "name": "Desk", "enabled": False})
    assert edited.content == "**Desk** (`127-0-0-1-local-xml`): every 1m, language en, paused."
    choices = await world.fake.autocomplete(world.a, world.a_alerts, world.a_admin, "source",
                                            {"source": "de"}, "source", subcommand="remove")
    assert [c["value"] for c in choices] == ["127-0-0-1-local-xml"]
    operator = await world.answer(world.a_admin, "remove", {"source": "weather"})
    assert operator.content == "This server does not follow a source 'weather'."
    removed = await world.answer(world.a_admin, "remove", {"source": "Desk"})
    assert removed.content.startswith("This server no longer follows **Desk**")
    assert await world.store.follows(world.a.id) == []

"""Crashes during a burst of story updates (issue 14): replies and thread posts are exactly-once.

One outlet publishes an article a wave, three waves, and every article it published before
grows two "Update (HHMM CET): …" paragraphs a wave. Two channels follow it with
``follow: thread``, one with ``follow: reply``. The real bot (tests/fakes/run_bot.py) is
SIGKILLed at random moments while it posts the stories' alerts, opens threads on them, and posts
the updates in them or as replies: the fake Discord holds the answer of every post 30 ms and
of every thread start 200 ms after acting on it, so kills land between an act and its record.

At the end: every update is queued once per channel and sent; the reply channel holds the
alerts and replies, each to its own story's alert; a thread channel holds only the alerts, with
exactly one thread on each story's alert holding that story's later updates; no delivery is
anywhere twice, none is missing.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.demo.feeds import rss_document, rss_item
from bot.model import StoryMode
from tests.fakes.discord import FakeDiscord
from tests.fakes.discord.state import FakeChannel, FakeMessage
from tests.fakes.feed_server import ALLOW_LOCAL_TOML, FeedServer
from tests.reliability.conftest import CONFIG, MESSAGES, posted_delivery_ids
from tests.reliability.test_crash_events import ANSWER_DELAY_S, World, first_polled

THREADS = "POST /channels/{channel_id}/messages/{message_id}/threads"
#: a thread start's answer is held longer than a post's: the moment between Discord making the
#: thread and the bot recording it is the one this test is for
THREAD_DELAY_S = 0.2
FEED = "/desk.xml"
#: wave n publishes article n, and each article published before grows two updates
PLACES = ("Jarinje", "Brnjak", "Mitrovica")
MODES = (StoryMode.THREAD, StoryMode.THREAD, StoryMode.REPLY)


def article(n: int, wave: int) -> str:
    """Article ``n`` (from 0) as it stands at ``wave`` (from 1): its updates newest first."""
    place = PLACES[n]
    grown = [f"Update ({w:02d}{k}5 CET): Kosovo police at {place} gave report {w}.{k} on the "
             "blockade." for w in range(n + 2, wave + 1) for k in range(2)][::-1]
    body = (f"Kosovo Police closed the {place} crossing after protesters blocked the road.",
            "This story is developing and will be updated.")
    return rss_item(f"story-{n}", f"{place} crossing shut as blockade spreads",
                    (*grown, *body), f"http://desk.example/{n}")


class StoryWorld(World):
    """The events crash test's world, with one outlet's growing articles instead of events."""

    def publish_event(self) -> None:
        self.events += 1
        items = [article(n, self.events) for n in range(self.events)]
        self.feeds.set(FEED, rss_document("Desk", items[::-1]))

    @property
    def owed(self) -> int:
        """Each article published, and its two updates a wave since, in each channel."""
        updates = sum(1 + 2 * (self.events - n - 1) for n in range(self.events))
        return updates * len(self.channels)


def write_config(folder: Path, feeds: FeedServer) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("regions.toml", "severity.toml"):
        shutil.copy(CONFIG / name, folder / name)
    (folder / "sources.toml").write_text(
        f'[[sources]]\nid = "desk"\nurl = "{feeds.url(FEED)}"\nname = "Desk"\n'
        'interval = "30s"\n', encoding="utf-8")
    (folder / "bot.toml").write_text(ALLOW_LOCAL_TOML, encoding="utf-8")
    return folder


@pytest.fixture
async def world(tmp_path: Path, feed_server: FeedServer) -> AsyncIterator[StoryWorld]:
    async with FakeDiscord(clock=time.time, patience=30) as fake:
        guild = fake.add_guild("Newsroom")
        channels = [guild.add_channel(f"{mode}-{i}") for i, mode in enumerate(MODES)]
        config = write_config(tmp_path / "config", feed_server)
        made = StoryWorld(fake, feed_server, tmp_path, config, tmp_path / "bot.db", guild,
                          channels)
        feed_server.set(FEED, rss_document("Desk", []))
        async with first_polled(made, MODES):
            yield made


def threads_on(world: World, channel: FakeChannel) -> list[FakeChannel]:
    return [c for c in world.guild.channels.values() if c.parent is channel]


def titles(messages: list[FakeMessage]) -> set[str]:
    """The articles whose updates these messages carry."""
    return {str(e["title"]) for m in messages for e in m.embeds}


@pytest.mark.slow
async def test_sigkill_during_a_growing_story_loses_and_repeats_no_reply_nor_thread_post(
    world: StoryWorld,
) -> None:
    seed = await world.burst("stories", len(PLACES),
                             {MESSAGES: ANSWER_DELAY_S, THREADS: THREAD_DELAY_S})
    rows = world.rows()
    for channel, mode in zip(world.channels, MODES, strict=True):
        stored = sorted(i for i, c, _, _ in rows if c == channel.id)
        messages = world.fake.messages(channel)
        alerts = [m for m in messages if m.referenced is None]
        assert len(alerts) == len(PLACES), f"#{channel.name}: not one alert per article"
        threads = threads_on(world, channel)
        posted = posted_delivery_ids(world.fake, channel)
        if mode is StoryMode.THREAD:
            assert messages == alerts, f"#{channel.name}: an update left its thread"
            # Every article but the last grew: one thread on each of their alerts, no other.
            assert sorted(t.id for t in threads) == sorted(a.id for a in alerts[:-1]), (
                f"seed {seed}: #{channel.name}: not one thread per story")
            for thread in threads:
                [starter] = [a for a in alerts if a.thread is thread]
                assert titles(world.fake.messages(thread)) == {starter.embeds[0]["title"]}
                posted += posted_delivery_ids(world.fake, thread)
        else:
            assert threads == []
            for reply in messages:
                if reply.referenced is not None:
                    assert reply.referenced in alerts
                    assert titles([reply]) == {reply.referenced.embeds[0]["title"]}
        assert len(posted) == len(set(posted)), f"seed {seed}: #{channel.name}: a delivery twice"
        assert sorted(posted) == stored, f"seed {seed}: #{channel.name}: a delivery was lost"
    assert not world.fake.unknown_routes

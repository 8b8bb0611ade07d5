"""Crashes during a burst of story updates (issue 14): replies and thread posts are exactly-once.

One outlet publishes a developing article and grows it by three "Update (HHMM CET): …"
paragraphs a wave. Two channels follow it with ``follow: thread``, two with ``follow: reply``.
The real bot (tests/fakes/run_bot.py) is SIGKILLed at random moments while it posts the story's
alert, opens the threads on it, and posts the updates in them or as replies: the fake Discord
holds every answer (a post, a thread opened) 30 ms after acting on it, so kills land between
an act and its record often.

At the end: every update is queued once per channel and sent; a reply channel holds the alert
and then only replies to it; a thread channel holds the alert, with exactly one thread on it
holding every later update; no delivery is anywhere twice.
"""

from __future__ import annotations

import os
import random
import shutil
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.demo.feeds import rss_document, rss_item
from bot.model import StoryMode
from tests.fakes.discord import FakeDiscord
from tests.fakes.discord.state import FakeChannel
from tests.fakes.feed_server import ALLOW_LOCAL_TOML, FeedServer
from tests.reliability.conftest import CONFIG, MESSAGES, posted_delivery_ids
from tests.reliability.test_crash_events import ANSWER_DELAY_S, World, first_polled

THREADS = "POST /channels/{channel_id}/messages/{message_id}/threads"
FEED = "/desk.xml"
TITLE = "Northern Kosovo crossings shut as blockades spread"
BODY = ("Kosovo Police closed the Jarinje and Brnjak crossings overnight after protesters "
        "parked lorries across the roads near Leposavic.",
        "This story is developing and will be updated.")
#: what each wave adds on top of the article (the first wave publishes the article itself)
WAVES: tuple[tuple[str, ...], ...] = (
    (),
    ("Update (0930 CET): Kosovo Police reported long queues of lorries at Jarinje.",
     "Update (0945 CET): Shots were heard near the bridge in Mitrovica, Kosovo police said.",
     "Update (1005 CET): KFOR patrols were seen on the road to Leposavic in Kosovo."),
    ("Update (1040 CET): Two Kosovo police officers were wounded near Zubin Potok.",
     "Update (1100 CET): Kosovo's prime minister called an emergency meeting in Pristina.",
     "Update (1130 CET): The Brnjak crossing in Kosovo stays closed, the police said."),
    ("Update (1215 CET): NATO peacekeepers took over patrols along the Kosovo line.",
     "Update (1300 CET): Lorries began to leave the blockade at Jarinje in Kosovo.",
     "Update (1430 CET): Tensions eased in Kosovo as the Jarinje crossing reopened."),
)
MODES = (StoryMode.THREAD, StoryMode.THREAD, StoryMode.REPLY, StoryMode.REPLY)


class StoryWorld(World):
    """The events crash test's world, telling one story instead of three events."""

    def publish_event(self) -> None:
        self.events += 1
        added = [p for wave in WAVES[1:self.events] for p in wave][::-1]
        item = rss_item("story-1", TITLE, (*added, *BODY), "http://desk.example/story")
        self.feeds.set(FEED, rss_document("Desk", [item]))

    @property
    def owed(self) -> int:
        """The article (once published) and every paragraph added since, in each channel."""
        updates = sum(len(w) for w in WAVES[1:self.events]) + (self.events > 0)
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


@pytest.mark.slow
async def test_sigkill_during_a_growing_story_loses_and_repeats_no_reply_nor_thread_post(
    world: StoryWorld,
) -> None:
    seed = int(os.environ.get("ALERTBOT_SEED_STORIES") or random.randrange(2**32))
    rng = random.Random(seed)
    print(f"\nstories chaos seed {seed} (ALERTBOT_SEED_STORIES={seed} replays its kill moments)")
    world.fake.stall_next(MESSAGES, count=10**9, delay=ANSWER_DELAY_S)
    world.fake.stall_next(THREADS, count=10**9, delay=ANSWER_DELAY_S)
    await world.burst(rng, seed, len(WAVES))

    rows = world.rows()
    assert len(rows) == world.owed, "an update was queued twice, or not at all"
    assert {state for _, _, state, _ in rows} == {"sent"}, (seed, rows)
    for channel, mode in zip(world.channels, MODES, strict=True):
        stored = sorted(i for i, c, _, _ in rows if c == channel.id)
        alert, *later = world.fake.messages(channel)
        threads = threads_on(world, channel)
        if mode is StoryMode.THREAD:
            assert later == [], f"#{channel.name}: an update left the thread"
            assert threads == [alert.thread], f"#{channel.name}: not one thread on the alert"
            posted = (posted_delivery_ids(world.fake, channel)
                      + posted_delivery_ids(world.fake, threads[0]))
        else:
            assert threads == []
            assert all(m.referenced is alert for m in later), f"#{channel.name}: not a reply"
            posted = posted_delivery_ids(world.fake, channel)
        assert len(posted) == len(set(posted)), f"seed {seed}: #{channel.name}: a delivery twice"
        assert sorted(posted) == stored, f"seed {seed}: #{channel.name}: a delivery was lost"
    assert not world.fake.unknown_routes

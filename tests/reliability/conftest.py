"""Fixtures shared by the reliability tests (hostile sources, hostile input, faults).

The fake Discord fixtures of the end-to-end suite are re-exported so that the tests here can run
the real bot against it the same way.

For the fault and database tests, ``live_bot`` runs the whole bot as ``alertbot run`` builds it
(BotRunner over open_core: real discord.py, real HTTP, the real database of the
``bot_database`` fixture: SQLite, or PostgreSQL in that engine's pass) against the fake Discord and
the local feed server, with one fake clock shared by the bot and the fake Discord, so that a
poll interval, a retry delay or Discord's nonce window passes when the test says so.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path

import pytest

from bot.app import BotRunner, open_core
from bot.client import AlertBot
from bot.model import Severity
from bot.settings import Settings, load_settings
from bot.store import Store
from tests.e2e.conftest import MakeFake, fake_discord, fake_discord_factory, run_client
from tests.fakes.clock import FakeClock
from tests.fakes.discord import FakeDiscord
from tests.fakes.discord.state import FakeChannel, FakeGuild
from tests.fakes.feed_server import ALLOW_LOCAL_TOML, FeedServer
from tests.integration._old_schema import old_database

__all__ = ["fake_discord", "fake_discord_factory", "live_bot", "run_client"]

CONFIG = Path(__file__).resolve().parents[2] / "config"
INTERVAL_S = 60
FEED_PATH = "/wire.xml"
MESSAGES = "POST /channels/{channel_id}/messages"

_PLACES = ("Jarinje", "Brnjak", "Leposavic", "Zubin Potok", "Mitrovica", "Gracanica")
_DELIVERY = re.compile(r"\bdelivery (\d+)\b")


# -- the wire: a feed that gains numbered reports -----------------------------------------------


def report_title(n: int) -> str:
    return f"Crossing report {n}: {_PLACES[n % len(_PLACES)]}"


def report_lead(n: int, *, padding: int = 0) -> str:
    """Report ``n``'s text: it names Kosovo (so it is a Balkans alert); ``padding`` sentences
    make it long, so that only a few fit in one message and a burst takes many sends."""
    place = _PLACES[n % len(_PLACES)]
    sentences = [f"Kosovo Police said traffic at the {place} crossing was held up again, "
                 f"in report number {n} of the day."]
    sentences += [f"Drivers waiting at {_PLACES[(n + i) % len(_PLACES)]} described queue {i} "
                  f"stretching back past the last petrol station before the line."
                  for i in range(padding)]
    return " ".join(sentences)


def wire_feed(numbers: range, *, padding: int = 0) -> bytes:
    """An RSS feed with one item per report number, newest first."""
    items = "".join(
        f"<item><guid isPermaLink=\"false\">report-{n}</guid>"
        f"<title>{escape(report_title(n))}</title>"
        f"<link>http://wire.example/reports/{n}</link>"
        f"<description>{escape(report_lead(n, padding=padding))}</description></item>"
        for n in reversed(numbers)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Border wire</title><link>http://wire.example/</link>"
        f"<description>Border wire</description>{items}</channel></rss>"
    ).encode()


def write_config(folder: Path, feed_url: str, *, interval: str = f"{INTERVAL_S}s") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("regions.toml", "severity.toml"):
        shutil.copy(CONFIG / name, folder / name)
    (folder / "sources.toml").write_text(
        "[[sources]]\n"
        'id = "wire"\n'
        f'url = "{feed_url}"\n'
        'name = "Border wire"\n'
        f'interval = "{interval}"\n',
        encoding="utf-8",
    )
    (folder / "bot.toml").write_text(ALLOW_LOCAL_TOML, encoding="utf-8")
    return folder


async def subscribe(store: Store, guild: FakeGuild, channel: FakeChannel, now: datetime) -> None:
    await store.subscribe(guild.id, channel.id, "balkans", min_severity=Severity.LOW, filter="",
                          ping_role_id=None, ping_severity=Severity.CRITICAL, publish=False,
                          now=now)


# -- what Discord holds ---------------------------------------------------------------------------


def posted_delivery_ids(fake: FakeDiscord, channel: FakeChannel | int) -> list[int]:
    """Every delivery id in the channel's embed footers, in posting order, repeats included."""
    return [int(m[1]) for message in fake.messages(channel) for embed in message.embeds
            if (m := _DELIVERY.search(str(embed.get("footer", {}).get("text", ""))))]


def posted_titles(fake: FakeDiscord, channel: FakeChannel | int) -> Counter[str]:
    """How many times each update (known by its title) reached the channel."""
    return Counter(str(e.get("title")) for m in fake.messages(channel) for e in m.embeds)


def message_posts(fake: FakeDiscord) -> int:
    """Channel message POSTs that reached the fake (answered or not)."""
    return sum(1 for r in fake.requests
               if r.method == "POST" and re.fullmatch(r"/channels/\d+/messages", r.path))


# -- the whole bot in this process ----------------------------------------------------------------


class Clock(FakeClock):
    """The one clock of a test: the bot reads it as a datetime, the fake Discord as seconds."""

    def seconds(self) -> float:
        return self.now.timestamp()


async def eventually(check: Callable[[], Awaitable[bool] | bool], what: str,
                     within: float = 10.0) -> None:
    """The bot works on its own schedule: look again until ``check`` holds."""
    try:
        async with asyncio.timeout(within):
            while True:
                result = check()
                if result if isinstance(result, bool) else await result:
                    return
                await asyncio.sleep(0.02)
    except TimeoutError:
        raise AssertionError(f"gave up after {within}s waiting for: {what}") from None


@dataclass
class LiveBot:
    fake: FakeDiscord
    feeds: FeedServer
    runner: BotRunner
    clock: Clock
    guild: FakeGuild
    task: asyncio.Task[int]
    #: a SQLite file, or a PostgreSQL schema's URL (the ``bot_database`` fixture)
    db_path: Path | str
    #: reports published so far (the feed holds 1..published)
    published: int = 0
    channels: list[FakeChannel] = field(default_factory=list)
    #: stop the bot and leave open_core, as run_bot does on its way out (else at teardown)
    shut_down: Callable[[], Awaitable[None]] | None = None

    @property
    def client(self) -> AlertBot:
        assert self.runner.client is not None
        return self.runner.client

    @property
    def store(self) -> Store:
        return self.client.store

    def stored(self, channel: FakeChannel) -> dict[int, str]:
        """Delivery id → state, as the outbox holds them for one channel."""
        with old_database(self.db_path) as db:
            rows = db.execute("SELECT id, state FROM deliveries WHERE channel_id = ?"
                              " ORDER BY id", (channel.id,)).fetchall()
        return {int(i): str(s) for i, s in rows}

    def assert_exactly_once(
        self, reports: range, channels: list[FakeChannel] | None = None
    ) -> None:
        """Each channel holds each report once, and each of its deliveries once, all sent."""
        for channel in self.channels if channels is None else channels:
            posted = posted_delivery_ids(self.fake, channel)
            stored = self.stored(channel)
            assert len(posted) == len(set(posted)), f"#{channel.name}: a delivery came twice"
            assert sorted(posted) == sorted(stored), f"#{channel.name}: posted ≠ queued"
            assert set(stored.values()) == {"sent"}
            assert posted_titles(self.fake, channel) == {report_title(n): 1 for n in reports}

    def wake_sender(self) -> None:
        """The sender looks at the outbox every second; after moving the clock, look now."""
        assert self.runner.sender is not None
        self.runner.sender.wake()

    async def add_channel(self, name: str) -> FakeChannel:
        """A new channel subscribed to the Balkans."""
        channel = self.guild.add_channel(name)
        await subscribe(self.store, self.guild, channel, self.clock())
        self.channels.append(channel)
        return channel

    def publish(self, count: int) -> range:
        """The wire gains ``count`` reports; returns their numbers."""
        new = range(self.published + 1, self.published + count + 1)
        self.published += count
        self.feeds.set(FEED_PATH, wire_feed(range(1, self.published + 1)))
        return new

    async def poll(self) -> None:
        """Let a poll interval pass and wait until the bot has polled and committed."""
        self.clock.advance(INTERVAL_S * 2)
        now = self.clock()

        async def polled() -> bool:
            [state] = await self.store.source_states()
            return state.last_polled_at is not None and state.last_polled_at >= now

        # A first poll of hundreds of reports takes seconds on a busy machine, more on
        # PostgreSQL (a round trip per statement); waiting longer proves no less.
        await eventually(polled, "the poll", within=30)

    async def delivered(self, count: int, channels: list[FakeChannel] | None = None) -> None:
        """Wait until ``count`` delivery ids reached each channel and the outbox is empty."""
        chosen = self.channels if channels is None else channels

        async def done() -> bool:
            return (all(len(posted_delivery_ids(self.fake, c)) >= count for c in chosen)
                    and await self.store.outbox_depth() == 0)

        await eventually(done, f"{count} deliveries in each channel")


LiveBotFactory = Callable[..., Awaitable[LiveBot]]
Prepare = Callable[[Path | str, FakeGuild, Settings, Clock], Awaitable[None]]


@pytest.fixture
async def live_bot(
    tmp_path: Path, bot_database: Path | str, fake_discord_factory: MakeFake,
    feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[LiveBotFactory]:
    """``bot = await live_bot(channels=2, **fake_options)``: the bot running, the source's first
    (silent) poll done, each channel subscribed to the Balkans. One per test. At the end the bot
    is stopped as SIGTERM stops it, and must exit 0.

    ``published``: reports already on the feed at start. ``prepare(db_path, guild, settings,
    clock)``: runs before the bot opens its database, e.g. to leave an older one there.
    """

    async def no_wait(self: AlertBot, shard_id: int | None, *, initial: bool = False) -> None:
        """discord.py waits 5 s before each re-IDENTIFY; a test has no other bot to pace."""

    monkeypatch.setattr(AlertBot, "before_identify_hook", no_wait)
    async with contextlib.AsyncExitStack() as stack:

        async def start(
            channels: int = 1,
            send_timeout_s: float | None = None,
            file_check_s: float | None = None,
            published: int = 0,
            prepare: Prepare | None = None,
            **fake_options: object,
        ) -> LiveBot:
            clock = Clock()
            fake = await fake_discord_factory(clock=clock.seconds, **fake_options)
            guild = fake.add_guild("Newsroom")
            feed_server.set(FEED_PATH, wire_feed(range(1, published + 1)))
            config = write_config(tmp_path / "config", feed_server.url(FEED_PATH))
            settings = load_settings(config, env={"DISCORD_TOKEN": fake.token})
            db_path = bot_database
            if prepare is not None:
                await prepare(db_path, guild, settings, clock)
            core = await stack.enter_async_context(open_core(settings, db_path, clock=clock))
            options: dict[str, float] = {}
            if send_timeout_s is not None:
                options["send_timeout_s"] = send_timeout_s
            if file_check_s is not None:
                options["file_check_s"] = file_check_s
            runner = BotRunner(settings, core, clock=clock, tick_s=0.05,
                               client_options={"guild_ready_timeout": 0.1}, **options)
            task = asyncio.create_task(runner.run())
            stack.push_async_callback(_stopped_cleanly, runner, task)
            bot = LiveBot(fake, feed_server, runner, clock, guild, task, db_path, published,
                          shut_down=stack.aclose)
            await eventually(lambda: task.done() or (runner.client is not None
                                                      and runner.client.is_ready()), "on_ready")
            assert not task.done(), f"the bot stopped: {task.result()}"
            for i in range(channels):
                await bot.add_channel(f"balkans-{i}")
            await bot.poll()  # the first poll of a source is silent
            return bot

        yield start


async def _stopped_cleanly(runner: BotRunner, task: asyncio.Task[int]) -> None:
    runner.request_stop()
    code = await task
    # A bot that stopped itself on purpose (its database went away) exits 1; its test says so.
    assert code == 0 or runner.failure is not None

"""Crashes and restarts: the real bot, in a process of its own, killed over and over mid-burst.

`alertbot run` (tests/fakes/run_bot.py: the CLI's run_bot, with discord.py pointed at the fake)
polls a local feed server and posts to the fake Discord, which lives in this test's process and
so outlives every bot process. Each delivery's id is in its embed footer ("delivery N"), so what
Discord holds at the end can be counted: every delivery exactly once, every report exactly once
per channel, across every restart.

The fake holds each message's answer 30 ms after storing the message, the window in which a
killed bot has posted but not yet recorded it, so kills land there often.

A run prints its seeds; ``ALERTBOT_SEED_SIGKILL=<seed>`` (or ``_SIGTERM``) replays the same
kill moments.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import sqlite3
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import poll_once
from bot.settings import load_settings
from bot.store import Store
from bot.store._base import to_db
from tests.fakes.discord import FakeDiscord
from tests.fakes.discord.state import FakeChannel, FakeGuild
from tests.fakes.feed_server import FeedServer
from tests.reliability.conftest import (
    MESSAGES,
    message_posts,
    posted_delivery_ids,
    posted_titles,
    report_title,
    subscribe,
    wire_feed,
    write_config,
)

ROOT = Path(__file__).resolve().parents[2]
#: six channels × at least two waves of 50 reports = 600 deliveries or more
CHANNELS = 6
WAVE = 50
WAVES = 2
#: sentences of padding per report: three reports fill a message, so a burst is ~200 posts
PADDING = 14
KILLS = 20
#: how long the fake holds each post's answer after making the message
ANSWER_DELAY_S = 0.03
#: a bot that has not finished the whole burst in this long after its last start is stuck
FINISH_S = 60.0


@dataclass
class BotProcess:
    process: asyncio.subprocess.Process
    log: Path

    def signal(self, sig: int) -> None:
        self.process.send_signal(sig)

    async def exited(self, within: float = 30.0) -> int:
        async with asyncio.timeout(within):
            return await self.process.wait()

    def running(self) -> bool:
        return self.process.returncode is None

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@dataclass
class CrashWorld:
    fake: FakeDiscord
    feeds: FeedServer
    feed_path: str
    folder: Path
    config: Path
    db: Path
    guild: FakeGuild
    channels: list[FakeChannel]
    #: seconds added to the wall clock, for the fake Discord and for each bot started
    offset: list[float]
    published: int = 0
    #: every bot process started, so that a failing test leaves none behind
    bots: list[BotProcess] = field(default_factory=list)

    def publish(self, count: int) -> None:
        self.published += count
        self.feeds.set(self.feed_path, wire_feed(range(1, self.published + 1), padding=PADDING))

    def make_due(self) -> None:
        """Let the source's poll interval pass (the bot polls due sources as it starts)."""
        with contextlib.closing(sqlite3.connect(self.db)) as db, db:
            db.execute("UPDATE sources SET next_poll_at = ?",
                       (to_db(datetime(2000, 1, 1, tzinfo=UTC)),))

    def outbox(self) -> tuple[int, int]:
        """(deliveries queued, deliveries still pending)."""
        with contextlib.closing(sqlite3.connect(self.db)) as db, db:
            total, pending = db.execute(
                "SELECT count(*), coalesce(sum(state = 'pending'), 0) FROM deliveries"
            ).fetchone()
        return int(total), int(pending)

    def stored(self) -> dict[int, tuple[int, str]]:
        """Delivery id → (channel id, state)."""
        with contextlib.closing(sqlite3.connect(self.db)) as db, db:
            rows = db.execute("SELECT id, channel_id, state FROM deliveries").fetchall()
        return {int(i): (int(c), str(s)) for i, c, s in rows}

    @property
    def owed(self) -> int:
        return self.published * len(self.channels)

    def done(self) -> bool:
        return self.outbox() == (self.owed, 0)

    async def start(self) -> BotProcess:
        log = self.folder / f"bot-{len(self.bots) + 1}.log"
        env = {
            **os.environ,
            "DISCORD_TOKEN": self.fake.token,
            "ALERTBOT_FAKE_API": self.fake.api_base,
            "ALERTBOT_FAKE_GATEWAY": self.fake.gateway_url,
            "ALERTBOT_CLOCK_OFFSET": str(self.offset[0]),
        }
        with log.open("wb") as out:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "tests.fakes.run_bot",
                "--config", str(self.config), "--db", str(self.db),
                cwd=ROOT, env=env, stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL, stderr=out,
            )
        bot = BotProcess(process, log)
        self.bots.append(bot)
        return bot

    async def kill_leftovers(self) -> None:
        for bot in self.bots:
            if bot.running():
                bot.signal(signal.SIGKILL)
                await bot.process.wait()

    async def finish(self) -> None:
        """Start the bot once more, let it deliver everything, stop it as an operator would."""
        identified = self.fake.identifies
        bot = await self.start()
        try:
            await until(lambda: self.fake.identifies > identified and self.done(), bot,
                        FINISH_S, "the outbox to empty")
        finally:
            if bot.running():
                bot.signal(signal.SIGTERM)
        assert await bot.exited() == 0, bot.log_text()[-3000:]

    def assert_exactly_once(self) -> None:
        stored = self.stored()
        assert len(stored) == self.owed, "a report was queued twice, or not at all"
        assert {state for _, state in stored.values()} == {"sent"}
        for channel in self.channels:
            posted = posted_delivery_ids(self.fake, channel)
            assert len(posted) == len(set(posted)), f"#{channel.name}: a delivery came twice"
            queued = sorted(i for i, (c, _) in stored.items() if c == channel.id)
            assert sorted(posted) == queued, f"#{channel.name}: a delivery was lost"
            titles = posted_titles(self.fake, channel)
            assert titles == {report_title(n): 1 for n in range(1, self.published + 1)}
        assert not self.fake.unknown_routes


async def until(check: Callable[[], bool], bot: BotProcess, within: float, what: str) -> None:
    """Wait for ``check``; fail with the bot's log if it exits or ``within`` passes first."""
    deadline = time.monotonic() + within
    while not check():
        if not bot.running():
            raise AssertionError(f"the bot exited ({bot.process.returncode}) while waiting for "
                                 f"{what}:\n{bot.log_text()[-3000:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}:\n{bot.log_text()[-3000:]}")
        await asyncio.sleep(0.02)


MakeWorld = Callable[..., Awaitable[CrashWorld]]


@pytest.fixture
async def crash_worlds(tmp_path: Path, feed_server: FeedServer) -> AsyncIterator[MakeWorld]:
    """``world = await crash_worlds(name, channels=N)``: a fake Discord of its own, channels
    subscribed, the source's silent first poll done. Worlds are independent, so a test can run
    several side by side (each bot is a process; the machine's cores share the work)."""
    async with contextlib.AsyncExitStack() as stack:

        async def make(name: str, channels: int = CHANNELS) -> CrashWorld:
            offset = [0.0]
            fake = await stack.enter_async_context(
                FakeDiscord(clock=lambda: time.time() + offset[0], patience=30))
            stack.callback(_fake_did_not_crash, fake)
            guild = fake.add_guild("Newsroom")
            made = [guild.add_channel(f"balkans-{i}") for i in range(channels)]
            folder = tmp_path / name
            feed_path = f"/{name}.xml"
            config = write_config(folder / "config", feed_server.url(feed_path), interval="30s")
            db = folder / "bot.db"
            world = CrashWorld(fake, feed_server, feed_path, folder, config, db, guild, made,
                               offset)
            stack.push_async_callback(world.kill_leftovers)
            async with await Store.open(db) as store:
                for channel in made:
                    await subscribe(store, guild, channel, datetime.now(UTC))
            world.publish(0)
            settings = load_settings(config, env={"DISCORD_TOKEN": fake.token})
            [report] = await poll_once(settings, db)
            assert report.status == "new" and report.silent
            return world

        yield make


def _fake_did_not_crash(fake: FakeDiscord) -> None:
    assert not fake.internal_errors, fake.internal_errors


@dataclass
class Chaos:
    """What the kill loop did, for the assertions and for docs/RELIABILITY.md."""

    seed: int
    signals: int = 0
    #: signals sent while the outbox still owed something (or a wave was not yet polled)
    mid_burst: int = 0
    exit_codes: list[int] = field(default_factory=list)
    stop_seconds: list[float] = field(default_factory=list)

    def summary(self, world: CrashWorld) -> str:
        messages = sum(len(world.fake.messages(c)) for c in world.channels)
        return (f"seed {self.seed}: {self.signals} signals, {self.mid_burst} mid-burst, "
                f"{world.owed} deliveries in {messages} messages, "
                f"slowest stop {max(self.stop_seconds):.2f} s")


def chaos_seed(sig: signal.Signals) -> int:
    return int(os.environ.get(f"ALERTBOT_SEED_{sig.name}") or random.randrange(2**32))


async def kill_repeatedly(world: CrashWorld, sig: signal.Signals, times: int) -> Chaos:
    """Start the bot and send it ``sig`` at a random moment, until ``times`` signals have landed
    while deliveries were still owed. A new wave of reports reaches the feed whenever the last
    one is delivered (at least two waves), so polls, commits and sends are all interrupted."""
    chaos = Chaos(chaos_seed(sig))
    rng = random.Random(chaos.seed)
    print(f"\n{sig.name} chaos seed {chaos.seed} (ALERTBOT_SEED_{sig.name}={chaos.seed} "
          "replays its kill moments)")
    world.fake.stall_next(MESSAGES, count=10**9, delay=ANSWER_DELAY_S)
    while chaos.mid_burst < times or world.published < WAVES * WAVE:
        assert chaos.signals < 3 * times, f"the burst keeps ending early: {chaos.summary(world)}"
        if world.done():
            world.publish(WAVE)
            world.make_due()
        identified = world.fake.identifies
        bot = await world.start()
        posts = message_posts(world.fake)
        if sig is signal.SIGKILL and rng.random() < 0.25:
            # Anywhere: importing, migrating, logging in, polling, committing or sending.
            await asyncio.sleep(rng.uniform(0.3, 3.0))
        else:
            target = posts + rng.randint(1, 12)
            await until(lambda: message_posts(world.fake) >= target or world.done(),  # noqa: B023
                        bot, FINISH_S, "the next posts")
            await asyncio.sleep(rng.uniform(0.0, 0.04))
        if sig is signal.SIGTERM:
            # Before its signal handlers exist the process just ends, as any program does.
            await until(lambda: world.fake.identifies > identified,  # noqa: B023
                        bot, FINISH_S, "the bot to connect")
        owed = not world.done()
        started = time.monotonic()
        if bot.running():
            bot.signal(sig)
        code = await bot.exited()
        chaos.stop_seconds.append(time.monotonic() - started)
        chaos.signals += 1
        chaos.mid_burst += owed
        chaos.exit_codes.append(code)
        if sig is signal.SIGTERM:
            assert code == 0, bot.log_text()[-3000:]
            # A clean stop finishes the send in flight: whatever Discord holds is recorded.
            stored = world.stored()
            for channel in world.channels:
                for delivery in posted_delivery_ids(world.fake, channel):
                    assert stored[delivery][1] == "sent", (delivery, chaos.seed)
    return chaos


@pytest.mark.slow
async def test_sigkill_and_sigterm_at_random_moments_lose_and_repeat_nothing(
    crash_worlds: MakeWorld,
) -> None:
    """Two worlds side by side: one bot killed with SIGKILL, one stopped with SIGTERM, each at
    least KILLS times mid-burst. After a last clean run each fake Discord holds every delivery
    exactly once; every SIGTERM ended with exit code 0 and the send in flight recorded."""
    killed, stopped = await crash_worlds("killed"), await crash_worlds("stopped")
    kills, stops = await asyncio.gather(kill_repeatedly(killed, signal.SIGKILL, KILLS),
                                        kill_repeatedly(stopped, signal.SIGTERM, KILLS))
    await asyncio.gather(killed.finish(), stopped.finish())
    print(f"SIGKILL {kills.summary(killed)}\nSIGTERM {stops.summary(stopped)}")
    assert kills.mid_burst >= KILLS and stops.mid_burst >= KILLS
    assert set(kills.exit_codes) == {-signal.SIGKILL}
    assert set(stops.exit_codes) == {0}
    killed.assert_exactly_once()
    stopped.assert_exactly_once()


@pytest.mark.parametrize("restart", ["within the nonce window", "after the nonce window"])
async def test_a_post_cut_short_by_a_crash_is_not_made_again(
    crash_worlds: MakeWorld, restart: str
) -> None:
    """Discord made the message, the bot died before hearing so. Restarted soon, the same nonce
    gets Discord's original message back; restarted after Discord forgot the nonce, the bot
    must find its message in the channel's history instead of posting it again."""
    world = await crash_worlds("nonce", channels=1)
    [channel] = world.channels
    world.fake.stall_next(MESSAGES)  # the answer is held until released
    world.publish(3)
    world.make_due()
    bot = await world.start()
    await until(lambda: len(world.fake.messages(channel)) == 1, bot, FINISH_S, "the post")
    bot.signal(signal.SIGKILL)
    await bot.exited()
    world.fake.release_stalled()
    assert world.outbox() == (3, 3), "the bot recorded an answer it never got"
    if restart == "after the nonce window":
        world.offset[0] += 600  # Discord's window is 300 s, the sender's 240 s
    await world.finish()
    assert len(world.fake.messages(channel)) == 1
    world.assert_exactly_once()
    history = [r for r in world.fake.requests
               if r.method == "GET" and r.path == f"/channels/{channel.id}/messages"]
    [message] = world.fake.messages(channel)
    with contextlib.closing(sqlite3.connect(world.db)) as db:
        recorded = {m for (m,) in db.execute("SELECT message_id FROM deliveries")}
    if restart == "after the nonce window":
        assert history, "the channel's history was not read"
        assert recorded == {None}  # found, not answered: its message id is unknown
    else:
        assert not history
        assert recorded == {message.id}

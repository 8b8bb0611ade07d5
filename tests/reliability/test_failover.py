"""Failover (issue 15): three bot processes share one PostgreSQL database, 2,000 sources and a
fake Discord of four shards, while one of them is SIGKILLed over and over and another is
stopped with SIGTERM in the middle of a burst of deliveries.

Each process is `alertbot run` in a process of its own (tests/fakes/run_bot.py), with its own
bot.toml naming its shards (0 and 1, 2, 3) and ``[database] processes = "several"``. The fake
Discord and the feed server live in this test's process and outlive every bot. The run asserts
what issue 15 promises:

* nothing lost, nothing posted twice: every delivery the outbox queued is in the fake's
  channels once (each embed's footer names its delivery), and every report once per channel;
* every source polled within its interval and a lease, from start to end, whoever was killed
  (the feed server records when each feed was asked for);
* Discord's global limit never passed by the processes together (the fake's meter).

The channel answers are held 30 ms after the message is made, so kills land between a post
and its record. A run prints its seed; ``ALERTBOT_SEED_FAILOVER=<seed>`` replays its kill
moments. The figures it prints are in docs/RELIABILITY.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import random
import shutil
import signal
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from bot.settings import load_settings
from bot.store import Store
from bot.store._base import to_db
from tests import databases
from tests.fakes.discord import FakeDiscord, RateLimits
from tests.fakes.discord.state import FakeChannel, FakeGuild
from tests.fakes.feed_server import LOCAL, FeedServer
from tests.reliability.conftest import (
    CONFIG,
    MESSAGES,
    message_posts,
    posted_delivery_ids,
    posted_titles,
    report_title,
    subscribe,
    wire_feed,
)
from tests.reliability.test_crash import BotProcess, until

ROOT = Path(__file__).resolve().parents[2]
SHARD_COUNT = 4
#: the shards of each process: the first is the one killed, the second the one stopped
SHARDS = ((0, 1), (2,), (3,))
SOURCES = 2000
INTERVAL_S = 60
#: the wire carries the reports; polled every 30 s, and at once when a wave is published
WIRE_INTERVAL_S = 30
LEASE_S = 10
#: the scheduler's tick (1 s) at the claim and at the takeover, and a poll's own time: a poll
#: lands this much after the moment its lease or slot allows
TICK_SLACK_S = 3
CHANNELS_PER_GUILD = 8
#: reports per wave; a wave per kill, each owed to every channel (4 × 32 = 128 deliveries,
#: long enough to send that most kills land mid-burst: with 2, half the kills found it sent)
WAVE = 4
KILLS = 10
#: the SIGTERM lands during this kill cycle
STOP_AT = 5
ANSWER_DELAY_S = 0.03
#: the longest wait for one step (a process starting: settings, matcher, login; the outbox to
#: empty); a machine shared with other work has taken over a minute to start one
WAIT_S = 180.0


@dataclass
class Cluster:
    fake: FakeDiscord
    feeds: FeedServer
    url: str
    folder: Path
    channels: list[FakeChannel]
    #: every bot process started, by process number, the latest last
    bots: dict[int, list[BotProcess]] = field(default_factory=dict)
    published: int = 0

    async def start(self, n: int) -> BotProcess:
        runs = self.bots.setdefault(n, [])
        # Processes on the same shards would share one part of the global limit twice.
        assert not any(bot.running() for bot in runs), f"process {n} is still running"
        log = self.folder / f"p{n}-{len(runs) + 1}.log"
        env = {**os.environ, "DISCORD_TOKEN": self.fake.token,
               "ALERTBOT_FAKE_API": self.fake.api_base,
               "ALERTBOT_FAKE_GATEWAY": self.fake.gateway_url}
        with log.open("wb") as out:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "tests.fakes.run_bot",
                "--config", str(self.folder / f"config-{n}"), "--db", self.url,
                cwd=ROOT, env=env, stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL, stderr=out,
            )
        bot = BotProcess(process, log)
        runs.append(bot)
        return bot

    def latest(self, n: int) -> BotProcess:
        return self.bots[n][-1]

    async def kill_leftovers(self) -> None:
        for runs in self.bots.values():
            for bot in runs:
                if bot.running():
                    bot.signal(signal.SIGKILL)
                    await bot.process.wait()

    async def publish_wave(self) -> None:
        """The wire gains WAVE reports, and is due now."""
        self.published += WAVE
        self.feeds.set("/wire.xml", wire_feed(range(1, self.published + 1)))
        await self.sql("UPDATE sources SET next_poll_at = '2000-01-01T00:00:00.000000+00:00'"
                       " WHERE id = 'wire'")

    @property
    def owed(self) -> int:
        return self.published * len(self.channels)

    async def outbox(self) -> tuple[int, int]:
        """(deliveries queued, deliveries still pending)."""
        [(total, pending)] = await self.sql(
            "SELECT count(*), count(*) FILTER (WHERE state = 'pending') FROM deliveries")
        return int(total), int(pending)  # type: ignore[call-overload]

    async def done(self) -> bool:
        return await self.outbox() == (self.owed, 0)

    async def channels_held(self, bot: BotProcess) -> int:
        [(held,)] = await self.sql(
            "SELECT count(*) FROM channel_leases c JOIN processes p ON p.id = c.leased_by"
            " WHERE p.pid = %s AND c.lease_until > %s",
            (bot.process.pid, to_db(datetime.now(UTC))))
        return int(held)  # type: ignore[call-overload]

    async def registered(self, bot: BotProcess) -> bool:
        return bool(await self.sql("SELECT 1 FROM processes WHERE pid = %s",
                                   (bot.process.pid,)))

    async def sql(self, query: str, values: Sequence[object] = ()) -> list[tuple[object, ...]]:
        def run() -> list[tuple[object, ...]]:
            with psycopg.connect(self.url, autocommit=True) as conn:
                cursor = conn.execute(query, values)
                return cursor.fetchall() if cursor.description else []

        return await asyncio.to_thread(run)


async def waiting(check: Callable[[], Awaitable[object]], bot: BotProcess, what: str,
                  within: float = WAIT_S) -> None:
    """``until`` for an async check: fail with the bot's log if it exits or time runs out."""
    deadline = time.monotonic() + within
    while not await check():
        if not bot.running():
            raise AssertionError(f"the bot exited ({bot.process.returncode}) while waiting for "
                                 f"{what}:\n{bot.log_text()[-3000:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}:\n{bot.log_text()[-3000:]}")
        await asyncio.sleep(0.05)


def write_configs(folder: Path, feeds: FeedServer) -> None:
    sources = [f'[[sources]]\nid = "wire"\nurl = "{feeds.url("/wire.xml")}"\n'
               f'name = "Border wire"\ninterval = "{WIRE_INTERVAL_S}s"\n']
    sources += [f'[[sources]]\nid = "desk-{i:04d}"\nurl = "{feeds.url(desk(i))}"\n'
                f'name = "Desk {i}"\ninterval = "{INTERVAL_S}s"\n' for i in range(SOURCES)]
    for n, shards in enumerate(SHARDS):
        config = folder / f"config-{n}"
        config.mkdir(parents=True)
        for name in ("regions.toml", "severity.toml"):
            shutil.copy(CONFIG / name, config / name)
        (config / "sources.toml").write_text("\n".join(sources), encoding="utf-8")
        # Every feed is on one host here, as the desks of one publisher would be.
        (config / "bot.toml").write_text(
            f'[fetch]\nallow_private = ["{LOCAL}"]\nper_host_concurrency = 20\n\n'
            f'[database]\nprocesses = "several"\nlease = "{LEASE_S}s"\n\n'
            f"[discord]\nshards = {list(shards)}\nshard_count = {SHARD_COUNT}\n",
            encoding="utf-8")


def desk(i: int) -> str:
    return f"/desk/{i:04d}.xml"


def desk_feed(i: int) -> bytes:
    """A feed with one old item that never changes: polled, answered 304, never an alert."""
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Desk {i}</title><link>http://desk.example/{i}</link>"
            f"<description>Desk {i}</description><item><guid>desk-{i}-1</guid>"
            f"<title>Desk {i} opens</title><link>http://desk.example/{i}/1</link>"
            "<description>The desk opened.</description></item></channel></rss>").encode()


@pytest.fixture
async def cluster(
    tmp_path: Path, feed_server: FeedServer, postgres_server: str
) -> AsyncIterator[Cluster]:
    """The fake Discord (one guild per shard, CHANNELS_PER_GUILD channels each subscribed to
    the Balkans), the feeds, a new PostgreSQL schema, the processes' configurations."""
    with databases.fresh_schema(postgres_server) as url:
        # Roomy channel buckets and Discord's global 50 a second: only the global limit can
        # bite, and only if the processes together pass it.
        async with FakeDiscord(shards=SHARD_COUNT, patience=30,
                               rate_limits=RateLimits(message_limit=1000)) as fake:
            guilds: list[FakeGuild] = [fake.add_guild(f"shard {s}", shard=(s, SHARD_COUNT))
                                       for s in range(SHARD_COUNT)]
            channels = [g.add_channel(f"balkans-{i}") for g in guilds
                        for i in range(CHANNELS_PER_GUILD)]
            for i in range(SOURCES):
                feed_server.set(desk(i), desk_feed(i))
            feed_server.set("/wire.xml", wire_feed(range(0)))
            write_configs(tmp_path, feed_server)
            async with await Store.open(url) as store:
                # As `alertbot init` and a first start would leave it: the three processes
                # then start as on any later day, each syncing a file the database matches.
                settings = load_settings(tmp_path / "config-0", env={})
                await store.sync_sources(settings.sources, datetime.now(UTC))
                for channel in channels:
                    await subscribe(store, channel.guild, channel, datetime.now(UTC))
            world = Cluster(fake, feed_server, url, tmp_path, channels)
            try:
                yield world
            finally:
                await world.kill_leftovers()
            assert not fake.internal_errors, fake.internal_errors


@dataclass
class Run:
    """What the kill loop did, for the assertions and docs/RELIABILITY.md."""

    seed: int
    kills: int = 0
    #: kills while the outbox owed something
    mid_burst: int = 0
    #: kills while the killed process held channels it was sending to
    holding: int = 0
    stop_seconds: float = 0.0


async def kill_repeatedly(world: Cluster) -> Run:
    seed = int(os.environ.get("ALERTBOT_SEED_FAILOVER") or random.randrange(2**32))
    rng = random.Random(seed)
    print(f"\nfailover seed {seed} (ALERTBOT_SEED_FAILOVER={seed} replays its kill moments)")
    run = Run(seed)
    while run.mid_burst < KILLS:
        # On a loaded machine the other two processes often empty the outbox before a kill
        # lands (a run beside other jobs found it empty at 21 of 30 kills): the cap only
        # stops a run that could never reach KILLS kills mid-burst.
        assert run.kills < 6 * KILLS, f"the bursts keep ending before the kills: {run}"
        # The first round kills the process the run began with; two processes on one
        # shard's part of the global limit would together pass it (docs/RELIABILITY.md).
        bot = world.latest(0) if run.kills == 0 else await world.start(0)
        await waiting(lambda: world.registered(bot), bot, "the process to poll")  # noqa: B023
        await world.publish_wave()
        if run.kills == STOP_AT:
            await stop_and_restart(world, run)
        if rng.random() < 0.25:
            # Anywhere: logging in, polling, committing, claiming or sending.
            await asyncio.sleep(rng.uniform(0.2, 3.0))
        else:
            with contextlib.suppress(AssertionError):  # the others may have taken it all
                await waiting(lambda: world.channels_held(bot), bot,  # noqa: B023
                              "channels to send to", within=10)
            await asyncio.sleep(rng.uniform(0.0, 0.1))
        holding = await world.channels_held(bot)
        owed = not await world.done()
        bot.signal(signal.SIGKILL)
        assert await bot.exited() == -signal.SIGKILL
        run.kills += 1
        run.mid_burst += owed
        run.holding += holding > 0
        print(f"kill {run.kills}: {'mid-burst' if owed else 'outbox empty'}, held {holding} "
              f"channels, {world.published} reports out")
    await world.start(0)  # the last start, which the run ends with
    return run


async def stop_and_restart(world: Cluster, run: Run) -> None:
    """SIGTERM the second process mid-burst: it finishes its sends in flight, records them,
    frees its leases and exits 0; then it starts again."""
    bot = world.latest(1)
    posts = message_posts(world.fake)
    await until(lambda: message_posts(world.fake) > posts, bot, WAIT_S, "posts")
    started = time.monotonic()
    bot.signal(signal.SIGTERM)
    assert await bot.exited(within=WAIT_S) == 0, bot.log_text()[-3000:]
    run.stop_seconds = time.monotonic() - started
    await world.start(1)


def overdue(world: Cluster, start: float, end: float) -> Iterator[tuple[str, float]]:
    """(path, the longest wait past its interval between two polls) per feed, from start to
    end: a feed polled on time all along waits 0 or less."""
    feeds = [("/wire.xml", WIRE_INTERVAL_S)] + [(desk(i), INTERVAL_S) for i in range(SOURCES)]
    for path, interval in feeds:
        times = [start, *world.feeds.hit_times(path), end]
        yield path, max(b - a for a, b in itertools.pairwise(times)) - interval


@pytest.mark.slow
@pytest.mark.failover
@pytest.mark.skipif(
    not os.environ.get("ALERTBOT_FAILOVER"),
    reason="the three-process failover run takes 3-15 minutes on 2 cores: ALERTBOT_FAILOVER=1 "
    "runs it, as .ci/run does (docs/RELIABILITY.md)",
)
async def test_three_processes_lose_and_repeat_nothing_through_kills_and_a_stop(
    cluster: Cluster,
) -> None:
    world = cluster
    world.fake.stall_next(MESSAGES, count=10**9, delay=ANSWER_DELAY_S)
    first = [await world.start(n) for n in range(len(SHARDS))]
    for bot in first:
        await waiting(lambda: world.registered(bot), bot, "the process to poll")  # noqa: B023
    start = time.monotonic()
    # The wire's first poll is silent (it records what is there): reports come after it.
    await until(lambda: world.feeds.hits("/wire.xml") > 0, first[0], WAIT_S, "the wire")
    run = await kill_repeatedly(world)
    # Every delivery sent, and each source's polls watched for at least two intervals.
    await waiting(world.done, world.latest(0), "the outbox to empty")
    await asyncio.sleep(max(0.0, start + 2 * INTERVAL_S + LEASE_S - time.monotonic()))
    end = time.monotonic()
    for n in range(len(SHARDS)):
        # Stopped once running (before its signal handlers exist, SIGTERM just ends it).
        bot = world.latest(n)
        await waiting(lambda: world.registered(bot), bot, "the process to poll")  # noqa: B023
        bot.signal(signal.SIGTERM)
    for n in range(len(SHARDS)):
        bot = world.latest(n)
        assert await bot.exited(within=WAIT_S) == 0, bot.log_text()[-3000:]

    stored = {int(i): (int(c), str(s)) for i, c, s in await world.sql(
        "SELECT id, channel_id, state FROM deliveries")}
    assert len(stored) == world.owed >= 600
    assert {state for _, state in stored.values()} == {"sent"}
    for channel in world.channels:
        posted = posted_delivery_ids(world.fake, channel)
        assert len(posted) == len(set(posted)), f"#{channel.name}: a delivery came twice"
        queued = sorted(i for i, (c, _) in stored.items() if c == channel.id)
        assert sorted(posted) == queued, f"#{channel.name}: a delivery was lost"
        assert posted_titles(world.fake, channel) == {
            report_title(n): 1 for n in range(1, world.published + 1)}
    waits = dict(overdue(world, start, end))
    late = sorted((round(w, 1), path) for path, w in waits.items() if w > LEASE_S + TICK_SLACK_S)
    assert not late, f"sources polled later than their interval and a lease: {late[-10:]}"
    assert world.fake.peak_global_rate <= 50, world.fake.rest.meter.peak_requests
    assert sum(world.fake.rate_limited_count.values()) == 0
    longest = max(waits.values())
    messages = sum(len(world.fake.messages(c)) for c in world.channels)
    print(f"failover seed {run.seed}: {run.kills} SIGKILLs ({run.mid_burst} mid-burst, "
          f"{run.holding} holding channels), SIGTERM stop {run.stop_seconds:.2f} s; "
          f"{world.owed} deliveries in {messages} messages, 0 lost, 0 twice; "
          f"{SOURCES + 1} sources, the longest wait past a source's interval "
          f"{longest:.1f} s (lease {LEASE_S} s); peak global rate "
          f"{world.fake.peak_global_rate}/s; {time.monotonic() - start:.0f} s")

"""Target 4: from a change at a source to the alert reaching Discord, under the poll load.

Run: ``.venv/bin/python -m bench.latency_bench [--sources 2000] [--interval 30] [--intervals 2]``

The whole bot as ``alertbot run`` builds it (``open_core`` + ``BotRunner``: the PollScheduler
with its production tick of 1 s, the Sender, the AlertBot client) polls 2,000 sources every
``--interval`` seconds and posts to the fake Discord (own process, realistic rate limits). The
feed server (own process) changes 5 % of the sources per interval, each at a random moment; a
change's latency is the time from the server serving it to each message carrying it arriving
at the fake Discord. 100 channels follow one region each, so the alerts (about 25 messages a
second) stay under Discord's global limit of 50 and the figure measures the bot, not the queue
behind that limit (200 channels came to about 48 a second, and half the latency was that queue).

The interval is 30 s, the shortest ``sources.toml`` accepts, so that a run takes two minutes
rather than several; nothing in the bot depends on its length except the waiting.

A change waits for its source's next poll: at most one interval (the scheduler's spread only
brings polls forward), plus up to one scheduler tick; then fetch, commit, send.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bench import feeds
from bench.harness import FakeDiscordProcess, FeedServerProcess, round_changes
from bench.poll_bench import CONCURRENCY, FOLLOWED, bench_channels, utc_now, warm
from bot.app import BotRunner, open_core
from bot.model import Severity
from bot.settings import load_settings

CONFIG = Path(__file__).resolve().parents[1] / "config"
#: the production default of BotRunner
TICK_S = 1.0


def write_config(folder: Path, urls: Sequence[str], interval: int) -> Path:
    """A config folder as an operator would write it, for the bench's sources."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("regions.toml", "severity.toml"):
        shutil.copy(CONFIG / name, folder / name)
    (folder / "sources.toml").write_text("".join(
        f'[[sources]]\nid = "desk-{j:05d}"\nurl = "{url}"\nname = "Desk {j:05d}"\n'
        f'interval = "{interval}s"\n\n' for j, url in enumerate(urls)), encoding="utf-8")
    # All bench sources share 127.0.0.1, which the fetch guard refuses unless allowed; real
    # ones are spread over many hosts.
    (folder / "bot.toml").write_text(
        f'[fetch]\nper_host_concurrency = {CONCURRENCY}\nallow_private = ["127.0.0.1/32"]\n',
        encoding="utf-8")
    return folder


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


@dataclass
class Latency:
    samples: list[float]
    changes: int
    changes_seen: int
    interval_s: int
    #: commit → posted, per delivery
    queued: list[float] = field(default_factory=list)

    def percentile(self, p: float) -> float:
        return percentile(self.samples, p)

    def summary(self) -> dict[str, Any]:
        return {
            "poll_interval_s": self.interval_s, "tick_s": TICK_S,
            "messages": len(self.samples), "changes": self.changes,
            "changes_that_reached_a_channel": self.changes_seen,
            "p50_s": self.percentile(50), "p90_s": self.percentile(90),
            "p99_s": self.percentile(99), "max_s": max(self.samples, default=float("nan")),
            "commit_to_post_p50_s": percentile(self.queued, 50),
            "commit_to_post_p99_s": percentile(self.queued, 99),
        }


async def run(
    server: FeedServerProcess, db_path: Path, versions: list[int], workdir: Path, *,
    interval: int = 30, intervals: int = 2, seed: int = 11,
) -> Latency:
    """Run the bot on a copy of a warmed database whose feeds are at ``versions``."""
    sources = len(versions)
    server.restore("ours", versions)
    urls = server.lane("ours", sources, sources)
    db = workdir / "latency.db"
    shutil.copy(db_path, db)
    fake = FakeDiscordProcess()
    try:
        fake.point_discord_py_here()
        world = fake.call("world", 20, 5)
        settings = load_settings(write_config(workdir / "latency-config", urls, interval),
                                 env={"DISCORD_TOKEN": fake.token})
        async with open_core(settings, db) as core:
            await _follow(core.store, world)
            runner = BotRunner(settings, core, tick_s=TICK_S,
                               client_options={"guild_ready_timeout": 0.5})
            task = asyncio.create_task(runner.run())
            try:
                await _ready(runner, task)
                changed = await _change(server, sources, interval, intervals, seed)
                # The last change is seen within an interval and a tick; then it is sent.
                await asyncio.sleep(interval + TICK_S + 5)
            finally:
                runner.request_stop()
                await task
        report = fake.call("report", [c for _, c in world])
    finally:
        fake.stop()
    result = _latencies(changed, report, interval)
    result.queued = await asyncio.to_thread(_queue_times, db)
    return result


def _queue_times(db_path: Path) -> list[float]:
    """Seconds from each delivery's commit to its post (read from the bench's own copy):
    the part of the latency that is the sender's, the rest being the wait for the poll."""
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT created_at, sent_at FROM deliveries"
                          " WHERE state = 'sent' AND sent_at IS NOT NULL").fetchall()
    finally:
        db.close()
    return [(datetime.fromisoformat(sent) - datetime.fromisoformat(created)).total_seconds()
            for created, sent in rows]


async def _follow(store: Any, world: Sequence[tuple[int, int]]) -> None:
    """Drop the warm-up's made-up channels, then one region per real channel."""
    for guild_id, channel_id in bench_channels(1000):
        for sub in await store.subscriptions(guild_id, channel_id):
            await store.unsubscribe(guild_id, channel_id, sub.region)
    for k, (guild_id, channel_id) in enumerate(world):
        await store.subscribe(guild_id, channel_id, FOLLOWED[k % len(FOLLOWED)],
                              min_severity=Severity.LOW, filter="", ping_role_id=None,
                              ping_severity=Severity.CRITICAL, publish=False, now=utc_now())


async def _ready(runner: BotRunner, task: asyncio.Task[int]) -> None:
    async with asyncio.timeout(60):
        while runner.client is None or not runner.client.is_ready():
            if task.done():
                raise RuntimeError(f"the bot stopped before it was ready (exit {task.result()})")
            await asyncio.sleep(0.05)


async def _change(
    server: FeedServerProcess, sources: int, interval: int, intervals: int, seed: int
) -> list[tuple[float, int, int]]:
    """Change 5 % of the sources per interval, each at a random moment; (time, source, version)."""
    rng = random.Random(seed)
    versions = server.versions("ours")
    plan: list[tuple[float, int]] = []
    for k in range(intervals):
        for j in round_changes(1000 + k, sources):
            plan.append((k * interval + rng.uniform(0, interval), j))
    plan.sort()
    started = time.monotonic()
    changed = []
    for offset, j in plan:
        await asyncio.sleep(max(0.0, started + offset - time.monotonic()))
        # The server answers from its own process, so its clock stamps when the change is live.
        at = await asyncio.to_thread(server.advance, "ours", [j])
        versions[j] += 1
        changed.append((at, j, versions[j]))
    return changed


def _latencies(
    changed: Sequence[tuple[float, int, int]], report: dict[str, Any], interval: int
) -> Latency:
    if report["internal_errors"]:
        raise RuntimeError("the fake Discord crashed:\n" + "\n".join(report["internal_errors"]))
    # A segment's embed reads "**Update (…)** text": match on the link and the text's start.
    wanted: dict[str, list[tuple[str, float]]] = {}
    for at, j, version in changed:
        link, text = feeds.newest_update(j, version)
        wanted.setdefault(link, []).append((text[:40], at))
    samples = []
    seen = set()
    for _, arrived, _, embeds in report["messages"]:
        for url, description, _ in embeds:
            for start, at in wanted.get(url, ()):
                if start in description:
                    samples.append(arrived - at)
                    seen.add((url, start))
    return Latency(samples, len(changed), len(seen), interval)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--interval", type=int, default=30)
    parser.add_argument("--intervals", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="alertbot-latency-", ignore_cleanup_errors=True) as tmp:
        workdir = Path(tmp)
        with FeedServerProcess() as server:
            print(f"  warm-up: first poll of {args.sources} sources ...", flush=True)
            versions = asyncio.run(warm(server, workdir / "warm.db", args.sources))
            result = asyncio.run(run(server, workdir / "warm.db", versions, workdir,
                                     interval=args.interval, intervals=args.intervals))
        for key, value in result.summary().items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()

"""Target 1: one steady-state poll cycle of 2,000 sources, against a floor and against reader.

Run: ``.venv/bin/python -m bench.poll_bench [--sources 2000] [--rounds 3] [--reader-sources 200]``

The feed server runs in its own process (bench.harness), serving generated 50-entry feeds
(bench.feeds). In each measured round, 80 % of the sources answer 304, 15 % answer 200 with the
same body (they send no validators) and 5 % have a new entry or a new segment.

- **ours**: the real Poller (fetch, parse, updates, match, ``store.commit_poll`` with deliveries
  to 1,000 subscribed channels) on a real SQLite file, after a first warm-up poll.
- **floor**: bare aiohttp conditional GETs of the same URLs with the same connection limit, and
  fastfeedparser on each body that differs from the last one: the least any poller must do.
- **reader**: lemon24/reader's ``update_feeds(workers=N, scheduled=False)`` on the same feeds,
  after its own first update. reader parses with feedparser (about 0.2 s a feed here), so its
  first update of 2,000 feeds alone would take minutes; by default it polls the first
  ``--reader-sources`` sources (the same mix) and is compared with ours on those same sources.

Each client has its own lane on the feed server (same feeds, same changes, own state); rounds
interleave the clients so that a noisy machine slows them alike, and the figure is the median.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp

from bench.harness import CpuMeter, FeedServerProcess, median, round_changes
from bot.model import Severity, Source
from bot.pipeline.fetch import Fetcher, make_session
from bot.pipeline.guard import AddressGuard
from bot.pipeline.match import Matcher, load_matcher
from bot.pipeline.poll import Poller, PollReport
from bot.settings import FetchSettings
from bot.store import Store

CONFIG = Path(__file__).resolve().parents[1] / "config"
#: fetches in flight at once, for every client (the bot's default ``concurrency``)
CONCURRENCY = FetchSettings().concurrency
#: the feed servers listen on 127.0.0.1, which the fetch guard lets through only when allowed
LOCAL = AddressGuard.allowing("127.0.0.1/32")
INTERVAL_S = 300

#: regions people follow: curated sets and the countries the generated news is about
FOLLOWED = (
    "balkans", "caucasus", "middle-east", "levant", "sahel", "horn-of-africa", "great-lakes",
    "south-asia", "southeast-asia", "caribbean", "gaza", "donbas", "kosovo", "serbia", "ukraine",
    "moldova", "armenia", "azerbaijan", "lebanon", "syria", "yemen", "sudan", "ethiopia",
    "somalia", "mali", "nigeria", "haiti", "venezuela", "peru", "chile", "myanmar", "bangladesh",
    "pakistan", "afghanistan", "taiwan", "philippines", "indonesia", "japan", "nepal",
)


def utc_now() -> datetime:
    return datetime.now(UTC)


def bench_sources(urls: Sequence[str], interval: int) -> list[Source]:
    return [Source(f"desk-{j:05d}", url, f"Desk {j:05d}", interval) for j, url in enumerate(urls)]


def fetcher_for(session: aiohttp.ClientSession) -> Fetcher:
    """The bot's fetcher with its default limits, except per host.

    Every bench source lives on 127.0.0.1, where real sources live on as many hosts; with the
    default of 2 per host the bench would measure the politeness limit, not the poller.
    """
    defaults = FetchSettings()
    return Fetcher(
        session, max_body_bytes=defaults.max_body_bytes, timeout_connect=defaults.timeout_connect,
        timeout_total=defaults.timeout_total, max_redirects=defaults.max_redirects,
        per_host_concurrency=CONCURRENCY, concurrency=CONCURRENCY, guard=LOCAL,
    )


async def subscribe_channels(
    store: Store, channels: Sequence[tuple[int, int]], matcher: Matcher, seed: int = 5
) -> int:
    """One to three regions per channel, with the minimum severities people pick."""
    known = {r.id for r in matcher.regions()}
    followed = [r for r in FOLLOWED if r in known]
    rng = random.Random(seed)
    count = 0
    for guild_id, channel_id in channels:
        for region in rng.sample(followed, rng.choice((1, 1, 2, 3))):
            minimum = rng.choice((Severity.LOW, Severity.LOW, Severity.MEDIUM, Severity.HIGH))
            await store.subscribe(guild_id, channel_id, region, min_severity=minimum, filter="",
                                  ping_role_id=None, ping_severity=Severity.CRITICAL,
                                  publish=False, now=utc_now())
            count += 1
    return count


def bench_channels(count: int, per_guild: int = 5) -> list[tuple[int, int]]:
    return [(10_000 + c // per_guild, 900_000 + c) for c in range(count)]


@dataclass
class OurRig:
    """The bot's poll side, as ``alertbot run`` builds it, on its own SQLite file."""

    store: Store
    session: aiohttp.ClientSession
    poller: Poller
    #: a SQLite file, or a PostgreSQL URL (bench.pg_bench)
    db_path: Path | str

    @classmethod
    async def open(
        cls, db_path: Path | str, sources: Sequence[Source], matcher: Matcher, *,
        cluster: bool = True,
    ) -> OurRig:
        store = await Store.open(db_path, clock=utc_now)
        await store.sync_sources(sources, utc_now())
        session = make_session(FetchSettings(), guard=LOCAL)
        poller = Poller(store, fetcher_for(session), matcher, clock=utc_now,
                        rng=random.Random(3), cluster=cluster)
        return cls(store, session, poller, db_path)

    async def cycle(self, only: int | None = None) -> tuple[float, list[PollReport]]:
        """Poll every source (or the first ``only``) once; seconds taken and the reports."""
        started = time.perf_counter()
        states = await self.store.source_states()
        if only is not None:
            states = states[:only]
        reports = await self.poller.poll_many(states)
        return time.perf_counter() - started, reports

    async def close(self) -> None:
        await self.session.close()
        await self.store.close()


class Floor:
    """Conditional GETs and fastfeedparser on changed bodies, nothing else."""

    def __init__(self, urls: Sequence[str]) -> None:
        self.urls = list(urls)
        self.etags: dict[str, str] = {}
        self.bodies: dict[str, bytes] = {}
        self.parsed = 0

    async def cycle(self) -> float:
        import fastfeedparser

        connector = aiohttp.TCPConnector(limit=CONCURRENCY)
        started = time.perf_counter()
        async with aiohttp.ClientSession(connector=connector) as session:

            async def one(url: str) -> None:
                headers = {"If-None-Match": self.etags[url]} if url in self.etags else {}
                async with session.get(url, headers=headers) as resp:
                    if resp.status == 304:
                        return
                    body = await resp.read()
                    if "ETag" in resp.headers:
                        self.etags[url] = resp.headers["ETag"]
                if self.bodies.get(url) != body:
                    self.bodies[url] = body
                    fastfeedparser.parse(body)
                    self.parsed += 1

            await asyncio.gather(*(one(u) for u in self.urls))
        return time.perf_counter() - started


class ReaderClient:
    """lemon24/reader on its own SQLite file, updating the feeds with ``workers`` threads."""

    def __init__(self, db_path: Path, urls: Sequence[str], workers: int) -> None:
        from reader import make_reader

        self.reader = make_reader(str(db_path))
        self.workers = workers
        for url in urls:
            self.reader.add_feed(url, exist_ok=True)

    def cycle(self) -> float:
        started = time.perf_counter()
        # scheduled=False: reader (3.21+) otherwise skips feeds polled less than an hour ago.
        self.reader.update_feeds(scheduled=False, workers=self.workers)
        return time.perf_counter() - started

    def close(self) -> None:
        self.reader.close()


@dataclass
class PollResult:
    sources: int
    ours_s: list[float]
    floor_s: list[float]
    reader_sources: int
    reader_s: list[float]
    ours_subset_s: list[float]
    outcomes: Counter[str]
    deliveries: int
    warmup_s: float
    #: the warmed database and the lane's feed versions, for the latency and scale benches
    db_path: Path
    versions: list[int]
    #: CPU seconds per round: ours in the event loop's thread and in the whole process (the
    #: rest is the store's database thread), and the floor's (it has only the one thread)
    ours_cpu_loop: list[float] = field(default_factory=list)
    ours_cpu_process: list[float] = field(default_factory=list)
    floor_cpu: list[float] = field(default_factory=list)

    @property
    def poll_vs_floor(self) -> float:
        return median(self.ours_s) / median(self.floor_s)

    @property
    def reader_vs_poll(self) -> float:
        return median(self.reader_s) / median(self.ours_subset_s)

    def summary(self) -> dict[str, Any]:
        return {
            "sources": self.sources,
            "ours_s": median(self.ours_s), "floor_s": median(self.floor_s),
            "poll_vs_floor": self.poll_vs_floor,
            "reader_sources": self.reader_sources,
            "reader_s": median(self.reader_s), "ours_subset_s": median(self.ours_subset_s),
            "reader_vs_poll": self.reader_vs_poll,
            "outcomes_per_round": {k: v / max(len(self.ours_s), 1)
                                   for k, v in self.outcomes.items()},
            "deliveries_per_round": self.deliveries / max(len(self.ours_s), 1),
            "warmup_s": self.warmup_s,
            "cpu_s": {"ours_loop_thread": median(self.ours_cpu_loop),
                      "ours_process": median(self.ours_cpu_process),
                      "floor": median(self.floor_cpu)},
            "samples": {"ours": self.ours_s, "floor": self.floor_s, "reader": self.reader_s,
                        "ours_subset": self.ours_subset_s},
        }


def run(
    server: FeedServerProcess,
    workdir: Path,
    *,
    sources: int = 2000,
    rounds: int = 3,
    reader_sources: int = 200,
    profile: Path | None = None,
    share: float = 0.05,
) -> PollResult:
    """Warm every client up, then measure ``rounds`` interleaved steady-state cycles."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(_run(server, workdir, sources, rounds,
                                            reader_sources, profile, share))
    finally:
        loop.close()


async def _run(
    server: FeedServerProcess, workdir: Path, sources: int,
    rounds: int, reader_sources: int, profile: Path | None, share: float,
) -> PollResult:
    matcher = load_matcher(CONFIG)
    subset = min(reader_sources, sources)
    ours_urls = server.lane("ours", sources, sources)
    floor_urls = server.lane("floor", sources, sources)
    sub_urls = server.lane("ours-sub", subset, sources)
    reader_urls = server.lane("reader", subset, sources)

    ours = await OurRig.open(workdir / "ours.db", bench_sources(ours_urls, INTERVAL_S), matcher)
    sub: OurRig | None = None
    reader: ReaderClient | None = None
    try:
        await subscribe_channels(ours.store, bench_channels(1000), matcher)
        sub = await OurRig.open(workdir / "ours-sub.db", bench_sources(sub_urls, INTERVAL_S),
                                matcher)
        await subscribe_channels(sub.store, bench_channels(1000), matcher)
        reader = ReaderClient(workdir / "reader.db", reader_urls, CONCURRENCY)
        return await _measure(server, ours, sub, Floor(floor_urls), reader, sources, subset,
                              rounds, profile, share)
    finally:
        # On an error too: the store's database thread ends with its connection.
        await ours.close()
        if sub is not None:
            await sub.close()
        if reader is not None:
            reader.close()


async def _measure(
    server: FeedServerProcess, ours: OurRig, sub: OurRig, floor: Floor, reader: ReaderClient,
    sources: int, subset: int, rounds: int, profile: Path | None, share: float,
) -> PollResult:
    print(f"  warm-up: first poll of {sources} sources (silent) ...", flush=True)
    warmup_s, reports = await ours.cycle()
    _check_no_errors(reports, "warm-up")
    await sub.cycle()
    await floor.cycle()
    print(f"  warm-up: reader's first update of {subset} feeds ...", flush=True)
    await asyncio.to_thread(reader.cycle)

    result = PollResult(sources, [], [], subset, [], [], Counter(), 0, warmup_s,
                        ours.db_path, [])
    for r in range(1, rounds + 1):
        changes = round_changes(r, sources, share=share)
        server.advance("ours", changes)
        with CpuMeter() as cpu:
            if profile is not None and r == rounds:
                elapsed, reports = await _profiled(ours, profile)
            else:
                elapsed, reports = await ours.cycle()
        _check_no_errors(reports, f"round {r}")
        result.ours_s.append(elapsed)
        result.ours_cpu_loop.append(cpu.thread_s)
        result.ours_cpu_process.append(cpu.process_s)
        result.outcomes.update(rep.status for rep in reports)
        result.deliveries += sum(rep.deliveries for rep in reports)

        server.advance("floor", changes)
        with CpuMeter() as cpu:
            result.floor_s.append(await floor.cycle())
        result.floor_cpu.append(cpu.process_s)

        sub_changes = [j for j in changes if j < subset]
        server.advance("ours-sub", sub_changes)
        result.ours_subset_s.append((await sub.cycle())[0])
        server.advance("reader", sub_changes)
        result.reader_s.append(await asyncio.to_thread(reader.cycle))
        print(f"  round {r}: ours {result.ours_s[-1]:.2f} s (CPU {result.ours_cpu_process[-1]:.2f}"
              f" s), floor {result.floor_s[-1]:.2f} s (CPU {result.floor_cpu[-1]:.2f} s),"
              f" ours on {subset} {result.ours_subset_s[-1]:.2f} s,"
              f" reader on {subset} {result.reader_s[-1]:.2f} s", flush=True)
    result.versions = server.versions("ours")
    return result


async def _profiled(rig: OurRig, out: Path) -> tuple[float, list[PollReport]]:
    from pyinstrument import Profiler

    profiler = Profiler(async_mode="enabled")
    with profiler:
        measured = await rig.cycle()
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    await asyncio.to_thread(out.write_text, text, encoding="utf-8")
    return measured


def _check_no_errors(reports: Sequence[PollReport], when: str) -> None:
    errors = [r for r in reports if r.status == "error"]
    if errors:
        first = errors[0]
        raise RuntimeError(f"{len(errors)} polls failed in the {when} poll, e.g. "
                           f"{first.source}: {first.error_kind}: {first.error}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reader-sources", type=int, default=200)
    parser.add_argument("--share", type=float, default=0.05,
                        help="share of the sources that change in each measured round "
                             "(0: a cycle in which nothing is new)")
    parser.add_argument("--profile", type=Path, help="write a pyinstrument profile of our "
                        "last measured cycle to this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="alertbot-bench-", ignore_cleanup_errors=True) as tmp:
        workdir = Path(tmp)
        with FeedServerProcess() as server:
            result = run(server, workdir, sources=args.sources, rounds=args.rounds,
                         reader_sources=args.reader_sources, profile=args.profile,
                         share=args.share)
        for key, value in result.summary().items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()


async def warm(server: FeedServerProcess, db_path: Path, sources: int) -> list[int]:
    """A database whose sources have had their first poll, for the latency and scale benches
    run on their own; returns the versions of the "ours" lane it matches."""
    matcher = load_matcher(CONFIG)
    urls = server.lane("ours", sources, sources)
    rig = await OurRig.open(db_path, bench_sources(urls, INTERVAL_S), matcher)
    try:
        await subscribe_channels(rig.store, bench_channels(1000), matcher)
        _, reports = await rig.cycle()
        _check_no_errors(reports, "warm-up")
    finally:
        await rig.close()
    return server.versions("ours")

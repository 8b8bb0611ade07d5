"""Issue 15: the bot on PostgreSQL against itself on SQLite and against Discord's limits, as
ratios measured in one run.

Run: ``.venv/bin/python -m bench.pg_bench [--postgres URL] [--sources 2000] [--rounds 3]
[--speed 1] [--drain-only]`` (or ``python -m bench --only pg``); ``--drain-only`` runs the
delivery step alone (3 minutes, where the whole run takes far longer). The server defaults to
``postgresql://postgres@127.0.0.1:5432/test``; every step works in a new schema of its own,
dropped after it. An unreachable server ends the run at once, with the reason.

- **poll**: poll_bench's cycle (the real Poller: fetch, parse, match, ``commit_poll`` with
  deliveries to 1,000 subscribed channels) at ``--sources`` sources, on a SQLite file and on
  PostgreSQL, rounds interleaved; the figure is the ratio of the medians. The SQLite database
  takes every source's first poll (silent, not measured), then ``alertbot db copy`` moves it
  to PostgreSQL and every table is compared row for row (issue 15: db copy of a database the
  poll bench made), so both engines start from the same state and meet the same feeds.
- **processes**: scale_bench's child (the real PollScheduler on a clock ``--speed`` times the
  wall's, one interval to settle, one measured), in real processes: one on 2,000 sources, then
  three sharing 6,000 (each claims what it polls with a lease, ``FOR UPDATE SKIP LOCKED``).
  The figure is CPU per poll of the three over CPU per poll of the one, each process's CPU
  from its own ``getrusage`` (the PostgreSQL server's is in neither). Both start from the same
  warm state (the poll step's database, grown as scale_bench grows it), copied to PostgreSQL
  with ``alertbot db copy``.
- **delivery**: delivery_bench's bursts of 5,000 deliveries to 1,000 channels, with the
  outbox on PostgreSQL, against the least time Discord's limits allow.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench import delivery_bench
from bench.harness import CpuMeter, FeedServerProcess, median, round_changes
from bench.poll_bench import (
    CONFIG,
    INTERVAL_S,
    OurRig,
    _check_no_errors,
    bench_channels,
    bench_sources,
    subscribe_channels,
)
from bench.scale_bench import INTERVAL_S as SCALE_INTERVAL_S
from bench.scale_bench import POOL, ScaleJob, prepare_states, run_jobs
from bot.app import copy_database
from bot.pipeline.match import load_matcher
from bot.store import Store
from bot.store.copy import TABLES
from tests.databases import fresh_schema, reachable
from tests.integration._old_schema import old_database, table_rows

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
ENGINES = ("sqlite", "postgresql")
#: the feed server's lane every step polls
LANE = "pg"

#: key → (target, what it is), for bench/__main__.py's table
TARGETS = {
    "pg_poll_vs_sqlite": (1.5, "poll cycle at 2,000 sources, PostgreSQL / SQLite"),
    "pg_cpu_3x6k_vs_1x2k": (1.2, "CPU per poll, 3 processes on 6,000 / 1 on 2,000 (PostgreSQL)"),
    "pg_drain_vs_min": (1.15, "5,000-delivery drain on PostgreSQL / least time the limits allow"),
}


def poll_section(server: FeedServerProcess, db: Path, url: str, sources: int,
                 rounds: int) -> dict[str, Any]:
    """The poll cycle on each engine, the SQLite one on ``db`` (kept for the next step)."""
    with fresh_schema(url) as schema:
        return asyncio.run(_poll_engines(server, db, schema, sources, rounds))


async def _poll_engines(server: FeedServerProcess, db: Path, schema: str, sources: int,
                        rounds: int) -> dict[str, Any]:
    matcher = load_matcher(CONFIG)
    configured = bench_sources(server.lane(LANE, sources, sources), INTERVAL_S)
    cycle: dict[str, list[float]] = {e: [] for e in ENGINES}
    cpu: dict[str, list[float]] = {e: [] for e in ENGINES}
    rigs = {"sqlite": await OurRig.open(db, configured, matcher)}
    try:
        await subscribe_channels(rigs["sqlite"].store, bench_channels(1000), matcher)
        print(f"  warm-up on SQLite: first poll of {sources} sources (silent) ...", flush=True)
        warmup_s, reports = await rigs["sqlite"].cycle()
        _check_no_errors(reports, "warm-up")
        print("  alertbot db copy of that database to PostgreSQL, every table compared ...",
              flush=True)
        copied = await copy_checked(db, schema)
        rigs["postgresql"] = await OurRig.open(schema, configured, matcher)
        for r in range(1, rounds + 1):
            # Both engines poll the same lane: the feed server's answers depend only on each
            # feed's version, so both meet the same 304s, bodies and changes.
            server.advance(LANE, round_changes(r, sources))
            # Alternate which engine goes first, so that a noisy moment slows both alike.
            for engine in ENGINES if r % 2 else ENGINES[::-1]:
                with CpuMeter() as meter:
                    elapsed, reports = await rigs[engine].cycle()
                _check_no_errors(reports, f"{engine} round {r}")
                cycle[engine].append(elapsed)
                cpu[engine].append(meter.process_s)
            print(f"  round {r}: " + ", ".join(
                f"{e} {cycle[e][-1]:.2f} s (CPU {cpu[e][-1]:.2f} s)" for e in ENGINES),
                flush=True)
    finally:
        for rig in rigs.values():
            await rig.close()
    return {
        "sources": sources, "warmup_s": warmup_s, "copy": copied,
        "cycle_s": {e: median(cycle[e]) for e in ENGINES},
        "cpu_s": {e: median(cpu[e]) for e in ENGINES},
        "pg_poll_vs_sqlite": median(cycle["postgresql"]) / median(cycle["sqlite"]),
    }


async def copy_checked(db: Path, schema: str) -> dict[str, Any]:
    """`alertbot db copy` of the polled SQLite database into ``schema`` (the copy analyses
    every table, as autovacuum would soon after such a load), then every table compared row
    for row; RuntimeError if any differs."""
    started = time.perf_counter()
    copied = await copy_database(db, schema)
    seconds = time.perf_counter() - started
    differ = [name for name in TABLES
              if await asyncio.to_thread(_rows, db, name)
              != await asyncio.to_thread(_rows, schema, name)]
    if differ:
        raise RuntimeError(f"db copy: rows differ after the copy in {', '.join(differ)}")
    return {"copy_s": seconds, "rows": copied.rows, "tables_equal": len(TABLES)}


def _rows(database: Path | str, table: str) -> list[tuple[Any, ...]]:
    """Every row of ``table`` in the columns both engines have (the generated ones are left
    out)."""
    with old_database(database) as raw:
        columns = raw.dialect.columns(raw, table)
    return table_rows(database, table, columns)


def processes_section(server: FeedServerProcess, db: Path, url: str,
                      speed: float) -> dict[str, Any]:
    """One process on 2,000 sources, then three sharing 6,000, each on PostgreSQL, from the
    poll step's database (its first POOL sources' states)."""
    versions = server.versions(LANE)[:POOL]
    runs: dict[str, Any] = {}
    for count, sources in ((1, POOL), (3, 3 * POOL)):
        server.restore(LANE, versions)
        urls = server.lane(LANE, sources, POOL)
        start = db.with_name(f"pg-scale-{sources}.db")
        shutil.copy(db, start)
        with fresh_schema(url) as schema:
            asyncio.run(_prepared_copy(start, urls, schema))
            print(f"  {count} process(es) polling {sources} sources every {SCALE_INTERVAL_S} s "
                  f"(clock x{speed:g}) ...", flush=True)
            jobs = [ScaleJob(schema, urls, speed, prepared=True)] * count
            scales = run_jobs(server, jobs, sources, speed, lane=LANE)
        polls = sum(s.polls for s in scales)
        cpu_s = sum(s.cpu_s for s in scales)
        runs[f"{count}x{sources}"] = {
            "polls": polls, "polls_due": sources, "cpu_s": cpu_s,
            "cpu_ms_per_poll": 1000 * cpu_s / max(polls, 1),
            "polls_per_process": [s.polls for s in scales],
        }
        print(f"  {runs[f'{count}x{sources}']}", flush=True)
    one, three = runs[f"1x{POOL}"], runs[f"3x{3 * POOL}"]
    return runs | {"pg_cpu_3x6k_vs_1x2k": three["cpu_ms_per_poll"] / one["cpu_ms_per_poll"]}


async def _prepared_copy(db: Path, urls: list[str], schema: str) -> None:
    async with await Store.open(db) as store:
        await prepare_states(store, str(db), urls)
    await copy_database(db, schema)


def delivery_section(url: str) -> dict[str, Any]:
    with fresh_schema(url) as schema:
        drains = asyncio.run(delivery_bench.run(database=schema))
    figures = delivery_bench.summary(drains)
    return figures | {"pg_drain_vs_min": figures["drain_vs_min"]}


def run(url: str, workdir: Path, *, sources: int = 2000, rounds: int = 3,
        speed: float = 1.0, drain_only: bool = False) -> dict[str, Any]:
    """Every step (only the delivery step if ``drain_only``); the figures under their TARGETS
    keys, the details beside them."""
    details: dict[str, Any] = {}
    if not drain_only:
        db = workdir / "pg-poll.db"
        with FeedServerProcess() as server:
            _section(f"pg poll: one steady-state cycle of {sources} sources, PostgreSQL vs "
                     "SQLite")
            details["poll"] = poll_section(server, db, url, sources, rounds)
            _section("pg processes: 3 processes on 6,000 sources vs 1 on 2,000, on PostgreSQL")
            details["processes"] = processes_section(server, db, url, speed)
    _section("pg delivery: 5,000 deliveries to 1,000 channels, outbox on PostgreSQL")
    details["delivery"] = delivery_section(url)
    return details


def figures(details: dict[str, Any]) -> dict[str, float]:
    return {key: float(found) for key in TARGETS for found in _values(details, key)}


def _values(tree: dict[str, Any], key: str) -> Iterator[Any]:
    for name, value in tree.items():
        if name == key:
            yield value
        elif isinstance(value, dict):
            yield from _values(value, key)


def _section(title: str) -> None:
    print(f"\n== {title}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL", default=DEFAULT_URL)
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--speed", type=float, default=1.0,
                        help="the processes step's clock runs this many times the wall's")
    parser.add_argument("--drain-only", action="store_true",
                        help="only the delivery step: the outbox drained on PostgreSQL")
    args = parser.parse_args(argv)
    if args.sources < POOL:
        parser.error(f"--sources: at least {POOL} (the processes step starts from them)")
    try:
        reachable(args.postgres)
    except ConnectionError as e:
        print(f"bench.pg_bench: {e} (--postgres URL)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="alertbot-pg-bench-",
                                     ignore_cleanup_errors=True) as tmp:
        details = run(args.postgres, Path(tmp), sources=args.sources, rounds=args.rounds,
                      speed=args.speed, drain_only=args.drain_only)
    for name, detail in details.items():
        print(f"{name}: {detail}")
    for key, value in figures(details).items():
        target, what = TARGETS[key]
        print(f"{key:<22}{value:>8.2f}  <= {target:<6g}{'met' if value <= target else 'MISSED'}"
              f"  {what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

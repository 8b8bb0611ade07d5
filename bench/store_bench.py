"""The store's share of one poll cycle, on its own: no HTTP, no parsing, no matching.

Run: ``.venv/bin/python -m bench.store_bench [--sources 2000] [--rounds 5] [--workers 200]
[--baseline DIR] [--profile FILE] [--postgres URL]``

What one steady-state cycle of ``bench.poll_bench`` asks of the store, replayed on a real SQLite
file: ``source_states``, then 1,900 ``record_not_modified`` (the 304s and same bodies) and, for
the 5 % of sources with a new entry or segment, ``known_entries`` + ``commit_poll`` with real
entry states, updates and matches (bench.feeds through the real parse, decide and matcher, all
done before the clock starts). 1,000 channels hold 1-3 subscriptions over ~39 regions
(``poll_bench.subscribe_channels``).

``--workers`` polls are handed to the store at once, each worker waiting for the store before
its next. In the real cycle the event loop is busy fetching and parsing while a group commit is
written, so polls pile up: bench.poll_bench's cycle commits in about ten groups of ~200. The
default of 200 gives the same groups; ``--workers 20`` (groups of 20, a commit every 20 polls)
is the harsher case for the commits themselves.

Every round starts from a copy of the same warmed database (each source's silent first poll
done), and ends with a checkpoint (the cycle's pages copied from the WAL into the database
file), so that each cycle pays for all it wrote. Reported per round: wall time and CPU time
of the process, of the main (event loop) thread and of the other threads (the store's); the
figure is the best of ``--rounds``, because other work on the machine only ever adds time.

``--postgres URL`` replays the cycle on PostgreSQL instead: each round copies the warmed SQLite
database into a new schema of that server (``alertbot db copy``), measures, and drops it. The
checkpoint has no counterpart there (PostgreSQL writes its pages in the background).

``--baseline DIR`` first runs the same bench against the ``bot`` package found in DIR (e.g. made
with ``git archive HEAD bot | tar -x -C DIR``), in a process of its own, and prints both and
their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench import feeds
from bench.harness import round_changes
from bench.poll_bench import CONFIG, INTERVAL_S, bench_channels, bench_sources, subscribe_channels
from bot.app import copy_database
from bot.model import EntryState, Match, Update
from bot.pipeline.match import Matcher, load_matcher
from bot.pipeline.parse import read_feed
from bot.pipeline.updates import decide_feed
from bot.store import Store
from tests.databases import fresh_schema

ROOT = Path(__file__).resolve().parents[1]
#: the clock of the replayed cycle; the warm-up happened one interval before it
T_CYCLE = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)
T_WARM = T_CYCLE - timedelta(seconds=INTERVAL_S)


@dataclass(frozen=True, slots=True)
class Poll:
    """One source's poll as the store sees it; ``keys`` is None for a quiet (304/same) poll."""

    source_id: str
    body_hash: str
    status: int
    keys: tuple[str, ...] | None = None
    states: tuple[EntryState, ...] = ()
    updates: tuple[tuple[Update, Match], ...] = ()


@dataclass
class Figures:
    """One measured cycle, in seconds."""

    wall: float
    cpu_process: float
    cpu_main: float
    cpu_other: float
    new_updates: int
    deliveries: int


@dataclass
class Result:
    rounds: list[Figures] = field(default_factory=list)

    def best(self) -> dict[str, float]:
        keys = ("wall", "cpu_process", "cpu_main", "cpu_other")
        return {k: min(getattr(f, k) for f in self.rounds) for k in keys}


def _decided(body: bytes, known: dict[str, EntryState], matcher: Matcher) -> tuple[
    tuple[str, ...], tuple[EntryState, ...], tuple[tuple[Update, Match], ...]
]:
    """What the poller would hand the store for this body (see bot.pipeline.poll)."""
    feed = read_feed(body, {}, url="https://desk.news.example/feed.xml")
    keys = tuple(d.key for d in feed.drafts)
    changed = [d.entry() for d in feed.drafts
               if d.key not in known or known[d.key].content_hash != d.content_hash]
    decision = decide_feed(known, changed)
    matched = tuple(
        (u, matcher.match(u.text, u.title, title_severity=u.kind == "entry"))
        for u in decision.updates
    )
    return keys, tuple(decision.states), matched


def _hash(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=16).hexdigest()


async def _run_polls(store: Store, polls: Sequence[Poll], workers: int, *, deliver: bool,
                     now: datetime) -> tuple[int, int]:
    """Hand ``polls`` to the store ``workers`` at a time; returns (new updates, deliveries)."""
    queue = list(reversed(polls))
    totals = [0, 0]
    next_at = now + timedelta(seconds=INTERVAL_S)

    async def worker() -> None:
        while queue:
            poll = queue.pop()
            if poll.keys is None:
                await store.record_not_modified(
                    poll.source_id, status=poll.status, body_hash=poll.body_hash,
                    etag=None, last_modified=None, now=now, next_poll_at=next_at,
                )
                continue
            await store.known_entries(poll.source_id, poll.keys)
            summary = await store.commit_poll(
                poll.source_id, states=poll.states, updates=poll.updates, now=now,
                next_poll_at=next_at, status=poll.status, etag=None, last_modified=None,
                body_hash=poll.body_hash, deliver=deliver, seen_keys=poll.keys,
            )
            totals[0] += summary.new_updates
            totals[1] += summary.deliveries_queued

    await asyncio.gather(*(worker() for _ in range(workers)))
    return totals[0], totals[1]


async def prepare(db_path: Path, sources: int, workers: int) -> list[Poll]:
    """Warm ``db_path`` (subscriptions, every source's first poll) and build the cycle's polls."""
    matcher = load_matcher(CONFIG)
    urls = [f"https://desk{j:05d}.news.example/feed.xml" for j in range(sources)]
    configured = bench_sources(urls, INTERVAL_S)
    async with await Store.open(db_path) as store:
        await store.sync_sources(configured, T_WARM)
        await subscribe_channels(store, bench_channels(1000), matcher)
        first: list[Poll] = []
        for j, src in enumerate(configured):
            body = feeds.body(j, 0)
            keys, states, updates = _decided(body, {}, matcher)
            first.append(Poll(src.id, _hash(body), 200, keys, states, updates))
        await _run_polls(store, first, workers, deliver=False, now=T_WARM)

        changed = set(round_changes(1, sources))
        polls: list[Poll] = []
        for j, (src, warm) in enumerate(zip(configured, first, strict=True)):
            if j not in changed:
                # Sources without validators answer 200 with the same body; the rest 304.
                status = 304 if feeds.shape(j).validators else 200
                polls.append(Poll(src.id, warm.body_hash, status))
                continue
            body = feeds.body(j, 1)
            known = await store.known_entries(src.id, [d.key for d in read_feed(body).drafts])
            keys, states, updates = _decided(body, known, matcher)
            polls.append(Poll(src.id, _hash(body), 200, keys, states, updates))
    return polls


def _thread_cpu() -> dict[int, float]:
    """CPU seconds of every live thread of this process, by thread id."""
    found: dict[int, float] = {}
    for thread in threading.enumerate():
        if thread.ident is None:
            continue
        try:
            clock = time.pthread_getcpuclockid(thread.ident)
            found[thread.ident] = time.clock_gettime(clock)
        except (OSError, ProcessLookupError):
            continue  # ended meanwhile
    return found


async def _checkpoint(store: Store) -> None:
    """Move what the cycle wrote to the WAL into the database file, on the store's connection.

    SQLite does this by itself every so many pages (``wal_autocheckpoint``), in the middle of
    some commit; doing it at the end charges every cycle for all of its own writes, whatever
    the setting, so that a setting that only puts the cost off does not look cheaper.
    """
    db = store._db  # the bench may reach in; the bot never checkpoints by hand
    assert db is not None
    await db.execute("PRAGMA wal_checkpoint(PASSIVE)")


async def measure(db_path: Path | str, polls: Sequence[Poll], workers: int,
                  profile: Path | None) -> Figures:
    """One cycle on ``db_path`` (or a PostgreSQL URL): source_states, then every poll."""
    async with await Store.open(db_path) as store:
        main = threading.main_thread().ident
        profiler = cProfile.Profile() if profile is not None else None
        before, cpu0, wall0 = _thread_cpu(), time.process_time(), time.perf_counter()
        if profiler is not None:
            profiler.enable()
        await store.source_states()
        new_updates, deliveries = await _run_polls(store, polls, workers, deliver=True,
                                                   now=T_CYCLE)
        if isinstance(db_path, Path):
            await _checkpoint(store)
        if profiler is not None:
            profiler.disable()
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        after = _thread_cpu()
    if profiler is not None and profile is not None:
        profiler.dump_stats(profile)
    spent = {t: after[t] - before.get(t, 0.0) for t in after}
    cpu_main = spent.pop(main) if main in spent else 0.0
    return Figures(wall, cpu, cpu_main, sum(spent.values()), new_updates, deliveries)


def _copy_database(source: Path | None, target: Path) -> None:
    """Replace ``target`` (with its WAL files) by a copy of ``source``, or just remove it."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
        if source is not None and Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")


async def bench(workdir: Path, sources: int, rounds: int, workers: int,
                profile: Path | None, postgres: str | None = None) -> Result:
    warm = workdir / "warm.db"
    print(f"  warming {sources} sources (first poll, silent) ...", file=sys.stderr, flush=True)
    polls = await prepare(warm, sources, workers)
    result = Result()
    for r in range(1, rounds + 1):
        last = profile if r == rounds else None
        if postgres is not None:
            with fresh_schema(postgres) as url:
                await copy_database(warm, url)
                figures = await measure(url, polls, workers, last)
        else:
            db = workdir / f"round-{r}.db"
            _copy_database(warm, db)
            figures = await measure(db, polls, workers, last)
            _copy_database(None, db)
        result.rounds.append(figures)
        print(f"  round {r}: wall {figures.wall:.3f} s, CPU {figures.cpu_process:.3f} s "
              f"(main {figures.cpu_main:.3f}, store thread {figures.cpu_other:.3f}); "
              f"{figures.new_updates} updates, {figures.deliveries} deliveries",
              file=sys.stderr, flush=True)
    return result


def _baseline(directory: Path, argv: Sequence[str]) -> dict[str, object]:
    """The same bench against the ``bot`` package in ``directory``, in its own process."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(directory.resolve()), str(ROOT)]))
    # cwd is ``directory`` so that ``-m`` finds ``bot`` there first and ``bench`` here.
    out = subprocess.run(
        [sys.executable, "-m", "bench.store_bench", *argv, "--json"],
        cwd=directory, env=env, check=True, stdout=subprocess.PIPE, text=True,
    )
    data: dict[str, object] = json.loads(out.stdout)
    return data


def _summary(result: Result) -> dict[str, object]:
    last = result.rounds[-1]
    return {"best": result.best(), "new_updates": last.new_updates,
            "deliveries": last.deliveries, "rounds": [asdict(f) for f in result.rounds]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=200)
    parser.add_argument("--baseline", type=Path,
                        help="also run against the bot package in this directory, first")
    parser.add_argument("--profile", type=Path, help="cProfile the last round into this file")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--postgres", metavar="URL",
                        help="replay the cycle on this PostgreSQL (a schema per round)")
    args = parser.parse_args(argv)
    passed = ["--sources", str(args.sources), "--rounds", str(args.rounds),
              "--workers", str(args.workers)]
    if args.postgres is not None:
        passed += ["--postgres", args.postgres]
    before = _baseline(args.baseline, passed) if args.baseline is not None else None
    with tempfile.TemporaryDirectory(prefix="alertbot-store-bench-",
                                     ignore_cleanup_errors=True) as tmp:
        workdir = Path(tmp)
        result = asyncio.run(bench(workdir, args.sources, args.rounds, args.workers,
                                   args.profile, args.postgres))
    summary = _summary(result)
    if args.json:
        print(json.dumps(summary))
        return
    rows = [("this tree", summary)]
    if before is not None:
        rows.insert(0, ("baseline", before))
    print(f"best of {args.rounds} rounds, seconds per cycle ({args.sources} sources):")
    print(f"  {'':10} {'wall':>7} {'CPU':>7} {'main':>7} {'thread':>7}  updates  deliveries")
    for name, data in rows:
        best = data["best"]
        assert isinstance(best, dict)
        print(f"  {name:10} {best['wall']:7.3f} {best['cpu_process']:7.3f} "
              f"{best['cpu_main']:7.3f} {best['cpu_other']:7.3f}  {data['new_updates']:7} "
              f"{data['deliveries']:11}")
    if before is not None:
        old, new = before["best"], summary["best"]
        assert isinstance(old, dict) and isinstance(new, dict)
        print(f"  {'ratio':10} " + " ".join(f"{new[k] / old[k]:7.2f}" for k in
                                             ("wall", "cpu_process", "cpu_main", "cpu_other")))


if __name__ == "__main__":
    main()

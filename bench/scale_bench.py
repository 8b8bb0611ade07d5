"""Target 5: CPU and memory of one bot process polling 1,000 and 10,000 sources every 60 s.

Run: ``.venv/bin/python -m bench.scale_bench [--sources 1000 10000] [--speed 2]``

The poll side of the bot (Store, Fetcher, Poller and the real PollScheduler, with 1,000 channels
subscribed) runs alone in a child process, so ``resource.getrusage`` and ``ru_maxrss`` count
only the bot. The feed server runs in another process and the parent changes 5 % of the
sources per interval.

Two shortcuts keep the run to a few minutes, and neither changes the work measured:

- *Warm state.* The first, silent poll of a source parses its whole backlog; the steady state
  is what is measured. Sources 0-1,999 come from the database the poll bench warmed; sources past
  2,000 serve the same feeds as source ``j % 2000`` and start from that source's stored entry
  states, written through ``Store.commit_poll`` as their own first poll would have.
- *A faster clock.* The scheduler and poller read a clock running ``--speed`` times faster than
  the wall, so a 60 s interval passes in 60/speed s. The CPU figure is CPU seconds per poll
  times the polls a real 60 s interval holds, so it stays right even if the sped-up process
  falls behind; the bench reports how many polls the window held against how many were due.

The sender is not running here: the outbox fills, and sending is target 3's business.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import multiprocessing
import multiprocessing.connection
import random
import resource
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench.harness import FeedServerProcess, round_changes
from bench.poll_bench import LOCAL, bench_sources, fetcher_for, utc_now, warm
from bot.pipeline.fetch import make_session
from bot.pipeline.match import load_matcher
from bot.pipeline.poll import Poller, PollReport
from bot.pipeline.schedule import PollScheduler
from bot.settings import FetchSettings
from bot.store import Store

CONFIG = Path(__file__).resolve().parents[1] / "config"
INTERVAL_S = 60
#: sources whose state the poll bench warmed; the rest are copies of these
POOL = 2000


@dataclass(frozen=True)
class ScaleJob:
    #: a SQLite file, or a PostgreSQL URL
    db_path: str
    urls: list[str]
    speed: float
    #: the parent already synced the sources and copied their states (several processes
    #: sharing one database must not each do it)
    prepared: bool = False


@dataclass
class Scale:
    sources: int
    cpu_pct: float
    rss_mb: float
    polls: int
    polls_due: float
    window_s: float
    cpu_s: float
    setup_s: float

    def summary(self) -> dict[str, Any]:
        return {"sources": self.sources, "cpu_pct_of_one_core": self.cpu_pct,
                "peak_rss_mb": self.rss_mb, "polls_in_window": self.polls,
                "polls_due_in_window": self.polls_due, "window_sim_s": self.window_s,
                "cpu_s_in_window": self.cpu_s, "setup_s": self.setup_s}


class FastClock:
    """Wall time, ``speed`` times faster from the moment it is made."""

    def __init__(self, speed: float) -> None:
        self.speed = speed
        self._start = utc_now()
        self._t0 = time.monotonic()

    def __call__(self) -> datetime:
        return self._start + timedelta(seconds=(time.monotonic() - self._t0) * self.speed)

    def sleep_sim(self, seconds: float) -> Any:
        return asyncio.sleep(seconds / self.speed)


def peak_rss_mb() -> float:
    """This process's peak RSS. Not ru_maxrss: Linux carries that over from the parent
    across fork and exec, so a spawned child would report the bench's own peak."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(conn: multiprocessing.connection.Connection, job: ScaleJob) -> None:
    # A tick still reading the due sources when the scheduler stops is cancelled as the store
    # closes, and APScheduler logs that with a traceback (reported; not the bench's business).
    logging.getLogger("apscheduler.executors").setLevel(logging.CRITICAL)
    try:
        conn.send((True, asyncio.run(_measure(conn, job))))
    except Exception:
        import traceback

        conn.send((False, traceback.format_exc()))


async def _measure(conn: multiprocessing.connection.Connection, job: ScaleJob) -> dict[str, Any]:
    setup_started = time.perf_counter()
    matcher = load_matcher(CONFIG)
    async with await Store.open(job.db_path, clock=utc_now) as store:
        if not job.prepared:
            await prepare_states(store, job.db_path, job.urls)
        clock = FastClock(job.speed)
        async with make_session(FetchSettings(), guard=LOCAL) as session:
            poller = Poller(store, fetcher_for(session), matcher, clock=clock,
                            rng=random.Random(9))
            polls: list[int] = [0]

            def count(report: PollReport) -> None:
                polls[0] += 1

            scheduler = PollScheduler(store, poller, clock=clock, tick_s=5.0 / job.speed,
                                      on_report=count)
            setup_s = time.perf_counter() - setup_started
            conn.send(("ready", None))
            scheduler.start()
            try:
                # One interval to settle (every source polled once at the new pace), then one
                # interval measured.
                await clock.sleep_sim(INTERVAL_S)
                before, polls_before = resource.getrusage(resource.RUSAGE_SELF), polls[0]
                await clock.sleep_sim(INTERVAL_S)
                after, polls_after = resource.getrusage(resource.RUSAGE_SELF), polls[0]
            finally:
                await scheduler.stop()
    cpu_s = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    done = polls_after - polls_before
    count_sources = len(job.urls)
    # CPU per poll times the polls a real interval holds: right even if the fast clock ran
    # ahead of what the process could keep up with.
    cpu_pct = 100 * cpu_s / max(done, 1) * count_sources / INTERVAL_S
    return Scale(count_sources, cpu_pct, peak_rss_mb(), done, count_sources,
                 INTERVAL_S, cpu_s, setup_s).summary()


async def prepare_states(store: Store, db_path: str, urls: list[str]) -> None:
    """The bench's sources on the SQLite file ``db_path`` (a copy of the warmed database),
    each past POOL starting from its base source's state."""
    await store.sync_sources(bench_sources(urls, INTERVAL_S), utc_now())
    await asyncio.to_thread(_copy_states, db_path, len(urls))


def _copy_states(db_path: str, sources: int) -> None:
    """Sources past POOL start from the stored state of the source whose feed they serve.

    Plain SQL on the bench's copy of the database, because writing 8,000 sources' entries
    through ``commit_poll`` one by one would take longer than the measurement. Columns are read
    from the schema, so a new column is copied too.
    """
    if sources <= POOL:
        return
    pairs = [(f"desk-{j:05d}", f"desk-{j % POOL:05d}") for j in range(POOL, sources)]
    db = sqlite3.connect(db_path, isolation_level=None)
    try:
        columns = [row[1] for row in db.execute("PRAGMA table_info(entries)")
                   if row[1] != "source"]
        listed = ", ".join(columns)
        taken = ", ".join(f"e.{c}" for c in columns)
        polled = ", ".join(f"{c} = (SELECT b.{c} FROM sources b JOIN copies c ON b.id = c.base"
                           " WHERE c.clone = sources.id)" for c in _POLL_STATE)
        db.execute("BEGIN")
        db.execute("CREATE TEMP TABLE copies (clone TEXT PRIMARY KEY, base TEXT)")
        db.executemany("INSERT INTO copies VALUES (?, ?)", pairs)
        db.execute(f"INSERT INTO entries (source, {listed}) SELECT c.clone, {taken}"
                   " FROM copies c JOIN entries e ON e.source = c.base")
        db.execute(f"UPDATE sources SET {polled} WHERE id IN (SELECT clone FROM copies)")
        db.execute("COMMIT")
    finally:
        db.close()


#: what a source's first poll records (see Store._touch_source)
_POLL_STATE = ("etag", "last_modified", "body_hash", "first_polled", "last_status",
               "content_at", "last_polled_at")


def run_one(
    server: FeedServerProcess, db_path: Path, versions: list[int], workdir: Path, sources: int,
    speed: float,
) -> Scale:
    """Measure one size in a child process on a copy of the warmed database."""
    server.restore("ours", versions)
    urls = server.lane("ours", sources, POOL)
    db = workdir / f"scale-{sources}.db"
    shutil.copy(db_path, db)
    [result] = run_jobs(server, [ScaleJob(str(db), urls, speed)], sources, speed)
    return result


def run_jobs(
    server: FeedServerProcess, jobs: list[ScaleJob], sources: int, speed: float,
    lane: str = "ours",
) -> list[Scale]:
    """Run each job in a child process of its own, all at once, changing 5 % of the first
    ``sources`` sources of ``lane`` per interval until every child has reported."""
    spawn = multiprocessing.get_context("spawn")
    children = []
    for job in jobs:
        conn, child_conn = spawn.Pipe()
        process = spawn.Process(target=_child, args=(child_conn, job), daemon=True)
        process.start()
        child_conn.close()
        children.append((conn, process))
    try:
        for conn, process in children:
            _wait(conn, process, lambda message: message == ("ready", None))
        rng = random.Random(sources)
        started = time.monotonic()
        k = 0
        # Change 5 % of the sources per (sped-up) interval until the children report.
        while not all(conn.poll(0.2 / len(children)) for conn, _ in children):
            for conn, process in children:
                # A child that has reported ends; one that ends without a word has died.
                if not process.is_alive() and not conn.poll():
                    raise RuntimeError(f"a scale child died (exit code {process.exitcode})")
            due = started + k * INTERVAL_S / speed / 4
            if time.monotonic() >= due:
                changes = round_changes(2000 + k, sources)
                server.advance(lane, rng.sample(changes, len(changes) // 4))
                k += 1
        results = []
        for conn, _ in children:
            ok, value = conn.recv()
            if not ok:
                raise RuntimeError(f"the scale child failed:\n{value}")
            results.append(Scale(**{_FIELDS[key]: v for key, v in value.items()}))
        return results
    finally:
        for _, process in children:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()


_FIELDS = {"sources": "sources", "cpu_pct_of_one_core": "cpu_pct", "peak_rss_mb": "rss_mb",
           "polls_in_window": "polls", "polls_due_in_window": "polls_due",
           "window_sim_s": "window_s", "cpu_s_in_window": "cpu_s", "setup_s": "setup_s"}


def _wait(
    conn: multiprocessing.connection.Connection, process: Any, done: Callable[[Any], bool]
) -> None:
    while True:
        while not conn.poll(1.0):
            if not process.is_alive():
                raise RuntimeError(f"the scale child died (exit code {process.exitcode})")
        message = conn.recv()
        if done(message):
            return
        if isinstance(message, tuple) and message and message[0] is False:
            raise RuntimeError(f"the scale child failed:\n{message[1]}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--speed", type=float, default=2.0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="alertbot-scale-", ignore_cleanup_errors=True) as tmp:
        workdir = Path(tmp)
        with FeedServerProcess() as server:
            print(f"  warm-up: first poll of {POOL} sources ...", flush=True)
            versions = asyncio.run(warm(server, workdir / "warm.db", POOL))
            for n in args.sources:
                result = run_one(server, workdir / "warm.db", versions, workdir, n, args.speed)
                print(result.summary(), flush=True)


if __name__ == "__main__":
    main()

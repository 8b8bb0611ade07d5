"""Wake up often, poll what the store says is due.

Each source's next poll time lives in the database (set after every poll, with backoff after
errors), so the scheduler keeps no plan of its own: a restart, a new source or a backoff needs no
special case. APScheduler only provides the heartbeat; every due source runs as its own task, so a
slow or failing source never delays the others.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.model import SourceState
from bot.pipeline.poll import Poller, PollReport
from bot.store import StoreContract, StoreError

log = logging.getLogger(__name__)

ReportHook = Callable[[PollReport], Awaitable[None] | None]

#: the first pause of polling after the database refused a poll; it doubles up to the cap
STORE_BACKOFF = timedelta(seconds=15)
STORE_BACKOFF_MAX = timedelta(minutes=10)


class PollScheduler:
    def __init__(
        self,
        store: StoreContract,
        poller: Poller,
        *,
        clock: Callable[[], datetime],
        tick_s: float = 1.0,
        retention: timedelta = timedelta(days=30),
        entry_retention: timedelta = timedelta(days=180),
        on_report: ReportHook | None = None,
        on_tick: Callable[[], None] | None = None,
    ) -> None:
        self._store = store
        self._poller = poller
        self._clock = clock
        self._tick_s = tick_s
        self._retention = retention
        self._entry_retention = entry_retention
        self._on_report = on_report
        #: told after each tick that read the due sources: the poll loop is alive (health)
        self._on_tick = on_tick
        self._in_flight: dict[str, asyncio.Task[None]] = {}
        #: database refusals in a row, and no polls until this time (None: polling normally)
        self._store_failures = 0
        self._paused_until: datetime | None = None
        self._scheduler: AsyncIOScheduler | None = None
        #: ticks run so far, so that a test can let some pass rather than sleep and hope
        self.ticks = 0
        self._ticking: asyncio.Future[int] | None = None

    def start(self) -> None:
        scheduler = AsyncIOScheduler(timezone="UTC")
        # coalesce + max_instances=1: a tick that overruns is skipped, never stacked.
        scheduler.add_job(
            self._tick_job, "interval", seconds=self._tick_s, id="poll-due",
            next_run_time=datetime.now().astimezone(), coalesce=True, max_instances=1,
        )
        scheduler.add_job(
            self.prune, "interval", hours=1, id="prune", coalesce=True, max_instances=1,
        )
        scheduler.start()
        self._scheduler = scheduler

    async def stop(self) -> None:
        """Stop waking up, then let the tick and the polls in flight finish (their commits are
        atomic)."""
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        if self._ticking is not None:
            await asyncio.gather(self._ticking, return_exceptions=True)
        await self.drain()

    async def _tick_job(self) -> None:
        # APScheduler cancels the jobs it is running when it shuts down; shielded, a tick
        # halfway through reading the store finishes instead, and ``stop`` waits for it.
        self._ticking = asyncio.ensure_future(self.tick())
        await asyncio.shield(self._ticking)

    async def tick(self) -> int:
        """Start a task for every due source that is not already being polled; return how many."""
        try:
            return await self._start_due()
        finally:
            self.ticks += 1

    async def _start_due(self) -> int:
        now = self._clock()
        if self._paused(now):
            return 0
        try:
            # The polls in flight keep their sources' leases (bot.store._leases). A database
            # that refuses this refuses the polls' records too, and those pause polling.
            await self._store.renew_leases(self._in_flight.keys(), now)
        except StoreError as e:
            log.warning("cannot renew this process's leases: %s", e)
        try:
            due = await self._store.due_sources(now)
        except StoreError as e:
            self._store_trouble(f"cannot read which sources are due: {e}")
            return 0
        if self._paused(now):
            # A poll failed on the database while this read waited behind its commit: the
            # source still looks due (its next poll time could not be written), and polling it
            # again now is what the pause is there to prevent.
            return 0
        if self._on_tick is not None:
            self._on_tick()
        started = 0
        for state in due:
            if state.source.id in self._in_flight:
                continue
            task = asyncio.create_task(self._run(state), name=f"poll {state.source.id}")
            self._in_flight[state.source.id] = task
            task.add_done_callback(self._forget)
            started += 1
        return started

    def _store_trouble(self, what: str) -> None:
        """Pause every poll, for longer each time: a database that cannot record a poll (locked,
        read-only, full) would otherwise have each due source fetched again at every tick, since
        its next poll time could not be written either."""
        now = self._clock()
        if self._paused(now):
            return  # the other sources of the same tick: one pause, not one each
        self._store_failures += 1
        pause = min(STORE_BACKOFF * 2 ** (self._store_failures - 1), STORE_BACKOFF_MAX)
        self._paused_until = now + pause
        log.error("%s; polling paused for %d s", what, pause.total_seconds())

    def _paused(self, now: datetime) -> bool:
        return self._paused_until is not None and now < self._paused_until

    def _forget(self, task: asyncio.Task[None]) -> None:
        for source_id, running in list(self._in_flight.items()):
            if running is task:
                del self._in_flight[source_id]

    async def drain(self) -> None:
        """Wait for every poll in flight (tests use it to step a fake clock deterministically)."""
        while self._in_flight:
            await asyncio.gather(*self._in_flight.values(), return_exceptions=True)

    async def prune(self) -> None:
        """The hourly upkeep: old updates and entries, and the servers that removed the bot
        longer than the grace period ago (their sources, subscriptions and mutes)."""
        now = self._clock()
        try:
            summary = await self._store.prune(
                now, updates_older_than=self._retention,
                entries_older_than=self._entry_retention,
            )
        except StoreError as e:
            log.error("pruning old updates failed: %s", e)
            return
        log.info("pruned: %s", summary)
        try:
            forgotten = await self._store.forget_left_guilds(now)
        except StoreError as e:
            log.error("forgetting the servers that removed the bot failed: %s", e)
            return
        if forgotten.guilds:
            log.info("forgot %d servers that removed the bot: %s", forgotten.guilds, forgotten)

    async def _run(self, state: SourceState) -> None:
        report = await self._poller.poll(state)
        if report.error_kind == "store":
            self._store_trouble("the database refused a poll")
        elif self._paused_until is not None:
            log.info("the database works again; polling resumes")
            self._store_failures, self._paused_until = 0, None
        if self._on_report is not None:
            result = self._on_report(report)
            if result is not None:
                await result

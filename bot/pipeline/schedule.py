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
from bot.store import Store, StoreError

log = logging.getLogger(__name__)

ReportHook = Callable[[PollReport], Awaitable[None] | None]


class PollScheduler:
    def __init__(
        self,
        store: Store,
        poller: Poller,
        *,
        clock: Callable[[], datetime],
        tick_s: float = 5.0,
        retention: timedelta = timedelta(days=30),
        entry_retention: timedelta = timedelta(days=180),
        on_report: ReportHook | None = None,
    ) -> None:
        self._store = store
        self._poller = poller
        self._clock = clock
        self._tick_s = tick_s
        self._retention = retention
        self._entry_retention = entry_retention
        self._on_report = on_report
        self._in_flight: dict[str, asyncio.Task[None]] = {}
        self._scheduler: AsyncIOScheduler | None = None

    def start(self) -> None:
        scheduler = AsyncIOScheduler(timezone="UTC")
        # coalesce + max_instances=1: a tick that overruns is skipped, never stacked.
        scheduler.add_job(
            self.tick, "interval", seconds=self._tick_s, id="poll-due",
            next_run_time=datetime.now().astimezone(), coalesce=True, max_instances=1,
        )
        scheduler.add_job(
            self.prune, "interval", hours=1, id="prune", coalesce=True, max_instances=1,
        )
        scheduler.start()
        self._scheduler = scheduler

    async def stop(self) -> None:
        """Stop waking up, then let the polls in flight finish (their commits are atomic)."""
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
        await self.drain()

    async def tick(self) -> int:
        """Start a task for every due source that is not already being polled; return how many."""
        try:
            due = await self._store.due_sources(self._clock())
        except StoreError as e:
            log.error("cannot read which sources are due: %s", e)
            return 0
        started = 0
        for state in due:
            if state.source.id in self._in_flight:
                continue
            task = asyncio.create_task(self._run(state), name=f"poll {state.source.id}")
            self._in_flight[state.source.id] = task
            task.add_done_callback(self._forget)
            started += 1
        return started

    def _forget(self, task: asyncio.Task[None]) -> None:
        for source_id, running in list(self._in_flight.items()):
            if running is task:
                del self._in_flight[source_id]

    async def drain(self) -> None:
        """Wait for every poll in flight (tests use it to step a fake clock deterministically)."""
        while self._in_flight:
            await asyncio.gather(*self._in_flight.values(), return_exceptions=True)

    async def prune(self) -> None:
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

    async def _run(self, state: SourceState) -> None:
        report = await self._poller.poll(state)
        if self._on_report is not None:
            result = self._on_report(report)
            if result is not None:
                await result

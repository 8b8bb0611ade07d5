"""The database connection, on a thread of its own.

Both engines' drivers block: sqlite3, and psycopg's blocking API, chosen for that reason (one
way of running the store's code for both engines; docs/POSTGRESQL.md). A statement waiting for
another process's lock or a COMMIT writing its pages would stop the event loop, and every fetch
and Discord heartbeat with it. So the connection lives on one worker thread, the only one that
ever touches it (sqlite3 refuses any other), and the event loop awaits it there. The single
worker also keeps the calls in the order they were made.

Each call is one trip to that thread and back (a queue put, a wake-up, a future resolved through
the event loop), which costs more than most of our statements: a poll's commit is a dozen
statements and a cycle has thousands of them. ``run`` therefore takes a whole function of the
raw connection, so that a transaction is one trip (bench/RESULTS.md, Poll cycle: the store's
share).

A thread of our own with a plain queue, not a ``ThreadPoolExecutor``: the executor's trip
(``run_in_executor``: a lock, a semaphore, two futures chained) took about 150 µs of CPU here
against 72 µs for this one, the cost aiosqlite's thread had.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import queue
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from bot.store._dialect import Dialect, Raw

T = TypeVar("T")

#: a call waiting for the thread: what to run, and the future that hears how it went
_Job = tuple[Callable[[], Any], "asyncio.Future[Any]"]


class Connection:
    """An engine's connection served by its own thread; open with ``await Connection.open``."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        # A daemon: a process that exits without closing the store must not hang on it. A
        # transaction cut short that way is rolled back by SQLite at the next open.
        self._thread = threading.Thread(
            target=_serve, args=(self._jobs,), name="alertbot-store", daemon=True
        )
        self._raw: Raw | None = None

    @classmethod
    async def open(cls, connect: Callable[[], Raw]) -> Connection:
        """``connect()`` on a new thread; raises what it raises, leaving no thread behind."""
        self = cls()
        self._thread.start()
        try:
            self._raw = await self._call(connect)
        except BaseException:
            self._stop()
            raise
        return self

    @property
    def dialect(self) -> Dialect:
        assert self._raw is not None, "dialect before open"
        return self._raw.dialect

    async def run(self, fn: Callable[[Raw], T]) -> T:
        """``fn(raw connection)`` on the connection's thread: one trip, however many statements.

        Once queued, ``fn`` runs even if the caller is cancelled meanwhile (a thread cannot be
        interrupted); the calls after it wait their turn.
        """
        assert self._raw is not None, "run before open"
        return await self._call(functools.partial(fn, self._raw))

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; return how many rows it changed."""
        return await self.run(lambda raw: raw.execute(sql, params).rowcount)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self.run(lambda raw: raw.executemany(sql, rows))

    async def execute_fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Run one statement and return its rows (by position or column name)."""
        return await self.run(lambda raw: raw.execute(sql, params).fetchall())

    async def close(self) -> None:
        """Close the connection on its thread, then end the thread."""
        try:
            await self.run(lambda raw: raw.close())
        finally:
            self._stop()

    async def _call(self, job: Callable[[], T]) -> T:
        done: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._jobs.put((job, done))
        return await done

    def _stop(self) -> None:
        """End the thread and wait for it, so that none outlives the store (tests check for
        leftover threads). It is idle by then, with only the stop to do, so the wait is short.
        """
        self._jobs.put(None)
        self._thread.join()


def _serve(jobs: queue.SimpleQueue[_Job | None]) -> None:
    """The thread's whole life: run each job in turn until told to stop."""
    while (job := jobs.get()) is not None:
        fn, done = job
        try:
            outcome: tuple[Any, BaseException | None] = (fn(), None)
        except BaseException as e:  # handed to the caller, whatever it is
            outcome = (None, e)
        # RuntimeError: the event loop closed meanwhile. Nobody waits for the answer, and
        # letting it rise would print "Event loop is closed" from a thread.
        with contextlib.suppress(RuntimeError):
            done.get_loop().call_soon_threadsafe(_settle, done, *outcome)


def _settle(done: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if done.cancelled():  # the caller stopped waiting; the job ran all the same
        return
    if error is None:
        done.set_result(result)
    else:
        done.set_exception(error)

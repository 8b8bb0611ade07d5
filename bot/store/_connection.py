"""The sqlite3 connection, on a thread of its own.

sqlite3 blocks: a statement waiting for another process's lock (``busy_timeout``) or a COMMIT
writing its pages would stop the event loop, and every fetch and Discord heartbeat with it. So
the connection lives on one worker thread, the only one that ever touches it (sqlite3 refuses
any other), and the event loop awaits it there. The single worker also keeps the calls in the
order they were made.

Each call is one trip to that thread and back (a queue put, a wake-up, a future resolved through
the event loop), which costs more than most of our statements: a poll's commit is a dozen
statements and a cycle has thousands of them. ``run`` therefore takes a whole function of the
raw connection, so that a transaction is one trip (bench/RESULTS.md, Scale).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class Connection:
    """A sqlite3 connection served by its own thread; open with ``await Connection.open``."""

    def __init__(self, worker: ThreadPoolExecutor, raw: sqlite3.Connection) -> None:
        self._worker = worker
        self._raw = raw

    @classmethod
    async def open(cls, where: str, *, uri: bool) -> Connection:
        """Connect on a new worker thread; raises sqlite3.Error, leaving no thread behind."""
        worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="alertbot-store")
        try:
            # isolation_level None: sqlite3 opens no transaction of its own; the store says
            # BEGIN and COMMIT itself.
            raw = await asyncio.get_running_loop().run_in_executor(
                worker, lambda: sqlite3.connect(where, uri=uri, isolation_level=None)
            )
        except BaseException:
            _stop(worker)
            raise
        return cls(worker, raw)

    async def run(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """``fn(raw connection)`` on the connection's thread: one trip, however many statements.

        A caller cancelled before its turn is dropped unrun; once ``fn`` runs, it runs to the end
        (a thread cannot be interrupted), and the next call waits for it.
        """
        return await asyncio.get_running_loop().run_in_executor(self._worker, fn, self._raw)

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; return how many rows it changed."""
        return await self.run(lambda raw: raw.execute(sql, params).rowcount)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        await self.run(lambda raw: raw.executemany(sql, rows))

    async def execute_fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Run one statement and return its rows (``sqlite3.Row`` once the store set that)."""
        return await self.run(lambda raw: raw.execute(sql, params).fetchall())

    async def close(self) -> None:
        """Close the connection on its thread, then let the thread end."""
        try:
            await self.run(lambda raw: raw.close())
        finally:
            _stop(self._worker)


def _stop(worker: ThreadPoolExecutor) -> None:
    """End the worker thread and wait for it, so that none outlives the event loop it would
    report to (``alertbot poll --db /bad/path`` closes its loop at once). The thread is idle
    by then, with only the stop to do, so the wait is short.
    """
    worker.shutdown(wait=True)

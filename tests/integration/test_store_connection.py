"""The store's connection lives on a thread of its own (bot/store/_thread.py): a statement
that waits for another process's lock must not stop the event loop, and no thread may outlive
the store."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from bot.store import DatabaseHeld, Store, StoreError
from tests import databases


async def test_a_statement_waiting_for_a_lock_leaves_the_event_loop_running(
    tmp_path: Path,
) -> None:
    path = tmp_path / "alerts.db"
    async with await Store.open(path, busy_timeout_ms=600) as store:
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticker = asyncio.ensure_future(tick())
        with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as other:
            other.execute("BEGIN IMMEDIATE")  # another process's write transaction
            started = time.monotonic()
            with pytest.raises(StoreError, match="locked by another process"):
                await store.set_state({"gateway": "up"})
            waited = time.monotonic() - started
            other.execute("ROLLBACK")
        ticker.cancel()
        assert waited >= 0.5, "the store did not wait for the lock"
        # A loop blocked by the wait would tick once at most; a free one ticks all along.
        assert ticks >= 10, f"the event loop ticked {ticks} times in {waited:.2f} s"
        await store.set_state({"gateway": "up"})  # and the store goes on once the lock is gone
        assert await store.get_state(["gateway"]) == {"gateway": "up"}


async def test_no_thread_outlives_a_closed_store(database: str) -> None:
    before = set(threading.enumerate())
    store = await Store.open(database)
    assert set(threading.enumerate()) > before, "the store has no thread of its own"
    await store.close(checkpoint=True)
    assert set(threading.enumerate()) <= before


async def test_one_bot_per_postgresql_database(postgres_server: str) -> None:
    """PostgreSQL's stand-in for the SQLite file's flock: a second exclusive store is refused,
    naming the session that holds the database; the lock goes with the first store."""
    with databases.fresh_schema(postgres_server) as url, databases.another(url) as elsewhere:
        first = await Store.open(url, exclusive=True)
        try:
            with pytest.raises(DatabaseHeld, match=r"in use by another alertbot \(PostgreSQL "
                                                   r"session \d+ from .+, since \d{4}-"):
                await Store.open(url, exclusive=True)
            # A reader, and a bot on another schema of the same server, are not held back.
            async with await Store.open(url, read_only=True), \
                    await Store.open(elsewhere, exclusive=True):
                pass
        finally:
            await first.close()
        async with await Store.open(url, exclusive=True):
            pass

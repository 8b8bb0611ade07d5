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

from bot.store import Store, StoreError


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

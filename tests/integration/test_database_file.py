"""The database as a file (bot/store/_file.py): one holder at a time, a lock that dies with its
process, and noticing a file deleted, moved or swapped under an open store. Real files on
tmp_path, real processes where a process boundary is the point."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.model import Source
from bot.store import (
    DatabaseHeld,
    DatabaseLock,
    DatabaseMissing,
    DatabaseReplaced,
    FileIdentity,
    Store,
    check_identity,
    database_version,
    latest_version,
)
from bot.store._file import lock_path

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 25, 9, 45, tzinfo=UTC)

#: holds the lock the way every alertbot process does, then waits to be killed
HOLDER = """
import sys, time
from datetime import UTC, datetime
from pathlib import Path
from bot.store import DatabaseLock
DatabaseLock.acquire(Path(sys.argv[1]), now=datetime.now(UTC))
print("held", flush=True)
time.sleep(60)
"""


async def holding_process(db: Path) -> asyncio.subprocess.Process:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", HOLDER, str(db), cwd=ROOT, stdout=asyncio.subprocess.PIPE)
    assert process.stdout is not None
    assert await asyncio.wait_for(process.stdout.readline(), 30) == b"held\n"
    return process


def test_a_second_holder_is_refused_with_the_first_ones_pid_host_and_time(
    tmp_path: Path,
) -> None:
    db = tmp_path / "bot.db"
    first = DatabaseLock.acquire(db, now=NOW)
    try:
        with pytest.raises(DatabaseHeld) as refused:
            DatabaseLock.acquire(db, now=NOW)
        message = str(refused.value)
        assert str(db) in message
        assert f"pid {os.getpid()}" in message and socket.gethostname() in message
        assert "2026-11-25T09:45:00+00:00" in message
    finally:
        first.release()
    DatabaseLock.acquire(db, now=NOW).release()  # released: free again


async def test_the_lock_of_a_killed_process_does_not_block_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "bot.db"
    holder = await holding_process(db)
    with pytest.raises(DatabaseHeld, match=f"pid {holder.pid} on"):
        DatabaseLock.acquire(db, now=NOW)
    holder.send_signal(signal.SIGKILL)
    await holder.wait()
    assert lock_path(db).read_text()  # the file is still there, naming the dead holder
    lock = DatabaseLock.acquire(db, now=NOW)  # but the flock died with it
    lock.release()


def test_a_deleted_lock_file_is_noticed_by_its_holder(tmp_path: Path) -> None:
    lock = DatabaseLock.acquire(tmp_path / "bot.db", now=NOW)
    try:
        lock.check()
        lock.path.unlink()  # a second bot would now find no lock at all
        with pytest.raises(DatabaseReplaced, match="lock file"):
            lock.check()
    finally:
        lock.release()


@pytest.mark.parametrize("change", ["deleted", "moved", "swapped"])
async def test_a_database_deleted_moved_or_swapped_under_an_open_store_is_noticed(
    tmp_path: Path, change: str
) -> None:
    db = tmp_path / "bot.db"
    other = tmp_path / "other.db"
    async with await Store.open(other):
        pass
    async with await Store.open(db):
        opened = FileIdentity.of(db)
        check_identity(db, opened)  # unchanged: nothing to say
        if change == "deleted":
            db.unlink()
        elif change == "moved":
            db.rename(tmp_path / "elsewhere.db")
        else:
            other.replace(db)  # mv other.db bot.db
        with pytest.raises(DatabaseReplaced, match=re.escape(str(db))):
            check_identity(db, opened)


async def test_open_without_create_refuses_a_missing_database_and_makes_no_file(
    tmp_path: Path,
) -> None:
    db = tmp_path / "typo.db"
    with pytest.raises(DatabaseMissing, match=r"typo\.db"):
        await Store.open(db, create=False)
    assert not db.exists()
    async with await Store.open(db):  # created on purpose
        pass
    async with await Store.open(db, create=False):
        pass


async def test_database_version_reads_without_creating(tmp_path: Path) -> None:
    db = tmp_path / "bot.db"
    assert await database_version(db) is None
    assert not db.exists()
    async with await Store.open(db):
        pass
    assert await database_version(db) == latest_version()


async def test_a_moved_database_gets_its_commits_only_when_closed_with_a_checkpoint(
    tmp_path: Path,
) -> None:
    """SQLite skips its own checkpoint at close for a renamed file (found by the test of a
    database moved under the running bot); Store.close(checkpoint=True) does it by hand."""
    for checkpoint, expected in ((False, 0), (True, 1)):
        db, moved = tmp_path / f"{checkpoint}.db", tmp_path / f"{checkpoint}-moved.db"
        store = await Store.open(db)
        await store.sync_sources([Source("wire", "http://wire.example/feed", "Wire", 300)], NOW)
        db.rename(moved)
        await store.close(checkpoint=checkpoint)
        with contextlib.closing(sqlite3.connect(moved)) as raw:
            tables = raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sources'")
            assert tables.fetchone() == (expected,)

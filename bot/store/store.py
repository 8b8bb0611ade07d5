"""The Store: every query of the bot, behind one typed class (see bot/store/__init__.py)."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

import aiosqlite

from bot.store._base import StoreError, utc_now, wrap_errors
from bot.store._file import require_database
from bot.store._migrations import (
    Migration,
    check_not_newer,
    load_migrations,
    migrate,
    user_version,
)
from bot.store._outbox import OutboxMixin
from bot.store._state import StateMixin
from bot.store._subscriptions import SubscriptionsMixin
from bot.store._updates import UpdatesMixin


class Store(UpdatesMixin, SubscriptionsMixin, OutboxMixin, StateMixin):
    """SQLite storage for sources, entries, updates, subscriptions, mutes and the outbox.

    Open with ``await Store.open(path)``; use as ``async with`` to close it. Every method raises
    StoreError (never a sqlite error) when the database cannot serve it. Methods take ``now``
    where the time is part of what is recorded; ``clock`` is read only where a query needs the
    current time on its own (mutes in force for /latest and /search).

    A new public method needs a row in tests/integration/test_store_errors.py (it fails the
    suite until it has one), which checks that it fails cleanly on a closed, read-only or
    locked database.
    """

    @classmethod
    async def open(
        cls,
        path: str | Path,
        *,
        clock: Callable[[], datetime] | None = None,
        busy_timeout_ms: int = 5000,
        read_only: bool = False,
        create: bool = True,
        migrations: tuple[Migration, ...] | None = None,
    ) -> Store:
        """Open (creating and migrating as needed) the database at ``path``.

        ``busy_timeout_ms``: how long a statement waits for another process's lock.
        ``read_only``: for inspection; the file must exist and be fully migrated.
        ``create``: False refuses (DatabaseMissing) a path with no database rather than
        making an empty one: `alertbot run` on a mistyped path must not start from nothing.
        ``migrations``: the schema history; tests pass their own, the bot never does.
        """
        where = str(path)
        steps = load_migrations() if migrations is None else migrations
        if not create and not read_only:
            require_database(Path(where))
        with wrap_errors(where):
            if read_only or not create:
                # mode=ro makes sqlite refuse every write, whatever the file's permissions;
                # mode=rw opens an existing file only (no race with the check above).
                mode = "ro" if read_only else "rw"
                db = await _connect(f"file:{quote(where)}?mode={mode}", uri=True)
            else:
                db = await _connect(where, uri=False)
        try:
            with wrap_errors(where):
                await _configure(db, busy_timeout_ms=busy_timeout_ms, read_only=read_only)
                if read_only:
                    await _check_current(db, steps)
                else:
                    await migrate(db, steps)
        except BaseException:
            with contextlib.suppress(sqlite3.Error, ValueError):
                await db.close()
            raise
        return cls(db, where, clock or utc_now)

    async def close(self, *, checkpoint: bool = False) -> None:
        """Close the connection; closing twice is harmless. Later calls raise StoreError.

        ``checkpoint``: first copy every commit from the WAL into the database file itself and
        empty the WAL. SQLite does so on its own when the last connection closes, except when
        the file was renamed or deleted while open: the commits would then stay in the -wal
        file beside the old name, missing from the moved file and read by SQLite as part of
        whatever file is put at that name next.
        """
        async with self._lock:
            db, self._db = self._db, None
            if db is not None:
                try:
                    if checkpoint:
                        with wrap_errors(self._path):
                            await db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    with wrap_errors(self._path):
                        await db.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()


async def _connect(where: str, *, uri: bool) -> aiosqlite.Connection:
    connection = aiosqlite.connect(where, uri=uri, isolation_level=None)
    try:
        return await connection
    except Exception:
        # On a failed connect aiosqlite tells its worker thread to stop but does not wait for
        # it; when the event loop closed first (`alertbot poll --db /bad/path` exits at once),
        # the thread died on "Event loop is closed" and printed its traceback. The thread only
        # has that stop to do, so the wait is short.
        connection._thread.join()
        raise


async def _configure(
    db: aiosqlite.Connection, *, busy_timeout_ms: int, read_only: bool
) -> None:
    db.row_factory = sqlite3.Row
    await db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms):d}")
    await db.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        # WAL: readers (slash commands) never wait for the poll loop's writes, and a commit
        # is one sequential append. NORMAL sync is durable across crashes of the process in
        # WAL mode; only a power cut can lose the last commits, never corrupt the file.
        rows = list(await db.execute_fetchall("PRAGMA journal_mode = WAL"))
        if rows and str(rows[0][0]).lower() not in ("wal", "memory"):
            raise StoreError(f"the database cannot use WAL journaling (got {rows[0][0]})")
        await db.execute("PRAGMA synchronous = NORMAL")


async def _check_current(db: aiosqlite.Connection, migrations: tuple[Migration, ...]) -> None:
    latest = migrations[-1].version if migrations else 0
    version = await user_version(db)
    check_not_newer(version, latest)
    if version < latest:
        raise StoreError(
            f"the database is at schema version {version} and needs migrating to {latest}; "
            "open it once without read_only"
        )


def latest_version() -> int:
    """The schema version this alertbot migrates every database to."""
    migrations = load_migrations()
    return migrations[-1].version if migrations else 0


async def database_version(path: Path) -> int | None:
    """The schema version of the database at ``path``, or None when there is no file; opens
    it read-only, so it never creates, migrates, nor waits for a running bot."""
    where = str(path)
    if not await asyncio.to_thread(path.exists):
        return None
    with wrap_errors(where):
        db = await aiosqlite.connect(f"file:{quote(where)}?mode=ro", uri=True)
        try:
            return await user_version(db)
        finally:
            await db.close()

"""The Store: every query of the bot, behind one typed class, on SQLite or PostgreSQL (see
bot/store/__init__.py)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

from bot.database import Database, PostgresUrl, SqliteFile, as_database
from bot.follows import FollowRefused, SourceLimits, url_key
from bot.store._base import StoreError, rollback, utc_now, wrap_errors
from bot.store._dialect import Dialect, Raw
from bot.store._events import EventsMixin
from bot.store._file import DatabaseMissing, require_database
from bot.store._follows import FollowsMixin
from bot.store._leases import DEFAULT_LEASE, LeasesMixin, ProcessId
from bot.store._migrations import Migration, check_not_newer, load_migrations, migrate
from bot.store._outbox import OutboxMixin
from bot.store._postgres import POSTGRES, hold_bot_lock, schema_version
from bot.store._postgres import connect as postgres_connect
from bot.store._sources import SourcesMixin
from bot.store._sqlite import SQLITE, user_version
from bot.store._sqlite import connect as sqlite_connect
from bot.store._state import StateMixin
from bot.store._subscriptions import SubscriptionsMixin
from bot.store._thread import Connection
from bot.store._updates import UpdatesMixin


class Store(
    SourcesMixin, LeasesMixin, FollowsMixin, UpdatesMixin, SubscriptionsMixin, OutboxMixin,
    StateMixin, EventsMixin,
):
    """Storage for sources, follows, entries, updates, subscriptions, mutes and the outbox, on
    SQLite or PostgreSQL (bot.store.contract.StoreContract is what the rest of the bot sees).

    Open with ``await Store.open(path or URL)``; use as ``async with`` to close it. Every method
    raises StoreError (never an engine's error) when the database cannot serve it. Methods take
    ``now`` where the time is part of what is recorded; ``clock`` is read only where a query
    needs the current time on its own (mutes in force for /latest and /search).

    A new public method needs a row in tests/integration/test_store_errors.py (it fails the
    suite until it has one), which checks that it fails cleanly on a closed, read-only or
    locked database.
    """

    @classmethod
    async def open(
        cls,
        database: str | Path | Database,
        *,
        clock: Callable[[], datetime] | None = None,
        busy_timeout_ms: int = 5000,
        read_only: bool = False,
        create: bool = True,
        migrations: tuple[Migration, ...] | None = None,
        limits: SourceLimits | None = None,
        exclusive: bool = False,
        lease: timedelta = DEFAULT_LEASE,
        shards: str | None = None,
    ) -> Store:
        """Open (creating and migrating as needed) the database: a path (SQLite) or a URL
        (bot.database: ``sqlite:///PATH`` or ``postgresql://…``).

        ``busy_timeout_ms``: how long a statement waits for another process's lock.
        ``read_only``: for inspection; the database must exist and be fully migrated.
        ``create``: False refuses (DatabaseMissing) a database that was never made, rather
        than making an empty one: `alertbot run` on a mistyped path must not start from nothing.
        ``migrations``: the schema history; tests pass their own, the bot never does.
        ``limits``: what servers may do with sources (bot.toml's ``[guild_sources]``).
        ``exclusive``: one bot per database. On PostgreSQL a lock of the store's session,
        taken here (DatabaseHeld when another store holds it); a SQLite file's lock is the
        caller's to take first (DatabaseLock: it must exist before the file is opened).
        ``lease``: how long a source this store claims to poll stays its own without renewal
        (PostgreSQL; bot.store._leases), bot.toml's ``[database] lease``; so does a channel it
        claims to send to (bot.store._outbox).
        ``shards``: the Discord shards this process connects, as `alertbot status` shows them.
        """
        target = as_database(database)
        where = target.shown
        if isinstance(target, SqliteFile):
            dialect = SQLITE
            connect = _sqlite_connect(target.path, read_only=read_only, create=create)
        else:
            dialect = POSTGRES
            url = target.url
            connect = functools.partial(postgres_connect, url, lock_timeout_ms=busy_timeout_ms,
                                        read_only=read_only)
        steps = load_migrations(dialect) if migrations is None else migrations
        with wrap_errors(where, dialect):
            db = await Connection.open(connect)
        try:
            with wrap_errors(where, dialect):
                await db.run(lambda raw: _prepare(raw, steps, busy_timeout_ms=busy_timeout_ms,
                                                  read_only=read_only, create=create,
                                                  exclusive=exclusive, where=where))
        except BaseException:
            with contextlib.suppress(*dialect.errors):
                await db.close()
            raise
        store = cls(db, where, clock or utc_now)
        store._limits = limits or SourceLimits()
        store._process = ProcessId.of_this_process(store._clock(), shards)
        store._lease = lease
        store._claims = dialect.claims and not read_only
        return store

    async def close(self, *, checkpoint: bool = False) -> None:
        """Close the connection; closing twice is harmless. Later calls raise StoreError.

        ``checkpoint`` (SQLite; nothing to do on PostgreSQL): first copy every commit from the
        WAL into the database file itself and empty the WAL. SQLite does so on its own when the
        last connection closes, except when the file was renamed or deleted while open: the
        commits would then stay in the -wal file beside the old name, missing from the moved
        file and read by SQLite as part of whatever file is put at that name next.
        """
        async with self._lock:
            db, self._db = self._db, None
            if db is not None:
                try:
                    await db.run(self._release)
                    if checkpoint and self._dialect is SQLITE:
                        with wrap_errors(self._path, self._dialect):
                            await db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                finally:
                    with wrap_errors(self._path, self._dialect):
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


def _sqlite_connect(path: Path, *, read_only: bool, create: bool) -> Callable[[], Raw]:
    where = str(path)
    if not create and not read_only:
        require_database(path)
    if read_only or not create:
        # mode=ro makes sqlite refuse every write, whatever the file's permissions;
        # mode=rw opens an existing file only (no race with the check above).
        mode = "ro" if read_only else "rw"
        return functools.partial(sqlite_connect, f"file:{quote(where)}?mode={mode}", uri=True)
    return functools.partial(sqlite_connect, where, uri=False)


def _prepare(
    raw: Raw,
    migrations: tuple[Migration, ...],
    *,
    busy_timeout_ms: int,
    read_only: bool,
    create: bool,
    exclusive: bool,
    where: str,
) -> None:
    """Configure a new connection and bring (or, read-only, check) its schema up to date; on
    the connection's thread, in one trip."""
    dialect = raw.dialect
    if dialect is SQLITE:
        _prepare_sqlite(raw, busy_timeout_ms=busy_timeout_ms, read_only=read_only)
    else:
        if not create and dialect.version(raw) == 0:
            # SQLite's "no file": a PostgreSQL database alertbot never initialised.
            raise DatabaseMissing(f"there is no alertbot database at {where}")
        if exclusive:
            hold_bot_lock(raw, where)
    if read_only:
        _check_current(raw, migrations)
        return
    migrate(raw, migrations)
    _fill_url_keys(raw)


def _prepare_sqlite(raw: Raw, *, busy_timeout_ms: int, read_only: bool) -> None:
    assert isinstance(raw, sqlite3.Connection)
    raw.row_factory = sqlite3.Row
    raw.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms):d}")
    raw.execute("PRAGMA foreign_keys = ON")
    if read_only:
        return
    # WAL: readers (slash commands) never wait for the poll loop's writes, and a commit is one
    # sequential append. NORMAL sync is durable across crashes of the process in WAL mode;
    # only a power cut can lose the last commits, never corrupt the file.
    mode = _set_wal(raw, busy_timeout_ms)
    if mode not in ("wal", "memory"):
        raise StoreError(f"the database cannot use WAL journaling (got {mode})")
    raw.execute("PRAGMA synchronous = NORMAL")


def _set_wal(raw: sqlite3.Connection, busy_timeout_ms: int) -> str:
    """Switch the database to WAL; return the journal mode it is in afterwards.

    The switch needs the file to itself, and SQLite answers "locked" at once rather than call
    the busy handler when another connection holds it (two processes opening a new database
    together): wait here as busy_timeout would."""
    deadline = time.monotonic() + busy_timeout_ms / 1000
    while True:
        try:
            [mode] = raw.execute("PRAGMA journal_mode = WAL").fetchone()
            return str(mode).lower()
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def _fill_url_keys(raw: Raw) -> None:
    """Write ``sources.url_key`` where migration 5 left it NULL: only Python can normalise a
    URL (bot.follows.url_key). Reads nothing but the index when every row has one."""
    if "url_key" not in raw.dialect.columns(raw, "sources"):
        return  # a test's older schema
    rows = raw.execute("SELECT id, url FROM sources WHERE url_key IS NULL").fetchall()
    if not rows:
        return
    raw.execute(raw.dialect.begin)
    try:
        for source_id, url in rows:
            try:
                key = url_key(url)
            except FollowRefused:
                key = url  # what an older alertbot accepted stays comparable as written
            raw.execute("UPDATE sources SET url_key = ? WHERE id = ?", (key, source_id))
        raw.execute("COMMIT")
    except BaseException:
        rollback(raw)
        raise


def _check_current(raw: Raw, migrations: tuple[Migration, ...]) -> None:
    latest = migrations[-1].version if migrations else 0
    version = raw.dialect.version(raw)
    check_not_newer(version, latest)
    if version < latest:
        raise StoreError(
            f"the database is at schema version {version} and needs migrating to {latest}; "
            "`alertbot init` migrates it (or open it once without read_only)"
        )


def latest_version(database: str | Path | Database = Path()) -> int:
    """The schema version this alertbot migrates the engine's databases to (both engines'
    series are numbered alike; ``database`` only says which engine's files to read)."""
    migrations = load_migrations(_dialect_of(as_database(database)))
    return migrations[-1].version if migrations else 0


def _dialect_of(target: Database) -> Dialect:
    return SQLITE if isinstance(target, SqliteFile) else POSTGRES


async def database_version(database: str | Path | Database) -> int | None:
    """The schema version of the database, or None when there is none (no file; a PostgreSQL
    database never initialised); opens it read-only, so it never creates, migrates, nor waits
    for a running bot."""
    target = as_database(database)
    where = target.shown
    if isinstance(target, PostgresUrl):
        with wrap_errors(where, POSTGRES):
            version = await asyncio.to_thread(_read_postgres_version, target.url)
        return version or None
    if not await asyncio.to_thread(target.path.exists):
        return None
    with wrap_errors(where, SQLITE):
        return await asyncio.to_thread(_read_version, str(target.path))


def _read_version(where: str) -> int:
    # A connection of its own, made, used and closed on one thread.
    with contextlib.closing(sqlite_connect(f"file:{quote(where)}?mode=ro", uri=True)) as raw:
        return user_version(raw)


def _read_postgres_version(url: str) -> int:
    raw = postgres_connect(url, lock_timeout_ms=5000, read_only=True)
    try:
        return schema_version(raw)
    finally:
        raw.close()

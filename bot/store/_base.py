"""What every part of the store shares: the connection, its lock, transactions and errors."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

import aiosqlite

from bot.matching.filters import Filter

#: SQLite allows 999 bound variables per statement in builds older than 3.32 (32766 after);
#: 900 keeps every IN (...) list under the lower limit with room for the other parameters.
CHUNK = 900

T = TypeVar("T")
#: one piece of a grouped transaction: it gets the connection, inside the transaction
Work = Callable[[aiosqlite.Connection], Awaitable[Any]]


class StoreError(Exception):
    """The database could not do what was asked: locked, read-only, full, damaged or closed.

    The message is plain enough to show an operator; the sqlite error is kept as ``__cause__``.
    """


#: sqlite's messages → what an operator should read (matched on the start of the message).
_PLAIN = (
    ("database is locked", "the database is locked by another process; is a second alertbot "
                           "running on the same file?"),
    ("attempt to write a readonly database", "the database is read-only"),
    ("database or disk is full", "the disk holding the database is full"),
    ("unable to open database file", "the database file cannot be opened"),
    ("file is not a database", "the file is not an alertbot database"),
    ("database disk image is malformed", "the database file is damaged"),
)


def plain_message(error: sqlite3.Error) -> str:
    text = str(error)
    for start, plain in _PLAIN:
        if text.startswith(start):
            return plain
    return f"database error: {text}"


@contextlib.contextmanager
def wrap_errors(path: str) -> Iterator[None]:
    """Turn sqlite's exceptions into one StoreError naming the database file."""
    try:
        yield
    except sqlite3.Error as e:
        raise StoreError(f"{plain_message(e)} ({path})") from e


def to_db(when: datetime) -> str:
    """A fixed-width UTC ISO string, so that comparing the text compares the times."""
    if when.tzinfo is None or when.utcoffset() is None:
        raise StoreError(f"the store takes timezone-aware datetimes, not {when!r}")
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def opt_to_db(when: datetime | None) -> str | None:
    return None if when is None else to_db(when)


def from_db(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def opt_from_db(text: str | None) -> datetime | None:
    return None if text is None else from_db(text)


def marks(count: int) -> str:
    return ", ".join("?" * count)


def chunks(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def utc_now() -> datetime:
    return datetime.now(UTC)


class StoreBase:
    """The connection and the rules for using it; the domain mixins build on these helpers.

    One connection serves every task of the process. aiosqlite runs its statements one at a
    time on its own thread, but two tasks could still interleave statements between one task's
    BEGIN and COMMIT; the lock makes each method's statements one uninterrupted unit.
    """

    def __init__(
        self, db: aiosqlite.Connection, path: str, clock: Callable[[], datetime]
    ) -> None:
        self._db: aiosqlite.Connection | None = db
        self._path = path
        self._clock = clock
        self._lock = asyncio.Lock()
        #: compiled subscription filters by their text (None: no longer compiles)
        self._filters: dict[str, Filter | None] = {}
        #: transactions waiting for the next grouped commit: (the work, the caller's future)
        self._grouped: list[tuple[Work, asyncio.Future[Any]]] = []
        #: the grouped commit in progress, held so that the event loop cannot drop the task
        self._group_writer: asyncio.Future[None] | None = None

    def _connection(self) -> aiosqlite.Connection:
        if self._db is None:
            raise StoreError(f"the store is closed ({self._path})")
        return self._db

    @contextlib.asynccontextmanager
    async def _reading(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._lock:
            db = self._connection()
            with wrap_errors(self._path):
                yield db

    @contextlib.asynccontextmanager
    async def _writing(self) -> AsyncIterator[aiosqlite.Connection]:
        """One transaction: everything in the block is written, or nothing is."""
        async with self._lock:
            db = self._connection()
            with wrap_errors(self._path):
                # IMMEDIATE takes the write lock now, so a busy database fails (after
                # busy_timeout) here rather than halfway through the block.
                await db.execute("BEGIN IMMEDIATE")
                try:
                    yield db
                    await db.execute("COMMIT")
                except BaseException:
                    await rollback(db)
                    raise

    async def _in_group(self, work: Callable[[aiosqlite.Connection], Awaitable[T]]) -> T:
        """Run ``work`` in a transaction shared with every other that arrives meanwhile.

        Each commit rewrites every page it touched, and the pages of the busy indexes are the
        same from one poll to the next: one commit for several polls writes them once. The
        caller returns once its work is committed, with what ``work`` returned, or its error.
        If any work of a group fails, the group is rolled back and each work is then run again
        in a transaction of its own, so that one failure never takes the others with it.
        """
        done: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._grouped.append((work, done))
        if len(self._grouped) == 1:
            self._group_writer = asyncio.ensure_future(self._write_group())
        return await done

    async def _write_group(self) -> None:
        taken: list[tuple[Work, asyncio.Future[Any]]] = []
        results: list[Any] = []
        try:
            async with self._writing() as db:
                # Taken once the lock is held: every work that arrived while waiting joins.
                taken, self._grouped = self._grouped, []
                for work, _ in taken:
                    results.append(await work(db))
        except asyncio.CancelledError:
            # The loop is shutting down: the callers are told so rather than left waiting.
            for _, done in [*taken, *self._grouped]:
                done.cancel()
            self._grouped = []
            raise
        except Exception as e:
            if not taken:  # refused before the group was taken: it fails as a whole
                taken, self._grouped = self._grouped, []
                for _, done in taken:
                    if not done.done():
                        done.set_exception(e)
                return
            await self._write_one_by_one(taken)
            return
        for (_, done), result in zip(taken, results, strict=True):
            if not done.done():  # a caller cancelled meanwhile has nothing to hear
                done.set_result(result)

    async def _write_one_by_one(self, taken: list[tuple[Work, asyncio.Future[Any]]]) -> None:
        for work, done in taken:
            try:
                async with self._writing() as db:
                    result = await work(db)
            except Exception as e:
                if not done.done():
                    done.set_exception(e)
            else:
                if not done.done():
                    done.set_result(result)

    async def _rows(
        self, db: aiosqlite.Connection, sql: str, params: Sequence[Any] = ()
    ) -> list[sqlite3.Row]:
        return list(await db.execute_fetchall(sql, params))

    async def _rows_in(
        self,
        db: aiosqlite.Connection,
        sql: str,
        before: Sequence[Any],
        values: Sequence[Any],
        after: Sequence[Any] = (),
    ) -> list[sqlite3.Row]:
        """Run ``sql`` (with ``{marks}`` where the IN list goes) once per chunk of values."""
        rows: list[sqlite3.Row] = []
        for chunk in chunks(values):
            query = sql.format(marks=marks(len(chunk)))
            rows.extend(await self._rows(db, query, [*before, *chunk, *after]))
        return rows


async def rollback(db: aiosqlite.Connection) -> None:
    # A failed COMMIT or a failing statement may or may not have ended the transaction.
    if db.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            await db.execute("ROLLBACK")

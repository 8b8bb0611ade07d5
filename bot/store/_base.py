"""What every part of the store shares: the connection, its lock, transactions and errors."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from bot.matching.filters import Filter
from bot.store._dialect import Dialect, Raw
from bot.store._signatures import Signatures
from bot.store._thread import Connection

#: SQLite allows 999 bound variables per statement in builds older than 3.32 (32766 after);
#: 900 keeps every IN (...) list under the lower limit with room for the other parameters.
CHUNK = 900

T = TypeVar("T")
#: one piece of a grouped transaction: it gets the raw connection, inside the transaction, on
#: the connection's own thread
Work = Callable[[Raw], Any]


class StoreError(Exception):
    """The database could not do what was asked: locked, read-only, full, damaged or closed.

    The message is plain enough to show an operator; the engine's error is kept as
    ``__cause__``.
    """


@contextlib.contextmanager
def wrap_errors(where: str, dialect: Dialect) -> Iterator[None]:
    """Turn the engine's exceptions into one StoreError naming the database."""
    try:
        yield
    except dialect.errors as e:
        raise StoreError(f"{dialect.plain(e)} ({where})") from e


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


def rows_in(
    raw: Raw,
    sql: str,
    before: Sequence[Any],
    values: Sequence[Any],
    after: Sequence[Any] = (),
) -> list[Any]:
    """Run ``sql`` (with ``{marks}`` where the IN list goes) once per chunk of values, on the
    connection's thread (inside ``Connection.run``). Also for UPDATE and DELETE (they return no
    rows).

    Text values are bound one by one rather than passed as one JSON array: json_each cuts a
    string at its first NUL character.
    """
    rows: list[Any] = []
    for chunk in chunks(values):
        cursor = raw.execute(sql.format(marks=marks(len(chunk))), [*before, *chunk, *after])
        if cursor.description is not None:  # psycopg refuses to read rows an UPDATE has not
            rows.extend(cursor)
    return rows


def utc_now() -> datetime:
    return datetime.now(UTC)


class StoreBase:
    """The connection and the rules for using it; the domain mixins build on these helpers.

    One connection serves every task of the process. Its thread runs the statements one at a
    time, but two tasks could still interleave statements between one task's BEGIN and COMMIT;
    the lock makes each method's statements one uninterrupted unit.
    """

    def __init__(self, db: Connection, path: str, clock: Callable[[], datetime]) -> None:
        self._db: Connection | None = db
        #: the database as messages name it (a PostgreSQL URL without its password)
        self._path = path
        self._dialect = db.dialect
        self._clock = clock
        self._lock = asyncio.Lock()
        #: compiled subscription filters by their text (None: no longer compiles)
        self._filters: dict[str, Filter | None] = {}
        #: transactions waiting for the next grouped commit: (the work, the caller's future)
        self._grouped: list[tuple[Work, asyncio.Future[Any]]] = []
        #: the grouped commit in progress, held so that the event loop cannot drop the task
        self._group_writer: asyncio.Future[None] | None = None
        #: the stored signatures the grouped commits have read (issue 14's candidates)
        self._signatures = Signatures()

    def _open_db(self) -> Connection:
        if self._db is None:
            raise StoreError(f"the store is closed ({self._path})")
        return self._db

    @contextlib.asynccontextmanager
    async def _reading(self) -> AsyncIterator[Connection]:
        async with self._lock:
            db = self._open_db()
            with wrap_errors(self._path, self._dialect):
                yield db

    @contextlib.asynccontextmanager
    async def _writing(self) -> AsyncIterator[Connection]:
        """One transaction: everything in the block is written, or nothing is."""
        async with self._lock:
            db = self._open_db()
            with wrap_errors(self._path, self._dialect):
                await db.execute(self._dialect.begin)
                try:
                    yield db
                    await db.execute("COMMIT")
                except BaseException:
                    await db.run(rollback)
                    raise

    async def _in_group(self, work: Callable[[Raw], T]) -> T:
        """Run ``work`` in a transaction shared with every other that arrives meanwhile.

        Each commit rewrites every page it touched, and the pages of the busy indexes are the
        same from one poll to the next: one commit for several polls writes them once. The
        whole group is one trip to the connection's thread (``Connection.run``), so ``work``
        is plain synchronous code on the raw connection. The caller returns once its work is
        committed, with what ``work`` returned, or its error. If any work of a group fails, the
        group is rolled back and each work is then run again in a transaction of its own, so
        that one failure never takes the others with it.
        """
        done: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._grouped.append((work, done))
        if len(self._grouped) == 1:
            self._group_writer = asyncio.ensure_future(self._write_group())
        return await done

    async def _write_group(self) -> None:
        taken: list[tuple[Work, asyncio.Future[Any]]] = []
        try:
            async with self._lock:
                db = self._open_db()
                # Taken once the lock is held: every work that arrived while waiting joins.
                taken, self._grouped = self._grouped, []
                works = [work for work, _ in taken]
                outcomes = await db.run(lambda raw: _commit_group(
                    raw, works, self._path, self._signatures.settle))
        except asyncio.CancelledError:
            # The loop is shutting down: the callers are told so rather than left waiting.
            for _, done in [*taken, *self._grouped]:
                done.cancel()
            self._grouped = []
            raise
        except Exception as e:  # refused as a whole: the store is closed, or the database busy
            if not taken:  # refused before the group was taken: every work waiting fails
                taken, self._grouped = self._grouped, []
            for _, done in taken:
                if not done.done():
                    done.set_exception(e)
            return
        for (_, done), outcome in zip(taken, outcomes, strict=True):
            if done.done():  # a caller cancelled meanwhile has nothing to hear
                continue
            if isinstance(outcome, _Failed):
                done.set_exception(outcome.error)
            else:
                done.set_result(outcome)


@dataclass(frozen=True, slots=True)
class _Failed:
    """A work of a group that raised, as its outcome."""

    error: Exception


def _commit_group(
    raw: Raw, works: Sequence[Work], path: str, ended: Callable[[bool], None]
) -> list[Any]:
    """Every work in one transaction; if one fails, each in a transaction of its own.

    Runs on the connection's thread. Raises (StoreError) only when the database refuses the
    transaction itself, which would refuse each work alike; otherwise returns each work's
    result, or ``_Failed`` with its error. ``ended`` hears how each transaction ended
    (True: committed).
    """
    dialect = raw.dialect
    with wrap_errors(path, dialect):
        raw.execute(dialect.begin)
    try:
        with wrap_errors(path, dialect):
            results = [work(raw) for work in works]
            raw.execute("COMMIT")
        ended(True)
        return results
    except Exception as e:
        rollback(raw)
        ended(False)
        if len(works) == 1:  # alone already: its error is its outcome
            return [_Failed(e)]
    outcomes: list[Any] = []
    for work in works:
        try:
            with wrap_errors(path, dialect):
                raw.execute(dialect.begin)
                result = work(raw)
                raw.execute("COMMIT")
        except Exception as e:
            rollback(raw)
            ended(False)
            outcomes.append(_Failed(e))
        else:
            ended(True)
            outcomes.append(result)
    return outcomes


def rollback(raw: Raw) -> None:
    """End the transaction, if any, undone; on the connection's thread (``Connection.run``).

    A failed COMMIT or a failing statement may or may not have ended the transaction already.
    """
    if raw.in_transaction:
        with contextlib.suppress(*raw.dialect.errors):
            raw.execute("ROLLBACK")

"""`alertbot db copy`: a whole deployment from one database into another, losing nothing.

Built for moving a SQLite deployment to PostgreSQL, and works between any two (the schemas are
the same table for table, column for column: migrations/postgresql/0001_initial.sql). Every row
of every table goes, ids included, so deliveries still point at their updates and
subscriptions, the outbox keeps each row's state, nonce and attempts (a send in flight when the
old bot stopped is still checked before it goes again), and the sources keep their poll state,
validators and schedule. What each engine computes for itself is not copied but rebuilt from
the rows: SQLite's full-text index (its triggers) and PostgreSQL's search column.

It reaches below the contract (the stores' connections) because it moves rows, not the
model's records: a record leaves out what only the database keeps (ids, nonces, validators).
The source is read in one transaction, so the copy is of one moment even if a bot still writes
(stop it first all the same: what it writes after that moment stays behind). The target must
be empty; it is created and migrated as `alertbot init` would, and written in one transaction:
a copy that fails leaves it empty again.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from bot.store._base import StoreError, rollback
from bot.store._dialect import Cursor, Raw
from bot.store._thread import Connection
from bot.store.store import Store

#: every table of the schema, each after the tables its rows refer to
TABLES = ("sources", "follows", "entries", "events", "updates", "update_regions", "event_regions",
          "subscriptions", "mutes", "deliveries", "guilds_left", "bot_state")
#: the tables left behind: the processes that polled the database copied from (bot.store._leases)
#: and the channels they were sending to (bot.store._outbox) are not the target's; their leases
#: on the copied sources expire on their own
NOT_COPIED = ("processes", "channel_leases")
#: rows per trip from one engine's thread to the other's
BATCH = 2000


async def copy_rows(reader: Store, writer: Store) -> dict[str, int]:
    """Copy every row the store ``reader`` has into ``writer``; return how many, by table (in
    TABLES order). Raises StoreError, naming what it holds, when the writer is not empty.
    The caller opens both (bot.app.copy_database): the reader read-only, fully migrated."""
    async with writer._reading() as db:
        held = await db.run(_rows_held)
    if any(held.values()):
        found = ", ".join(f"{n} {t}" for t, n in held.items() if n)
        raise StoreError(f"the target {writer._path} is not empty ({found}); copy only into a "
                         "new database")
    return await _copy_rows(reader, writer)


async def _copy_rows(reader: Store, writer: Store) -> dict[str, int]:
    """Every table, in one snapshot of the reader and one transaction of the writer. The rows
    cross from the reader's thread to the writer's a batch at a time."""
    counts: dict[str, int] = {}
    async with reader._reading() as read, writer._writing() as write:
        await read.execute(read.dialect.begin_snapshot)
        try:
            for table in TABLES:
                columns = await _shared_columns(read, write, table)
                cursor = await read.run(partial(_select, table=table, columns=columns))
                counts[table] = 0
                while batch := await read.run(partial(_next_batch, cursor)):
                    await write.run(partial(_insert, table=table, columns=columns, rows=batch))
                    counts[table] += len(batch)
            await write.run(_renumber)
        finally:
            await read.run(rollback)
    return counts


async def _shared_columns(read: Connection, write: Connection, table: str) -> list[str]:
    """The columns both databases write, in the target's order (an engine's computed column,
    PostgreSQL's ``search``, is not one: Dialect.columns leaves it out)."""
    have = set(await read.run(lambda raw: raw.dialect.columns(raw, table)))
    return [c for c in await write.run(lambda raw: raw.dialect.columns(raw, table))
            if c in have]


def _select(raw: Raw, *, table: str, columns: Sequence[str]) -> Cursor:
    return raw.execute(f"SELECT {', '.join(columns)} FROM {table}")


def _next_batch(cursor: Cursor, _raw: Raw) -> list[tuple[Any, ...]]:
    # The cursor lives on the reader's thread, as its connection does.
    return [tuple(row) for row in cursor.fetchmany(BATCH)]


def _insert(
    raw: Raw, *, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    marks = ", ".join("?" * len(columns))
    raw.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _renumber(raw: Raw) -> None:
    """New rows must be numbered after the copied ones (PostgreSQL's identity columns do not
    look at the ids written into them; SQLite's rowid does), and the planner must know how
    many rows there are now (Dialect.after_copy)."""
    for table in TABLES:
        raw.dialect.after_copy(raw, table)


def _rows_held(raw: Raw) -> dict[str, int]:
    return {t: int(raw.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}

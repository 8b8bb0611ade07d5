"""The SQLite engine: its connection, its pieces of SQL, its errors, its schema version.

The connection is a plain ``sqlite3.Connection`` (a subclass that only names its dialect), so
the store's statements reach sqlite3 with nothing in between: the poll cycle runs thousands.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from bot.store._base import StoreError
from bot.store._dialect import Dialect, Raw


class SqliteRaw(sqlite3.Connection):
    """sqlite3's connection, telling the store which dialect it speaks."""

    @property
    def dialect(self) -> Dialect:
        return SQLITE


def connect(where: str, *, uri: bool) -> SqliteRaw:
    """Open ``where``; on the store's thread (sqlite3 refuses any other after this)."""
    # isolation_level None: sqlite3 opens no transaction of its own; the store says BEGIN and
    # COMMIT itself.
    raw: Any = sqlite3.connect(where, uri=uri, isolation_level=None, factory=SqliteRaw)
    assert isinstance(raw, SqliteRaw)
    return raw


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


def plain_message(error: Exception) -> str:
    text = str(error)
    for start, plain in _PLAIN:
        if text.startswith(start):
            return plain
    return f"database error: {text}"


def statements(script: str) -> Iterator[str]:
    """Split a script into statements (sqlite's own test, so triggers' inner ``;`` are kept).

    ``executescript`` would do this, but it commits first: it cannot run inside our transaction.
    """
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip() and not _only_comments(pending):
        raise StoreError(f"a migration ends with an unfinished statement: {pending.strip()[:80]}")


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in text.splitlines())


def _run_script(raw: Raw, script: str) -> None:
    for statement in statements(script):
        raw.execute(statement)


def user_version(raw: Raw) -> int:
    """The schema version: SQLite keeps it in the file's header (``PRAGMA user_version``)."""
    return int(raw.execute("PRAGMA user_version").fetchone()[0])


def _set_version(raw: Raw, version: int) -> None:
    # PRAGMA takes no bound parameters; the version is an int we numbered ourselves.
    raw.execute(f"PRAGMA user_version = {version:d}")


def _columns(raw: Raw, table: str) -> list[str]:
    return [str(r[1]) for r in raw.execute(f"PRAGMA table_info({table})")]


SQLITE = Dialect(
    name="sqlite",
    # IMMEDIATE takes the write lock now, so a busy database fails (after busy_timeout) at
    # the start of a transaction rather than halfway through it.
    begin="BEGIN IMMEDIATE",
    # DEFERRED: the snapshot is taken at the first read, and held until the end (WAL mode).
    begin_snapshot="BEGIN DEFERRED",
    errors=(sqlite3.Error,),
    plain=plain_message,
    # Lists of ids are one JSON array parameter: unlike ``IN (?, ?, …)`` the statement is the
    # same whatever the count, so sqlite3 keeps it prepared, and there is no limit on the
    # number of values. Never for text from feeds: json_each cuts a string at a NUL.
    int_list=lambda param: f"SELECT value FROM json_each({param})",
    text_list=lambda param: f"SELECT value FROM json_each({param})",
    # FTS5 over updates (migration 1): folds case and diacritics.
    search="u.id IN (SELECT rowid FROM updates_fts WHERE updates_fts MATCH ?)",
    claims=False,
    # The file's lock (bot.store._file), taken before the store opened, already makes this
    # process the only one.
    columns=_columns,
    # An INTEGER PRIMARY KEY numbers new rows after the largest id there is; the planner
    # needs no statistics for the store's queries (its indexes decide).
    after_copy=lambda raw, table: None,
    migrations="",
    version=user_version,
    set_version=_set_version,
    run_script=_run_script,
)

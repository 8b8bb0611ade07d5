"""What differs between the two engines, and nothing else.

The store's queries are written once, in the SQL that SQLite and PostgreSQL both speak: ``?``
placeholders (the PostgreSQL connection rewrites them, see ``_postgres``), ``ON CONFLICT``
upserts, ``RETURNING``, ``coalesce``. Where the dialects part (a JSON array as a list of
values, full-text search, how to begin a write, what their errors mean) a query asks its
connection's ``Dialect`` for the piece, so every difference is named here and in the two engine
modules, ``_sqlite`` and ``_postgres``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol


class Cursor(Protocol):
    """What the store reads from a statement: rows, by position or column name, and counts."""

    @property
    def rowcount(self) -> int: ...

    @property
    def description(self) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ..., /) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Raw(Protocol):
    """One engine's connection, used only on the store's own thread (``_thread``)."""

    @property
    def dialect(self) -> Dialect: ...

    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> Cursor: ...

    def close(self) -> None: ...


@dataclass(frozen=True, eq=False)
class Dialect:
    """The pieces of SQL and the error rules of one engine (``_sqlite.SQLITE``,
    ``_postgres.POSTGRES``). Compared and hashed by identity: queries built from it are cached
    per dialect."""

    #: "sqlite" or "postgresql", as the database URL's scheme
    name: str
    #: starts a write transaction; SQLite's takes the write lock at once (see StoreBase._writing)
    begin: str
    #: starts a transaction whose reads all see one moment (`alertbot db copy`)
    begin_snapshot: str
    #: the engine's exception base classes: StoreError wraps these
    errors: tuple[type[Exception], ...]
    #: an engine error → what an operator should read
    plain: Callable[[Exception], str]
    #: ``SELECT`` of the integers of a JSON array (a parameter or a column), for ``IN (…)``
    int_list: Callable[[str], str]
    #: the same for the strings of a JSON array
    text_list: Callable[[str], str]
    #: condition on ``u`` (updates): its title or text matches the query parameter, written by
    #: ``bot.store._updates.fts_query`` (quoted phrases, ANDed)
    search: str
    #: several processes may share the database: ``due_sources`` claims each due source and
    #: ``claim_deliveries`` each channel it sends to with a lease (``_leases``, ``_outbox``).
    #: False: one process per database (SQLite's file lock), and both only read
    claims: bool
    #: the columns of a table one writes, in order (``raw``, table name): not the computed ones
    columns: Callable[[Raw, str], list[str]]
    #: after rows were written with their ids (`alertbot db copy`): make the table number its
    #: next rows after them, and its statistics current (``raw``, table name)
    after_copy: Callable[[Raw, str], None]
    #: the folder within ``bot/store/migrations`` holding this engine's numbered scripts ("":
    #: that folder itself, SQLite's since the first migration)
    migrations: str
    #: the schema version recorded in the database (0: none yet); inside the migration's
    #: transaction, which it may lock against another process migrating at once
    version: Callable[[Raw], int]
    set_version: Callable[[Raw, int], None]
    #: run one migration's script, inside the caller's transaction
    run_script: Callable[[Raw, str], None]

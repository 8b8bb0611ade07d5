"""Storage: SQLite or PostgreSQL, every query in one typed class.

``contract.StoreContract`` is what the rest of the bot calls. ``Store`` implements it, composed
of one mixin per domain (sources, updates, subscriptions, outbox) over a shared base that owns
the connection (``_thread``: the engine's driver on a thread of its own), its lock,
transactions and error wrapping. The queries are written once; what differs between the
engines is a ``Dialect`` (``_dialect``), given by ``_sqlite`` and ``_postgres``. The schema is
the numbered, commented SQL in ``migrations/`` (SQLite) and ``migrations/postgresql/``.
``bot.database`` reads the one setting that chooses the engine. ``_file`` is a SQLite database as a
file: the lock that keeps one bot per database, and the check that it is still the file that
was opened. ``copy`` moves a deployment from one database to another (`alertbot db copy`).
"""

from bot.database import Database, PostgresUrl, SqliteFile, as_database, parse_database
from bot.store._base import StoreError
from bot.store._events import EventJoin
from bot.store._file import (
    DatabaseHeld,
    DatabaseLock,
    DatabaseMissing,
    DatabaseReplaced,
    FileIdentity,
    check_identity,
    require_database,
)
from bot.store.contract import StoreContract
from bot.store.store import Store, database_version, latest_version

__all__ = [
    "Database",
    "DatabaseHeld",
    "DatabaseLock",
    "DatabaseMissing",
    "DatabaseReplaced",
    "EventJoin",
    "FileIdentity",
    "PostgresUrl",
    "SqliteFile",
    "Store",
    "StoreContract",
    "StoreError",
    "as_database",
    "check_identity",
    "database_version",
    "latest_version",
    "parse_database",
    "require_database",
]

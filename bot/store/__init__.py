"""Storage: SQLite, every query in one typed class.

``Store`` is composed of one mixin per domain (sources, updates, subscriptions, outbox) over a
shared base that owns the connection (``_thread``: sqlite3 on a thread of its own), its
lock, transactions and error wrapping. The schema is the numbered, commented SQL in
``migrations/``. ``_file`` is the database as a file: the lock
that keeps one bot per database, and the check that it is still the file that was opened.
"""

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
from bot.store.store import Store, database_version, latest_version

__all__ = [
    "DatabaseHeld",
    "DatabaseLock",
    "DatabaseMissing",
    "DatabaseReplaced",
    "EventJoin",
    "FileIdentity",
    "Store",
    "StoreError",
    "check_identity",
    "database_version",
    "latest_version",
    "require_database",
]

"""Storage: SQLite through aiosqlite, every query in one typed class.

``Store`` is composed of one mixin per domain (sources, updates, subscriptions, outbox) over a
shared base that owns the connection, its lock, transactions and error wrapping. The schema is
the numbered, commented SQL in ``migrations/``.
"""

from bot.store._base import StoreError
from bot.store.store import Store

__all__ = ["Store", "StoreError"]

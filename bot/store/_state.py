"""Small facts the bot keeps about itself (``bot_state``): when it last polled and sent, whether
the gateway is up, the hash of the commands last synced. Another process (``alertbot health``)
reads them from the same file, so they live in the database rather than in memory."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from bot.store._base import StoreBase, marks, opt_from_db


class StateMixin(StoreBase):
    async def get_state(self, keys: Iterable[str]) -> dict[str, str]:
        """The values of those ``keys`` that are set; a key never set is absent."""
        wanted = list(keys)
        if not wanted:
            return {}
        async with self._reading() as db:
            rows = await db.execute_fetchall(
                f"SELECT key, value FROM bot_state WHERE key IN ({marks(len(wanted))})",
                wanted,
            )
        return {str(r["key"]): str(r["value"]) for r in rows}

    async def set_state(self, values: Mapping[str, str]) -> None:
        """Set every key of ``values`` in one transaction (a few upserts: cheap enough to run
        every half minute)."""
        if not values:
            return
        async with self._writing() as db:
            await db.executemany(
                "INSERT INTO bot_state (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                list(values.items()),
            )

    async def pending_summary(self) -> tuple[int, datetime | None]:
        """(deliveries waiting to be sent, when the oldest of them was queued)."""
        async with self._reading() as db:
            rows = await db.execute_fetchall(
                "SELECT count(*), min(created_at) FROM deliveries WHERE state = 'pending'"
            )
        return int(rows[0][0]), opt_from_db(rows[0][1])

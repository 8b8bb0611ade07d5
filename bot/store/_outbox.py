"""The outbox: deliveries the sender drains, and how each attempt went."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from datetime import datetime

from bot.model import Delivery, DeliveryState
from bot.store import _rows
from bot.store._base import StoreBase, to_db


class OutboxMixin(StoreBase):
    async def pending_deliveries(
        self, now: datetime, limit: int = 500, *, skip_channels: Collection[int] = ()
    ) -> list[Delivery]:
        """Deliveries due now, by channel then id (the order they were queued in); a channel
        whose oldest pending delivery waits for a retry gives none.

        ``skip_channels``: channels the sender is draining already; leaving them out spends the
        limit on the others, so a long backlog in one channel cannot hide every other channel.
        """
        # One JSON parameter, whatever the number of channels (no 999-variable limit).
        skip = json.dumps(sorted(skip_channels))
        skipped = self._dialect.int_list("?")
        async with self._reading() as db:
            rows = await db.execute_fetchall(
                f"SELECT {_rows.DELIVERY_COLUMNS} FROM deliveries d"
                " JOIN subscriptions sub ON sub.id = d.subscription_id"
                " JOIN updates u ON u.id = d.update_id"
                " JOIN sources src ON src.id = u.source"
                " WHERE d.state = 'pending' AND d.next_attempt_at <= ?"
                " AND sub.paused_reason IS NULL"
                f" AND d.channel_id NOT IN ({skipped})"
                # A channel waiting to retry an older delivery waits whole: a newer one must
                # never overtake it.
                " AND NOT EXISTS (SELECT 1 FROM deliveries w WHERE w.channel_id = d.channel_id"
                " AND w.state = 'pending' AND w.next_attempt_at > ? AND w.id < d.id)"
                " ORDER BY d.channel_id, d.id LIMIT ?",
                (to_db(now), skip, to_db(now), max(limit, 0)),
            )
        return [_rows.delivery(r) for r in rows]

    async def mark_attempt(self, delivery_ids: Sequence[int], nonce: str, now: datetime) -> None:
        """Recorded before a send: after a crash the batch goes again with the same nonce."""
        await self._update_each(
            "UPDATE deliveries SET nonce = ?, last_attempt_at = ? WHERE id = ?",
            (nonce, to_db(now)), delivery_ids,
        )

    async def mark_sent(
        self, delivery_ids: Sequence[int], message_id: int | None, now: datetime
    ) -> None:
        """Posted (``message_id`` None: found already posted, message unknown)."""
        await self._update_each(
            "UPDATE deliveries SET state = 'sent', message_id = ?, sent_at = ?,"
            " last_error = NULL WHERE id = ?",
            (message_id, to_db(now)), delivery_ids,
        )

    async def story_alert(self, alert_delivery_id: int) -> tuple[int | None, int | None]:
        """A story's alert as it stands now: its message id once posted (else None), and the
        thread opened on it (else None). Read at the moment of sending: the alert may have been
        posted, and its thread opened, by this very drain of the channel."""
        async with self._reading() as db:
            rows = await db.execute_fetchall(
                "SELECT CASE WHEN state = 'sent' THEN message_id END, thread_id FROM deliveries"
                " WHERE id = ?", (alert_delivery_id,),
            )
        return (rows[0][0], rows[0][1]) if rows else (None, None)

    async def record_thread(self, alert_delivery_id: int, thread_id: int) -> None:
        """The thread opened on a story's alert: recorded before anything is posted in it, so
        a retry posts there rather than asking Discord for a second thread."""
        async with self._writing() as db:
            await db.execute("UPDATE deliveries SET thread_id = ? WHERE id = ?",
                             (thread_id, alert_delivery_id))

    async def mark_retry(
        self, delivery_ids: Sequence[int], error: str, next_attempt_at: datetime
    ) -> None:
        """Not sent this time; try again at ``next_attempt_at`` (the nonce is kept)."""
        await self._update_each(
            "UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
            " WHERE id = ? AND state = 'pending'",
            (error, to_db(next_attempt_at)), delivery_ids,
        )

    async def mark_failed(self, delivery_ids: Sequence[int], error: str) -> None:
        """Given up on; kept (until pruned) so /source list and the logs can say why."""
        await self._update_each(
            "UPDATE deliveries SET state = 'failed', attempts = attempts + 1, last_error = ?"
            " WHERE id = ? AND state = 'pending'",
            (error,), delivery_ids,
        )

    async def _update_each(
        self, sql: str, values: tuple[object, ...], delivery_ids: Sequence[int]
    ) -> None:
        async with self._writing() as db:
            await db.executemany(sql, [(*values, i) for i in delivery_ids])

    async def take_outbox(self) -> bool:
        """Whether this process sends the outbox; one process at a time does, since deliveries
        are not claimed per channel (yet): several senders would post one delivery twice.

        On PostgreSQL this takes the bot lock of the store's session if no other process holds
        it (the one `exclusive` takes: a bot that runs alone sends), and keeps it until the
        store closes. The server frees it when the holder's connection ends, a killed process's
        too, so another process that asks again takes the outbox over; a send it left unsure is
        settled by the nonce and the channel's history, as after a restart. On SQLite always:
        the file's lock keeps one process.
        """
        async with self._reading() as db:
            return await db.run(self._dialect.take_sender)

    async def outbox_depth(self) -> int:
        """How many deliveries are waiting (due now or later)."""
        async with self._reading() as db:
            rows = await db.execute_fetchall(
                "SELECT count(*) FROM deliveries WHERE state = 'pending'"
            )
        return int(rows[0][0])

    async def delivery_counts(self) -> dict[str, int]:
        """Deliveries by state; every state is present, zero or not."""
        async with self._reading() as db:
            rows = await db.execute_fetchall(
                "SELECT state, count(*) FROM deliveries GROUP BY state"
            )
        counts = {state.value: 0 for state in DeliveryState}
        counts.update({r[0]: int(r[1]) for r in rows})
        return counts

"""The outbox: deliveries the sender drains, and how each attempt went.

Several processes sharing a PostgreSQL database all send (issue 15): the sender asks
``claim_deliveries``, which claims the channels it returns deliveries of, as ``due_sources``
claims sources (``_leases``). A channel lease (``channel_leases``: the process, and until
when) is taken only where it is free or expired, in one statement that locks the rows it
takes ``FOR UPDATE SKIP LOCKED``, so two senders asking at once take different channels and
never wait for each other; one channel's deliveries are sent by one process at a time, in
order. The sender's next ask renews the leases of the channels it is still draining and ends
those of the channels it has finished, so a channel belongs to no process between bursts
and whichever asks first sends the next. A killed process's channels are taken over once
their leases expire, at most one lease later; what it left unsure is settled by the nonce
and the channel's history, as after a restart. ``mark_attempt`` refuses a channel another
process has taken meanwhile (a sender stalled past its lease), so two processes never send
one channel's deliveries at once. SQLite has one process per file (its lock): there
``claim_deliveries`` only reads, and nothing writes a lease.

Each claim takes at most its share of the free channels owed (their number divided by the
processes alive, by the registry's heartbeats), so that one process does not take a whole
burst and send it alone at its part of Discord's global limit while the others idle.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

from bot.model import Delivery, DeliveryState, OutboxStatus
from bot.store import _rows
from bot.store._base import StoreBase, opt_from_db, to_db
from bot.store._dialect import Raw
from bot.store._leases import ProcessId

#: the deliveries owed now, on ``d`` (parameters: ?1 now; the channel condition given as
#: ``channels`` uses ?2)
_OWED = (
    "d.state = 'pending' AND d.next_attempt_at <= ?1 AND d.channel_id {channels}"
    # Not a join to the subscription: PostgreSQL's statistics of a table that has just grown
    # (a fresh database's first bursts) can say it holds a few rows, and the planner then
    # compared every owed delivery with every subscription (2 million pairs, 0.7 s a claim,
    # and more each burst: bench/RESULTS.md). Paused subscriptions are few, whatever the plan.
    " AND NOT EXISTS (SELECT 1 FROM subscriptions p WHERE p.id = d.subscription_id"
    " AND p.paused_reason IS NOT NULL)"
    # A channel waiting to retry an older delivery waits whole: a newer one must never
    # overtake it.
    " AND NOT EXISTS (SELECT 1 FROM deliveries w WHERE w.channel_id = d.channel_id"
    " AND w.state = 'pending' AND w.next_attempt_at > ?1 AND w.id < d.id)"
)

#: claims the free or expired leases of the first ?5 of the channels given (a JSON array: ?1)
#: that no other sender is claiming; ?2 now, ?3 this process, ?4 its lease's end
_CLAIM_CHANNELS = (
    "WITH free AS (SELECT c.channel_id FROM channel_leases c"
    " WHERE c.channel_id IN ({channels}) AND (c.leased_by IS NULL OR c.lease_until <= ?2)"
    " ORDER BY c.channel_id LIMIT ?5 FOR UPDATE SKIP LOCKED)"
    " UPDATE channel_leases c SET leased_by = ?3, lease_until = ?4 FROM free"
    " WHERE c.channel_id = free.channel_id RETURNING c.channel_id"
)


class OutboxMixin(StoreBase):
    #: set by Store.open: this process, its lease, whether it claims (bot.store._leases)
    _process: ProcessId
    _lease: timedelta
    _claims: bool

    async def pending_deliveries(
        self, now: datetime, limit: int = 500, *, skip_channels: Collection[int] = ()
    ) -> list[Delivery]:
        """Deliveries due now, by channel then id (the order they were queued in); a channel
        whose oldest pending delivery waits for a retry gives none. Only reads: the sender
        asks ``claim_deliveries``.

        ``skip_channels``: channels the sender is draining already; leaving them out spends the
        limit on the others, so a long backlog in one channel cannot hide every other channel.
        """
        async with self._reading() as db:
            return await db.run(lambda raw: _pending(raw, now, limit, skip_channels))

    async def claim_deliveries(
        self, now: datetime, limit: int = 500, *, in_flight: Collection[int] = ()
    ) -> list[Delivery]:
        """What this process sends now: ``pending_deliveries`` of the channels it holds.

        ``in_flight``: the channels the sender is draining; their leases are renewed (at most
        every third of a lease) and they are left out, and every other channel this process
        held is let go. On PostgreSQL whole channels are claimed, as many as hold ``limit``
        deliveries, for this process until now + the lease (see the module docstring), and
        every delivery owed to them is returned; on SQLite this is ``pending_deliveries``.
        """
        if not self._claims:
            return await self.pending_deliveries(now, limit, skip_channels=in_flight)
        flying = json.dumps(sorted(in_flight))
        until = to_db(now + self._lease)
        me = self._process.id

        def claim(raw: Raw) -> list[Delivery]:
            raw.execute(
                "UPDATE channel_leases SET lease_until = ? WHERE leased_by = ?"
                f" AND lease_until < ? AND channel_id IN ({raw.dialect.int_list('?')})",
                (until, me, to_db(now + self._lease * 2 / 3), flying),
            )
            raw.execute(
                "UPDATE channel_leases SET leased_by = NULL, lease_until = NULL"
                f" WHERE leased_by = ? AND channel_id NOT IN ({raw.dialect.int_list('?')})",
                (me, flying),
            )
            owed = _free_channels(raw, now, flying)
            if not owed:
                return []
            # A channel's first delivery makes its lease row; a row another sender is making
            # at this moment is waited for (a few statements), then left as that sender's.
            raw.executemany("INSERT INTO channel_leases (channel_id) VALUES (?)"
                            " ON CONFLICT (channel_id) DO NOTHING", [(c,) for c in owed])
            [alive] = raw.execute("SELECT count(*) FROM processes WHERE heartbeat_at > ?",
                                  (to_db(now - self._lease),)).fetchone()
            # This process's share of a burst, so that every process sends part of it, each
            # paced to its part of Discord's global limit; the others claim the rest when they
            # next ask (every second), and a process alone takes it all.
            share = -(-len(owed) // max(int(alive), 1))
            held = [int(r[0]) for r in raw.execute(
                _CLAIM_CHANNELS.format(channels=raw.dialect.int_list("?1")),
                (json.dumps(sorted(owed)), to_db(now), me, until,
                 min(_enough(owed, limit), share)),
            )]
            if not held:
                return []
            return _pending(raw, now, sum(owed[c] for c in held), held, only=True)

        async with self._writing() as db:
            return await db.run(claim)

    async def mark_attempt(self, delivery_ids: Sequence[int], nonce: str, now: datetime) -> bool:
        """Recorded before a send: after a crash the batch goes again with the same nonce.

        False, and nothing recorded, when another process holds the deliveries' channel now
        (this one's lease ran out while it waited, and the other claimed it): the batch is
        that process's to send. Otherwise the channel's lease runs for another lease.
        """
        ids = json.dumps(list(delivery_ids))

        def set_nonce(raw: Raw) -> None:
            _update_listed(raw, "UPDATE deliveries SET nonce = ?, last_attempt_at = ?"
                           " WHERE id IN ({ids})", (nonce, to_db(now)), ids)

        if not self._claims or not delivery_ids:
            await self._in_group(set_nonce)
            return True
        me, first = self._process.id, delivery_ids[0]

        def attempt(raw: Raw) -> bool:
            taken = raw.execute(
                "INSERT INTO channel_leases (channel_id, leased_by, lease_until)"
                " SELECT channel_id, ?1, ?2 FROM deliveries WHERE id = ?3"
                " ON CONFLICT (channel_id) DO UPDATE SET leased_by = excluded.leased_by,"
                " lease_until = excluded.lease_until WHERE channel_leases.leased_by = ?1"
                " OR channel_leases.leased_by IS NULL OR channel_leases.lease_until <= ?4",
                (me, to_db(now + self._lease), first, to_db(now)),
            ).rowcount
            if taken:
                set_nonce(raw)
            return bool(taken)

        return await self._in_group(attempt)

    async def mark_sent(
        self, delivery_ids: Sequence[int], message_id: int | None, now: datetime
    ) -> None:
        """Posted (``message_id`` None: found already posted, message unknown)."""
        await self._mark(
            "UPDATE deliveries SET state = 'sent', message_id = ?, sent_at = ?,"
            " last_error = NULL WHERE id IN ({ids})",
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
        await self._mark(
            "UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
            " WHERE id IN ({ids}) AND state = 'pending'",
            (error, to_db(next_attempt_at)), delivery_ids,
        )

    async def mark_failed(self, delivery_ids: Sequence[int], error: str) -> None:
        """Given up on; kept (until pruned) so /source list and the logs can say why."""
        await self._mark(
            "UPDATE deliveries SET state = 'failed', attempts = attempts + 1, last_error = ?"
            " WHERE id IN ({ids}) AND state = 'pending'",
            (error,), delivery_ids,
        )

    async def _mark(
        self, sql: str, values: tuple[object, ...], delivery_ids: Sequence[int]
    ) -> None:
        """``_update_listed`` in one trip, committed with whatever other marks arrive
        meanwhile (a sender marks 50 messages a second, each channel on its own)."""
        ids = json.dumps(list(delivery_ids))
        await self._in_group(lambda raw: _update_listed(raw, sql, values, ids))

    async def outbox_depth(self) -> int:
        """How many deliveries are waiting (due now or later)."""
        async with self._reading() as db:
            rows = await db.execute_fetchall(
                "SELECT count(*) FROM deliveries WHERE state = 'pending'"
            )
        return int(rows[0][0])

    async def outbox_status(self, now: datetime) -> OutboxStatus:
        """The deliveries waiting at ``now``: how many, how many are due, the oldest's age."""
        async with self._reading() as db:
            rows = await db.execute_fetchall(
                "SELECT count(*), coalesce(sum(CASE WHEN next_attempt_at <= ? THEN 1 END), 0),"
                " min(created_at) FROM deliveries WHERE state = 'pending'", (to_db(now),),
            )
        return OutboxStatus(int(rows[0][0]), int(rows[0][1]), opt_from_db(rows[0][2]))

    async def delivery_counts(self) -> dict[str, int]:
        """Deliveries by state; every state is present, zero or not."""
        async with self._reading() as db:
            rows = await db.execute_fetchall(
                "SELECT state, count(*) FROM deliveries GROUP BY state"
            )
        counts = {state.value: 0 for state in DeliveryState}
        counts.update({r[0]: int(r[1]) for r in rows})
        return counts


def _free_channels(raw: Raw, now: datetime, skipped: str) -> dict[int, int]:
    """The channels owed deliveries now that no process holds, but those in ``skipped`` (a
    JSON array), each with how many it is owed. Every one is offered to the claim, which
    takes the first it can lock: two senders asking at once then take different channels,
    where offering each only as many as its limit would hand both the same few."""
    owed = _OWED.format(channels=f"NOT IN ({raw.dialect.int_list('?2')})")
    return {int(channel_id): int(count) for channel_id, count in raw.execute(
        f"SELECT d.channel_id, count(*) FROM deliveries d WHERE {owed}"
        " AND NOT EXISTS (SELECT 1 FROM channel_leases c WHERE c.channel_id = d.channel_id"
        " AND c.leased_by IS NOT NULL AND c.lease_until > ?1)"
        " GROUP BY d.channel_id",
        (to_db(now), skipped),
    )}


def _update_listed(raw: Raw, sql: str, values: tuple[object, ...], ids: str) -> None:
    """``sql`` with ``values``, the deliveries listed in ``ids`` (a JSON array) where it says
    ``{ids}``: one statement, however many."""
    raw.execute(sql.format(ids=raw.dialect.int_list("?")), (*values, ids))


def _enough(owed: dict[int, int], limit: int) -> int:
    """How many channels to claim: in channel order, as many as hold ``limit`` deliveries
    (the last may pass it, a channel being claimed whole), judged by the first ones offered
    (a claim that skips some may hold fewer)."""
    total = 0
    for taken, channel_id in enumerate(sorted(owed)):
        if total >= limit:
            return taken
        total += owed[channel_id]
    return len(owed)


def _pending(
    raw: Raw, now: datetime, limit: int, channels: Collection[int], *, only: bool = False
) -> list[Delivery]:
    """``pending_deliveries``: of the ``channels`` given if ``only``, else of every other."""
    # One JSON parameter, whatever the number of channels (no 999-variable limit).
    listed = raw.dialect.int_list("?2")
    owed = _OWED.format(channels=f"IN ({listed})" if only else f"NOT IN ({listed})")
    rows = raw.execute(
        f"SELECT {_rows.DELIVERY_COLUMNS} FROM deliveries d"
        " JOIN subscriptions sub ON sub.id = d.subscription_id"
        " JOIN updates u ON u.id = d.update_id"
        " JOIN sources src ON src.id = u.source"
        f" WHERE {owed} ORDER BY d.channel_id, d.id LIMIT ?3",
        (to_db(now), json.dumps(sorted(channels)), max(limit, 0)),
    ).fetchall()
    return [_rows.delivery(r) for r in rows]

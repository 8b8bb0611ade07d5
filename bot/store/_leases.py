"""Leases: which process polls which source, when several processes share one database.

Each store is one process, known by an id made when the store opens: host, pid, start time
and a random part (pids are reused, and containers share host names). On PostgreSQL
(``Dialect.claims``) ``due_sources`` claims what it returns: the due sources whose lease is
free or expired get ``leased_by`` = this process and ``lease_until`` = now + the lease, in
one statement that locks the rows it takes ``FOR UPDATE SKIP LOCKED``, so two processes
claiming at once take different sources and never wait for each other. A source still
leased is being polled (by this process or another), so it is not due again.
While a poll runs, the scheduler's tick renews the lease (``renew_leases``), so a slow poll
keeps its source; the write of the poll's outcome ends the lease, and moves the source's next
poll time on, so whichever process asks first when it is due again polls it. A killed
process's sources are taken over once its leases expire, one lease at most; a process that
closes its store frees its leases at once. SQLite has one process per file (its lock): there
``due_sources`` only reads, and nothing here writes.

The registry: each process's row in ``processes`` (host, pid, started, last heartbeat),
written with its first claim or renewal and renewed with its leases, deleted on close; a
row whose heartbeat is older than a lease is a process that died. PostgreSQL only, as the
leases.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.model import ProcessStatus, SourceState
from bot.store import _rows
from bot.store._base import StoreBase, from_db, to_db
from bot.store._dialect import Raw

#: how long a claimed source stays a process's without renewal (bot.toml ``[database] lease``)
DEFAULT_LEASE = timedelta(seconds=30)
#: a process whose heartbeat is this many leases old is dead for good: its row is dropped
FORGET_AFTER_LEASES = 20

_DUE = "s.enabled = 1 AND s.disabled_reason IS NULL AND s.next_poll_at <= ?1"

_CLAIM = (
    f"WITH due AS (SELECT s.id FROM sources s WHERE {_DUE}"
    " AND (s.leased_by IS NULL OR s.lease_until <= ?1)"
    " ORDER BY s.next_poll_at, s.id LIMIT ?4 FOR UPDATE SKIP LOCKED)"
    " UPDATE sources s SET leased_by = ?2, lease_until = ?3 FROM due WHERE s.id = due.id"
    f" RETURNING {_rows.SOURCE_STATE_COLUMNS}"
)


@dataclass(frozen=True, slots=True)
class ProcessId:
    """This process, as the registry and the leases name it."""

    #: host/pid/started/random: unique even where pids and host names repeat
    id: str
    host: str
    pid: int
    started: datetime
    #: the Discord shards it connects, as shown ("0,1 of 4"); None: every shard
    shards: str | None = None

    @classmethod
    def of_this_process(cls, now: datetime, shards: str | None = None) -> ProcessId:
        host, pid = socket.gethostname(), os.getpid()
        return cls(f"{host}/{pid}/{to_db(now)}/{secrets.token_hex(4)}", host, pid, now, shards)


class LeasesMixin(StoreBase):
    #: set by Store.open
    _process: ProcessId
    _lease: timedelta
    #: due_sources claims (Dialect.claims), unless the store is read-only: it polls nothing
    _claims: bool
    #: when this process's heartbeat was last written; None: never, it has no row
    _renewed_at: datetime | None = None

    async def due_sources(self, now: datetime, limit: int = 1000) -> list[SourceState]:
        """Sources to poll now, the longest overdue first; on PostgreSQL, claimed for this
        process until now + the lease (see the module docstring)."""
        if not self._claims:
            async with self._reading() as db:
                rows = await db.execute_fetchall(
                    f"SELECT {_rows.SOURCE_STATE_COLUMNS} FROM sources s WHERE {_DUE}"
                    " ORDER BY s.next_poll_at, s.id LIMIT ?2",
                    (to_db(now), max(limit, 0)),
                )
            return [_rows.source_state(r) for r in rows]
        values = (to_db(now), self._process.id, to_db(now + self._lease), max(limit, 0))

        def claim(raw: Raw) -> list[SourceState]:
            self._heartbeat(raw, now)
            states = [_rows.source_state(r) for r in raw.execute(_CLAIM, values).fetchall()]
            # RETURNING keeps no order
            return sorted(states, key=lambda s: (s.next_poll_at, s.source.id))

        async with self._writing() as db:
            claimed = await db.run(claim)
        self._renewed_at = now
        return claimed

    async def renew_leases(self, source_ids: Collection[str], now: datetime) -> None:
        """This process is alive at ``now``: its registry row says so, and its leases on
        ``source_ids`` (the polls in flight) run for another lease. Called at every tick of
        the scheduler, it tries at most every third of a lease: a database that refuses it
        (locked, read-only) is not asked again at every tick, ahead of the polls' records.
        Nothing to do where this store claims nothing (SQLite, or read-only)."""
        if not self._claims:
            self._open_db()  # a closed store says so, as every method does
            return
        if self._renewed_at is not None and (
                self._renewed_at <= now < self._renewed_at + self._lease / 3):
            return
        self._renewed_at = now
        ids = json.dumps(sorted(source_ids))

        def renew(raw: Raw) -> None:
            self._heartbeat(raw, now)
            raw.execute(
                "UPDATE sources SET lease_until = ? WHERE leased_by = ?"
                f" AND id IN ({raw.dialect.text_list('?')})",
                (to_db(now + self._lease), self._process.id, ids),
            )

        async with self._writing() as db:
            await db.run(renew)

    async def processes(self, now: datetime) -> list[ProcessStatus]:
        """Every process in the registry, the first started first, with the sources and
        channels it holds at ``now``; those whose heartbeat is older than a lease are dead
        (their rows are forgotten after FORGET_AFTER_LEASES). Empty on SQLite."""
        async with self._reading() as db:
            rows = await db.execute_fetchall(
                "SELECT p.id, p.host, p.pid, p.started_at, p.heartbeat_at, p.shards,"
                " (SELECT count(*) FROM sources s WHERE s.leased_by = p.id"
                " AND s.lease_until > ?1),"
                " (SELECT count(*) FROM channel_leases c WHERE c.leased_by = p.id"
                " AND c.lease_until > ?1)"
                " FROM processes p ORDER BY p.started_at, p.id", (to_db(now),),
            )
        return [ProcessStatus(r[0], r[1], int(r[2]), from_db(r[3]), from_db(r[4]), r[5],
                              int(r[6]), int(r[7])) for r in rows]

    def _heartbeat(self, raw: Raw, now: datetime) -> None:
        p = self._process
        raw.execute(
            "INSERT INTO processes (id, host, pid, started_at, heartbeat_at, shards)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            " heartbeat_at = excluded.heartbeat_at",
            (p.id, p.host, p.pid, to_db(p.started), to_db(now), p.shards),
        )
        raw.execute("DELETE FROM processes WHERE heartbeat_at < ?",
                    (to_db(now - FORGET_AFTER_LEASES * self._lease),))

    def _release(self, raw: Raw) -> None:
        """On closing (on the connection's thread): this process's row goes, and its leases
        (sources, and the channels it sends to: bot.store._outbox) are freed for another to
        take at once. A database that cannot be written now loses
        nothing: the leases expire on their own."""
        if not self._claims:
            return
        with contextlib.suppress(*raw.dialect.errors):
            for table in ("sources", "channel_leases"):
                raw.execute(f"UPDATE {table} SET leased_by = NULL, lease_until = NULL"
                            " WHERE leased_by = ?", (self._process.id,))
            raw.execute("DELETE FROM processes WHERE id = ?", (self._process.id,))

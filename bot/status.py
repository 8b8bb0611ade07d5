"""`alertbot status`: the bot's processes on one database, and how deep its outbox is.

Read from the database alone, so it answers the same from any host: on PostgreSQL the
processes' registry (bot.store._leases: each process's heartbeat, shards, and the sources and
channels it holds), on SQLite the one process its lock file names (bot.store._file).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.database import Database, SqliteFile
from bot.model import OutboxStatus, ProcessStatus
from bot.store import StoreContract
from bot.store._file import lock_holder


@dataclass(frozen=True, slots=True)
class Status:
    database: Database
    #: the processes alive, the first started first
    alive: list[ProcessStatus]
    #: processes whose heartbeat is older than a lease: killed, or cut off from the database
    dead: list[ProcessStatus]
    outbox: OutboxStatus
    now: datetime


async def read_status(
    store: StoreContract, database: Database, now: datetime, lease: timedelta
) -> Status:
    """What `alertbot status` shows; ``lease``: a process silent longer than this is dead."""
    processes = await store.processes(now)
    if isinstance(database, SqliteFile):
        holder = await asyncio.to_thread(lock_holder, database.path)
        if holder is not None:
            processes = [ProcessStatus(f"{holder.host}/{holder.pid}", holder.host, holder.pid,
                                       holder.since, None, None, None, None)]
    alive = [p for p in processes if p.heartbeat is None or now - p.heartbeat <= lease]
    dead = [p for p in processes if p not in alive]
    return Status(database, alive, dead, await store.outbox_status(now), now)


def as_json(status: Status) -> dict[str, Any]:
    oldest = status.outbox.oldest
    return {
        "database": status.database.shown,
        "processes": [_process_json(p, status.now) for p in status.alive],
        "dead": [_process_json(p, status.now) for p in status.dead],
        "outbox": {
            "pending": status.outbox.pending,
            "due": status.outbox.due,
            "oldest_at": None if oldest is None else oldest.isoformat(),
            "oldest_age_s": None if oldest is None else _seconds(status.now - oldest),
        },
    }


def _process_json(p: ProcessStatus, now: datetime) -> dict[str, Any]:
    return {
        "id": p.id, "host": p.host, "pid": p.pid, "started": p.started.isoformat(),
        "heartbeat": None if p.heartbeat is None else p.heartbeat.isoformat(),
        "heartbeat_age_s": None if p.heartbeat is None else _seconds(now - p.heartbeat),
        "shards": p.shards, "sources": p.sources, "channels": p.channels,
    }


def as_text(status: Status) -> str:
    lines = [f"database: {status.database.shown}",
             f"processes alive: {len(status.alive)}"]
    lines += [f"  {_process_line(p, status.now)}" for p in status.alive]
    if status.dead:
        lines.append(f"processes silent for longer than a lease (dead): {len(status.dead)}")
        lines += [f"  {_process_line(p, status.now)}" for p in status.dead]
    box = status.outbox
    oldest = "" if box.oldest is None else (
        f", the oldest queued {_age(status.now - box.oldest)} ago")
    lines.append(f"outbox: {box.pending} pending, {box.due} due now{oldest}")
    return "\n".join(lines)


def _process_line(p: ProcessStatus, now: datetime) -> str:
    beat = ("heartbeat: none (SQLite: one process, its lock held)" if p.heartbeat is None
            else f"heartbeat {_age(now - p.heartbeat)} ago")
    holds = ("polls every source and sends every channel" if p.sources is None
             else f"{p.sources} sources leased, {p.channels} channels claimed")
    return (f"pid {p.pid} on {p.host}, started {p.started.isoformat(timespec='seconds')}, "
            f"{beat}, shards {p.shards or 'all'}; {holds}")


def _seconds(delta: timedelta) -> float:
    return round(delta.total_seconds(), 1)


def _age(delta: timedelta) -> str:
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h"

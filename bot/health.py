"""Is the bot alive and doing its job? Facts the running bot records, and the verdict on them.

The running bot keeps a `HealthRecorder`: the gateway's state (from discord.py's events), the
last poll cycle (each scheduler tick that read the due sources) and the last send. It writes
them to ``bot_state`` at most once per `WRITE_EVERY` (a gateway change at once), so that
``alertbot health``, a separate process started by a supervisor or Docker's HEALTHCHECK, can
read them; ``GET /healthz`` judges the same facts from memory. `judge` is pure: facts, now and a
maximum age in, a verdict out.

A fact is stale when it is older than ``max_age``: no heartbeat (the process is gone or stuck),
no poll cycle (the scheduler stopped), the gateway down for longer than that (discord.py
reconnects by itself; a short drop is not a failure), or deliveries waiting longer than that
while nothing was sent (a quiet bot with nothing owed is healthy however long ago it sent).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from bot.model import Source
from bot.store import StoreContract, StoreError
from bot.store._base import from_db, to_db

log = logging.getLogger(__name__)

#: the longest the recorded facts lag behind the bot (but a gateway change is written at once)
WRITE_EVERY = timedelta(seconds=30)
#: the default max age is never below this: four writes of the heartbeat
MIN_MAX_AGE_S = 120

HEARTBEAT = "health.heartbeat_at"
GATEWAY_CONNECTED = "gateway.connected"
GATEWAY_SINCE = "gateway.since"
POLL_CYCLE = "poll.cycle_at"
LAST_SEND = "send.last_at"
MAX_AGE = "health.max_age_s"
KEYS = (HEARTBEAT, GATEWAY_CONNECTED, GATEWAY_SINCE, POLL_CYCLE, LAST_SEND, MAX_AGE)


def default_max_age_s(sources: Iterable[Source]) -> int:
    """Twice the shortest poll interval of the enabled sources, at least `MIN_MAX_AGE_S`."""
    intervals = [s.interval for s in sources if s.enabled]
    return max(MIN_MAX_AGE_S, 2 * min(intervals, default=0))


@dataclass(frozen=True, slots=True)
class Facts:
    heartbeat_at: datetime | None = None
    #: None: the gateway never connected
    connected: bool | None = None
    #: when the gateway last connected or dropped
    gateway_since: datetime | None = None
    poll_cycle_at: datetime | None = None
    last_send_at: datetime | None = None
    #: what the bot says its max age is (from its poll intervals)
    max_age_s: int | None = None
    pending: int = 0
    oldest_pending_at: datetime | None = None

    def state(self) -> dict[str, str]:
        """As ``bot_state`` rows (the outbox figures are read from the outbox instead)."""
        values = {HEARTBEAT: self.heartbeat_at, GATEWAY_SINCE: self.gateway_since,
                  POLL_CYCLE: self.poll_cycle_at, LAST_SEND: self.last_send_at}
        rows = {key: to_db(when) for key, when in values.items() if when is not None}
        if self.connected is not None:
            rows[GATEWAY_CONNECTED] = "true" if self.connected else "false"
        if self.max_age_s is not None:
            rows[MAX_AGE] = str(self.max_age_s)
        return rows


def facts_from_state(rows: dict[str, str], pending: int,
                     oldest_pending_at: datetime | None) -> Facts:
    def when(key: str) -> datetime | None:
        return from_db(rows[key]) if key in rows else None

    connected = rows.get(GATEWAY_CONNECTED)
    max_age = rows.get(MAX_AGE)
    return Facts(
        heartbeat_at=when(HEARTBEAT),
        connected=None if connected is None else connected == "true",
        gateway_since=when(GATEWAY_SINCE),
        poll_cycle_at=when(POLL_CYCLE),
        last_send_at=when(LAST_SEND),
        max_age_s=int(max_age) if max_age is not None and max_age.isdigit() else None,
        pending=pending,
        oldest_pending_at=oldest_pending_at,
    )


async def read_facts(store: StoreContract) -> Facts:
    pending, oldest = await store.pending_summary()
    return facts_from_state(await store.get_state(KEYS), pending, oldest)


@dataclass(frozen=True, slots=True)
class Verdict:
    healthy: bool
    #: one plain sentence per stale fact; empty when healthy
    problems: tuple[str, ...]
    max_age_s: int


def _age(now: datetime, when: datetime | None) -> float | None:
    return None if when is None else (now - when).total_seconds()


def judge(facts: Facts, now: datetime, max_age_s: int | None = None) -> Verdict:
    """``max_age_s`` None: the bot's own (`default_max_age_s`), else `MIN_MAX_AGE_S`."""
    limit = max_age_s or facts.max_age_s or MIN_MAX_AGE_S
    problems: list[str] = []

    def stale(when: datetime | None) -> bool:
        age = _age(now, when)
        return age is None or age > limit

    if stale(facts.heartbeat_at):
        problems.append("the bot is not running (no heartbeat within the max age)"
                        if facts.heartbeat_at else "the bot has never run on this database")
    else:
        if facts.connected is not True and stale(facts.gateway_since):
            problems.append("the Discord gateway is not connected")
        if stale(facts.poll_cycle_at):
            problems.append("no poll cycle within the max age")
        if (facts.pending and stale(facts.oldest_pending_at)
                and stale(facts.last_send_at)):
            problems.append(f"{facts.pending} deliveries waiting and nothing sent within the "
                            "max age")
    return Verdict(not problems, tuple(problems), limit)


def _iso(when: datetime | None) -> str | None:
    return None if when is None else when.isoformat(timespec="seconds")


def as_json(facts: Facts, verdict: Verdict, now: datetime) -> dict[str, Any]:
    return {
        "healthy": verdict.healthy,
        "problems": list(verdict.problems),
        "max_age_s": verdict.max_age_s,
        "checked_at": _iso(now),
        "heartbeat_at": _iso(facts.heartbeat_at),
        "gateway": {"connected": bool(facts.connected), "since": _iso(facts.gateway_since)},
        "last_poll_cycle_at": _iso(facts.poll_cycle_at),
        "last_send_at": _iso(facts.last_send_at),
        "pending_deliveries": facts.pending,
        "oldest_pending_at": _iso(facts.oldest_pending_at),
    }


def as_text(facts: Facts, verdict: Verdict, now: datetime) -> str:
    def ago(when: datetime | None) -> str:
        age = _age(now, when)
        return "never" if when is None or age is None else f"{_iso(when)} ({age:.0f} s ago)"

    state = {True: "connected", False: "disconnected", None: "never connected"}[facts.connected]
    head = "healthy" if verdict.healthy else "unhealthy: " + "; ".join(verdict.problems)
    return "\n".join([
        head,
        f"  gateway:         {state} since {ago(facts.gateway_since)}",
        f"  last poll cycle: {ago(facts.poll_cycle_at)}",
        f"  last send:       {ago(facts.last_send_at)}; {facts.pending} deliveries waiting",
        f"  heartbeat:       {ago(facts.heartbeat_at)} (max age {verdict.max_age_s} s)",
    ])


@dataclass
class HealthRecorder:
    """The running bot's facts, in memory, written to the store now and then (see module doc).

    Every hook is synchronous and cheap (discord.py's event handlers and the sender call them);
    a write, when one is due, runs as a task of its own.
    """

    store: StoreContract
    clock: Callable[[], datetime]
    max_age_s: int
    facts: Facts = field(init=False)
    _written_at: datetime | None = field(default=None, init=False)
    _writing: asyncio.Task[None] | None = field(default=None, init=False)
    _dirty: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self.facts = Facts(max_age_s=self.max_age_s)

    def gateway(self, connected: bool) -> None:
        if self.facts.connected is connected:
            return
        self.facts = replace(self.facts, connected=connected, gateway_since=self.clock())
        self._write(at_once=True)

    async def on_connected(self) -> None:
        """discord.py's on_ready and on_resumed (its listeners are coroutines)."""
        self.gateway(True)

    async def on_disconnected(self) -> None:
        self.gateway(False)

    def poll_cycle(self) -> None:
        self.facts = replace(self.facts, poll_cycle_at=self.clock())
        self._write()

    def sent(self, at: datetime) -> None:
        self.facts = replace(self.facts, last_send_at=at)

    def _write(self, *, at_once: bool = False) -> None:
        now = self.clock()
        if not at_once and self._written_at is not None and now - self._written_at < WRITE_EVERY:
            return
        if self._writing is not None and not self._writing.done():
            self._dirty = True  # one write at a time; the next picks up what changed meanwhile
            return
        self._written_at = now
        self.facts = replace(self.facts, heartbeat_at=now)
        self._writing = asyncio.ensure_future(self._store(self.facts))

    async def _store(self, facts: Facts) -> None:
        try:
            await self.store.set_state(facts.state())
        except StoreError as e:
            # The poll loop and the sender already report a database in trouble, loudly.
            log.debug("health facts not recorded: %s", e)
        if self._dirty:
            self._dirty = False
            self._written_at = None
            self._write()

    async def close(self) -> None:
        """Wait for the write in flight, then record the gateway as down: the bot is stopping."""
        if self._writing is not None:
            await asyncio.gather(self._writing, return_exceptions=True)
        self.facts = replace(self.facts, connected=False, gateway_since=self.clock())
        try:
            await self.store.set_state(self.facts.state())
        except StoreError as e:
            log.debug("health facts not recorded: %s", e)

    async def verdict(self, max_age_s: int | None = None) -> tuple[Facts, Verdict]:
        """For /healthz: the facts in memory (fresher than the store's), the outbox read now."""
        pending, oldest = await self.store.pending_summary()
        facts = replace(self.facts, heartbeat_at=self.clock(), pending=pending,
                        oldest_pending_at=oldest)
        return facts, judge(facts, self.clock(), max_age_s or self.max_age_s)

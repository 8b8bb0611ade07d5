"""What every benchmark shares: the feed server and the fake Discord in their own processes, and
the arithmetic of repeated measurements.

Servers run in separate processes (``spawn``) so that their CPU is not charged to the client under
test; the bench talks to each over a pipe with small commands. Everything listens on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import multiprocessing.connection
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Self

from bench import feeds

_SPAWN = multiprocessing.get_context("spawn")


class CpuMeter:
    """CPU seconds used between ``start`` and ``stop``: the calling thread's and the whole
    process's (the rest is other threads: the store's database thread, for the bot)."""

    def __init__(self) -> None:
        self.thread_s = self.process_s = 0.0

    def __enter__(self) -> CpuMeter:
        self._thread = time.thread_time()
        self._process = time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.thread_s = time.thread_time() - self._thread
        self.process_s = time.process_time() - self._process


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


class _Child:
    """A server process driven by ``(op, *args)`` messages; each call waits for its answer."""

    def __init__(self, target: Callable[[multiprocessing.connection.Connection], None]) -> None:
        self._conn, child = _SPAWN.Pipe()
        self._process = _SPAWN.Process(target=target, args=(child,), daemon=True)
        self._process.start()
        child.close()

    def call(self, op: str, *args: Any) -> Any:
        self._conn.send((op, *args))
        while not self._conn.poll(1.0):
            if not self._process.is_alive():
                raise RuntimeError(f"the server process died (exit code "
                                   f"{self._process.exitcode}) during {op}")
        ok, value = self._conn.recv()
        if not ok:
            raise RuntimeError(f"the {op} command failed in the server process:\n{value}")
        return value

    def stop(self) -> None:
        with contextlib.suppress(EOFError, BrokenPipeError, OSError, RuntimeError):
            self.call("stop")
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _serve(conn: multiprocessing.connection.Connection, make: Callable[[], Any]) -> None:
    """Run a server's commands as they come, on its event loop, until "stop"."""

    async def main() -> None:
        server = make()
        await server.start()
        loop = asyncio.get_running_loop()
        stopped = asyncio.Event()
        busy = asyncio.Lock()
        running: set[asyncio.Task[None]] = set()

        async def run(message: tuple[Any, ...]) -> None:
            op, *args = message
            async with busy:
                try:
                    if op == "stop":
                        await server.close()
                        result: Any = None
                        stopped.set()
                    else:
                        outcome = getattr(server, "op_" + op)(*args)
                        result = await outcome if asyncio.iscoroutine(outcome) else outcome
                except Exception:
                    import traceback

                    conn.send((False, traceback.format_exc()))
                    return
                conn.send((True, result))

        def readable() -> None:
            try:
                message = conn.recv()
            except EOFError:
                stopped.set()
                return
            task = loop.create_task(run(message))
            running.add(task)
            task.add_done_callback(running.discard)

        loop.add_reader(conn.fileno(), readable)
        await stopped.wait()
        loop.remove_reader(conn.fileno())

    asyncio.run(main())


# -- the feed server --------------------------------------------------------------------------


@dataclass
class _Lane:
    """One client's view of the sources: its own URL prefix and its own feed versions."""

    pool: int
    versions: list[int] = field(default_factory=list)


class _FeedServerState:
    """Lives in the feed server process: serves ``/<lane>/feeds/<index>.xml``.

    Lanes let several clients (ours, the floor, reader) meet the same sources in the same state
    and the same changes, each from its own starting point, without restarting anything. Source
    ``j`` of a lane serves generated feed ``j % pool`` at the lane's version for ``j``.
    """

    def __init__(self, seed: int) -> None:
        from tests.fakes.feed_server import FeedServer

        self._seed = seed
        self._server = FeedServer()
        self._lanes: dict[str, _Lane] = {}
        self._bodies: dict[tuple[int, int], bytes] = {}

    async def start(self) -> None:
        await self._server.start()

    async def close(self) -> None:
        await self._server.close()

    def op_url(self) -> str:
        return self._server.base_url

    def _body(self, index: int, version: int) -> bytes:
        key = (index, version)
        if key not in self._bodies:
            self._bodies[key] = feeds.body(index, version, self._seed)
        return self._bodies[key]

    def _publish(self, lane_name: str, j: int) -> None:
        lane = self._lanes[lane_name]
        index = j % lane.pool
        validators = feeds.shape(index).validators
        self._server.set(f"/{lane_name}{feeds.path(j)}", self._body(index, lane.versions[j]),
                         etag=validators)

    def op_lane(self, name: str, count: int, pool: int) -> None:
        """Create (or grow) a lane of ``count`` sources; new ones copy their pool feed's version."""
        lane = self._lanes.setdefault(name, _Lane(pool))
        for j in range(len(lane.versions), count):
            base = j % pool
            lane.versions.append(lane.versions[base] if base < len(lane.versions) else 0)
            self._publish(name, j)

    def op_advance(self, name: str, indices: list[int]) -> float:
        """Give each source one more version; returns the wall-clock time the change went live."""
        lane = self._lanes[name]
        for j in indices:
            lane.versions[j] += 1
            self._publish(name, j)
        return time.time()

    def op_versions(self, name: str) -> list[int]:
        return list(self._lanes[name].versions)

    def op_restore(self, name: str, versions: list[int]) -> None:
        """Put a lane back as it was (a copied database expects exactly those feeds); sources
        past ``versions`` go, and ``lane`` grows the lane again from there."""
        lane = self._lanes[name]
        del lane.versions[len(versions):]
        for j, version in enumerate(versions):
            if lane.versions[j] != version:
                lane.versions[j] = version
                self._publish(name, j)


def _feed_server_main(conn: multiprocessing.connection.Connection, seed: int) -> None:
    _serve(conn, lambda: _FeedServerState(seed))


class FeedServerProcess(_Child):
    """The generated feeds, served over real HTTP from another process."""

    def __init__(self, seed: int = 1) -> None:
        super().__init__(_FeedTarget(seed))
        self.base_url: str = self.call("url")

    def lane(self, name: str, count: int, pool: int) -> list[str]:
        """Create a lane; returns the URL of each of its sources."""
        self.call("lane", name, count, pool)
        return [f"{self.base_url}/{name}{feeds.path(j)}" for j in range(count)]

    def advance(self, name: str, indices: list[int]) -> float:
        return float(self.call("advance", name, indices))

    def versions(self, name: str) -> list[int]:
        return list(self.call("versions", name))

    def restore(self, name: str, versions: list[int]) -> None:
        self.call("restore", name, versions)


@dataclass(frozen=True)
class _FeedTarget:
    seed: int

    def __call__(self, conn: multiprocessing.connection.Connection) -> None:
        _feed_server_main(conn, self.seed)


def round_changes(round_no: int, count: int, seed: int = 1, share: float = 0.05) -> list[int]:
    """The sources that change in a round: ``share`` of all, drawn among those with validators.

    Drawn per block of 200 sources, so any prefix of whole blocks has the same mix as the whole.
    """
    block = 200
    chosen: list[int] = []
    for start in range(0, count, block):
        stop = min(start + block, count)
        candidates = [j for j in range(start, stop) if feeds.shape(j).validators]
        chosen += feeds.changed_sources(round_no * 100_003 + start, candidates,
                                        round((stop - start) * share), seed)
    return chosen


# -- the fake Discord -------------------------------------------------------------------------


class _FakeDiscordState:
    """Lives in the fake Discord's process: a world of guilds and channels, and what arrived."""

    def __init__(self) -> None:
        from tests.fakes.discord import FakeDiscord, RateLimits

        self._fake = FakeDiscord(rate_limits=RateLimits(), patience=60)
        self.limited: list[tuple[float, str]] = []
        limiter = self._fake.rest.limiter
        assert limiter is not None
        admit = limiter.admit

        def admit_and_log(method: str, template: str, major: str, *,
                          counts_globally: bool) -> Any:
            answer, headers = admit(method, template, major, counts_globally=counts_globally)
            if answer is not None:
                scope = answer.headers.get("X-RateLimit-Scope", "")
                reset = answer.headers.get("X-RateLimit-Reset", "")
                # One window of one bucket: the first 429 in it is the one a client may meet.
                where = "global" if scope == "global" else f"{method} {template} {major}"
                self.limited.append((time.time(), f"{where} until {reset}"))
            return answer, headers

        limiter.admit = admit_and_log  # type: ignore[method-assign]

    async def start(self) -> None:
        await self._fake.start()

    async def close(self) -> None:
        await self._fake.stop()

    def op_address(self) -> tuple[str, str, str]:
        return self._fake.api_base, self._fake.gateway_url, self._fake.token

    def op_world(self, guilds: int, channels_per_guild: int) -> list[tuple[int, int]]:
        """Guilds with text channels (the bot in each); returns (guild id, channel id) pairs."""
        made = []
        for g in range(guilds):
            guild = self._fake.add_guild(f"Newsroom {g}", system_channel=False)
            for c in range(channels_per_guild):
                made.append((guild.id, guild.add_channel(f"alerts-{c}").id))
        return made

    def op_forget(self) -> None:
        """Start counting afresh (messages already posted stay in their channels)."""
        self.limited.clear()

    def op_report(self, channel_ids: list[int]) -> dict[str, Any]:
        """What arrived: per message its channel, arrival time, nonce and embeds' url/text."""
        messages = []
        for channel_id in channel_ids:
            for m in self._fake.messages(channel_id):
                arrived = _epoch(m.timestamp)
                embeds = [(e.get("url"), e.get("description", ""),
                           e.get("footer", {}).get("text", "")) for e in m.embeds]
                messages.append((channel_id, arrived, m.nonce, embeds))
        return {"messages": messages, "limited": list(self.limited),
                "also": self._also_reported(channel_ids),
                "internal_errors": self._fake.internal_errors}

    def _also_reported(self, channel_ids: list[int]) -> list[tuple[int, str]]:
        """Each message's "Also reported by" lines (issue 14's edits), by channel."""
        return [
            (channel_id, field.get("value", ""))
            for channel_id in channel_ids for m in self._fake.messages(channel_id)
            for e in m.embeds for field in e.get("fields", ())
            if field.get("name") == "Also reported by"
        ]


def _epoch(iso: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(iso).timestamp()


def _fake_discord_main(conn: multiprocessing.connection.Connection) -> None:
    _serve(conn, _FakeDiscordState)


class FakeDiscordProcess(_Child):
    """The fake Discord (realistic rate limits on) in another process."""

    def __init__(self) -> None:
        super().__init__(_fake_discord_main)
        self.api_base, self.gateway_url, self.token = self.call("address")

    def point_discord_py_here(self) -> None:
        """discord.py reads one REST base and one gateway URL, both class attributes."""
        import discord
        import yarl
        from discord.gateway import DiscordWebSocket

        discord.http.Route.BASE = self.api_base
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)


def excess_429s(limited: Sequence[tuple[float, str]]) -> int:
    """429s beyond the first of each bucket window: the ones a well-paced client never meets."""
    return len(limited) - len({where for _, where in limited})

"""Keep the sender's posts under Discord's global rate limit instead of bouncing off it.

discord.py paces each route bucket from the headers Discord sends, but the global limit (50
requests per second for a bot) has no headers: discord.py learns of it from a 429 and only then
holds every request. With the sender posting to dozens of channels at once, every second of a
burst then ends in a volley of 429s, one per send in flight, and Discord counts each against the
bot's allowance of invalid requests (10,000 per 10 minutes before a temporary ban). Measured with
bench/delivery_bench.py: 5,000 deliveries to 1,000 channels met about 110 avoidable 429s.

``PacedTransport`` lets at most ``limit`` requests reach Discord in any ``period`` seconds (a
sliding window, so every fixed window Discord may use is respected too).

A request counts from the moment it is let go until ``period`` after its answer came back, not
from the moment it was let go: it reaches Discord somewhere in between, and only then. A process
the kernel does not run for a while (several bot processes on a starved CPU) sends what it had
let go late, when it runs again; counting the requests by when they were let go, it then let a
whole new window's share go beside them, and the fake Discord saw 57 requests in one second
(docs/RELIABILITY.md). Counted this way, a request let go at time t has every request that can
reach Discord within ``period`` of it counted already (in flight, or answered less than
``period`` before t), whatever the delays. So the period is Discord's second itself: the margin
it used to have for a request that spent longer on the way than the one before it (1.05 s) is
in the count now, and it cost the drain 5 % (bench/RESULTS.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from bot.delivery.sender import Outgoing, Transport

#: Discord's global limit for a bot
GLOBAL_LIMIT = 50
#: Discord's global period (a request counts until a period after its answer: no margin needed)
GLOBAL_PERIOD_S = 1.0


class Pace:
    """At most ``limit`` requests in flight or answered in the last ``period`` seconds; callers
    take their turn in order."""

    def __init__(
        self,
        limit: int = GLOBAL_LIMIT,
        period: float = GLOBAL_PERIOD_S,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        if limit <= 0 or period <= 0:
            raise ValueError(f"a pace needs a positive limit and period, not {limit}/{period}")
        self._limit = limit
        self._period = period
        self._clock = clock
        self._sleep = sleep
        self._in_flight = 0
        #: when the requests answered in the last period were answered, oldest first
        self._answered: deque[float] = deque()
        self._one_answered = asyncio.Event()
        self._turn = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Make one request inside this block; it counts until ``period`` after the block."""
        async with self._turn:
            await self._until_free()
            self._in_flight += 1
        try:
            yield
        finally:
            self._in_flight -= 1
            self._answered.append(self._clock())
            self._one_answered.set()

    async def _until_free(self) -> None:
        while True:
            now = self._clock()
            while self._answered and self._answered[0] <= now - self._period:
                self._answered.popleft()
            over = self._in_flight + len(self._answered) - self._limit
            if over < 0:
                return
            if over < len(self._answered):
                # Enough answered requests leave the window before any in flight could. They
                # are counted off, not compared again: a clock in floats may land a hair short
                # of the moment slept to. (Nothing else is let go meanwhile: we hold the turn.)
                await self._sleep(self._answered[over] + self._period - now)
                for _ in range(over + 1):
                    self._answered.popleft()
                return
            self._one_answered.clear()
            await self._one_answered.wait()


class PacedTransport:
    """A Transport whose posts keep to a ``Pace``; everything else goes straight through."""

    def __init__(self, inner: Transport, pace: Pace | None = None) -> None:
        self._inner = inner
        self._pace = pace or Pace()

    async def send(self, outgoing: Outgoing) -> int:
        async with self._pace.turn():
            return await self._inner.send(outgoing)

    async def edit(self, channel_id: int, message_id: int, embeds: list[dict[str, Any]]) -> None:
        # A request against the same global limit as a post: it takes its turn with them.
        async with self._pace.turn():
            await self._inner.edit(channel_id, message_id, embeds)

    async def recent_delivery_ids(self, channel_id: int) -> frozenset[int]:
        return await self._inner.recent_delivery_ids(channel_id)

    async def start_thread(self, channel_id: int, message_id: int, name: str) -> int:
        async with self._pace.turn():
            return await self._inner.start_thread(channel_id, message_id, name)

    async def ping_refusal(self, channel_id: int, role_id: int, set_by: int | None) -> str | None:
        # It may look the member up: a request like any other, so it takes its turn.
        async with self._pace.turn():
            return await self._inner.ping_refusal(channel_id, role_id, set_by)

    async def tell_guild(self, guild_id: int, text: str) -> bool:
        return await self._inner.tell_guild(guild_id, text)

"""Keep the sender's posts under Discord's global rate limit instead of bouncing off it.

discord.py paces each route bucket from the headers Discord sends, but the global limit (50
requests per second for a bot) has no headers: discord.py learns of it from a 429 and only then
holds every request. With the sender posting to dozens of channels at once, every second of a
burst then ends in a volley of 429s, one per send in flight, and Discord counts each against the
bot's allowance of invalid requests (10,000 per 10 minutes before a temporary ban). Measured with
bench/delivery_bench.py: 5,000 deliveries to 1,000 channels met about 110 avoidable 429s.

``PacedTransport`` lets at most ``limit`` sends start in any ``period`` seconds (a sliding
window, so every fixed window Discord may use is respected too). The period has a small margin
over Discord's second so that a request delayed on the way cannot land in the previous window.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

from bot.delivery.sender import Outgoing, Transport

#: Discord's global limit for a bot
GLOBAL_LIMIT = 50
#: one second, plus room for a request that spends longer on the way than the one before it
GLOBAL_PERIOD_S = 1.05


class Pace:
    """At most ``limit`` starts in any ``period`` seconds; callers wait their turn in order."""

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
        self._started: deque[float] = deque(maxlen=limit)
        self._turn = asyncio.Lock()

    async def wait(self) -> None:
        async with self._turn:
            if len(self._started) == self._limit:
                delay = self._started[0] + self._period - self._clock()
                if delay > 0:
                    await self._sleep(delay)
            self._started.append(self._clock())


class PacedTransport:
    """A Transport whose posts keep to a ``Pace``; everything else goes straight through."""

    def __init__(self, inner: Transport, pace: Pace | None = None) -> None:
        self._inner = inner
        self._pace = pace or Pace()

    async def send(self, outgoing: Outgoing) -> int:
        await self._pace.wait()
        return await self._inner.send(outgoing)

    async def edit(self, channel_id: int, message_id: int, embeds: list[dict[str, Any]]) -> None:
        # A request against the same global limit as a post: it takes its turn with them.
        await self._pace.wait()
        await self._inner.edit(channel_id, message_id, embeds)

    async def recent_delivery_ids(self, channel_id: int) -> frozenset[int]:
        return await self._inner.recent_delivery_ids(channel_id)

    async def start_thread(self, channel_id: int, message_id: int, name: str) -> int:
        await self._pace.wait()
        return await self._inner.start_thread(channel_id, message_id, name)

    async def ping_refusal(self, channel_id: int, role_id: int, set_by: int | None) -> str | None:
        # It may look the member up: a request like any other, so it takes its turn.
        await self._pace.wait()
        return await self._inner.ping_refusal(channel_id, role_id, set_by)

    async def tell_guild(self, guild_id: int, text: str) -> bool:
        return await self._inner.tell_guild(guild_id, text)

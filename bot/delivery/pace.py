"""Keep every request the bot makes to Discord under Discord's global rate limit instead of
bouncing off it.

discord.py paces each route bucket from the headers Discord sends, but the global limit (50
requests per second for a bot) has no headers: discord.py learns of it from a 429 and only then
holds every request. With the sender posting to dozens of channels at once, every second of a
burst then ends in a volley of 429s, one per send in flight, and Discord counts each against the
bot's allowance of invalid requests (10,000 per 10 minutes before a temporary ban). Measured with
bench/delivery_bench.py: 5,000 deliveries to 1,000 channels met about 110 avoidable 429s.

``Pace`` lets at most ``limit`` requests reach Discord in any ``period`` seconds (a sliding
window, so every fixed window Discord may use is respected too). ``paced_requests`` puts every
REST request of a discord.py client through it, at the HTTP layer (an aiohttp trace, which
discord.py takes as ``http_trace``): posts and edits, and the requests no sender makes, the
login (``/users/@me``, ``/gateway/bot``, the command check), a channel fetched because it was
not cached, the history read after a takeover, an interaction's follow-ups. A process's part of
the limit then covers everything it asks Discord, so the parts of the bot's processes add up to
at most the limit (``bot.app.global_share``). Pacing only the sends left the rest on top: three
processes pacing their sends to 44 a second together were seen at 53 (docs/RELIABILITY.md).
Interaction callbacks are not counted: Discord exempts them from the global limit, and they
must be answered within 3 seconds, not queued behind a burst.

A request counts from the moment it is let go until ``period`` after its answer came back, not
from the moment it was let go: it reaches Discord somewhere in between, and only then. A process
the kernel does not run for a while (several bot processes on a starved CPU) sends what it had
let go late, when it runs again; counting the requests by when they were let go, it then let a
whole new window's share go beside them, and the fake Discord saw 57 requests in one second
(docs/RELIABILITY.md). Counted this way, a request let go at time t has every request that can
reach Discord within ``period`` of it counted already (in flight, or answered less than
``period`` before t), whatever the delays. So the period is Discord's second itself: the margin
it used to have for a request that spent longer on the way than the one before it (1.05 s) is
in the count now, and it cost the drain 5 % (bench/RESULTS.md). The argument holds for any
moment between a request's leaving and its answer, so also for a fake Discord that stamps a
request late, when its handler runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from types import SimpleNamespace

import aiohttp
import discord
from yarl import URL

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
        spent: bool = False,
    ) -> None:
        """``spent``: start as if ``limit`` requests had just been answered, so that nothing
        goes before a period has passed (a process replacing one that was killed cannot know
        what that one sent in its last second)."""
        if limit <= 0 or period <= 0:
            raise ValueError(f"a pace needs a positive limit and period, not {limit}/{period}")
        self._limit = limit
        self._period = period
        self._clock = clock
        self._sleep = sleep
        self._in_flight = 0
        #: when the requests answered in the last period were answered, oldest first
        self._answered: deque[float] = deque([clock()] * limit if spent else ())
        self._one_answered = asyncio.Event()
        self._turn = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Make one request inside this block; it counts until ``period`` after the block."""
        await self.take()
        try:
            yield
        finally:
            self.answered()

    async def take(self) -> None:
        """Wait for a turn; the request let go now counts until ``answered`` and a period
        after. Cancelled while waiting, it takes nothing."""
        async with self._turn:
            await self._until_free()
            self._in_flight += 1

    def answered(self) -> None:
        """The request of a ``take`` came back, answered or failed."""
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


def counts_globally(url: URL) -> bool:
    """Whether a request to ``url`` counts against the bot's global limit: every request to
    Discord's REST API (``discord.http.Route.BASE``, read at each request: tests point it at
    the fake) but interaction callbacks, which Discord exempts. The gateway's websocket and
    the CDN are not the REST API."""
    return (str(url).startswith(discord.http.Route.BASE)
            and "/interactions/" not in url.path)


def paced_requests(pace: Pace) -> aiohttp.TraceConfig:
    """An aiohttp trace that makes each request to Discord's REST API take its turn in ``pace``
    before it is sent, and count until a period after its answer or failure. Each attempt is
    one request: discord.py's retries after a 429 or a 5xx take a turn each.

    Hand it to a discord.py client as ``http_trace``."""

    async def start(_: aiohttp.ClientSession, request: SimpleNamespace,
                    params: aiohttp.TraceRequestStartParams) -> None:
        if counts_globally(params.url):
            await pace.take()
            request.paced = True

    async def end(_: aiohttp.ClientSession, request: SimpleNamespace, __: object) -> None:
        if getattr(request, "paced", False):
            request.paced = False
            pace.answered()

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(start)
    trace.on_request_end.append(end)
    trace.on_request_exception.append(end)
    return trace

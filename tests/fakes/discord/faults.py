"""Faults on command (``fail_next``, ``stall_next``) and the optional realistic rate limiter.

Route patterns read like ``"POST /channels/{channel_id}/messages"``: an optional method, then a
path under ``/api/v10`` where ``*`` or any ``{name}`` segment matches one segment and anything
else must match exactly (so ``"/channels/123/messages"`` targets one channel).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import math
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from .wire import json_response

Json = dict[str, object]

_HTTP_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
#: Cloudflare adds this; discord.py treats a 429 without ``Via`` as a ban and gives up.
VIA = "1.1 google"

_ERROR_BODIES: dict[int, Json] = {
    403: {"message": "Missing Permissions", "code": 50013},
    404: {"message": "404: Not Found", "code": 0},
    500: {"message": "500: Internal Server Error", "code": 0},
    502: {"message": "502: Bad Gateway", "code": 0},
    503: {"message": "503: Service Unavailable", "code": 0},
}


class RoutePattern:
    def __init__(self, text: str) -> None:
        parts = text.split(None, 1)
        if len(parts) == 2 and parts[0].upper() in _HTTP_METHODS:
            self.method: str | None = parts[0].upper()
            path = parts[1]
        else:
            self.method, path = None, text
        path = path.removeprefix("/api/v10")
        self.segments = [s for s in path.split("/") if s]
        self.text = text

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method != method:
            return False
        segments = [s for s in path.split("/") if s]
        if len(segments) != len(self.segments):
            return False
        return all(
            want == "*" or (want.startswith("{") and want.endswith("}")) or want == got
            for want, got in zip(self.segments, segments, strict=True)
        )


@dataclass
class Fault:
    pattern: RoutePattern
    status: int
    remaining: int
    retry_after: float | None
    global_: bool


@dataclass
class Stall:
    pattern: RoutePattern
    remaining: int
    delay: float | None


@dataclass
class _Window:
    limit: int
    period: float
    started: float = -math.inf
    used: int = 0

    def roll(self, now: float) -> None:
        if now >= self.started + self.period:
            self.started, self.used = now, 0

    def reset_at(self) -> float:
        return self.started + self.period


@dataclass(frozen=True)
class RateLimits:
    """Limits of the realistic mode; the defaults are Discord's published ones."""

    #: POST /channels/{id}/messages: per channel.
    message_limit: int = 5
    message_period: float = 5.0
    #: Every other route: per route template and top-level id (roomy, but with headers).
    route_limit: int = 50
    route_period: float = 1.0
    #: All bot-authenticated requests together (interaction callbacks are exempt).
    global_limit: int = 50
    global_period: float = 1.0


class RateMeter:
    """The most requests that arrived within any one ``period`` (a sliding window on the
    fake's clock), refused ones included: what tests read to say a limit was never exceeded,
    whichever fixed window Discord would have used."""

    def __init__(self, clock: Callable[[], float], period: float = 1.0) -> None:
        self.clock = clock
        self.period = period
        self.peak = 0
        #: the requests of the peak's window, (time, "METHOD /path"): what a test names when
        #: the peak passes a limit
        self.peak_requests: list[tuple[float, str]] = []
        self._arrivals: deque[tuple[float, str]] = deque()

    def arrived(self, request: str) -> None:
        now = self.clock()
        self._arrivals.append((now, request))
        # A request within ``period`` of now shares a window with it; older ones do not.
        while now - self._arrivals[0][0] >= self.period:
            self._arrivals.popleft()
        if len(self._arrivals) > self.peak:
            self.peak = len(self._arrivals)
            self.peak_requests = list(self._arrivals)


class RateLimiter:
    """Fixed windows keyed like Discord's buckets, answering 429s and bucket headers."""

    def __init__(self, limits: RateLimits, clock: Callable[[], float]) -> None:
        self.limits = limits
        self.clock = clock
        self._global = _Window(limits.global_limit, limits.global_period)
        self._buckets: dict[str, _Window] = {}

    def admit(
        self, method: str, template: str, major: str, *, counts_globally: bool
    ) -> tuple[web.Response | None, dict[str, str]]:
        """A 429 to answer now (or None) and the bucket headers for the response."""
        now = self.clock()
        route = f"{method} {template}"
        messages = route == "POST /api/v10/channels/{channel_id}/messages"
        limits = self.limits
        limit, period = (
            (limits.message_limit, limits.message_period)
            if messages
            else (limits.route_limit, limits.route_period)
        )
        bucket_hash = hashlib.sha1(route.encode()).hexdigest()[:16]
        window = self._buckets.setdefault(f"{bucket_hash}:{major}", _Window(limit, period))
        window.roll(now)
        if counts_globally:
            self._global.roll(now)
            if self._global.used >= self._global.limit:
                retry = self._global.reset_at() - now
                limited = rate_limited(
                    retry, global_=True, bucket=None, limit=self._global.limit, clock_now=now
                )
                return limited, {}
        if window.used >= window.limit:
            retry = window.reset_at() - now
            limited = rate_limited(
                retry, global_=False, bucket=bucket_hash, limit=window.limit, clock_now=now
            )
            return limited, {}
        window.used += 1
        if counts_globally:
            self._global.used += 1
        # Round up to the millisecond so a client that waits exactly this long is never early.
        reset_after = math.ceil((window.reset_at() - now) * 1000) / 1000
        return None, {
            "X-RateLimit-Limit": str(window.limit),
            "X-RateLimit-Remaining": str(window.limit - window.used),
            "X-RateLimit-Reset": f"{now + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": bucket_hash,
        }


def rate_limited(
    retry_after: float, *, global_: bool, bucket: str | None, limit: int, clock_now: float
) -> web.Response:
    """A 429 shaped like Discord's, with the headers discord.py needs to ride it out."""
    retry_after = max(retry_after, 0.0)
    headers = {
        "Via": VIA,
        "Retry-After": str(max(1, math.ceil(retry_after))),
        "X-RateLimit-Limit": str(limit),
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": f"{clock_now + retry_after:.3f}",
        "X-RateLimit-Reset-After": f"{retry_after:.3f}",
        "X-RateLimit-Scope": "global" if global_ else "user",
    }
    if bucket is not None:
        headers["X-RateLimit-Bucket"] = bucket
    if global_:
        headers["X-RateLimit-Global"] = "true"
    body = {
        "message": "You are being rate limited.",
        "retry_after": round(retry_after, 3),
        "global": global_,
    }
    return json_response(body, 429, headers)


class FaultPlan:
    """The queue of faults and stalls a test asked for, consumed in order of registration."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self.faults: list[Fault] = []
        self.stalls: list[Stall] = []
        self.rate_limited_count: Counter[str] = Counter()
        self.release = asyncio.Event()

    def fail_next(
        self,
        route: str,
        status: int,
        *,
        count: int = 1,
        retry_after: float | None = None,
        global_: bool = False,
    ) -> None:
        if status < 400:
            raise ValueError("fail_next injects errors; give a 4xx or 5xx status")
        if retry_after is not None and status != 429:
            raise ValueError("retry_after only means something for a 429")
        self.faults.append(Fault(RoutePattern(route), status, count, retry_after, global_))

    def stall_next(self, route: str, *, count: int = 1, delay: float | None = None) -> None:
        self.release.clear()
        self.stalls.append(Stall(RoutePattern(route), count, delay))

    def injected(self, method: str, path: str) -> web.Response | None:
        for fault in self.faults:
            if fault.remaining > 0 and fault.pattern.matches(method, path):
                fault.remaining -= 1
                return self._answer(fault, method, path)
        return None

    def _answer(self, fault: Fault, method: str, path: str) -> web.Response:
        if fault.status == 429:
            self.rate_limited_count[f"{method} {path}"] += 1
            retry = 1.0 if fault.retry_after is None else fault.retry_after
            bucket = None if fault.global_ else "injected"
            return rate_limited(
                retry, global_=fault.global_, bucket=bucket, limit=1, clock_now=self.clock()
            )
        body = _ERROR_BODIES.get(fault.status, {"message": f"{fault.status}", "code": 0})
        return json_response(body, fault.status)

    async def maybe_stall(self, method: str, path: str) -> None:
        """Hold a response that is already decided (and stored) until released or timed out."""
        for stall in self.stalls:
            if stall.remaining > 0 and stall.pattern.matches(method, path):
                stall.remaining -= 1
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.release.wait(), stall.delay)
                return

"""Waiting out a network that is not there (yet): capped exponential backoff with jitter.

A service started at boot often starts before the network is up, and Discord itself has bad
minutes. Giving up then leaves the supervisor to restart the bot in a tight loop; waiting longer
after each failure, never longer than ``cap_s``, comes back soon after a short blip and costs
almost nothing during a long outage. The jitter keeps many bots (or a bot and its restarts) from
knocking at the same moments.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import aiohttp
import discord

#: the first wait, and the longest
BASE_S = 1.0
CAP_S = 300.0
# Past this many doublings any base is beyond any cap; stopping keeps the numbers small.
_MAX_DOUBLINGS = 30


@dataclass
class Backoff:
    """Delays 1, 2, 4, … seconds, each drawn from its upper half, up to ``cap_s``.

    "Equal jitter": a delay is never below half of its step, so the waits still grow (and the
    cap stays a true ceiling) while two bots failing together soon drift apart.
    """

    base_s: float = BASE_S
    cap_s: float = CAP_S
    rng: random.Random = field(default_factory=random.Random)
    #: failures so far
    failures: int = 0

    def next_delay(self) -> float:
        step = min(self.cap_s, self.base_s * 2.0 ** min(self.failures, _MAX_DOUBLINGS))
        self.failures += 1
        return step / 2 + self.rng.random() * step / 2


def is_transient(error: BaseException) -> bool:
    """Worth trying again later: the network (refused, DNS, reset, timeout), a 5xx from Discord,
    or a rate limit. A 401 is `discord.LoginFailure` and never transient; other 4xx answers
    mean a request Discord will refuse however often it is sent."""
    if isinstance(error, discord.HTTPException):
        return error.status >= 500 or error.status == 429
    if isinstance(error, discord.RateLimited):
        return True
    # TimeoutError is an OSError, and so are aiohttp's connection errors (DNS failures too).
    return isinstance(error, OSError | aiohttp.ClientError)


def describe(error: BaseException, limit: int = 160) -> str:
    """One short line: a 5xx body may be a whole HTML page from a proxy."""
    text = str(error).strip().splitlines()
    first = text[0] if text else ""
    if len(first) > limit:
        first = first[: limit - 1] + "…"
    return f"{type(error).__name__}: {first}" if first else type(error).__name__

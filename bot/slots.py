"""Each source's slots: the moments in its interval at which it is polled.

A source owns the moments ``phase * interval`` past every multiple of its interval (counted from
the Unix epoch), its phase a hash of its id: the same plan after every restart and on every
machine, and the sources of one interval spread evenly over it. Both the backoff
(``bot.pipeline.backoff``: the next poll after a success) and the store (a new source's first
poll) place polls on them, so the policy lives here, below both.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta


def phase(source_id: str) -> float:
    """Where in each interval a source's polls fall, in [0, 1): a hash of its id, so the plan is
    the same after every restart and on every machine, and ids spread evenly."""
    digest = hashlib.blake2b(source_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def until_slot(now: datetime, interval_s: int, phase: float) -> float:
    """Seconds from ``now`` to the next of a source's slots, in [0, ``interval_s``)."""
    return (phase * interval_s - now.timestamp()) % interval_s


def first_poll_offset(source_id: str, interval: int, now: datetime) -> timedelta:
    """How long after ``now`` a new source is first polled: at its first slot, where its later
    polls fall too.

    Thousands of sources added at once (first start) would otherwise all be due at the same
    second; slots spread them by a hash of their id, the same plan on every machine.
    """
    if interval <= 0:
        return timedelta(0)
    return timedelta(seconds=until_slot(now, interval, phase(source_id)))

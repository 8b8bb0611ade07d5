"""When to poll a source next, after a success or after a run of failures.

Pure: the caller passes ``now``, the source's ``phase`` (``bot.slots.phase``, from its id) and a
``jitter`` drawn from its own seeded ``random.Random``, so the same inputs always give the same
time and tests need no fake clock or patched randomness.

- Success: the source's next *slot*. Each source owns the moments ``phase * interval`` past
  every multiple of its interval (counted from the Unix epoch), and polls at the first one after
  ``now``. So a source is never polled later than its interval (an operator's "5m" is a promise
  about how late an alert can be), and the sources' polls stay spread evenly over the interval
  whatever happened before: after a restart that found them all overdue, or a thousand added at
  once, each is polled once and then goes back to its own slot, instead of the whole set polling
  in waves that queue their alerts behind Discord's global rate limit. (The price is one early
  poll of a source that catches up off its slot: a conditional GET.)
- Failure number *n*: ``interval * 2**(n-1)``, capped, then brought forward by up to 10 %. The
  spread only shortens here so that the cap stays a true ceiling and sources that have all hit it
  (say after a long outage on our side) still come back at different times. A source that keeps
  failing is asked at most every ``cap_s`` seconds; it is never forgotten.
- ``Retry-After`` (429/503) is a floor: we never come back sooner than the server asked.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from bot.slots import until_slot

#: The spread of failed sources below their backoff: 0.1 means (90 %, 100 %].
SPREAD = 0.1
DEFAULT_CAP_S = 6 * 3600
# Past this many doublings any real interval is beyond any real cap; stopping here keeps the
# arithmetic on small integers however long a source has been failing.
_MAX_DOUBLINGS = 40
#: closer than this to a slot is on it (datetimes count in microseconds)
_ON_SLOT_S = 0.001


def next_poll_at(
    now: datetime,
    interval_s: int,
    *,
    failures: int,
    retry_after: float | None,
    cap_s: int = DEFAULT_CAP_S,
    jitter: float,
    phase: float,
) -> datetime:
    """The time of the next poll of a source polled every ``interval_s`` seconds.

    ``failures`` counts consecutive failed polls including the one just made (0 after a
    success). ``jitter`` and ``phase`` must be in [0, 1). Raises ``ValueError`` on inputs no
    caller should pass.
    """
    if interval_s <= 0:
        raise ValueError(f"the poll interval must be positive, not {interval_s}")
    if failures < 0:
        raise ValueError(f"the failure count cannot be negative ({failures})")
    if cap_s <= 0:
        raise ValueError(f"the backoff cap must be positive, not {cap_s}")
    if not 0.0 <= jitter < 1.0:
        raise ValueError(f"jitter must be in [0, 1), not {jitter}")
    if not 0.0 <= phase < 1.0:
        raise ValueError(f"the phase must be in [0, 1), not {phase}")
    if retry_after is not None and not (math.isfinite(retry_after) and retry_after >= 0):
        raise ValueError(f"Retry-After must be a finite number of seconds >= 0, not {retry_after}")

    if failures == 0:
        delay = until_slot(now, interval_s, phase)
        if delay < _ON_SLOT_S:  # a poll that ends on a slot waits a whole interval, never none
            delay += interval_s
    else:
        base = interval_s * 2 ** min(failures - 1, _MAX_DOUBLINGS)
        # A source polled less often than the cap (say daily, with a 6 h cap) must not be polled
        # *more* often because it failed, so the ceiling is never below its own interval.
        ceiling = max(cap_s, interval_s)
        delay = min(base, ceiling) * (1.0 - SPREAD * jitter)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return now + timedelta(seconds=delay)


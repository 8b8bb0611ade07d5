"""When to poll a source next, after a success or after a run of failures.

Pure: the caller passes ``now`` and a ``jitter`` drawn from its own seeded ``random.Random``, so the
same inputs always give the same time and tests need no fake clock or patched randomness.

- Success: ``interval`` brought forward by up to 10 %, so sources added together drift apart
  instead of polling in lockstep for ever, and a source is never polled later than its interval
  (an operator's "5m" is a promise about how late an alert can be).
- Failure number *n*: ``interval * 2**(n-1)``, capped, then brought forward by up to 10 %. The
  spread only shortens here so that the cap stays a true ceiling and sources that have all hit it
  (say after a long outage on our side) still come back at different times. A source that keeps
  failing is asked at most every ``cap_s`` seconds; it is never forgotten.
- ``Retry-After`` (429/503) is a floor: we never come back sooner than the server asked.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

#: The spread below the nominal delay: 0.1 means (90 %, 100 %].
SPREAD = 0.1
DEFAULT_CAP_S = 6 * 3600
# Past this many doublings any real interval is beyond any real cap; stopping here keeps the
# arithmetic on small integers however long a source has been failing.
_MAX_DOUBLINGS = 40


def next_poll_at(
    now: datetime,
    interval_s: int,
    *,
    failures: int,
    retry_after: float | None,
    cap_s: int = DEFAULT_CAP_S,
    jitter: float,
) -> datetime:
    """The time of the next poll of a source polled every ``interval_s`` seconds.

    ``failures`` counts consecutive failed polls including the one just made (0 after a
    success). ``jitter`` must be in [0, 1). Raises ``ValueError`` on inputs no caller should pass.
    """
    if interval_s <= 0:
        raise ValueError(f"the poll interval must be positive, not {interval_s}")
    if failures < 0:
        raise ValueError(f"the failure count cannot be negative ({failures})")
    if cap_s <= 0:
        raise ValueError(f"the backoff cap must be positive, not {cap_s}")
    if not 0.0 <= jitter < 1.0:
        raise ValueError(f"jitter must be in [0, 1), not {jitter}")
    if retry_after is not None and not (math.isfinite(retry_after) and retry_after >= 0):
        raise ValueError(f"Retry-After must be a finite number of seconds >= 0, not {retry_after}")

    if failures == 0:
        delay = interval_s * (1.0 - SPREAD * jitter)
    else:
        base = interval_s * 2 ** min(failures - 1, _MAX_DOUBLINGS)
        # A source polled less often than the cap (say daily, with a 6 h cap) must not be polled
        # *more* often because it failed, so the ceiling is never below its own interval.
        ceiling = max(cap_s, interval_s)
        delay = min(base, ceiling) * (1.0 - SPREAD * jitter)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return now + timedelta(seconds=delay)

"""Events (issue 14): which updates report the same event, so that it is posted once.

``sign`` an update once, after ``match``, and keep the ``Signature``; ``join`` a new update's
signature with the recent candidates that share a region; ``compare`` two of them to see why.
Everything here is pure: no I/O, no clock.
"""

from bot.events.decide import (
    DEFAULT_WINDOW,
    THRESHOLD,
    Adds,
    Candidate,
    Comparison,
    Joined,
    compare,
    join,
    reach,
)
from bot.events.signature import Signature, sign

__all__ = [
    "DEFAULT_WINDOW",
    "THRESHOLD",
    "Adds",
    "Candidate",
    "Comparison",
    "Joined",
    "Signature",
    "compare",
    "join",
    "reach",
    "sign",
]

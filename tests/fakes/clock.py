"""A clock that moves only when a test says so; the bot and the store call it for "now"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

#: a fixed morning, so that dates in assertions and logs read the same on every run
START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

"""The sender's global pace: never more than ``limit`` requests reach Discord in any ``period``,
however late they go."""

from __future__ import annotations

import asyncio

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.delivery.pace import Pace, PacedTransport
from bot.delivery.sender import Outgoing


class FakeTime:
    """A clock that moves only when someone sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def _most_in_any_window(starts: list[float], period: float) -> int:
    return max(sum(1 for t in starts if s <= t < s + period) for s in starts)


async def test_a_burst_goes_out_in_windows_of_the_limit() -> None:
    clock = FakeTime()
    pace = Pace(5, 1.0, clock=clock, sleep=clock.sleep)
    starts = []
    for _ in range(12):
        async with pace.turn():
            starts.append(clock())
    assert starts[:5] == [0.0] * 5
    assert starts[5:10] == [1.0] * 5
    assert starts[10:] == [2.0] * 2


async def test_posts_spread_out_in_time_do_not_wait() -> None:
    clock = FakeTime()
    pace = Pace(2, 1.0, clock=clock, sleep=clock.sleep)
    for step in range(6):
        clock.now = step * 0.6
        async with pace.turn():
            assert clock() == step * 0.6


@settings(max_examples=50, deadline=None)
@given(gaps=st.lists(st.floats(min_value=0, max_value=0.5), min_size=1, max_size=60),
       limit=st.integers(min_value=1, max_value=10))
def test_no_window_ever_holds_more_than_the_limit(gaps: list[float], limit: int) -> None:
    async def scenario() -> list[float]:
        clock = FakeTime()
        pace = Pace(limit, 1.0, clock=clock, sleep=clock.sleep)
        starts = []
        for gap in gaps:
            clock.now += gap
            async with pace.turn():
                starts.append(clock())
        return starts

    starts = asyncio.run(scenario())
    assert _most_in_any_window(starts, 1.0) <= limit


async def test_concurrent_senders_share_one_pace() -> None:
    sent: list[str] = []

    class Recorder:
        async def send(self, outgoing: Outgoing) -> int:
            sent.append(outgoing.nonce)
            return len(sent)

        async def recent_delivery_ids(self, channel_id: int) -> frozenset[int]:
            return frozenset({channel_id})

        async def tell_guild(self, guild_id: int, text: str) -> bool:
            return True

    clock = FakeTime()
    transport = PacedTransport(Recorder(), Pace(3, 1.0, clock=clock, sleep=clock.sleep))
    outgoing = [Outgoing(c, 1, [{"title": "t"}], (), f"n{c}", False) for c in range(7)]
    ids = await asyncio.gather(*(transport.send(o) for o in outgoing))
    assert sorted(ids) == list(range(1, 8))
    assert sorted(sent) == sorted(o.nonce for o in outgoing)
    # Seven posts at three a second: the last window opens two seconds after the first.
    assert clock() == 2.0
    assert await transport.recent_delivery_ids(4) == frozenset({4})


class StarvedDiscord:
    """A transport that records when each post reaches Discord, where the first ``held`` posts
    let go wait for ``go``: a process the kernel stopped running after it let them go."""

    def __init__(self, clock: FakeTime, held: int) -> None:
        self.clock = clock
        self.held = held
        self.holding = 0
        self.go = asyncio.Event()
        self.arrived: list[float] = []

    async def send(self, outgoing: Outgoing) -> int:
        if self.holding < self.held:
            self.holding += 1
            await self.go.wait()
        self.arrived.append(self.clock())
        return len(self.arrived)


async def test_posts_let_go_before_a_stall_do_not_go_out_beside_the_next_windows() -> None:
    clock = FakeTime()
    discord = StarvedDiscord(clock, held=5)
    pace = Pace(5, 1.0, clock=clock, sleep=clock.sleep)
    transport = PacedTransport(discord, pace)  # type: ignore[arg-type]  # posts only
    outgoing = [Outgoing(c, 1, [{"title": "t"}], (), f"n{c}", False) for c in range(15)]
    posts = [asyncio.create_task(transport.send(o)) for o in outgoing]
    for _ in range(20):  # let every post take its turn, if the pace lets it
        await asyncio.sleep(0)
    assert discord.holding == 5
    # The stall: the five let go at 0 reach Discord only at 1.5, when the process runs again.
    clock.now = 1.5
    discord.go.set()
    await asyncio.gather(*posts)
    assert len(discord.arrived) == 15
    assert _most_in_any_window(discord.arrived, 1.0) <= 5

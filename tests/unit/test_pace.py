"""The global pace: never more than ``limit`` requests reach Discord in any ``period``, however
late they go, whichever part of the bot makes them (the login, a fetch, a post)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable

import aiohttp
import pytest
from aiohttp import web
from discord.http import HTTPClient, Route
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.delivery.pace import Pace, paced_requests


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


async def test_a_pace_started_spent_lets_nothing_go_for_a_period() -> None:
    # A process replacing one killed on the same shards: the killed one may have sent its
    # whole part in its last second.
    clock = FakeTime()
    clock.now = 10.0
    pace = Pace(3, 1.0, clock=clock, sleep=clock.sleep, spent=True)
    starts = []
    for _ in range(4):
        async with pace.turn():
            starts.append(clock())
    assert starts == [11.0] * 3 + [12.0]


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


async def test_concurrent_requests_share_one_pace() -> None:
    clock = FakeTime()
    pace = Pace(3, 1.0, clock=clock, sleep=clock.sleep)
    starts: list[float] = []

    async def request() -> None:
        async with pace.turn():
            starts.append(clock())

    await asyncio.gather(*(request() for _ in range(7)))
    # Seven requests at three a second: the last window opens two seconds after the first.
    assert starts == [0.0] * 3 + [1.0] * 3 + [2.0]


async def test_requests_let_go_before_a_stall_do_not_go_out_beside_the_next_windows() -> None:
    clock = FakeTime()
    pace = Pace(5, 1.0, clock=clock, sleep=clock.sleep)
    go = asyncio.Event()
    arrived: list[float] = []

    async def post(held: bool) -> None:
        async with pace.turn():
            if held:
                # a process the kernel stopped running after it let the post go
                await go.wait()
            arrived.append(clock())

    posts = [asyncio.create_task(post(held=n < 5)) for n in range(15)]
    for _ in range(20):  # let every post take its turn, if the pace lets it
        await asyncio.sleep(0)
    assert arrived == []
    # The stall: the five let go at 0 reach Discord only at 1.5, when the process runs again.
    clock.now = 1.5
    go.set()
    await asyncio.gather(*posts)
    assert len(arrived) == 15
    assert _most_in_any_window(arrived, 1.0) <= 5


def _json(body: object) -> web.Response:
    # discord.py reads a body as JSON only under this exact content type, without a charset
    return web.Response(body=json.dumps(body).encode(), content_type="application/json")


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class LocalDiscord:
    """Discord's REST API on 127.0.0.1, as much of it as a login and a post need, stamping each
    request with the fake clock when its handler runs."""

    def __init__(self, clock: FakeTime) -> None:
        self.clock = clock
        #: (fake time, "METHOD /path") of every request
        self.requests: list[tuple[float, str]] = []

    @web.middleware
    async def stamp(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        self.requests.append((self.clock(), f"{request.method} {request.path}"))
        return await handler(request)

    def app(self) -> web.Application:
        user = {"id": "1", "username": "alertbot", "discriminator": "0", "avatar": None,
                "bot": True}

        async def me(_: web.Request) -> web.Response:
            return _json(user)

        async def gateway(_: web.Request) -> web.Response:
            return _json({"url": "ws://127.0.0.1:9", "shards": 1,
                                      "session_start_limit": {"total": 1000, "remaining": 999,
                                                              "reset_after": 0,
                                                              "max_concurrency": 1}})

        async def commands(_: web.Request) -> web.Response:
            return _json([])

        async def post(request: web.Request) -> web.Response:
            return _json({"id": str(len(self.requests))})

        app = web.Application(middlewares=[self.stamp])
        app.add_routes([
            web.get("/api/v10/users/@me", me),
            web.get("/api/v10/gateway/bot", gateway),
            web.get("/api/v10/applications/1/commands", commands),
            web.post("/api/v10/channels/{channel_id}/messages", post),
            web.post("/api/v10/interactions/{id}/{token}/callback", post),
        ])
        return app

    def times(self) -> list[float]:
        return [t for t, _ in self.requests]


@pytest.fixture
async def local_discord(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[LocalDiscord]:
    discord_ = LocalDiscord(FakeTime())
    runner = web.AppRunner(discord_.app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    # discord.py builds every request's URL from this class attribute
    monkeypatch.setattr(Route, "BASE", f"http://127.0.0.1:{port}/api/v10")
    try:
        yield discord_
    finally:
        await runner.cleanup()


def _post(channel_id: int) -> Route:
    return Route("POST", "/channels/{channel_id}/messages", channel_id=channel_id)


async def test_the_login_and_the_posts_of_one_second_keep_to_the_share(
    local_discord: LocalDiscord,
) -> None:
    # A process restarted in the middle of a burst: it logs in and checks its commands, and the
    # sender posts at once. Pacing the posts alone let all eight reach Discord in one second.
    clock = local_discord.clock
    pace = Pace(5, 1.0, clock=clock, sleep=clock.sleep)
    http = HTTPClient(asyncio.get_running_loop(), http_trace=paced_requests(pace))
    try:
        await http.static_login("token")
        await http.get_bot_gateway()
        await http.request(Route("GET", "/applications/{application_id}/commands",
                                 application_id=1))
        await asyncio.gather(*(http.request(_post(c), json={"content": "alert"})
                               for c in range(5)))
    finally:
        await http.close()
    assert len(local_discord.requests) == 8
    assert _most_in_any_window(local_discord.times(), 1.0) == 5
    assert max(local_discord.times()) == 1.0


async def test_an_interaction_callback_does_not_wait_for_a_turn(
    local_discord: LocalDiscord,
) -> None:
    # Discord exempts it from the global limit, and it must be answered within 3 seconds.
    clock = local_discord.clock
    pace = Pace(1, 1.0, clock=clock, sleep=clock.sleep)
    async with aiohttp.ClientSession(trace_configs=[paced_requests(pace)]) as session:
        async with session.post(_post(1).url, json={}) as answer:
            assert answer.ok
        callback = Route.BASE + "/interactions/7/token/callback"
        async with session.post(callback, json={"type": 4}) as answer:
            assert answer.ok
        assert clock() == 0.0
        async with session.post(_post(2).url, json={}) as answer:
            assert answer.ok
    assert clock() == 1.0


async def test_a_request_that_fails_counts_until_a_period_after_it_failed(
    local_discord: LocalDiscord, monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = local_discord.clock
    pace = Pace(1, 1.0, clock=clock, sleep=clock.sleep)
    async with aiohttp.ClientSession(trace_configs=[paced_requests(pace)]) as session:
        monkeypatch.setattr(Route, "BASE", "http://127.0.0.1:9/api/v10")  # nothing listens
        clock.now = 0.25
        with pytest.raises(aiohttp.ClientConnectionError):
            await session.get(Route.BASE + "/users/@me")
        # It may have reached Discord before it failed: the next waits its period out, and
        # does not wait for ever for an answer that will not come.
        with pytest.raises(aiohttp.ClientConnectionError):
            await session.get(Route.BASE + "/users/@me")
        assert clock() == 1.25


async def test_a_request_beside_the_rest_api_does_not_count(local_discord: LocalDiscord) -> None:
    # The gateway's websocket and the CDN are not the REST API, whose limit this is.
    clock = local_discord.clock
    pace = Pace(1, 1.0, clock=clock, sleep=clock.sleep)
    elsewhere = Route.BASE.removesuffix("/api/v10") + "/gateway"
    async with aiohttp.ClientSession(trace_configs=[paced_requests(pace)]) as session:
        async with session.post(_post(1).url, json={}) as answer:
            assert answer.ok
        async with session.get(elsewhere) as answer:
            assert answer.status == 404
    assert clock() == 0.0

"""The network at start: Discord not reachable yet, answering 503, or refusing the login.

The whole bot (`BotRunner`, as `alertbot run` builds it) against the fake Discord, a local feed
server and a real store. The waits between login attempts go through the runner's injected
sleep, which moves the test's clock instead of waiting, and brings Discord up when the test
says so: no test here waits for real time to pass.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import discord
import pytest
import yarl
from discord.gateway import DiscordWebSocket

from bot.app import BotRunner, open_core
from bot.settings import load_settings
from tests.e2e.conftest import MakeFake
from tests.fakes.discord import FakeDiscord
from tests.fakes.feed_server import FeedServer
from tests.reliability.conftest import (
    FEED_PATH,
    Clock,
    LiveBot,
    eventually,
    wire_feed,
    write_config,
)

LOGIN_WARNING = "cannot reach Discord to log in"
Sleep = Callable[[float], Awaitable[None]]


class Waits:
    """The runner's sleep: records each wait, moves the clock by it, and runs ``then[n]``
    (if any) at the n-th wait, which is how Discord comes up 'later'."""

    def __init__(self, clock: Clock, then: dict[int, Callable[[], Awaitable[None]]]) -> None:
        self.clock = clock
        self.then = then
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        self.clock.advance(seconds)
        action = self.then.get(len(self.delays))
        if action is not None:
            await action()


@contextlib.asynccontextmanager
async def bot_against(
    tmp_path: Path, database: Path | str, fake: FakeDiscord, feeds: FeedServer, clock: Clock,
    sleep: Sleep,
    env: dict[str, str] | None = None,
) -> AsyncIterator[LiveBot]:
    """The bot started (not yet ready: the test decides when Discord answers), stopped at the
    end as SIGTERM stops it; it must exit 0. ``env``: more of the environment it reads."""
    feeds.set(FEED_PATH, wire_feed(range(0)))
    config = write_config(tmp_path / "config", feeds.url(FEED_PATH))
    settings = load_settings(config, env={"DISCORD_TOKEN": fake.token, **(env or {})})
    db_path = database
    guild = fake.add_guild("Newsroom")
    async with open_core(settings, db_path, clock=clock) as core:
        runner = BotRunner(settings, core, clock=clock, tick_s=0.05, sleep=sleep,
                           rng=random.Random(12), client_options={"guild_ready_timeout": 0.1})
        task = asyncio.create_task(runner.run())
        try:
            yield LiveBot(fake, feeds, runner, clock, guild, task, db_path)
        finally:
            runner.request_stop()
            assert await task == 0


async def ready(bot: LiveBot) -> None:
    def is_ready() -> bool:
        assert not bot.task.done(), f"the bot stopped: {bot.task.result()}"
        return bot.runner.client is not None and bot.runner.client.is_ready()

    await eventually(is_ready, "on_ready")


async def alerts_flow(bot: LiveBot) -> None:
    """The bot works: a subscribed channel gets new reports, each once."""
    await bot.add_channel("balkans")
    await bot.poll()  # the first poll of a source is silent
    reports = bot.publish(2)
    await bot.poll()
    bot.wake_sender()
    await bot.delivered(2)
    bot.assert_exactly_once(reports)


def login_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == "bot.app" and LOGIN_WARNING in r.getMessage()]


async def test_started_before_discord_is_reachable_it_waits_then_logs_in_and_works(
    tmp_path: Path, bot_database: Path | str, feed_server: FeedServer,
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    # A port bound but not listening: connecting is refused, as before the network is up.
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    clock = Clock()
    fake = FakeDiscord(clock=clock.seconds)
    monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{port}/api/v10")
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(f"ws://127.0.0.1:{port}/gw"))

    async def discord_comes_up() -> None:
        closed.close()
        await fake.start(port)

    waits = Waits(clock, {4: discord_comes_up})
    caplog.set_level(logging.WARNING)
    try:
        async with bot_against(tmp_path, bot_database, fake, feed_server, clock, waits) as bot:
            await ready(bot)
            await alerts_flow(bot)
    finally:
        closed.close()
        await fake.stop()
    # Four refusals, four waits, each longer than the last (1, 2, 4, 8 s steps, upper halves).
    assert len(waits.delays) == 4
    for n, delay in enumerate(waits.delays):
        assert 2**n / 2 <= delay <= 2**n
    warnings = login_warnings(caplog)
    assert len(warnings) == 4
    for warning, delay in zip(warnings, waits.delays, strict=True):
        assert "\n" not in warning
        assert "ClientConnectorError" in warning
        assert f"trying again in {delay:.1f} s" in warning
    assert fake.identifies == 1
    assert not fake.internal_errors


async def test_503s_at_login_and_at_command_sync_are_waited_out(
    tmp_path: Path, bot_database: Path | str,
    feed_server: FeedServer, fake_discord_factory: MakeFake,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    fake = await fake_discord_factory(clock=clock.seconds)
    fake.fail_next("GET /users/@me", 503, count=2)
    # The third login gets as far as syncing the commands: the next is a fresh client, whose
    # setup_hook loads the cogs again (a reused one would find them loaded and fail).
    fake.fail_next("PUT /applications/{application_id}/commands", 503)
    waits = Waits(clock, {})
    caplog.set_level(logging.WARNING)
    async with bot_against(tmp_path, bot_database, fake, feed_server, clock, waits) as bot:
        await ready(bot)
        await alerts_flow(bot)
        admin = bot.guild.add_member("editor", admin=True)
        reply = await fake.invoke(bot.guild, bot.channels[0], admin, "subscription",
                                  subcommand="list")
        assert "Balkans" in str(await reply.response())
    assert len(waits.delays) == 3
    warnings = login_warnings(caplog)
    assert len(warnings) == 3
    assert all("DiscordServerError: 503" in w for w in warnings), warnings
    assert fake.commands(), "the commands were synced in the end"


async def test_a_stop_while_waiting_for_the_network_exits_0_at_once(
    tmp_path: Path, bot_database: Path | str,
    feed_server: FeedServer, fake_discord_factory: MakeFake,
) -> None:
    clock = Clock()
    fake = await fake_discord_factory(clock=clock.seconds)
    fake.fail_next("GET /users/@me", 503, count=1000)
    waiting = asyncio.Event()

    async def forever(_seconds: float) -> None:
        waiting.set()
        await asyncio.Event().wait()

    async with bot_against(tmp_path, bot_database, fake, feed_server, clock, forever) as bot:
        await waiting.wait()
        bot.runner.request_stop()
        async with asyncio.timeout(5):
            assert await bot.task == 0
    assert bot.runner.client is not None and bot.runner.client.is_closed()


async def test_a_login_refused_for_good_exits_1_in_one_line(
    tmp_path: Path, bot_database: Path | str,
    feed_server: FeedServer, fake_discord_factory: MakeFake,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A 403 is an answer, not an outage: waiting would not change it."""
    clock = Clock()
    fake = await fake_discord_factory(clock=clock.seconds)
    fake.fail_next("GET /users/@me", 403)
    waits = Waits(clock, {})
    feed_server.set(FEED_PATH, wire_feed(range(0)))
    config = write_config(tmp_path / "config", feed_server.url(FEED_PATH))
    settings = load_settings(config, env={"DISCORD_TOKEN": fake.token})
    async with open_core(settings, bot_database, clock=clock) as core:
        assert await BotRunner(settings, core, clock=clock, sleep=waits).run() == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["alertbot: Discord refused the login: Forbidden: 403 Forbidden (error code: "
                   "50013): Missing Permissions"]
    assert waits.delays == []

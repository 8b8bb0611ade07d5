"""End-to-end fixtures: a fake Discord on 127.0.0.1 and a way to run a real client against it.

``fake_discord`` (or ``fake_discord_factory`` for non-default options) redirects discord.py's
REST base and gateway URL (class attributes, restored after the test). ``run_client`` starts
any ``discord.Client``/``commands.Bot`` with the fake's token and waits for on_ready; build
clients with ``guild_ready_timeout=0.1`` or on_ready waits two seconds for more guilds.
``running_bot`` runs the whole bot as `alertbot run` builds it, on a given core and clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Any, Protocol, TypeVar

import discord
import pytest
import yarl
from discord.gateway import DiscordWebSocket

from bot.app import BotRunner, Core
from bot.settings import Settings
from bot.store import Store
from tests.fakes.clock import FakeClock
from tests.fakes.discord import FakeDiscord

READY_TIMEOUT = 10.0

ClientT = TypeVar("ClientT", bound=discord.Client)


class RunClient(Protocol):
    def __call__(self, client: ClientT, /) -> AbstractAsyncContextManager[ClientT]: ...


MakeFake = Callable[..., Awaitable[FakeDiscord]]


@pytest.fixture
async def fake_discord_factory(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[MakeFake]:
    """``await fake_discord_factory(clock=..., rate_limits=...)``: a started, redirected fake.

    discord.py reads one REST base and one gateway URL, so a test gets one fake at a time.
    """
    started: list[FakeDiscord] = []

    async def make(**options: Any) -> FakeDiscord:
        if started:
            raise RuntimeError("one fake Discord per test: discord.py can only point at one")
        fake = FakeDiscord(**options)
        await fake.start()
        started.append(fake)
        monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
        monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway_url))
        return fake

    yield make
    for fake in started:
        await fake.stop()
        assert not fake.internal_errors, "the fake Discord crashed:\n" + "\n".join(
            fake.internal_errors
        )


@pytest.fixture
async def fake_discord(fake_discord_factory: MakeFake) -> FakeDiscord:
    """A fake Discord with default settings, already serving and redirected to."""
    return await fake_discord_factory()


@contextlib.asynccontextmanager
async def running(
    client: ClientT, token: str, *, ready_timeout: float = READY_TIMEOUT
) -> AsyncIterator[ClientT]:
    """Run ``client`` until the block ends; fail early with the client's own error."""
    task = asyncio.create_task(client.start(token), name="discord-client")
    try:
        async with asyncio.timeout(ready_timeout):
            # discord.Client has no listener API before start(), so watch its ready flag.
            while not client.is_ready():
                if task.done():
                    task.result()  # raises what start() raised (LoginFailure, ...)
                    raise RuntimeError("the client stopped before it became ready")
                await asyncio.sleep(0.01)
        yield client
    finally:
        await client.close()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@pytest.fixture
def run_client(fake_discord: FakeDiscord) -> RunClient:
    """``async with run_client(bot):`` — logged in, READY, guilds cached."""

    def start(client: ClientT, /) -> AbstractAsyncContextManager[ClientT]:
        return running(client, fake_discord.token)

    return start


@contextlib.asynccontextmanager
async def running_bot(
    settings: Settings, core: Core, clock: FakeClock, *, exit_code: int | None = 0
) -> AsyncIterator[BotRunner]:
    """The whole bot, as `alertbot run` builds it, connected and ready until the block ends;
    then asked to stop, and to end with ``exit_code`` (None: however it ends)."""
    runner = BotRunner(settings, core, clock=clock, tick_s=0.05,
                       client_options={"guild_ready_timeout": 0.1})
    task = asyncio.create_task(runner.run())

    async def ready() -> bool:
        assert not task.done(), task.result()
        return runner.client is not None and runner.client.is_ready()

    await eventually(ready)
    try:
        yield runner
    finally:
        runner.request_stop()
        ended = await task
        assert exit_code is None or ended == exit_code


async def polled(store: Store, path: str, due: datetime) -> bool:
    """Whether the source at ``path`` has a poll recorded at ``due`` or later. A feed is asked
    for before its updates are matched and their deliveries committed: an outbox looked at in
    between is empty though the poll's deliveries are still to come, so a test that waits for
    the feed's request and an empty outbox can go on before anything was sent."""
    return any(
        s.source.url.endswith(path) and s.last_polled_at is not None and s.last_polled_at >= due
        for s in await store.source_states()
    )


async def eventually(check: Callable[[], Awaitable[bool]], within: float = 10) -> None:
    """The bot works on its own schedule; look again until ``check`` holds."""
    async with asyncio.timeout(within):
        for _ in itertools.count():
            if await check():
                return
            await asyncio.sleep(0.02)

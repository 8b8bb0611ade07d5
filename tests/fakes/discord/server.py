"""``FakeDiscord``: one aiohttp server on 127.0.0.1 speaking REST v10 and the gateway.

Typical use (see tests/e2e/conftest.py for the fixture that also points discord.py at it)::

    async with FakeDiscord() as fake:
        guild = fake.add_guild("Newsroom")
        ...start a discord.py client with token=fake.token...
        interaction = await fake.invoke(guild, guild.system_channel, member, "latest")
        body = await interaction.response()
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

from aiohttp import web

from .faults import FaultPlan, RateLimiter, RateLimits, RateMeter
from .gateway import Gateway
from .interactions import (
    FakeInteraction,
    InvalidInvocation,
    Invocation,
    build_payload,
    find_command,
)
from .rest import RecordedRequest, RestApi
from .shards import Shard
from .state import (
    FakeAttachment,
    FakeChannel,
    FakeCommand,
    FakeGuild,
    FakeMember,
    FakeMessage,
    FakeState,
    FakeUser,
)

Json = dict[str, Any]

GATEWAY_PATH = "/gw"


class NotStarted(RuntimeError):
    """The fake was asked for its address before ``start()``."""


class FakeDiscord:
    """A Discord stand-in for end-to-end tests of a real discord.py client.

    ``clock`` (epoch seconds) drives snowflakes, timestamps, the nonce window and the
    realistic rate limiter, so tests can move time without sleeping. ``rate_limits`` turns on
    Discord-like buckets (``RateLimits()`` for Discord's numbers) with headers on every answer;
    its global limit is one for every connection and every bot process using the token.
    ``shards`` is the count GET /gateway/bot recommends; with ``require_sharding`` an IDENTIFY
    with fewer is closed with 4011.
    """

    def __init__(
        self,
        *,
        token: str = "fake-bot-token",
        bot_name: str = "alertbot",
        clock: Callable[[], float] = time.time,
        nonce_window: float = 300.0,
        rate_limits: RateLimits | None = None,
        heartbeat_interval: float = 41.25,
        patience: float = 5.0,
        shards: int = 1,
        require_sharding: bool = False,
    ) -> None:
        #: How long ``wait_until`` and the interaction waits give the bot before failing.
        self.patience = patience
        self.state = FakeState(clock=clock, bot_name=bot_name, token=token)
        self._changed = asyncio.Event()
        self.faults = FaultPlan(clock)
        self.gateway = Gateway(
            self.state,
            url=lambda: self.gateway_url,
            heartbeat_interval_ms=int(heartbeat_interval * 1000),
            notify=self._notify,
            shards=shards,
            require_sharding=require_sharding,
        )
        period = rate_limits.global_period if rate_limits is not None else 1.0
        self.rest = RestApi(
            self.state,
            self.gateway,
            self.faults,
            nonce_window=nonce_window,
            limiter=RateLimiter(rate_limits, clock) if rate_limits is not None else None,
            meter=RateMeter(clock, period),
            gateway_url=lambda: self.gateway_url,
            base_url=lambda: f"http://127.0.0.1:{self.port}",
            notify=self._notify,
        )
        self.state.subscribe(self.gateway.dispatch)
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    # -- lifecycle ----------------------------------------------------------------------------

    async def start(self, port: int = 0) -> None:
        """Serve on 127.0.0.1:``port``; 0 picks a free port. A given port lets a test point
        discord.py at an address first and bring Discord up there later."""
        app = web.Application(middlewares=[self.rest.middleware])
        app.router.add_routes(self.rest.routes())
        app.router.add_get(GATEWAY_PATH, self.gateway.handle)
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self._port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        self.faults.release.set()
        await self.gateway.drop(1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise NotStarted("call await fake.start() (or use the fake_discord fixture) first")
        return self._port

    @property
    def api_base(self) -> str:
        """What ``discord.http.Route.BASE`` should be."""
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        """What ``DiscordWebSocket.DEFAULT_GATEWAY`` should be (as a ``yarl.URL``)."""
        return f"ws://127.0.0.1:{self.port}{GATEWAY_PATH}"

    # -- identity and world building ----------------------------------------------------------

    @property
    def token(self) -> str:
        return self.state.token

    @property
    def application_id(self) -> int:
        return self.state.application_id

    @property
    def bot_user(self) -> FakeUser:
        return self.state.bot_user

    @property
    def guilds(self) -> list[FakeGuild]:
        return list(self.state.guilds.values())

    def add_guild(
        self, name: str, *, system_channel: bool = True, shard: tuple[int, int] | None = None
    ) -> FakeGuild:
        """A guild the bot is in; connected clients get GUILD_CREATE for it at once (those of
        its shard alone). ``shard=(id, count)`` picks an id Discord routes to that shard."""
        return self.state.add_guild(name, system_channel=system_channel, shard=shard)

    def add_user(self, name: str) -> FakeUser:
        """A user outside any guild, e.g. to invoke a command in a DM."""
        return self.state.add_user(name)

    def attachment(
        self, filename: str, data: bytes, content_type: str = "application/octet-stream"
    ) -> FakeAttachment:
        """A file a user attaches, to pass as an ATTACHMENT option's value; the fake serves it
        at ``attachment.url`` (plain http on 127.0.0.1, where Discord's CDN would be)."""
        return self.rest.uploads.add(filename, data, content_type)

    def downloads(self, attachment: FakeAttachment) -> int:
        """How many times ``attachment`` was downloaded from the fake."""
        return self.rest.uploads.downloads[attachment.id]

    # -- what happened ------------------------------------------------------------------------

    def messages(self, channel: FakeChannel | int) -> list[FakeMessage]:
        """Messages in a channel, oldest first (ephemeral replies are not in channels)."""
        channel_id = channel.id if isinstance(channel, FakeChannel) else channel
        found = self.state.channels.get(channel_id)
        if found is None:
            raise KeyError(f"no channel {channel_id} in the fake")
        return list(found.messages)

    def commands(self, guild: FakeGuild | None = None) -> list[FakeCommand]:
        """Commands registered globally, or for ``guild``."""
        scope = guild.id if guild is not None else None
        return list(self.state.commands.get(scope, {}).values())

    @property
    def interactions(self) -> list[FakeInteraction]:
        return list(self.rest.hooks.interactions.values())

    @property
    def requests(self) -> list[RecordedRequest]:
        return list(self.rest.requests)

    @property
    def unknown_routes(self) -> list[str]:
        return list(self.rest.unknown_routes)

    @property
    def internal_errors(self) -> list[str]:
        """Tracebacks of requests the fake itself failed on (a bug here, not in the bot)."""
        return list(self.rest.internal_errors)

    @property
    def rate_limited_count(self) -> Counter[str]:
        """429s answered, keyed by ``"METHOD /path"``."""
        return self.faults.rate_limited_count

    @property
    def identifies(self) -> int:
        return self.gateway.identifies

    @property
    def identified_shards(self) -> list[Shard]:
        """The shard of every accepted IDENTIFY, in order."""
        return list(self.gateway.identified_shards)

    @property
    def peak_global_rate(self) -> int:
        """The most bot requests (interaction callbacks aside, as Discord exempts them) that
        arrived within any one second of the fake's clock (the global period of
        ``rate_limits``), refused ones included, from every connection together."""
        return self.rest.meter.peak

    @property
    def resumes(self) -> int:
        return self.gateway.resumes

    async def wait_until(self, predicate: Callable[[], bool], what: str = "condition") -> None:
        """Wait (without polling) until the fake's state satisfies ``predicate``, at most
        ``patience`` seconds (wrap in ``asyncio.timeout`` for a shorter wait)."""
        try:
            async with asyncio.timeout(self.patience):
                while not predicate():
                    await self._changed.wait()
        except TimeoutError:
            raise TimeoutError(f"gave up after {self.patience}s waiting for: {what}") from None

    # -- faults -------------------------------------------------------------------------------

    def fail_next(
        self,
        route: str,
        status: int,
        *,
        count: int = 1,
        retry_after: float | None = None,
        global_: bool = False,
    ) -> None:
        """Answer the next ``count`` requests matching ``route`` with ``status`` instead."""
        self.faults.fail_next(route, status, count=count, retry_after=retry_after, global_=global_)

    def stall_next(self, route: str, *, count: int = 1, delay: float | None = None) -> None:
        """Do the work (store the message) but hold the answer for ``delay`` s or until
        ``release_stalled()``: the 'did my send happen?' case of exactly-once delivery."""
        self.faults.stall_next(route, count=count, delay=delay)

    def release_stalled(self) -> None:
        self.faults.release.set()

    async def drop_gateway(self, code: int = 4000) -> None:
        """Close the gateway sockets; the client reconnects and RESUMEs."""
        await self.gateway.drop(code)

    def gateway_outage(self, code: int = 4000) -> contextlib.AbstractAsyncContextManager[None]:
        """``async with fake.gateway_outage():`` — disconnected until the block ends."""
        return self.gateway.outage(code)

    async def invalidate_session(self, *, resumable: bool = False) -> None:
        """Op 9; with ``resumable=False`` the client must IDENTIFY again."""
        await self.gateway.invalidate(resumable=resumable)

    async def request_reconnect(self) -> None:
        """Op 7."""
        await self.gateway.request_reconnect()

    def dispatch(self, event: str, data: Json) -> None:
        """Send any gateway event to connected (or resumable) sessions."""
        self.gateway.dispatch(event, data)

    # -- interactions -------------------------------------------------------------------------

    async def invoke(
        self,
        guild: FakeGuild | None,
        channel: FakeChannel | None,
        member: FakeMember | FakeUser,
        command: str,
        options: Mapping[str, Any] | None = None,
        *,
        subcommand: str | None = None,
    ) -> FakeInteraction:
        """A user runs ``/command`` (pass guild=channel=None and a FakeUser for a DM)."""
        inv = Invocation(
            find_command(self.state.commands, command, guild),
            guild,
            channel,
            member,
            dict(options or {}),
            subcommand,
        )
        return self._send_interaction(inv)

    async def autocomplete(
        self,
        guild: FakeGuild | None,
        channel: FakeChannel | None,
        member: FakeMember | FakeUser,
        command: str,
        options: Mapping[str, Any],
        focused_option: str,
        *,
        subcommand: str | None = None,
    ) -> list[Json]:
        """A user types into ``focused_option``; returns the choices the bot offered."""
        inv = Invocation(
            find_command(self.state.commands, command, guild),
            guild,
            channel,
            member,
            dict(options),
            subcommand,
            focused_option,
        )
        return await self._send_interaction(inv).choices()

    def _send_interaction(self, inv: Invocation) -> FakeInteraction:
        interaction_id = self.state.new_id()
        token = self.state.new_token()
        payload = build_payload(
            inv, interaction_id=interaction_id, token=token, dm_channel_id=self.state.new_id()
        )
        if not self.gateway.sessions:
            raise InvalidInvocation("no bot has identified on the gateway; start the client first")
        user = inv.invoker.user if isinstance(inv.invoker, FakeMember) else inv.invoker
        interaction = FakeInteraction(
            interaction_id,
            token,
            int(payload["type"]),
            payload,
            inv.command,
            inv.guild,
            inv.channel,
            user,
            self.wait_until,
        )
        self.rest.hooks.register(interaction)
        self.gateway.dispatch("INTERACTION_CREATE", payload)
        return interaction

    # -- internals ----------------------------------------------------------------------------

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

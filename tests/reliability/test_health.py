"""Health as a supervisor sees it: GET /healthz on the metrics port, and the facts the bot
leaves in the database for `alertbot health`, while the real bot runs against the fake Discord.
"""

from __future__ import annotations

import socket
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp

from bot.health import judge, read_facts
from bot.store import Store
from tests.e2e.conftest import MakeFake
from tests.fakes.feed_server import FeedServer
from tests.reliability.conftest import Clock, eventually
from tests.reliability.test_network import Waits, alerts_flow, bot_against, ready


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def healthz(port: int) -> tuple[int, dict[str, Any]]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}/healthz") as response,
    ):
        return response.status, await response.json()


async def test_healthz_and_the_recorded_facts_follow_the_gateway_polls_and_sends(
    tmp_path: Path, bot_database: Path | str,
    feed_server: FeedServer, fake_discord_factory: MakeFake,
) -> None:
    clock = Clock()
    fake = await fake_discord_factory(clock=clock.seconds)
    port = free_port()
    async with bot_against(tmp_path, bot_database, fake, feed_server, clock, Waits(clock, {}),
                           env={"ALERTBOT_METRICS_PORT": str(port)}) as bot:
        await ready(bot)
        await alerts_flow(bot)
        status, body = await healthz(port)
        assert status == 200, body
        assert body["healthy"] and body["gateway"]["connected"]
        assert body["last_send_at"] is not None and body["pending_deliveries"] == 0
        max_age = body["max_age_s"]
        assert max_age == 120  # the source polls every 60 s; never below 120

        # What `alertbot health` reads: written at most every 30 s of the bot's clock, so the
        # send just made is in the database after the next write.
        clock.advance(31)
        async def recorded_healthy() -> bool:
            facts = await read_facts(bot.store)
            return facts.last_send_at is not None and judge(facts, clock()).healthy

        await eventually(recorded_healthy, "healthy facts in bot_state")

        async with fake.gateway_outage():
            await eventually(lambda: bot.runner.health.facts.connected is False, "the drop")

            async def recorded_down() -> bool:
                return (await read_facts(bot.store)).connected is False

            await eventually(recorded_down, "the drop written at once")
            # A short drop is not a failure: discord.py is reconnecting.
            assert (await healthz(port))[0] == 200
            clock.advance(max_age + 1)
            moved_on = clock()
            # The clock stands still meanwhile: the next tick records exactly this time.
            await eventually(lambda: bot.runner.health.facts.poll_cycle_at == moved_on, "a tick")
            status, body = await healthz(port)
            assert status == 503
            assert body["problems"] == ["the Discord gateway is not connected"]
        await eventually(lambda: bot.runner.health.facts.connected is True, "the RESUME")
        assert (await healthz(port))[0] == 200

        # The bot's clock moves on but its poll loop is stuck: seen as such.
        facts = await read_facts(bot.store)
        assert not judge(facts, clock() + timedelta(seconds=max_age + 60)).healthy
    async with await Store.open(bot.db_path) as store:
        stopped = await read_facts(store)
    assert stopped.connected is False, "a stopped bot is recorded as disconnected"

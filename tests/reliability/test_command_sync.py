"""Slash commands are synced only when they changed: the whole bot started again and again on
one database against the fake Discord, which counts the PUTs of the command list."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from bot.app import BotRunner, open_core
from bot.client import EXTENSIONS
from bot.settings import Settings, load_settings
from tests.e2e.conftest import MakeFake
from tests.fakes.discord import FakeDiscord
from tests.fakes.feed_server import ALLOW_LOCAL_TOML, FeedServer
from tests.reliability.conftest import FEED_PATH, Clock, eventually, wire_feed, write_config
from tests.reliability.test_network import Waits

ROOT = Path(__file__).resolve().parents[2]
#: `alertbot` with discord.py pointed at the fake (its two addresses are class attributes)
LAUNCH = (
    "import sys, discord.http, discord.gateway, yarl\n"
    "discord.http.Route.BASE = sys.argv[1]\n"
    "discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(sys.argv[2])\n"
    "from bot.cli import main\n"
    "sys.exit(main(sys.argv[3:]))\n"
)


def command_syncs(fake: FakeDiscord) -> list[str]:
    return [r.path for r in fake.requests if r.method == "PUT" and r.path.endswith("/commands")]


def settings_for(tmp_path: Path, fake: FakeDiscord, feeds: FeedServer,
                 bot_toml: str = "", **env: str) -> Settings:
    feeds.set(FEED_PATH, wire_feed(range(0)))
    config = write_config(tmp_path / "config", feeds.url(FEED_PATH))
    (config / "bot.toml").write_text(ALLOW_LOCAL_TOML + bot_toml, encoding="utf-8")
    return load_settings(config, env={"DISCORD_TOKEN": fake.token, **env})


async def start_and_stop(settings: Settings, db: Path, clock: Clock, **client: object) -> None:
    """One run of the bot: up to on_ready, then stopped as SIGTERM stops it."""
    async with open_core(settings, db, clock=clock) as core:
        runner = BotRunner(settings, core, clock=clock, tick_s=0.05, sleep=Waits(clock, {}),
                           client_options={"guild_ready_timeout": 0.1, **client})
        task = asyncio.create_task(runner.run())
        await eventually(lambda: task.done() or (runner.client is not None
                                                 and runner.client.is_ready()), "on_ready")
        runner.request_stop()
        assert await task == 0


async def test_an_unchanged_tree_is_synced_once_and_a_changed_one_again(
    tmp_path: Path, bot_database: Path | str,
    fake_discord_factory: MakeFake, feed_server: FeedServer,
) -> None:
    clock = Clock()
    fake = await fake_discord_factory(clock=clock.seconds)
    fake.add_guild("Newsroom")
    settings = settings_for(tmp_path, fake, feed_server)
    db = bot_database
    await start_and_stop(settings, db, clock)
    full = {c.name for c in fake.commands()}
    await start_and_stop(settings, db, clock)
    assert len(command_syncs(fake)) == 1, "the same tree twice: one sync"

    fewer = tuple(e for e in EXTENSIONS if e != "bot.commands.info")
    await start_and_stop(settings, db, clock, extensions=fewer)
    assert len(command_syncs(fake)) == 2, "a changed tree is synced again"
    assert {c.name for c in fake.commands()} < full
    await start_and_stop(settings, db, clock)
    assert len(command_syncs(fake)) == 3
    assert {c.name for c in fake.commands()} == full


async def test_a_failed_sync_is_not_recorded_as_done(
    tmp_path: Path, bot_database: Path | str,
    fake_discord_factory: MakeFake, feed_server: FeedServer,
) -> None:
    clock = Clock()
    fake = await fake_discord_factory(clock=clock.seconds)
    fake.fail_next("PUT /applications/{application_id}/commands", 503)
    settings = settings_for(tmp_path, fake, feed_server)
    db = bot_database
    await start_and_stop(settings, db, clock)  # the login is tried again and syncs
    assert len(command_syncs(fake)) == 2
    await start_and_stop(settings, db, clock)
    assert len(command_syncs(fake)) == 2
    assert fake.commands()


async def test_switching_to_guild_sync_syncs_to_the_guild(
    tmp_path: Path, bot_database: Path | str,
    fake_discord_factory: MakeFake, feed_server: FeedServer,
) -> None:
    clock = Clock()
    fake = await fake_discord_factory(clock=clock.seconds)
    guild = fake.add_guild("Dev server")
    db = bot_database
    await start_and_stop(settings_for(tmp_path, fake, feed_server), db, clock)
    guild_sync = settings_for(tmp_path, fake, feed_server, '[discord]\nsync = "guild"\n',
                              ALERTBOT_DEV_GUILD=str(guild.id))
    await start_and_stop(guild_sync, db, clock)
    await start_and_stop(guild_sync, db, clock)
    syncs = command_syncs(fake)
    assert len(syncs) == 2 and syncs[1].endswith(f"/guilds/{guild.id}/commands")
    assert fake.commands(guild)


async def test_alertbot_sync_commands_forces_a_sync_and_exits(
    tmp_path: Path, bot_database: Path | str,
    fake_discord_factory: MakeFake, feed_server: FeedServer,
) -> None:
    clock = Clock()
    fake = await fake_discord_factory()
    settings = settings_for(tmp_path, fake, feed_server)
    db = bot_database
    await start_and_stop(settings, db, clock)
    assert len(command_syncs(fake)) == 1

    async def sync_commands(token: str) -> tuple[int, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD", "ALERTBOT"))}
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", LAUNCH, fake.api_base, fake.gateway_url, "sync-commands",
            "--config", str(settings.config_dir), "--db", str(db),
            cwd=tmp_path, env={**env, "DISCORD_TOKEN": token, "PYTHONPATH": str(ROOT)},
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        async with asyncio.timeout(60):
            _, err = await process.communicate()
        assert process.returncode is not None
        return process.returncode, err.decode()

    code, err = await sync_commands(fake.token)
    assert code == 0, err
    assert "synced" in err and "slash commands (global)" in err
    assert len(command_syncs(fake)) == 2, "forced although unchanged"
    assert fake.identifies == 1, "sync-commands logs in but never opens the gateway"

    code, err = await sync_commands("not-the-token-at-all")
    assert code == 1
    assert [line for line in err.splitlines() if line.startswith("alertbot:")] == [
        "alertbot: Discord rejected the token (DISCORD_TOKEN); check it in the Developer Portal"]
    assert "not-the-token-at-all" not in err
    await start_and_stop(settings, db, clock)
    assert len(command_syncs(fake)) == 2, "the forced sync was recorded"

"""The bot token never shows: not in any log record (ours or discord.py's, at DEBUG), not in an
error, not in a command's reply, not in a posted message; and `alertbot run` with a token Discord
rejects says so in one line, exits non-zero, with no traceback and no token.

The bot runs as `alertbot run` builds it (BotRunner over open_core) against the fake Discord and a
local feed server; the rejected-token case is a real `alertbot` process.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from bot.app import open_core
from bot.settings import load_settings
from tests.e2e.conftest import MakeFake, eventually, polled, running_bot
from tests.fakes.clock import FakeClock
from tests.fakes.discord import FakeDiscord
from tests.fakes.feed_server import ALLOW_LOCAL_TOML, FeedServer

CONFIG = Path(__file__).resolve().parents[2] / "config"
#: shaped like a real bot token (id . timestamp . hmac) so that nothing treats it as unusual
TOKEN = "MTI4NzQ1OTE2NzM0NDg2MzQ1Ng.GhX3kT.s3cr3t-0nly-f0r-th1s-t3st_Zq9vW8uY7tR6eE5w"
WRONG = "MTI4NzQ1OTE2NzM0NDg2MzQ1Ng.GhX3kT.wr0ng-t0k3n-n0b0dy-kn0ws_Aa1Bb2Cc3Dd4Ee5F"
INTERVAL = 60


def write_config(folder: Path, feed_url: str) -> Path:
    folder.mkdir()
    for name in ("regions.toml", "severity.toml"):
        shutil.copy(CONFIG / name, folder / name)
    (folder / "sources.toml").write_text(
        f'[[sources]]\nid = "desk"\nurl = "{feed_url}"\nname = "Desk"\n'
        f'interval = "{INTERVAL}s"\n',
        encoding="utf-8",
    )
    (folder / "bot.toml").write_text(ALLOW_LOCAL_TOML, encoding="utf-8")
    return folder


def feed(*texts: str) -> bytes:
    items = "".join(
        f"<item><guid>g{n}</guid><title>Crossing {n}</title><description>{t}</description></item>"
        for n, t in enumerate(texts)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Desk'
            f"</title>{items}</channel></rss>").encode()


def texts_of_the_fake(fake: FakeDiscord) -> list[str]:
    """Every reply, followup and message the bot made on the fake Discord, as text."""
    seen = [repr(i.callbacks) + repr(i.followups) for i in fake.interactions]
    for guild in fake.state.guilds.values():
        for channel in guild.channels.values():
            seen += [repr(m.content) + repr(m.embeds) for m in fake.messages(channel)]
    return seen


async def test_the_token_is_never_logged_or_shown(
    tmp_path: Path, bot_database: Path | str,
    fake_discord_factory: MakeFake, feed_server: FeedServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("discord", "discord.http", "discord.gateway", "discord.client", "bot"):
        caplog.set_level(logging.DEBUG, logger=name)
    fake = await fake_discord_factory(token=TOKEN)
    clock = FakeClock()
    feed_server.set("/feed.xml", feed("Police in Kosovo closed the crossing at Jarinje."))
    guild = fake.add_guild("Newsroom")
    channel = guild.add_channel("alerts")
    admin, reader = guild.add_member("editor", admin=True), guild.add_member("reader")
    settings = load_settings(write_config(tmp_path / "config", feed_server.url("/feed.xml")),
                             env={"DISCORD_TOKEN": TOKEN})
    async with (
        open_core(settings, bot_database, clock=clock) as core,
        # The database is closed under it on purpose: it may end as it can.
        running_bot(settings, core, clock, exit_code=None),
    ):
        for who, command, subcommand, options in [
            (admin, "subscription", "add", {"region": "balkans"}),
            (reader, "subscription", "add", {"region": "balkans"}),  # refused
            (reader, "latest", None, {}),
            (reader, "sources", None, {}),
            (reader, "search", None, {"query": TOKEN[:40]}),
            (admin, "mute", "add", {"source": "nowhere"}),
        ]:
            await (await fake.invoke(guild, channel, who, command, options,
                                     subcommand=subcommand)).response()
        # A poll (silent), a new item, a poll that queues it, the send.
        # (each poll waited for until it is recorded, not until its request is seen: a poll
        # committed after the clock's next step would set its next one from that step)
        clock.advance(2 * INTERVAL)
        due = clock()
        await eventually(lambda: polled(core.store, "/feed.xml", due), within=30)
        feed_server.set("/feed.xml", feed("Police in Kosovo closed the crossing at Jarinje.",
                                          "Gunfire was reported in northern Kosovo."))
        clock.advance(2 * INTERVAL)
        due = clock()
        await eventually(lambda: polled(core.store, "/feed.xml", due), within=30)

        async def posted() -> bool:
            return bool(fake.messages(channel))

        await eventually(posted)
        # A send Discord refuses, and a database that fails, both end in logs.
        fake.fail_next("POST /channels/*/messages", 500, count=1)
        await core.store.close()
        broken = await fake.invoke(guild, channel, reader, "latest", {})
        await broken.response()

    records = caplog.records
    assert len(records) > 20, "the bot logged almost nothing: the capture is not working"
    assert any(r.name.startswith("discord") and r.levelno == logging.DEBUG for r in records)
    for record in records:
        text = record.getMessage()
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        assert TOKEN not in text, (record.name, text[:300])
    for shown in texts_of_the_fake(fake):
        assert TOKEN not in shown
    # Sanity: the search for the token's own text was answered, and without echoing it whole.
    assert fake.interactions and fake.messages(channel)


# -- a token Discord rejects ---------------------------------------------------------------------

#: what `alertbot run` logs look like: "2026-11-25 09:00:00,123 INFO    discord.client: ..."
LOG_LINE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING) +[\w.]+: ")
LAUNCH = (
    "import sys, discord.http, discord.gateway, yarl\n"
    "discord.http.Route.BASE = sys.argv[1]\n"
    "discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(sys.argv[2])\n"
    "from bot.cli import main\n"
    "sys.exit(main(sys.argv[3:]))\n"
)


async def test_alertbot_run_with_a_rejected_token_says_so_in_one_line(
    tmp_path: Path, bot_database: Path | str, fake_discord: FakeDiscord, feed_server: FeedServer
) -> None:
    assert fake_discord.token != WRONG
    config = write_config(tmp_path / "config", feed_server.url("/feed.xml"))
    feed_server.set("/feed.xml", feed("Police in Kosovo closed the crossing at Jarinje."))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD", "ALERTBOT"))}
    env["DISCORD_TOKEN"] = WRONG
    env["PYTHONPATH"] = str(CONFIG.parent)
    init = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "init", "--db", str(bot_database), cwd=tmp_path,
        env=env, stdout=asyncio.subprocess.DEVNULL)
    assert await init.wait() == 0  # `run` needs a database made on purpose
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", LAUNCH, fake_discord.api_base, fake_discord.gateway_url,
        "run", "--config", str(config), "--db", str(bot_database),
        cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(60):
        out, err = await process.communicate()
    stdout, stderr = out.decode(), err.decode()
    assert process.returncode == 1
    assert "Traceback" not in stderr and "Traceback" not in stdout
    assert WRONG not in stderr and WRONG not in stdout
    assert fake_discord.token not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("alertbot:")]
    assert errors == ["alertbot: Discord rejected the token (DISCORD_TOKEN); check it in the "
                      "Developer Portal"], stderr
    # Anything else on stderr is a log line (time, level, logger), never a stray dump.
    others = [line for line in stderr.splitlines() if line and line not in errors]
    assert all(LOG_LINE.match(line) for line in others), others
    assert any(r.method == "GET" and r.path.endswith("/users/@me") for r in fake_discord.requests)

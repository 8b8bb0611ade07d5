"""`alertbot run` in a process of its own, pointed at a fake Discord: for tests that kill it.

    python -m tests.fakes.run_bot --config DIR --db PATH_OR_URL

It is ``bot.app.run_bot`` as the CLI calls it (same settings, logging, signal handlers); only
discord.py's two addresses are redirected, since discord.py reads them from class attributes:

* ``ALERTBOT_FAKE_API``: the REST base, e.g. ``http://127.0.0.1:PORT/api/v10``
* ``ALERTBOT_FAKE_GATEWAY``: the gateway, e.g. ``ws://127.0.0.1:PORT/gw``
* ``ALERTBOT_CLOCK_OFFSET`` (optional, seconds): added to the wall clock the bot reads, so that
  a test can restart it "ten minutes later" together with the fake Discord's clock.

``DISCORD_TOKEN`` and the other ``ALERTBOT_*`` variables are read as ``alertbot run`` reads them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import discord
import yarl
from discord.gateway import DiscordWebSocket

from bot.app import run_bot, utc_now
from bot.logs import setup_logging
from bot.settings import load_settings
from bot.store import parse_database


def offset_clock(seconds: float) -> Callable[[], datetime]:
    shift = timedelta(seconds=seconds)
    return lambda: utc_now() + shift


def main() -> int:
    parser = argparse.ArgumentParser(prog="run_bot")
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--db", type=parse_database, required=True)
    args = parser.parse_args()
    discord.http.Route.BASE = os.environ["ALERTBOT_FAKE_API"]
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(os.environ["ALERTBOT_FAKE_GATEWAY"])
    settings = load_settings(args.config)
    assert settings.token is not None, "set DISCORD_TOKEN to the fake's token"
    setup_logging("text", "INFO", secrets=[settings.token.reveal()])
    clock = offset_clock(float(os.environ.get("ALERTBOT_CLOCK_OFFSET", "0")))
    return asyncio.run(run_bot(settings, args.db, clock=clock))


if __name__ == "__main__":
    raise SystemExit(main())

"""`alertbot demo`: the bot's main job, offline, with no token.

A feed server on 127.0.0.1 replays a developing story step by step (plus a feed about another
region and one broken source); the real pipeline (fetch, parse, updates, match, store, sender) runs
on a temporary SQLite database; two console "channels" print each alert as Discord would show it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
import tempfile
from pathlib import Path

from bot.app import open_core
from bot.database import SqliteFile
from bot.demo.console import ConsoleTransport
from bot.demo.feeds import DemoFeeds
from bot.demo.story import STEPS
from bot.model import Severity, Source
from bot.paths import builtin_config
from bot.pipeline.poll import PollReport
from bot.settings import Settings, load_settings

CONFIG_DIR = builtin_config()
GUILD = 1
CHANNELS = {
    101: ("#balkans-watch", "balkans", Severity.HIGH),
    102: ("#middle-east", "middle-east", Severity.LOW),
}


async def run_demo(pause: float = 0.6, config_dir: Path = CONFIG_DIR) -> int:
    async with DemoFeeds() as feeds:
        with tempfile.TemporaryDirectory(prefix="alertbot-demo-") as tmp:
            # A fresh database for every demo, made on purpose (`run` would refuse a new path);
            # the same core as the bot's, with the console where the bot has Discord.
            settings = _settings(config_dir, feeds, Path(tmp) / "demo.db")
            async with open_core(settings, settings.database, rng=random.Random(7)) as core:
                store = core.store
                for channel_id, (_name, region, min_severity) in CHANNELS.items():
                    await store.subscribe(GUILD, channel_id, region, min_severity=min_severity,
                                          filter="", ping_role_id=None,
                                          ping_severity=Severity.CRITICAL, publish=False,
                                          now=core.clock())
                console = ConsoleTransport({cid: name for cid, (name, _r, _s) in CHANNELS.items()})
                sender = core.sender(console)
                _intro()
                for step in STEPS:
                    feeds.show(step)
                    print(f"\n── {step.clock}  {step.caption}")
                    reports = await core.poller.poll_many(await store.source_states())
                    for report in reports:
                        print("   " + _describe(report))
                    if not await sender.drain_once():
                        print("   (no alert)")
                    await asyncio.sleep(pause)
                _outro(console)
    return 0


def _settings(config_dir: Path, feeds: DemoFeeds, db_path: Path) -> Settings:
    """The configuration's rules and knobs with the demo's three sources, and no environment:
    a token or an ALERTBOT_DB of the machine must not reach the demo. Its feeds are on
    127.0.0.1, which it allows as an operator allows a private feed."""
    settings = load_settings(config_dir, env={})
    sources = (
        Source("newsdesk-balkans", feeds.url("/balkans.xml"), "Newsdesk Balkans", 300),
        Source("gulf-wire", feeds.url("/middle-east.xml"), "Gulf Wire", 300),
        Source("broken-wire", feeds.url("/broken.xml"), "Broken Wire", 300),
    )
    fetch = dataclasses.replace(
        settings.fetch, allow_private=(*settings.fetch.allow_private, feeds.network))
    return dataclasses.replace(settings, sources=sources, database=SqliteFile(db_path),
                               fetch=fetch)


def _describe(report: PollReport) -> str:
    if report.status == "error":
        return f"{report.source}: error ({report.error_kind}): {report.error}"
    if report.silent:
        return f"{report.source}: first poll, {report.new_entries} entries recorded silently"
    if report.status in ("not_modified", "unchanged"):
        return f"{report.source}: unchanged"
    return (f"{report.source}: {report.new_updates} new update(s), "
            f"{report.deliveries} delivery(ies) queued")


def _intro() -> None:
    print("alertbot demo: a developing story, replayed from a local feed server.")
    for name, region, severity in CHANNELS.values():
        print(f"  {name} follows {region} (minimum severity {severity.label})")


def _outro(console: ConsoleTransport) -> None:
    print("\n── summary")
    for channel_id, (name, _region, _severity) in CHANNELS.items():
        posted = console.deliveries(channel_id)
        print(f"  {name}: {len(posted)} alert(s), {len(posted) - len(set(posted))} posted twice")

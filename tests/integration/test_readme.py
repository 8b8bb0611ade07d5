"""The README's command-line samples are what the commands print.

A sample is a fenced block right after a ``<!-- sample: SETUP -->`` line. Its lines starting
with ``$ alertbot`` are run, in README order, as real processes in the working folder that
SETUP names (made once per test, so later samples see what earlier ones did); the lines after
each command are its output, stdout and stderr together as a terminal shows them. Times,
dates and ports are normalised before comparing, and so are runs of spaces (a table's columns
widen with its times).

After changing what a command prints, rewrite the samples from the real output with
``ALERTBOT_WRITE_SAMPLES=1 pytest tests/integration/test_readme.py`` and read the diff.
"""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import shutil
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot import health
from bot.demo.story import STEPS
from bot.store import Store
from tests.fakes.feed_server import LOCAL, FeedServer
from tests.integration.test_cli import CONFIG, story

README = Path(__file__).resolve().parents[2] / "README.md"
MARKER = re.compile(r"^<!-- sample: ([\w-]+) -->\n```[\w-]*\n(.*?)^```\n", re.M | re.S)
#: what changes from run to run, and what it becomes on both sides before comparing
VOLATILE = [
    (re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d([.,]\d+)?)?([+-]\d\d:\d\d)?"), "<time>"),
    (re.compile(r"\b\d+\.\d\ds\b"), "<seconds>"),
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:<port>"),
    (re.compile(r"\(\d+ s ago\)"), "(<n> s ago)"),
    (re.compile(r" {2,}"), " "),
]


@dataclass
class Sample:
    setup: str
    #: where the block's text starts and ends in the README
    start: int
    end: int
    #: (command line, output shown) for each ``$ alertbot`` line of the block
    runs: list[tuple[str, str]]


def samples(text: str) -> list[Sample]:
    found = []
    for block in MARKER.finditer(text):
        runs: list[tuple[str, list[str]]] = []
        for line in block[2].splitlines():
            if line.startswith("$ "):
                runs.append((line[2:], []))
            else:
                assert runs, f"sample {block[1]!r}: output before any `$ alertbot` line"
                runs[-1][1].append(line)
        found.append(Sample(block[1], block.start(2), block.end(2),
                            [(cmd, "\n".join(out)) for cmd, out in runs]))
    return found


def normalised(output: str) -> str:
    for pattern, replacement in VOLATILE:
        output = pattern.sub(replacement, output)
    return "\n".join(line.rstrip() for line in output.strip("\n").splitlines())


async def run(folder: Path, command: str) -> str:
    program, *args = shlex.split(command)
    assert program == "alertbot", f"a sample runs alertbot, not {program!r}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALERTBOT_")}
    # The folder stands for the reader's checkout; nothing may reach the real home or .env.
    env.update(DISCORD_TOKEN="", HOME=str(folder), ALERTBOT_DB=str(folder / "alertbot.db"))
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=folder, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await process.communicate()
    return out.decode()


def shipped_config(folder: Path) -> Path:
    shutil.copytree(CONFIG, folder / "config")
    return folder / "config"


async def broken_config(folder: Path, feeds: FeedServer) -> None:
    """The two mistakes the README's check-config sample reports."""
    config = shipped_config(folder)
    sources = (config / "sources.toml").read_text(encoding="utf-8")
    (config / "sources.toml").write_text(
        sources + '\n[[sources]]\nid = "late"\nurl = "https://late.example/feed"\n'
        'name = "Late"\ninterval = "5 minutes"\n', encoding="utf-8")
    regions = (config / "regions.toml").read_text(encoding="utf-8")
    sahel = 'id = "sahel"\nname = "Sahel"\nparent = "africa"\n'
    assert sahel in regions, "the shipped regions.toml changed: update this setup"
    (config / "regions.toml").write_text(regions.replace(sahel, sahel.replace("africa", "afrika")),
                                         encoding="utf-8")


async def newsroom(folder: Path, feeds: FeedServer) -> None:
    """Two sources: the developing story, and a publisher whose server is down. The first poll
    (silent) is done; then the story gains its updates of 1005 and 1040 CET."""
    config = shipped_config(folder)
    feeds.set("/balkans.xml", story())
    feeds.set("/wire.xml", b"", status=503, headers={"Retry-After": "120"})
    allow_local(config)
    (config / "sources.toml").write_text(
        f'[[sources]]\nid = "newsdesk-balkans"\nurl = "{feeds.url("/balkans.xml")}"\n'
        'name = "Newsdesk Balkans"\ninterval = "5m"\n\n'
        f'[[sources]]\nid = "wire"\nurl = "{feeds.url("/wire.xml")}"\nname = "Wire"\n'
        'interval = "5m"\n', encoding="utf-8")
    await run(folder, "alertbot poll --once")
    feeds.set("/balkans.xml", story(*STEPS[4].updates))


def allow_local(config: Path) -> None:
    """The feed server is on 127.0.0.1: allowed as a reader allows a private feed."""
    bot = (config / "bot.toml").read_text(encoding="utf-8")
    assert "\nallow_private = []\n" in bot, "the shipped bot.toml changed: update this setup"
    (config / "bot.toml").write_text(
        bot.replace("\nallow_private = []\n", f'\nallow_private = ["{LOCAL}"]\n'),
        encoding="utf-8")


async def running_bot(folder: Path, feeds: FeedServer) -> None:
    """A database whose bot is up: the facts it records, as a running one left them."""
    shipped_config(folder)
    await run(folder, "alertbot init")
    now = datetime.now(UTC)
    facts = health.Facts(
        heartbeat_at=now - timedelta(seconds=12), connected=True,
        gateway_since=now - timedelta(hours=1), poll_cycle_at=now - timedelta(seconds=12),
        last_send_at=now - timedelta(minutes=19), max_age_s=600,
    )
    async with await Store.open(folder / "alertbot.db") as store:
        await store.set_state(facts.state())


async def server_sources(folder: Path, feeds: FeedServer) -> None:
    """A database made by init, and an OPML list of two local feeds, one in a folder."""
    shipped_config(folder)
    await run(folder, "alertbot init")
    (folder / "feeds.opml").write_text(
        '<?xml version="1.0"?>\n<opml version="2.0"><head><title>Ours</title></head><body>\n'
        f'  <outline text="Local News" xmlUrl="{feeds.url("/news.rss")}"/>\n'
        f'  <outline text="Town"><outline text="Town hall" xmlUrl="{feeds.url("/town.rss")}"/>'
        "</outline>\n</body></opml>\n", encoding="utf-8")


SETUPS: dict[str, Callable[[Path, FeedServer], Awaitable[None]]] = {
    "server-sources": server_sources,
    "broken-config": broken_config,
    "running-bot": running_bot,
    "newsroom": newsroom,
}


def test_every_command_block_of_the_readme_is_a_checked_sample() -> None:
    text = README.read_text(encoding="utf-8")
    checked = {s.start for s in samples(text)}
    for block in re.finditer(r"^```[\w-]*\n(\$ alertbot.*?)^```\n", text, re.M | re.S):
        assert block.start(1) in checked, f"no <!-- sample: … --> marker before:\n{block[1]}"
    assert {s.setup for s in samples(text)} == set(SETUPS)


async def test_the_readme_samples_are_what_the_commands_print(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    text = README.read_text(encoding="utf-8")
    folders: dict[str, Path] = {}
    wrong: list[str] = []
    real_blocks: list[tuple[Sample, str]] = []
    for sample in samples(text):
        if sample.setup not in folders:
            folders[sample.setup] = tmp_path / sample.setup
            folders[sample.setup].mkdir()
            await SETUPS[sample.setup](folders[sample.setup], feed_server)
        block = []
        for command, shown in sample.runs:
            real = await run(folders[sample.setup], command)
            block.append(f"$ {command}\n{real.rstrip()}\n")
            if normalised(real) != normalised(shown):
                wrong.append(f"$ {command}\n--- the README shows:\n{shown}\n"
                             f"--- it prints:\n{real.rstrip()}")
        real_blocks.append((sample, "".join(block)))
    if wrong and os.environ.get("ALERTBOT_WRITE_SAMPLES") == "1":
        for sample, block in reversed(real_blocks):  # from the end, so the offsets hold
            text = text[:sample.start] + block + text[sample.end:]
        README.write_text(text, encoding="utf-8")
    assert not wrong, ("README samples differ from the real output (ALERTBOT_WRITE_SAMPLES=1 "
                       "rewrites them):\n\n" + "\n\n".join(wrong))

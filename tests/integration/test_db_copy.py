"""`alertbot db copy`: a SQLite deployment the poll path filled, copied into a new database of
each engine, loses nothing: every row of every table, ids and outbox state included."""

from __future__ import annotations

import asyncio
import os
import random
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import copy_database
from bot.demo.feeds import rss_document, rss_item
from bot.demo.story import BODY, STEPS, STORY_LINK, STORY_TITLE
from bot.model import Severity, Source
from bot.pipeline.fetch import Fetcher, make_session
from bot.pipeline.match import Matcher
from bot.pipeline.poll import Poller
from bot.store import Store, StoreError
from bot.store.copy import NOT_COPIED, TABLES
from tests.fakes.clock import FakeClock
from tests.fakes.feed_server import LOCAL_GUARD, FeedServer
from tests.integration._old_schema import old_database, table_rows

GUILD, OTHER_GUILD = 10, 11
ROOT = Path(__file__).resolve().parents[2]


def story(*updates: str) -> bytes:
    item = rss_item("story-1", STORY_TITLE, (*updates, *BODY), STORY_LINK)
    return rss_document("Newsdesk", [item])


@pytest.fixture
async def filled(tmp_path: Path, feed_server: FeedServer, matcher: Matcher) -> Path:
    """A SQLite deployment as a bot leaves it: polled sources (one failing), a server's own
    follow, subscriptions (one filtered, one paused), a mute, a server that left, deliveries
    sent, in flight, waiting to retry and given up on, events, and the bot's own state."""
    path = tmp_path / "source.db"
    clock = FakeClock()
    sources = [Source("desk", feed_server.url("/story.xml"), "Newsdesk", 300),
               Source("gone", feed_server.url("/missing.xml"), "Gone", 300)]
    feed_server.set("/story.xml", story())
    feed_server.set("/local.xml", story(STEPS[1].updates[0]))
    async with make_session(guard=LOCAL_GUARD) as session, \
            await Store.open(path, clock=clock) as store:
        await store.sync_sources(sources, clock())
        await store.add_follow(GUILD, feed_server.url("/local.xml"), name="Local", now=clock(),
                               interval=600, added_by=5)
        for channel, region, flt in ((501, "balkans", ""), (502, "kosovo", "gunfire"),
                                     (503, "europe", "")):
            await store.subscribe(GUILD, channel, region, min_severity=Severity.LOW, filter=flt,
                                  ping_role_id=77 if channel == 501 else None,
                                  ping_severity=Severity.CRITICAL, publish=False, now=clock(),
                                  ping_set_by=5 if channel == 501 else None)
        await store.subscribe(OTHER_GUILD, 601, "balkans", min_severity=Severity.LOW,
                              filter="", ping_role_id=None, ping_severity=Severity.CRITICAL,
                              publish=True, now=clock())
        await store.mute(OTHER_GUILD, "gone", until=clock() + timedelta(days=1),
                         reason="noisy", created_by=9, now=clock())
        fetcher = Fetcher(session, timeout_total=1.0, timeout_connect=1.0, guard=LOCAL_GUARD)
        poller = Poller(store, fetcher, matcher, clock=clock, rng=random.Random(1))
        for step in STEPS[:4]:
            feed_server.set("/story.xml", story(*step.updates))
            await poller.poll_many(await store.source_states())
            clock.advance(300)
        owed = await store.pending_deliveries(clock() + timedelta(days=1))
        assert len(owed) >= 4, "the poll path queued too little to copy"
        await store.mark_sent([owed[0].id], 9001, clock())
        await store.mark_attempt([owed[1].id], "nonce-1", clock())
        await store.mark_retry([owed[2].id], "HTTP 503", clock() + timedelta(minutes=1))
        await store.mark_failed([owed[3].id], "HTTP 400")
        await store.pause_channel(503, "Missing Access")
        await store.guild_left(OTHER_GUILD, clock())
        await store.set_state({"poll.cycle_at": clock().isoformat(), "commands.hash": "abc"})
    return path


def columns(database: str | Path, name: str) -> list[str]:
    with old_database(database) as raw:
        return raw.dialect.columns(raw, name)


async def test_a_polled_deployment_is_copied_whole(filled: Path, database: str) -> None:
    copied = await copy_database(filled, database)
    assert list(copied.rows) == list(TABLES)
    for name in TABLES:
        shared = [c for c in columns(database, name) if c in columns(filled, name)]
        assert shared == columns(filled, name), f"{name}: a column would be left behind"
        before, after = table_rows(filled, name, shared), table_rows(database, name, shared)
        assert after == before, name
        assert copied.rows[name] == len(before)
    for name in ("sources", "follows", "entries", "events", "updates", "update_regions",
                 "subscriptions", "mutes", "deliveries", "guilds_left", "bot_state"):
        assert copied.rows[name] > 0, f"the poll path left {name} empty: the test proves less"


async def test_the_copy_reads_as_the_old_database_and_numbers_new_rows_after_it(
    filled: Path, database: str
) -> None:
    await copy_database(filled, database)
    async with await Store.open(filled, read_only=True) as old, \
            await Store.open(database) as new:
        later = FakeClock()() + timedelta(days=1)
        assert await new.latest(limit=50) == await old.latest(limit=50)
        assert await new.search("gunfire") == await old.search("gunfire")
        assert await new.pending_deliveries(later) == await old.pending_deliveries(later)
        assert await new.follows(GUILD, with_operator=True) == await old.follows(
            GUILD, with_operator=True)
        assert await new.source_states() == await old.source_states()
        assert await new.delivery_counts() == await old.delivery_counts()
        highest = max(s.id for s in await old.subscriptions(GUILD))
        added, created = await new.subscribe(GUILD, 504, "japan", min_severity=Severity.LOW,
                                             filter="", ping_role_id=None,
                                             ping_severity=Severity.CRITICAL, publish=False,
                                             now=later)
        assert created and added.id > highest


async def test_a_target_that_is_not_empty_is_refused_and_left_alone(
    filled: Path, database: str
) -> None:
    async with await Store.open(database) as store:
        await store.set_state({"mine": "yes"})
    with pytest.raises(StoreError, match=r"is not empty \(1 bot_state\)"):
        await copy_database(filled, database)
    async with await Store.open(database) as store:
        assert await store.get_state(["mine", "poll.cycle_at"]) == {"mine": "yes"}


async def test_the_command_copies_and_prints_the_counts(
    filled: Path, database: str, tmp_path: Path
) -> None:
    env = {"ALERTBOT_CONFIG": "", "ALERTBOT_DB": ""}
    code, out, err = await alertbot("db", "copy", "--db", str(filled), "--to", database, env=env,
                                    cwd=tmp_path)  # no ./config there: the command needs none
    assert code == 0, err
    assert out.startswith(f"copied {filled} to ")
    assert "  sources " in out and "  deliveries " in out
    code, _, err = await alertbot("db", "copy", "--db", str(filled), "--to", database, env=env,
                                  cwd=tmp_path)
    assert code == 1 and err.startswith("alertbot: nothing was copied: the target")


async def test_a_bad_target_is_named_by_its_option(tmp_path: Path) -> None:
    code, _, err = await alertbot("db", "copy", "--to", "mysql://db/alerts", env={},
                                  cwd=tmp_path)
    assert code == 2 and "argument --to: mysql:// is not a database" in err


async def alertbot(*args: str, env: dict[str, str], cwd: Path) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=cwd,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def test_the_copy_knows_every_table(tmp_path: Path) -> None:
    """A table added by a migration and missing from TABLES would be left behind unnoticed."""
    path = tmp_path / "new.db"
    async with await Store.open(path):
        pass
    with old_database(path) as raw:
        names = {name for (name,) in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    # SQLite's full-text index is rebuilt from updates by its triggers, not copied.
    assert {n for n in names if not n.startswith("updates_fts")} == {*TABLES, *NOT_COPIED}

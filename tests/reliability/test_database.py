"""The database in trouble under the whole bot: locked by another process, read-only, full,
older than the code. Each must give an operator a plain error in the log, never a crash or a
loop that hammers the feeds, lose nothing already committed, and recover once the cause is gone.

The bot runs as `alertbot run` builds it (see ``live_bot`` in conftest.py). The read-only and
full cases are made with pragmas on the bot's own connection (``query_only`` and
``max_page_count`` are per connection): SQLite then fails exactly as it does on a read-only file
or a full disk (SQLITE_READONLY, SQLITE_FULL), which an unprivileged test cannot otherwise
arrange in the middle of a run.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import run_bot
from bot.model import Match, RegionHit, Severity, Update
from bot.pipeline.schedule import STORE_BACKOFF
from bot.settings import Settings, load_settings
from bot.store import Store
from bot.store._migrations import load_migrations
from bot.store._sqlite import SQLITE
from tests.fakes.discord.state import FakeGuild
from tests.integration._old_schema import (
    add_delivery,
    add_source,
    add_subscription,
    add_update,
    old_database,
)
from tests.reliability.conftest import (
    FEED_PATH,
    Clock,
    LiveBot,
    LiveBotFactory,
    eventually,
    posted_titles,
    report_lead,
    report_title,
    write_config,
)

SHIPPED = load_migrations(SQLITE)

#: each case is made with SQLite's own means (a second connection's lock, pragmas, the file)
pytestmark = pytest.mark.sqlite_only


async def on_the_bots_connection(bot: LiveBot, sql: str) -> int:
    """Run a pragma on the bot's own connection (these pragmas do not cross connections)."""
    db = bot.store._db  # the one connection the store serves every task with
    assert db is not None
    rows = list(await db.execute_fetchall(sql))
    return int(rows[0][0]) if rows else 0


async def assert_polling_paused(bot: LiveBot, hits_before: int) -> None:
    """The feed was fetched once since it had ``hits_before`` hits (the poll the database
    refused), and is not fetched again while the database refuses polls, however many ticks
    pass (a poll that cannot be recorded leaves its source due, so without the pause every
    50 ms tick would fetch it again).

    Ticks are counted, not slept through, so a loaded machine cannot make it pass or fail."""
    scheduler = bot.runner.scheduler
    assert scheduler is not None
    bot.clock.advance(STORE_BACKOFF.total_seconds() / 2)
    ticked = scheduler.ticks
    await eventually(lambda: scheduler.ticks >= ticked + 10, "ten ticks of the scheduler")
    assert bot.feeds.hits(FEED_PATH) == hits_before + 1, "the feed was fetched again at once"
    assert not bot.task.done(), "the bot stopped"


@contextlib.contextmanager
def write_lock(path: Path) -> Iterator[None]:
    """Another process's write transaction, held for the block: what a second alertbot or a
    backup tool that writes does."""
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")


async def test_a_locked_database_is_reported_and_the_bot_carries_on_after(
    live_bot: LiveBotFactory, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await live_bot(channels=2)
    bot.publish(3)
    await bot.poll()
    await bot.delivered(3)
    with write_lock(bot.db_path):
        bot.publish(3)
        hits = bot.feeds.hits(FEED_PATH)
        bot.clock.advance(120)
        # The poll waits for the lock (busy_timeout, 5 s), then gives up and says why.
        await eventually(lambda: "polling paused" in caplog.text, "the poll to fail", within=15)
        assert "locked by another process" in caplog.text
        await assert_polling_paused(bot, hits)
    await bot.poll()
    await bot.delivered(6)
    bot.assert_exactly_once(range(1, 7))


async def test_a_read_only_database_is_reported_and_no_post_is_repeated_after(
    live_bot: LiveBotFactory, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await live_bot(channels=1)
    [channel] = bot.channels
    # Discord makes the first message; its answer arrives after the database became read-only,
    # so the sender cannot record it: the worst moment for the database to go.
    bot.fake.stall_next(f"POST /channels/{channel.id}/messages")
    bot.publish(2)
    await bot.poll()
    await bot.fake.wait_until(lambda: len(bot.fake.messages(channel)) == 1, "the post")
    await on_the_bots_connection(bot, "PRAGMA query_only = 1")
    bot.fake.release_stalled()
    await eventually(lambda: "the outbox cannot be used" in caplog.text, "the sender's error")
    bot.publish(2)
    hits = bot.feeds.hits(FEED_PATH)
    bot.clock.advance(120)
    await eventually(lambda: "polling paused" in caplog.text, "the poll to fail")
    assert "the database is read-only" in caplog.text
    await assert_polling_paused(bot, hits)

    await on_the_bots_connection(bot, "PRAGMA query_only = 0")
    await bot.poll()
    await bot.delivered(4)
    # The unrecorded post went again with its nonce, and Discord answered with the first one.
    assert len(bot.fake.messages(channel)) == 2
    bot.assert_exactly_once(range(1, 5))


async def test_a_full_disk_is_reported_and_nothing_committed_is_lost(
    live_bot: LiveBotFactory, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await live_bot(channels=2)
    bot.publish(3)
    await bot.poll()
    await bot.delivered(3)
    pages = await on_the_bots_connection(bot, "PRAGMA page_count")
    # The file may not grow by a single page from now on: the disk is full.
    await on_the_bots_connection(bot, f"PRAGMA max_page_count = {pages}")
    bot.publish(40)
    hits = bot.feeds.hits(FEED_PATH)
    bot.clock.advance(120)
    await eventually(lambda: "polling paused" in caplog.text, "the poll to fail")
    assert "the disk holding the database is full" in caplog.text
    await assert_polling_paused(bot, hits)

    await on_the_bots_connection(bot, f"PRAGMA max_page_count = {2**31 - 1}")
    await bot.poll()
    await bot.delivered(43)
    bot.assert_exactly_once(range(1, 44))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="file permissions do not bind root")
async def test_a_read_only_file_at_start_is_one_plain_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "bot.db"
    async with await Store.open(db):
        pass
    db.chmod(0o444)
    settings = load_settings(write_config(tmp_path / "config", "http://127.0.0.1:9/feed.xml"),
                             env={"DISCORD_TOKEN": "unused"})
    assert await run_bot(settings, db) == 1
    err = capsys.readouterr().err
    assert "the database cannot be used: the database is read-only" in err
    assert "Traceback" not in err


async def test_a_database_from_the_first_schema_is_migrated_and_keeps_delivering(
    live_bot: LiveBotFactory,
) -> None:
    """An alertbot of an earlier schema ran, queued alerts, stopped; the new one starts on it.

    The earlier bot (schema version 3, before subscriptions recorded who set a ping and before
    follows) is played by its own statements (tests/integration/_old_schema.py);
    tests/integration/test_migrations.py carries data from every version."""
    old_channels = []

    async def first_schema(db: Path, guild: FakeGuild, settings: Settings, clock: Clock) -> None:
        channel = guild.add_channel("followed-before")
        old_channels.append(channel)
        async with await Store.open(db, migrations=SHIPPED[:3], clock=clock):
            pass
        [wire] = settings.sources
        with old_database(db) as raw:
            add_source(raw, wire.id, clock(), url=wire.url, name=wire.name,
                       interval=wire.interval)
            subscription = add_subscription(raw, guild.id, channel.id, "balkans", clock())
            for n in (1, 2, 3):
                update, _ = earlier_report(n)
                update_id = add_update(raw, wire.id, update.key, clock(), title=update.title,
                                       text=update.text, severity=2)
                # the first went out before the upgrade
                add_delivery(raw, update_id, subscription, clock(),
                             state="sent" if n == 1 else "pending")
            assert raw.execute("PRAGMA user_version").fetchone()[0] == 3

    bot = await live_bot(channels=1, prepare=first_schema)
    [old] = old_channels
    bot.publish(4)
    await bot.poll()
    await bot.delivered(4)
    with contextlib.closing(sqlite3.connect(bot.db_path)) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == SHIPPED[-1].version
    bot.assert_exactly_once(range(1, 5))
    # What the old bot still owed went once; what it had sent did not go again.
    owed = [EARLIER.format(2), EARLIER.format(3)]
    assert posted_titles(bot.fake, old) == {t: 1 for t in owed + [report_title(n)
                                                                   for n in range(1, 5)]}
    assert set(bot.stored(old).values()) == {"sent"}
    assert len(await bot.store.latest(limit=20)) == 3 + 4


EARLIER = "Earlier report {}: the crossings before the upgrade"


def earlier_report(n: int) -> tuple[Update, Match]:
    update = Update(key=f"earlier-{n}", entry_key=f"earlier-{n}", kind="entry",
                    title=EARLIER.format(n), text=report_lead(n),
                    link=f"http://wire.example/earlier/{n}", marker=None, published=None)
    match = Match(("kosovo", "balkans", "europe"), (RegionHit("kosovo", ("Kosovo",)),),
                  Severity.MEDIUM)
    return update, match


@pytest.mark.parametrize("change", ["moved", "deleted", "swapped"])
async def test_a_database_moved_deleted_or_swapped_while_running_stops_the_bot(
    live_bot: LiveBotFactory, caplog: pytest.LogCaptureFixture, tmp_path: Path, change: str
) -> None:
    """SQLite writes on to the file it opened: a bot left running would record its posts where
    nobody looks, and a bot started on the new file would post them again."""
    bot = await live_bot(channels=1, file_check_s=0.1)
    bot.publish(3)
    await bot.poll()
    await bot.delivered(3)
    moved = tmp_path / "moved.db"
    if change == "moved":
        bot.db_path.rename(moved)
    elif change == "deleted":
        bot.db_path.unlink()
    else:  # mv other.db bot.db
        other = tmp_path / "other.db"
        async with await Store.open(other):
            pass
        other.replace(bot.db_path)
    assert await asyncio.wait_for(bot.task, 10) == 1
    assert bot.shut_down is not None
    await bot.shut_down()
    expected = "was replaced by another file" if change == "swapped" else "deleted or moved"
    assert expected in caplog.text and str(bot.db_path) in caplog.text
    if change == "moved":  # what was committed went with the file
        with contextlib.closing(sqlite3.connect(moved)) as raw:
            states = raw.execute("SELECT state FROM deliveries").fetchall()
        assert states == [("sent",)] * 3
    if change == "swapped":  # the bot wrote nothing into the file it did not open
        with contextlib.closing(sqlite3.connect(bot.db_path)) as raw:
            assert raw.execute("SELECT count(*) FROM deliveries").fetchone() == (0,)

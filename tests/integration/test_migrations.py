"""Schema migrations: from nothing, reopening, from an older version, refusing a newer one; on
both engines (the ``database`` fixture) except where a test is about SQLite's file."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

import pytest

from bot.follows import FollowRefused
from bot.model import EntryState, StoryMode
from bot.store import Store, StoreError
from bot.store._migrations import Migration, load_migrations
from bot.store._postgres import POSTGRES
from bot.store._sqlite import SQLITE, statements
from bot.store._updates import queries
from tests import databases
from tests.integration._old_schema import (
    add_delivery,
    add_mute,
    add_source,
    add_subscription,
    add_update,
    old_database,
)
from tests.integration._store_support import (
    KOSOVO,
    T0,
    commit,
    match,
    source,
    subscribe,
    update,
)

SHIPPED = load_migrations(SQLITE)
TABLES = {"sources", "entries", "updates", "update_regions", "event_regions", "subscriptions",
          "mutes", "deliveries", "follows", "guilds_left", "events"}


def is_postgres(database: str | Path) -> bool:
    return str(database).startswith("postgresql://")


def shipped(database: str | Path) -> tuple[Migration, ...]:
    return load_migrations(POSTGRES if is_postgres(database) else SQLITE)


def schema(database: str | Path) -> list[tuple[str, ...]]:
    """Every table, column and index, as the engine describes them."""
    with old_database(database) as raw:
        if not is_postgres(database):
            return [tuple(r) for r in raw.execute(
                "SELECT name, sql FROM sqlite_master ORDER BY name")]
        columns = raw.execute(
            "SELECT table_name, column_name, data_type, column_default, is_nullable"
            " FROM information_schema.columns WHERE table_schema = current_schema()"
            " ORDER BY table_name, column_name").fetchall()
        indexes = raw.execute("SELECT indexname, indexdef FROM pg_indexes"
                              " WHERE schemaname = current_schema() ORDER BY indexname").fetchall()
        return [tuple(r) for r in [*columns, *indexes]]


def tables(database: str | Path) -> set[str]:
    if not is_postgres(database):
        return {name for name, _ in schema(database)}
    return {str(row[0]) for row in schema(database)}


def version(database: str | Path) -> int:
    with old_database(database) as raw:
        return raw.dialect.version(raw)


def set_version(database: str | Path, value: int) -> None:
    with old_database(database) as raw:
        raw.dialect.set_version(raw, value)


def test_both_engines_have_the_same_steps() -> None:
    """A version means the same schema on either engine: one step each, named alike."""
    assert [(m.version, m.name) for m in load_migrations(POSTGRES)] == [
        (m.version, m.name) for m in SHIPPED]


def test_shipped_migrations_are_numbered_from_one() -> None:
    assert [m.version for m in SHIPPED] == list(range(1, len(SHIPPED) + 1))
    assert SHIPPED[0].name == "initial"


def test_statement_splitting_keeps_trigger_bodies_whole() -> None:
    parts = list(statements(SHIPPED[0].sql))
    creates = SHIPPED[0].sql.count("\nCREATE ")
    assert len(parts) == creates
    bodies = ["\n".join(ln for ln in p.splitlines() if not ln.startswith("--")).strip()
              for p in parts]
    assert all(b.startswith("CREATE") for b in bodies)
    assert any("BEGIN" in p and p.endswith("END;") for p in parts)


def test_an_unfinished_statement_is_refused() -> None:
    with pytest.raises(StoreError, match="unfinished"):
        list(statements("CREATE TABLE a (x);\nCREATE TABLE b (y"))


async def test_from_empty_creates_every_table(database: str) -> None:
    async with await Store.open(database):
        pass
    assert tables(database) >= TABLES
    assert version(database) == shipped(database)[-1].version


async def test_a_new_sqlite_file_is_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    async with await Store.open(path):
        pass
    assert "updates_fts" in tables(path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_reopening_changes_nothing(database: str) -> None:
    async with await Store.open(database) as store:
        await store.sync_sources([source("wire")], T0)
        await commit(store, [(update("u1"), match(*KOSOVO))])
    before = schema(database)
    async with await Store.open(database) as store:
        assert [u.key for u in await store.latest()] == ["u1"]
    assert schema(database) == before
    assert version(database) == shipped(database)[-1].version


async def test_from_version_one_keeps_data(database: str) -> None:
    steps = shipped(database)
    async with await Store.open(database, migrations=steps[:1]):
        pass
    with old_database(database) as raw:
        add_source(raw, "wire", T0)
        add_update(raw, "wire", "u1", T0)
    # A step after every shipped one: the store reads the tables the shipped steps make.
    after = len(steps) + 1
    second = Migration(after, "source_notes", "-- a note per source\n"
                       "ALTER TABLE sources ADD COLUMN note TEXT NOT NULL DEFAULT '';\n"
                       "CREATE INDEX sources_by_name ON sources (name);\n")
    async with await Store.open(database, migrations=(*steps, second)) as store:
        assert [u.key for u in await store.latest()] == ["u1"]
        assert [s.source.id for s in await store.source_states()] == ["wire"]
    assert version(database) == after
    with old_database(database) as raw:
        assert [tuple(r) for r in raw.execute("SELECT id, note FROM sources")] == [("wire", "")]


async def test_a_failing_migration_leaves_the_database_as_it_was(database: str) -> None:
    steps = shipped(database)
    async with await Store.open(database, migrations=steps[:1]):
        pass
    with old_database(database) as raw:
        add_source(raw, "wire", T0)
    before = schema(database)
    broken = Migration(2, "broken", "CREATE TABLE half_done (x integer);\n"
                       "INSERT INTO no_such_table VALUES (1);\n")
    with pytest.raises(StoreError, match=r"migration 2 \(broken\) failed: .*no_such_table"):
        await Store.open(database, migrations=(*steps[:1], broken))
    assert schema(database) == before
    assert version(database) == 1


@pytest.mark.parametrize("read_only", [False, True])
async def test_a_database_from_a_newer_version_is_refused(database: str, read_only: bool) -> None:
    async with await Store.open(database):
        pass
    newer = shipped(database)[-1].version + 1
    set_version(database, newer)
    with pytest.raises(StoreError, match="newer alertbot"):
        await Store.open(database, read_only=read_only)
    assert version(database) == newer


async def test_read_only_needs_a_migrated_database(database: str) -> None:
    async with await Store.open(database, migrations=()):
        pass
    with pytest.raises(StoreError, match="needs migrating"):
        await Store.open(database, read_only=True)


async def test_two_stores_opening_a_new_database_at_once_both_work(database: str) -> None:
    first, second = await asyncio.gather(Store.open(database), Store.open(database))
    try:
        await first.sync_sources([source("wire")], T0)
        assert [s.source.id for s in await second.source_states()] == ["wire"]
    finally:
        await first.close()
        await second.close()
    assert version(database) == shipped(database)[-1].version


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"this is not sqlite at all, just some text" * 100, "not an alertbot database")],
)
async def test_a_file_that_is_not_a_database_is_refused(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=message):
        await Store.open(path)
    assert path.read_bytes() == content


async def test_a_missing_directory_is_a_store_error(tmp_path: Path) -> None:
    before = set(threading.enumerate())
    with pytest.raises(StoreError, match="cannot be opened"):
        await Store.open(tmp_path / "no" / "such" / "dir" / "alerts.db")
    # No worker thread is left that could outlive the event loop (see Store.open).
    assert set(threading.enumerate()) <= before


async def test_every_earlier_version_migrates_to_the_shipped_one_with_its_data(
    database: str,
) -> None:
    steps = shipped(database)
    for start in range(1, len(steps)):
        with databases.another(database) as path:
            await _from_version(path, steps, start)


async def _from_version(path: str, steps: tuple[Migration, ...], start: int) -> None:
    """A database made by the first ``start`` steps, with an older bot's rows, opened by
    today's store."""
    async with await Store.open(path, migrations=steps[:start]):
        pass
    with old_database(path) as raw:
        add_source(raw, "wire", T0, url="HTTPS://News.Example:443/wire.xml#top")
        add_source(raw, "old-wire", T0, removed=True)
        u1 = add_update(raw, "wire", "u1", T0)
        owed = add_subscription(raw, 1, 10, "kosovo", T0)
        add_delivery(raw, u1, owed, T0)
        add_mute(raw, 2, "wire", T0)
    async with await Store.open(path) as store:
        assert [u.key for u in await store.latest()] == ["u1"]
        assert [s.source.id for s in await store.source_states()] == ["wire"]
        assert [d.update.key for d in await store.pending_deliveries(T0)] == ["u1"]
        assert [m.source for m in await store.mutes(2, T0)] == ["wire"]
        # The configured source became the operator's follow; the removed one nobody's.
        [followed] = await store.follows(None)
        assert (followed.follow.source, followed.follow.from_config) == ("wire", True)
        assert followed.follow.url == "HTTPS://News.Example:443/wire.xml#top"
        # Its URL got the key that a server adding the same feed is matched by.
        with pytest.raises(FollowRefused, match="operator's source 'wire'"):
            await store.check_follow(None, "https://news.example/wire.xml")
        # Every guild still gets the operator's updates, as before the migration.
        await subscribe(store, 20, "kosovo", guild_id=3)
        summary = await commit(store, [(update("u2"), match(*KOSOVO))])
        assert summary.deliveries_queued == 2
    assert version(path) == len(steps)


async def test_entry_content_hashes_round_trip(database: str) -> None:
    async with await Store.open(database) as store:
        await store.sync_sources([source("wire")], T0)
        state = EntryState("e1", ((1, 2), (3, 4)), content_hash=2**62 + 5)
        await store.commit_poll(
            "wire", states=[state], updates=[], now=T0, next_poll_at=T0, status=200,
            etag=None, last_modified=None, body_hash=None, deliver=False,
        )
        assert await store.known_entries("wire", ["e1"]) == {"e1": state}


async def test_the_filtered_subscriptions_of_a_commit_are_read_by_their_own_index(
    tmp_path: Path,
) -> None:
    async with await Store.open(tmp_path / "alerts.db"):
        pass
    with sqlite3.connect(tmp_path / "alerts.db") as db:
        sql = f"EXPLAIN QUERY PLAN {queries(SQLITE).filtered}"
        plan = [row[3] for row in db.execute(sql, ("[]", "x"))]
    assert any("subscriptions_filtered" in step for step in plan), plan


async def test_from_every_earlier_version_stories_follow_an_alert_posted_before(
    tmp_path: Path,
) -> None:
    """Migration 7: old subscriptions post stories as replies (the default), and a story whose
    alert an older alertbot posted follows that alert."""
    for start in range(1, len(SHIPPED)):
        path = tmp_path / f"from-{start}.db"
        async with await Store.open(path, migrations=SHIPPED[:start]):
            pass
        with old_database(path) as raw:
            add_source(raw, "wire", T0)
            first = add_update(raw, "wire", "story-1", T0)
            sub = add_subscription(raw, 1, 10, "kosovo", T0)
            alert = add_delivery(raw, first, sub, T0, state="sent")
            raw.execute("UPDATE deliveries SET message_id = 555 WHERE id = ?", (alert,))
        async with await Store.open(path) as store:
            [old] = await store.subscriptions(1)
            assert old.story is StoryMode.REPLY
            await commit(store, [(update("u2", entry_key="story-1"), match(*KOSOVO))])
            [later] = await store.pending_deliveries(T0)
            assert later.story_alert == alert
            assert await store.story_alert(alert) == (555, None)
        assert version(path) == SHIPPED[-1].version

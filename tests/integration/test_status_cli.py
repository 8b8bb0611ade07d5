"""`alertbot status` as an operator runs it: a real process reading a real database that
processes of the bot are using (here, stores opened by this test, at the real time, since
`status` reads the real clock)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.store import DatabaseLock, Store
from tests import databases
from tests.integration._store_support import KOSOVO, commit, match, source, subscribe, update
from tests.integration.test_cli import alertbot

SOURCES = [source(f"wire-{i}") for i in range(6)]


@pytest.fixture
def url(postgres_server: str) -> Iterator[str]:
    with databases.fresh_schema(postgres_server) as url:
        yield url


async def owe(store: Store, channels: range) -> None:
    """Each channel owed two deliveries, queued long ago; the first channel's first waits for
    a retry an hour from now (pending, not due)."""
    await store.sync_sources(SOURCES, datetime.now(UTC) - timedelta(days=2))
    for channel in channels:
        await subscribe(store, channel, "kosovo")
    await commit(store, [(update(f"u{i}"), match(*KOSOVO)) for i in range(2)],
                 source_id="wire-0")
    [first, *_] = await store.pending_deliveries(datetime.now(UTC))
    await store.mark_retry([first.id], "HTTP 503", datetime.now(UTC) + timedelta(hours=1))


async def test_the_processes_alive_their_shards_leases_and_the_outbox_depth(url: str) -> None:
    now = datetime.now(UTC)
    async with (
        await Store.open(url, shards="0,1 of 4") as a,
        await Store.open(url, shards="2,3 of 4") as b,
        await Store.open(url) as gone,
    ):
        await owe(a, range(10, 15))
        await gone.renew_leases((), now - timedelta(minutes=2))  # a process killed 2 min ago
        assert len(await a.due_sources(now, limit=4)) == 4
        assert len(await b.due_sources(now)) == 2
        assert {d.channel_id for d in await a.claim_deliveries(now, limit=3)} == {11, 12}
        code, out, err = await alertbot("status", "--db", url, "--json")
        assert (code, err) == (0, "")
        body = json.loads(out)
        assert [(p["id"], p["shards"], p["sources"], p["channels"]) for p in body["processes"]] == [
            (a._process.id, "0,1 of 4", 4, 2), (b._process.id, "2,3 of 4", 2, 0)]
        assert all(p["heartbeat_age_s"] < 60 for p in body["processes"])
        assert [p["id"] for p in body["dead"]] == [gone._process.id]
        assert body["dead"][0]["heartbeat_age_s"] >= 120
        outbox = body["outbox"]
        assert (outbox["pending"], outbox["due"]) == (10, 9)
        assert outbox["oldest_age_s"] > 24 * 3600  # queued at T0, in 2024

        code, out, _ = await alertbot("status", "--db", url)
        assert code == 0
        lines = out.splitlines()
        assert lines[1] == "processes alive: 2"
        assert lines[2].endswith("shards 0,1 of 4; 4 sources leased, 2 channels claimed")
        assert lines[4] == "processes silent for longer than a lease (dead): 1"
        assert lines[-1].startswith("outbox: 10 pending, 9 due now, the oldest queued ")
        # A longer lease counts the silent one alive.
        code, out, _ = await alertbot("status", "--db", url, "--json", "--lease", "600")
        assert len(json.loads(out)["processes"]) == 3


async def test_on_sqlite_the_one_process_is_the_lock_holder(tmp_path: Path) -> None:
    db = tmp_path / "bot.db"
    async with await Store.open(db) as store:
        await owe(store, range(10, 12))
    lock = DatabaseLock.acquire(db, now=datetime.now(UTC))  # a bot running on it
    try:
        code, out, err = await alertbot("status", "--db", str(db), "--json")
    finally:
        lock.release()
    assert (code, err) == (0, "")
    body = json.loads(out)
    [process] = body["processes"]
    assert (process["pid"], process["heartbeat"], process["sources"]) == (
        os.getpid(), None, None)
    assert (body["outbox"]["pending"], body["outbox"]["due"], body["dead"]) == (4, 3, [])
    code, out, _ = await alertbot("status", "--db", str(db))  # the bot stopped
    assert (code, out.splitlines()[1]) == (0, "processes alive: 0")
    assert out.splitlines()[2].startswith("outbox: 4 pending, 3 due now, the oldest queued ")


async def test_a_missing_database_is_one_line(tmp_path: Path) -> None:
    code, out, err = await alertbot("status", "--db", str(tmp_path / "none.db"))
    assert (code, out) == (1, "")
    assert err.strip().splitlines() == [
        f"alertbot: no database at {tmp_path / 'none.db'}; give the bot's --db / ALERTBOT_DB"]

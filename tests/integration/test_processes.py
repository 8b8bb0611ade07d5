"""Several bot processes on one database (bot.toml's ``[database] processes``), through the
composition root every entry point opens the database by (bot.app.open_core)."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import open_core
from bot.settings import Settings, load_settings
from bot.store import DatabaseHeld, StoreContract, StoreError
from tests import databases
from tests.integration._store_support import KOSOVO, T0, commit, match, subscribe, update
from tests.integration.test_cli import alertbot, config_with

SOURCES = '[[sources]]\nid = "desk"\nurl = "http://127.0.0.1:9/feed.xml"\nname = "Desk"\n' \
          'interval = "5m"\n'


async def owe(store: StoreContract) -> None:
    """Channels 10, 11 and 20 each owed a delivery of the source "desk"."""
    for channel in (10, 11, 20):
        await subscribe(store, channel, "kosovo")
    await commit(store, [(update("u1"), match(*KOSOVO))], source_id="desk")


async def channels(store: StoreContract, limit: int = 500) -> set[int]:
    return {d.channel_id for d in await store.claim_deliveries(T0 + timedelta(days=1), limit)}


def settings(tmp_path: Path, bot_toml: str, folder_name: str = "config") -> Settings:
    folder = config_with(tmp_path / folder_name, SOURCES)
    with (folder / "bot.toml").open("a", encoding="utf-8") as f:
        f.write(bot_toml)
    return load_settings(folder, env={})


async def test_several_processes_share_a_postgresql_database(
    tmp_path: Path, postgres_server: str
) -> None:
    several = settings(tmp_path, '[database]\nprocesses = "several"\n')
    with databases.fresh_schema(postgres_server) as url:
        async with contextlib.AsyncExitStack() as stack:
            first = await stack.enter_async_context(open_core(several, url))
            second = await stack.enter_async_context(open_core(several, url))
            await owe(first.store)
            # Both poll, and both send: each to channels of its own.
            one = await channels(first.store, limit=1)
            other = await channels(second.store, limit=1)
            assert len(one) == len(other) == 1 and one != other
            # Asking again, the second lets its channel go (not in flight) and takes it back
            # with the last one; the first's stays the first's.
            assert await channels(second.store) == {10, 11, 20} - one
        async with open_core(several, url) as third:
            assert await channels(third.store) == {10, 11, 20}  # freed by closing


async def test_without_the_setting_a_second_process_is_still_refused(
    tmp_path: Path, postgres_server: str
) -> None:
    one = settings(tmp_path, "")
    several = settings(tmp_path, '[database]\nprocesses = "several"\n', "several")
    with databases.fresh_schema(postgres_server) as url:
        async with open_core(one, url) as lone:
            with pytest.raises(DatabaseHeld, match='processes = "several"'):
                async with open_core(one, url):
                    pass
            # A process told there are several may poll beside it, and send to the channels
            # the lone one is not sending to: both claim them.
            await owe(lone.store)
            assert await channels(lone.store, limit=1) == {10}
            async with open_core(several, url) as beside:
                assert await channels(beside.store) == {11, 20}


async def test_several_processes_on_a_sqlite_file_are_refused_naming_the_key(
    tmp_path: Path,
) -> None:
    folder = config_with(tmp_path / "config", SOURCES)
    with (folder / "bot.toml").open("a", encoding="utf-8") as f:
        f.write('[database]\nprocesses = "several"\n')
    db = tmp_path / "bot.db"
    assert (await alertbot("init", "--db", str(db)))[0] == 0
    code, out, err = await alertbot("poll", "--once", "--config", str(folder), "--db", str(db))
    assert (code, out) == (1, "")
    assert err.strip().count("\n") == 0, err
    assert f'{folder / "bot.toml"}: [database] processes = "several" needs PostgreSQL' in err
    with pytest.raises(StoreError, match="needs PostgreSQL"):
        async with open_core(load_settings(folder, env={}), db):
            pass

"""Several bot processes on one database (bot.toml's ``[database] processes``), through the
composition root every entry point opens the database by (bot.app.open_core)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from bot.app import open_core
from bot.settings import Settings, load_settings
from bot.store import DatabaseHeld, StoreError
from tests import databases
from tests.integration.test_cli import alertbot, config_with

SOURCES = '[[sources]]\nid = "desk"\nurl = "http://127.0.0.1:9/feed.xml"\nname = "Desk"\n' \
          'interval = "5m"\n'


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
            # Both poll; one of them sends the outbox.
            assert [await first.store.take_outbox(), await second.store.take_outbox()] == [
                True, False]
        async with open_core(several, url) as third:
            assert await third.store.take_outbox()


async def test_without_the_setting_a_second_process_is_still_refused(
    tmp_path: Path, postgres_server: str
) -> None:
    one = settings(tmp_path, "")
    several = settings(tmp_path, '[database]\nprocesses = "several"\n', "several")
    with databases.fresh_schema(postgres_server) as url:
        async with open_core(one, url):
            with pytest.raises(DatabaseHeld, match='processes = "several"'):
                async with open_core(one, url):
                    pass
            # A process told there are several may poll beside it, but never sends the outbox.
            async with open_core(several, url) as beside:
                assert not await beside.store.take_outbox()


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

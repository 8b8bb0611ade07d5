"""The command line as an operator uses it: real processes, real files, real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.demo.feeds import rss_document, rss_item
from bot.demo.story import BODY, STEPS, STORY_LINK, STORY_TITLE
from bot.store import Store
from tests.fakes.feed_server import ALLOW_LOCAL_TOML, FeedServer

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "config"


async def alertbot(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "DISCORD_TOKEN": "", **(env or {})},
    )
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def config_with(folder: Path, sources: str) -> Path:
    folder.mkdir()
    for name in ("regions.toml", "severity.toml"):
        shutil.copy(CONFIG / name, folder / name)
    (folder / "sources.toml").write_text(sources, encoding="utf-8")
    (folder / "bot.toml").write_text(ALLOW_LOCAL_TOML, encoding="utf-8")
    return folder


def story(*updates: str) -> bytes:
    return rss_document("Desk", [rss_item("s1", STORY_TITLE, (*updates, *BODY), STORY_LINK)])


async def test_check_config_accepts_the_shipped_config() -> None:
    code, out, _ = await alertbot("check-config", "--config", str(CONFIG))
    assert code == 0 and "valid" in out


async def test_check_config_reports_every_problem_with_file_and_key(tmp_path: Path) -> None:
    folder = config_with(tmp_path / "c", (
        '[[sources]]\nid = "a"\nurl = "https://a.example/feed"\nname = "A"\n'
        'interval = "5 minutes"\ncolour = "red"\n'
    ))
    code, _, err = await alertbot("check-config", "--config", str(folder))
    assert code == 2
    assert "sources.toml: sources[0].interval" in err
    assert "sources[0].colour" in err
    assert "Traceback" not in err


async def test_run_without_a_token_is_a_one_line_error(tmp_path: Path) -> None:
    code, _, err = await alertbot("run", "--config", str(CONFIG), "--db", str(tmp_path / "x.db"))
    assert code == 1
    assert err.strip().count("\n") == 0 and "DISCORD_TOKEN" in err


async def test_explain_json_names_regions_with_ancestors_and_country() -> None:
    code, out, _ = await alertbot(
        "explain", "--json", "Gunfire was heard along the border crossings in Northern Kosovo.")
    assert code == 0
    result = json.loads(out)
    regions = {r["id"]: r for r in result["regions"]}
    assert regions["kosovo"]["country"] == "XK"
    assert regions["kosovo"]["ancestors"][:2] == ["balkans", "europe"]
    assert any("Kosovo" in term for term in regions["kosovo"]["terms"])
    assert result["severity"] == "critical"


async def test_inspect_shows_segments_and_refuses_what_is_not_a_feed(tmp_path: Path) -> None:
    feed = tmp_path / "story.xml"
    feed.write_bytes(story(*STEPS[4].updates))
    code, out, _ = await alertbot("inspect", "--json", str(feed))
    assert code == 0
    [entry] = json.loads(out)["entries"]
    assert [s["marker"] for s in entry["segments"]][:2] == ["Update (1040 CET)",
                                                            "Update (1005 CET)"]
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Hello</p></body></html>", encoding="utf-8")
    code, _, err = await alertbot("inspect", str(page))
    assert code == 1 and "not a feed" in err and "Traceback" not in err


async def test_poll_once_then_latest(
    tmp_path: Path, bot_database: Path | str, feed_server: FeedServer
) -> None:
    feed_server.set("/story.xml", story())
    feed_server.set("/down.xml", b"", status=503, headers={"Retry-After": "120"})
    folder = config_with(tmp_path / "c", (
        f'[[sources]]\nid = "desk"\nurl = "{feed_server.url("/story.xml")}"\nname = "Desk"\n'
        'interval = "5m"\n\n'
        f'[[sources]]\nid = "down"\nurl = "{feed_server.url("/down.xml")}"\nname = "Down"\n'
        'interval = "5m"\n'
    ))
    db = str(bot_database)
    code, out, err = await alertbot("poll", "--once", "--config", str(folder), "--db", db)
    assert code == 3  # one source failed, the other worked
    warnings = [line for line in err.splitlines() if line.startswith("alertbot: warning")]
    if isinstance(bot_database, Path):
        # A fresh path is created for scripts, with one warning that says so.
        [warning] = warnings
        assert db in warning and "alertbot init" in warning
    else:
        assert warnings == []  # a PostgreSQL database is there or not: nothing to say
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "silent" in rows["desk"]
    assert "503" in rows["down"] and "error" in rows["down"]

    feed_server.set("/story.xml", story(*STEPS[4].updates))
    code, out, err = await alertbot("poll", "--once", "--config", str(folder), "--db", db)
    assert code == 3 and "alertbot: warning" not in err
    code, out, _ = await alertbot("latest", "--json", "--db", db, "--region", "kosovo")
    assert code == 0
    updates = json.loads(out)
    assert updates and updates[0]["severity"] == "critical"
    assert {"id", "source", "link", "title", "text", "regions", "severity", "seen_at"} <= set(
        updates[0])
    assert "kosovo" in updates[0]["regions"]


@pytest.mark.parametrize("args", [["--limit", "0"], ["--min-severity", "dire"]])
async def test_latest_refuses_bad_options_in_plain_words(tmp_path: Path, args: list[str]) -> None:
    code, _, err = await alertbot("latest", "--db", str(tmp_path / "none.db"), *args)
    assert code == 1 and "Traceback" not in err and err.startswith("alertbot: ")


async def test_latest_on_a_missing_database_says_how_to_create_one(tmp_path: Path) -> None:
    db = tmp_path / "none.db"
    code, _, err = await alertbot("latest", "--db", str(db))
    assert code == 1 and f"alertbot init --db {db}" in err
    assert not db.exists()


# -- the database is created on purpose, and held by one bot --------------------------------


async def test_init_creates_the_database_and_its_folder_then_says_it_is_up_to_date(
    tmp_path: Path,
) -> None:
    db = tmp_path / "new" / "folder" / "bot.db"
    code, out, _ = await alertbot("init", "--config", str(CONFIG), "--db", str(db))
    assert code == 0 and "created" in out and db.is_file()
    code, out, _ = await alertbot("init", "--config", str(CONFIG), "--db", str(db))
    assert code == 0 and "exists and is up to date" in out


async def test_run_refuses_a_path_with_no_database_and_names_the_init_command(
    tmp_path: Path,
) -> None:
    db = tmp_path / "typo.db"
    code, _, err = await alertbot("run", "--config", str(CONFIG), "--db", str(db),
                                  env={"DISCORD_TOKEN": "not-checked-before-the-database"})
    assert code == 1
    assert err.strip().count("\n") == 0, err
    assert f"alertbot init --db {db}" in err
    assert not db.exists() and not (tmp_path / "typo.db.lock").exists()


#: a bot's hold on its database, by the same code path as `alertbot run` (open_core)
HOLD_LIKE_RUN = """
import asyncio, sys
from pathlib import Path
from bot.app import open_core
from bot.settings import load_settings

async def hold() -> None:
    settings = load_settings(Path(sys.argv[1]), env={})
    async with open_core(settings, Path(sys.argv[2]), create=False):
        print("held", flush=True)
        await asyncio.sleep(60)

asyncio.run(hold())
"""


async def test_a_second_bot_or_poll_on_a_held_database_is_refused_naming_the_holder(
    tmp_path: Path,
) -> None:
    folder = config_with(tmp_path / "c", (
        '[[sources]]\nid = "desk"\nurl = "http://127.0.0.1:9/feed.xml"\nname = "Desk"\n'
        'interval = "5m"\n'
    ))
    db = tmp_path / "bot.db"
    code, _, _ = await alertbot("init", "--db", str(db))
    assert code == 0
    holder = await asyncio.create_subprocess_exec(
        sys.executable, "-c", HOLD_LIKE_RUN, str(folder), str(db),
        stdout=asyncio.subprocess.PIPE, cwd=ROOT)
    assert holder.stdout is not None
    try:
        assert await asyncio.wait_for(holder.stdout.readline(), 60) == b"held\n"
        for command in (["poll", "--once"], ["run"]):
            code, out, err = await alertbot(*command, "--config", str(folder), "--db", str(db),
                                            env={"DISCORD_TOKEN": "unused"})
            assert code == 1, (command, err)
            assert err.strip().count("\n") == 0, err
            assert str(db) in err and f"pid {holder.pid} on {socket.gethostname()}" in err
            assert "since" in err and out == ""
        # Reading needs no lock.
        code, _, _ = await alertbot("latest", "--db", str(db))
        assert code == 0
    finally:
        holder.kill()
        await holder.wait()
    # SIGKILLed: the lock file stays, the lock does not.
    code, _, err = await alertbot("poll", "--once", "--config", str(folder), "--db", str(db))
    # Polled, not refused: its one source is unreachable, so every source failed (4).
    assert code == 4 and "in use" not in err, err
async def empty_db(path: Path | str) -> str:
    async with await Store.open(path):
        pass
    return str(path)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("kosvo", "alertbot: unknown region 'kosvo'; did you mean kosovo?\n"),
        ("narnia", "alertbot: unknown region 'narnia'"),
    ],
)
async def test_latest_refuses_an_unknown_region_and_names_the_close_ones(
    bot_database: Path | str, typed: str, said: str
) -> None:
    db = await empty_db(bot_database)
    for json_flag in ([], ["--json"]):
        code, out, err = await alertbot("latest", "--db", db, "--region", typed, *json_flag)
        assert (code, out) == (1, "")
        assert err.startswith(said)


async def test_latest_says_when_a_known_region_has_nothing_yet(
    bot_database: Path | str,
) -> None:
    db = await empty_db(bot_database)
    code, out, _ = await alertbot("latest", "--db", db, "--region", "Kosovo")
    assert (code, out) == (0, "No updates stored for Kosovo yet.\n")
    code, out, _ = await alertbot("latest", "--db", db)
    assert (code, out) == (0, "No updates stored yet.\n")


def sources_toml(feed_server: FeedServer, paths: dict[str, str]) -> str:
    """``{"desk": "/story.xml"}`` → a sources.toml with one source per id, served at path."""
    return "\n".join(
        f'[[sources]]\nid = "{source}"\nurl = "{feed_server.url(path)}"\nname = "{source}"\n'
        'interval = "5m"\n'
        for source, path in paths.items()
    )


TABLE_HEADER = ["source", "status", "http", "entries", "updates", "queued", "time", "error"]


@pytest.mark.parametrize(
    ("paths", "exit_code"),
    [
        ({"desk": "/story.xml", "wire": "/wire.xml"}, 0),
        ({"desk": "/story.xml", "broken": "/broken.xml"}, 3),
        ({"broken": "/broken.xml", "gone-wrong": "/gone-wrong.xml"}, 4),
    ],
    ids=["all-polled", "some-failed", "all-failed"],
)
async def test_poll_once_exit_code_says_whether_some_or_every_source_failed(
    tmp_path: Path, bot_database: Path | str, feed_server: FeedServer, paths: dict[str, str],
    exit_code: int,
) -> None:
    for path in ("/story.xml", "/wire.xml"):
        feed_server.set(path, story())
    for path in ("/broken.xml", "/gone-wrong.xml"):
        feed_server.set(path, b"oops", status=500)
    folder = config_with(tmp_path / "c", sources_toml(feed_server, paths))
    code, out, err = await alertbot("poll", "--once", "--config", str(folder),
                                    "--db", str(bot_database))
    assert code == exit_code, err
    header, *rows = out.splitlines()
    assert header.split() == TABLE_HEADER  # scripts read this table: it keeps its shape
    assert {row.split()[0]: row.split()[1] for row in rows} == {
        source: "silent" if source in ("desk", "wire") else "error" for source in paths
    }


async def test_poll_once_on_a_database_that_cannot_open_is_exit_1_in_one_line(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.set("/story.xml", story())
    folder = config_with(tmp_path / "c", sources_toml(feed_server, {"desk": "/story.xml"}))
    # A folder where the database file should be: sqlite cannot open it.
    code, out, err = await alertbot("poll", "--once", "--config", str(folder),
                                    "--db", str(tmp_path))
    assert (code, out) == (1, "")
    assert err.startswith("alertbot: the database cannot be used: ")
    assert err.count("\n") == 1 and "Traceback" not in err


async def alertbot_to_a_reader_that_stops(*args: str, after_lines: int) -> tuple[int, str]:
    """Run alertbot with its stdout into a real pipe whose reader reads ``after_lines`` lines
    and closes it, as `| head -n` does; 0 closes it before alertbot writes anything."""
    read_end, write_end = os.pipe()
    reader = os.fdopen(read_end, "rb")
    if after_lines == 0:
        reader.close()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, stdout=write_end, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "DISCORD_TOKEN": ""},
    )
    os.close(write_end)
    if after_lines:
        for _ in range(after_lines):
            await asyncio.to_thread(reader.readline)
        reader.close()
    _, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, err.decode()


def long_feed(path: Path) -> str:
    """A feed whose `inspect` listing is far longer than a pipe holds (64 KiB on Linux), so
    alertbot is still writing when the reader goes."""
    items = [rss_item(f"s{i}", f"{STORY_TITLE} ({i})", BODY, f"{STORY_LINK}/{i}")
             for i in range(400)]
    path.write_bytes(rss_document("Desk", items))
    return str(path)


@pytest.mark.parametrize(
    ("command", "after_lines"),
    [
        (lambda tmp: ["inspect", long_feed(tmp / "long.xml")], 1),  # cut off while printing
        (lambda tmp: ["latest", "--db", str(tmp / "bot.db")], 0),  # at the flush on exit
        (lambda tmp: ["explain", "Gunfire was heard in Northern Kosovo."], 0),
    ],
    ids=["inspect-head-1", "latest-head-0", "explain-head-0"],
)
async def test_a_reader_that_stops_early_ends_the_command_quietly(
    tmp_path: Path, command: Callable[[Path], list[str]], after_lines: int
) -> None:
    await empty_db(tmp_path / "bot.db")
    code, err = await alertbot_to_a_reader_that_stops(*command(tmp_path),
                                                      after_lines=after_lines)
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert code == 141  # 128 + SIGPIPE, as a program killed by SIGPIPE reports


async def test_commands_doc_prints_the_command_reference() -> None:
    code, out, err = await alertbot("commands-doc")
    assert (code, err) == (0, "")
    assert out == (ROOT / "docs" / "COMMANDS.md").read_text(encoding="utf-8")

"""The command line as an operator uses it: real processes, real files, real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import sys
from pathlib import Path

import pytest

from bot.demo.feeds import rss_document, rss_item
from bot.demo.story import BODY, STEPS, STORY_LINK, STORY_TITLE
from tests.fakes.feed_server import FeedServer

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


async def test_poll_once_then_latest(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.set("/story.xml", story())
    feed_server.set("/down.xml", b"", status=503, headers={"Retry-After": "120"})
    folder = config_with(tmp_path / "c", (
        f'[[sources]]\nid = "desk"\nurl = "{feed_server.url("/story.xml")}"\nname = "Desk"\n'
        'interval = "5m"\n\n'
        f'[[sources]]\nid = "down"\nurl = "{feed_server.url("/down.xml")}"\nname = "Down"\n'
        'interval = "5m"\n'
    ))
    db = str(tmp_path / "bot.db")
    code, out, err = await alertbot("poll", "--once", "--config", str(folder), "--db", db)
    assert code == 0
    # A fresh path is created for scripts, with one warning that says so.
    [warning] = [line for line in err.splitlines() if line.startswith("alertbot: warning")]
    assert db in warning and "alertbot init" in warning
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "silent" in rows["desk"]
    assert "503" in rows["down"] and "error" in rows["down"]

    feed_server.set("/story.xml", story(*STEPS[4].updates))
    code, out, err = await alertbot("poll", "--once", "--config", str(folder), "--db", db)
    assert code == 0 and "alertbot: warning" not in err
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
    assert code == 0, err

"""The command line as an operator uses it: real processes, real files, real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from bot.demo.feeds import rss_document, rss_item
from bot.demo.story import BODY, STEPS, STORY_LINK, STORY_TITLE
from bot.store import Store
from tests.fakes.feed_server import FeedServer

CONFIG = Path(__file__).resolve().parents[2] / "config"


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
    code, out, _ = await alertbot("poll", "--once", "--config", str(folder), "--db", db)
    assert code == 0
    rows = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "silent" in rows["desk"]
    assert "503" in rows["down"] and "error" in rows["down"]

    feed_server.set("/story.xml", story(*STEPS[4].updates))
    code, out, _ = await alertbot("poll", "--once", "--config", str(folder), "--db", db)
    assert code == 0
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


async def empty_db(path: Path) -> str:
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
    tmp_path: Path, typed: str, said: str
) -> None:
    db = await empty_db(tmp_path / "bot.db")
    for json_flag in ([], ["--json"]):
        code, out, err = await alertbot("latest", "--db", db, "--region", typed, *json_flag)
        assert (code, out) == (1, "")
        assert err.startswith(said)


async def test_latest_says_when_a_known_region_has_nothing_yet(tmp_path: Path) -> None:
    db = await empty_db(tmp_path / "bot.db")
    code, out, _ = await alertbot("latest", "--db", db, "--region", "Kosovo")
    assert (code, out) == (0, "No updates stored for Kosovo yet.\n")
    code, out, _ = await alertbot("latest", "--db", db)
    assert (code, out) == (0, "No updates stored yet.\n")

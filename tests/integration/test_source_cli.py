"""`alertbot source …` as an operator uses it: real processes, a real database file, real HTTP
on 127.0.0.1 (the feed server counts every request)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.demo.feeds import rss_document, rss_item
from bot.opml import read_opml
from tests.fakes.feed_server import ALLOW_LOCAL_TOML, LOCAL, FeedServer
from tests.integration.test_cli import alertbot, config_with

WIRE = '[[sources]]\nid = "wire"\nurl = "https://wire.example/feed.xml"\nname = "Wire"\n' \
       'interval = "5m"\n'
FEED = rss_document("Local Desk", [rss_item("s1", "Council meets", ("The council met.",),
                                            "https://local.example/s1")])


@pytest.fixture
async def setup(tmp_path: Path, bot_database: Path | str) -> tuple[Path, Path | str]:
    """A configuration (one operator source, a server limit of 2, the feed server's address
    allowed) and a database made by init."""
    config = config_with(tmp_path / "config", WIRE)
    (config / "bot.toml").write_text(
        ALLOW_LOCAL_TOML + 'per_guild = 2\nmin_interval = "5m"\n',
        encoding="utf-8",
    )
    db = bot_database
    code, _, err = await alertbot("init", "--config", str(config), "--db", str(db))
    assert code == 0, err
    return config, db


def where(setup: tuple[Path, Path | str]) -> list[str]:
    config, db = setup
    return ["--config", str(config), "--db", str(db)]


async def listed(setup: tuple[Path, Path | str], *guild: str) -> list[dict[str, object]]:
    code, out, err = await alertbot("source", "list", "--json", *guild, *where(setup))
    assert code == 0, err
    result: list[dict[str, object]] = json.loads(out)
    return result


async def test_add_fetches_once_then_follows_for_that_server(
    setup: tuple[Path, Path | str], feed_server: FeedServer,
) -> None:
    feed_server.set("/local.xml", FEED)
    url = feed_server.url("/local.xml")
    code, out, err = await alertbot("source", "add", url, "--guild", "1", "--interval", "15m",
                                    *where(setup))
    assert code == 0, err
    assert "Local Desk (rss, 1 entries)" in out
    assert feed_server.hits("/local.xml") == 1
    [source] = await listed(setup, "--guild", "1")
    assert (source["url"], source["name"], source["guild"], source["interval_s"]) == (
        url, "Local Desk", 1, 900)
    assert source["status"] == "waiting for its first poll"
    # Another server sees none of it.
    assert await listed(setup, "--guild", "2") == []


async def test_what_the_operator_may_reach_a_server_may_not(
    setup: tuple[Path, Path | str], feed_server: FeedServer,
) -> None:
    # The operator allows its own feeds the feed server's address, not the servers' feeds.
    config, _ = setup
    (config / "bot.toml").write_text(f'[fetch]\nallow_private = ["{LOCAL}"]\n', encoding="utf-8")
    feed_server.set("/intranet.xml", FEED)
    url = feed_server.url("/intranet.xml")
    code, out, err = await alertbot("source", "add", url, "--guild", "1", *where(setup))
    assert (code, out) == (1, ""), err
    assert "127.0.0.1 is a loopback address: not fetched" in err, err
    assert feed_server.hits("/intranet.xml") == 0
    code, out, err = await alertbot("source", "add", url, *where(setup))
    assert code == 0, err
    assert feed_server.hits("/intranet.xml") == 1


@pytest.mark.parametrize(("path", "body", "status", "says"), [
    ("/page.html", "<html><body><p>Not a feed</p></body></html>", 200,
     "is not a feed the bot can read"),
    ("/missing.xml", "gone", 404, "cannot be fetched: the server answered 404"),
])
async def test_add_refuses_what_is_no_feed_in_one_line_and_adds_nothing(
    setup: tuple[Path, Path | str], feed_server: FeedServer, path: str, body: str, status: int,
    says: str,
) -> None:
    feed_server.set(path, body, status=status, content_type="text/html")
    code, out, err = await alertbot("source", "add", feed_server.url(path), "--guild", "1",
                                    *where(setup))
    assert code == 1
    assert err.startswith("alertbot: ") and err.count("\n") == 1 and says in err, err
    assert out == ""
    assert await listed(setup, "--guild", "1") == []


@pytest.mark.parametrize(("url", "says"), [
    ("http://169.254.169.254/latest/meta-data", "169.254.169.254 is a link-local address"),
    ("http://10.0.0.7/feed.xml", "10.0.0.7 is a private address"),
    ("http://[::1]:8080/feed.xml", "::1 is the loopback address"),
])
async def test_a_forbidden_address_is_refused_with_the_reason(
    setup: tuple[Path, Path | str], url: str, says: str
) -> None:
    # Only 127.0.0.1 is allowed (for the feed server): the cloud metadata address, a private
    # network and IPv6 loopback are refused before any connection is made.
    code, out, err = await alertbot("source", "add", url, "--guild", "1", *where(setup))
    assert (code, out) == (1, "")
    assert err.startswith("alertbot: ") and err.count("\n") == 1 and says in err, err
    assert "not fetched" in err, err
    assert await listed(setup, "--guild", "1") == []


async def test_refusals_before_any_fetch_say_why(
    setup: tuple[Path, Path | str], feed_server: FeedServer,
) -> None:
    for n in (1, 2):
        feed_server.set(f"/f{n}.xml", FEED)
        code, _, err = await alertbot("source", "add", feed_server.url(f"/f{n}.xml"),
                                      "--guild", "1", *where(setup))
        assert code == 0, err
    cases = [
        (["source", "add", feed_server.url("/f3.xml"), "--guild", "1"],
         "follows 2 sources, the most this bot allows (2)"),
        (["source", "add", feed_server.url("/f1.xml"), "--guild", "9", "--interval", "1m"],
         "the shortest interval a server's source may have is 5m"),
        (["source", "add", feed_server.url("/f1.xml"), "--guild", "1"],
         "this server follows that feed already"),
        (["source", "add", "https://wire.example/feed.xml"],
         "already the operator's source 'wire' in sources.toml"),
        (["source", "add", "ftp://wire.example/feed.xml"], "is not an http(s) URL"),
        (["source", "remove", "wire"], "comes from sources.toml"),
        (["source", "remove", "nothing-here", "--guild", "1"],
         "this server does not follow a source 'nothing-here'"),
    ]
    for args, says in cases:
        code, _, err = await alertbot(*args, *where(setup))
        assert code == 1 and err.count("\n") == 1 and says in err, (args, err)
    assert feed_server.hits("/f3.xml") == 0
    assert feed_server.hits("/f1.xml") == 1  # its add; none of the refusals fetched it


async def test_operator_sources_in_the_database_sit_beside_the_config_ones(
    setup: tuple[Path, Path | str], feed_server: FeedServer,
) -> None:
    feed_server.set("/local.xml", FEED)
    code, _, err = await alertbot("source", "add", feed_server.url("/local.xml"), "--name",
                                  "Local", *where(setup))
    assert code == 0, err
    sources = {s["id"]: (s["name"], s["from_config"], s["guild"]) for s in await listed(setup)}
    assert sources == {"wire": ("Wire", True, None),
                       "127-0-0-1-local-xml": ("Local", False, None)}
    code, out, err = await alertbot("source", "remove", feed_server.url("/local.xml"),
                                    *where(setup))
    assert code == 0 and "removed 127-0-0-1-local-xml: Local" in out, err
    assert [s["id"] for s in await listed(setup)] == ["wire"]


OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="Local">
      <outline text="Town hall" type="rss" xmlUrl="{a}"/>
      <outline text="Folder"><outline title="Harbour news" xmlUrl="{b}" htmlUrl="https://h.example/"/></outline>
    </outline>
    <outline text="Just a link" htmlUrl="https://example.org/"/>
  </body>
</opml>
"""


async def test_import_then_export_gives_back_the_same_feeds(
    setup: tuple[Path, Path | str], tmp_path: Path,
) -> None:
    a, b = "https://town.example/rss", "https://harbour.example/feed.atom"
    opml = tmp_path / "feeds.opml"
    opml.write_text(OPML.format(a=a, b=b), encoding="utf-8")
    code, out, err = await alertbot("source", "import", str(opml), "--guild", "1", *where(setup))
    assert code == 0, err
    assert out.count("added ") == 2
    code, out, err = await alertbot("source", "export", "--guild", "1", *where(setup))
    assert code == 0, err
    feeds = read_opml(out.encode(), max_bytes=1 << 20, max_outlines=10)
    assert sorted((f.url, f.title) for f in feeds) == [(b, "Harbour news"), (a, "Town hall")]
    # Importing again adds nothing and says so.
    code, out, err = await alertbot("source", "import", str(opml), "--guild", "1", *where(setup))
    assert code == 0 and out.count("already followed") == 2, err
    # To a file, too.
    target = tmp_path / "out.opml"
    code, _, err = await alertbot("source", "export", "--guild", "1", str(target), *where(setup))
    assert code == 0 and "wrote 2 sources" in err
    assert len(read_opml(target.read_bytes(), max_bytes=1 << 20, max_outlines=10)) == 2


async def test_an_import_that_would_pass_the_limit_imports_nothing(
    setup: tuple[Path, Path | str], tmp_path: Path,
) -> None:
    outlines = "".join(f'<outline text="F{n}" xmlUrl="https://f{n}.example/rss"/>'
                       for n in range(3))
    opml = tmp_path / "three.opml"
    opml.write_text(f'<opml version="2.0"><head/><body>{outlines}</body></opml>', "utf-8")
    code, out, err = await alertbot("source", "import", str(opml), "--guild", "1", *where(setup))
    assert code == 1 and out == ""
    assert "has 3 feeds this server does not follow yet; it follows 0 of at most 2, so 2 more " \
           "fit; nothing was imported" in err
    assert await listed(setup, "--guild", "1") == []


async def test_a_bad_opml_file_is_one_line(setup: tuple[Path, Path | str], tmp_path: Path) -> None:
    opml = tmp_path / "bad.opml"
    opml.write_text("<opml><body><outline", "utf-8")
    code, _, err = await alertbot("source", "import", str(opml), "--guild", "1", *where(setup))
    assert code == 1 and err.count("\n") == 1 and "not well-formed XML" in err


async def test_source_commands_need_a_database(tmp_path: Path) -> None:
    config = config_with(tmp_path / "config", WIRE)
    code, _, err = await alertbot("source", "list", "--config", str(config), "--db",
                                  str(tmp_path / "none.db"))
    assert code == 1 and "alertbot init" in err and err.count("\n") == 1
    assert not (tmp_path / "none.db").exists()

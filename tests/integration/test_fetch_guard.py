"""The fetch guard against real servers: whatever a URL, its DNS answer or a redirect says, no
request reaches an address the guard refuses, and the servers' own request counts show it.

The forbidden site is a FeedServer on 127.0.0.1 (loopback, refused unless allowed). Where a test
needs an allowed site too, a second one listens on 127.0.0.2, on the same port, so one URL port
reaches either and only the address decides. Name resolution is the one thing faked
(``Answers``); the guard, aiohttp's connector and the sockets are real.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.abc import AbstractResolver, ResolveResult

from bot.app import open_fetcher
from bot.pipeline.fetch import Fetched, Fetcher, Forbidden, GuardedResolver, make_session
from bot.pipeline.guard import AddressGuard
from bot.settings import FetchSettings, load_bot_config
from tests.fakes.feed_server import ALLOW_LOCAL_TOML, FeedServer
from tests.integration.test_cli import config_with, story

TARGET_BODY = b"<rss version='2.0'><channel><title>inside</title></channel></rss>"
ORIGIN_BODY = b"<rss version='2.0'><channel><title>outside</title></channel></rss>"
#: the allowed site's address, and the rule that lets it (and it alone) through
ORIGIN_HOST = "127.0.0.2"
ORIGIN_ONLY = AddressGuard.allowing(f"{ORIGIN_HOST}/32")
#: the rule of a bot whose operator allowed nothing private
STRICT = AddressGuard()


class Answers(AbstractResolver):
    """A DNS that answers each name from a script: ``Answers({"a.test": [["127.0.0.2"],
    ["127.0.0.1"]]})`` answers the first list first and the last one from then on."""

    def __init__(self, script: dict[str, list[list[str]]]) -> None:
        self._script = {name: list(turns) for name, turns in script.items()}
        #: how many times each name was asked for
        self.asked: dict[str, int] = {}

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.asked[host] = self.asked.get(host, 0) + 1
        turns = self._script.get(host)
        if not turns:
            raise OSError(f"{host} is not in this test's DNS")
        addresses = turns.pop(0) if len(turns) > 1 else turns[0]
        return [ResolveResult(hostname=host, host=a, port=port,
                              family=socket.AF_INET6 if ":" in a else socket.AF_INET,
                              proto=0, flags=socket.AI_NUMERICHOST)
                for a in addresses]

    async def close(self) -> None:
        return None


@pytest.fixture
async def target(feed_server: FeedServer) -> FeedServer:
    """The site no fetch may reach: 127.0.0.1."""
    feed_server.set("/feed", TARGET_BODY)
    return feed_server


@pytest.fixture
async def origin(target: FeedServer) -> AsyncIterator[FeedServer]:
    """An allowed site on 127.0.0.2, at the target's port."""
    server = FeedServer(host=ORIGIN_HOST, port=target.port)
    try:
        await server.start()
    except OSError as e:
        pytest.skip(f"cannot listen on {ORIGIN_HOST} here: {e}")
    server.set("/feed", ORIGIN_BODY)
    try:
        yield server
    finally:
        await server.close()


async def fetch(url: str, guard: AddressGuard = STRICT, answers: Answers | None = None) -> Fetched:
    """One fetch as the bot makes it: the guard on the session (names) and the fetcher (hosts
    written as addresses)."""
    async with make_session(guard=guard, resolver=answers) as session:
        fetcher = Fetcher(session, guard=guard, timeout_connect=2, timeout_total=5)
        return await fetcher.fetch(url)


async def refused(url: str, guard: AddressGuard = STRICT, answers: Answers | None = None) -> str:
    with pytest.raises(Forbidden) as caught:
        await fetch(url, guard, answers)
    assert caught.value.kind == "forbidden"
    return caught.value.message


# -- a name that resolves to a forbidden address -------------------------------------------------


@pytest.mark.parametrize(("addresses", "said"), [
    (["127.0.0.1"], "127.0.0.1, a loopback address"),
    (["::ffff:127.0.0.1"], "::ffff:7f00:1, an IPv4-mapped form of 127.0.0.1, a loopback address"),
    (["127.0.0.1", "::1"], "127.0.0.1, a loopback address"),
    (["0.0.0.0"], "0.0.0.0, the unspecified address"),
])
async def test_a_name_that_resolves_to_a_forbidden_address_is_never_connected_to(
    target: FeedServer, addresses: list[str], said: str
) -> None:
    answers = Answers({"evil.test": [addresses]})
    message = await refused(f"http://evil.test:{target.port}/feed", answers=answers)
    assert message == f"evil.test resolves to {said}: not fetched"
    assert target.hits("/feed") == 0


async def test_a_name_is_fetched_from_its_allowed_addresses_alone(
    target: FeedServer, origin: FeedServer
) -> None:
    # The forbidden address comes first, so a connector that saw it would try it first.
    answers = Answers({"mixed.test": [["127.0.0.1", ORIGIN_HOST]]})
    fetched = await fetch(f"http://mixed.test:{target.port}/feed", ORIGIN_ONLY, answers)
    assert fetched.body == ORIGIN_BODY
    assert (origin.hits("/feed"), target.hits("/feed")) == (1, 0)


async def test_a_name_that_changes_its_answer_gets_no_second_look(
    target: FeedServer, origin: FeedServer
) -> None:
    """DNS rebinding: the first answer is allowed, every later one is the target. A guard that
    resolved to check and let the connector resolve again to connect would meet the target."""
    answers = Answers({"rebind.test": [[ORIGIN_HOST], ["127.0.0.1"]]})
    async with make_session(guard=ORIGIN_ONLY, resolver=answers) as session:
        fetcher = Fetcher(session, guard=ORIGIN_ONLY, timeout_connect=2, timeout_total=5)
        for _ in range(3):
            try:
                fetched = await fetcher.fetch(f"http://rebind.test:{target.port}/feed")
            except Forbidden as e:
                assert e.message.startswith("rebind.test resolves to 127.0.0.1")
            else:
                assert fetched.body == ORIGIN_BODY
    assert origin.hits("/feed") >= 1
    assert target.hits("/feed") == 0


async def test_other_forbidden_answers_name_their_class() -> None:
    """No socket here: the session's resolver alone, with the answers the issue names (were one
    let through, a connection to it would leave the machine, which no test may do)."""
    cases = {
        "10.0.0.5": "a private address",
        "169.254.169.254": "a link-local address (the cloud metadata service)",
        "100.64.0.1": "a carrier-grade NAT address",
        "fd00::1": "a unique local (private) address",
        "64:ff9b::a9fe:a9fe": "the NAT64 form of 169.254.169.254, a link-local address (the cloud "
                              "metadata service)",
    }
    resolver = GuardedResolver(STRICT, Answers({f"h{n}.test": [[a]] for n, a in enumerate(cases)}))
    for n, (address, reason) in enumerate(cases.items()):
        with pytest.raises(Forbidden) as caught:
            await resolver.resolve(f"h{n}.test", 80)
        assert caught.value.message == f"h{n}.test resolves to {address}, {reason}: not fetched"
    # Among public answers, the forbidden ones are dropped and the rest handed on.
    mixed = GuardedResolver(STRICT, Answers({"m.test": [["10.0.0.5", "93.184.216.34"]]}))
    assert [r["host"] for r in await mixed.resolve("m.test", 80)] == ["93.184.216.34"]


# -- hosts written as addresses ------------------------------------------------------------------


@pytest.mark.parametrize("host", [
    "127.0.0.1", "127.0.0.1.", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::1]", "[::]",
    "0.0.0.0", "2130706433", "0x7f000001", "0x7f.0.0.1", "0177.0.0.1", "017700000001", "127.1",
])
async def test_a_host_written_as_a_forbidden_address_is_never_connected_to(
    target: FeedServer, host: str
) -> None:
    # No resolver answers anything: these must be judged without one.
    message = await refused(f"http://{host}:{target.port}/feed", answers=Answers({}))
    assert message.endswith(": not fetched")
    assert target.hits("/feed") == 0


# -- redirects -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("location", "said"), [
    ("http://127.0.0.1:{port}/feed", "127.0.0.1 is a loopback address"),
    ("http://[::ffff:127.0.0.1]:{port}/feed",
     "::ffff:7f00:1 is an IPv4-mapped form of 127.0.0.1, a loopback address"),
    ("http://2130706433:{port}/feed", "2130706433 is 127.0.0.1, a loopback address"),
    ("http://inside.test:{port}/feed", "inside.test resolves to 127.0.0.1, a loopback address"),
])
async def test_a_redirect_to_a_forbidden_address_is_refused_before_it_is_followed(
    target: FeedServer, origin: FeedServer, location: str, said: str
) -> None:
    origin.redirect("/old", location.format(port=target.port), status=302)
    answers = Answers({"inside.test": [["127.0.0.1"]]})
    message = await refused(f"{origin.base_url}/old", ORIGIN_ONLY, answers)
    assert message == f"after a redirect, {said}: not fetched"
    assert (origin.hits("/old"), target.hits("/feed")) == (1, 0)


async def test_a_redirect_to_an_allowed_address_is_followed(
    target: FeedServer, origin: FeedServer
) -> None:
    origin.redirect("/old", f"http://{ORIGIN_HOST}:{target.port}/feed", status=301)
    fetched = await fetch(f"{origin.base_url}/old", ORIGIN_ONLY)
    assert fetched.body == ORIGIN_BODY and fetched.permanent_redirect is not None
    assert target.hits("/feed") == 0


# -- the allow-list ------------------------------------------------------------------------------


@pytest.mark.parametrize(("allowed", "reached"), [
    ((), False),
    (("127.0.0.1/32",), True),
    (("127.0.0.1",), True),
    (("127.0.0.0/8",), True),
    (("127.0.0.2/32",), False),
    (("10.0.0.0/8", "::1/128"), False),
    (("::ffff:127.0.0.1/128",), False),  # the allow-list is written in the address's own family
])
@pytest.mark.parametrize("written", ["address", "name"])
async def test_the_allow_list_lets_exactly_its_networks_through(
    target: FeedServer, allowed: tuple[str, ...], reached: bool, written: str
) -> None:
    guard = AddressGuard.allowing(*allowed)
    answers = Answers({"desk.test": [["127.0.0.1"]]})
    host = "127.0.0.1" if written == "address" else "desk.test"
    url = f"http://{host}:{target.port}/feed"
    if reached:
        assert (await fetch(url, guard, answers)).body == TARGET_BODY
    else:
        await refused(url, guard, answers)
    assert target.hits("/feed") == (1 if reached else 0)


async def test_the_composition_root_takes_the_allow_list_from_bot_toml(
    tmp_path: Path, target: FeedServer
) -> None:
    (tmp_path / "bot.toml").write_text(ALLOW_LOCAL_TOML, encoding="utf-8")
    configured, problems = load_bot_config(tmp_path / "bot.toml")
    assert problems == []
    async with open_fetcher(configured.fetch) as fetcher:
        assert (await fetcher.fetch(target.url("/feed"))).body == TARGET_BODY
    async with open_fetcher(FetchSettings()) as fetcher:
        with pytest.raises(Forbidden):
            await fetcher.fetch(target.url("/feed"))
    assert target.hits("/feed") == 1


async def test_poll_once_without_the_allow_list_reports_the_refusal_on_the_source(
    tmp_path: Path, target: FeedServer
) -> None:
    target.set("/story.xml", story())
    folder = config_with(tmp_path / "c", (
        f'[[sources]]\nid = "desk"\nurl = "{target.url("/story.xml")}"\nname = "Desk"\n'
        'interval = "5m"\n'))
    (folder / "bot.toml").unlink()  # the shipped defaults: nothing private allowed
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "poll", "--once", "--config", str(folder),
        "--db", str(tmp_path / "bot.db"),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "DISCORD_TOKEN": ""},
    )
    out, _ = await process.communicate()
    assert process.returncode == 4  # every source failed
    [row] = out.decode().splitlines()[1:]
    assert row.split()[:2] == ["desk", "error"]
    assert "forbidden: 127.0.0.1 is a loopback address" in row
    assert target.hits("/story.xml") == 0


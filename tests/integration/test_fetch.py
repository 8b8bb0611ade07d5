"""Fetcher against a real HTTP server on 127.0.0.1: every way a publisher can answer, or fail to."""

from __future__ import annotations

import asyncio
import gzip
import resource
import socket
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import aiohttp
import pytest
from aiohttp import web

from bot import USER_AGENT
from bot.pipeline.fetch import (
    RETRY_AFTER_MAX_S,
    ConnectError,
    Fetcher,
    FetchError,
    FetchTimeout,
    Gone,
    HTTPStatusError,
    InvalidURL,
    ProtocolError,
    RedirectError,
    TooLarge,
    TooManyRedirects,
    make_session,
)
from tests.fakes.feed_server import LOCAL_GUARD, FeedServer

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Border desk</title>
<item><guid>b-1</guid><title>Crossing closed overnight</title></item>
</channel></rss>
"""
# Small limits keep every failure case well under a second.
FAST = {"timeout_total": 0.5, "timeout_connect": 0.5}

MakeFetcher = Callable[..., Fetcher]


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with make_session(guard=LOCAL_GUARD) as s:
        yield s


@pytest.fixture
def fetcher(session: aiohttp.ClientSession) -> MakeFetcher:
    def make(**limits: float) -> Fetcher:
        return Fetcher(session, guard=LOCAL_GUARD, **{**FAST, **limits})  # type: ignore[arg-type]

    return make


async def get(fetcher: MakeFetcher, url: str, **limits: float) -> object:
    return await fetcher(**limits).fetch(url, etag=None, last_modified=None)


# -- a plain answer ------------------------------------------------------------------------------


async def test_plain_get_returns_the_body_and_lowercase_headers(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    feed_server.set("/feed.xml", RSS, headers={"X-Desk": "border"})
    fetched = await fetcher().fetch(feed_server.url("/feed.xml"), etag=None, last_modified=None)
    assert fetched.status == 200
    assert fetched.body == RSS
    assert not fetched.not_modified
    assert fetched.etag is not None and fetched.etag.startswith('"')
    assert fetched.headers["content-type"] == "application/rss+xml; charset=utf-8"
    assert fetched.headers["x-desk"] == "border"
    assert fetched.final_url == feed_server.url("/feed.xml")
    assert fetched.permanent_redirect is None
    assert fetched.elapsed_s >= 0


async def test_the_request_says_who_we_are_and_what_we_take(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    feed_server.set("/feed.xml", RSS)
    await get(fetcher, feed_server.url("/feed.xml"))
    [sent] = feed_server.requests("/feed.xml")
    assert sent["User-Agent"] == USER_AGENT
    assert "application/rss+xml" in sent["Accept"]
    assert "application/atom+xml" in sent["Accept"]
    assert sent["Accept-Encoding"] == "gzip, deflate"
    assert "If-None-Match" not in sent
    assert "If-Modified-Since" not in sent


async def test_a_wrong_content_type_is_passed_on_for_parse_to_judge(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    feed_server.set("/feed", RSS, content_type="text/plain")
    fetched = await fetcher().fetch(feed_server.url("/feed"), etag=None, last_modified=None)
    assert fetched.body == RSS
    assert fetched.headers["content-type"] == "text/plain"


# -- conditional GET -----------------------------------------------------------------------------


async def test_a_matching_etag_gets_304_and_keeps_the_etag(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    feed_server.set("/feed.xml", RSS)
    f = fetcher()
    first = await f.fetch(feed_server.url("/feed.xml"), etag=None, last_modified=None)
    second = await f.fetch(feed_server.url("/feed.xml"), etag=first.etag, last_modified=None)
    assert second.status == 304
    assert second.not_modified
    assert second.body == b""
    assert second.etag == first.etag
    assert feed_server.requests("/feed.xml")[1]["If-None-Match"] == first.etag


async def test_a_changed_body_is_fetched_again_with_its_new_etag(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    feed_server.set("/feed.xml", RSS)
    f = fetcher()
    first = await f.fetch(feed_server.url("/feed.xml"), etag=None, last_modified=None)
    feed_server.set("/feed.xml", RSS.replace(b"closed", b"reopened"))
    second = await f.fetch(feed_server.url("/feed.xml"), etag=first.etag, last_modified=None)
    assert not second.not_modified
    assert b"reopened" in second.body
    assert second.etag not in (None, first.etag)


async def test_last_modified_gets_304(feed_server: FeedServer, fetcher: MakeFetcher) -> None:
    stamp = datetime(2024, 2, 17, 22, 13, tzinfo=UTC)
    feed_server.set("/feed.xml", RSS, etag=False, last_modified=stamp)
    f = fetcher()
    first = await f.fetch(feed_server.url("/feed.xml"), etag=None, last_modified=None)
    assert first.etag is None
    assert first.last_modified == "Sat, 17 Feb 2024 22:13:00 GMT"
    second = await f.fetch(feed_server.url("/feed.xml"), etag=None,
                           last_modified=first.last_modified)
    assert second.not_modified
    assert second.last_modified == first.last_modified
    assert feed_server.requests("/feed.xml")[1]["If-Modified-Since"] == first.last_modified


async def test_a_304_without_validators_keeps_the_ones_we_sent(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    async def bare_304(request: web.Request) -> web.StreamResponse:
        return web.Response(status=304)

    feed_server.handle("/feed.xml", bare_304)
    fetched = await fetcher().fetch(feed_server.url("/feed.xml"), etag='"v7"',
                                    last_modified="Sat, 17 Feb 2024 22:13:00 GMT")
    assert fetched.not_modified
    assert fetched.etag == '"v7"'
    assert fetched.last_modified == "Sat, 17 Feb 2024 22:13:00 GMT"


# -- redirects -----------------------------------------------------------------------------------


def chain(server: FeedServer, hops: int, status: int = 302) -> str:
    """/r1 → /r2 → … → /feed.xml in ``hops`` redirects; returns the first URL."""
    server.set("/feed.xml", RSS)
    for i in range(1, hops + 1):
        server.redirect(f"/r{i}", f"/r{i + 1}" if i < hops else "/feed.xml", status=status)
    return server.url("/r1")


async def test_five_redirects_are_followed(feed_server: FeedServer, fetcher: MakeFetcher) -> None:
    fetched = await fetcher(max_redirects=5).fetch(chain(feed_server, 5), etag=None,
                                                   last_modified=None)
    assert fetched.body == RSS
    assert fetched.final_url == feed_server.url("/feed.xml")
    assert [feed_server.hits(f"/r{i}") for i in range(1, 6)] == [1] * 5


async def test_six_redirects_are_too_many(feed_server: FeedServer, fetcher: MakeFetcher) -> None:
    with pytest.raises(TooManyRedirects) as caught:
        await get(fetcher, chain(feed_server, 6), max_redirects=5)
    assert caught.value.kind == "redirects"
    assert "more than 5" in caught.value.message
    assert feed_server.hits("/feed.xml") == 0


async def test_a_redirect_loop_is_caught_at_once(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    feed_server.redirect("/a", "/b", status=302)
    feed_server.redirect("/b", "/a", status=302)
    with pytest.raises(RedirectError) as caught:
        await get(fetcher, feed_server.url("/a"), max_redirects=5)
    assert not isinstance(caught.value, TooManyRedirects)
    assert "loop" in caught.value.message
    assert (feed_server.hits("/a"), feed_server.hits("/b")) == (1, 1)


@pytest.mark.parametrize(("status", "permanent"),
                         [(301, True), (308, True), (302, False), (303, False), (307, False)])
async def test_only_301_and_308_report_a_permanent_move(
    feed_server: FeedServer, fetcher: MakeFetcher, status: int, permanent: bool
) -> None:
    feed_server.set("/new.xml", RSS)
    feed_server.redirect("/old.xml", "/new.xml", status=status)
    fetched = await fetcher().fetch(feed_server.url("/old.xml"), etag=None, last_modified=None)
    assert fetched.final_url == feed_server.url("/new.xml")
    expected = feed_server.url("/new.xml") if permanent else None
    assert fetched.permanent_redirect == expected


async def test_a_move_is_permanent_only_up_to_the_first_temporary_hop(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    feed_server.set("/feed.xml", RSS)
    feed_server.redirect("/old", "/moved", status=301)
    feed_server.redirect("/moved", "/feed.xml", status=302)
    feed_server.redirect("/temp", "/old", status=307)
    f = fetcher()
    moved = await f.fetch(feed_server.url("/old"), etag=None, last_modified=None)
    assert moved.permanent_redirect == feed_server.url("/moved")
    via_temporary = await f.fetch(feed_server.url("/temp"), etag=None, last_modified=None)
    assert via_temporary.permanent_redirect is None


async def test_a_relative_location_is_resolved(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    feed_server.set("/feeds/world.xml", RSS)
    feed_server.redirect("/feeds/old.xml", "world.xml", status=302)
    fetched = await fetcher().fetch(feed_server.url("/feeds/old.xml"), etag=None,
                                    last_modified=None)
    assert fetched.final_url == feed_server.url("/feeds/world.xml")


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://example.org/feed.xml",
                                      "javascript:alert(1)", ""])
async def test_redirects_outside_the_web_are_refused(
    feed_server: FeedServer, fetcher: MakeFetcher, location: str
) -> None:
    feed_server.redirect("/feed.xml", location, status=302)
    with pytest.raises(RedirectError) as caught:
        await get(fetcher, feed_server.url("/feed.xml"))
    assert caught.value.kind == "redirects"
    assert caught.value.status == 302


async def test_validators_follow_the_redirect(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    feed_server.set("/new.xml", RSS, etag='"v1"')
    feed_server.redirect("/old.xml", "/new.xml", status=301)
    fetched = await fetcher().fetch(feed_server.url("/old.xml"), etag='"v1"', last_modified=None)
    assert fetched.not_modified
    assert fetched.permanent_redirect == feed_server.url("/new.xml")


# -- statuses ------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [400, 403, 404, 500, 502])
async def test_error_statuses_raise_http_status_error(
    feed_server: FeedServer, fetcher: MakeFetcher, status: int
) -> None:
    feed_server.set("/feed.xml", b"nope", status=status)
    with pytest.raises(HTTPStatusError) as caught:
        await get(fetcher, feed_server.url("/feed.xml"))
    error = caught.value
    assert (error.kind, error.status, error.retry_after) == ("http", status, None)
    assert not isinstance(error, Gone)
    assert str(status) in error.message


async def test_410_means_gone(feed_server: FeedServer, fetcher: MakeFetcher) -> None:
    feed_server.set("/feed.xml", b"", status=410)
    with pytest.raises(Gone) as caught:
        await get(fetcher, feed_server.url("/feed.xml"))
    assert (caught.value.kind, caught.value.status) == ("gone", 410)


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_in_seconds(
    feed_server: FeedServer, fetcher: MakeFetcher, status: int
) -> None:
    feed_server.set("/feed.xml", b"", status=status, headers={"Retry-After": "120"})
    with pytest.raises(HTTPStatusError) as caught:
        await get(fetcher, feed_server.url("/feed.xml"))
    assert (caught.value.status, caught.value.retry_after) == (status, 120.0)
    assert "120 s" in caught.value.message


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_as_a_date_is_read_against_the_servers_clock(
    feed_server: FeedServer, fetcher: MakeFetcher, status: int
) -> None:
    # The server's clock is a year off ours: only the difference between its two dates counts.
    server_now = datetime(2023, 1, 5, 8, 0, tzinfo=UTC)
    feed_server.set("/feed.xml", b"", status=status, headers={
        "Date": format_datetime(server_now, usegmt=True),
        "Retry-After": format_datetime(server_now + timedelta(seconds=90), usegmt=True),
    })
    with pytest.raises(HTTPStatusError) as caught:
        await get(fetcher, feed_server.url("/feed.xml"))
    assert caught.value.retry_after == 90.0


async def test_retry_after_as_a_date_without_a_server_date_uses_our_clock(
    feed_server: FeedServer, session: aiohttp.ClientSession
) -> None:
    ours = datetime(2030, 6, 1, 12, 0, tzinfo=UTC)

    async def busy(request: web.Request) -> web.StreamResponse:
        resp = web.Response(status=429, headers={
            "Retry-After": format_datetime(ours + timedelta(minutes=5), usegmt=True)})
        # aiohttp adds Date on its own unless the header is already there; send an empty one.
        resp.headers["Date"] = ""
        return resp

    feed_server.handle("/feed.xml", busy)
    f = Fetcher(session, **FAST, guard=LOCAL_GUARD, clock=lambda: ours)  # type: ignore[arg-type]
    with pytest.raises(HTTPStatusError) as caught:
        await f.fetch(feed_server.url("/feed.xml"), etag=None, last_modified=None)
    assert caught.value.retry_after == 300.0


@pytest.mark.parametrize(("header", "expected"), [
    ("soon", None), ("-5", None), ("0", 0.0), (str(10**9), RETRY_AFTER_MAX_S),
])
async def test_odd_retry_after_values(
    feed_server: FeedServer, fetcher: MakeFetcher, header: str, expected: float | None
) -> None:
    feed_server.set("/feed.xml", b"", status=429, headers={"Retry-After": header})
    with pytest.raises(HTTPStatusError) as caught:
        await get(fetcher, feed_server.url("/feed.xml"))
    assert caught.value.retry_after == expected


# -- time, size and compression limits -----------------------------------------------------------


async def test_a_slow_drip_times_out(feed_server: FeedServer, fetcher: MakeFetcher) -> None:
    feed_server.drip("/feed.xml", every=0.05)
    with pytest.raises(FetchTimeout) as caught:
        await get(fetcher, feed_server.url("/feed.xml"), timeout_total=0.4)
    assert caught.value.kind == "timeout"
    assert caught.value.message == "the server took longer than 0.4 s"


async def test_a_server_slow_to_answer_times_out(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    feed_server.set("/feed.xml", RSS, delay=5)
    with pytest.raises(FetchTimeout):
        await get(fetcher, feed_server.url("/feed.xml"), timeout_total=0.3)


async def test_the_time_limit_covers_the_whole_redirect_chain(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    async def slow_redirect(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(0.2)
        return web.Response(status=302, headers={"Location": "/feed.xml"})

    feed_server.handle("/old.xml", slow_redirect)
    feed_server.set("/feed.xml", RSS, delay=0.2)
    with pytest.raises(FetchTimeout):
        await get(fetcher, feed_server.url("/old.xml"), timeout_total=0.3)


async def test_a_body_that_never_ends_stops_at_the_limit(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    feed_server.endless("/feed.xml")
    with pytest.raises(TooLarge) as caught:
        await get(fetcher, feed_server.url("/feed.xml"), max_body_bytes=256 * 1024)
    assert caught.value.kind == "too_large"
    assert caught.value.message == "the body is larger than 256 KiB"


async def test_an_announced_length_over_the_limit_is_refused_before_reading(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    feed_server.set("/feed.xml", RSS * 100)
    with pytest.raises(TooLarge) as caught:
        await get(fetcher, feed_server.url("/feed.xml"), max_body_bytes=len(RSS))
    assert "announced" in caught.value.message


async def test_one_fetch_may_lower_the_limit_but_never_raise_it(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    """An OPML file is read with the operator's much smaller limit (/source import)."""
    feed_server.endless("/feeds.opml")
    with pytest.raises(TooLarge) as caught:
        await fetcher().fetch(feed_server.url("/feeds.opml"), max_bytes=4096)
    assert caught.value.message == "the body is larger than 4 KiB"
    with pytest.raises(TooLarge) as caught:
        await fetcher(max_body_bytes=256 * 1024).fetch(feed_server.url("/feeds.opml"),
                                                       max_bytes=2**30)
    assert caught.value.message == "the body is larger than 256 KiB"
    feed_server.set("/feed.xml", RSS)
    fetched = await fetcher().fetch(feed_server.url("/feed.xml"), max_bytes=len(RSS))
    assert fetched.body == RSS


async def test_a_body_at_the_limit_is_fine(feed_server: FeedServer, fetcher: MakeFetcher) -> None:
    feed_server.set("/feed.xml", RSS)
    fetched = await fetcher(max_body_bytes=len(RSS)).fetch(
        feed_server.url("/feed.xml"), etag=None, last_modified=None)
    assert fetched.body == RSS


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
async def test_compressed_bodies_are_decoded(
    feed_server: FeedServer, fetcher: MakeFetcher, encoding: str
) -> None:
    feed_server.set("/feed.xml", RSS * 50, encoding=encoding)
    fetched = await fetcher().fetch(feed_server.url("/feed.xml"), etag=None, last_modified=None)
    assert fetched.body == RSS * 50
    assert "content-encoding" not in fetched.headers
    assert "content-length" not in fetched.headers


async def test_raw_deflate_and_several_gzip_members_are_decoded(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    feed_server.set("/raw", packer.compress(RSS) + packer.flush(),
                    headers={"Content-Encoding": "deflate"})
    feed_server.set("/members", gzip.compress(RSS[:40]) + gzip.compress(RSS[40:]),
                    headers={"Content-Encoding": "gzip"})
    f = fetcher()
    assert (await f.fetch(feed_server.url("/raw"), etag=None, last_modified=None)).body == RSS
    assert (await f.fetch(feed_server.url("/members"), etag=None, last_modified=None)).body == RSS


@pytest.mark.parametrize(("body", "encoding"), [
    (b"\x1f\x8b\x08\x00garbage-not-gzip", "gzip"),
    (gzip.compress(RSS)[:-12], "gzip"),
    (RSS, "br"),
])
async def test_undecodable_bodies_raise_protocol_error(
    feed_server: FeedServer, fetcher: MakeFetcher, body: bytes, encoding: str
) -> None:
    feed_server.set("/feed.xml", body, headers={"Content-Encoding": encoding})
    with pytest.raises(ProtocolError) as caught:
        await get(fetcher, feed_server.url("/feed.xml"))
    assert caught.value.kind == "protocol"


async def test_a_small_bomb_from_the_fixture_is_valid_gzip(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    feed_server.gzip_bomb("/zeros", unpacked_bytes=3 * 2**20 + 5)
    fetched = await fetcher().fetch(feed_server.url("/zeros"), etag=None, last_modified=None)
    assert fetched.body == bytes(3 * 2**20 + 5)


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
async def test_a_compression_bomb_stops_at_the_limit_with_bounded_memory(
    feed_server: FeedServer, fetcher: MakeFetcher, encoding: str
) -> None:
    feed_server.gzip_bomb("/bomb", unpacked_bytes=2 * 2**30, encoding=encoding)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge) as caught:
            await get(fetcher, feed_server.url("/bomb"), max_body_bytes=10 * 2**20,
                      timeout_total=10)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss_growth = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    assert caught.value.message == "the body unpacks to more than 10 MiB"
    assert peak < 50 * 2**20
    assert rss_growth < 50 * 1024


# -- connections and addresses -------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


async def test_connection_refused(fetcher: MakeFetcher) -> None:
    with pytest.raises(ConnectError) as caught:
        await get(fetcher, f"http://127.0.0.1:{closed_port()}/feed.xml")
    assert caught.value.kind == "connect"
    assert "could not connect to 127.0.0.1" in caught.value.message


async def test_a_name_that_does_not_resolve(fetcher: MakeFetcher) -> None:
    # .invalid is reserved never to resolve (RFC 6761), so no network is needed to fail.
    with pytest.raises((ConnectError, FetchTimeout)) as caught:
        await get(fetcher, "http://feeds.alertbot.invalid/world.xml", timeout_total=2,
                  timeout_connect=2)
    assert caught.value.kind in ("dns", "timeout")


async def test_a_body_cut_short_raises_protocol_error(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    async def cut_short(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Length": "5000"})
        await resp.prepare(request)
        await resp.write(RSS[:50])
        assert request.transport is not None
        request.transport.close()
        return resp

    feed_server.handle("/feed.xml", cut_short)
    with pytest.raises(ProtocolError):
        await get(fetcher, feed_server.url("/feed.xml"))


@pytest.mark.parametrize(
    "url", ["ftp://example.org/feed.xml", "feed.xml", "http://", "", "http:///x"]
)
async def test_urls_we_cannot_fetch_raise_invalid_url(fetcher: MakeFetcher, url: str) -> None:
    with pytest.raises(InvalidURL) as caught:
        await get(fetcher, url)
    assert caught.value.kind == "url"


async def test_every_failure_is_a_fetch_error(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    feed_server.set("/gone", b"", status=410)
    feed_server.redirect("/loop", "/loop", status=302)
    feed_server.endless("/endless")
    for path in ("/gone", "/loop", "/endless", "/missing"):
        with pytest.raises(FetchError):
            await get(fetcher, feed_server.url(path), max_body_bytes=1024)


# -- concurrency ---------------------------------------------------------------------------------


async def test_the_per_host_limit_holds(feed_server: FeedServer, fetcher: MakeFetcher) -> None:
    feed_server.set("/feed.xml", RSS, delay=0.1)
    f = fetcher(per_host_concurrency=2, concurrency=20, timeout_total=5)
    results = await asyncio.gather(*(
        f.fetch(feed_server.url("/feed.xml"), etag=None, last_modified=None) for _ in range(6)
    ))
    assert all(r.body == RSS for r in results)
    assert feed_server.hits("/feed.xml") == 6
    assert feed_server.max_in_flight == 2


async def test_the_global_limit_holds(feed_server: FeedServer, fetcher: MakeFetcher) -> None:
    feed_server.set("/feed.xml", RSS, delay=0.1)
    f = fetcher(per_host_concurrency=10, concurrency=3, timeout_total=5)
    await asyncio.gather(*(
        f.fetch(feed_server.url("/feed.xml"), etag=None, last_modified=None) for _ in range(8)
    ))
    assert feed_server.max_in_flight == 3


async def test_waiting_for_a_slot_does_not_count_against_the_time_limit(
    feed_server: FeedServer, fetcher: MakeFetcher
) -> None:
    # Four requests of 0.2 s through one slot take 0.8 s in all, each well within its 0.5 s.
    feed_server.set("/feed.xml", RSS, delay=0.2)
    f = fetcher(per_host_concurrency=1, timeout_total=0.5)
    results = await asyncio.gather(*(
        f.fetch(feed_server.url("/feed.xml"), etag=None, last_modified=None) for _ in range(4)
    ))
    assert len(results) == 4
    assert feed_server.max_in_flight == 1


@pytest.mark.parametrize("bad", [{"max_body_bytes": 0}, {"timeout_total": 0},
                                 {"concurrency": 0}, {"per_host_concurrency": -1},
                                 {"max_redirects": -1}])
def test_impossible_limits_are_refused(
    session: aiohttp.ClientSession, bad: dict[str, float]
) -> None:
    with pytest.raises(ValueError):
        Fetcher(session, **bad)  # type: ignore[arg-type]

"""A real HTTP server on 127.0.0.1 that plays feed publishers, good and bad, for tests and benches.

Each path is told what to do before the request arrives::

    async with FeedServer() as server:
        server.set("/feed.xml", RSS)                  # 200 with ETag; 304 to a matching request
        server.redirect("/old.xml", "/feed.xml", status=301)
        server.set("/busy", b"", status=429, headers={"Retry-After": "120"})
        server.drip("/slow", every=0.1)               # a byte every 0.1 s, for ever
        server.gzip_bomb("/bomb")                     # ~2 GiB of zeros, kilobytes on the wire
        ...fetch server.url("/feed.xml")...
        assert server.hits("/feed.xml") == 1

It counts requests per path, keeps the headers and the arrival time of each, and records the
most requests that were in flight at once (``max_in_flight``) so limits on concurrency can be
checked from the outside.
Use the ``feed_server`` fixture, or the class as an async context manager outside pytest.

The bot's fetch guard refuses loopback addresses, so a test reaches this server the way an
operator reaches a private feed, through the allow-list: ``LOCAL_GUARD`` for a session and a
fetcher built by hand (``make_session(guard=LOCAL_GUARD)``, ``Fetcher(..., guard=LOCAL_GUARD)``),
``ALLOW_LOCAL_TOML`` as the ``bot.toml`` of a configuration folder.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

import pytest_asyncio
from aiohttp import web

from bot.pipeline.guard import AddressGuard

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

#: the address a FeedServer listens on by default, and all the allow-list needs to reach it
LOCAL = "127.0.0.1/32"
LOCAL_GUARD = AddressGuard.allowing(LOCAL)
#: the operator's feeds and the servers' may both come from here; a test appends more
#: [guild_sources] keys after it
ALLOW_LOCAL_TOML = (
    f'[fetch]\nallow_private = ["{LOCAL}"]\n\n[guild_sources]\nallow_private = ["{LOCAL}"]\n'
)

RSS_TYPE = "application/rss+xml; charset=utf-8"
# Errors a handler meets when the client hangs up mid-body, which is what clients under test do.
_HUNG_UP = ConnectionError


class FeedServer:
    """``host`` and ``port``: where to listen; a second server on another loopback address
    (127.0.0.2) and the first one's port plays another site at the same URL port."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self._routes: dict[str, Handler] = {}
        self._hits: Counter[str] = Counter()
        self._requests: defaultdict[str, list[Mapping[str, str]]] = defaultdict(list)
        self._times: defaultdict[str, list[float]] = defaultdict(list)
        self.in_flight = 0
        self.max_in_flight = 0
        app = web.Application(middlewares=[self._count])
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        # A dripping handler would otherwise hold shutdown for aiohttp's default 60 s.
        self._runner = web.AppRunner(app, shutdown_timeout=0.1, access_log=None)
        self._wanted_port = port
        self._port: int | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self._wanted_port)
        await site.start()
        self._port = self._runner.addresses[0][1]

    async def close(self) -> None:
        await self._runner.cleanup()

    async def __aenter__(self) -> FeedServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- addresses and counters --------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the feed server is not started")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def hits(self, path: str) -> int:
        """How many requests reached ``path`` (whatever the answer)."""
        return self._hits[path]

    def hit_times(self, path: str) -> list[float]:
        """When each request reached ``path`` (``time.monotonic``), oldest first."""
        return list(self._times[path])

    def requests(self, path: str) -> list[Mapping[str, str]]:
        """The headers of each request to ``path``, oldest first."""
        return list(self._requests[path])

    # -- what each path does -----------------------------------------------------------------

    def handle(self, path: str, handler: Handler) -> None:
        """Serve ``path`` with any aiohttp handler, for cases the helpers below do not cover."""
        self._routes[path] = handler

    def set(
        self,
        path: str,
        body: bytes | str,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        etag: bool | str = True,
        last_modified: datetime | str | None = None,
        content_type: str = RSS_TYPE,
        encoding: str | None = None,
        delay: float = 0.0,
    ) -> None:
        """Serve ``body`` with ``status``; a 2xx answer is a conditional-GET-aware resource.

        ``etag``: True derives a strong ETag from the body, a string is used as is, False sends
        none. ``last_modified`` adds Last-Modified. A request whose If-None-Match matches (or,
        without If-None-Match, whose If-Modified-Since is not older) gets 304 with no body.
        ``encoding`` "gzip" or "deflate" compresses the body on the wire. ``delay`` holds the
        answer that many seconds before the headers go out.
        """
        raw = body.encode() if isinstance(body, str) else body
        extra = dict(headers or {})
        if status // 100 == 2:
            if etag is True:
                extra["ETag"] = f'"{hashlib.blake2b(raw, digest_size=8).hexdigest()}"'
            elif etag:
                extra["ETag"] = etag
            if isinstance(last_modified, datetime):
                extra["Last-Modified"] = format_datetime(last_modified.astimezone(UTC), usegmt=True)
            elif last_modified:
                extra["Last-Modified"] = last_modified
        wire = _compress(raw, encoding) if encoding else raw
        if encoding:
            extra["Content-Encoding"] = encoding

        async def serve(request: web.Request) -> web.StreamResponse:
            if delay:
                await asyncio.sleep(delay)
            if status // 100 == 2 and _not_modified(request, extra):
                kept = {k: v for k, v in extra.items() if k in ("ETag", "Last-Modified")}
                return web.Response(status=304, headers=kept)
            typed = extra if _has_type(extra) else {"Content-Type": content_type, **extra}
            return web.Response(status=status, body=wire, headers=typed)

        self._routes[path] = serve

    def redirect(self, path: str, location: str, *, status: int = 301) -> None:
        """Answer ``status`` with ``Location: location`` (a path, or any URL, verbatim)."""

        async def serve(request: web.Request) -> web.StreamResponse:
            return web.Response(status=status, headers={"Location": location})

        self._routes[path] = serve

    def drip(
        self, path: str, *, every: float, chunk: bytes = b"<", count: int | None = None
    ) -> None:
        """A 200 whose body arrives ``chunk`` by ``chunk``, one per ``every`` seconds.

        ``count`` None never ends: the client has to give up.
        """

        async def serve(request: web.Request) -> web.StreamResponse:
            resp = web.StreamResponse(headers={"Content-Type": RSS_TYPE})
            await resp.prepare(request)
            sent = 0
            try:
                while count is None or sent < count:
                    await resp.write(chunk)
                    sent += 1
                    await asyncio.sleep(every)
                await resp.write_eof()
            except _HUNG_UP:
                pass
            return resp

        self._routes[path] = serve

    def endless(self, path: str, *, chunk_size: int = 64 * 1024) -> None:
        """A 200 that streams item after item as fast as the client reads, and never ends."""
        item = b"<item><title>again</title></item>\n"
        chunk = item * (chunk_size // len(item) + 1)

        async def serve(request: web.Request) -> web.StreamResponse:
            resp = web.StreamResponse(headers={"Content-Type": RSS_TYPE})
            await resp.prepare(request)
            try:
                while True:
                    await resp.write(chunk)
                    await asyncio.sleep(0)
            except _HUNG_UP:
                pass
            return resp

        self._routes[path] = serve

    def gzip_bomb(
        self,
        path: str,
        *,
        unpacked_bytes: int = 2 * 2**30,
        encoding: str = "gzip",
        burst: int = 64 * 1024,
    ) -> None:
        """Zeros, compressed as they stream: about 1000 times smaller on the wire than unpacked.

        The zeros are made and compressed a megabyte at a time while the client reads, so the
        server's memory stays small and a client that stops early costs the server little. The
        output goes out ``burst`` bytes at a time (64 KiB ≈ 64 MiB unpacked), so a client that
        inflates a whole network chunk at once, rather than in bounded steps, is caught out.
        """
        step = 2**20

        async def serve(request: web.Request) -> web.StreamResponse:
            resp = web.StreamResponse(
                headers={"Content-Type": RSS_TYPE, "Content-Encoding": encoding}
            )
            await resp.prepare(request)
            packer = zlib.compressobj(9, zlib.DEFLATED, 31 if encoding == "gzip" else 15)
            zeros = bytes(step)
            left = unpacked_bytes
            pending = b""
            try:
                while left > 0:
                    n = min(step, left)
                    left -= n
                    pending += packer.compress(zeros[:n])
                    if len(pending) >= burst:
                        await resp.write(pending)
                        pending = b""
                    await asyncio.sleep(0)
                await resp.write(pending + packer.flush())
                await resp.write_eof()
            except _HUNG_UP:
                pass
            return resp

        self._routes[path] = serve

    # -- plumbing ----------------------------------------------------------------------------

    @web.middleware
    async def _count(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        self._hits[request.path] += 1
        self._requests[request.path].append(dict(request.headers))
        self._times[request.path].append(time.monotonic())
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await handler(request)
        finally:
            self.in_flight -= 1

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        handler = self._routes.get(request.path)
        if handler is None:
            return web.Response(status=404, text=f"nothing is served at {request.path}")
        return await handler(request)


def _compress(raw: bytes, encoding: str) -> bytes:
    if encoding not in ("gzip", "deflate"):
        raise ValueError(f"cannot compress with {encoding!r}")
    packer = zlib.compressobj(6, zlib.DEFLATED, 31 if encoding == "gzip" else 15)
    return packer.compress(raw) + packer.flush()


def _has_type(headers: Mapping[str, str]) -> bool:
    return any(name.lower() == "content-type" for name in headers)


def _not_modified(request: web.Request, headers: Mapping[str, str]) -> bool:
    # RFC 9110 §13.2.2: If-None-Match decides when present; If-Modified-Since only without it.
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        etag = headers.get("ETag")
        if etag is None:
            return False
        wanted = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in wanted or etag.removeprefix("W/") in wanted
    since = request.headers.get("If-Modified-Since")
    modified = headers.get("Last-Modified")
    if since is None or modified is None:
        return False
    try:
        return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


@pytest_asyncio.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    """A started ``FeedServer``, closed after the test."""
    async with FeedServer() as server:
        yield server

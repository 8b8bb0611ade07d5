"""Fetch one feed over HTTP: conditional GET, counted redirects, bounded bodies, typed errors.

The shell around the pure pipeline: it talks to the network and nothing else. One
``aiohttp.ClientSession`` per process (``make_session``) is shared by one ``Fetcher``, which bounds
how many requests run at once overall and per host, so a thousand sources on one site cannot
hammer it and one slow site cannot starve the others.

Every failure is one exception family, so ``poll`` catches ``FetchError`` once per source and
records ``kind`` and ``message`` (plain words, shown by ``/source list``)::

    FetchError(kind, message, status, retry_after)
     ├── FetchTimeout          "timeout"    connecting or the whole exchange took too long
     ├── ConnectError          "dns" | "connect" | "tls"
     ├── ProtocolError         "protocol"   not valid HTTP, body cut short, broken gzip
     ├── HTTPStatusError       "http"       any status we cannot use; 429/503 carry retry_after
     │    └── Gone             "gone"       410: the feed is not coming back
     ├── TooLarge              "too_large"  raw or *decompressed* body over the limit
     ├── RedirectError         "redirects"  a loop, a non-http(s) target, no Location
     │    └── TooManyRedirects "redirects"  more hops than allowed
     ├── Forbidden             "forbidden"  the host is or resolves to an address not to reach
     └── InvalidURL            "url"        not an http(s) URL with a host

Redirects are followed by hand so that they can be counted, loops caught early, non-web targets
refused (a feed must not send us to ``file:`` or ``ftp:``), and a permanent move (301/308)
reported so the store can update the source's address.

No connection is ever opened to an address ``bot.pipeline.guard`` refuses (loopback, private,
link-local, …; the operator's allow-list aside). A name is judged by what it resolves to, inside
aiohttp's connector (``GuardedResolver``), so the addresses checked are the very ones connected
to and a DNS answer that changes between a check and the connect (rebinding) has nothing to slip
through. A host written as an address never reaches the resolver, so ``Fetcher`` judges it
before each request, redirect hops included. The rule belongs to the session, not to a request:
aiohttp caches DNS answers and keeps connections open per host, and neither knows which source
asked, so sources that need different rules need sessions of their own.

Bodies are decompressed here rather than by aiohttp because a gzip bomb (kilobytes on the wire,
gigabytes unpacked) must stop at ``max_body_bytes`` of *output*, with memory to match.
"""

from __future__ import annotations

import asyncio
import functools
import re
import socket
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import MappingProxyType
from typing import Protocol

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from multidict import CIMultiDictProxy
from yarl import URL

from bot import USER_AGENT
from bot.pipeline.guard import AddressGuard

DEFAULT_MAX_BODY_BYTES = 10 * 2**20
DEFAULT_CONCURRENCY = 20

ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.9, text/html;q=0.7, */*;q=0.5"
)
# Only what we can decode ourselves with the limit in force (no br/zstd).
ACCEPT_ENCODING = "gzip, deflate"

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
# A server asking us to stay away for a year would silently disable the source; a day is already
# more patience than any real rate limit needs.
RETRY_AFTER_MAX_S = 24 * 3600.0

_CHUNK = 64 * 1024
# Upper bound on what one zlib call may produce, so a bomb is cut off in small steps.
_INFLATE_STEP = 256 * 1024
_DIGITS = re.compile(r"[0-9]+")


class FetchError(Exception):
    """A fetch with no usable body: ``kind`` is a short stable label, ``message`` plain words."""

    def __init__(
        self, kind: str, message: str, status: int | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status
        #: seconds the server asked us to wait (429/503 with Retry-After), else None
        self.retry_after = retry_after


class FetchTimeout(FetchError):
    def __init__(self, message: str) -> None:
        super().__init__("timeout", message)


class ConnectError(FetchError):
    """No conversation with the server: ``kind`` is "dns", "connect" or "tls"."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(kind, message)


class ProtocolError(FetchError):
    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__("protocol", message, status)


class HTTPStatusError(FetchError):
    def __init__(
        self, message: str, status: int, retry_after: float | None = None, *, kind: str = "http"
    ) -> None:
        super().__init__(kind, message, status, retry_after)


class Gone(HTTPStatusError):
    def __init__(self, message: str) -> None:
        super().__init__(message, 410, kind="gone")


class TooLarge(FetchError):
    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__("too_large", message, status)


class RedirectError(FetchError):
    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__("redirects", message, status)


class TooManyRedirects(RedirectError):
    pass


class Forbidden(FetchError):
    """The address is one the guard refuses (``bot.pipeline.guard``); nothing was sent to it."""

    def __init__(self, message: str) -> None:
        super().__init__("forbidden", message)


class InvalidURL(FetchError):
    def __init__(self, message: str) -> None:
        super().__init__("url", message)


@dataclass(frozen=True, slots=True)
class Fetched:
    """A usable answer: a body to parse, or "not modified since you last asked"."""

    status: int
    #: the decoded body; b"" for 304
    body: bytes
    not_modified: bool
    #: validators to send next time (on 304 the ones we sent, unless the server gave new ones)
    etag: str | None
    last_modified: str | None
    #: response headers with lowercase keys, minus those that describe the wire (encoding, length)
    headers: Mapping[str, str]
    final_url: str
    #: where the feed now lives when every hop up to there was permanent (301/308), else None
    permanent_redirect: str | None
    #: seconds from the first request to the end of the body
    elapsed_s: float


class SessionSettings(Protocol):
    """The part of the fetch settings the shared session needs (``settings.FetchSettings`` fits)."""

    @property
    def concurrency(self) -> int: ...


class GuardedResolver(AbstractResolver):
    """Resolves through ``resolver`` and hands the connector only the addresses ``guard``
    allows; when it allows none, raises ``Forbidden`` and nothing is connected to.

    aiohttp caches what this returns (``ttl_dns_cache``), so the cache only ever holds vetted
    addresses. A name with both kinds of answer is fetched from its allowed addresses alone.
    """

    def __init__(self, guard: AddressGuard, resolver: AbstractResolver) -> None:
        self._guard = guard
        self._resolver = resolver

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        answers = await self._resolver.resolve(host, port, family)
        allowed = []
        refusal = None
        for answer in answers:
            why = self._guard.resolved_refusal(host, answer["host"])
            if why is None:
                allowed.append(answer)
            elif refusal is None:
                refusal = why
        if refusal is not None and not allowed:
            # Not an OSError, so aiohttp passes it on as is rather than as a DNS failure.
            raise Forbidden(refusal)
        return allowed

    async def close(self) -> None:
        await self._resolver.close()


def make_session(
    settings: SessionSettings | None = None,
    *,
    guard: AddressGuard | None = None,
    resolver: AbstractResolver | None = None,
) -> aiohttp.ClientSession:
    """The process's one HTTP session; the caller (the composition root) closes it.

    ``guard`` judges every address a name resolves to; None allows nothing private. Give the
    ``Fetcher`` on this session the same guard: it judges hosts written as addresses.
    ``resolver`` turns names into addresses before the guard sees them (the system's
    getaddrinfo in a thread by default, as aiohttp's own default; tests give one that answers
    what they need). Call it inside a running event loop.
    """
    limit = settings.concurrency if settings is not None else DEFAULT_CONCURRENCY
    vetted = GuardedResolver(guard or AddressGuard(), resolver or aiohttp.ThreadedResolver())
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=limit, ttl_dns_cache=300, resolver=vetted),
        headers={"User-Agent": USER_AGENT},
        # Fetcher decodes bodies itself to bound the unpacked size (see the module docstring).
        auto_decompress=False,
        timeout=aiohttp.ClientTimeout(total=None),
    )


@dataclass(frozen=True, slots=True)
class _Redirect:
    status: int
    target: URL


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    body: bytes
    headers: CIMultiDictProxy[str]


class Fetcher:
    """Fetches feeds through a shared session within global and per-host concurrency limits."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        *,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        timeout_connect: float = 10,
        timeout_total: float = 30,
        max_redirects: int = 5,
        per_host_concurrency: int = 2,
        concurrency: int = DEFAULT_CONCURRENCY,
        guard: AddressGuard | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """``guard``: the one the session was made with (``make_session``); None allows nothing
        private."""
        for name, value in (
            ("max_body_bytes", max_body_bytes), ("timeout_connect", timeout_connect),
            ("timeout_total", timeout_total), ("per_host_concurrency", per_host_concurrency),
            ("concurrency", concurrency),
        ):
            if value <= 0:
                raise ValueError(f"{name} must be positive, not {value}")
        if max_redirects < 0:
            raise ValueError(f"max_redirects cannot be negative ({max_redirects})")
        self._session = session
        self._max_body = max_body_bytes
        self._timeout_connect = timeout_connect
        self._timeout_total = timeout_total
        self._max_redirects = max_redirects
        self._guard = guard or AddressGuard()
        self._global = asyncio.Semaphore(concurrency)
        self._hosts = _HostSlots(per_host_concurrency)
        # Only for Retry-After dates from a server that sends no Date header to compare them with.
        self._clock = clock or (lambda: datetime.now(UTC))
        self._client_timeout = aiohttp.ClientTimeout(total=None, sock_connect=timeout_connect)

    async def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> Fetched:
        """GET ``url`` (conditionally when validators are given); raises a ``FetchError``.

        ``max_bytes`` lowers the body limit for one fetch: an OPML file a server imports is
        refused past the operator's (much smaller) limit without reading further.
        """
        limit = self._max_body if max_bytes is None else min(max_bytes, self._max_body)
        current = _web_url(url)
        headers = {"Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING, "User-Agent": USER_AGENT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified

        loop = asyncio.get_running_loop()
        # The time limit covers the whole chain of hops but starts once the first request may
        # go out: waiting for a free slot behind other sources is not the server's fault.
        started: float | None = None
        seen = {current}
        hops = 0
        moved_to: URL | None = None
        all_permanent = True
        while True:
            host = current.host or ""
            try:
                # aiohttp asks the resolver (and so the guard) about names only.
                refusal = self._guard.host_refusal(host)
                if refusal is not None:
                    raise Forbidden(refusal)
                async with self._hosts.hold(host), self._global:
                    if started is None:
                        started = loop.time()
                    outcome = await self._exchange(current, headers,
                                                   started + self._timeout_total, limit)
            except Forbidden as e:
                if not hops:
                    raise
                # The source's own host passed: say so, or its owner looks for the wrong fault.
                raise Forbidden(f"after a redirect, {e.message}") from None
            if isinstance(outcome, _Answer):
                return self._fetched(outcome, current, moved_to, etag, last_modified,
                                     loop.time() - started)
            if hops == self._max_redirects:
                raise TooManyRedirects(
                    f"the server redirected more than {self._max_redirects} times", outcome.status
                )
            hops += 1
            target = outcome.target
            if target in seen:
                raise RedirectError(f"the redirects go round in a loop back to {target}",
                                    outcome.status)
            seen.add(target)
            all_permanent = all_permanent and outcome.status in PERMANENT_REDIRECTS
            if all_permanent:
                moved_to = target
            current = target

    async def _exchange(
        self, url: URL, headers: Mapping[str, str], deadline: float, limit: int
    ) -> _Answer | _Redirect:
        """One request and its answer, every failure translated into the ``FetchError`` family."""
        try:
            async with asyncio.timeout_at(deadline):
                return await self._request(url, headers, limit)
        except aiohttp.ConnectionTimeoutError:
            raise FetchTimeout(
                f"could not connect to {url.host} within {self._timeout_connect:g} s"
            ) from None
        except TimeoutError:
            raise FetchTimeout(f"the server took longer than {self._timeout_total:g} s") from None
        except aiohttp.ClientConnectorDNSError:
            raise ConnectError("dns", f"the name {url.host} does not resolve") from None
        except (aiohttp.ClientConnectorCertificateError, aiohttp.ClientSSLError) as e:
            raise ConnectError("tls", f"the secure connection to {url.host} failed: {e}") from None
        except aiohttp.ClientConnectorError as e:
            reason = e.strerror or "connection failed"
            raise ConnectError(
                "connect", f"could not connect to {url.host} port {url.port}: {reason}"
            ) from None
        except aiohttp.ServerDisconnectedError:
            raise ProtocolError("the server closed the connection without a full answer") from None
        except aiohttp.ClientPayloadError:
            raise ProtocolError("the body was cut short or badly framed") from None
        except aiohttp.ClientResponseError as e:
            # aiohttp raises this for answers its parser rejects (we never ask it to check status).
            raise ProtocolError(f"the server's answer is not valid HTTP: {e.message}") from None
        except aiohttp.InvalidURL:
            raise InvalidURL(f"{url} is not a URL we can fetch") from None
        except aiohttp.ClientError as e:
            raise ConnectError("connect", f"the connection to {url.host} failed: {e}") from None

    async def _request(
        self, url: URL, headers: Mapping[str, str], limit: int
    ) -> _Answer | _Redirect:
        async with self._session.get(
            url, headers=headers, allow_redirects=False, auto_decompress=False,
            timeout=self._client_timeout,
        ) as resp:
            status = resp.status
            if status in REDIRECT_STATUSES:
                return _Redirect(status, _redirect_target(url, status, resp.headers))
            if status == 304:
                return _Answer(status, b"", resp.headers)
            if status == 410:
                raise Gone(f"the server says the feed is gone for good ({_status_line(resp)})")
            if status in (429, 503):
                wait = self._retry_after(resp.headers)
                later = f"; it asks us to wait {wait:g} s" if wait is not None else ""
                raise HTTPStatusError(f"the server answered {_status_line(resp)}{later}",
                                      status, wait)
            if not 200 <= status < 300:
                raise HTTPStatusError(f"the server answered {_status_line(resp)}", status)
            return _Answer(status, await self._read_body(resp, limit), resp.headers)

    async def _read_body(self, resp: aiohttp.ClientResponse, limit: int) -> bytes:
        if resp.content_length is not None and resp.content_length > limit:
            raise TooLarge(f"the body is larger than {_size(limit)} "
                           f"(the server announced {_size(resp.content_length)})", resp.status)
        body = _BoundedBody(resp.headers.get("Content-Encoding", ""), limit, resp.status)
        async for chunk in resp.content.iter_chunked(_CHUNK):
            body.feed(chunk)
        return body.finish()

    def _retry_after(self, headers: Mapping[str, str]) -> float | None:
        """Retry-After as seconds from now: delta-seconds or an HTTP-date (RFC 9110 §10.2.3)."""
        value = headers.get("Retry-After", "").strip()
        if _DIGITS.fullmatch(value):
            seconds = float(value)
        else:
            when = _http_date(value)
            if when is None:
                return None
            # Compare with the server's own Date so a skewed clock on either side does not matter.
            reference = _http_date(headers.get("Date", "")) or self._clock()
            seconds = (when - reference).total_seconds()
        return min(max(seconds, 0.0), RETRY_AFTER_MAX_S)

    @staticmethod
    def _fetched(
        answer: _Answer, url: URL, moved_to: URL | None, etag: str | None,
        last_modified: str | None, elapsed_s: float,
    ) -> Fetched:
        not_modified = answer.status == 304
        new_etag = answer.headers.get("ETag")
        new_modified = answer.headers.get("Last-Modified")
        if not_modified:
            # A 304 may omit validators; the ones we sent are still the right ones next time.
            new_etag = new_etag or etag
            new_modified = new_modified or last_modified
        return Fetched(
            status=answer.status, body=answer.body, not_modified=not_modified,
            etag=new_etag, last_modified=new_modified, headers=_plain_headers(answer.headers),
            final_url=str(url), permanent_redirect=str(moved_to) if moved_to else None,
            elapsed_s=elapsed_s,
        )


class _BoundedBody:
    """Collects a body, decoding gzip/deflate as it streams, and stops at ``limit`` bytes out."""

    def __init__(self, content_encoding: str, limit: int, status: int) -> None:
        self._encoding = _coding(content_encoding, status)
        self._limit = limit
        self._status = status
        self._parts: list[bytes] = []
        self._size = 0
        self._wire = 0
        #: the decompressor of the member being read; None before the first and between members
        self._zlib: zlib._Decompress | None = None
        self._head = b""  # bytes of a member not yet enough to tell its format
        self._members = 0  # compressed members read to their end
        self._ended = False  # the compressed stream is over; anything after it is ignored

    def feed(self, chunk: bytes) -> None:
        self._wire += len(chunk)
        if self._wire > self._limit:
            raise TooLarge(f"the body is larger than {_size(self._limit)}", self._status)
        if self._encoding == "identity":
            self._keep(chunk)
            return
        try:
            self._inflate(chunk)
        except zlib.error as e:
            raise ProtocolError(f"the {self._encoding} body is corrupt ({e})",
                                self._status) from None

    def finish(self) -> bytes:
        truncated = self._zlib is not None or (self._members == 0 and self._wire > 0)
        if self._encoding != "identity" and truncated and not self._ended:
            raise ProtocolError(f"the {self._encoding} body ends before its end marker",
                                self._status)
        return b"".join(self._parts)

    def _inflate(self, data: bytes) -> None:
        # After a full step zlib may still hold output though all input is used: ask again.
        pending = True
        while not self._ended:
            if self._zlib is None:
                if not data:
                    return
                data = self._start_member(data)
                continue
            if not data and not pending:
                return
            out = self._zlib.decompress(data, _INFLATE_STEP)
            self._keep(out)
            data = self._zlib.unconsumed_tail
            pending = len(out) == _INFLATE_STEP
            if self._zlib.eof:
                data = self._zlib.unused_data
                self._zlib = None
                self._members += 1
                # Only gzip may hold several members; a deflate stream is over at its end.
                self._ended = self._encoding == "deflate"

    def _start_member(self, data: bytes) -> bytes:
        """Open the next member once its first two bytes are known; returns the input left."""
        self._head += data
        if len(self._head) < 2:
            return b""
        data, self._head = self._head, b""
        # Concatenated gzip members are one valid body; other bytes after one are padding.
        if self._members and not data.startswith(b"\x1f\x8b"):
            self._ended = True
            return b""
        self._zlib = zlib.decompressobj(_wbits(self._encoding, data))
        return data

    def _keep(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self._limit:
            raise TooLarge(f"the body unpacks to more than {_size(self._limit)}", self._status)
        if data:
            self._parts.append(data)


class _HostSlots:
    """One semaphore per host, dropped when nobody holds or waits for it (hosts come and go)."""

    def __init__(self, per_host: int) -> None:
        self._per_host = per_host
        self._slots: dict[str, _HostSlot] = {}

    def hold(self, host: str) -> _HostSlot:
        """``async with hosts.hold(host):`` waits for and holds one of the host's slots."""
        key = host.lower()
        slot = self._slots.get(key)
        if slot is None:
            slot = self._slots[key] = _HostSlot(self, key, self._per_host)
        slot.users += 1
        return slot

    def _release(self, slot: _HostSlot) -> None:
        slot.users -= 1
        if slot.users == 0:
            del self._slots[slot.key]


class _HostSlot:
    """A plain async context manager: this runs once per request, where a generator-based
    one costs as much as the rest of the bookkeeping around the request."""

    __slots__ = ("_owner", "_semaphore", "key", "users")

    def __init__(self, owner: _HostSlots, key: str, per_host: int) -> None:
        self._owner = owner
        self._semaphore = asyncio.Semaphore(per_host)
        self.key = key
        #: holders and waiters; the slot is dropped when this comes back to 0
        self.users = 0

    async def __aenter__(self) -> None:
        try:
            await self._semaphore.acquire()
        except BaseException:  # cancelled while waiting: it never held the slot
            self._owner._release(self)
            raise

    async def __aexit__(self, *exc: object) -> None:
        self._semaphore.release()
        self._owner._release(self)


@functools.lru_cache(maxsize=16_384)
def _web_url(url: str) -> URL:
    # Cached: a source's URL is the same every poll, and parsing it is not free.
    try:
        parsed = URL(url)
    except (ValueError, TypeError):
        raise InvalidURL(f"{url!r} is not a URL") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise InvalidURL(f"{url!r} is not an http(s) URL with a host")
    return parsed.with_fragment(None)


def _redirect_target(url: URL, status: int, headers: Mapping[str, str]) -> URL:
    location = headers.get("Location", "").strip()
    if not location:
        raise RedirectError(f"the server redirected ({status}) without saying where to", status)
    try:
        target = url.join(URL(location))
    except (ValueError, TypeError):
        raise RedirectError(f"the server redirected to {location!r}, which is not a URL",
                            status) from None
    if target.scheme not in ("http", "https") or not target.host:
        raise RedirectError(f"the server redirected to {location!r}; only http(s) is followed",
                            status)
    return target.with_fragment(None)


def _coding(content_encoding: str, status: int) -> str:
    codings = [c.strip().lower() for c in content_encoding.split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if not codings:
        return "identity"
    if len(codings) == 1 and codings[0] in ("gzip", "x-gzip", "deflate"):
        return "deflate" if codings[0] == "deflate" else "gzip"
    raise ProtocolError(
        f"the body is encoded as {content_encoding!r}, which we did not ask for", status
    )


def _wbits(encoding: str, head: bytes) -> int:
    if encoding == "gzip":
        return 16 + zlib.MAX_WBITS
    # "deflate" should be zlib-wrapped (RFC 9110 §8.4.1.2) but some servers send raw deflate;
    # a zlib header is method 8 in the low nibble and a 16-bit value divisible by 31.
    cmf, flg = head[0], head[1]
    is_zlib = cmf & 0x0F == 8 and (cmf << 8 | flg) % 31 == 0
    return zlib.MAX_WBITS if is_zlib else -zlib.MAX_WBITS


def _http_date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _plain_headers(headers: CIMultiDictProxy[str]) -> Mapping[str, str]:
    # The body we hand on is decoded, so the wire's encoding and length would only mislead.
    plain: dict[str, str] = {}
    for name, value in headers.items():
        key = name.lower()
        if key in ("content-encoding", "content-length"):
            continue
        plain[key] = f"{plain[key]}, {value}" if key in plain else value
    return MappingProxyType(plain)


def _status_line(resp: aiohttp.ClientResponse) -> str:
    return f"{resp.status} {resp.reason}" if resp.reason else str(resp.status)


def _size(n: int) -> str:
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            return f"{n / scale:.4g} {unit}"
    return f"{n} bytes"

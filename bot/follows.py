"""Follows: who reads a source, within which limits, and which URLs count as one feed.

A *source* row is what the poll loop fetches, once per poll, whoever reads it. A *follow* is one
reader of it: the operator (``guild_id`` None: every server gets its updates) or one server
(only that server's subscriptions get them). This module is the pure part: no I/O, no clock.
The store keeps the rows (bot/store/_follows.py) and calls these to decide what a source's
poll settings are when several follow it.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

import pycountry

#: below 30 s a poll is rude to the site; above a day a "news" source is not news
#: (the same bounds as sources.toml)
MIN_INTERVAL_S, MAX_INTERVAL_S = 30, 86400
#: a source added without an interval is polled this often (raised to the servers' minimum)
DEFAULT_INTERVAL_S = 600
#: autocomplete choices and embed fields read better short (the same as sources.toml)
MAX_NAME = 100
#: a generated source id is at most this long before its "-2", "-3" (slugs are at most 64)
_MAX_ID_STEM = 56

_DEFAULT_PORTS = {"http": 80, "https": 443}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class FollowRefused(Exception):
    """A follow cannot be added, changed or removed; the message is the plain reason, fit to
    show to whoever asked (a Discord reply, a line on stderr)."""


@dataclass(frozen=True, slots=True)
class SourceLimits:
    """What the operator lets servers do with sources (``[guild_sources]`` in bot.toml)."""

    #: False: only the operator adds sources; servers read the operator's
    allowed: bool = True
    #: sources one server may follow at once
    per_guild: int = 50
    #: the shortest poll interval a server may choose, in seconds
    min_interval: int = 300
    #: an OPML file larger than this is refused before it is parsed
    opml_max_bytes: int = 512 * 1024
    #: an OPML file with more feeds than this is refused
    opml_max_outlines: int = 500
    #: how long a server's sources and subscriptions outlive the bot's removal from it; a
    #: rejoin within it keeps everything
    leave_grace: timedelta = timedelta(days=7)


def url_key(url: str) -> str:
    """The feed a URL names, for telling whether two followers read the same one.

    Scheme and host are case-insensitive, a default port is the same as none, an empty path is
    "/", and the fragment never reaches the server. Path and query are kept as written: servers
    may tell ``/Feed`` from ``/feed``. The key is only compared; what is fetched is the URL as
    its first follower wrote it. Raises FollowRefused for anything but an http(s) URL with a
    host and without a user name or password.
    """
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:  # e.g. an unclosed "[" of an IPv6 host, a port that is no number
        raise FollowRefused(f"{text!r} is not an http(s) URL with a host") from None
    scheme = parts.scheme.lower()
    host = parts.hostname
    if scheme not in _DEFAULT_PORTS or not host or any(c.isspace() for c in text):
        raise FollowRefused(f"{text!r} is not an http(s) URL with a host")
    if parts.username is not None or parts.password is not None:
        # Source URLs are listed to servers and written to logs; a password would leak.
        raise FollowRefused("a source URL must not carry a user name or password")
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def new_source_id(url: str, taken: Container[str]) -> str:
    """A slug for a source added by URL: its host (less "www.") and path, made unique among
    ``taken`` with "-2", "-3"…; e.g. ``https://www.example.org/world/rss.xml`` →
    ``example-org-world-rss-xml``."""
    parts = urlsplit(url_key(url))
    host = (parts.hostname or "").removeprefix("www.")
    stem = _NOT_SLUG.sub("-", f"{host} {parts.path}".lower()).strip("-")[:_MAX_ID_STEM]
    stem = stem.strip("-") or "feed"
    candidate, n = stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


def check_name(name: str) -> str:
    """A follow's display name, stripped; refused when empty or too long."""
    text = " ".join(name.split())
    if not text:
        raise FollowRefused("a source's name must not be empty")
    if len(text) > MAX_NAME:
        raise FollowRefused(f"a source's name is at most {MAX_NAME} characters ({len(text)} given)")
    return text


def check_language(code: str) -> str:
    """An ISO 639-1 code, lower-cased; refused otherwise (region matching reads it)."""
    text = code.strip().lower()
    if len(text) != 2 or pycountry.languages.get(alpha_2=text) is None:
        raise FollowRefused(f"{code!r} is not an ISO 639-1 language code like \"en\"")
    return text


def check_interval(seconds: int, guild_id: int | None, limits: SourceLimits) -> int:
    """A follow's poll interval; a server may not go below the operator's minimum."""
    low = MIN_INTERVAL_S if guild_id is None else max(limits.min_interval, MIN_INTERVAL_S)
    if seconds < low:
        who = "a source" if guild_id is None else "a server's source"
        raise FollowRefused(f"the shortest interval {who} may have is {_duration(low)}")
    if seconds > MAX_INTERVAL_S:
        longest = _duration(MAX_INTERVAL_S)
        raise FollowRefused(f"the longest interval a source may have is {longest}")
    return seconds


def default_name(title: str | None, url: str) -> str:
    """What a source added without a name is called: the feed's own title (first line, cut to
    MAX_NAME), else the URL's host, else the URL."""
    text = " ".join((title or "").split())[:MAX_NAME].strip()
    return text or urlsplit(url).hostname or url


def not_followed(urls: Sequence[str], followed: Iterable[str]) -> list[str]:
    """The ``urls`` that name none of the ``followed`` feeds (by ``url_key``), in order. A URL
    that is no http(s) URL counts as not followed: adding it is what refuses it, with the reason.
    """
    known = {_key_or_none(u) for u in followed}
    return [u for u in urls if (_key_or_none(u) or u) not in known]


def check_room(guild_id: int | None, adding: int, following: int, limits: SourceLimits) -> None:
    """Refuse a list (an OPML import) that would take a server past its limit, whole: half an
    import is harder to see through than a refusal. The operator has no limit."""
    room = limits.per_guild - following
    if guild_id is not None and adding > room:
        raise FollowRefused(
            f"has {adding} feeds this server does not follow yet; it follows {following} of at "
            f"most {limits.per_guild}, so {max(room, 0)} more fit; nothing was imported")


def _key_or_none(url: str) -> str | None:
    try:
        return url_key(url)
    except FollowRefused:
        return None


def default_interval(guild_id: int | None, limits: SourceLimits) -> int:
    return DEFAULT_INTERVAL_S if guild_id is None else max(DEFAULT_INTERVAL_S, limits.min_interval)


@dataclass(frozen=True, slots=True)
class Reader:
    """One active follow, as far as the source's poll settings are concerned."""

    guild_id: int | None
    name: str
    interval: int
    language: str
    enabled: bool


@dataclass(frozen=True, slots=True)
class PollSettings:
    """What the polled source row says, derived from its followers."""

    name: str
    interval: int
    language: str
    enabled: bool


def poll_settings(readers: Sequence[Reader], min_interval: int) -> PollSettings | None:
    """The settings of a source read by ``readers`` (oldest follow first); None when nobody
    reads it.

    The shortest interval of the enabled followers wins (a server's raised to the operator's
    minimum, which may have grown since it chose). The body is parsed and matched once for
    everyone, so one name and one language apply: the operator's, else the oldest follower's.
    Each server still sees its own name in /source list and on its alerts.
    """
    if not readers:
        return None
    first = next((r for r in readers if r.guild_id is None), readers[0])
    enabled = [r for r in readers if r.enabled]
    intervals = [r.interval if r.guild_id is None else max(r.interval, min_interval)
                 for r in enabled]
    return PollSettings(
        name=first.name,
        interval=min(intervals) if intervals else first.interval,
        language=first.language,
        enabled=bool(enabled),
    )


def _duration(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"

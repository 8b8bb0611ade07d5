"""Preview a URL before it becomes a source: fetch → parse → (updates → match) of its newest item.

The same path a poll takes, through the same Fetcher (and so the same limits and address
checks), so a URL the preview accepts is one the poll loop can read, and one it refuses is
refused for the reason a poll would record. Like poll.py, this orchestrates and decides nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.model import Match, Update
from bot.pipeline.fetch import Fetcher, FetchError
from bot.pipeline.match import Matcher
from bot.pipeline.parse import ParseError, read_feed
from bot.pipeline.updates import decide_feed


class NotAFeed(Exception):
    """The URL is not a feed the bot can read; the message says why (HTTP status, parse
    error, too large, an address not allowed…) in plain words."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        #: the fetch error's kind ("http", "timeout", "too_large"…) or "parse"
        self.kind = kind


@dataclass(frozen=True, slots=True)
class FeedPreview:
    """What a URL holds, as a poll would read it."""

    url: str
    #: where the redirects ended
    final_url: str
    #: "rss", "atom", "json" or "liveblog"
    kind: str
    title: str | None
    #: the site's address, as the feed gives it
    link: str | None
    entries: int
    #: the newest item as the bot would alert it, and its match (None without a matcher)
    latest: Update | None
    match: Match | None


async def preview_feed(
    fetcher: Fetcher, url: str, *, matcher: Matcher | None = None, language: str = "en",
) -> FeedPreview:
    """Fetch and read ``url``; raise NotAFeed with the reason when it is no feed we can read."""
    try:
        fetched = await fetcher.fetch(url, etag=None, last_modified=None)
    except FetchError as e:
        raise NotAFeed(f"{url} cannot be fetched: {e.message}", e.kind) from None
    try:
        feed = read_feed(fetched.body, fetched.headers, url=fetched.final_url)
    except ParseError as e:
        raise NotAFeed(f"{url} is not a feed the bot can read: {e.reason}", "parse") from None
    newest = feed.drafts[:1]
    updates = decide_feed({}, [d.entry() for d in newest]).updates if newest else ()
    latest = updates[0] if updates else None
    match = None
    if latest is not None and matcher is not None:
        match = matcher.match(latest.text, latest.title, title_severity=True, language=language)
    return FeedPreview(url, fetched.final_url, feed.kind, feed.title, feed.link,
                       len(feed.drafts), latest, match)

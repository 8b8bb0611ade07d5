"""An RSS or Atom body that is not well-formed XML → its drafts, as feedparser recovers them.

lxml stops at the first error, as the XML spec asks; real feeds break it all the time (a bare
"&", bytes that are not in the declared encoding, a truncated body, an undeclared namespace
prefix, an entity only HTML knows), and their readers still see the items. feedparser's lenient
parser recovers what it can, so it reads what ``xml.read`` cannot. It is forty times slower,
mostly because of what we switch off: its HTML sanitiser (we turn HTML into text ourselves) and
URI rewriting.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import feedparser

from bot.pipeline import html_text
from bot.pipeline.parse.dates import from_struct
from bot.pipeline.parse.drafts import (
    NOT_A_FEED,
    EntryDraft,
    FeedDraft,
    Markup,
    ParseError,
    draft,
    feed,
)
from bot.pipeline.parse.links import absolute, clean, is_absolute

# An internal DTD subset that declares entities: feedparser's expat would expand them (it stops
# a billion-laughs body, but only after a second of work). Undeclared, they stay inert text.
_ENTITY_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.DOTALL | re.IGNORECASE)


def read(body: bytes, headers: Mapping[str, str] | None, url: str | None) -> FeedDraft:
    """The feed's drafts; ``headers`` give the charset, ``url`` resolves relative links."""
    if b"<!ENTITY" in body or b"<!entity" in body:
        body = _ENTITY_SUBSET.sub(b"", body)
    response_headers = {k.lower(): v for k, v in (headers or {}).items()
                        if k.lower() == "content-type"}
    try:
        # A file object, never bytes: given bytes, feedparser first tries them as a file name.
        data = feedparser.parse(
            io.BytesIO(body), response_headers=response_headers,
            sanitize_html=False, resolve_relative_uris=False,
        )
    except Exception as e:  # third-party code on hostile input
        raise ParseError(f"the body could not be read as a feed ({type(e).__name__})") from e
    version = str(data.get("version") or "")
    entries = data.get("entries") or []
    if not version and not entries:
        problem = data.get("bozo_exception")
        raise ParseError(NOT_A_FEED + (f": {problem}" if problem else ""))
    info = data.get("feed") or {}
    feed_link = absolute(_link(info), url)
    drafts = (_item(e, (feed_link, url)) for e in entries)
    kind = "atom" if version.startswith("atom") else "rss"
    return feed(kind, html_text.inline(info.get("title") or ""), feed_link, drafts)


def _item(entry: Any, bases: tuple[str | None, ...]) -> EntryDraft | None:
    contents = [c for c in _records(entry.get("content")) if c.get("value")]
    chosen = next((c for c in contents if "html" in str(c.get("type", ""))), None)
    chosen = chosen or (contents[0] if contents else _record(entry.get("summary_detail")))
    value = chosen.get("value") if chosen else entry.get("summary")
    is_html = "plain" not in str(chosen.get("type", "html")) if chosen else True
    title_detail = _record(entry.get("title_detail")) or {}
    title = entry.get("title") or ""
    title_plain = "plain" in str(title_detail.get("type", ""))
    return draft(
        guid=clean(entry.get("id")),
        link=_link(entry),
        bases=bases,
        title=html_text.plain(title) if title_plain else html_text.inline(title),
        # dict.get: feedparser's own get() maps a missing "updated" to "published", with a warning.
        published=_struct_date(dict.get(entry, "published_parsed")),
        updated=_struct_date(dict.get(entry, "updated_parsed")),
        content=Markup(value if isinstance(value, str) else None, is_html),
    )


def _link(node: Any) -> str | None:
    """The alternate link. feedparser's own ``link`` skips one whose type is not HTML and
    falls back to the id; ``xml.read`` takes the alternate link as written, and so do we."""
    for link in _records(node.get("links")):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    # An RSS permalink guid stands in for a missing <link>; an Atom id is not a link.
    link = node.get("link")
    if isinstance(link, str) and node.get("guidislink") and is_absolute(link):
        return link
    return None


def _records(value: Any) -> list[Mapping[str, Any]]:
    """feedparser's list of records (links, contents), without what is not one: from a broken
    tag it may give a bare string ("<linkS/news/a</link>" gives the links ["news"])."""
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _record(value: Any) -> Mapping[str, Any] | None:
    return value if isinstance(value, Mapping) else None


def _struct_date(parsed: Any) -> datetime | None:
    try:
        return from_struct(parsed)
    except (TypeError, ValueError, OverflowError):
        return None

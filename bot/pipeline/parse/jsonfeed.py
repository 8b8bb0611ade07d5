"""A JSON Feed 1.0/1.1 body → its drafts.

feedparser does not read JSON Feed, so this does, leniently: a field of the wrong type (a number
where a string belongs, an object for a URL) counts as missing rather than failing the feed.
RSS written out as JSON (``{"rss": {"channel": {"item": [...]}}}``, as Scripting News serves
it) is read too, mapped onto the same fields.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from bot.pipeline import html_text
from bot.pipeline.parse import decode
from bot.pipeline.parse.drafts import FeedDraft, Markup, ParseError, draft, feed
from bot.pipeline.parse.links import absolute, clean

_VERSION_PREFIX = "https://jsonfeed.org/version/"


@dataclass(frozen=True, slots=True)
class JsonItem:
    id: str | None
    url: str | None
    title: str | None
    content_html: str | None
    content_text: str | None
    summary: str | None
    date_published: str | None
    date_modified: str | None


@dataclass(frozen=True, slots=True)
class JsonFeed:
    title: str | None
    home_page_url: str | None
    feed_url: str | None
    items: tuple[JsonItem, ...]


def read(body: bytes, charset: str | None, url: str | None) -> FeedDraft:
    """The feed's drafts; ``charset`` is the HTTP one, ``url`` resolves relative links."""
    found = _load(decode.decode(body, charset, None))
    if found is None:
        raise ParseError("the body is JSON but not a JSON Feed (no version or items)")
    home = absolute(found.home_page_url, url)
    bases = (found.feed_url or url, home)
    drafts = (
        draft(
            guid=clean(item.id),
            link=item.url,
            bases=bases,
            title=html_text.inline(item.title or ""),
            published=item.date_published,
            updated=item.date_modified,
            content=(
                Markup(item.content_html)
                if item.content_html
                else Markup(item.content_text or item.summary, is_html=False)
            ),
        )
        for item in found.items
    )
    return feed("json", html_text.inline(found.title or ""), home, drafts)


def _load(text: str) -> JsonFeed | None:
    """The JSON Feed in ``text``, as the spec names its fields, or None when it is not JSON or
    not a JSON Feed."""
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        return None
    if not isinstance(doc, dict):
        return None
    rss = doc.get("rss")
    if isinstance(rss, dict) and isinstance(rss.get("channel"), dict):
        return _rss_in_json(rss["channel"])
    items = doc.get("items")
    version = doc.get("version")
    is_feed = isinstance(version, str) and version.startswith(_VERSION_PREFIX)
    # Some generators omit the version; a top-level list of items is still unmistakable.
    if not isinstance(items, list) or not (is_feed or items):
        return None
    return JsonFeed(
        title=_str(doc.get("title")),
        home_page_url=_str(doc.get("home_page_url")),
        feed_url=_str(doc.get("feed_url")),
        items=tuple(_item(raw) for raw in items if isinstance(raw, dict)),
    )


def _item(raw: dict[str, object]) -> JsonItem:
    raw_id = raw.get("id")
    # 1.0 feeds in the wild use numbers for ids; the spec asks for strings. Same item either way.
    item_id = _str(raw_id)
    if isinstance(raw_id, int | float) and not isinstance(raw_id, bool):
        item_id = str(raw_id)
    return JsonItem(
        id=item_id,
        url=_str(raw.get("url")) or _str(raw.get("external_url")),
        title=_str(raw.get("title")),
        content_html=_str(raw.get("content_html")),
        content_text=_str(raw.get("content_text")),
        summary=_str(raw.get("summary")),
        date_published=_str(raw.get("date_published")),
        date_modified=_str(raw.get("date_modified")),
    )


def _rss_in_json(channel: dict[str, object]) -> JsonFeed:
    raw = channel.get("item")
    items = [raw] if isinstance(raw, dict) else raw if isinstance(raw, list) else []
    return JsonFeed(
        title=_str(channel.get("title")),
        home_page_url=_str(channel.get("link")),
        feed_url=None,
        items=tuple(
            JsonItem(
                id=_str(item.get("guid")),
                url=_str(item.get("link")),
                title=_str(item.get("title")),
                content_html=_str(item.get("description")),
                content_text=None,
                summary=None,
                date_published=_str(item.get("pubDate")),
                date_modified=None,
            )
            for item in items
            if isinstance(item, dict)
        ),
    )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None

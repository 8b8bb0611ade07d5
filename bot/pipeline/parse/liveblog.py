"""An HTML live-blog page → one entry whose segments are the updates it lists.

News sites describe live blogs for search engines in ``<script type="application/ld+json">``
blocks, as a schema.org ``LiveBlogPosting``. Those blocks are written by templates, not by JSON
libraries, so they are read leniently: trailing junk after the value, HTML entities instead of
quotes, raw newlines inside strings, comment or CDATA wrappers. The posting may be the block
itself, one element of a list, or a node of an ``@graph``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser

from bot.model import Segment
from bot.pipeline import html_text
from bot.pipeline.parse import dates
from bot.pipeline.parse.drafts import FeedDraft, draft, feed
from bot.pipeline.parse.links import absolute, clean

# strict=False lets control characters (raw newlines) through inside strings.
_DECODER = json.JSONDecoder(strict=False)
_WRAPPERS = ("<!--", "-->", "//<![CDATA[", "//]]>", "<![CDATA[", "]]>")


@dataclass(frozen=True, slots=True)
class LiveUpdate:
    headline: str | None
    #: HTML or plain text, as the page gives it
    body: str | None
    published: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class LiveBlog:
    id: str | None
    url: str | None
    headline: str | None
    published: str | None
    modified: str | None
    #: in page order (sites list the newest first)
    updates: tuple[LiveUpdate, ...]


def read(page: str, url: str | None) -> FeedDraft | None:
    """The live blog as a feed of one entry, or None when the page describes none; ``url``
    (the page's) resolves a relative link and stands in for a missing one."""
    blog = _find(page)
    if blog is None:
        return None
    link = absolute(blog.url, url) or url
    title = html_text.inline(blog.headline or "")
    entry = draft(
        guid=clean(blog.id) or link,
        link=link,
        bases=None,
        title=title,
        published=blog.published,
        updated=blog.modified,
        content=_Updates(blog.updates),
    )
    return feed("liveblog", title, link, (entry,))


@dataclass(frozen=True, slots=True)
class _Updates:
    """A live blog's updates as the page lists them: each becomes one segment."""

    updates: tuple[LiveUpdate, ...]

    def basis(self) -> str:
        # Every field that reaches a segment (the marker is made of the time and the headline).
        return "\x1e".join(
            f"{u.published or ''}\x1f{u.headline or ''}\x1f{u.body or ''}" for u in self.updates
        )

    def segments(self) -> tuple[Segment, ...]:
        segments = (
            Segment(*_marker(u.headline, dates.read(u.published), u.body)) for u in self.updates
        )
        return tuple(s for s in segments if s.paragraphs)


def _marker(
    headline: str | None, when: datetime | None, body: str | None
) -> tuple[str | None, tuple[str, ...]]:
    """A live-blog update's marker (its time, and its headline) and paragraphs.

    An update with a headline and no body is common ("Schools to close on Friday"): then the
    headline is the text, so that it is not lost as a label with nothing under it.
    """
    stamp = when.strftime("%Y-%m-%d %H:%M UTC") if when else None
    title = html_text.inline(headline or "")
    paragraphs = tuple(html_text.paragraphs(body)) if body else ()
    if not paragraphs:
        return stamp, (title,) if title else ()
    marker = " — ".join(p for p in (stamp, title) if p)
    return marker or None, paragraphs


def _find(page: str) -> LiveBlog | None:
    """The first live-blog posting described on the page, or None when there is none."""
    tree = LexborHTMLParser(page)
    for script in tree.css("script"):
        kind = (script.attributes.get("type") or "").strip().lower()
        if kind != "application/ld+json":
            continue
        data = _load(script.text(deep=True))
        posting = next(_postings(data), None) if data is not None else None
        if posting is not None:
            return _blog(posting)
    return None


def _load(text: str) -> object | None:
    text = text.strip()
    for wrapper in _WRAPPERS:
        text = text.replace(wrapper, "")
    for candidate in (text.strip(), html.unescape(text).strip()):
        try:
            # raw_decode stops after the first value: whatever junk follows it is ignored.
            value: object = _DECODER.raw_decode(candidate)[0]
        except (ValueError, RecursionError):
            continue
        return value
    return None


def _postings(data: object, depth: int = 0) -> Iterator[dict[str, object]]:
    """Every object typed LiveBlogPosting (or carrying updates), searched through lists and
    ``@graph`` only: that is where schema.org data nests top-level things."""
    if depth > 4:
        return
    if isinstance(data, list):
        for node in data:
            yield from _postings(node, depth + 1)
    elif isinstance(data, dict):
        types = data.get("@type")
        names = types if isinstance(types, list) else [types]
        if "LiveBlogPosting" in names or "liveBlogUpdate" in data:
            yield data
        yield from _postings(data.get("@graph"), depth + 1)


def _blog(posting: dict[str, object]) -> LiveBlog:
    raw_updates = posting.get("liveBlogUpdate")
    if isinstance(raw_updates, dict):
        raw_updates = [raw_updates]
    updates = raw_updates if isinstance(raw_updates, list) else []
    page = posting.get("mainEntityOfPage")
    page_id = _str(page.get("@id")) if isinstance(page, dict) else _str(page)
    return LiveBlog(
        id=_str(posting.get("@id")),
        url=_str(posting.get("url")) or page_id,
        headline=_str(posting.get("headline")) or _str(posting.get("name")),
        published=_str(posting.get("datePublished")) or _str(posting.get("coverageStartTime")),
        modified=_str(posting.get("dateModified")),
        updates=tuple(_update(u) for u in updates if isinstance(u, dict)),
    )


def _update(raw: dict[str, object]) -> LiveUpdate:
    return LiveUpdate(
        headline=_str(raw.get("headline")) or _str(raw.get("name")),
        body=_str(raw.get("articleBody")) or _str(raw.get("text")),
        published=_str(raw.get("datePublished")) or _str(raw.get("dateModified")),
        url=_str(raw.get("url")),
    )


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None

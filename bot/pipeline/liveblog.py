"""An HTML live-blog page → its schema.org ``LiveBlogPosting`` and the updates it lists.

News sites describe live blogs for search engines in ``<script type="application/ld+json">``
blocks. Those blocks are written by templates, not by JSON libraries, so they are read leniently:
trailing junk after the value, HTML entities instead of quotes, raw newlines inside strings,
comment or CDATA wrappers. The posting may be the block itself, one element of a list, or a node
of an ``@graph``. Turning it into an entry is parse.py's job.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

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


def read(page: str) -> LiveBlog | None:
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

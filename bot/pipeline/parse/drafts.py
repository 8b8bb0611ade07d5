"""What every reader makes of a feed: a ``FeedDraft`` of ``EntryDraft``s, or a ``ParseError``.

Parsing has two stages. Reading (``read_feed``) gives each item its key and a hash of its
content as written, which is cheap; ``EntryDraft.entry()`` turns the content into text, which
is not, and a poll calls it only for the entries whose hash changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from bot.model import Entry, ParsedFeed, Segment
from bot.pipeline import html_text
from bot.pipeline.parse import dates
from bot.pipeline.parse.links import absolute, clean
from bot.pipeline.segments import split_segments


class ParseError(Exception):
    """The body cannot be read as a feed at all; ``reason`` says why in plain words."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


#: what a body that is no feed of any kind is told (feedparser's complaint appended, if any)
NOT_A_FEED = "the body is neither RSS, Atom, JSON Feed nor a live-blog page"


class Content(Protocol):
    """An item's content as the source wrote it, turned into text only when asked."""

    def basis(self) -> str:
        """What the content hash covers."""
        ...

    def segments(self) -> tuple[Segment, ...]: ...


# Not frozen, like EntryDraft: one is made for every item of every feed read (see there).
@dataclass(slots=True)
class Markup:
    """An item's content as the feed wrote it: HTML (the usual case), or plain text."""

    text: str | None
    is_html: bool = True

    def basis(self) -> str:
        """What the content hash covers: the text and how it is to be read."""
        return ("h" if self.is_html else "t") + (self.text or "")

    def segments(self) -> tuple[Segment, ...]:
        if not self.text:
            return ()
        if self.is_html:
            return split_segments(html_text.paragraphs(self.text))
        return split_segments(html_text.plain_paragraphs(self.text))


#: A date as the feed gave it: text that ``dates.read`` reads when the date is asked for, or a
#: datetime already made (feedparser's dates), or None.
When = str | datetime | None


def _when(value: When) -> datetime | None:
    return dates.read(value) if isinstance(value, str) else value


# Not frozen, unlike the other records: a frozen dataclass sets each field through
# object.__setattr__, which made reading a 50-entry feed 4 % slower. Nothing assigns to one.
@dataclass(slots=True)
class EntryDraft:
    """One entry as read, before its content is turned into text.

    Reading drafts costs no HTML work, so a poll can compare ``content_hash`` with the stored
    one and call ``entry()`` only for the entries whose title or content changed. The link and
    the dates are kept as the feed wrote them, too, and read each time they are asked for
    (``entry()`` asks once): a poll that finds one new entry among fifty needs them only for it.
    """

    #: stable key: guid, else link, else a hash of title + date
    key: str
    title: str
    #: 63-bit hash of the title and the content as the source wrote them; the same bytes give
    #: the same number in every run and process (it is stored, and must fit SQLite's INTEGER)
    content_hash: int
    _content: Content = field(repr=False)
    #: the link as written, and the bases it is resolved against (None: already resolved)
    _link: str | None = field(repr=False)
    _bases: tuple[str | None, ...] | None = field(repr=False)
    _published: When = field(repr=False)
    _updated: When = field(repr=False)

    @property
    def link(self) -> str | None:
        """Absolute against the entry's, then the feed's base where the feed wrote it relative."""
        return self._link if self._bases is None else absolute(self._link, *self._bases)

    @property
    def published(self) -> datetime | None:
        return _when(self._published)

    @property
    def updated(self) -> datetime | None:
        return _when(self._updated)

    def entry(self) -> Entry:
        """The entry with its content turned into segments (the costly stage, done on each call)."""
        return Entry(
            self.key, self.title, self.link, self.published, self.updated,
            self._content.segments(), self.content_hash,
        )


@dataclass(frozen=True, slots=True)
class FeedDraft:
    #: "rss", "atom", "json" or "liveblog": detected from the body, never configured
    kind: str
    title: str | None
    link: str | None
    #: in feed order, duplicate keys dropped (the first occurrence wins)
    drafts: tuple[EntryDraft, ...]

    def parsed(self) -> ParsedFeed:
        """Every entry through the second stage: what ``parse`` returns."""
        return ParsedFeed(
            self.kind, self.title, self.link, tuple(d.entry() for d in self.drafts)
        )


def draft(
    *,
    guid: str | None,
    link: str | None,
    bases: tuple[str | None, ...] | None,
    title: str,
    published: When,
    updated: When,
    content: Content,
) -> EntryDraft | None:
    """One item as a draft, or None when it has nothing anyone could be alerted to.

    ``link`` is as written and ``bases`` what it is resolved against (None when it already is).
    Only the key may need the link resolved (no guid) or the dates read (no guid, no link).
    """
    # An item with no title, no link and no text has nothing anyone could be alerted to.
    # Only such an item has its text made here (rare: RSS 0.9x description-only items).
    if not title and clean(link) is None and not content.segments():
        return None
    if guid:
        key = guid
    else:
        if bases is not None:
            link, bases = absolute(link, *bases), None
        if link:
            key = link
        else:
            published, updated = _when(published), _when(updated)
            key = _hashed_key(title, published or updated, content)
    return EntryDraft(
        key, title, _content_hash(title, content), content, link, bases, published, updated
    )


def feed(
    kind: str, title: str | None, link: str | None, drafts: Iterable[EntryDraft | None]
) -> FeedDraft:
    """The feed's draft from its items' drafts (None: an item with nothing in it)."""
    kept: dict[str, EntryDraft] = {}
    for one in drafts:
        # the first occurrence of a key wins; later copies are usually stale
        if one is not None and one.key not in kept:
            kept[one.key] = one
    return FeedDraft(kind, title or None, link, tuple(kept.values()))


def _content_hash(title: str, content: Content) -> int:
    """blake2b of the title and the raw content, cut to 63 bits so it is never negative."""
    basis = f"{title}\0{content.basis()}".encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(basis, digest_size=8).digest(), "big") >> 1


def _hashed_key(title: str, when: datetime | None, content: Content) -> str:
    """The key of an item with neither guid nor link: a hash of title + date, stable across
    polls."""
    basis = f"{title}\n{when.isoformat() if when is not None else ''}"
    if not title and when is None:
        # RSS 0.9x allows items that are only a description: without their text every such
        # item would share one key and all but the first would be lost.
        basis += "\n" + "\n".join(p for s in content.segments() for p in s.paragraphs)
    return "h:" + hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()

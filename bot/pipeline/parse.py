"""Feed bytes → ``ParsedFeed``: whatever the body is, every item becomes the same ``Entry``.

The kind is read from the body, never configured: JSON (JSON Feed), an HTML page (a live blog
whose schema.org ``LiveBlogPosting`` data lists its updates), or XML (RSS 0.9x/1.0/2.0, Atom
0.3/1.0).

XML goes through a fast path first: one strict lxml parse that cannot load DTDs, reach the
network or expand entities (so XXE and billion-laughs bodies are inert), then a direct read of
the few elements we use. feedparser reads the rest (bodies that are not well-formed, odd
encodings, a charset header that disagrees with the document); it is forty times slower, mostly
because of what we switch off: its HTML sanitiser (we turn HTML into text ourselves) and URI
rewriting.

Everything ends in ``ParseError`` with a plain-words reason when the body is not a feed at all.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from html import escape
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
from feedparser.datetimes import _parse_date as _feedparser_date
from lxml import etree

from bot.model import Entry, ParsedFeed, Segment
from bot.pipeline import html_text, jsonfeed, liveblog
from bot.pipeline.segments import split_segments

__all__ = ["EntryDraft", "FeedDraft", "ParseError", "parse", "read_feed"]


class ParseError(Exception):
    """The body cannot be read as a feed at all; ``reason`` says why in plain words."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def parse(
    body: bytes, headers: Mapping[str, str] | None = None, url: str | None = None
) -> ParsedFeed:
    """Read a fetched body; ``headers`` give the charset, ``url`` resolves relative links."""
    return read_feed(body, headers, url).parsed()


def read_feed(
    body: bytes, headers: Mapping[str, str] | None = None, url: str | None = None
) -> FeedDraft:
    """The first, cheap stage of ``parse``: the feed and its entries as read, with each entry's
    content hashed but not yet turned into text (``EntryDraft.entry()`` does that)."""
    charset = _header_charset(headers)
    head = _sniff_text(body)
    stripped = head.lstrip()
    if not stripped:
        raise ParseError("the body is empty")
    if stripped[0] in "{[":
        return _read_json(body, charset, url)
    if _HTML_START.match(stripped):
        return _read_html(body, headers, charset, url)
    fast = _fast_draft(body, charset, url)
    return fast if fast is not None else _feedparser_draft(body, headers, url)


# -- the two stages ----------------------------------------------------------------------------


# Not frozen, like EntryDraft: one is made for every item of every feed read (see there).
@dataclass(slots=True)
class _Markup:
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


@dataclass(frozen=True, slots=True)
class _LiveUpdates:
    """A live blog's updates as the page lists them: each becomes one segment."""

    updates: tuple[liveblog.LiveUpdate, ...]

    def basis(self) -> str:
        # Every field that reaches a segment (the marker is made of the time and the headline).
        return "\x1e".join(
            f"{u.published or ''}\x1f{u.headline or ''}\x1f{u.body or ''}" for u in self.updates
        )

    def segments(self) -> tuple[Segment, ...]:
        segments = (
            Segment(*_live_marker(u.headline, _date(u.published), u.body)) for u in self.updates
        )
        return tuple(s for s in segments if s.paragraphs)


_Content = _Markup | _LiveUpdates
#: A date as the feed gave it: text that ``_date`` reads when the date is asked for, or a
#: datetime already made (feedparser's dates), or None.
_When = str | datetime | None


def _when(value: _When) -> datetime | None:
    return _date(value) if isinstance(value, str) else value


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
    _content: _Content = field(repr=False)
    #: the link as written, and the bases it is resolved against (None: already resolved)
    _link: str | None = field(repr=False)
    _bases: tuple[str | None, ...] | None = field(repr=False)
    _published: _When = field(repr=False)
    _updated: _When = field(repr=False)

    @property
    def link(self) -> str | None:
        """Absolute against the entry's, then the feed's base where the feed wrote it relative."""
        return self._link if self._bases is None else _absolute(self._link, *self._bases)

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


def _content_hash(title: str, content: _Content) -> int:
    """blake2b of the title and the raw content, cut to 63 bits so it is never negative."""
    basis = f"{title}\0{content.basis()}".encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(basis, digest_size=8).digest(), "big") >> 1


# -- what every reader produces ----------------------------------------------------------------


def _draft(
    *,
    guid: str | None,
    link: str | None,
    bases: tuple[str | None, ...] | None,
    title: str,
    published: _When,
    updated: _When,
    content: _Content,
) -> EntryDraft | None:
    """One item as a draft, or None when it has nothing anyone could be alerted to.

    ``link`` is as written and ``bases`` what it is resolved against (None when it already is).
    Only the key may need the link resolved (no guid) or the dates read (no guid, no link).
    """
    # An item with no title, no link and no text has nothing anyone could be alerted to.
    # Only such an item has its text made here (rare: RSS 0.9x description-only items).
    if not title and _clean(link) is None and not content.segments():
        return None
    if guid:
        key = guid
    else:
        if bases is not None:
            link, bases = _absolute(link, *bases), None
        if link:
            key = link
        else:
            published, updated = _when(published), _when(updated)
            key = _hashed_key(title, published or updated, content)
    return EntryDraft(
        key, title, _content_hash(title, content), content, link, bases, published, updated
    )


def _feed(
    kind: str, title: str | None, link: str | None, drafts: Iterable[EntryDraft | None]
) -> FeedDraft:
    kept: dict[str, EntryDraft] = {}
    for draft in drafts:
        # the first occurrence of a key wins; later copies are usually stale
        if draft is not None and draft.key not in kept:
            kept[draft.key] = draft
    return FeedDraft(kind, title or None, link, tuple(kept.values()))


def _hashed_key(title: str, when: datetime | None, content: _Content) -> str:
    """The key of an item with neither guid nor link: a hash of title + date, stable across
    polls."""
    basis = f"{title}\n{when.isoformat() if when is not None else ''}"
    if not title and when is None:
        # RSS 0.9x allows items that are only a description: without their text every such
        # item would share one key and all but the first would be lost.
        basis += "\n" + "\n".join(p for s in content.segments() for p in s.paragraphs)
    return "h:" + hashlib.sha1(basis.encode("utf-8", "surrogatepass")).hexdigest()


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def _absolute(link: str | None, *bases: str | None) -> str | None:
    """``link`` made absolute against the first base that manages it, else as given."""
    link = _clean(link)
    if link is None or _is_absolute(link):
        return link
    for base in bases:
        if base and _is_absolute(base):
            try:
                return urljoin(base, link)
            except ValueError:  # a malformed base (e.g. a broken IPv6 host)
                continue
    return link


def _is_absolute(link: str) -> bool:
    if _PLAIN_ABSOLUTE.match(link):  # the common case, without urlsplit (uncached: 3 us)
        return True
    try:
        parts = urlsplit(link)
    except ValueError:
        return False
    return bool(parts.scheme and parts.netloc)


# "http://" or "https://" and a host that urlsplit reads as it is: only the characters a plain
# host, port or user part uses, so no IPv6 brackets, no whitespace urlsplit would drop and no
# non-ASCII it would check. Anything else is left to urlsplit.
_PLAIN_ABSOLUTE = re.compile(r"https?://[A-Za-z0-9._~%!$&'()*+,;=:@-]+(?:[/?#]|\Z)")


def _date(text: str | None) -> datetime | None:
    """A timezone-aware UTC datetime, or None for anything that cannot be read as a date."""
    if not text or not (text := text.strip()):
        return None
    if text[0].isdigit():  # a weekday name first ("Tue, ...") is never ISO 8601
        try:
            return _utc(datetime.fromisoformat(text))  # Atom, JSON Feed, schema.org
        except ValueError:
            pass
    rfc822 = _RFC822.fullmatch(text)
    if rfc822 is not None:
        try:
            return _rfc822(rfc822)
        except (ValueError, OverflowError):
            pass  # e.g. 31 Feb: the long way below decides, as it always did
    try:
        return _utc(parsedate_to_datetime(text))  # RSS (RFC 822) in its other spellings
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        # feedparser's handlers know the odd formats real feeds use; it returns UTC fields.
        parsed = _feedparser_date(text)
        return _from_struct(parsed)
    except Exception:  # third-party code on hostile input: any failure means "no date"
        return None


# RFC 822 as nearly every RSS feed writes it ("Tue, 04 Mar 2025 17:13:00 GMT", "... -0500"),
# read directly: email.utils takes five times as long and was a fifth of reading a feed.
_RFC822 = re.compile(
    r"(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"\s+(?:GMT|UTC|UT|Z|([+-]\d{2})(\d{2}))"
)
_MONTHS = {
    name: number for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def _rfc822(found: re.Match[str]) -> datetime | None:
    day, month_name, year, hour, minute, second, zone_hours, zone_minutes = found.groups()
    month = _MONTHS.get(month_name.lower())
    if month is None or year < "0100":  # email.utils reads "0024" as 2024: leave those to it
        raise ValueError(f"{month_name} {year}")
    when = datetime(
        int(year), month, int(day), int(hour), int(minute), int(second or 0), tzinfo=UTC
    )
    if zone_hours is None or (zone_hours[1:] == "00" and zone_minutes == "00"):
        return when
    sign = -1 if zone_hours[0] == "-" else 1
    offset = timezone(sign * timedelta(hours=int(zone_hours[1:]), minutes=int(zone_minutes)))
    return _utc(when.replace(tzinfo=offset))


def _from_struct(parsed: Any) -> datetime | None:
    """feedparser's dates: a ``time.struct_time`` already in UTC, or None."""
    if not parsed:
        return None
    year, month, day, hour, minute, second = parsed[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def _utc(value: datetime) -> datetime | None:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # a date without a zone is taken as UTC
    try:
        return value.astimezone(UTC)
    except (OverflowError, ValueError):  # year 1 or 9999 pushed past the range by the offset
        return None


# -- sniffing and decoding ---------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
# How "<" or "{" starts a body in a wide encoding that has no BOM (the XML spec's appendix F).
_WIDE_STARTS = (
    (b"\x00\x00\x00", "utf-32-be"),
    (b"\x00\x00", "utf-16-be"),
)
# HTML is told by its first element, after any prolog, doctype and comments: an XHTML doctype
# in front of <rss> is a feed, and so is a page-less fragment that starts with <rss>.
_HTML_START = re.compile(
    r"(?:<\?xml[^>]*>\s*)?(?:(?:<!--.*?-->|<!doctype[^>\[]*>)\s*)*"
    r"<(?:html|head|body|meta|title|link|script|style|div|p|h1)[\s/>]",
    re.IGNORECASE | re.DOTALL,
)
# A feed inside an HTML page (a blog template wrapped around its own Atom): still worth reading.
_FEED_ELEMENT = re.compile(rb"<(?:feed|rss|rdf:RDF|channel)[\s>]")
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_SNIFF_BYTES = 4096


def _bom_encoding(body: bytes) -> tuple[str | None, int]:
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name, len(bom)
    return None, 0


def _sniff_text(body: bytes) -> str:
    """Enough of the body as text to tell JSON, HTML and XML apart (never the final decode)."""
    head = body[:_SNIFF_BYTES]
    encoding, skip = _bom_encoding(head)
    if encoding is None:
        if head[1:4] == b"\x00\x00\x00":
            encoding = "utf-32-le"
        elif head[1:2] == b"\x00":
            encoding = "utf-16-le"
        else:
            encoding = next((n for p, n in _WIDE_STARTS if head.startswith(p)), "latin-1")
    return head[skip:].decode(encoding, "replace")


def _header_charset(headers: Mapping[str, str] | None) -> str | None:
    if not headers:
        return None
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    match = re.search(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", content_type, re.IGNORECASE)
    return _codec_name(match.group(1)) if match else None


def _codec_name(label: str | bytes) -> str | None:
    """The codec Python knows for an encoding label, or None for a bogus label."""
    if isinstance(label, bytes):
        label = label.decode("ascii", "replace")
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decode(body: bytes, charset: str | None, declared: str | None) -> str:
    """BOM, then the header charset, then what the document declares, then UTF-8."""
    encoding, skip = _bom_encoding(body)
    for candidate in (encoding, charset, declared):
        if candidate:
            try:
                return body[skip:].decode(candidate)
            except (UnicodeDecodeError, LookupError):
                continue
    try:
        return body[skip:].decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8 and nothing said otherwise: windows-1252 is what such pages nearly always are.
        return body[skip:].decode("windows-1252", "replace")


# -- JSON Feed and live-blog pages -------------------------------------------------------------


def _read_json(body: bytes, charset: str | None, url: str | None) -> FeedDraft:
    feed = jsonfeed.read(_decode(body, charset, None))
    if feed is None:
        raise ParseError("the body is JSON but not a JSON Feed (no version or items)")
    home = _absolute(feed.home_page_url, url)
    bases = (feed.feed_url or url, home)
    drafts = (
        _draft(
            guid=_clean(item.id),
            link=item.url,
            bases=bases,
            title=html_text.inline(item.title or ""),
            published=item.date_published,
            updated=item.date_modified,
            content=(
                _Markup(item.content_html)
                if item.content_html
                else _Markup(item.content_text or item.summary, is_html=False)
            ),
        )
        for item in feed.items
    )
    return _feed("json", html_text.inline(feed.title or ""), home, drafts)


def _read_html(
    body: bytes, headers: Mapping[str, str] | None, charset: str | None, url: str | None
) -> FeedDraft:
    match = _META_CHARSET.search(body[:_SNIFF_BYTES])
    text = _decode(body, charset, _codec_name(match.group(1)) if match else None)
    blog = liveblog.read(text)
    if blog is None:
        if _FEED_ELEMENT.search(body):
            try:
                return _fast_draft(body, charset, url) or _feedparser_draft(body, headers, url)
            except ParseError:
                pass
        raise ParseError("the body is an HTML page, not a feed, and it has no live-blog data")
    link = _absolute(blog.url, url) or url
    title = html_text.inline(blog.headline or "")
    draft = _draft(
        guid=_clean(blog.id) or link,
        link=link,
        bases=None,
        title=title,
        published=blog.published,
        updated=blog.modified,
        content=_LiveUpdates(blog.updates),
    )
    return _feed("liveblog", title, link, (draft,))


def _live_marker(
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


# -- XML fast path (lxml) ----------------------------------------------------------------------

_ATOM10 = "http://www.w3.org/2005/Atom"
_ATOM03 = "http://purl.org/atom/ns#"
_ATOM = (_ATOM10, _ATOM03)
# Some feeds leave the Atom namespace out altogether; the element names still say what they are.
_ATOM_ANY = (*_ATOM, "")
_RSS_NS = ("", "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/",
           "http://backend.userland.com/rss2", "http://backend.userland.com/rss")
_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"
_MEDIA = "http://search.yahoo.com/mrss/"
_RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"


class _NotFast(Exception):
    """The fast path met something only feedparser handles; the fallback takes the body."""


def _xml_parser() -> etree.XMLParser:
    # A fresh parser per call: lxml parsers keep per-parse state (the error log), and building
    # one costs microseconds. These options are the XXE / billion-laughs defence.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
        dtd_validation=False, remove_comments=True, remove_pis=True,
    )


def _fast_xml(body: bytes, charset: str | None, url: str | None) -> ParsedFeed | None:
    """The fast path alone, both stages (tests compare it with the fallback)."""
    draft = _fast_draft(body, charset, url)
    return draft.parsed() if draft is not None else None


def _fast_draft(body: bytes, charset: str | None, url: str | None) -> FeedDraft | None:
    """The feed read by lxml alone, or None when only the feedparser fallback can read it."""
    bom, _ = _bom_encoding(body)
    declared_match = _XML_ENCODING.match(body.lstrip()[:_SNIFF_BYTES])
    declared = bom or (_codec_name(declared_match.group(1)) if declared_match else None)
    # RFC 7303: the HTTP charset wins over the document; feedparser knows those rules.
    if charset is not None and charset != (declared or "utf-8"):
        return None
    if bom is None:
        body = body.lstrip()  # servers often emit a newline before "<?xml"; libxml2 refuses it
    try:
        root = etree.fromstring(body, _xml_parser(), base_url=url or "")
    except (etree.XMLSyntaxError, ValueError):
        return None
    # Unexpanded entity references mean a DTD was involved; feedparser knows HTML entity names.
    # The tree is searched first: 3 us, where searching the bytes of a feed, with a "<" every
    # few bytes, takes 40.
    if next(root.iter(etree.Entity), None) is not None and b"<!DOCTYPE" in body:
        return None
    namespace, name = _split(root.tag)
    try:
        if name == "feed" and namespace in _ATOM_ANY:
            return _read_atom(root, url)
        if name in ("rss", "RDF"):
            return _read_rss(root, url)
    except _NotFast:
        return None
    return None


def _split(tag: object) -> tuple[str, str]:
    if not isinstance(tag, str):  # comments, processing instructions
        return "-", ""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _tags(namespaces: tuple[str, ...], *names: str) -> tuple[str, ...]:
    """The tags lxml gives ``names`` in ``namespaces`` ("{namespace}name", or the bare name for
    no namespace), in order of preference: the first name in any namespace first."""
    return tuple(f"{{{ns}}}{name}" if ns else name for name in names for ns in namespaces)


# Looked up by the tag as lxml spells it: one dict lookup per candidate, no string splitting.
_RSS_CHANNEL = frozenset(_tags(_RSS_NS, "channel"))
_RSS_ITEM = frozenset(_tags(_RSS_NS, "item"))
_RSS_LINK = _tags(_RSS_NS, "link")
_RSS_TITLE = _tags(_RSS_NS, "title")
_RSS_DESCRIPTION = _tags(_RSS_NS, "description")
_DC_TITLE = _tags((_DC,), "title")
_DC_DATE = _tags((_DC,), "date")
_DCTERMS_MODIFIED = _tags((_DCTERMS,), "modified")
_CONTENT_ENCODED = f"{{{_CONTENT}}}encoded"
_ATOM_ENTRY = frozenset(_tags(_ATOM_ANY, "entry"))
_ATOM_LINK = frozenset(_tags(_ATOM_ANY, "link"))
_ATOM_TITLE = _tags(_ATOM_ANY, "title")
_ATOM_CONTENT = _tags(_ATOM_ANY, "content")
_ATOM_SUMMARY = _tags(_ATOM_ANY, "summary")
_ATOM_ID = _tags(_ATOM_ANY, "id")
_ATOM_PUBLISHED = _tags(_ATOM_ANY, "published", "issued")
_ATOM_UPDATED = _tags(_ATOM_ANY, "updated", "modified")
_MEDIA_GROUP = f"{{{_MEDIA}}}group"
_MEDIA_DESCRIPTION = f"{{{_MEDIA}}}description"


def _children(el: etree._Element) -> dict[object, etree._Element]:
    """Each tag of the direct children mapped to its first element."""
    found: dict[object, etree._Element] = {}
    for child in el:
        found.setdefault(child.tag, child)
    return found


def _first(found: Mapping[object, etree._Element], tags: tuple[str, ...]) -> etree._Element | None:
    """The first child present among ``tags`` (in that order of preference)."""
    for tag in tags:
        el = found.get(tag)
        if el is not None:
            return el
    return None


@dataclass(frozen=True, slots=True)
class _Fields:
    """The children an item is read for: each field's tags (in order of preference) → the
    field's position in what ``_pick`` returns, and the tag's rank among the field's tags."""

    by_tag: Mapping[str, tuple[int, int]]
    count: int


def _fields(*fields: tuple[str, ...] | frozenset[str]) -> _Fields:
    """A field's tags in order of preference, or a set of tags alike: the first in the
    document wins."""
    by_tag: dict[str, tuple[int, int]] = {}
    for position, tags in enumerate(fields):
        for rank, tag in enumerate(tags):
            by_tag.setdefault(tag, (position, 0 if isinstance(tags, frozenset) else rank))
    return _Fields(by_tag, len(fields))


def _pick(el: etree._Element, fields: _Fields) -> list[etree._Element | None]:
    """For each field, the first child with its most preferred tag present, or None: what
    ``_first(_children(el), tags)`` gives, in one pass over the children and no dict of them
    (items are read this way; the feed's own elements, read once, with ``_children``)."""
    found: list[etree._Element | None] = [None] * fields.count
    ranks = [len(fields.by_tag)] * fields.count
    by_tag = fields.by_tag
    for child in el:
        hit = by_tag.get(child.tag)
        if hit is not None:
            position, rank = hit
            if rank < ranks[position]:  # strictly: of two children with one tag, the first
                found[position] = child
                ranks[position] = rank
    return found


def _text(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    if len(el):  # markup a feed forgot to escape: keep its text
        return "".join(str(t) for t in el.itertext())
    return el.text


def _markup(el: etree._Element) -> str:
    """An element's content as HTML. Usually that is its text (escaped or CDATA HTML); when
    the feed put raw XHTML inside, its text is re-escaped and the children serialised."""
    if not len(el):
        return el.text or ""
    inner = escape(el.text or "", quote=False)
    return inner + "".join(etree.tostring(child, encoding="unicode") for child in el)


def _read_rss(root: etree._Element, url: str | None) -> FeedDraft:
    channel = next((c for c in root if c.tag in _RSS_CHANNEL), None)
    info = _children(channel) if channel is not None else {}
    feed_link = _absolute(_text(_first(info, _RSS_LINK)), url)
    bases = (feed_link or url, url)
    # RSS 1.0 and 0.90 put items beside the channel; a few RSS 2.0 feeds do the same.
    holders = [root] if channel is None else [channel, root]
    drafts = (
        _rss_item(el, bases)
        for holder in holders
        for el in holder
        if el.tag in _RSS_ITEM
    )
    title = html_text.inline(_text(_first(info, _RSS_TITLE)) or "")
    return _feed("rss", title, feed_link, drafts)


_RSS_ITEM_FIELDS = _fields(
    ("guid",), _RSS_LINK, _RSS_TITLE, _DC_TITLE, (_CONTENT_ENCODED,), _RSS_DESCRIPTION,
    ("pubDate",), _DCTERMS_MODIFIED, _DC_DATE, (_MEDIA_GROUP,), (_MEDIA_DESCRIPTION,),
)


def _rss_item(el: etree._Element, bases: tuple[str | None, ...]) -> EntryDraft | None:
    (
        guid_el, link_el, title_el, dc_title, content, description, pub_date, modified, dc_date,
        media_group, media_description,
    ) = _pick(el, _RSS_ITEM_FIELDS)
    guid = _clean(_text(guid_el)) or _clean(el.get(_RDF_ABOUT))
    link = _text(link_el)
    if link is None and guid_el is not None and guid and (
        guid_el.get("isPermaLink", "true").strip().lower() == "true"
    ):
        link = guid  # a permalink guid is the item's link when <link> is missing
    title = _text(title_el) or _text(dc_title) or ""
    # Each read of an element's text makes a new string of it: the article is read once.
    markup = _markup(content) if content is not None else ""
    if not markup:
        content = description
        markup = _markup(content) if content is not None else ""
    # dc:date is when the item was published in RSS 1.0 feeds (feedparser reads it that way too).
    return _draft(
        guid=guid,
        link=link,
        bases=bases,
        title=html_text.inline(title),
        published=_text(pub_date if pub_date is not None else dc_date),
        updated=_text(modified if modified is not None else dc_date),
        content=(
            _Markup(markup) if content is not None
            else _media_text(media_group, media_description)
        ),
    )


def _read_atom(root: etree._Element, url: str | None) -> FeedDraft:
    info = _children(root)
    feed_link = _atom_link(root, url)
    title, _ = _atom_text(_first(info, _ATOM_TITLE))
    drafts = (_atom_entry(el, feed_link, url) for el in root if el.tag in _ATOM_ENTRY)
    return _feed("atom", html_text.inline(title or ""), feed_link, drafts)


def _atom_link(el: etree._Element, *bases: str | None) -> str | None:
    """The rel="alternate" link (rel defaults to alternate), resolved against xml:base."""
    href, xml_base = _atom_href(el)
    return _absolute(href, xml_base, *bases) if href is not None else None


def _atom_href(el: etree._Element) -> tuple[str | None, str | None]:
    """The rel="alternate" link as written, and the xml:base in force where it is written."""
    for child in el:
        if child.tag in _ATOM_LINK:
            href = _alternate_href(child)
            if href is not None:
                return href, child.base
    return None, None


def _alternate_href(link: etree._Element) -> str | None:
    """A link element's href when it is the alternate link (rel defaults to alternate)."""
    return link.get("href") if link.get("rel", "alternate").strip() == "alternate" else None


def _atom_text(el: etree._Element | None) -> tuple[str | None, bool]:
    """An Atom text construct's content and whether it is HTML."""
    if el is None:
        return None, False
    # (.get without a default and a test for None: called for every title and every content)
    kind = el.get("type")
    kind = "text" if kind is None else kind.strip().lower()
    mode = el.get("mode")
    if mode is not None and mode.strip().lower() == "base64":
        raise _NotFast  # Atom 0.3 base64 content: rare, and feedparser decodes it
    if kind in ("xhtml", "application/xhtml+xml") or len(el):
        div = next(iter(el), None)
        if div is not None and _split(div.tag)[1] == "div" and len(el) == 1:
            return _markup(div), True
        return _markup(el), True
    if kind in ("text", "text/plain"):
        return el.text, False
    return el.text, True


_ATOM_ENTRY_FIELDS = _fields(
    _ATOM_TITLE, _ATOM_CONTENT, _ATOM_SUMMARY, _ATOM_ID, _ATOM_PUBLISHED, _ATOM_UPDATED,
    _ATOM_LINK, (_MEDIA_GROUP,), (_MEDIA_DESCRIPTION,),
)


def _atom_entry(el: etree._Element, feed_link: str | None, url: str | None) -> EntryDraft | None:
    (
        title_el, content_el, summary, id_el, published, updated, first_link,
        media_group, media_description,
    ) = _pick(el, _ATOM_ENTRY_FIELDS)
    title, title_html = _atom_text(title_el)
    content, content_html = _atom_text(content_el)
    if not content:
        content, content_html = _atom_text(summary)
    if first_link is None:
        href = xml_base = None
    elif (href := _alternate_href(first_link)) is not None:
        xml_base = first_link.base
    else:  # a rel="self" or "enclosure" link comes first: the alternate one is further on
        href, xml_base = _atom_href(el)
    return _draft(
        guid=_clean(_text(id_el)),
        link=href,
        bases=(xml_base, feed_link, url) if href is not None else None,
        title=html_text.inline(title or "") if title_html else html_text.plain(title or ""),
        published=_text(published),
        updated=_text(updated),
        content=(
            _Markup(content, content_html) if content
            else _media_text(media_group, media_description)
        ),
    )


def _media_text(
    group: etree._Element | None, description: etree._Element | None
) -> _Markup:
    """Video and podcast feeds (YouTube) put their only text in Media RSS descriptions, in a
    media:group or (``description``) right in the item."""
    if group is not None:
        description = _children(group).get(_MEDIA_DESCRIPTION)
    if description is None:
        return _Markup(None)
    is_html = description.get("type", "plain").strip().lower() == "html"
    return _Markup(_text(description), is_html)


# -- XML fallback (feedparser) -----------------------------------------------------------------

# An internal DTD subset that declares entities: feedparser's expat would expand them (it stops
# a billion-laughs body, but only after a second of work). Undeclared, they stay inert text.
_ENTITY_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.DOTALL | re.IGNORECASE)


def _feedparser_xml(
    body: bytes, headers: Mapping[str, str] | None, url: str | None
) -> ParsedFeed:
    """The feedparser fallback alone, both stages (tests compare it with the fast path)."""
    return _feedparser_draft(body, headers, url).parsed()


def _feedparser_draft(
    body: bytes, headers: Mapping[str, str] | None, url: str | None
) -> FeedDraft:
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
        raise ParseError(_unreadable_reason(data))
    info = data.get("feed") or {}
    feed_link = _absolute(_feedparser_link(info), url)
    drafts = (_feedparser_item(e, (feed_link, url)) for e in entries)
    kind = "atom" if version.startswith("atom") else "rss"
    return _feed(kind, html_text.inline(info.get("title") or ""), feed_link, drafts)


def _unreadable_reason(data: Any) -> str:
    problem = data.get("bozo_exception")
    detail = f": {problem}" if problem else ""
    return f"the body is neither RSS, Atom, JSON Feed nor a live-blog page{detail}"


def _feedparser_item(entry: Any, bases: tuple[str | None, ...]) -> EntryDraft | None:
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    chosen = next((c for c in contents if "html" in str(c.get("type", ""))), None)
    chosen = chosen or (contents[0] if contents else entry.get("summary_detail"))
    value = chosen.get("value") if chosen else entry.get("summary")
    is_html = "plain" not in str(chosen.get("type", "html")) if chosen else True
    title_detail = entry.get("title_detail") or {}
    title = entry.get("title") or ""
    title_plain = "plain" in str(title_detail.get("type", ""))
    return _draft(
        guid=_clean(entry.get("id")),
        link=_feedparser_link(entry),
        bases=bases,
        title=html_text.plain(title) if title_plain else html_text.inline(title),
        # dict.get: feedparser's own get() maps a missing "updated" to "published", with a warning.
        published=_struct_date(dict.get(entry, "published_parsed")),
        updated=_struct_date(dict.get(entry, "updated_parsed")),
        content=_Markup(value if isinstance(value, str) else None, is_html),
    )


def _feedparser_link(node: Any) -> str | None:
    """The alternate link. feedparser's own ``link`` skips one whose type is not HTML and
    falls back to the id; the fast path takes the alternate link as written, and so do we."""
    for link in node.get("links") or []:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    # An RSS permalink guid stands in for a missing <link>; an Atom id is not a link.
    link = node.get("link")
    if isinstance(link, str) and node.get("guidislink") and _is_absolute(link):
        return link
    return None


def _struct_date(parsed: Any) -> datetime | None:
    try:
        return _from_struct(parsed)
    except (TypeError, ValueError, OverflowError):
        return None

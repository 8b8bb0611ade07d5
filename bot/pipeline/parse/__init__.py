"""Feed bytes → ``ParsedFeed``: whatever the body is, every item becomes the same ``Entry``.

The kind is read from the body, never configured: JSON (JSON Feed), an HTML page (a live blog
whose schema.org ``LiveBlogPosting`` data lists its updates), or XML (RSS 0.9x/1.0/2.0, Atom
0.3/1.0). This module only tells them apart; each step has its module:

- ``decode``: which encoding the bytes are in;
- ``xml``: RSS and Atom, on lxml; ``malformed``: the same when the XML is not well-formed
  (feedparser);
- ``jsonfeed`` and ``liveblog``: JSON Feed, and live-blog pages;
- ``drafts``: what every reader makes (keys, content hashes), with ``links`` and ``dates``.

Everything ends in ``ParseError`` with a plain-words reason when the body is not a feed at all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.model import ParsedFeed
from bot.pipeline.parse import decode, jsonfeed, liveblog, malformed, xml
from bot.pipeline.parse.drafts import EntryDraft, FeedDraft, ParseError

__all__ = ["EntryDraft", "FeedDraft", "ParseError", "parse", "read_feed"]

# HTML is told by its first element, after any prolog, doctype and comments: an XHTML doctype
# in front of <rss> is a feed, and so is a page-less fragment that starts with <rss>.
_HTML_START = re.compile(
    r"(?:<\?xml[^>]*>\s*)?(?:(?:<!--.*?-->|<!doctype[^>\[]*>)\s*)*"
    r"<(?:html|head|body|meta|title|link|script|style|div|p|h1)[\s/>]",
    re.IGNORECASE | re.DOTALL,
)
# A feed inside an HTML page (a blog template wrapped around its own Atom): still worth reading.
_FEED_ELEMENT = re.compile(rb"<(?:feed|rss|rdf:RDF|channel)[\s>]")


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
    charset = decode.header_charset(headers)
    stripped = decode.sniff(body).lstrip()
    if not stripped:
        raise ParseError("the body is empty")
    if stripped[0] in "{[":
        return jsonfeed.read(body, charset, url)
    if _HTML_START.match(stripped):
        return _read_html(body, headers, charset, url)
    return _read_xml(body, headers, charset, url)


def _read_xml(
    body: bytes, headers: Mapping[str, str] | None, charset: str | None, url: str | None
) -> FeedDraft:
    found = xml.read(body, charset, url)
    if found is None:
        # Not well-formed XML, which lxml rightly refuses: feedparser recovers what a reader
        # of the feed still sees (see malformed).
        return malformed.read(body, headers, url)
    return found


def _read_html(
    body: bytes, headers: Mapping[str, str] | None, charset: str | None, url: str | None
) -> FeedDraft:
    blog = liveblog.read(decode.decode(body, charset, decode.html_declared(body)), url)
    if blog is not None:
        return blog
    if _FEED_ELEMENT.search(body):
        try:
            return _read_xml(body, headers, charset, url)
        except ParseError:
            pass
    raise ParseError("the body is an HTML page, not a feed, and it has no live-blog data")

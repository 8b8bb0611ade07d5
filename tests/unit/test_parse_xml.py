"""One reader for well-formed XML: the bodies lxml used to leave to feedparser.

feedparser (``parse.malformed``) reads only what is not well-formed XML; every case here is
well-formed, so each test refuses feedparser. The values expected are what the feedparser path
gave for the same bytes, but for two: the title of a feed wrapped in a page (feedparser lost
it) and the reason given for XML that is no feed (it now names the root element).
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from datetime import UTC, datetime

import pytest

from bot.model import ParsedFeed
from bot.pipeline.parse import ParseError, malformed, parse


@pytest.fixture(autouse=True)
def no_feedparser(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(body: bytes, headers: Mapping[str, str] | None, url: str | None) -> None:
        raise AssertionError("a well-formed body went to feedparser")

    monkeypatch.setattr(malformed, "read", refuse)


def only_entry(feed: ParsedFeed) -> tuple[str, str, tuple[str, ...]]:
    (entry,) = feed.entries
    return entry.key, entry.title, tuple(p for s in entry.segments for p in s.paragraphs)


def test_a_charset_header_wins_over_the_declaration() -> None:
    # RFC 7303: the HTTP charset is the document's, whatever its declaration says.
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Новости</title><item><guid>c1</guid><title>Москва</title></item></channel></rss>"
    ).encode("windows-1251")
    feed = parse(body, {"Content-Type": "application/rss+xml; charset=windows-1251"})
    assert feed.title == "Новости"
    assert only_entry(feed) == ("c1", "Москва", ())


def test_a_charset_header_that_cannot_decode_the_body_gives_way() -> None:
    body = "<rss><channel><item><guid>1</guid><title>Café</title></item></channel></rss>"
    feed = parse(body.encode("utf-8"), {"Content-Type": "text/xml; charset=us-ascii"})
    assert only_entry(feed) == ("1", "Café", ())  # not ASCII: UTF-8, as nothing else says


def test_entities_under_a_doctype_are_read_as_html_names() -> None:
    body = (
        b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE rss PUBLIC '
        b'"-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        b"<rss version='0.91'><channel><title>Caf&eacute; news</title>"
        b"<link>http://x.example/</link><item><title>Caf&eacute;&nbsp;open &hellip; &bogus;"
        b"</title><link>http://x.example/1</link>"
        b"<description>Menu &eacute;t&eacute; &lt;p&gt;two&lt;/p&gt;</description></item>"
        b"</channel></rss>"
    )
    feed = parse(body)
    assert feed.title == "Café news"
    # an entity no HTML names stays as written
    assert only_entry(feed) == ("http://x.example/1", "Café open … &bogus;", ("Menu été", "two"))


def test_entities_a_document_declares_stay_as_written() -> None:
    body = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY who "the mayor">]>'
        b"<rss><channel><item><guid>g</guid><title>Said by &who;</title></item></channel></rss>"
    )
    assert only_entry(parse(body)) == ("g", "Said by &who;", ())


def test_atom03_base64_content_is_decoded() -> None:
    encoded = base64.encodebytes("<p>Café opens at <b>nine</b>.</p>".encode()).decode()
    body = (
        '<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#">'
        "<title>Old</title><entry><title>Base64</title><id>tag:x,2004:1</id>"
        "<issued>2004-01-02T10:00:00Z</issued>"
        f'<content type="text/html" mode="base64">{encoded}</content></entry></feed>'
    ).encode()
    feed = parse(body)
    assert only_entry(feed) == ("tag:x,2004:1", "Base64", ("Café opens at nine.",))
    assert feed.entries[0].published == datetime(2004, 1, 2, 10, 0, tzinfo=UTC)


def test_content_that_says_base64_but_is_not_is_kept_as_written() -> None:
    body = (
        b"<feed xmlns='http://purl.org/atom/ns#'><entry><id>e</id><title>T</title>"
        b"<content type='text/plain' mode='base64'>not base64 at all!</content></entry></feed>"
    )
    assert only_entry(parse(body)) == ("e", "T", ("not base64 at all!",))


def test_a_feed_wrapped_in_an_xhtml_page_is_read() -> None:
    # The licence block is RDF too, but has no channel: the Atom feed after it is the feed.
    body = (
        b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC '
        b'"-//W3C//DTD XHTML 1.0 Transitional//EN" '
        b'"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        b'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Page</title></head><body>'
        b'<rdf:RDF xmlns="http://web.resource.org/cc/" '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><Work rdf:about=""/></rdf:RDF>'
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Wrapped</title>'
        b'<link href="https://w.example/"/><entry><id>w1</id><title>Inside</title>'
        b'<content type="html">&lt;p&gt;Text.&lt;/p&gt;</content></entry></feed></body></html>'
    )
    feed = parse(body)
    assert (feed.kind, feed.title, feed.link) == ("atom", "Wrapped", "https://w.example/")
    assert only_entry(feed) == ("w1", "Inside", ("Text.",))


def test_a_channel_without_rss_around_it_is_read() -> None:
    body = (
        b"<channel><title>Bare</title><link>https://b.example/</link>"
        b"<item><title>One</title><guid isPermaLink='false'>b1</guid></item></channel>"
    )
    feed = parse(body)
    assert (feed.kind, feed.title, feed.link) == ("rss", "Bare", "https://b.example/")
    assert only_entry(feed) == ("b1", "One", ())


def test_well_formed_xml_that_is_no_feed_says_what_it_is() -> None:
    with pytest.raises(ParseError) as raised:
        parse(b"<?xml version='1.0'?><note><to>Tove</to></note>")
    assert "<note>" in raised.value.reason

"""What ``read_feed`` leaves for later: links and dates are kept as written and read when asked.

A poll reads every entry's draft but needs the link and dates of only the few that changed, so
drafts resolve them lazily. These tests pin down that the lazy answers are the ones parse always
gave (relative links against the entry's and the feed's bases, dates that are absent or odd), that
the key still uses them when there is no guid, and the shortcut that spares urlsplit.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.pipeline.parse import EntryDraft, dates, links, parse, read_feed

FEED_URL = "https://feeds.example/news/rss.xml"


def rss_item(*children: str, channel_link: str = "https://news.example/world/") -> bytes:
    link = f"<link>{channel_link}</link>" if channel_link else ""
    return (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
        f"{link}<item>{''.join(children)}</item></channel></rss>"
    ).encode()


def only_draft(body: bytes, url: str | None = FEED_URL) -> EntryDraft:
    (draft,) = read_feed(body, url=url).drafts
    return draft


def assert_same_as_parse(body: bytes, url: str | None = FEED_URL) -> None:
    """The lazy fields agree with the entry parse makes, whichever is asked first."""
    (entry,) = parse(body, url=url).entries
    draft = only_draft(body, url)
    assert draft.entry() == entry
    assert (draft.key, draft.link, draft.published, draft.updated) == (
        entry.key, entry.link, entry.published, entry.updated
    )


# -- links -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("channel_link", "item_link", "expected"),
    [
        ("https://news.example/world/", "story-1.html", "https://news.example/world/story-1.html"),
        ("https://news.example/world/", "/2025/story", "https://news.example/2025/story"),
        # no channel link: the feed's own URL is the base
        ("", "story-1.html", "https://feeds.example/news/story-1.html"),
        # a relative channel link is made absolute against the feed's URL first
        ("/home/", "story", "https://feeds.example/home/story"),
        ("https://news.example/", "  https://other.example/a  ", "https://other.example/a"),
    ],
)
def test_a_relative_rss_link_is_resolved_when_asked_for(
    channel_link: str, item_link: str, expected: str
) -> None:
    body = rss_item(f"<guid>g1</guid><title>Storm</title><link>{item_link}</link>",
                    channel_link=channel_link)
    draft = only_draft(body)
    assert draft.key == "g1"
    assert draft.link == expected
    assert draft.entry().link == expected
    assert_same_as_parse(body)


def test_without_a_guid_the_key_is_the_resolved_link() -> None:
    body = rss_item("<title>Storm</title><link>story-1.html</link>")
    draft = only_draft(body)
    assert draft.key == draft.link == "https://news.example/world/story-1.html"
    assert_same_as_parse(body)


def test_a_relative_link_with_no_base_to_resolve_it_stays_as_written() -> None:
    body = rss_item("<guid>g1</guid><title>Storm</title><link>story-1.html</link>",
                    channel_link="")
    assert only_draft(body, url=None).link == "story-1.html"


ATOM = """<?xml version='1.0'?>
<feed xmlns='http://www.w3.org/2005/Atom' xml:base='https://news.example/feeds/'>
  <title>T</title><link href='/home/'/>
  <entry xml:base='{entry_base}'><id>e1</id><title>Storm</title>{links}
    <updated>2025-03-04T17:13:00Z</updated><content>Ferries halted.</content></entry>
</feed>"""


@pytest.mark.parametrize(
    ("entry_base", "links", "expected"),
    [
        # xml:base on the entry is the nearest base
        ("https://cdn.example/live/", "<link href='story'/>", "https://cdn.example/live/story"),
        # a relative xml:base is itself resolved against the feed's xml:base
        ("2025/", "<link href='story'/>", "https://news.example/feeds/2025/story"),
        # the alternate link is found after a link of another rel, and rel defaults to alternate
        ("https://cdn.example/",
         "<link rel='self' href='/self'/><link rel='enclosure' href='a.mp3'/>"
         "<link href='story'/>",
         "https://cdn.example/story"),
        ("https://cdn.example/", "<link rel='self' href='/self'/>", None),
    ],
)
def test_an_atom_link_is_resolved_against_xml_base_when_asked_for(
    entry_base: str, links: str, expected: str | None
) -> None:
    body = ATOM.format(entry_base=entry_base, links=links).encode()
    draft = only_draft(body)
    assert draft.key == "e1"
    assert draft.link == expected
    assert_same_as_parse(body)


def test_a_json_feed_link_is_resolved_against_the_feed_url_when_asked_for() -> None:
    body = json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "T",
        "home_page_url": "https://news.example/",
        "feed_url": "https://news.example/feeds/main.json",
        "items": [{"id": "j1", "url": "2025/story", "content_text": "Ferries halted."}],
    }).encode()
    draft = only_draft(body)
    assert draft.link == "https://news.example/feeds/2025/story"
    assert_same_as_parse(body)


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("<pubDate>Tue, 04 Mar 2025 17:13:00 -0500</pubDate>",
         datetime(2025, 3, 4, 22, 13, tzinfo=UTC)),
        ("", None),  # absent
        ("<pubDate></pubDate>", None),  # empty
        ("<pubDate>  </pubDate>", None),
        ("<pubDate>soon</pubDate>", None),  # not a date at all
        ("<pubDate>Tue, 31 Feb 2025 17:13:00 GMT</pubDate>", None),  # no such day
    ],
)
def test_a_date_is_read_when_asked_for(date: str, expected: datetime | None) -> None:
    body = rss_item(f"<guid>g1</guid><title>Storm</title>{date}")
    draft = only_draft(body)
    assert draft.published == expected
    assert draft.entry().published == expected
    assert_same_as_parse(body)


def test_dc_date_stands_in_for_both_dates() -> None:
    body = rss_item(
        "<guid>g1</guid><title>Storm</title>"
        "<dc:date xmlns:dc='http://purl.org/dc/elements/1.1/'>2025-03-04T17:13:00+01:00</dc:date>"
    )
    draft = only_draft(body)
    assert draft.published == draft.updated == datetime(2025, 3, 4, 16, 13, tzinfo=UTC)
    assert_same_as_parse(body)


def test_without_guid_or_link_the_key_hashes_the_date_however_it_is_written() -> None:
    def key(date: str) -> str:
        return only_draft(rss_item(f"<title>Storm</title>{date}", channel_link="")).key

    rfc822 = key("<pubDate>Tue, 04 Mar 2025 17:13:00 GMT</pubDate>")
    # the key is made of the date read, not of its spelling
    assert rfc822 == key("<pubDate>Tue, 04 Mar 2025 12:13:00 -0500</pubDate>")
    assert rfc822 != key("<pubDate>Tue, 04 Mar 2025 18:13:00 GMT</pubDate>")
    # an unreadable date is no date: the same key as none at all
    assert key("<pubDate>soon</pubDate>") == key("")
    assert key("") != rfc822
    assert_same_as_parse(rss_item("<title>Storm</title><pubDate>soon</pubDate>"))


def test_reading_drafts_with_guids_reads_no_date(monkeypatch: pytest.MonkeyPatch) -> None:
    body = rss_item(
        "<guid>g1</guid><title>Storm</title><link>story</link>"
        "<pubDate>Tue, 04 Mar 2025 17:13:00 GMT</pubDate>"
    )

    def refuse(text: str | None) -> datetime | None:
        raise AssertionError(f"read_feed read a date: {text!r}")

    monkeypatch.setattr(dates, "read", refuse)
    draft = only_draft(body)  # reading the draft is fine
    with pytest.raises(AssertionError, match="read a date"):
        draft.entry()  # its entry needs the date


# -- which child is read -----------------------------------------------------------------------


def test_the_preferred_namespace_wins_over_document_order() -> None:
    body = (
        b"<feed xmlns='http://www.w3.org/2005/Atom' xmlns:old='http://purl.org/atom/ns#'>"
        b"<entry><id>e1</id><old:title>Old spelling</old:title><title>Atom 1.0</title>"
        b"<title>Second title</title><content>Text.</content></entry></feed>"
    )
    assert only_draft(body).title == "Atom 1.0"


def test_of_two_children_with_one_tag_the_first_is_read() -> None:
    body = rss_item("<guid>first</guid><guid>second</guid><title>Storm</title>")
    assert only_draft(body).key == "first"


# -- the absolute-link shortcut ----------------------------------------------------------------


def by_urlsplit(link: str) -> bool:
    """What "absolute" meant before the shortcut: urlsplit finds a scheme and a host."""
    try:
        parts = urlsplit(link)
    except ValueError:
        return False
    return bool(parts.scheme and parts.netloc)


LINKISH = st.one_of(
    st.text(),
    st.builds(
        lambda scheme, rest: scheme + rest,
        st.sampled_from(["http://", "https://", "HTTP://", "http:/", "https:", "ftp://", " http://"]),
        st.text(alphabet=st.sampled_from("ab1.-_:@[]/?#% \t\n\u00e9\u2100"), max_size=12),
    ),
)


@given(LINKISH)
def test_the_absolute_shortcut_agrees_with_urlsplit(link: str) -> None:
    assert links.is_absolute(link) == by_urlsplit(link)


@pytest.mark.parametrize(
    "link",
    [
        "https://news.example/a", "http://news.example", "https://user@news.example:8080/?q#f",
        "https://[::1]/", "https://[::1/", "http://ne ws.example/", "http:///path", "https://",
        "http://\u2100.example/", "http://a\tb/", "//news.example/a", "news.example/a",
    ],
)
def test_the_absolute_shortcut_agrees_with_urlsplit_on_edge_cases(link: str) -> None:
    assert links.is_absolute(link) == by_urlsplit(link)

"""Golden tests for each kind of feed, plus the promises parse makes whatever the bytes."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.model import Entry, ParsedFeed
from bot.pipeline.parse import ParseError, malformed, parse, xml

FEEDS = Path(__file__).resolve().parents[1] / "data" / "feeds"


def load(name: str, url: str | None = None) -> ParsedFeed:
    return parse((FEEDS / name).read_bytes(), url=url)


def lxml_only(body: bytes, url: str | None = None) -> ParsedFeed | None:
    """The lxml reader alone, both stages; None where it leaves the body to feedparser."""
    draft = xml.read(body, None, url)
    return draft.parsed() if draft is not None else None


def feedparser_only(body: bytes, url: str | None = None) -> ParsedFeed:
    """The feedparser fallback alone, both stages, whatever the body."""
    return malformed.read(body, None, url).parsed()


def text(entry: Entry) -> list[str]:
    """All paragraphs of an entry, whatever segments the marker splitter made of them."""
    return [p for segment in entry.segments for p in segment.paragraphs]


def joined(entry: Entry) -> str:
    return " ".join([*(s.marker or "" for s in entry.segments), *text(entry)])


# -- golden files -----------------------------------------------------------------------------


def test_rss2_with_content_encoded() -> None:
    feed = load("rss2-content-encoded.xml")
    assert feed.kind == "rss"
    assert feed.title == "Harbour Gazette & Wire"
    assert feed.link == "https://gazette.example/"
    ferry, bridge, market = feed.entries  # the duplicate guid is dropped
    assert ferry.key == "gazette-1001"  # whitespace stripped
    assert ferry.title == "Ferry service halted as storm reaches the coast"
    assert ferry.link == "https://gazette.example/news/ferry-halted"  # made absolute
    assert ferry.published == datetime(2025, 3, 4, 22, 13, tzinfo=UTC)
    body = joined(ferry)
    assert "The last ferry of the day turned back to port." in body  # NBSP normalised
    assert "Officials said crossings would resume when the wind drops." in text(ferry)
    for left_out in ("trackVisit", "pier at dusk", "Share on Twitter", "Related", "Last winter"):
        assert left_out not in body
    assert "teaser" not in body  # content:encoded wins over description
    assert bridge.key == "https://gazette.example/news/bridge"
    assert bridge.title == "Council approves new bridge"
    assert bridge.published is None  # "not a date at all" is ignored, not fatal
    assert text(bridge) == ["The vote passed seven to two.", "The bridge opens next spring."]
    title_date = "Market opens late\n2025-03-04T08:00:00+00:00"
    assert market.key == "h:" + hashlib.sha1(title_date.encode()).hexdigest()
    assert market.published == datetime(2025, 3, 4, 8, 0, tzinfo=UTC)


def test_atom_with_xhtml_content_and_xml_base() -> None:
    feed = load("atom10.xml")
    assert (feed.kind, feed.title, feed.link) == (
        "atom", "Valley Courier & Friends", "https://valley.example/"
    )
    water, trip = feed.entries
    assert water.key == "tag:valley.example,2025:post-7"
    assert water.link == "https://valley.example/blog/posts/water-main"  # via xml:base
    assert water.published == datetime(2025, 3, 5, 8, 30, tzinfo=UTC)
    assert water.updated == datetime(2025, 3, 5, 10, 0, tzinfo=UTC)
    assert text(water) == [
        "Crews closed High Street at dawn.",
        "Residents were asked to boil tap water until Friday.",
    ]
    assert trip.title == "School trip postponed"
    assert trip.published is None
    assert text(trip) == ["The museum visit moves to next week."]


def test_rss1_rdf_items_keyed_by_rdf_about() -> None:
    feed = load("rss1-rdf.xml")
    assert (feed.kind, feed.title) == ("rss", "Plains Bulletin")
    silo, road = feed.entries
    assert silo.key == "https://plains.example/item/41"
    assert silo.link == "https://plains.example/item/41?ref=rss"
    assert silo.published == datetime(2025, 3, 1, 5, 15, tzinfo=UTC)
    assert text(road) == ["Route 9 is open again.", "Expect delays near the river."]


def test_json_feed_11() -> None:
    feed = load("jsonfeed11.json")
    assert (feed.kind, feed.title, feed.link) == (
        "json", "Island Dispatch", "https://island.example/"
    )
    runway, festival, untitled = feed.entries
    assert runway.key == "isl-300"
    assert runway.updated == datetime(2025, 3, 1, 11, 30, tzinfo=UTC)
    assert text(runway) == [
        "Flights resumed at noon.", "Two carriers added extra evening departures."
    ]
    assert festival.key == "301"  # a numeric id is the same item as its string
    assert festival.link == "https://island.example/301"
    assert festival.published is None
    assert text(festival) == ["The festival runs for three days.", "Tickets go on sale in April."]
    assert untitled.title == ""
    assert untitled.key == "https://island.example/302"


def test_live_blog_page_is_one_entry_with_a_segment_per_update() -> None:
    feed = load("liveblog.html", url="https://delta.example/live/flood?utm=x")
    assert feed.kind == "liveblog"
    (blog,) = feed.entries
    assert blog.key == "https://delta.example/live/flood#blog"
    assert blog.title == "Live: river flood warnings across the delta"
    assert blog.link == "https://delta.example/live/flood"
    assert blog.updated == datetime(2025, 3, 6, 9, 45, tzinfo=UTC)
    evacuation, bridge, rising = blog.segments
    assert evacuation.marker is not None
    assert "09:45" in evacuation.marker and "Evacuation ordered in Lowtown" in evacuation.marker
    assert evacuation.paragraphs == (
        "Police are going door to door.", "Shelters are open at the two high schools."
    )
    assert bridge.paragraphs == ("Bridge closed",)  # a headline-only update keeps its words
    assert rising.paragraphs == ("Water levels are rising faster than forecast.",)


def test_live_blog_key_falls_back_to_the_page_url() -> None:
    page = (
        b'<!doctype html><html><head><script type="application/ld+json">'
        b"[{&quot;@type&quot;: &quot;LiveBlogPosting&quot;, &quot;headline&quot;: "
        b"&quot;Vote count&quot;, &quot;liveBlogUpdate&quot;: "
        b"{&quot;articleBody&quot;: &quot;Polls closed.&quot;}}]"
        b"</script></head><body></body></html>"
    )
    (blog,) = parse(page, url="https://votes.example/live").entries
    assert blog.key == "https://votes.example/live"
    assert text(blog) == ["Polls closed."]


# -- kinds, keys and errors --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b"<html><body><p>Moved</p></body></html>", "HTML page"),
        (b'{"hello": "world"}', "JSON"),
        (b"\x89PNG\r\n\x1a\n\x00\x00garbage", "neither"),
        (b"just some words", "neither"),
    ],
)
def test_what_is_not_a_feed_gets_a_reason(body: bytes, words: str) -> None:
    with pytest.raises(ParseError) as raised:
        parse(body)
    assert words in raised.value.reason


def test_an_empty_but_valid_feed_is_a_feed() -> None:
    feed = parse(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title>'
                 b"</channel></rss>")
    assert (feed.kind, feed.title, feed.entries) == ("rss", "Quiet", ())


def test_keys_are_stable_and_hash_title_and_date_without_guid_or_link() -> None:
    body = (b"<rss><channel><item><title> Same </title><pubDate>Mon, 03 Mar 2025 10:00:00 GMT"
            b"</pubDate><description>One</description></item></channel></rss>")
    first, again = parse(body).entries[0], parse(body).entries[0]
    assert first.key == again.key
    assert first.key.startswith("h:") and len(first.key) == 2 + 40
    other = parse(body.replace(b"10:00:00", b"11:00:00")).entries[0]
    assert other.key != first.key


def test_description_only_items_do_not_collapse_into_one() -> None:
    body = (b"<rss version='0.92'><channel><item><description>First note</description></item>"
            b"<item><description>Second note</description></item></channel></rss>")
    assert [text(e) for e in parse(body).entries] == [["First note"], ["Second note"]]


def test_a_charset_header_that_disagrees_wins() -> None:
    body = "<rss><channel><item><title>Caf\u00e9</title><guid>1</guid></item></channel></rss>"
    latin = body.encode("latin-1")
    (entry,) = parse(latin, {"Content-Type": "application/rss+xml; charset=ISO-8859-1"}).entries
    assert entry.title == "Caf\u00e9"


def test_utf16_with_bom_is_read() -> None:
    body = "\ufeff<rss><channel><item><title>Zoll</title><guid>z</guid></item></channel></rss>"
    assert parse(body.encode("utf-16-le")).entries[0].title == "Zoll"


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<rss><channel><item><title>a&x;b</title><guid>g</guid></item></channel></rss>"
    ).encode()
    feed = parse(body)
    assert "TOPSECRET" not in repr(feed)


def test_billion_laughs_is_inert() -> None:
    levels = ['<!ENTITY e0 "haha">'] + [
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10)
    ]
    body = (
        '<?xml version="1.0"?><!DOCTYPE rss [' + "".join(levels) + "]>"
        "<rss version='2.0'><channel><item><title>&e9;</title><guid>g</guid></item>"
        "</channel></rss>"
    ).encode()
    feed = parse(body)
    assert "haha" not in repr(feed)


def test_fast_path_reads_well_formed_feeds_and_leaves_the_rest() -> None:
    good = (FEEDS / "rss2-content-encoded.xml").read_bytes()
    assert lxml_only(good) is not None
    broken = good.replace(b"</channel>", b"")
    assert lxml_only(broken) is None
    assert parse(broken).entries  # feedparser still reads it


@pytest.mark.parametrize("name", ["rss2-content-encoded.xml", "atom10.xml", "rss1-rdf.xml"])
def test_fast_path_and_fallback_agree_on_golden_files(name: str) -> None:
    body = (FEEDS / name).read_bytes()
    fast = lxml_only(body, "https://feeds.example/")
    slow = feedparser_only(body, "https://feeds.example/")
    assert fast is not None
    assert [(e.key, e.title, e.link) for e in fast.entries] == [
        (e.key, e.title, e.link) for e in slow.entries
    ]
    assert [text(e) for e in fast.entries] == [text(e) for e in slow.entries]


# -- whatever the bytes ------------------------------------------------------------------------


def parses_or_says_why(body: bytes) -> None:
    try:
        feed = parse(body)
    except ParseError as e:
        assert e.reason
        return
    assert isinstance(feed, ParsedFeed)
    for entry in feed.entries:
        assert entry.key
        for when in (entry.published, entry.updated):
            assert when is None or when.utcoffset() is not None


def test_a_broken_link_tag_leaves_the_item_without_a_link() -> None:
    """From "<linkS/news/a</link>" feedparser's recovery gives the item a link record that is a
    bare string (found by the mutation test below)."""
    body = (b'<<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            b"<item><title>Ferry service halted</title><linkS/news/ferry</link>"
            b"<description>The last ferry turned back.</description></item></channel></rss>")
    [entry] = parse(body, None, "https://gazette.example/feed").entries
    assert entry.title == "Ferry service halted"
    assert entry.link is None


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_a_feed_or_a_parse_error(body: bytes) -> None:
    parses_or_says_why(body)


TEMPLATES = [(FEEDS / name).read_bytes() for name in sorted(p.name for p in FEEDS.iterdir())]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    body = bytearray(draw(st.sampled_from(TEMPLATES)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(body)))
        action = draw(st.sampled_from(["cut", "insert", "flip", "truncate"]))
        if action == "cut":
            del body[at : at + draw(st.integers(1, 40))]
        elif action == "insert":
            body[at:at] = draw(st.sampled_from(
                [b"<", b"&", b"]]>", b"<![CDATA[", b"\x00", b"\xff\xfe", b"<p>", b"&amp;amp;",
                 b'"', b"{", b"}", b"<!ENTITY a 'b'>", b"\xc3", b"</item>", b"<entry>"]
            ))
        elif action == "flip" and at < len(body):
            body[at] = draw(st.integers(0, 255))
        else:
            del body[at:]
    return bytes(body)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_feeds_give_a_feed_or_a_parse_error(body: bytes) -> None:
    parses_or_says_why(body)

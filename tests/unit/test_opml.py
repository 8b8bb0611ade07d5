"""OPML import and export: nested outlines, limits, hostile files, and the round trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.opml import OpmlError, OpmlFeed, read_opml, write_opml

LIMITS = {"max_bytes": 64 * 1024, "max_outlines": 50}


def test_outlines_with_a_feed_are_read_at_any_depth_in_file_order() -> None:
    data = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>t</title></head><body>
  <outline text="News"><outline text="Deep"><outline text="A" xmlUrl="https://a.example/rss"
     htmlUrl="https://a.example/"/></outline></outline>
  <outline title="B title" text="B text" xmlUrl="https://b.example/atom"/>
  <outline text="site only" htmlUrl="https://c.example/"/>
  <outline xmlurl="https://d.example/feed"/>
  <outline text="A again" xmlUrl="https://a.example/rss"/>
</body></opml>"""
    assert read_opml(data, **LIMITS) == [
        OpmlFeed("https://a.example/rss", "A", "https://a.example/"),
        OpmlFeed("https://b.example/atom", "B title"),
        OpmlFeed("https://d.example/feed", None),
    ]


def test_opml_1_0_in_a_namespace_is_read() -> None:
    data = (b'<opml xmlns="http://example.org/opml" version="1.0"><body>'
            b'<outline text="A" xmlUrl="https://a.example/rss"/></body></opml>')
    assert [f.url for f in read_opml(data, **LIMITS)] == ["https://a.example/rss"]


@pytest.mark.parametrize(("data", "says"), [
    (b"<opml><body><outline", "not well-formed XML"),
    (b"<rss><channel/></rss>", "root element is not <opml>"),
    (b"<opml version='2.0'><head/></opml>", "has no <body>"),
    (b"", "not well-formed XML"),
])
def test_files_that_are_no_opml_are_refused_in_plain_words(data: bytes, says: str) -> None:
    with pytest.raises(OpmlError, match=says):
        read_opml(data, **LIMITS)


def test_limits_are_checked_before_and_while_reading() -> None:
    outlines = "".join(f'<outline xmlUrl="https://f{n}.example/rss"/>' for n in range(4))
    data = f"<opml><body>{outlines}</body></opml>".encode()
    with pytest.raises(OpmlError, match="more than 3 feeds"):
        read_opml(data, max_bytes=10_000, max_outlines=3)
    assert len(read_opml(data, max_bytes=10_000, max_outlines=4)) == 4
    with pytest.raises(OpmlError, match=f"the file is {len(data)} bytes; at most 100"):
        read_opml(data, max_bytes=100, max_outlines=10)


@pytest.mark.parametrize("declared", [
    b'<!ENTITY secret SYSTEM "file:///etc/passwd">',
    b'<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">',
    b'<!entity a "lower case is no way round">',
])
def test_entity_declarations_are_refused_before_parsing(declared: bytes) -> None:
    data = (b'<?xml version="1.0"?><!DOCTYPE opml [' + declared + b']>'
            b'<opml><body><outline text="&a;" xmlUrl="https://a.example/rss"/></body></opml>')
    with pytest.raises(OpmlError, match="declares XML entities"):
        read_opml(data, **LIMITS)


def test_an_undeclared_entity_is_an_error_not_a_lookup() -> None:
    data = (b'<opml><body><outline text="&secret;" xmlUrl="https://a.example/rss"/>'
            b'</body></opml>')
    with pytest.raises(OpmlError, match="not well-formed XML"):
        read_opml(data, **LIMITS)


def test_export_is_opml_2_with_a_title_and_every_feed() -> None:
    document = write_opml("alertbot: server 1", [
        OpmlFeed("https://a.example/rss?x=1&y=2", "A & B <news>"),
        OpmlFeed("https://b.example/atom", None, "https://b.example/"),
    ])
    assert document.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert b'<opml version="2.0">' in document
    assert b"<title>alertbot: server 1</title>" in document
    assert b'htmlUrl="https://b.example/"' in document
    assert read_opml(document, **LIMITS) == [
        OpmlFeed("https://a.example/rss?x=1&y=2", "A & B <news>"),
        OpmlFeed("https://b.example/atom", "https://b.example/atom", "https://b.example/"),
    ]


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)


@given(st.lists(st.tuples(_TEXT, _TEXT), max_size=20, unique_by=lambda t: t[0]))
def test_what_is_exported_is_imported_back_the_same(pairs: list[tuple[str, str]]) -> None:
    feeds = [OpmlFeed(f"https://feeds.example/{n}?q={url}", title.strip() or None)
             for n, (url, title) in enumerate(pairs)]
    back = read_opml(write_opml("t", feeds), max_bytes=1 << 20, max_outlines=100)
    assert [(f.url, f.title) for f in back] == [
        (f.url.strip(), f.title.strip() if f.title else f.url.strip()) for f in feeds]

"""Every file of the shared corpus (real feeds, odd and broken ones, a live blog) through parse.

Parametrized over the file names so that a failure names the file. The corpus is read in place
through the ``shared_dir`` fixture and skipped, with a reason, where it is absent.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

import pytest
from lxml import etree

from bot.pipeline.parse import ParseError, malformed, parse, read_feed
from tests.conftest import SHARED
from tests.unit.test_parse import feedparser_only, lxml_only

# Parametrizing needs the names at collection time; the tests still go through the fixture,
# which skips with a reason when the corpus is absent.
CORPUS = SHARED / "corpus"
FILES = sorted(
    str(p.relative_to(CORPUS)) for p in CORPUS.glob("*/*") if p.is_file()
) if CORPUS.is_dir() else []



def well_formed(path: Path) -> bool:
    """Whether lxml alone, told nothing, parses the file (what "well-formed" means here)."""
    body = path.read_bytes()
    safe = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        etree.fromstring(body if body.startswith(b"\xef\xbb\xbf") else body.lstrip(), safe)
    except (etree.XMLSyntaxError, ValueError):
        return False
    return True


WELL_FORMED = [n for n in FILES if well_formed(CORPUS / n)]

# feedparser half-repairs UTF-8 that was decoded as Latin-1 before we see the text, leaving a
# stray "Â" where the fast path repairs the whole run; keys agree, some titles cannot.
FEEDPARSER_MOJIBAKE = {"real/indian-express-world-rss2.xml", "real/leparisien-une-rss2.xml"}


@pytest.fixture
def corpus(shared_dir: Path) -> Path:
    return shared_dir / "corpus"


@pytest.mark.parametrize("name", FILES)
def test_every_file_parses_or_says_why(corpus: Path, name: str) -> None:
    try:
        feed = parse((corpus / name).read_bytes())
    except ParseError as e:
        assert e.reason
        return
    keys = [e.key for e in feed.entries]
    assert len(keys) == len(set(keys))
    for entry in feed.entries:
        assert entry.key == entry.key.strip() and entry.key
        for segment in entry.segments:
            assert all(p and p == p.strip() for p in segment.paragraphs)


@pytest.mark.parametrize("name", FILES)
def test_drafts_of_every_file_are_what_parse_gives(corpus: Path, name: str) -> None:
    body = (corpus / name).read_bytes()
    try:
        draft = read_feed(body)
    except ParseError:
        return
    feed = parse(body)
    assert draft.kind in ("rss", "atom", "json", "liveblog")
    assert (draft.kind, draft.title, draft.link) == (feed.kind, feed.title, feed.link)
    assert tuple(d.entry() for d in draft.drafts) == feed.entries
    for d in draft.drafts:
        assert 0 <= d.content_hash < 2**63  # stored in SQLite's INTEGER
        for when in (d.published, d.updated):
            assert when is None or when.utcoffset() == timedelta(0)


@pytest.mark.parametrize("name", WELL_FORMED)
def test_well_formed_files_are_read_without_feedparser(
    corpus: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(body: bytes, headers: Mapping[str, str] | None, url: str | None) -> None:
        raise AssertionError("a well-formed file went to feedparser")

    monkeypatch.setattr(malformed, "read", refuse)
    try:
        parse((corpus / name).read_bytes())
    except ParseError as e:
        assert e.reason


@pytest.mark.parametrize(
    ("name", "kind", "count"),
    [
        ("real/guardian-uk-rss2.xml", "rss", 55),
        ("real/slashdot-rss1-rdf.xml", "rss", 10),
        ("real/heise-newsticker-rss0.9-rdf.xml", "rss", 60),
        ("real/daringfireball-atom.xml", "atom", 48),
        ("real/the-verge-frontpage-atom.xml", "atom", 10),
        ("real/techcrunch-rss2.xml", "rss", 20),  # a newline before <?xml
        ("real/russian-news-rss2-windows-1251.xml", "rss", 50),
        ("odd/atom03-legacy.xml", "atom", 2),
        ("odd/rss092-dave-winer-spec.xml", "rss", 3),
        ("odd/duplicate-content-atom.xml", "atom", 10),  # an Atom feed wrapped in HTML
        ("odd/doctype-to-strip.xml", "rss", 0),  # an XHTML doctype in front of <rss>
    ],
)
def test_known_good_feeds_give_their_entries(
    corpus: Path, name: str, kind: str, count: int
) -> None:
    feed = parse((corpus / name).read_bytes())
    assert feed.kind == kind
    assert len(feed.entries) == count
    if count:
        assert all(e.title or e.segments for e in feed.entries)
        assert any(e.segments for e in feed.entries)


def test_guardian_entries_have_titles_links_dates_and_text(corpus: Path) -> None:
    feed = parse((corpus / "real/guardian-uk-rss2.xml").read_bytes())
    for entry in feed.entries:
        assert entry.title and entry.link and entry.link.startswith("https://")
        assert entry.published is not None and entry.published.utcoffset() is not None
        assert entry.segments
        # The Guardian's inline "Related: <link>" lines are not news.
        assert not any(p.startswith("Related:") for s in entry.segments for p in s.paragraphs)


def test_the_live_blog_page_is_one_entry_with_many_segments(corpus: Path) -> None:
    feed = parse((corpus / "live/corkbeo-covid-level3-liveblog.html").read_bytes())
    assert feed.kind == "liveblog"
    (blog,) = feed.entries
    assert blog.key == "https://www.corkbeo.ie/news/local-news/level-3-live-cork-ireland-19056312"
    assert "Level 3" in blog.title
    assert len(blog.segments) >= 20
    assert all(s.marker and "UTC" in s.marker for s in blog.segments)


@pytest.mark.parametrize(
    "name", ["odd/empty-file.xml", "odd/html-document-not-feed.xml", "odd/empty-rss-document.xml"]
)
def test_not_feeds_give_a_parse_error_with_a_reason(corpus: Path, name: str) -> None:
    with pytest.raises(ParseError) as raised:
        parse((corpus / name).read_bytes())
    assert len(raised.value.reason) > 10


@pytest.mark.parametrize("name", [n for n in FILES if "jsonfeed" in n])
def test_json_feeds_parse_as_json(corpus: Path, name: str) -> None:
    feed = parse((corpus / name).read_bytes())
    assert feed.kind == "json"
    assert feed.entries


@pytest.mark.parametrize("name", [n for n in FILES if n.endswith(".xml")])
def test_fast_path_and_feedparser_agree_on_keys_and_titles(corpus: Path, name: str) -> None:
    body = (corpus / name).read_bytes()
    fast = lxml_only(body)
    try:
        slow = feedparser_only(body)
    except ParseError:
        assert fast is None, "the fast path read what feedparser cannot"
        return
    if fast is None:
        # Declined by the fast path (not well-formed, or a form only feedparser reads): the
        # fallback alone decides, and every entry it finds has a stable key.
        assert all(e.key.strip() for e in slow.entries)
        assert len({e.key for e in slow.entries}) == len(slow.entries)
        return
    assert [e.key for e in fast.entries] == [e.key for e in slow.entries]
    if name not in FEEDPARSER_MOJIBAKE:
        assert [e.title for e in fast.entries] == [e.title for e in slow.entries]

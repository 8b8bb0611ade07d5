"""The two stages of parse: ``read_feed`` (cheap drafts with a content hash) and ``entry()``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.pipeline import html_text
from bot.pipeline.parse import FeedDraft, ParseError, parse, read_feed
from tests.unit.test_parse import FEEDS, mutated

GOLDEN = sorted(p.name for p in FEEDS.iterdir())
ROOT = Path(__file__).resolve().parents[2]


def hashes(body: bytes) -> dict[str, int]:
    return {d.key: d.content_hash for d in read_feed(body).drafts}


def rss(*items: tuple[str, str, str]) -> bytes:
    """An RSS 2.0 body from (guid, title, HTML content) triples."""
    xml = "".join(
        f"<item><guid>{guid}</guid><title>{title}</title>"
        f"<description><![CDATA[{content}]]></description></item>"
        for guid, title, content in items
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel>{xml}</channel></rss>".encode()


STORM = ("storm", "Storm reaches the coast", "<p>Ferries halted.</p><p>Schools shut.</p>")
BRIDGE = ("bridge", "Council approves bridge", "<p>The vote passed seven to two.</p>")


# -- the two stages together are parse ---------------------------------------------------------


@pytest.mark.parametrize("name", GOLDEN)
def test_drafts_made_into_entries_are_what_parse_gives(name: str) -> None:
    body = (FEEDS / name).read_bytes()
    draft = read_feed(body, url="https://feeds.example/")
    feed = parse(body, url="https://feeds.example/")
    assert (draft.kind, draft.title, draft.link) == (feed.kind, feed.title, feed.link)
    assert tuple(d.entry() for d in draft.drafts) == feed.entries
    for d, entry in zip(draft.drafts, feed.entries, strict=True):
        assert (d.key, d.title, d.link, d.published, d.updated) == (
            entry.key, entry.title, entry.link, entry.published, entry.updated
        )
        assert entry.content_hash == d.content_hash != 0


@pytest.mark.parametrize("name", GOLDEN)
def test_reading_drafts_turns_no_html_into_text(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(markup: str) -> list[str]:
        raise AssertionError(f"read_feed turned content into text: {markup[:60]!r}")

    monkeypatch.setattr(html_text, "paragraphs", refuse)
    monkeypatch.setattr(html_text, "plain_paragraphs", refuse)
    assert read_feed((FEEDS / name).read_bytes()).drafts
    with pytest.raises(AssertionError, match="turned content into text"):
        parse((FEEDS / name).read_bytes())


# -- content_hash ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", GOLDEN)
def test_content_hash_is_the_same_for_the_same_bytes_and_fits_sqlite(name: str) -> None:
    body = (FEEDS / name).read_bytes()
    first, again = hashes(body), hashes(body)
    assert first == again
    assert all(0 < h < 2**63 for h in first.values())
    assert len(set(first.values())) == len(first)  # different entries, different hashes


def test_content_hash_is_the_same_in_another_process_with_another_hash_seed() -> None:
    name = "rss2-content-encoded.xml"
    script = (
        "import json, sys; from bot.pipeline.parse import read_feed; "
        f"body = open({str(FEEDS / name)!r}, 'rb').read(); "
        "print(json.dumps({d.key: d.content_hash for d in read_feed(body).drafts}))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True,
    ).stdout
    assert json.loads(out) == hashes((FEEDS / name).read_bytes())


@pytest.mark.parametrize(
    ("changed", "why"),
    [
        (("storm", "Storm reaches the coast", "<p>Ferries halted.</p><p>Schools reopen.</p>"),
         "a paragraph changed"),
        (("storm", "Storm reaches the coast", STORM[2] + "<p>Update: power is back.</p>"),
         "a paragraph was added"),
        (("storm", "Storm reaches the coast", "<p>Ferries halted.</p>"), "a paragraph was cut"),
        (("storm", "Storm reaches the coast", "<p>Ferries <b>halted</b>.</p><p>Schools shut.</p>"),
         "only the markup changed"),
        (("storm", "Storm hits the coast", STORM[2]), "the title changed"),
    ],
)
def test_content_hash_changes_with_the_title_or_the_content(
    changed: tuple[str, str, str], why: str
) -> None:
    before, after = hashes(rss(STORM, BRIDGE)), hashes(rss(changed, BRIDGE))
    assert after["storm"] != before["storm"], why
    assert after["bridge"] == before["bridge"]  # the other entry is untouched


def test_content_hash_ignores_other_entries_and_their_order() -> None:
    alone = hashes(rss(STORM))
    assert hashes(rss(BRIDGE, STORM))["storm"] == alone["storm"]
    edited_bridge = (BRIDGE[0], BRIDGE[1], "<p>The vote passed eight to one.</p>")
    assert hashes(rss(STORM, edited_bridge))["storm"] == alone["storm"]


def test_content_hash_tells_html_from_plain_text() -> None:
    atom = (
        "<feed xmlns='http://www.w3.org/2005/Atom'><entry><id>a</id><title>T</title>"
        "<content type='{kind}'>Fish &amp;amp; chips</content></entry></feed>"
    )
    as_html = hashes(atom.format(kind="html").encode())["a"]
    as_text = hashes(atom.format(kind="text").encode())["a"]
    assert as_html != as_text  # the same characters read differently


LIVE = (FEEDS / "liveblog.html").read_bytes()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"Water levels are rising faster", b"Water levels are falling faster"),  # last update
        (b'"headline": "Bridge closed"', b'"headline": "Bridge reopened"'),  # headline only
        (b"2025-03-06T08:10:00+00:00", b"2025-03-06T08:20:00+00:00"),  # the time (a marker)
        (b'"liveBlogUpdate": [', b'"liveBlogUpdate": [{"articleBody": "<p>Dam holds.</p>"},'),
    ],
)
def test_live_blog_hash_covers_every_update(old: bytes, new: bytes) -> None:
    assert old in LIVE
    (before,) = read_feed(LIVE).drafts
    (after,) = read_feed(LIVE.replace(old, new)).drafts
    assert after.key == before.key
    assert after.content_hash != before.content_hash
    assert after.entry().segments != before.entry().segments


def test_live_blog_hash_ignores_the_page_around_the_data() -> None:
    (before,) = read_feed(LIVE).drafts
    (after,) = read_feed(LIVE.replace(b"Page text that is not", b"Other page text, not")).drafts
    assert after.content_hash == before.content_hash


# -- whatever the bytes ------------------------------------------------------------------------


def reads_or_says_why(body: bytes) -> None:
    try:
        draft = read_feed(body)
    except ParseError as e:
        assert e.reason
        return
    assert isinstance(draft, FeedDraft)
    for entry_draft in draft.drafts:
        assert entry_draft.key and 0 <= entry_draft.content_hash < 2**63


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_drafts_or_a_parse_error(body: bytes) -> None:
    reads_or_says_why(body)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_feeds_give_drafts_or_a_parse_error(body: bytes) -> None:
    reads_or_says_why(body)

"""The developing story of the seed, replayed poll by poll as the site published it.

The article in ``shared/seeds/developing-story.txt`` grew all day: first the original report,
then one "Update (HHMM EST): …" paragraph added on top per poll. Every poll must yield exactly the
one new update, with its marker and text; the poll where an empty "Update (1520 EST):" appeared
yields nothing. Paragraphs are split on blank lines, the way the site's text reads.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.model import Entry, EntryState
from bot.pipeline.parse import parse
from bot.pipeline.segments import find_marker, split_segments
from bot.pipeline.updates import decide, decide_feed

KEY = "https://news.example/kosovo-border"
TIMES = ("1414", "1446", "1501", "1517", "1520", "1644", "1713", "1723", "2032")


def _story(shared: Path) -> tuple[str, list[str], list[str]]:
    """(title, update paragraphs oldest first, original body) of the seed article."""
    text = (shared / "seeds" / "developing-story.txt").read_text(encoding="utf-8")
    title, _, rest = text.partition("\n")
    paragraphs = [p.strip() for p in rest.split("\n\n") if p.strip()]
    marked = [p for p in paragraphs if find_marker(p) is not None]
    body = paragraphs[len(marked):]
    assert paragraphs[: len(marked)] == marked, "the seed's updates sit on top of its body"
    return title.strip(), marked[::-1], body


def _entry(title: str, paragraphs: list[str]) -> Entry:
    return Entry(KEY, title, KEY, None, None, split_segments(paragraphs))


def _expected(update: str) -> tuple[str, str]:
    found = find_marker(update)
    assert found is not None
    return found


def test_the_seed_has_the_updates_the_brief_names(shared_dir: Path) -> None:
    _, updates, body = _story(shared_dir)
    assert [_expected(u)[0] for u in updates] == [f"Update ({t} EST)" for t in TIMES]
    assert body[0].startswith("Kosovo Police have announced")


def test_each_poll_of_the_growing_story_yields_exactly_its_new_update(shared_dir: Path) -> None:
    title, updates, body = _story(shared_dir)
    first = decide(None, _entry(title, body))
    (lead,) = first.updates
    assert (lead.kind, lead.text) == ("entry", body[0])
    state = first.state
    for n, update in enumerate(updates, start=1):
        page = updates[:n][::-1] + body  # newest update on top
        decision = decide(state, _entry(title, page))
        marker, text = _expected(update)
        if not text:
            assert decision.updates == (), f"the empty {marker} is not news yet"
        else:
            assert [(u.kind, u.marker, u.text) for u in decision.updates] == [
                ("segment", marker, text)
            ], f"poll {n}"
        state = decision.state
    # the finished article, polled again, is quiet
    assert decide(state, _entry(title, updates[::-1] + body)).updates == ()


def test_the_empty_marker_filled_in_later_is_one_update(shared_dir: Path) -> None:
    title, updates, body = _story(shared_dir)
    filled_text = "Air raid sirens sounded again in Zvecan, residents told local radio."
    state: EntryState = decide(None, _entry(title, body)).state
    upto_1644 = updates[: TIMES.index("1644") + 1]
    for n in range(1, len(upto_1644) + 1):
        state = decide(state, _entry(title, upto_1644[:n][::-1] + body)).state
    filled = [
        f"Update (1520 EST): {filled_text}" if u.startswith("Update (1520 EST)") else u
        for u in upto_1644
    ]
    decision = decide(state, _entry(title, filled[::-1] + body))
    assert [(u.marker, u.text) for u in decision.updates] == [("Update (1520 EST)", filled_text)]
    assert decide(decision.state, _entry(title, filled[::-1] + body)).updates == ()


def _rss(title: str, paragraphs: list[str], when: datetime) -> bytes:
    """The article as the site's RSS feed would carry it: one item, HTML paragraphs."""
    content = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    stamp = when.strftime("%a, %d %b %Y %H:%M:%S +0000")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Border desk</title><link>https://news.example/</link>
<description>Regional news</description>
<item><title>{html.escape(title)}</title><link>{KEY}</link><guid>{KEY}</guid>
<pubDate>{stamp}</pubDate>
<content:encoded><![CDATA[{content}]]></content:encoded></item>
</channel></rss>""".encode()


@pytest.mark.parametrize("with_trailer", [True, False])
def test_the_story_through_parse_yields_one_update_per_poll(
    shared_dir: Path, with_trailer: bool
) -> None:
    # Parse may cut the trailer ("Week's Top Stories", the bio) off the body; either way the
    # decision downstream must see the same updates.
    title, updates, body = _story(shared_dir)
    if not with_trailer:
        body = body[: body.index("This is developing.") + 1]
    when = datetime(2022, 7, 31, 18, 0, tzinfo=UTC)
    feed = parse(_rss(title, body, when))
    (entry,) = feed.entries
    assert (entry.key, entry.title) == (KEY, title)
    first = decide_feed({}, feed.entries)
    assert [u.text for u in first.updates] == [body[0]]
    known = {s.key: s for s in first.states}
    for n, update in enumerate(updates, start=1):
        feed = parse(_rss(title, updates[:n][::-1] + body, when))
        decision = decide_feed(known, feed.entries)
        marker, text = _expected(update)
        # parse folds the seed's no-break spaces into plain ones
        expected = [(marker, " ".join(text.split()))] if text else []
        assert [(u.marker, u.text) for u in decision.updates] == expected, f"poll {n}"
        known.update({s.key: s for s in decision.states})

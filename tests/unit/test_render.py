"""Embeds: golden files for the usual cases, properties for whatever a feed may throw at us.

Regenerate the golden files after an intended change with
``ALERTBOT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_render.py`` and read the diff.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.delivery.render import (
    MAX_ALSO,
    MAX_DESCRIPTION,
    MAX_FIELD_NAME,
    MAX_FIELD_VALUE,
    MAX_FIELDS,
    MAX_FOOTER,
    MAX_TITLE,
    MAX_TOTAL,
    also_reported,
    by_event,
    embed_length,
    fit_message,
    render_batch,
    render_embed,
    render_text,
)
from bot.model import Match, RegionHit, Severity, StoredUpdate

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "render"
NAMES = {"kosovo": "Kosovo", "balkans": "Balkans", "europe": "Europe", "sahel": "Sahel",
         "mali": "Mali", "africa": "Africa"}
SEEN = datetime(2024, 3, 2, 17, 20, tzinfo=UTC)
# The sender and the Discord transport find posted deliveries with this pattern.
FOOTER_DELIVERY = re.compile(r"\bdelivery (\d+)\b")
LIVE_MENTION = re.compile(r"@(everyone|here)|<[@#/]", re.IGNORECASE)


def stored(**changes: Any) -> StoredUpdate:
    base = StoredUpdate(
        id=41,
        key="u-41",
        source="border-watch",
        source_name="Border Watch",
        entry_key="https://news.example.org/balkans/live",
        kind="segment",
        title="Tensions rise along the northern border",
        text="Police closed the two crossings near the river after shots were heard overnight.",
        link="https://news.example.org/balkans/live",
        marker="Update (0942 CET)",
        published=datetime(2024, 3, 2, 8, 42, tzinfo=timezone(timedelta(hours=1))),
        seen_at=SEEN,
        match=Match(("kosovo", "balkans", "europe"), (RegionHit("kosovo", ("Kosovo",)),),
                    Severity.CRITICAL),
    )
    return replace(base, **changes)


# -- golden files ------------------------------------------------------------------------------


def developing_story_segment() -> tuple[StoredUpdate, int | None]:
    return stored(), 7


def new_entry_without_marker() -> tuple[StoredUpdate, int | None]:
    return stored(
        id=5, kind="entry", marker=None, published=None, link="http://wire.example.com/a?id=3",
        title="Aid convoy reaches Gao", source_name="Sahel Wire",
        text="The convoy of twelve lorries arrived on Tuesday.\n\nIt carried food and medicine.",
        match=Match(("mali", "sahel", "africa"), (), Severity.MEDIUM),
    ), None


def hostile_feed_text() -> tuple[StoredUpdate, int | None]:
    return stored(
        id=9,
        title="@everyone look <@123456789012345678>",
        marker="**Breaking** <@&42>",
        text=("# Not a heading\n> not a quote\n-# not small print\n"
              "Read [the official statement](https://evil.example.net/phish) now, @here.\n"
              "Ask <#555> or use </subscribe:987>. ||hidden|| text\x00\x07 ends"),
        link="javascript:alert(1)",
        match=Match(("balkans", "nowhere-known"), (), Severity.HIGH),
    ), 12


def low_severity_naive_times() -> tuple[StoredUpdate, int | None]:
    return stored(
        id=3, title="", marker="   ", text="", link=None, published=None,
        seen_at=datetime(2024, 1, 1, 0, 0), match=Match((), (), Severity.LOW),
    ), 1


SCENARIOS: list[Callable[[], tuple[StoredUpdate, int | None]]] = [
    developing_story_segment, new_entry_without_marker, hostile_feed_text,
    low_severity_naive_times,
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda f: f.__name__)
def test_golden(scenario: Callable[[], tuple[StoredUpdate, int | None]]) -> None:
    update, delivery_id = scenario()
    embed = render_embed(update, region_names=NAMES, delivery_id=delivery_id)
    got = {"embed": embed, "text": render_text(embed).splitlines()}
    path = GOLDEN / f"{scenario.__name__}.json"
    if os.environ.get("ALERTBOT_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert json.loads(json.dumps(got)) == expected


# -- the parts, one by one ---------------------------------------------------------------------


def test_marker_leads_in_bold_and_regions_go_most_specific_first() -> None:
    embed = render_embed(stored(), region_names=NAMES)
    assert embed["description"].startswith("**Update (0942 CET)** Police closed")
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields == {"Regions": "Kosovo · Balkans · Europe", "Severity": "Critical",
                      "Source": "Border Watch"}


@pytest.mark.parametrize(
    ("severity", "colour"),
    [(Severity.CRITICAL, 0xD32F2F), (Severity.HIGH, 0xF57C00), (Severity.MEDIUM, 0xFBC02D),
     (Severity.LOW, 0x9E9E9E)],
)
def test_colour_follows_severity(severity: Severity, colour: int) -> None:
    update = stored(match=Match(("kosovo",), (), severity))
    embed = render_embed(update, region_names=NAMES)
    assert embed["color"] == colour
    assert {"name": "Severity", "value": severity.label.capitalize(), "inline": True} in \
        embed["fields"]


def test_timestamp_is_published_else_seen_at_in_utc() -> None:
    assert render_embed(stored(), region_names=NAMES)["timestamp"] == "2024-03-02T07:42:00+00:00"
    unpublished = render_embed(stored(published=None), region_names=NAMES)
    assert unpublished["timestamp"] == SEEN.isoformat()


@pytest.mark.parametrize("delivery_id", [None, 1, 987654321])
def test_footer_carries_the_ids(delivery_id: int | None) -> None:
    footer = render_embed(stored(), region_names=NAMES, delivery_id=delivery_id)["footer"]["text"]
    assert footer.startswith("alertbot · update 41")
    found = FOOTER_DELIVERY.search(footer)
    assert (int(found.group(1)) if found else None) == delivery_id


@pytest.mark.parametrize(
    ("link", "linked"),
    [("https://a.example.org/x", True), ("HTTP://a.example.org/x", True),
     ("javascript:alert(1)", False), ("ftp://a.example.org/x", False), ("/relative/path", False),
     ("https://a.example.org/with space", False), ("https://" + "a" * 2100, False),
     ("https://[broken", False), ("", False), (None, False),
     ("https://bbc.co.uk@evil.example/news", False)],
)
def test_only_web_links_become_the_title_link(link: str | None, linked: bool) -> None:
    embed = render_embed(stored(link=link), region_names=NAMES)
    assert ("url" in embed) is linked
    if linked:
        assert embed["url"] == link


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("@everyone", "@\u200beveryone"),
        ("@HERE now", "@\u200bHERE now"),
        ("hi <@123>", "hi <\u200b@123>"),
        ("hi <@!123>", "hi <\u200b@!123>"),
        ("role <@&123>", "role <\u200b@&123>"),
        ("see <#123>", "see <\u200b#123>"),
        ("run </mute:1>", "run <\u200b/mute:1>"),
        ("a@example.org and 3 < 4", "a@example.org and 3 < 4"),
        ("[statement](https://x.example/p)", "statement (https://x.example/p)"),
        ("[https://x.example/p](https://x.example/p)", "https://x.example/p"),
        ("[](https://x.example/p)", "https://x.example/p"),
        ("[a](<https://x.example/p>)", "a (https://x.example/p)"),
        ("[a] (not a link)", "[a] (not a link)"),
        ("# Heading", "\\# Heading"),
        ("### Heading", "\\### Heading"),
        ("#hashtag", "#hashtag"),
        ("> quote\n>>> all", "\\> quote\n\\>>> all"),
        ("-# small", "\\-# small"),
        ("||spoiler||", "\\|\\|spoiler\\|\\|"),
        ("a\x00b\x1bc\u202ed", "abcd"),
        ("line one\r\n\r\n\r\n\r\nline two", "line one\n\nline two"),
        ("عاجل: إغلاق المعبر", "عاجل: إغلاق المعبر"),
    ],
)
def test_feed_text_is_made_safe(text: str, shown: str) -> None:
    embed = render_embed(stored(text=text, marker=None), region_names=NAMES)
    assert embed["description"] == shown


def test_title_neutralises_mentions_but_keeps_its_brackets() -> None:
    title = render_embed(stored(title="[Live](https://x.example) @everyone\n<@1>"),
                         region_names=NAMES)["title"]
    assert title == "[Live](https://x.example) @\u200beveryone <\u200b@1>"


def test_markdown_in_the_marker_cannot_break_the_bold() -> None:
    embed = render_embed(stored(marker="*Update* _1_", text="x"), region_names=NAMES)
    assert embed["description"] == "**\\*Update\\* \\_1\\_** x"


def test_unknown_region_ids_show_as_they_are() -> None:
    update = stored(match=Match(("atlantis", "kosovo"), (), Severity.LOW))
    fields = render_embed(update, region_names=NAMES)["fields"]
    assert fields[0] == {"name": "Regions", "value": "atlantis · Kosovo", "inline": True}


def test_a_huge_update_is_cut_at_a_word_with_an_ellipsis() -> None:
    words = " ".join(f"word{i}" for i in range(3000))
    embed = render_embed(stored(text=words, title="t " * 400), region_names=NAMES)
    assert len(embed["title"]) <= MAX_TITLE and embed["title"].endswith("t…")
    description = embed["description"]
    assert len(description) == MAX_DESCRIPTION or len(description) > MAX_DESCRIPTION - 20
    assert description.endswith("…")
    last_word = description[:-1].rsplit(" ", 1)[1]
    assert re.fullmatch(r"word\d+", last_word) and last_word in words.split()
    assert embed_length(embed) <= MAX_TOTAL


def test_the_description_gives_way_to_long_fields() -> None:
    many = {f"r{i}": "Region " + "x" * 60 for i in range(40)}
    update = stored(text="y " * 5000, title="z" * 300, source_name="s" * 2000,
                    match=Match(tuple(many), (), Severity.HIGH))
    embed = render_embed(update, region_names=many, delivery_id=1)
    assert all(len(f["value"]) <= MAX_FIELD_VALUE for f in embed["fields"])
    assert embed_length(embed) <= MAX_TOTAL
    assert embed["description"].endswith("…")


# -- length and batching -----------------------------------------------------------------------


def test_embed_length_counts_what_discord_counts() -> None:
    embed = {"title": "abc", "description": "de", "url": "https://not.counted",
             "fields": [{"name": "f", "value": "gh"}], "footer": {"text": "ijkl"},
             "author": {"name": "m"}, "color": 123}
    assert embed_length(embed) == 3 + 2 + 1 + 2 + 4 + 1
    assert embed_length({}) == 0


def sized(n: int, tag: int) -> dict[str, Any]:
    return {"title": str(tag), "description": "x" * (n - len(str(tag)))}


def test_batches_hold_ten_embeds_at_most() -> None:
    embeds = [sized(10, i) for i in range(23)]
    assert [len(m) for m in render_batch(embeds)] == [10, 10, 3]


def test_batches_hold_6000_characters_at_most() -> None:
    embeds = [sized(2500, 0), sized(2500, 1), sized(1000, 2), sized(1001, 3), sized(6000, 4)]
    batches = render_batch(embeds)
    assert [[e["title"] for e in m] for m in batches] == [["0", "1", "2"], ["3"], ["4"]]


def test_an_oversized_embed_is_refused() -> None:
    with pytest.raises(ValueError, match="embed 1 is 6001 characters"):
        render_batch([sized(5, 0), sized(6001, 1)])


@given(st.lists(st.integers(min_value=1, max_value=6000), max_size=40))
def test_batches_keep_order_and_limits(sizes: list[int]) -> None:
    embeds = [sized(max(n, len(str(i))), i) for i, n in enumerate(sizes)]
    batches = render_batch(embeds)
    assert [e for m in batches for e in m] == embeds
    for message in batches:
        assert 1 <= len(message) <= 10
        assert sum(embed_length(e) for e in message) <= MAX_TOTAL
    # Greedy: no message could have taken the next one's first embed.
    for message, following in itertools.pairwise(batches):
        total = sum(embed_length(e) for e in message) + embed_length(following[0])
        assert len(message) == 10 or total > MAX_TOTAL


# -- properties: whatever the feed says --------------------------------------------------------

PIECES = ["@everyone", "@here", "@", "<@", "<@!", "<@&", "<#", "</", "<", "123>", "[", "](",
          ")", "http://x.example/", "\n", "# ", "> ", "-# ", "*", "**", "_", "||", "\\",
          "\u200b", "\u202e", "\u200f", "\x00", "\r", "\t", " ", "ﷺ", "😀", "everyone", "here"]
nasty_text = st.lists(
    st.one_of(st.text(max_size=8), st.sampled_from(PIECES)), max_size=60
).map("".join).map(lambda s: s * 40 if len(s) % 3 == 0 else s)  # sometimes huge


def all_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in all_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in all_strings(v)]
    return []


def test_a_mention_in_a_link_is_written_so_that_it_cannot_ping() -> None:
    link = "http://x.example/@everyone?to=@Here#<@&12>"
    embed = render_embed(stored(link=link), region_names=NAMES)
    assert embed["url"] == "http://x.example/%40everyone?to=%40Here#%3C@&12%3E"


@settings(max_examples=300, deadline=None)
@given(title=nasty_text, text=nasty_text, marker=st.none() | nasty_text,
       source_name=nasty_text, region_name=nasty_text, link=st.none() | nasty_text,
       severity=st.sampled_from(Severity), delivery_id=st.none() | st.integers(0, 2**63))
def test_any_update_fits_discord_and_pings_no_one(
    title: str, text: str, marker: str | None, source_name: str, region_name: str,
    link: str | None, severity: Severity, delivery_id: int | None,
) -> None:
    update = stored(title=title, text=text, marker=marker, source_name=source_name, link=link,
                    match=Match(("r1", "r2"), (), severity))
    embed = render_embed(update, region_names={"r1": region_name}, delivery_id=delivery_id)
    assert 1 <= len(embed["title"]) <= MAX_TITLE
    assert 1 <= len(embed.get("description", "x")) <= MAX_DESCRIPTION
    assert len(embed["fields"]) <= MAX_FIELDS
    for f in embed["fields"]:
        assert 1 <= len(f["name"]) <= MAX_FIELD_NAME and 1 <= len(f["value"]) <= MAX_FIELD_VALUE
    assert len(embed["footer"]["text"]) <= MAX_FOOTER
    assert embed_length(embed) <= MAX_TOTAL
    for shown in all_strings(embed):
        assert LIVE_MENTION.search(shown) is None, shown
        assert "\x00" not in shown and "\u202e" not in shown
    found = FOOTER_DELIVERY.search(embed["footer"]["text"])
    assert (int(found.group(1)) if found else None) == delivery_id
    assert render_text(embed)  # never fails, never empty
    assert render_batch([embed, embed]) in ([[embed, embed]], [[embed], [embed]])


# -- events (issue 14) -------------------------------------------------------------------------


def test_also_reported_names_each_other_source_and_counts_them_all() -> None:
    embed = render_embed(stored(), region_names=NAMES, also=["Reuters", "AP"])
    [line] = [f for f in embed["fields"] if f["name"] == "Also reported by"]
    assert line["value"] == "Reuters, AP — 3 sources"
    assert line["inline"] is False


def test_a_long_list_of_sources_is_clipped_with_how_many_more() -> None:
    names = [f"Regional Broadcaster Number {i}" for i in range(40)]
    text = also_reported(names)
    assert text.endswith(" more — 41 sources")
    shown = text.split(" and ")[0].split(", ")
    assert len(shown) + int(text.split(" and ")[1].split()[0]) == 40
    assert len(text) <= MAX_ALSO + len(" — 41 sources")


def test_source_names_in_the_line_cannot_ping() -> None:
    assert "@\u200beveryone" in also_reported(["@everyone news"])


def test_an_escalation_says_what_it_adds_first() -> None:
    embed = render_embed(stored(escalation=("severity rises to critical", "dead: 3")),
                         region_names=NAMES)
    assert embed["fields"][0] == {"name": "Escalation", "inline": False,
                                  "value": "severity rises to critical; dead: 3"}


@given(st.lists(st.text(min_size=1, max_size=300), max_size=60),
       st.lists(st.integers(0, 5000), min_size=1, max_size=10))
@settings(max_examples=60, deadline=None)
def test_an_edited_message_fits_discords_total(names: list[str], sizes: list[int]) -> None:
    """Alerts that filled their message when posted, each now naming other sources."""
    posted = render_batch([render_embed(stored(text="x " * (n // 2)), region_names=NAMES)
                           for n in sizes])[0]
    edited = fit_message([render_embed(stored(text="x " * (sizes[i] // 2)), region_names=NAMES,
                                       also=names) for i in range(len(posted))])
    assert sum(embed_length(e) for e in edited) <= MAX_TOTAL
    line = [f for f in edited[0].get("fields", ()) if f["name"] == "Also reported by"]
    assert bool(line) == bool(names)
    for before, after in zip(posted, edited, strict=True):
        # Only the description gives way, and only at its end.
        assert after["title"] == before["title"]
        assert before.get("description", "").startswith(
            after.get("description", "").removesuffix("…"))


def test_an_events_reports_are_shown_as_one_naming_the_other_sources() -> None:
    newest = stored(id=5, source="wire", source_name="Wire", event=7)
    alone = stored(id=4, source="daily", source_name="Daily", event=None)
    older = stored(id=3, source="daily", source_name="Daily", event=7)
    again = stored(id=2, source="daily", source_name="Daily", event=7)
    own = stored(id=1, source="wire", source_name="Wire", event=7)
    other = stored(id=0, source="radio", source_name="Radio", event=8)
    assert by_event([newest, alone, older, again, own, other]) == [
        (newest, ("Daily",)), (alone, ()), (other, ()),
    ]


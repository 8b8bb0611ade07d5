"""The update decision: what is news in an entry, given the fingerprints of what was seen.

Scenario tests follow reader's test_entry_is_updated / test_entry_is_not_updated: each scenario
is a small named function returning the entry as it was, the entry as it is now and (for the
updated ones) the (marker, text) of each expected update, oldest first.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from bot.model import Entry, EntryState, Segment
from bot.pipeline import fingerprint
from bot.pipeline.updates import (
    FLOOD_SEGMENTS,
    STATE_LIMIT,
    EntryDecision,
    decide,
    decide_feed,
    update_key,
)

# -- made-up news, written for these tests ------------------------------------------------------

BODY = (
    "Harbour police closed the northern ferry terminal after a fuel barge caught fire overnight.",
    "Residents of the old quarter were asked to keep their windows shut while crews worked.",
    "The port authority said no one had been hurt and the cause was not yet known.",
)
U1 = "A second barge was towed away from the quay as a precaution, the coastguard said."
U2 = "Firefighters say the blaze is under control but the terminal stays closed tonight."
U3 = "The transport minister will visit the harbour tomorrow morning, her office said."
U4 = "Ferry services to the islands are being diverted to the southern terminal."
U5 = "Two crew members were treated for smoke inhalation and released, medics said."
U6 = "An inquiry into the fire will be led by the regional maritime inspector."
U7 = "Shipping companies warned of delays of up to two days for freight."
NEW_SENTENCES = (U1, U2, U3, U4, U5, U6, U7)

Scenario = tuple[Entry, Entry, list[tuple[str | None, str]]]
Quiet = tuple[Entry, Entry]

PUBLISHED = datetime(2024, 7, 1, 8, 0, tzinfo=UTC)
EDITED_AT = datetime(2024, 7, 1, 9, 30, tzinfo=UTC)


def seg(marker: str | None, *paragraphs: str) -> Segment:
    return Segment(marker, paragraphs)


def entry(*segments: Segment, title: str = "Barge fire closes ferry terminal",
          key: str = "story-1", updated: datetime | None = None) -> Entry:
    return Entry(key, title, "https://harbour.example/fire", PUBLISHED, updated, segments)


def known(e: Entry) -> EntryState:
    return decide(None, e).state


def texts(e_before: Entry, e_after: Entry) -> list[tuple[str | None, str]]:
    return [(u.marker, u.text) for u in decide(known(e_before), e_after).updates]


# -- scenarios that are news -----------------------------------------------------------------------


def marker_added_on_top() -> Scenario:
    before = entry(seg(None, *BODY))
    after = entry(seg("Update (1414 CET)", U1, *BODY))
    return before, after, [("Update (1414 CET)", U1)]


def second_marker_added_on_top() -> Scenario:
    before = entry(seg("Update (1414 CET)", U1, *BODY))
    after = entry(seg("Update (1502 CET)", U2), seg("Update (1414 CET)", U1, *BODY))
    return before, after, [("Update (1502 CET)", U2)]


def two_markers_on_top_in_one_poll_read_oldest_first() -> Scenario:
    before = entry(seg(None, *BODY))
    after = entry(seg("Update (1502 CET)", U2), seg("Update (1414 CET)", U1, *BODY))
    return before, after, [("Update (1414 CET)", U1), ("Update (1502 CET)", U2)]


def marker_added_at_the_bottom() -> Scenario:
    before = entry(seg(None, *BODY))
    after = entry(seg(None, *BODY), seg("Update 1", U1))
    return before, after, [("Update 1", U1)]


def two_markers_at_the_bottom_in_one_poll_read_in_document_order() -> Scenario:
    before = entry(seg(None, *BODY))
    after = entry(seg(None, *BODY), seg("Update 1", U1), seg("Update 2", U2))
    return before, after, [("Update 1", U1), ("Update 2", U2)]


def marked_segment_with_several_new_paragraphs_is_one_update() -> Scenario:
    before = entry(seg(None, *BODY))
    after = entry(seg("14:05 BST", U1, U2), seg(None, *BODY))
    return before, after, [("14:05 BST", f"{U1}\n\n{U2}")]


def empty_marker_gets_its_text() -> Scenario:
    before = entry(seg("Update (1520 CET)"), seg("Update (1414 CET)", U1, *BODY))
    after = entry(seg("Update (1520 CET)", U2), seg("Update (1414 CET)", U1, *BODY))
    return before, after, [("Update (1520 CET)", U2)]


def unmarked_paragraph_appended_at_the_bottom() -> Scenario:
    before = entry(seg(None, *BODY))
    after = entry(seg(None, *BODY, U1))
    return before, after, [(None, U1)]


def separate_runs_of_unmarked_text_are_separate_updates() -> Scenario:
    before = entry(seg(None, *BODY))
    after = entry(seg(None, BODY[0], U1, U2, BODY[1], BODY[2], U3))
    return before, after, [(None, f"{U1}\n\n{U2}"), (None, U3)]


def byline_inside_new_text_is_left_out_of_it() -> Scenario:
    before = entry(seg(None, *BODY))
    after = entry(seg(None, *BODY, "By Mara Lind", U1))
    return before, after, [(None, U1)]


def short_text_right_after_a_marker_is_news() -> Scenario:
    before = entry(seg(None, *BODY))
    after = entry(seg("Update 2", "Explosions heard."), seg(None, *BODY))
    return before, after, [("Update 2", "Explosions heard.")]


def typo_fix_and_new_marker_in_one_poll() -> Scenario:
    before = entry(seg(None, *BODY))
    fixed = BODY[1].replace("quarter", "quartre")
    after = entry(seg("Update 1", U1), seg(None, BODY[0], fixed, BODY[2]))
    return before, after, [("Update 1", U1)]


def page_replaced_by_a_few_new_segments_gives_each() -> Scenario:
    before = entry(seg(None, *BODY))
    after = entry(seg("Update 2", U2), seg("Update 1", U1))
    return before, after, [("Update 2", U2), ("Update 1", U1)]


def many_new_segments_on_top_of_known_text_are_all_news() -> Scenario:
    before = entry(seg(None, *BODY))
    markers = [seg(f"Update {n}", s) for n, s in zip(range(7, 0, -1), NEW_SENTENCES, strict=True)]
    after = entry(*markers, seg(None, *BODY))
    expected = [(f"Update {n}", s) for n, s in zip(range(1, 8), NEW_SENTENCES[::-1], strict=True)]
    return before, after, expected


@pytest.mark.parametrize(
    "scenario",
    [
        marker_added_on_top,
        second_marker_added_on_top,
        two_markers_on_top_in_one_poll_read_oldest_first,
        marker_added_at_the_bottom,
        two_markers_at_the_bottom_in_one_poll_read_in_document_order,
        marked_segment_with_several_new_paragraphs_is_one_update,
        empty_marker_gets_its_text,
        unmarked_paragraph_appended_at_the_bottom,
        separate_runs_of_unmarked_text_are_separate_updates,
        byline_inside_new_text_is_left_out_of_it,
        short_text_right_after_a_marker_is_news,
        typo_fix_and_new_marker_in_one_poll,
        page_replaced_by_a_few_new_segments_gives_each,
        many_new_segments_on_top_of_known_text_are_all_news,
    ],
)
def test_entry_is_updated(scenario: Callable[[], Scenario]) -> None:
    before, after, expected = scenario()
    decision = decide(known(before), after)
    assert [(u.marker, u.text) for u in decision.updates] == expected
    assert all(u.kind == "segment" for u in decision.updates)
    # and once seen, the same content is quiet
    assert decide(decision.state, after).updates == ()


# -- scenarios that are not news -------------------------------------------------------------------


def nothing_changes() -> Quiet:
    e = entry(seg("Update 1", U1), seg(None, *BODY))
    return e, e


def typo_fixed() -> Quiet:
    return entry(seg(None, *BODY)), entry(seg(None, BODY[0], BODY[1].replace("asked", "aksed"),
                                              BODY[2]))


def word_swapped() -> Quiet:
    changed = BODY[2].replace("no one", "nobody")
    return entry(seg(None, *BODY)), entry(seg(None, BODY[0], BODY[1], changed))


def typo_fixed_in_a_short_marked_sentence() -> Quiet:
    before = entry(seg("Update 1", "Sirens heard in the old quater."), seg(None, *BODY))
    after = entry(seg("Update 1", "Sirens heard in the old quarter."), seg(None, *BODY))
    return before, after


def punctuation_changed() -> Quiet:
    changed = BODY[0].replace(" after", ", after").replace(".", "!")
    return entry(seg(None, *BODY)), entry(seg(None, changed, BODY[1], BODY[2]))


def case_changed() -> Quiet:
    return entry(seg(None, *BODY)), entry(seg(None, BODY[0].upper(), BODY[1], BODY[2]))


def whitespace_changed() -> Quiet:
    spaced = "  " + BODY[0].replace(" ", "\u00a0 \n", 3) + "\t"
    return entry(seg(None, *BODY)), entry(seg(None, spaced, BODY[1], BODY[2]))


def curly_quotes_instead_of_straight() -> Quiet:
    straight = 'The mayor said "calm" was needed and it\'s "not over".'
    curly = "The mayor said “calm” was needed and it’s «not over»."
    return entry(seg(None, *BODY, straight)), entry(seg(None, *BODY, curly))


def accents_dropped() -> Quiet:
    before = entry(seg(None, *BODY, "The café on the quay in Málaga reopened at noon."))
    after = entry(seg(None, *BODY, "The cafe on the quay in Malaga reopened at noon."))
    return before, after


def paragraphs_reordered() -> Quiet:
    return entry(seg(None, *BODY)), entry(seg(None, BODY[2], BODY[0], BODY[1]))


def segments_reordered() -> Quiet:
    before = entry(seg("Update 2", U2), seg("Update 1", U1), seg(None, *BODY))
    after = entry(seg(None, *BODY), seg("Update 1", U1), seg("Update 2", U2))
    return before, after


def marker_time_edited() -> Quiet:
    before = entry(seg("Update (1713 EST)", U1), seg(None, *BODY))
    after = entry(seg("Update (1731 EST)", U1), seg(None, *BODY))
    return before, after


def empty_marker_appears() -> Quiet:
    before = entry(seg("Update 1", U1), seg(None, *BODY))
    after = entry(seg("Update 2"), seg("Update 1", U1), seg(None, *BODY))
    return before, after


def short_unmarked_lines_appear() -> Quiet:
    before = entry(seg(None, *BODY))
    after = entry(seg(None, "By Mara Lind", *BODY, "Share", "Read more", "Related coverage"))
    return before, after


def bare_date_under_a_byline_marker() -> Quiet:
    before = entry(seg("Updated", "14 March 2024"), seg(None, *BODY))
    after = entry(seg("Updated", "15 March 2024"), seg(None, *BODY))
    return before, after


def title_edited() -> Quiet:
    return entry(seg(None, *BODY)), entry(seg(None, *BODY), title="Barge fire shuts terminal")


def dates_changed() -> Quiet:
    return entry(seg(None, *BODY)), entry(seg(None, *BODY), updated=EDITED_AT)


def paragraph_removed() -> Quiet:
    return entry(seg(None, *BODY)), entry(seg(None, BODY[0], BODY[2]))


def punctuation_only_paragraph_added() -> Quiet:
    return entry(seg(None, *BODY)), entry(seg(None, *BODY, "* * *", "—"))


@pytest.mark.parametrize(
    "scenario",
    [
        nothing_changes,
        typo_fixed,
        word_swapped,
        typo_fixed_in_a_short_marked_sentence,
        punctuation_changed,
        case_changed,
        whitespace_changed,
        curly_quotes_instead_of_straight,
        accents_dropped,
        paragraphs_reordered,
        segments_reordered,
        marker_time_edited,
        empty_marker_appears,
        short_unmarked_lines_appear,
        bare_date_under_a_byline_marker,
        title_edited,
        dates_changed,
        paragraph_removed,
        punctuation_only_paragraph_added,
    ],
)
def test_entry_is_not_updated(scenario: Callable[[], Quiet]) -> None:
    before, after = scenario()
    assert decide(known(before), after).updates == ()


def test_a_second_identical_edit_is_silent_too() -> None:
    original = entry(seg(None, *BODY))
    edited = entry(seg(None, BODY[0], BODY[1].replace("asked", "akked"), BODY[2]))
    state = decide(known(original), edited).state
    # the edit's own fingerprint is remembered, beside the original's
    assert len(state.fingerprints) == len(BODY) + 1
    # the site flips back and forth between the two versions: nothing, ever
    assert decide(state, original).updates == ()
    assert decide(decide(state, original).state, edited).updates == ()


# -- new entries -----------------------------------------------------------------------------------


def test_a_new_entry_is_one_update_with_its_lead() -> None:
    e = entry(seg("Update (1502 CET)", U2), seg("Update (1414 CET)", U1, *BODY), updated=EDITED_AT)
    decision = decide(None, e)
    (update,) = decision.updates
    assert update.kind == "entry"
    assert (update.title, update.text, update.marker) == (e.title, U2, "Update (1502 CET)")
    assert (update.entry_key, update.link, update.published) == (e.key, e.link, EDITED_AT)
    # every paragraph is remembered, not only the lead
    assert len(decision.state.fingerprints) == len(BODY) + 2
    assert decision.state.key == e.key


def test_a_new_entry_leads_with_its_first_sentence_not_its_byline() -> None:
    (update,) = decide(None, entry(seg(None, "By Mara Lind", *BODY))).updates
    assert update.text == BODY[0]
    assert update.published == PUBLISHED


def test_a_new_entry_without_text_is_its_title() -> None:
    (update,) = decide(None, entry()).updates
    assert (update.kind, update.title, update.text, update.marker) == (
        "entry", "Barge fire closes ferry terminal", "", None)


def test_a_new_entry_with_neither_title_nor_text_says_nothing_but_is_remembered() -> None:
    decision = decide(None, entry(title="  "))
    assert decision.updates == ()
    assert decision.state == EntryState("story-1", ())


# -- flood cap -------------------------------------------------------------------------------------


def test_a_page_replaced_by_many_segments_is_one_update() -> None:
    # The case of FLOOD_SEGMENTS: a reused guid now points at a different live page, seven new
    # marked segments and nothing of the old story left.
    assert len(NEW_SENTENCES) > FLOOD_SEGMENTS
    before = entry(seg(None, *BODY))
    markers = [seg(f"{10 + n}:00", s) for n, s in enumerate(NEW_SENTENCES)]
    decision = decide(known(before), entry(*markers))
    (update,) = decision.updates
    assert (update.kind, update.marker, update.text) == ("segment", "10:00", U1)
    assert decide(decision.state, entry(*markers)).updates == ()


# -- keys ------------------------------------------------------------------------------------------


def test_update_keys_are_short_hex_and_depend_on_entry_and_content() -> None:
    before = entry(seg(None, *BODY))
    (update,) = decide(known(before), entry(seg("Update 1", U1), seg(None, *BODY))).updates
    assert re.fullmatch(r"[0-9a-f]{16}", update.key)
    exact = fingerprint.exact_hash(fingerprint.normalise(U1))
    assert update.key == update_key("story-1", [exact])
    assert update.key != update_key("story-2", [exact])


def test_the_same_new_text_gets_the_same_key_whatever_was_known_before() -> None:
    # Two histories of the same story (one bot saw the 1414 update, a restored backup did not)
    # both meet U2: the store must see one update, not two.
    now = entry(seg("Update 2", U2), seg("Update 1", U1), seg(None, *BODY))
    a = decide(known(entry(seg("Update 1", U1), seg(None, *BODY))), now).updates
    b = decide(known(entry(seg(None, *BODY))), now).updates
    assert a[-1].key == b[-1].key
    assert a[-1].text == b[-1].text == U2


def test_the_marker_is_not_part_of_the_key() -> None:
    before = entry(seg(None, *BODY))
    (a,) = decide(known(before), entry(seg("Update (1713 EST)", U1), seg(None, *BODY))).updates
    (b,) = decide(known(before), entry(seg("Update (1731 EST)", U1), seg(None, *BODY))).updates
    assert a.key == b.key


# -- state -----------------------------------------------------------------------------------------


def test_state_survives_the_store_blob() -> None:
    state = known(entry(seg("Update 1", U1), seg(None, *BODY)))
    restored = EntryState.from_blob(state.key, state.to_blob())
    assert restored == state
    assert decide(restored, entry(seg("Update 1", U1), seg(None, *BODY))).updates == ()


def test_a_huge_live_page_keeps_a_capped_state_and_still_sees_new_segments() -> None:
    # 2,000 paragraphs, far past STATE_LIMIT: a live page after days of coverage.
    rng = random.Random(7)
    words = ("police", "convoy", "bridge", "council", "storm", "border", "ferry", "minister",
             "crowd", "harbour", "rail", "strike", "talks", "shelter", "power", "water")
    history = [f"Item {n}: the {' '.join(rng.choices(words, k=8))} report." for n in range(2000)]
    page = entry(seg(None, *history))
    state = known(page)
    assert len(state.fingerprints) <= STATE_LIMIT
    assert decide(state, page).updates == ()
    grown = entry(seg("Update 1", U1), seg(None, *history))
    assert [(u.marker, u.text) for u in decide(state, grown).updates] == [("Update 1", U1)]
    assert decide(decide(state, grown).state, grown).updates == ()


def test_paragraphs_still_on_the_page_outlive_disappeared_ones_in_the_state() -> None:
    page = entry(seg(None, *BODY))
    state = known(page)
    # a long history of paragraphs that came and went (a rewritten trailer, say)
    for n in range(STATE_LIMIT + 50):
        passing = entry(seg(None, *BODY, f"Passing note number {n} about the harbour today."))
        state = decide(state, passing).state
    assert len(state.fingerprints) == STATE_LIMIT
    assert decide(state, page).updates == ()


# -- feeds -----------------------------------------------------------------------------------------


def test_decide_feed_returns_only_new_and_changed_states() -> None:
    quiet = entry(seg(None, *BODY), key="quiet")
    growing = entry(seg(None, *BODY), key="growing")
    known_states = {"quiet": known(quiet), "growing": known(growing)}
    fresh = entry(seg(None, U3), key="fresh")
    grown = entry(seg("Update 1", U1), seg(None, *BODY), key="growing")
    decision = decide_feed(known_states, [fresh, grown, quiet])
    assert sorted(s.key for s in decision.states) == ["fresh", "growing"]
    assert sorted((u.entry_key, u.kind) for u in decision.updates) == [
        ("fresh", "entry"), ("growing", "segment")]


def test_decide_feed_announces_a_repeated_key_once() -> None:
    e = entry(seg(None, *BODY))
    decision = decide_feed({}, [e, e])
    assert len(decision.updates) == 1
    assert [s.key for s in decision.states] == ["story-1"]


def test_decide_feed_orders_entries_oldest_first() -> None:
    older = Entry("a", "Older", None, datetime(2024, 1, 1, tzinfo=UTC), None, (seg(None, U1),))
    newer = Entry("b", "Newer", None, datetime(2024, 1, 2, tzinfo=UTC), None, (seg(None, U2),))
    assert [u.entry_key for u in decide_feed({}, [newer, older]).updates] == ["a", "b"]
    assert [u.entry_key for u in decide_feed({}, [older, newer]).updates] == ["a", "b"]
    undated = [Entry(k, k, None, None, None, (seg(None, s),)) for k, s in (("b", U2), ("a", U1))]
    # without dates, feed order reversed: feeds list their newest item first
    assert [u.entry_key for u in decide_feed({}, undated).updates] == ["a", "b"]


# -- properties ------------------------------------------------------------------------------------

WORDS = ("police", "closed", "the", "bridge", "after", "storm", "council", "said", "ferry",
         "north", "minister", "two", "people", "were", "hurt", "in", "a", "crash", "near",
         "border", "crossing", "talks", "resume", "tomorrow", "trains", "delayed", "power")
MARKER_LABELS = ("Update 1", "Update (1414 CET)", "14:05 BST", "[09:30]", "Breaking", "EDIT 2")

sentences = st.lists(st.sampled_from(WORDS), min_size=5, max_size=14).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
segments_st = st.lists(
    st.builds(
        lambda m, ps: Segment(m, tuple(ps)),
        st.one_of(st.none(), st.sampled_from(MARKER_LABELS)),
        st.lists(st.one_of(sentences, st.text(max_size=40)), max_size=4),
    ),
    max_size=6,
)
entries_st = st.builds(
    lambda segs, title: Entry("k", title, None, None, None, tuple(segs)), segments_st, st.text()
)


@given(entries_st, st.one_of(st.none(), entries_st))
@settings(max_examples=100, deadline=None)
def test_property_the_same_content_never_becomes_news_twice(e: Entry, seen: Entry | None) -> None:
    state = None if seen is None else decide(None, seen).state
    first = decide(state, e)
    again = decide(first.state, e)
    assert again.updates == ()
    assert again.state == first.state


@given(entries_st, st.lists(sentences, min_size=1, max_size=3), st.booleans(),
       st.sampled_from(MARKER_LABELS))
@settings(max_examples=100, deadline=None)
def test_property_one_new_marked_segment_is_exactly_one_update(
    e: Entry, new: list[str], on_top: bool, marker: str
) -> None:
    old = {fingerprint.normalise(p) for s in e.segments for p in s.paragraphs}
    assume(all(fingerprint.normalise(p) not in old for p in new))
    assume(len({fingerprint.normalise(p) for p in new}) == len(new))
    added = Segment(marker, tuple(new))
    segments = (added, *e.segments) if on_top else (*e.segments, added)
    grown = Entry(e.key, e.title, e.link, e.published, e.updated, segments)
    updates = decide(decide(None, e).state, grown).updates
    assert [(u.kind, u.marker, u.text) for u in updates] == [
        ("segment", marker, "\n\n".join(new))]


_PUNCTUATION = st.sampled_from(["", "", ".", ",", "!", "?", ";", ":", " —", "…", '"', "“", "”"])


@st.composite
def cosmetic_change(draw: st.DrawFn, text: str) -> str:
    """The same words, with punctuation, case and whitespace redone between them."""
    words = re.findall(r"\w+", text)
    case = draw(st.sampled_from([str.upper, str.lower, str.capitalize, str.title]))
    marks = draw(st.lists(_PUNCTUATION, min_size=len(words), max_size=len(words)))
    glue = draw(st.sampled_from([" ", "  ", "\n", " \t ", "\u00a0"]))
    return draw(st.sampled_from(["", " ", "\n"])) + glue.join(
        case(w) + m for w, m in zip(words, marks, strict=True)
    )


@given(st.lists(sentences, min_size=1, max_size=8, unique=True), st.data())
@settings(max_examples=100, deadline=None)
def test_property_reordering_whitespace_and_punctuation_are_not_news(
    paragraphs: list[str], data: st.DataObject
) -> None:
    before = entry(seg("Update 1", *paragraphs[:2]), seg(None, *paragraphs[2:]))
    shuffled = data.draw(st.permutations(paragraphs))
    changed = [data.draw(cosmetic_change(p)) for p in shuffled]
    cut = data.draw(st.integers(0, len(changed)))
    after = entry(seg(None, *changed[:cut]), seg("Update 1", *changed[cut:]))
    assert decide(known(before), after).updates == ()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The mayor’s office won’t comment.", "the mayors office wont comment"),
        ("São Paulo: protests — again!", "sao paulo protests again"),
        ("ＦＵＬＬＷＩＤＴＨ　text", "fullwidth text"),
        ("Straße", "STRASSE"),
        ("snake_case\tand\nlines", "snake case and lines"),
    ],
)
def test_normalise_erases_what_is_not_a_change_of_words(a: str, b: str) -> None:
    assert fingerprint.normalise(a) == fingerprint.normalise(b)


def test_normalise_keeps_what_is() -> None:
    assert fingerprint.normalise("Two dead") != fingerprint.normalise("Three dead")
    assert fingerprint.normalise("* * * — …") == ""


# -- the edit threshold, measured ----------------------------------------------------------------


def _typo(rng: random.Random, text: str) -> str:
    """One letter replaced, dropped, doubled or swapped with the next, in one word."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) > 3 and w.isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    w, j = words[i], rng.randrange(1, len(words[i]) - 1)
    words[i] = rng.choice([
        w[:j] + rng.choice("aeiourst") + w[j + 1:],
        w[:j] + w[j + 1:],
        w[:j] + w[j] + w[j:],
        w[:j] + w[j + 1] + w[j] + w[j + 2:],
    ])
    return " ".join(words)


def _corpus_paragraphs(shared: Path) -> list[str]:
    """Plain sentences from the item texts of the real feeds in the shared corpus."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    found: dict[str, None] = {}
    for path in sorted((shared / "corpus" / "real").glob("*.xml")):
        root = etree.fromstring(path.read_bytes(), parser)
        if root is None:
            continue
        for element in root.iter("{*}description", "{*}encoded", "{*}summary", "{*}content"):
            raw = re.sub(r"(?i)</?(p|div|br|li|h\d)\b[^>]*>", "\n\n", element.text or "")
            for part in re.split(r"\n\s*\n", re.sub(r"<[^>]+>", " ", raw)):
                text = " ".join(part.split())
                if len(text.split()) >= 5 and not re.search(r"&#?\w+;|https?:", text):
                    found[text] = None
    return list(found)


def test_near_threshold_separates_edits_from_other_paragraphs(shared_dir: Path) -> None:
    paragraphs = _corpus_paragraphs(shared_dir)
    assert len(paragraphs) > 2000
    rng = random.Random(2024)
    sample = rng.sample(paragraphs, 2000)
    normalised = [fingerprint.normalise(p) for p in sample]
    sims = [fingerprint.simhash(n) for n in normalised]

    caught = total = 0
    for text, norm, sim in zip(sample, normalised, sims, strict=True):
        edited = fingerprint.normalise(_typo(rng, text))
        if edited == norm:
            continue
        total += 1
        limit = fingerprint.near_distance(len(edited))
        caught += fingerprint.distance(sim, fingerprint.simhash(edited)) <= limit
    # a fixed typo is recognised as an edit nearly always
    assert caught / total >= 0.95, (caught, total)

    confused = pairs = 0
    for _ in range(20000):
        a, b = rng.sample(range(len(sample)), 2)
        if normalised[a] == normalised[b]:
            continue
        pairs += 1
        limit = fingerprint.near_distance(len(normalised[b]))
        confused += fingerprint.distance(sims[a], sims[b]) <= limit
    # and unrelated paragraphs are almost never taken for edits of each other
    assert confused / pairs <= 0.0005, (confused, pairs)


# -- the shared corpus -----------------------------------------------------------------------------


def test_every_corpus_feed_goes_through_the_decision_and_is_quiet_the_second_time(
    shared_dir: Path,
) -> None:
    from bot.pipeline.parse import ParseError, parse

    decided = 0
    for path in sorted((shared_dir / "corpus").rglob("*")):
        if not path.is_file() or path.suffix not in {".xml", ".json", ".html"}:
            continue
        try:
            feed = parse(path.read_bytes(), url=f"https://example.org/{path.name}")
        except ParseError:
            continue
        first = decide_feed({}, feed.entries)
        assert len(first.updates) <= len(feed.entries), path.name
        again = decide_feed({s.key: s for s in first.states}, feed.entries)
        assert again.updates == () and again.states == (), path.name
        decided += 1
    assert decided > 50


def test_same_content_hash_skips_the_text_work_and_says_nothing() -> None:
    first = replace(entry(seg(None, *BODY)), content_hash=77)
    state = decide(None, first).state
    assert state.content_hash == 77
    # Same hash: trusted without looking at the (here different) text.
    grown = replace(entry(seg("Update 1", U1), seg(None, *BODY)), content_hash=77)
    assert decide(state, grown) == EntryDecision((), state)
    # A new hash: the text is compared as usual and the state records the new hash.
    changed = replace(grown, content_hash=78)
    decision = decide(state, changed)
    assert [u.marker for u in decision.updates] == ["Update 1"]
    assert decision.state.content_hash == 78

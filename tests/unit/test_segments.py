"""Update markers: the styles newsrooms write, and ordinary sentences that only look like them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.model import Segment
from bot.pipeline.segments import find_marker, split_segments

MARKERS = [
    # (paragraph as published, marker as written, the text after it)
    ("Update (1713 EST): Gunfire was heard near the bridge.", "Update (1713 EST)",
     "Gunfire was heard near the bridge."),
    ("UPDATE 5:15 p.m.: The mayor has left the building.", "UPDATE 5:15 p.m.",
     "The mayor has left the building."),
    ("Updated at 14:05 GMT", "Updated at 14:05 GMT", ""),
    ("Updated at 14:05 GMT: Trains are running again.", "Updated at 14:05 GMT",
     "Trains are running again."),
    ("Update, 14:05: Roads reopened in the north.", "Update, 14:05",
     "Roads reopened in the north."),
    ("[14:05] Roads reopened in the north.", "[14:05]", "Roads reopened in the north."),
    ("(14:05) Roads reopened in the north.", "(14:05)", "Roads reopened in the north."),
    ("[1713 EST] Sirens again.", "[1713 EST]", "Sirens again."),
    ("14:05 BST — Roads reopened in the north.", "14:05 BST", "Roads reopened in the north."),
    ("14:05 - Roads reopened in the north.", "14:05", "Roads reopened in the north."),
    ("14:05", "14:05", ""),
    ("1713 EST – Police confirm two arrests.", "1713 EST", "Police confirm two arrests."),
    ("17:13 local time: Police confirm two arrests.", "17:13 local time",
     "Police confirm two arrests."),
    ("14:05Z: Flights resume.", "14:05Z", "Flights resume."),
    ("14:05 UTC+2: Flights resume.", "14:05 UTC+2", "Flights resume."),
    ("5.15pm: Police say the march is over.", "5.15pm", "Police say the march is over."),
    ("09.30: The talks begin.", "09.30", "The talks begin."),
    ("Update 3: A third convoy arrived.", "Update 3", "A third convoy arrived."),
    ("Update #4 - A fourth convoy arrived.", "Update #4", "A fourth convoy arrived."),
    ("UPDATE: The airport is closed.", "UPDATE", "The airport is closed."),
    ("UPDATE — 5:15 p.m.: The airport is closed.", "UPDATE — 5:15 p.m.",
     "The airport is closed."),
    ("Update 5pm: The airport is closed.", "Update 5pm", "The airport is closed."),
    ("Updated 14:05 CET: Schools will stay shut.", "Updated 14:05 CET",
     "Schools will stay shut."),
    ("UPDATE 2 (14:05 GMT): Schools will stay shut.", "UPDATE 2 (14:05 GMT)",
     "Schools will stay shut."),
    ("update (1713 est): lower case is still a marker.", "update (1713 est)",
     "lower case is still a marker."),
    ("EDIT 2: Corrected the name of the minister.", "EDIT 2",
     "Corrected the name of the minister."),
    ("Edit: Added the statement.", "Edit", "Added the statement."),
    ("Breaking: Explosion reported at the port.", "Breaking", "Explosion reported at the port."),
    ("BREAKING NEWS | Explosion reported at the port.", "BREAKING NEWS",
     "Explosion reported at the port."),
    ("Update (1520 EST):", "Update (1520 EST)", ""),
    ("   Update 3:   Spaces around are trimmed.  ", "Update 3", "Spaces around are trimmed."),
]

NOT_MARKERS = [
    "14 people died in the flooding.",
    "Update your browser to see this content.",
    "Updated guidance was issued on Tuesday.",
    "Updates to follow.",
    "Updated 3 hours ago",
    "Update",
    "Breaking the silence, the minister spoke.",
    "Breaking news about the weather is rare.",
    "Edited by the night desk",
    "Editor's note: this story was corrected.",
    "2024: a year of protests.",
    "1713 was the year the treaty was signed.",
    "9.30: an odd decimal",
    "12:30 is when the convoy left.",
    "10:00-12:00 closures on the ring road.",
    "3:1 vote: the council approved it.",
    "5 armed men were arrested.",
    "Update-to-date figures are not available.",
    "The update (1713 EST): in the middle does not count.",
    "He said: Update (1713 EST) came late.",
    "25:61 - not a time",
]


@pytest.mark.parametrize(("paragraph", "marker", "rest"), MARKERS)
def test_marker_styles_are_recognised(paragraph: str, marker: str, rest: str) -> None:
    assert find_marker(paragraph) == (marker, rest)


@pytest.mark.parametrize("paragraph", NOT_MARKERS)
def test_ordinary_sentences_are_not_markers(paragraph: str) -> None:
    assert find_marker(paragraph) is None


def test_unmarked_text_before_the_first_marker_is_one_segment() -> None:
    assert split_segments(["Intro one.", "Intro two.", "Update 1: First.", "More."]) == (
        Segment(None, ("Intro one.", "Intro two.")),
        Segment("Update 1", ("First.", "More.")),
    )


def test_a_marker_with_nothing_after_it_is_an_empty_segment_until_the_next_marker() -> None:
    paragraphs = ["Update (1530 EST): Newer.", "Update (1520 EST):", "", "Update (1517 EST): Old."]
    assert split_segments(paragraphs) == (
        Segment("Update (1530 EST)", ("Newer.",)),
        Segment("Update (1520 EST)", ()),
        Segment("Update (1517 EST)", ("Old.",)),
    )


def test_a_marker_alone_in_its_paragraph_takes_the_paragraphs_below_it() -> None:
    assert split_segments(["14:05", "Shops are closing early.", "Buses stopped."]) == (
        Segment("14:05", ("Shops are closing early.", "Buses stopped.")),
    )


def test_text_without_markers_is_one_unmarked_segment_and_blank_paragraphs_go() -> None:
    assert split_segments(["  One.  ", "", "   ", "Two."]) == (Segment(None, ("One.", "Two.")),)


def test_nothing_gives_no_segments() -> None:
    assert split_segments([]) == ()
    assert split_segments(["", "  \n "]) == ()


@given(st.lists(st.text(max_size=60), max_size=12))
def test_split_never_loses_or_invents_a_paragraph(paragraphs: list[str]) -> None:
    segments = split_segments(paragraphs)
    markers = [find_marker(p) for p in paragraphs if p.strip()]
    # every marker paragraph opens exactly one segment, in order
    assert [s.marker for s in segments if s.marker is not None] == [
        m[0] for m in markers if m is not None
    ]
    # every other non-blank paragraph, and every marker's own text, is kept in order
    expected = [
        (p.strip() if m is None else m[1])
        for p, m in zip([p for p in paragraphs if p.strip()], markers, strict=True)
    ]
    assert [p for s in segments for p in s.paragraphs] == [t for t in expected if t]
    assert all(s.marker is not None for s in segments[1:])

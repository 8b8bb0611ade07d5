"""The demo's news, written for this project (the events and names are illustrative).

A developing story in the style news sites use for fast events: one article, a new
"Update (HHMM CET): …" paragraph added on top as the day goes on, the original report below, and a
trailer of related links that the site rewrites at will.
"""

from __future__ import annotations

from dataclasses import dataclass

STORY_TITLE = "Northern Kosovo crossings shut as road blockades spread"
STORY_LINK = "http://newsdesk.example/balkans/northern-kosovo-crossings-shut"

BODY = (
    "Kosovo Police closed the Jarinje and Brnjak crossings overnight after protesters parked "
    "lorries across the roads leading to the administrative line near Leposavic.",
    "Local residents said the blockades began after a dispute over vehicle registration rules "
    "that take effect at the start of next month.",
    "Serbia's defence ministry said it was following the situation closely and had raised the "
    "readiness of units stationed near the line.",
    "This story is developing and will be updated.",
)

TRAILER = ("More from the Balkans desk", "Regional elections: what to watch next week")
TRAILER_REWRITTEN = ("More from the Balkans desk", "Five things to know about the EU talks")


@dataclass(frozen=True)
class Step:
    """One moment of the demo: what changed at the source, shown before the poll."""

    clock: str
    caption: str
    #: the story's update paragraphs, newest first, as they stand at this moment
    updates: tuple[str, ...]
    trailer: tuple[str, ...] = TRAILER
    #: the other region's feed gains its second entry from this step on
    middle_east_grows: bool = False


_U0930 = ("Update (0930 CET): Serbian President Vucic will address the nation at noon, "
          "his office said.")
_U1005 = ("Update (1005 CET): Long queues of lorries have formed at the closed crossing in "
          "Jarinje; police say it will stay shut until further notice.")
_U1040_EMPTY = "Update (1040 CET):"
_U1040 = ("Update (1040 CET): Gunfire was heard near the main bridge over the Ibar in Mitrovica "
          "and two police officers were wounded, Kosovo Police said.")
_U1215 = ("Update (1215 CET): NATO peacekeepers have taken over patrols at both crossings, "
          "a KFOR spokesperson said.")
_U1430 = ("Update (1430 CET): Tensions eased in the afternoon after both governments agreed to "
          "talks in Brussels; no further incidents were reported.")
# The same update after an editor fixed a typo and a comma: not news.
_U1215_EDITED = ("Update (1215 CET): NATO peacekeepers have taken over patrols at both crossings, "
                 "a KFOR spokesman said.")

STEPS = (
    Step("09:00", "first poll of every source: the bot records what is there, says nothing", ()),
    Step("09:30", "the story gains its first update", (_U0930,)),
    Step("10:05", "a second update on top", (_U1005, _U0930)),
    Step("10:40", "an empty marker appears (the editor is still typing)",
         (_U1040_EMPTY, _U1005, _U0930)),
    Step("10:45", "text appears under the marker: shots and wounded officers",
         (_U1040, _U1005, _U0930), middle_east_grows=True),
    Step("12:15", "peacekeepers step in", (_U1215, _U1040, _U1005, _U0930)),
    Step("12:20", "a typo fix and a rewritten trailer: editing is not news",
         (_U1215_EDITED, _U1040, _U1005, _U0930), trailer=TRAILER_REWRITTEN),
    Step("14:30", "tensions ease", (_U1430, _U1215_EDITED, _U1040, _U1005, _U0930),
         trailer=TRAILER_REWRITTEN),
)

MIDDLE_EAST_FIRST = (
    "gulf-1",
    "Shipping insurers raise rates for Red Sea routes",
    "Insurers in London raised premiums for vessels crossing the Red Sea after a week of "
    "warnings to shipping near Yemen.",
)
MIDDLE_EAST_SECOND = (
    "levant-7",
    "Rockets fired from southern Lebanon, Israeli army says",
    "Sirens sounded across northern Israel after rockets were fired from southern Lebanon; "
    "the Israeli army said it struck the launch sites in response.",
)

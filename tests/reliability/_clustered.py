"""Clustered reports for the crash tests of events (issue 14): three events, each told by the
same five outlets in their own words, written for these tests. Each outlet's feed carries its
reports of every event; the bot folds them into one alert per event and channel, edited to
name the other four.
"""

from __future__ import annotations

from html import escape

from tests.e2e._depot_fire import REPORTS as DEPOT_FIRE

SOURCES = ("wire", "daily", "radio", "agency", "gazette")
NAMES = {"wire": "Wire", "daily": "Daily", "radio": "Radio", "agency": "Agency",
         "gazette": "Gazette"}

LANDSLIDE = (
    ("Landslide cuts road between Prizren and Pristina",
     "A landslide buried the main road between Prizren and Pristina near Dulje pass overnight; "
     "nobody was injured, Kosovo police said, and traffic is being sent through Suhareka."),
    ("Dulje pass closed by landslide, traffic diverted via Suhareka",
     "Kosovo police closed the road over the Dulje pass after a landslide covered it overnight; "
     "nobody was injured and drivers are diverted through Suhareka."),
    ("Road over Dulje pass buried by overnight landslide",
     "Earth and rock slid onto the Prizren-Pristina road at the Dulje pass during the night, "
     "police in Kosovo said; there were no injuries and cars go via Suhareka."),
    ("Kosovo: landslide blocks Prizren road at Dulje",
     "The Prizren to Pristina road is blocked at the Dulje pass by a landslide, Kosovo police "
     "reported. No injuries. Traffic is diverted through Suhareka."),
    ("Landslide shuts Dulje pass on the Prizren highway",
     "A landslide shut the Dulje pass on the road from Prizren to Pristina overnight, according "
     "to Kosovo police; there were no injuries and a detour runs via Suhareka."),
)

POWER_CUT = (
    ("Power cut leaves northern Mitrovica in the dark",
     "Electricity went off across northern Mitrovica on Sunday evening after a fault at a "
     "substation, the grid operator KOSTT said; crews expect to restore supply by midnight."),
    ("Blackout across northern Mitrovica after substation fault",
     "A substation fault cut electricity across northern Mitrovica on Sunday evening, "
     "KOSTT said, adding that supply should be back by midnight."),
    ("KOSTT: substation fault cuts power in northern Mitrovica",
     "Grid operator KOSTT said a fault at a substation had left northern Mitrovica without "
     "electricity since Sunday evening; repairs should end by midnight."),
    ("Northern Mitrovica without electricity after fault",
     "Homes across northern Mitrovica lost power on Sunday evening when a substation failed, "
     "according to KOSTT, which hopes to restore electricity by midnight."),
    ("Northern Mitrovica hit by evening power outage",
     "An evening outage left northern Mitrovica without electricity after a substation "
     "fault, KOSTT said; the operator expects power back before midnight."),
)

#: each event's five reports, one per source in SOURCES' order: (title, text)
EVENTS: tuple[tuple[tuple[str, str], ...], ...] = (
    tuple((title, text) for _, title, text in DEPOT_FIRE),
    LANDSLIDE,
    POWER_CUT,
)


def outlet_feed(source_index: int, events: int) -> bytes:
    """The RSS feed of one outlet carrying its report of each of the first ``events`` events."""
    source = SOURCES[source_index]
    items = "".join(
        f'<item><guid isPermaLink="false">{source}-{e}</guid>'
        f"<title>{escape(EVENTS[e][source_index][0])}</title>"
        f"<link>http://{source}.example/{e}</link>"
        f"<description>{escape(EVENTS[e][source_index][1])}</description></item>"
        for e in reversed(range(events))
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{NAMES[source]}</title><link>http://{source}.example/</link>"
        f"<description>{NAMES[source]}</description>{items}</channel></rss>"
    ).encode()

"""One event told by six outlets, written for the event tests: a fire at a fuel depot outside
Pristina. The first five say the same thing in their own words (four workers hurt); the sixth
brings deaths, more injured and a critical severity: an escalation.

Each is (source id, title, text), in the order they are published, minutes apart.
"""

from __future__ import annotations

REPORTS: tuple[tuple[str, str, str], ...] = (
    ("wire", "Fire at fuel depot near Pristina, four workers hurt",
     "A fire broke out at a fuel storage depot on the northern edge of Pristina on Sunday "
     "morning, and four workers were treated for burns, Kosovo police said. Firefighters were "
     "still at the depot."),
    ("daily", "Pristina fuel depot fire: four workers hurt",
     "Four workers were treated for burns after a fire at a fuel depot on the outskirts of "
     "Pristina, according to Kosovo police. Fire crews are still at the depot."),
    ("radio", "Four workers hurt in fire at Pristina fuel depot",
     "Police in Kosovo say four workers were treated for burns after fire broke out at a fuel "
     "storage depot just north of Pristina this morning; firefighters remain at the depot."),
    ("agency", "Kosovo: fire at Pristina fuel storage depot, 4 hurt",
     "Kosovo police reported a fire at a fuel storage depot north of Pristina. Four workers "
     "were treated for burns. The fire brigade is at the depot."),
    ("gazette", "Fuel depot fire on the northern edge of Pristina",
     "Fire hit a fuel depot on the northern outskirts of Pristina on Sunday, police in Kosovo "
     "said; four workers were treated for burns."),
)

ESCALATION: tuple[str, str, str] = (
    "bulletin", "Pristina fuel depot fire: three killed as tanks explode",
    "Three people were killed and 11 injured when fuel tanks exploded during the fire at the "
    "depot north of Pristina, Kosovo police said; a state of emergency was declared as the "
    "fire spread.",
)

#: the source names the channel sees, by source id
NAMES = {"wire": "Wire", "daily": "Daily", "radio": "Radio", "agency": "Agency",
         "gazette": "Gazette", "bulletin": "Bulletin"}

"""Split an article's paragraphs into segments at update markers ("Update (1713 EST): ...").

A developing story grows by paragraphs that open with a marker, in the styles newsrooms use:
"Update (1713 EST): …", "UPDATE 5:15 p.m.: …", "Updated at 14:05 GMT", "[14:05] …",
"14:05 BST — …", "Update 3: …", "EDIT 2: …", "Breaking: …". A marker only counts at the start of
a paragraph and only when it is clearly a label: a keyword must be followed by a separator (":",
a dash, "|") or by a time or number, and a bare time must look like a clock (14:05, 5.15pm,
1713 EST) and be followed by a separator. So "14 people died", "Update your browser" and
"2024: a year of protests" are ordinary paragraphs.

Pure: no I/O, the regexes are compiled once at import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.model import Segment

# -- building blocks (verbose regex fragments) ---------------------------------------------------

_AMPM = r"(?:[ap]\.?\s?m\b\.?)"
_HOUR24 = r"(?:[01]?\d|2[0-3])"
_MINUTE = r"[0-5]\d"
#: a clock time as written after an update keyword, where even "1713" is unambiguous
_TIME_AFTER_KEYWORD = rf"""
    (?:
        {_HOUR24}[:.h]{_MINUTE}(?:\s*{_AMPM})?      # 17:13, 5.15pm, 14h05
      | (?:[01]\d|2[0-3]){_MINUTE}(?!\d)             # 1713 (military)
      | (?:0?[1-9]|1[0-2])\s*{_AMPM}                 # 5pm, 5 p.m.
    )
"""
#: time zones as datelines write them; upper case only, so ordinary words never pass for one
_ZONE = r"""
    (?:
        (?-i:
            (?:UTC|GMT)(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?
          | CEST|CET|EEST|EET|WEST|WET|BST|IST|MSK|TRT|EAT|CAT|WAT|SAST
          | AKST|AKDT|HST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AST|ADT|NST|NDT
          | ET|CT|MT|PT|JST|KST|HKT|SGT|PHT|ICT|WIB|PKT|GST|IDT|IRST|AFT
          | AEST|AEDT|ACST|ACDT|AWST|NZST|NZDT|Z
        )\b
      | local(?:\s+time)?\b
    )
"""
#: the separator between a marker and its text; a hyphen needs a space after it so that
#: "14:05-15:00" and "Update-to-date" are not markers
_SEPARATOR = r"(?:[:：|—–]|-(?=\s|$))"

_KEYWORD_MARKER = re.compile(
    rf"""
    ^(?P<marker>
        (?:updated?|edit(?:ed)?|breaking(?:\s+news)?)
        (?P<detail>
            (?:\s*(?:\#|no\.?\s*)?\d{{1,3}}(?!\d|[:.]\d))?               # Update 3, Update #3
            (?:[\s,—–-]*(?:at\s+)?{_TIME_AFTER_KEYWORD}(?:\s*{_ZONE})?)?  # Update, 14:05 GMT
            (?:\s*\([^()]{{1,40}}\))?                                    # Update (1713 EST)
        )
    )
    \s*(?:(?P<sep>{_SEPARATOR})\s*|$)
    """,
    re.IGNORECASE | re.VERBOSE,
)

#: a bare time with no keyword must look like a clock: colon, or dot with two-digit hour,
#: or am/pm; four digits only with a zone ("1713 EST")
_BARE_TIME = rf"""
    (?:
        (?:{_HOUR24}:{_MINUTE}|(?:[01]\d|2[0-3])\.{_MINUTE})(?:\s*{_AMPM})?(?:\s*{_ZONE})?
      | (?:0?[1-9]|1[0-2])[:.]{_MINUTE}\s*{_AMPM}(?:\s*{_ZONE})?
      | (?:0?[1-9]|1[0-2])\s*{_AMPM}(?:\s*{_ZONE})?
      | (?:[01]\d|2[0-3]){_MINUTE}\s*{_ZONE}
    )
"""

_TIME_MARKER = re.compile(
    rf"""
    ^(?:
        (?P<bracketed>[\[(]\s*{_BARE_TIME}\s*[\])])\s*(?:{_SEPARATOR}\s*)?   # [14:05] text
      | (?P<bare>{_BARE_TIME})\s*(?:{_SEPARATOR}\s*|$)                    # 14:05 BST — text
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)


def find_marker(paragraph: str) -> tuple[str, str] | None:
    """(marker as written, the rest of the paragraph) when the paragraph opens with a marker."""
    text = paragraph.strip()
    match = _KEYWORD_MARKER.match(text)
    if match is not None:
        # A lone keyword is a marker only with a separator ("UPDATE:"); "Update" alone may be a
        # heading or a button label, while "Update 3" or "Updated at 14:05 GMT" alone are not.
        if match["sep"] is None and not match["detail"].strip():
            return None
        return match["marker"].strip(), text[match.end() :].strip()
    match = _TIME_MARKER.match(text)
    if match is not None:
        marker = match["bracketed"] or match["bare"]
        return marker.strip(), text[match.end() :].strip()
    return None


def split_segments(paragraphs: Sequence[str]) -> tuple[Segment, ...]:
    """The paragraphs, in document order, grouped into segments at update markers.

    Unmarked paragraphs before the first marker form one segment with marker None; every other
    paragraph belongs to the marker above it. A marker with nothing under it yet ("Update (1520
    EST):") is a segment with no paragraphs. Blank paragraphs are dropped.
    """
    segments: list[Segment] = []
    marker: str | None = None
    current: list[str] = []
    for paragraph in paragraphs:
        text = paragraph.strip()
        if not text:
            continue
        found = find_marker(text)
        if found is None:
            current.append(text)
            continue
        if marker is not None or current:
            segments.append(Segment(marker, tuple(current)))
        marker, rest = found
        current = [rest] if rest else []
    if marker is not None or current:
        segments.append(Segment(marker, tuple(current)))
    return tuple(segments)

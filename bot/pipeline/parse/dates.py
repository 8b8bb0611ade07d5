"""A date as a feed writes it → a timezone-aware UTC datetime, or None when it is not a date.

The spellings nearly every feed uses are read here directly (ISO 8601 for Atom, JSON Feed and
schema.org; RFC 822 for RSS); every other one goes to feedparser's date handlers, which know
the odd formats real feeds use, through feedparser's public ``parse``.
"""

from __future__ import annotations

import functools
import io
import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from xml.sax.saxutils import escape

import feedparser


def read(text: str | None) -> datetime | None:
    """A timezone-aware UTC datetime, or None for anything that cannot be read as a date."""
    if not text or not (text := text.strip()):
        return None
    if text[0].isdigit():  # a weekday name first ("Tue, ...") is never ISO 8601
        try:
            return utc(datetime.fromisoformat(text))  # Atom, JSON Feed, schema.org
        except ValueError:
            pass
    rfc822 = _RFC822.fullmatch(text)
    if rfc822 is not None:
        try:
            return _rfc822(rfc822)
        except (ValueError, OverflowError):
            pass  # e.g. 31 Feb: the long way below decides, as it always did
    try:
        return utc(parsedate_to_datetime(text))  # RSS (RFC 822) in its other spellings
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    return _by_feedparser(text)


# RFC 822 as nearly every RSS feed writes it ("Tue, 04 Mar 2025 17:13:00 GMT", "... -0500"),
# read directly: email.utils takes five times as long and was a fifth of reading a feed.
_RFC822 = re.compile(
    r"(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"\s+(?:GMT|UTC|UT|Z|([+-]\d{2})(\d{2}))"
)
_MONTHS = {
    name: number for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def _rfc822(found: re.Match[str]) -> datetime | None:
    day, month_name, year, hour, minute, second, zone_hours, zone_minutes = found.groups()
    month = _MONTHS.get(month_name.lower())
    if month is None or year < "0100":  # email.utils reads "0024" as 2024: leave those to it
        raise ValueError(f"{month_name} {year}")
    when = datetime(
        int(year), month, int(day), int(hour), int(minute), int(second or 0), tzinfo=UTC
    )
    if zone_hours is None or (zone_hours[1:] == "00" and zone_minutes == "00"):
        return when
    sign = -1 if zone_hours[0] == "-" else 1
    offset = timezone(sign * timedelta(hours=int(zone_hours[1:]), minutes=int(zone_minutes)))
    return utc(when.replace(tzinfo=offset))


# feedparser offers its date handlers (W3DTF variants, asctime, Korean, Greek and Hungarian
# spellings, time-zone names) only through parse: its datetimes module is private and any
# release may move it. So the date is handed over inside the smallest RSS item. That costs about
# a millisecond where the private call took 40 us, for the few dates none of the spellings above
# reads; the same odd date comes back on every poll of its feed, hence the cache (the function
# is pure).
_ONE_ITEM = "<rss version='2.0'><channel><item><pubDate>{}</pubDate></item></channel></rss>"


@functools.lru_cache(maxsize=1024)
def _by_feedparser(text: str) -> datetime | None:
    document = _ONE_ITEM.format(escape(text)).encode("utf-8", "surrogatepass")
    try:
        entries = feedparser.parse(
            io.BytesIO(document), sanitize_html=False, resolve_relative_uris=False
        ).entries
        # dict.get: feedparser's own get() maps a missing key to another, with a warning.
        return from_struct(dict.get(entries[0], "published_parsed")) if entries else None
    except Exception:  # third-party code on hostile input: any failure means "no date"
        return None


def from_struct(parsed: Any) -> datetime | None:
    """feedparser's dates: a ``time.struct_time`` already in UTC, or None."""
    if not parsed:
        return None
    year, month, day, hour, minute, second = parsed[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def utc(value: datetime) -> datetime | None:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # a date without a zone is taken as UTC
    try:
        return value.astimezone(UTC)
    except (OverflowError, ValueError):  # year 1 or 9999 pushed past the range by the offset
        return None

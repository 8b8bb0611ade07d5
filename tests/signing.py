"""An update signed as the poll signs it, for the tests of the event decision."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.events import Signature, sign
from bot.pipeline.match import Matcher

#: the time of the first report of a test's scene; the others are minutes after it
T0 = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)


def signed(matcher: Matcher, title: str, text: str = "", *, lang: str = "en",
           minutes: float = 0) -> Signature:
    match = matcher.match(text, title, language=lang)
    return sign(title, text, match, language=lang, at=T0 + timedelta(minutes=minutes))

"""Feed dates: RFC 822 (RSS) is read directly in its common spellings; it must agree with
email.utils, which reads every other spelling."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.pipeline.parse.dates import read as read_date

OFFSETS = st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(9998, 1, 1)), OFFSETS)
def test_rfc822_dates_give_the_same_instant_as_email_utils(when: datetime, zone: timezone) -> None:
    when = when.replace(microsecond=0, tzinfo=zone)
    text = format_datetime(when)  # "Tue, 04 Mar 2025 17:13:00 -0500"
    assert read_date(text) == when == parsedate_to_datetime(text)
    assert read_date(text.replace("+0000", "GMT")) == when


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue, 04 Mar 2025 17:13:00 GMT", datetime(2025, 3, 4, 17, 13, tzinfo=UTC)),
        ("4 mar 2025 7:03 +0530", datetime(2025, 3, 4, 1, 33, tzinfo=UTC)),
        ("Tue, 04 Mar 2025 17:13:00 -0000", datetime(2025, 3, 4, 17, 13, tzinfo=UTC)),
        ("Tue, 04 Mar 2025 17:13:00 EST", datetime(2025, 3, 4, 22, 13, tzinfo=UTC)),
        ("Tue, 04 Mar 24 17:13:00 GMT", datetime(2024, 3, 4, 17, 13, tzinfo=UTC)),
        ("Mon, 01 Jan 0024 10:00:00 GMT", datetime(2024, 1, 1, 10, 0, tzinfo=UTC)),
        ("Tue, 31 Feb 2025 17:13:00 GMT", None),
        ("Tue, 04 Mar 2025 17:13:00 +2400", datetime(2025, 3, 3, 17, 13, tzinfo=UTC)),
        ("Tue, 04 Bob 2025 17:13:00 GMT", None),
        ("2025-03-04T17:13:00-05:00", datetime(2025, 3, 4, 22, 13, tzinfo=UTC)),
    ],
)
def test_odd_spellings_go_the_long_way(text: str, expected: datetime | None) -> None:
    assert read_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # feedparser's handlers know spellings no standard library reader does
        ("Κυρ, 11 Ιούλ 2004 12:00:00 EST", datetime(2004, 7, 11, 17, 0, tzinfo=UTC)),
        ("2004-07-11T12:00:00.5 -0500", datetime(2004, 7, 11, 17, 0, tzinfo=UTC)),
        ("2004-07", datetime(2004, 7, 1, tzinfo=UTC)),  # W3DTF allows a month alone
        ("11 <b>July</b> & 2004", None),  # text that would be markup reaches it as text
    ],
)
def test_spellings_only_feedparser_reads_go_through_its_public_parse(
    text: str, expected: datetime | None
) -> None:
    assert read_date(text) == expected


def test_no_module_reaches_into_feedparser_privately() -> None:
    # A release may move anything private, as feedparser.datetimes._parse_date could.
    bot = Path(__file__).resolve().parents[2] / "bot"
    private = re.compile(r"from feedparser\.|feedparser(?:\.\w+)*\._|_parse_date")
    found = [
        f"{path.relative_to(bot)}:{number}"
        for path in sorted(bot.rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if private.search(line)
    ]
    assert found == []

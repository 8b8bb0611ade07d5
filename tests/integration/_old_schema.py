"""An earlier alertbot's writes, in plain SQL that every schema version accepts.

Today's Store speaks today's schema only (the fan-out reads ``follows``, which version 5
added), so the tests that carry data across migrations write the older bot's rows themselves:
the columns of version 1, which later versions kept.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

from bot.store._base import to_db


@contextlib.contextmanager
def old_database(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection to ``path``, committed on leaving."""
    with contextlib.closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("PRAGMA foreign_keys = ON")
        yield raw


def add_source(
    raw: sqlite3.Connection, source_id: str, now: datetime, *, url: str | None = None,
    name: str | None = None, interval: int = 300, removed: bool = False,
) -> None:
    raw.execute(
        "INSERT INTO sources (id, url, name, interval, language, enabled, removed_at, added_at,"
        " next_poll_at) VALUES (?, ?, ?, ?, 'en', ?, ?, ?, ?)",
        (source_id, url or f"https://news.example/{source_id}.xml",
         name or source_id.title(), interval, int(not removed),
         to_db(now) if removed else None, to_db(now), to_db(now)),
    )
    has_follows = raw.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'follows'").fetchone()
    if has_follows and not removed:
        # From version 5 on, a configured source is the operator's follow, as sync wrote it.
        raw.execute(
            "INSERT INTO follows (source, guild_id, from_config, name, interval, language,"
            " enabled, added_at) VALUES (?, NULL, 1, ?, ?, 'en', 1, ?)",
            (source_id, name or source_id.title(), interval, to_db(now)),
        )


def add_update(
    raw: sqlite3.Connection, source_id: str, key: str, now: datetime, *,
    title: str = "Border clashes", text: str = "Gunfire was heard in Northern Kosovo.",
    regions: Sequence[str] = ("kosovo", "balkans", "europe"), severity: int = 3,
) -> int:
    match = {"regions": list(regions), "hits": [{"region": regions[0], "terms": ["Kosovo"]}],
             "severity": ["", "low", "medium", "high", "critical"][severity], "reasons": []}
    cursor = raw.execute(
        "INSERT INTO updates (source, key, entry_key, kind, title, text, link, marker,"
        " published, seen_at, severity, match) VALUES (?, ?, ?, 'entry', ?, ?, NULL, NULL,"
        " NULL, ?, ?, ?)",
        (source_id, key, key, title, text, to_db(now), severity, json.dumps(match)),
    )
    assert cursor.lastrowid is not None
    raw.executemany("INSERT INTO update_regions (update_id, region) VALUES (?, ?)",
                    [(cursor.lastrowid, r) for r in regions])
    return cursor.lastrowid


def add_subscription(
    raw: sqlite3.Connection, guild_id: int, channel_id: int, region: str, now: datetime
) -> int:
    cursor = raw.execute(
        "INSERT INTO subscriptions (guild_id, channel_id, region, min_severity, filter,"
        " ping_role_id, ping_severity, publish, created_at)"
        " VALUES (?, ?, ?, 1, '', NULL, 4, 0, ?)",
        (guild_id, channel_id, region, to_db(now)),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def add_delivery(
    raw: sqlite3.Connection, update_id: int, subscription_id: int, now: datetime,
    *, state: str = "pending",
) -> int:
    guild_id, channel_id = raw.execute(
        "SELECT guild_id, channel_id FROM subscriptions WHERE id = ?", (subscription_id,)
    ).fetchone()
    cursor = raw.execute(
        "INSERT INTO deliveries (update_id, subscription_id, guild_id, channel_id, state,"
        " next_attempt_at, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (update_id, subscription_id, guild_id, channel_id, state, to_db(now), to_db(now),
         to_db(now) if state == "sent" else None),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def add_mute(raw: sqlite3.Connection, guild_id: int, source_id: str, now: datetime) -> None:
    raw.execute("INSERT INTO mutes (guild_id, source, until, reason, created_at)"
                " VALUES (?, ?, NULL, 'old', ?)", (guild_id, source_id, to_db(now)))

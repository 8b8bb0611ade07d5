"""An earlier alertbot's writes, in plain SQL that every schema version accepts, on either
engine.

Today's Store speaks today's schema only (the fan-out reads ``follows``, which version 5
added), so the tests that carry data across migrations write the older bot's rows themselves:
the columns of version 1, which later versions kept.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.store import _postgres, _sqlite
from bot.store._base import to_db
from bot.store._dialect import Raw


@contextlib.contextmanager
def old_database(database: str | Path) -> Iterator[Raw]:
    """A plain connection to ``database`` (a SQLite path or a PostgreSQL URL) outside the
    store, each statement committed as it runs."""
    raw: Raw
    if str(database).startswith("postgresql://"):
        raw = _postgres.connect(str(database), lock_timeout_ms=5000, read_only=False)
    else:
        raw = _sqlite.connect(str(database), uri=False)
        raw.execute("PRAGMA foreign_keys = ON")
    try:
        yield raw
    finally:
        raw.close()


def table_rows(database: str | Path, table: str, columns: Sequence[str]) -> list[tuple[Any, ...]]:
    """Every row of ``table`` in ``columns``, sorted in Python: the engines' collations need
    not agree on text. Bytes are bytes on both engines."""
    with old_database(database) as raw:
        rows = raw.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
    return sorted((tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in rows),
                  key=repr)


def add_source(
    raw: Raw, source_id: str, now: datetime, *, url: str | None = None,
    name: str | None = None, interval: int = 300, removed: bool = False,
) -> None:
    raw.execute(
        "INSERT INTO sources (id, url, name, interval, language, enabled, removed_at, added_at,"
        " next_poll_at) VALUES (?, ?, ?, ?, 'en', ?, ?, ?, ?)",
        (source_id, url or f"https://news.example/{source_id}.xml",
         name or source_id.title(), interval, int(not removed),
         to_db(now) if removed else None, to_db(now), to_db(now)),
    )
    if raw.dialect.columns(raw, "follows") and not removed:
        # From version 5 on, a configured source is the operator's follow, as sync wrote it.
        raw.execute(
            "INSERT INTO follows (source, guild_id, from_config, name, interval, language,"
            " enabled, added_at) VALUES (?, NULL, 1, ?, ?, 'en', 1, ?)",
            (source_id, name or source_id.title(), interval, to_db(now)),
        )


def add_update(
    raw: Raw, source_id: str, key: str, now: datetime, *,
    title: str = "Border clashes", text: str = "Gunfire was heard in Northern Kosovo.",
    regions: Sequence[str] = ("kosovo", "balkans", "europe"), severity: int = 3,
) -> int:
    match = {"regions": list(regions), "hits": [{"region": regions[0], "terms": ["Kosovo"]}],
             "severity": ["", "low", "medium", "high", "critical"][severity], "reasons": []}
    cursor = raw.execute(
        "INSERT INTO updates (source, key, entry_key, kind, title, text, link, marker,"
        " published, seen_at, severity, match) VALUES (?, ?, ?, 'entry', ?, ?, NULL, NULL,"
        " NULL, ?, ?, ?) RETURNING id",
        (source_id, key, key, title, text, to_db(now), severity, json.dumps(match)),
    )
    update_id = int(cursor.fetchone()[0])
    raw.executemany("INSERT INTO update_regions (update_id, region) VALUES (?, ?)",
                    [(update_id, r) for r in regions])
    return update_id


def add_subscription(
    raw: Raw, guild_id: int, channel_id: int, region: str, now: datetime
) -> int:
    cursor = raw.execute(
        "INSERT INTO subscriptions (guild_id, channel_id, region, min_severity, filter,"
        " ping_role_id, ping_severity, publish, created_at)"
        " VALUES (?, ?, ?, 1, '', NULL, 4, 0, ?) RETURNING id",
        (guild_id, channel_id, region, to_db(now)),
    )
    return int(cursor.fetchone()[0])


def add_delivery(
    raw: Raw, update_id: int, subscription_id: int, now: datetime,
    *, state: str = "pending",
) -> int:
    guild_id, channel_id = raw.execute(
        "SELECT guild_id, channel_id FROM subscriptions WHERE id = ?", (subscription_id,)
    ).fetchone()
    cursor = raw.execute(
        "INSERT INTO deliveries (update_id, subscription_id, guild_id, channel_id, state,"
        " next_attempt_at, created_at, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (update_id, subscription_id, guild_id, channel_id, state, to_db(now), to_db(now),
         to_db(now) if state == "sent" else None),
    )
    return int(cursor.fetchone()[0])


def add_mute(raw: Raw, guild_id: int, source_id: str, now: datetime) -> None:
    raw.execute("INSERT INTO mutes (guild_id, source, until, reason, created_at)"
                " VALUES (?, ?, NULL, 'old', ?)", (guild_id, source_id, to_db(now)))

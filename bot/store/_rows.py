"""Rows ↔ the model's frozen dataclasses. Column lists live here beside their readers."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from bot.model import (
    Delivery,
    Match,
    Mute,
    RegionHit,
    Severity,
    Source,
    SourceState,
    StoredUpdate,
    Subscription,
)
from bot.store._base import from_db, opt_from_db

SOURCE_STATE_COLUMNS = """
    s.id AS source_id, s.url, s.name, s.interval, s.language, s.enabled, s.etag,
    s.last_modified, s.body_hash, s.consecutive_failures, s.next_poll_at, s.last_polled_at,
    s.last_status, s.last_error, s.error_kind, s.redirected_url, s.disabled_reason,
    s.first_polled
"""


def source_state(row: sqlite3.Row) -> SourceState:
    source = Source(
        id=row["source_id"],
        url=row["url"],
        name=row["name"],
        interval=row["interval"],
        language=row["language"],
        enabled=bool(row["enabled"]),
    )
    return SourceState(
        source=source,
        etag=row["etag"],
        last_modified=row["last_modified"],
        body_hash=row["body_hash"],
        consecutive_failures=row["consecutive_failures"],
        next_poll_at=from_db(row["next_poll_at"]),
        last_polled_at=opt_from_db(row["last_polled_at"]),
        last_status=row["last_status"],
        last_error=row["last_error"],
        error_kind=row["error_kind"],
        redirected_url=row["redirected_url"],
        disabled_reason=row["disabled_reason"],
        first_polled=bool(row["first_polled"]),
    )


def match_json(match: Match) -> str:
    return json.dumps(
        {
            "regions": list(match.regions),
            "hits": [{"region": h.region, "terms": list(h.terms)} for h in match.hits],
            "severity": match.severity.label,
            "reasons": list(match.reasons),
        },
        ensure_ascii=False,
    )


def match_from_json(text: str) -> Match:
    data: dict[str, Any] = json.loads(text)
    return Match(
        regions=tuple(data["regions"]),
        hits=tuple(RegionHit(h["region"], tuple(h["terms"])) for h in data["hits"]),
        severity=Severity.parse(data["severity"]),
        reasons=tuple(data["reasons"]),
    )


#: an update with its source's name; ``u`` is updates, ``src`` is sources
UPDATE_COLUMNS = """
    u.id AS update_id, u.key AS update_key, u.source AS update_source,
    src.name AS source_name, u.entry_key, u.kind, u.title, u.text, u.link, u.marker,
    u.published, u.seen_at, u.match
"""


def stored_update(row: sqlite3.Row) -> StoredUpdate:
    return StoredUpdate(
        id=row["update_id"],
        key=row["update_key"],
        source=row["update_source"],
        source_name=row["source_name"],
        entry_key=row["entry_key"],
        kind=row["kind"],
        title=row["title"],
        text=row["text"],
        link=row["link"],
        marker=row["marker"],
        published=opt_from_db(row["published"]),
        seen_at=from_db(row["seen_at"]),
        match=match_from_json(row["match"]),
    )


#: ``sub`` is subscriptions
SUBSCRIPTION_COLUMNS = """
    sub.id AS sub_id, sub.guild_id AS sub_guild_id, sub.channel_id AS sub_channel_id,
    sub.region, sub.min_severity, sub.filter, sub.ping_role_id, sub.ping_severity, sub.publish,
    sub.paused_reason, sub.ping_set_by
"""

#: the same for statements that cannot alias the table (RETURNING)
SUBSCRIPTION_RETURNING = """
    id AS sub_id, guild_id AS sub_guild_id, channel_id AS sub_channel_id, region, min_severity,
    filter, ping_role_id, ping_severity, publish, paused_reason, ping_set_by
"""


def subscription(row: sqlite3.Row) -> Subscription:
    return Subscription(
        id=row["sub_id"],
        guild_id=row["sub_guild_id"],
        channel_id=row["sub_channel_id"],
        region=row["region"],
        min_severity=Severity(row["min_severity"]),
        filter=row["filter"],
        ping_role_id=row["ping_role_id"],
        ping_severity=Severity(row["ping_severity"]),
        publish=bool(row["publish"]),
        paused_reason=row["paused_reason"],
        ping_set_by=row["ping_set_by"],
    )


MUTE_COLUMNS = "guild_id, source, until, reason, created_by"


def mute(row: sqlite3.Row) -> Mute:
    return Mute(
        guild_id=row["guild_id"],
        source=row["source"],
        until=opt_from_db(row["until"]),
        reason=row["reason"],
        created_by=row["created_by"],
    )


DELIVERY_COLUMNS = f"""
    d.id AS delivery_id, d.channel_id, d.guild_id, d.attempts, d.created_at, d.nonce,
    d.last_attempt_at, {UPDATE_COLUMNS}, {SUBSCRIPTION_COLUMNS}
"""


def delivery(row: sqlite3.Row) -> Delivery:
    return Delivery(
        id=row["delivery_id"],
        update=stored_update(row),
        subscription=subscription(row),
        channel_id=row["channel_id"],
        guild_id=row["guild_id"],
        attempts=row["attempts"],
        created_at=from_db(row["created_at"]),
        nonce=row["nonce"],
        last_attempt_at=opt_from_db(row["last_attempt_at"]),
    )

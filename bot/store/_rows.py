"""Rows ↔ the model's frozen dataclasses. Column lists live here beside their readers."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from bot.model import (
    Delivery,
    Match,
    Mute,
    RegionHit,
    Severity,
    Source,
    SourceState,
    StoredUpdate,
    StoryMode,
    Subscription,
)
from bot.store._base import from_db, opt_from_db

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")


def record(
    cls: type[R],
    row: Any,
    *,
    renamed: Mapping[str, str] = {},
    converted: Mapping[str, Callable[[Any], Any]] = {},
    **given: Any,
) -> R:
    """The dataclass ``cls`` from ``row``: each field not ``given`` is read from the column of
    its name (or the one it is ``renamed`` to, where a join needs an alias), through its
    ``converted`` function if it has one (times, flags, enums)."""
    values = dict(given)
    for field in dataclasses.fields(cls):
        name = field.name
        if name not in values:
            value = row[renamed.get(name, name)]
            convert = converted.get(name)
            values[name] = value if convert is None else convert(value)
    return cls(**values)


SOURCE_STATE_COLUMNS = """
    s.id AS source_id, s.url, s.name, s.interval, s.language, s.enabled, s.etag,
    s.last_modified, s.body_hash, s.consecutive_failures, s.next_poll_at, s.last_polled_at,
    s.last_status, s.last_error, s.error_kind, s.redirected_url, s.disabled_reason,
    s.first_polled, EXISTS (
        SELECT 1 FROM follows f WHERE f.source = s.id AND f.guild_id IS NULL
        AND f.removed_at IS NULL
    ) AS operator
"""


def source_state(row: Any) -> SourceState:
    source = record(Source, row, renamed={"id": "source_id"},
                    converted={"enabled": bool, "operator": bool})
    return record(SourceState, row, source=source, converted={
        "next_poll_at": from_db, "last_polled_at": opt_from_db, "first_polled": bool,
    })


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
    u.published, u.seen_at, u.match, u.event_id AS event, u.escalation
"""


def stored_update(row: Any) -> StoredUpdate:
    return record(
        StoredUpdate, row,
        renamed={"id": "update_id", "key": "update_key", "source": "update_source"},
        converted={"published": opt_from_db, "seen_at": from_db, "match": match_from_json,
                   "escalation": _lines},
    )


def _lines(text: str | None) -> tuple[str, ...]:
    return () if text is None else tuple(json.loads(text))


#: ``sub`` is subscriptions
SUBSCRIPTION_COLUMNS = """
    sub.id AS sub_id, sub.guild_id AS sub_guild_id, sub.channel_id AS sub_channel_id,
    sub.region, sub.min_severity, sub.filter, sub.ping_role_id, sub.ping_severity, sub.publish,
    sub.paused_reason, sub.ping_set_by, sub.story
"""

#: the same for statements that cannot alias the table (RETURNING)
SUBSCRIPTION_RETURNING = """
    id AS sub_id, guild_id AS sub_guild_id, channel_id AS sub_channel_id, region, min_severity,
    filter, ping_role_id, ping_severity, publish, paused_reason, ping_set_by, story
"""


def subscription(row: Any) -> Subscription:
    return record(
        Subscription, row,
        renamed={"id": "sub_id", "guild_id": "sub_guild_id", "channel_id": "sub_channel_id"},
        converted={"min_severity": Severity, "ping_severity": Severity, "publish": bool,
                   "story": StoryMode},
    )


MUTE_COLUMNS = "guild_id, source, until, reason, created_by"


def mute(row: Any) -> Mute:
    return record(Mute, row, converted={"until": opt_from_db})


#: ``guild_source_name``: what the delivery's guild calls the source, when it follows it itself;
#: ``story_thread``: the thread opened on the story's alert
DELIVERY_COLUMNS = f"""
    d.id AS delivery_id, d.channel_id, d.guild_id, d.attempts, d.created_at, d.nonce,
    d.last_attempt_at, d.edits, d.story_alert, {UPDATE_COLUMNS}, {SUBSCRIPTION_COLUMNS},
    (SELECT f.name FROM follows f WHERE f.source = u.source AND f.guild_id = d.guild_id
     AND f.removed_at IS NULL) AS guild_source_name,
    (SELECT a.thread_id FROM deliveries a WHERE a.id = d.story_alert) AS story_thread
"""


def delivery(row: Any) -> Delivery:
    update = stored_update(row)
    if row["guild_source_name"] is not None:
        # A server sees its sources under the names it gave them.
        update = dataclasses.replace(update, source_name=row["guild_source_name"])
    return record(
        Delivery, row, update=update, subscription=subscription(row),
        renamed={"id": "delivery_id"},
        converted={"created_at": from_db, "last_attempt_at": opt_from_db},
    )

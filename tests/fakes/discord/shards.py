"""Sharding as Discord does it: which connection a guild's events go to, and which IDENTIFY
``shard`` values the gateway refuses.

A guild belongs to shard ``(guild_id >> 22) % shard_count`` (the id's timestamp modulo the
count); direct messages, which have no guild, go to shard 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Json = dict[str, Any]

INVALID_SHARD = 4010
SHARDING_REQUIRED = 4011

#: events whose ``id`` is the guild's own (every other guild event carries ``guild_id``)
_GUILD_ITSELF = frozenset({"GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE"})


@dataclass(frozen=True, slots=True)
class Shard:
    id: int = 0
    count: int = 1

    def owns(self, guild_id: int | None) -> bool:
        if guild_id is None:
            return self.id == 0
        return (guild_id >> 22) % self.count == self.id

    def to_json(self) -> list[int]:
        return [self.id, self.count]


class ShardRefused(Exception):
    """IDENTIFY asked for a shard the gateway will not give: close with ``code``."""

    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def identify_shard(value: object, *, required: int | None) -> Shard:
    """The shard an IDENTIFY's ``shard`` field asks for (absent: the only shard of one).

    ``required`` is the least shard count the fake accepts (Discord asks for sharding past
    2,500 guilds); None accepts any.
    """
    if value is None:
        shard = Shard()
    elif (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in value)
        and value[1] >= 1
        and 0 <= value[0] < value[1]
    ):
        shard = Shard(value[0], value[1])
    else:
        raise ShardRefused(INVALID_SHARD, "Invalid shard.")
    if required is not None and shard.count < required:
        raise ShardRefused(SHARDING_REQUIRED, "Sharding required.")
    return shard


def guild_of(event: str, data: Json) -> int | None:
    """The guild an event belongs to, or None for one outside any guild (a DM)."""
    raw = data.get("id") if event in _GUILD_ITSELF else data.get("guild_id")
    return int(raw) if raw is not None else None

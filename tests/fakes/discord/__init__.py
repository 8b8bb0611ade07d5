"""A fake Discord (REST v10 + gateway) for driving the real discord.py client in tests.

See ``tests/fakes/README.md`` for what it speaks and how to drive it.
"""

from . import permissions
from .faults import RateLimits
from .interactions import CommandNotRegistered, FakeInteraction, InvalidInvocation
from .rest import RecordedRequest
from .server import FakeDiscord, NotStarted
from .shards import INVALID_SHARD, SHARDING_REQUIRED, Shard
from .state import (
    ANNOUNCEMENT,
    PUBLIC_THREAD,
    TEXT,
    FakeAttachment,
    FakeChannel,
    FakeCommand,
    FakeGuild,
    FakeMember,
    FakeMessage,
    FakeRole,
    FakeUser,
)

__all__ = [
    "ANNOUNCEMENT",
    "INVALID_SHARD",
    "PUBLIC_THREAD",
    "SHARDING_REQUIRED",
    "TEXT",
    "CommandNotRegistered",
    "FakeAttachment",
    "FakeChannel",
    "FakeCommand",
    "FakeDiscord",
    "FakeGuild",
    "FakeInteraction",
    "FakeMember",
    "FakeMessage",
    "FakeRole",
    "FakeUser",
    "InvalidInvocation",
    "NotStarted",
    "RateLimits",
    "RecordedRequest",
    "Shard",
    "permissions",
]

"""Discord permission bits and the channel permission algorithm.

The order of application follows Discord's documented algorithm: base permissions from
@everyone and the member's roles, administrator short-circuits, then channel overwrites in
three layers (@everyone, the member's roles together, the member). Threads take their parent's
overwrites and use SEND_MESSAGES_IN_THREADS in place of SEND_MESSAGES.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

CREATE_INSTANT_INVITE = 1 << 0
KICK_MEMBERS = 1 << 1
BAN_MEMBERS = 1 << 2
ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
USE_EXTERNAL_EMOJIS = 1 << 18
CHANGE_NICKNAME = 1 << 26
MANAGE_ROLES = 1 << 28
USE_APPLICATION_COMMANDS = 1 << 31
CREATE_PUBLIC_THREADS = 1 << 35
SEND_MESSAGES_IN_THREADS = 1 << 38

#: Every bit Discord defines today (through 1 << 50); what an administrator effectively holds.
ALL = (1 << 51) - 1

#: Roughly what a new guild's @everyone role gets: members can read, talk and use commands.
DEFAULT_EVERYONE = (
    CREATE_INSTANT_INVITE
    | ADD_REACTIONS
    | VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | MENTION_EVERYONE
    | USE_EXTERNAL_EMOJIS
    | CHANGE_NICKNAME
    | USE_APPLICATION_COMMANDS
    | CREATE_PUBLIC_THREADS
    | SEND_MESSAGES_IN_THREADS
)

#: What a bot invited with a typical "send and embed" link gets on its managed role.
DEFAULT_BOT = (
    VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY | (SEND_MESSAGES_IN_THREADS)
)


@dataclass
class Overwrite:
    """One channel permission overwrite; kind 0 targets a role, 1 a member."""

    target_id: int
    kind: int
    allow: int = 0
    deny: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "id": str(self.target_id),
            "type": self.kind,
            "allow": str(self.allow),
            "deny": str(self.deny),
        }


def base_permissions(*, everyone: int, role_permissions: Iterable[int], is_owner: bool) -> int:
    """Guild-level permissions of a member, before any channel overwrite."""
    if is_owner:
        return ALL
    perms = everyone
    for role_perms in role_permissions:
        perms |= role_perms
    if perms & ADMINISTRATOR:
        return ALL
    return perms


def apply_overwrites(
    base: int,
    overwrites: Iterable[Overwrite],
    *,
    guild_id: int,
    role_ids: Iterable[int],
    member_id: int,
) -> int:
    """Channel-level permissions: @everyone, then all member roles at once, then the member."""
    if base & ADMINISTRATOR:
        return ALL
    by_target = {(o.kind, o.target_id): o for o in overwrites}
    perms = base
    everyone = by_target.get((0, guild_id))
    if everyone is not None:
        perms = (perms & ~everyone.deny) | everyone.allow
    allow = deny = 0
    for role_id in role_ids:
        role_ow = by_target.get((0, role_id))
        if role_ow is not None:
            allow |= role_ow.allow
            deny |= role_ow.deny
    perms = (perms & ~deny) | allow
    member_ow = by_target.get((1, member_id))
    if member_ow is not None:
        perms = (perms & ~member_ow.deny) | member_ow.allow
    # Without VIEW_CHANNEL nothing else in the channel is usable (Discord's implicit deny).
    if not perms & VIEW_CHANNEL:
        return 0
    return perms

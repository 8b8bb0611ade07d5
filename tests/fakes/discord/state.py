"""The fake's world: users, guilds, channels, roles, members, messages and commands.

Objects here are plain mutable records plus the builder methods tests call. Each knows how to
render itself as Discord JSON. Changes made after a client connected are announced through
``FakeState.announce`` so the gateway can dispatch the matching event (CHANNEL_CREATE, ...).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from . import permissions as perm

Json = dict[str, Any]

#: Discord snowflakes count milliseconds from the first second of 2015.
DISCORD_EPOCH_MS = 1_420_070_400_000
#: Floor for generated ids so every id has 19 digits even with a fake clock starting at 0.
_FIRST_ID = 1_100_000_000_000_000_000

TEXT, ANNOUNCEMENT, ANNOUNCEMENT_THREAD, PUBLIC_THREAD = 0, 5, 10, 11
#: the message type of a reply (a message with a message_reference)
REPLY = 19
#: message flag HAS_THREAD: a thread was started from this message
HAS_THREAD = 1 << 5
CHANNEL_TYPES = frozenset({TEXT, 2, 4, ANNOUNCEMENT, 10, PUBLIC_THREAD, 12, 15})
THREAD_TYPES = frozenset({10, PUBLIC_THREAD, 12})
_MESSAGE_CHANNELS = frozenset({TEXT, ANNOUNCEMENT, *THREAD_TYPES})


def iso(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).isoformat()


class Snowflakes:
    """Increasing ids shaped like Discord's: the clock in the high bits, a counter below."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._last = _FIRST_ID

    def __call__(self) -> int:
        from_clock = (int(self._clock() * 1000) - DISCORD_EPOCH_MS) << 22
        self._last = max(self._last + 1, from_clock)
        return self._last

    def on_shard(self, shard_id: int, shard_count: int) -> int:
        """An id that Discord routes to ``shard_id`` of ``shard_count``: the shard is the id's
        timestamp (``id >> 22``) modulo the count, so the timestamp moves on a few ms to fit."""
        stamp = self() >> 22
        shift = (shard_id - stamp) % shard_count
        if shift:
            self._last = (stamp + shift) << 22
        return self._last


@dataclass(eq=False)
class FakeUser:
    id: int
    username: str
    bot: bool = False

    def to_json(self) -> Json:
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": None if self.bot else self.username,
            "avatar": None,
            "bot": self.bot,
            "public_flags": 0,
        }


@dataclass(eq=False)
class FakeRole:
    id: int
    guild: FakeGuild
    name: str
    permissions: int
    position: int = 0
    mentionable: bool = False
    managed: bool = False

    def to_json(self) -> Json:
        data: Json = {
            "id": str(self.id),
            "name": self.name,
            "permissions": str(self.permissions),
            "position": self.position,
            "color": 0,
            "hoist": False,
            "managed": self.managed,
            "mentionable": self.mentionable,
            "flags": 0,
        }
        if self.managed:
            data["tags"] = {"bot_id": str(self.guild.state.bot_user.id)}
        return data


@dataclass(eq=False)
class FakeMember:
    user: FakeUser
    guild: FakeGuild
    role_ids: list[int] = field(default_factory=list)
    joined_at: str = ""

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def roles(self) -> list[FakeRole]:
        return [self.guild.roles[r] for r in self.role_ids if r in self.guild.roles]

    def add_role(self, role: FakeRole) -> None:
        if role.id not in self.role_ids:
            self.role_ids.append(role.id)
            self.guild.state.announce("GUILD_MEMBER_UPDATE", self.update_json())

    def update_json(self) -> Json:
        return {"guild_id": str(self.guild.id), **self.to_json()}

    def to_json(self, *, with_user: bool = True) -> Json:
        data: Json = {
            "roles": [str(r) for r in self.role_ids],
            "joined_at": self.joined_at,
            "nick": None,
            "avatar": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "premium_since": None,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.to_json()
        return data


@dataclass(eq=False)
class FakeChannel:
    id: int
    guild: FakeGuild
    name: str
    type: int = TEXT
    position: int = 0
    parent: FakeChannel | None = None
    topic: str | None = None
    overwrites: list[perm.Overwrite] = field(default_factory=list)
    messages: list[FakeMessage] = field(default_factory=list)

    @property
    def is_thread(self) -> bool:
        return self.type in THREAD_TYPES

    @property
    def accepts_messages(self) -> bool:
        return self.type in _MESSAGE_CHANNELS

    def set_overwrite(
        self, target: FakeRole | FakeMember, *, allow: int = 0, deny: int = 0
    ) -> None:
        """Add or replace the overwrite for a role or a member (threads use their parent's)."""
        kind = 0 if isinstance(target, FakeRole) else 1
        self.overwrites = [o for o in self.overwrites if (o.kind, o.target_id) != (kind, target.id)]
        self.overwrites.append(perm.Overwrite(target.id, kind, allow, deny))
        self.guild.state.announce("CHANNEL_UPDATE", self.to_json())

    def permissions_for(self, member: FakeMember) -> int:
        """Effective permissions of ``member`` here, the way Discord computes them."""
        source = self.parent if self.is_thread and self.parent is not None else self
        base = self.guild.base_permissions(member)
        return perm.apply_overwrites(
            base,
            source.overwrites,
            guild_id=self.guild.id,
            role_ids=member.role_ids,
            member_id=member.id,
        )

    def to_json(self) -> Json:
        data: Json = {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild.id),
            "name": self.name,
            "position": self.position,
            "nsfw": False,
            "topic": self.topic,
            "rate_limit_per_user": 0,
            "last_message_id": str(self.messages[-1].id) if self.messages else None,
            "parent_id": str(self.parent.id) if self.parent is not None else None,
            "flags": 0,
        }
        if self.is_thread:
            data["owner_id"] = str(self.guild.state.bot_user.id)
            data["member_count"] = 1
            data["message_count"] = len(self.messages)
            data["total_message_sent"] = len(self.messages)
            data["thread_metadata"] = {
                "archived": False,
                "auto_archive_duration": 1440,
                "archive_timestamp": self.guild.joined_at,
                "locked": False,
            }
        else:
            data["permission_overwrites"] = [o.to_json() for o in self.overwrites]
        return data


@dataclass(eq=False)
class FakeAttachment:
    """A file: one a user attached to a command option, or one the bot uploaded with a message.

    ``url`` is where the fake serves it (Discord's CDN plays this part), so a bot can download
    what a user attached.
    """

    id: int
    filename: str
    data: bytes
    content_type: str
    url: str

    def to_json(self) -> Json:
        return {
            "id": str(self.id),
            "filename": self.filename,
            "size": len(self.data),
            "url": self.url,
            "proxy_url": self.url,
            "content_type": self.content_type,
        }


@dataclass(eq=False)
class FakeMessage:
    """A message as stored; ``pinged_*`` say who Discord would actually have notified."""

    id: int
    channel_id: int
    author: FakeUser
    content: str
    embeds: list[Json]
    timestamp: str
    guild_id: int | None = None
    type: int = 0
    flags: int = 0
    nonce: str | int | None = None
    webhook_id: int | None = None
    application_id: int | None = None
    interaction_id: int | None = None
    edited_timestamp: str | None = None
    pinged_everyone: bool = False
    pinged_roles: frozenset[int] = frozenset()
    pinged_users: frozenset[int] = frozenset()
    mentioned_users: list[FakeUser] = field(default_factory=list)
    allowed_mentions: Json | None = None
    attachments: list[FakeAttachment] = field(default_factory=list)
    #: the message this one replies to (type REPLY)
    referenced: FakeMessage | None = None
    #: the reference as Discord returns it ({type, channel_id, message_id, guild_id})
    message_reference: Json | None = None
    #: the thread started from this message
    thread: FakeChannel | None = None
    deleted: bool = False

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & 64)

    @property
    def crossposted(self) -> bool:
        return bool(self.flags & 1)

    def to_json(self, *, nested: bool = True) -> Json:
        """``nested``: False for the copy inside a reply's ``referenced_message``."""
        data: Json = {
            "id": str(self.id),
            "type": self.type,
            "channel_id": str(self.channel_id),
            "author": self.author.to_json(),
            "content": self.content,
            "timestamp": self.timestamp,
            "edited_timestamp": self.edited_timestamp,
            "tts": False,
            "mention_everyone": self.pinged_everyone,
            "mentions": [u.to_json() for u in self.mentioned_users],
            "mention_roles": [str(r) for r in sorted(self.pinged_roles)],
            "attachments": [a.to_json() for a in self.attachments],
            "embeds": self.embeds,
            "pinned": False,
            "flags": self.flags,
            "components": [],
        }
        if self.nonce is not None:
            data["nonce"] = self.nonce
        if self.webhook_id is not None:
            data["webhook_id"] = str(self.webhook_id)
        if self.application_id is not None:
            data["application_id"] = str(self.application_id)
        if self.message_reference is not None:
            data["message_reference"] = self.message_reference
        if self.message_reference is not None and nested:
            # Discord gives the replied-to message one level deep, or null once deleted.
            replied = self.referenced
            data["referenced_message"] = (
                None if replied is None or replied.deleted else replied.to_json(nested=False))
        if self.thread is not None:
            data["thread"] = self.thread.to_json()
        return data


@dataclass(eq=False)
class FakeCommand:
    """A registered application command, as the last PUT left it."""

    id: int
    application_id: int
    guild_id: int | None
    payload: Json
    version: int

    @property
    def name(self) -> str:
        return str(self.payload["name"])

    @property
    def type(self) -> int:
        return int(self.payload.get("type", 1))

    @property
    def options(self) -> list[Json]:
        return list(self.payload.get("options") or [])

    def to_json(self) -> Json:
        data: Json = {
            "type": 1,
            "description": "",
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
            "contexts": None,
            "integration_types": [0],
            **self.payload,
            "id": str(self.id),
            "application_id": str(self.application_id),
            "version": str(self.version),
        }
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        return data


class FakeGuild:
    """A guild with its @everyone role (id == guild id), the bot's member and managed role."""

    def __init__(
        self, state: FakeState, name: str, *, system_channel: bool, id: int | None = None
    ) -> None:
        self.state = state
        self.id = state.new_id() if id is None else id
        self.name = name
        self.joined_at = iso(state.clock())
        self.roles: dict[int, FakeRole] = {}
        self.channels: dict[int, FakeChannel] = {}
        self.members: dict[int, FakeMember] = {}
        self.everyone = FakeRole(self.id, self, "@everyone", perm.DEFAULT_EVERYONE)
        self.roles[self.id] = self.everyone
        owner = state.add_user(f"{name} owner")
        self.owner = self._join(owner, [])
        self.bot_role = self._make_role(state.bot_user.username, perm.DEFAULT_BOT, managed=True)
        self.bot_member = self._join(state.bot_user, [self.bot_role.id])
        self.system_channel = self._make_channel("general", TEXT, None) if system_channel else None

    # -- builders ---------------------------------------------------------------------------

    def add_channel(
        self, name: str, type: int = TEXT, *, parent: FakeChannel | None = None
    ) -> FakeChannel:
        """A text (0), announcement (5) or thread (11, needs ``parent``) channel."""
        if type not in CHANNEL_TYPES:
            raise ValueError(f"channel type {type} is not one Discord has")
        if (type in THREAD_TYPES) != (parent is not None):
            raise ValueError("threads, and only threads, need a parent channel")
        channel = self._make_channel(name, type, parent)
        event = "THREAD_CREATE" if channel.is_thread else "CHANNEL_CREATE"
        self.state.announce(event, channel.to_json())
        return channel

    def start_thread(self, parent: FakeChannel, message: FakeMessage, name: str) -> FakeChannel:
        """A public thread started from ``message``; as on Discord, its id is the message's."""
        kind = ANNOUNCEMENT_THREAD if parent.type == ANNOUNCEMENT else PUBLIC_THREAD
        thread = FakeChannel(message.id, self, name, kind, len(self.channels), parent)
        self.channels[thread.id] = thread
        self.state.channels[thread.id] = thread
        message.thread = thread
        message.flags |= HAS_THREAD
        self.state.announce("THREAD_CREATE", {**thread.to_json(), "newly_created": True})
        return thread

    def add_role(self, name: str, permissions: int = 0, *, mentionable: bool = False) -> FakeRole:
        role = self._make_role(name, permissions, mentionable=mentionable)
        data = {"guild_id": str(self.id), "role": role.to_json()}
        self.state.announce("GUILD_ROLE_CREATE", data)
        return role

    def update_role(self, role: FakeRole, *, mentionable: bool) -> None:
        role.mentionable = mentionable
        data = {"guild_id": str(self.id), "role": role.to_json()}
        self.state.announce("GUILD_ROLE_UPDATE", data)

    def add_member(
        self, name: str, roles: Iterable[FakeRole] = (), *, admin: bool = False
    ) -> FakeMember:
        """A human member; ``admin`` gives them a role with ADMINISTRATOR."""
        role_ids = [r.id for r in roles]
        if admin:
            role_ids.append(self._admin_role().id)
        member = self._join(self.state.add_user(name), role_ids)
        self.state.announce("GUILD_MEMBER_ADD", member.update_json())
        return member

    # -- queries ----------------------------------------------------------------------------

    def base_permissions(self, member: FakeMember) -> int:
        return perm.base_permissions(
            everyone=self.everyone.permissions,
            role_permissions=(r.permissions for r in member.roles if r is not self.everyone),
            is_owner=member.id == self.owner.id,
        )

    def channel_named(self, name: str) -> FakeChannel:
        for channel in self.channels.values():
            if channel.name == name:
                return channel
        raise KeyError(f"guild {self.name!r} has no channel {name!r}")

    def to_json(self, *, all_members: bool = True) -> Json:
        """The GUILD_CREATE payload. Without the members intent Discord sends only the bot's
        own member; with it, all of them, so member_count matches and no chunking is needed."""
        plain = [c for c in self.channels.values() if not c.is_thread]
        threads = [c for c in self.channels.values() if c.is_thread]
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner.id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "features": [],
            "mfa_level": 0,
            "system_channel_id": str(self.system_channel.id) if self.system_channel else None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "max_members": 500000,
            "joined_at": self.joined_at,
            "large": False,
            "unavailable": False,
            "member_count": len(self.members),
            "roles": [r.to_json() for r in self.roles.values()],
            "channels": [c.to_json() for c in plain],
            "threads": [c.to_json() for c in threads],
            "members": [
                m.to_json() for m in self.members.values() if all_members or m is self.bot_member
            ],
            "voice_states": [],
            "presences": [],
            "emojis": [],
            "stickers": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    # -- internals --------------------------------------------------------------------------

    def _join(self, user: FakeUser, role_ids: list[int]) -> FakeMember:
        member = FakeMember(user, self, role_ids, iso(self.state.clock()))
        self.members[user.id] = member
        return member

    def _make_role(
        self, name: str, permissions: int, *, mentionable: bool = False, managed: bool = False
    ) -> FakeRole:
        role = FakeRole(
            self.state.new_id(), self, name, permissions, len(self.roles), mentionable, managed
        )
        self.roles[role.id] = role
        return role

    def _make_channel(self, name: str, type: int, parent: FakeChannel | None) -> FakeChannel:
        channel = FakeChannel(self.state.new_id(), self, name, type, len(self.channels), parent)
        self.channels[channel.id] = channel
        self.state.channels[channel.id] = channel
        return channel

    def _admin_role(self) -> FakeRole:
        for role in self.roles.values():
            if role.name == "Admin" and role.permissions & perm.ADMINISTRATOR:
                return role
        return self.add_role("Admin", perm.ADMINISTRATOR)


Announce = Callable[[str, Json], None]


class FakeState:
    """Everything the fake knows; REST, gateway and the test builders all share one."""

    def __init__(self, *, clock: Callable[[], float], bot_name: str, token: str) -> None:
        self.clock = clock
        self.new_id = Snowflakes(clock)
        self.token = token
        self.application_id = self.new_id()
        self.bot_user = FakeUser(self.new_id(), bot_name, bot=True)
        self.owner_user = FakeUser(self.new_id(), "app owner")
        self.users: dict[int, FakeUser] = {self.bot_user.id: self.bot_user}
        self.guilds: dict[int, FakeGuild] = {}
        self.channels: dict[int, FakeChannel] = {}
        self.commands: dict[int | None, dict[tuple[str, int], FakeCommand]] = {None: {}}
        self._listeners: list[Announce] = []

    def subscribe(self, listener: Announce) -> None:
        self._listeners.append(listener)

    def announce(self, event: str, data: Json) -> None:
        for listener in self._listeners:
            listener(event, data)

    def add_user(self, name: str) -> FakeUser:
        user = FakeUser(self.new_id(), name)
        self.users[user.id] = user
        return user

    def add_guild(
        self, name: str, *, system_channel: bool = True, shard: tuple[int, int] | None = None
    ) -> FakeGuild:
        guild_id = self.new_id.on_shard(*shard) if shard is not None else None
        guild = FakeGuild(self, name, system_channel=system_channel, id=guild_id)
        self.guilds[guild.id] = guild
        joined = guild.to_json()
        # A guild joined mid-session comes without ``unavailable``: that is how clients
        # (discord.py's parse_guild_create) tell a join from a guild coming back online.
        del joined["unavailable"]
        self.announce("GUILD_CREATE", joined)
        return guild

    def new_token(self) -> str:
        return secrets.token_urlsafe(24)

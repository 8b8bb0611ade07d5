"""INTERACTION_CREATE payloads built from the registered command schema, and their records.

``build_payload`` turns a test's ``options={"region": "kosovo", "channel": some_channel}`` into
the typed option list and ``resolved`` maps Discord would send, using the option types the bot
registered. Anything a real Discord client could not submit (an unknown option, a missing
required one, a value outside the declared choices) raises ``InvalidInvocation`` in the test.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .state import (
    FakeAttachment,
    FakeChannel,
    FakeCommand,
    FakeGuild,
    FakeMember,
    FakeMessage,
    FakeRole,
    FakeUser,
)

Json = dict[str, Any]
Waiter = Callable[[Callable[[], bool], str], Awaitable[None]]

APPLICATION_COMMAND, AUTOCOMPLETE = 2, 4
SUBCOMMAND, SUBCOMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = range(3, 12)
#: What Discord reports for a guild without boosts (10 MiB).
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
_RESOLVED_CHANNEL_KEYS = frozenset(
    {
        "id",
        "name",
        "type",
        "flags",
        "parent_id",
        "owner_id",
        "member_count",
        "message_count",
        "thread_metadata",
    }
)
EPHEMERAL = 64
LOADING = 128


class CommandNotRegistered(LookupError):
    """The test invoked a command the bot never synced."""


class InvalidInvocation(ValueError):
    """The test asked for an invocation Discord's client would not let a user make."""


@dataclass(eq=False)
class FakeInteraction:
    """One interaction and everything the bot answered to it."""

    id: int
    token: str
    type: int
    payload: Json
    command: FakeCommand
    guild: FakeGuild | None
    channel: FakeChannel | None
    user: FakeUser
    waiter: Waiter
    callbacks: list[Json] = field(default_factory=list)
    original: FakeMessage | None = None
    followups: list[FakeMessage] = field(default_factory=list)

    @property
    def acknowledged(self) -> bool:
        return bool(self.callbacks)

    async def response(self) -> Json:
        """The first callback body (``type``, ``data``) once the bot sends it."""
        await self.waiter(lambda: bool(self.callbacks), f"interaction {self.id} got no callback")
        return self.callbacks[0]

    async def followup(self, index: int = 0) -> FakeMessage:
        """The ``index``-th followup message once it exists."""
        await self.waiter(
            lambda: len(self.followups) > index,
            f"interaction {self.id} got fewer than {index + 1} followups",
        )
        return self.followups[index]

    async def final_message(self) -> FakeMessage:
        """The original response once it is no longer a 'thinking…' placeholder."""

        def settled() -> bool:
            return self.original is not None and not self.original.flags & LOADING

        await self.waiter(settled, f"interaction {self.id} never settled its response")
        assert self.original is not None
        return self.original

    async def choices(self) -> list[Json]:
        """Autocomplete: the choices of the type 8 callback."""
        body = await self.response()
        if body.get("type") != 8:
            raise AssertionError(f"expected an autocomplete result (8), got {body!r}")
        return list((body.get("data") or {}).get("choices") or [])


def find_command(
    registered: Mapping[int | None, Mapping[tuple[str, int], FakeCommand]],
    name: str,
    guild: FakeGuild | None,
) -> FakeCommand:
    """Guild commands shadow global ones of the same name, as in the Discord client."""
    scopes: list[int | None] = [guild.id, None] if guild is not None else [None]
    for scope in scopes:
        command = registered.get(scope, {}).get((name, 1))
        if command is not None:
            return command
    where = f"guild {guild.name!r} or globally" if guild else "globally"
    known = sorted({k[0] for cmds in registered.values() for k in cmds})
    raise CommandNotRegistered(
        f"no slash command {name!r} is registered {where}; registered: {known}"
    )


@dataclass
class Invocation:
    """Who invokes what, where; ``guild`` and ``channel`` are None for a DM."""

    command: FakeCommand
    guild: FakeGuild | None
    channel: FakeChannel | None
    invoker: FakeMember | FakeUser
    options: Mapping[str, Any]
    subcommand: str | None = None
    focused: str | None = None


def build_payload(inv: Invocation, *, interaction_id: int, token: str, dm_channel_id: int) -> Json:
    """The INTERACTION_CREATE ``d`` for an application command or autocomplete."""
    guild, channel = inv.guild, inv.channel
    if (guild is None) != (channel is None):
        raise InvalidInvocation("give both guild and channel, or neither for a DM")
    if guild is not None and not isinstance(inv.invoker, FakeMember):
        raise InvalidInvocation("a guild invocation needs a FakeMember (guild.add_member)")
    if isinstance(inv.invoker, FakeMember) and inv.invoker.guild is not guild:
        raise InvalidInvocation(f"{inv.invoker.user.username!r} is not a member of that guild")
    resolved: Json = {}
    schema, path = _descend(inv.command, inv.subcommand)
    values = _values(schema, inv, resolved)
    options = values
    for name, kind in reversed(path):
        options = [{"name": name, "type": kind, "options": options}]
    data: Json = {
        "id": str(inv.command.id),
        "name": inv.command.name,
        "type": 1,
        "options": options,
    }
    if resolved:
        data["resolved"] = resolved
    if inv.command.guild_id is not None:
        data["guild_id"] = str(inv.command.guild_id)
    payload: Json = {
        "id": str(interaction_id),
        "application_id": str(inv.command.application_id),
        "type": AUTOCOMPLETE if inv.focused else APPLICATION_COMMAND,
        "data": data,
        "token": token,
        "version": 1,
        "locale": "en-US",
        "entitlements": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    }
    if guild is not None and channel is not None and isinstance(inv.invoker, FakeMember):
        bot_member = guild.bot_member
        payload |= {
            "guild_id": str(guild.id),
            "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
            "guild_locale": "en-US",
            "channel_id": str(channel.id),
            "channel": channel.to_json(),
            "member": {
                **inv.invoker.to_json(),
                "permissions": str(channel.permissions_for(inv.invoker)),
            },
            "app_permissions": str(channel.permissions_for(bot_member)),
            "authorizing_integration_owners": {"0": str(guild.id)},
            "context": 0,
        }
    else:
        user = inv.invoker.user if isinstance(inv.invoker, FakeMember) else inv.invoker
        payload |= {
            "channel_id": str(dm_channel_id),
            "channel": {
                "id": str(dm_channel_id),
                "type": 1,
                "recipients": [user.to_json()],
                "last_message_id": None,
                "flags": 0,
            },
            "user": user.to_json(),
            "app_permissions": "0",
            "authorizing_integration_owners": {"0": str(user.id)},
            "context": 1,
        }
    return payload


def _descend(
    command: FakeCommand, subcommand: str | None
) -> tuple[list[Json], list[tuple[str, int]]]:
    """Walk ``"group sub"`` or ``"sub"`` down the schema; return its options and the path."""
    options = command.options
    path: list[tuple[str, int]] = []
    has_subcommands = any(o.get("type") in (SUBCOMMAND, SUBCOMMAND_GROUP) for o in options)
    if subcommand is None:
        if has_subcommands:
            names = [o["name"] for o in options]
            raise InvalidInvocation(f"/{command.name} needs a subcommand, one of {names}")
        return options, path
    for part in subcommand.split():
        match = next(
            (
                o
                for o in options
                if o.get("name") == part and o.get("type") in (SUBCOMMAND, SUBCOMMAND_GROUP)
            ),
            None,
        )
        if match is None:
            raise InvalidInvocation(f"/{command.name} has no subcommand {subcommand!r}")
        path.append((part, int(match["type"])))
        options = list(match.get("options") or [])
    if path[-1][1] != SUBCOMMAND:
        raise InvalidInvocation(f"{subcommand!r} is a group; name one of its subcommands")
    return options, path


def _values(schema: list[Json], inv: Invocation, resolved: Json) -> list[Json]:
    by_name = {o["name"]: o for o in schema}
    out: list[Json] = []
    for name, value in inv.options.items():
        option = by_name.get(name)
        if option is None:
            raise InvalidInvocation(
                f"/{inv.command.name} has no option {name!r}; it has {sorted(by_name)}"
            )
        kind = int(option["type"])
        if name == inv.focused:
            # While typing, Discord sends the partial text whatever the option's type.
            out.append({"name": name, "type": kind, "value": str(value), "focused": True})
            continue
        wire = _convert(option, value, inv, resolved)
        choices = option.get("choices")
        if choices and wire not in [c["value"] for c in choices]:
            raise InvalidInvocation(f"{wire!r} is not one of the choices of option {name!r}")
        out.append({"name": name, "type": kind, "value": wire})
    if inv.focused is None:
        missing = [o["name"] for o in schema if o.get("required") and o["name"] not in inv.options]
        if missing:
            raise InvalidInvocation(f"/{inv.command.name} is missing required options {missing}")
    elif inv.focused not in inv.options:
        raise InvalidInvocation(f"the focused option {inv.focused!r} needs a (partial) value")
    return out


def _convert(option: Json, value: Any, inv: Invocation, resolved: Json) -> Any:
    kind, name = int(option["type"]), str(option["name"])
    if kind == STRING and isinstance(value, str):
        return value
    if kind == INTEGER and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind == BOOLEAN and isinstance(value, bool):
        return value
    if kind == NUMBER and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if kind == ATTACHMENT and isinstance(value, FakeAttachment):
        # The file itself is on the CDN; the interaction carries its description and URL.
        resolved.setdefault("attachments", {})[str(value.id)] = value.to_json()
        return str(value.id)
    if kind in (USER, MENTIONABLE) and isinstance(value, FakeMember | FakeUser):
        return _resolve_user(value, inv, resolved)
    if kind in (ROLE, MENTIONABLE) and isinstance(value, FakeRole):
        resolved.setdefault("roles", {})[str(value.id)] = value.to_json()
        return str(value.id)
    if kind == CHANNEL and isinstance(value, FakeChannel):
        allowed_types = option.get("channel_types")
        if allowed_types and value.type not in allowed_types:
            raise InvalidInvocation(
                f"option {name!r} takes channel types {allowed_types}, not {value.type}"
            )
        # Discord resolves channels partially; threads keep their thread fields.
        channel_json = {k: v for k, v in value.to_json().items() if k in _RESOLVED_CHANNEL_KEYS}
        member = inv.invoker if isinstance(inv.invoker, FakeMember) else None
        channel_json["permissions"] = str(value.permissions_for(member) if member else 0)
        resolved.setdefault("channels", {})[str(value.id)] = channel_json
        return str(value.id)
    raise InvalidInvocation(
        f"option {name!r} has type {kind}; {value!r} is not a value a user could give it"
    )


def _resolve_user(value: FakeMember | FakeUser, inv: Invocation, resolved: Json) -> str:
    user = value.user if isinstance(value, FakeMember) else value
    resolved.setdefault("users", {})[str(user.id)] = user.to_json()
    member = value if isinstance(value, FakeMember) else None
    if member is None and inv.guild is not None:
        member = inv.guild.members.get(user.id)
    if member is not None and inv.channel is not None:
        resolved.setdefault("members", {})[str(user.id)] = {
            **member.to_json(with_user=False),
            "permissions": str(inv.channel.permissions_for(member)),
        }
    return str(user.id)

"""Who may run what, where: every command × (administrator, Manage Channels, Manage Messages,
plain member) × (in a server, in a DM), against the table in docs/COMMANDS.md; and one server
can never read or change another's subscriptions, mutes or results.

The fake Discord delivers every interaction whatever the command's declared default permissions
(as Discord does once a server admin overrides them), so what is checked is the bot's own check.
"""

from __future__ import annotations

from typing import Any

from bot.commands.errors import APOLOGY
from tests.e2e.test_commands import NOW, World, split, world
from tests.fakes.discord import FakeMember, permissions

__all__ = ["world"]

DM_REFUSAL = "This command works in a server, not in direct messages."
NEEDS = "You need the {} permission to do that."
#: stands for a file attached to the command, made by the fake when the command runs
ATTACHMENT = object()

#: docs/COMMANDS.md: command → (options for a valid call, servers only?, permission needed);
#: the old names (kept for one release) behave as the commands they became
TABLE: dict[str, tuple[dict[str, Any], bool, str | None]] = {
    "subscription add": ({"region": "balkans"}, True, "Manage Channels"),
    "subscription remove": ({"region": "balkans"}, True, "Manage Channels"),
    "subscription list": ({}, True, None),
    "latest": ({"count": 1}, False, None),
    "search": ({"query": "Kosovo"}, False, None),
    "mute add": ({"source": "wire", "duration": "2h"}, True, "Manage Messages"),
    "mute remove": ({"source": "wire"}, True, "Manage Messages"),
    "mute list": ({}, True, "Manage Messages"),
    "sources": ({}, False, None),
    "regions": ({}, False, None),
    "explain": ({"update": 1}, False, None),
    "subscribe": ({"region": "balkans"}, True, "Manage Channels"),
    "unsubscribe": ({"region": "balkans"}, True, "Manage Channels"),
    "subscriptions": ({}, True, None),
    "unmute": ({"source": "wire"}, True, "Manage Messages"),
    "mutes": ({}, True, "Manage Messages"),
    # Valid calls that fetch nothing: a URL refused before any fetch, a file over the limit
    # refused before its download (ATTACHMENT: a file the test attaches).
    "source add": ({"url": "not a url"}, True, "Manage Server"),
    "source test": ({"url": "not a url"}, False, None),
    "source remove": ({"source": "nowhere"}, True, "Manage Server"),
    "source edit": ({"source": "nowhere", "name": "x"}, True, "Manage Server"),
    "source list": ({}, False, None),
    "source import": ({"file": ATTACHMENT}, True, "Manage Server"),
    "source export": ({}, True, "Manage Server"),
}
#: what each group declares to Discord, which reads it on the group only: (servers only?,
#: permission); /subscription is shown to every member because its list is open to all
GROUPS: dict[str, tuple[bool, str | None]] = {
    "subscription": (True, None),
    "mute": (True, "Manage Messages"),
    # /source test and /source list are for everyone, in DMs too; the rest check Manage Server.
    "source": (False, None),
}
#: the permission each role of the world has (the administrator has every one)
HAS = {
    "administrator": {"Manage Channels", "Manage Messages", "Manage Server"},
    "Manage Channels": {"Manage Channels"},
    "Manage Messages": {"Manage Messages"},
    "plain member": set(),
}
DECLARED = {"Manage Channels": permissions.MANAGE_CHANNELS,
            "Manage Messages": permissions.MANAGE_MESSAGES,
            "Manage Server": permissions.MANAGE_GUILD}


def members(world: World) -> dict[str, FakeMember]:
    return {"administrator": world.a_admin, "Manage Channels": world.manager,
            "Manage Messages": world.moderator, "plain member": world.member}


def verdict(data: dict[str, Any]) -> str:
    """"allowed", "dm" or "needs <permission>", read from the answer."""
    text = str(data.get("content") or "")
    assert APOLOGY not in text
    if text == DM_REFUSAL:
        return "dm"
    for permission in DECLARED:
        if text == NEEDS.format(permission):
            return f"needs {permission}"
    return "allowed"


def expected(command: str, role: str, in_dm: bool) -> str:
    _options, server_only, needs = TABLE[command]
    if in_dm:
        return "dm" if server_only else "allowed"
    if needs is not None and needs not in HAS[role]:
        return f"needs {needs}"
    return "allowed"


async def test_every_command_for_every_role_in_a_server_and_in_a_dm(world: World) -> None:
    assert {c.name for c in world.fake.commands()} == {split(name)[0] for name in TABLE}
    seen: dict[tuple[str, str, str], str] = {}
    for role, member in members(world).items():
        for command, (options, _server_only, _needs) in TABLE.items():
            name, sub = split(command)
            options = {k: _file(world) if v is ATTACHMENT else v for k, v in options.items()}
            in_server = await world.fake.invoke(world.a, world.alerts, member, name, options,
                                                subcommand=sub)
            seen[(command, role, "server")] = verdict((await in_server.response())["data"])
            in_dm = await world.fake.invoke(None, None, member.user, name, options,
                                            subcommand=sub)
            seen[(command, role, "dm")] = verdict((await in_dm.response())["data"])
    wanted = {
        (command, role, place): expected(command, role, place == "dm")
        for command in TABLE for role in HAS for place in ("server", "dm")
    }
    assert seen == wanted


def _file(world: World) -> Any:
    """An OPML file over the default limit: refused before it is downloaded."""
    return world.fake.attachment("big.opml", b" " * (1 << 20), "text/x-opml")


async def test_each_command_declares_the_documented_permission_to_discord(world: World) -> None:
    for command in world.fake.commands():
        if command.name in GROUPS:
            server_only, needs = GROUPS[command.name]
        else:
            _options, server_only, needs = TABLE[command.name]
        declared = command.payload.get("default_member_permissions")
        if needs is None:
            assert declared is None, command.name
        else:
            assert declared is not None and int(declared) == DECLARED[needs], command.name
        contexts = command.payload.get("contexts")
        dm_allowed = command.payload.get("dm_permission", True)
        # Server-only commands are hidden in DMs: either by contexts (guild only) or the old flag.
        hidden_in_dm = (contexts == [0]) if contexts is not None else not dm_allowed
        assert hidden_in_dm == server_only, command.name


async def test_a_refused_member_changes_nothing(world: World) -> None:
    await world.run(world.a_admin, "subscription add", {"region": "kosovo"})
    await world.run(world.moderator, "mute add", {"source": "rumours"})
    subs = await world.store.subscriptions(world.a.id)
    mutes = await world.store.mutes(world.a.id, NOW)
    for who, command, options in [
        (world.member, "subscription add", {"region": "balkans"}),
        (world.moderator, "subscription remove", {"region": "kosovo"}),
        (world.manager, "mute add", {"source": "wire"}),
        (world.member, "mute remove", {"source": "rumours"}),
        (world.manager, "mute remove", {"source": "rumours"}),
    ]:
        reply = await world.run(who, command, options)
        assert verdict(reply).startswith("needs"), (command, reply)
    assert await world.store.subscriptions(world.a.id) == subs
    assert await world.store.mutes(world.a.id, NOW) == mutes


# -- one server never reaches into another -----------------------------------------------------


async def test_another_server_can_neither_read_nor_change_subscriptions_or_mutes(
    world: World,
) -> None:
    a, b = world.a, world.b
    await world.run(world.a_admin, "subscription add", {"region": "kosovo", "filter": "gunfire"})
    await world.run(world.a_admin, "subscription add", {"region": "balkans", "channel": world.news})
    await world.run(world.moderator, "mute add", {"source": "rumours", "reason": "A's reason"})
    subs = await world.store.subscriptions(a.id)
    mutes = await world.store.mutes(a.id, NOW)
    assert len(subs) == 2 and len(mutes) == 1

    b_admin = world.b_admin
    listed = await world.run(b_admin, "subscription list")
    assert "follows a region yet" in str(listed.get("content"))
    # B names A's channel outright: Discord would not offer it, and the bot refuses it anyway.
    attempts: list[tuple[str, dict[str, Any]]] = [
        ("subscription list", {"channel": world.alerts}),
        ("subscription remove", {"region": "kosovo", "channel": world.alerts}),
        ("subscription add", {"region": "kosovo", "channel": world.alerts}),
        ("subscription remove", {"region": "kosovo"}),
        ("subscription remove", {"region": "balkans"}),
    ]
    for command, options in attempts:
        reply = await world.run(b_admin, command, options)
        text = str(reply.get("content") or "") + str(reply.get("embeds") or "")
        assert "gunfire" not in text and str(world.news.id) not in text, (command, text)
        assert APOLOGY not in text
    mutes_in_b = await world.run(b_admin, "mute list")
    assert mutes_in_b.get("content") == "No source is muted in this server."
    lifted = await world.run(b_admin, "mute remove", {"source": "rumours"})
    assert "isn't muted in this server" in str(lifted.get("content"))
    await world.run(b_admin, "mute add", {"source": "rumours", "duration": "1h", "reason": "B's"})
    await world.run(b_admin, "mute remove", {"source": "rumours"})

    assert await world.store.subscriptions(a.id) == subs
    assert await world.store.mutes(a.id, NOW) == mutes
    assert await world.store.subscriptions(b.id) == []
    for command, option in [("subscription remove", "region"), ("mute remove", "source")]:
        name, sub = split(command)
        offered = await world.fake.autocomplete(b, b.channel_named("general"), b_admin, name,
                                                {option: ""}, option, subcommand=sub)
        assert offered == [], command


async def test_a_servers_mutes_shape_only_its_own_results(world: World) -> None:
    await world.run(world.moderator, "mute add", {"source": "rumours"})
    for who, sees_rumours in [(world.member, False), (world.b_admin, True)]:
        asks: list[tuple[str, dict[str, Any]]] = [("latest", {"count": 10}),
                                                  ("search", {"query": "Mitrovica"})]
        for command, options in asks:
            reply = await world.run(who, command, options)
            shown = str(reply.get("embeds") or "")
            assert ("Rumour Mill" in shown) == sees_rumours, (who.guild.name, command)
    # In a DM there is no server, so no server's mute applies.
    dm = await world.fake.invoke(None, None, world.member.user, "latest", {"count": 10})
    assert "Rumour Mill" in str((await dm.response())["data"].get("embeds"))

"""Structural checks over every extension: it loads, and its commands are declared properly."""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path
from types import MethodType, SimpleNamespace
from typing import Any

import discord
import pytest
from discord import app_commands

from bot.app import open_fetcher
from bot.client import EXTENSIONS, AlertBot
from bot.follows import SourceLimits
from bot.pipeline.match import Matcher
from bot.settings import FetchSettings
from bot.store import Store

#: the commands that change a server's settings, and the permission each needs
GUARDED = {
    "subscription add": "manage_channels",
    "subscription remove": "manage_channels",
    "mute add": "manage_messages",
    "mute remove": "manage_messages",
    "mute list": "manage_messages",
    "source add": "manage_guild",
    "source remove": "manage_guild",
    "source edit": "manage_guild",
    "source import": "manage_guild",
    "source export": "manage_guild",
}
#: the old names kept for one release (bot/commands/renamed.py), and what each became
OLD_NAMES = {
    "subscribe": "subscription add",
    "unsubscribe": "subscription remove",
    "subscriptions": "subscription list",
    "unmute": "mute remove",
    "mutes": "mute list",
    "sources": "source list",
}
#: open to everyone, in DMs too: the group's other commands check Manage Server themselves
OPEN_EVERYWHERE = {"source test", "source list", "sources"}
GUILD_ONLY = {*GUARDED, "subscription list"}
#: the groups, and the permission each declares to Discord (None: shown to every member)
GROUPS = {"subscription": None, "mute": "manage_messages"}


@pytest.fixture
async def bot(bot_database: Path | str, matcher: Matcher) -> AsyncIterator[AlertBot]:
    store = await Store.open(bot_database)
    async with open_fetcher(FetchSettings()) as fetcher:
        bot = AlertBot(
            store=store,
            matcher=matcher,
            fetcher=fetcher,
            source_limits=SourceLimits(),
            clock=lambda: datetime(2024, 5, 1, tzinfo=UTC),
        )
        for extension in EXTENSIONS:
            await bot.load_extension(extension)
        yield bot
        await bot.http.close()  # never logged in: the sharded close() needs a login
    await store.close()


def walk(bot: AlertBot) -> list[app_commands.Command[Any, ..., Any]]:
    return [c for c in bot.tree.walk_commands() if isinstance(c, app_commands.Command)]


async def test_every_extension_loads_a_cog_with_commands(bot: AlertBot) -> None:
    assert set(bot.extensions) == set(EXTENSIONS)
    names = {c.qualified_name for c in walk(bot)}
    assert {"subscription add", "subscription remove", "subscription list", "latest", "search",
            "mute add", "mute remove", "mute list", "regions", "explain", "source add",
            "source test", "source remove", "source edit", "source list", "source import",
            "source export", *OLD_NAMES} <= names


async def test_no_command_name_repeats(bot: AlertBot) -> None:
    names = [c.qualified_name for c in walk(bot)]
    assert len(names) == len(set(names)), sorted(names)


async def test_every_command_and_option_is_described(bot: AlertBot) -> None:
    for command in walk(bot):
        assert command.description and command.description != "…", command.name
        assert len(command.description) <= 100, command.name
        for param in command.parameters:
            assert param.description and param.description != "…", (command.name, param.name)
            assert len(param.description) <= 100, (command.name, param.name)


async def test_every_text_option_has_a_length_limit(bot: AlertBot) -> None:
    for command in walk(bot):
        for param in command.parameters:
            if param.type is discord.AppCommandOptionType.string and not param.choices:
                assert param.max_value is not None, (command.name, param.name)


def command_named(bot: AlertBot, name: str) -> app_commands.Command[Any, ..., Any]:
    """The command ``name`` ("latest", "mute add")."""
    first, *rest = name.split()
    found = bot.tree.get_command(first)
    for part in rest:
        assert isinstance(found, app_commands.Group), name
        found = found.get_command(part)
    assert isinstance(found, app_commands.Command), name
    return found


@pytest.mark.parametrize(("name", "permission"), sorted(
    GUARDED.items() | {(old, GUARDED[new]) for old, new in OLD_NAMES.items() if new in GUARDED}))
async def test_settings_commands_declare_and_check_their_permission(
    bot: AlertBot, name: str, permission: str
) -> None:
    command = command_named(bot, name)
    assert command.default_permissions is not None
    assert getattr(command.default_permissions, permission)
    # The run-time check, since default_permissions is only a hint: refuse a member without it.
    lacking = SimpleNamespace(guild_id=1, permissions=discord.Permissions.none(),
                              user=SimpleNamespace(id=5))
    with pytest.raises(app_commands.MissingPermissions) as caught:
        for check in command.checks:
            await _run(check, lacking)
    assert caught.value.missing_permissions == [permission]


@pytest.mark.parametrize("name", sorted(GUILD_ONLY | OLD_NAMES.keys() - OPEN_EVERYWHERE))
async def test_server_commands_refuse_direct_messages(bot: AlertBot, name: str) -> None:
    command = command_named(bot, name)
    assert command.guild_only
    in_dm = SimpleNamespace(guild_id=None, permissions=discord.Permissions.none(),
                            user=SimpleNamespace(id=5))
    # The guild check runs first, so a DM gets "works in a server", not a permission complaint.
    with pytest.raises(app_commands.NoPrivateMessage):
        await _run(command.checks[0], in_dm)


@pytest.mark.parametrize(("name", "permission"), sorted(GROUPS.items()))
async def test_groups_declare_what_discord_reads_on_them(
    bot: AlertBot, name: str, permission: str | None
) -> None:
    # Discord ignores default_member_permissions and contexts on subcommands.
    group = bot.tree.get_command(name)
    assert isinstance(group, app_commands.Group)
    payload = group.to_dict(bot.tree)
    assert payload["contexts"] == [0]
    wanted = None if permission is None else discord.Permissions(**{permission: True}).value
    assert payload["default_member_permissions"] == wanted


@pytest.mark.parametrize("name", sorted(OPEN_EVERYWHERE))
async def test_the_open_source_commands_work_anywhere_for_anyone(
    bot: AlertBot, name: str
) -> None:
    command = command_named(bot, name)
    assert not command.guild_only and command.default_permissions is None
    group = bot.tree.get_command("source")
    assert isinstance(group, app_commands.Group)
    # Discord reads the group's declaration alone: it must hide /source test from nobody.
    payload = group.to_dict(bot.tree)
    assert payload["default_member_permissions"] is None
    assert payload.get("contexts") in (None, [0, 1, 2])


@pytest.mark.parametrize(("old", "new"), sorted(OLD_NAMES.items()))
async def test_an_old_name_is_the_new_command_under_another_name(
    bot: AlertBot, old: str, new: str
) -> None:
    alias, command = command_named(bot, old), command_named(bot, new)
    assert alias.extras["renamed_to"] == new
    assert alias.to_dict(bot.tree)["options"] == command.to_dict(bot.tree)["options"]
    assert alias.checks == command.checks
    assert alias.default_permissions == command.default_permissions
    assert [p.autocomplete for p in alias.parameters] == [
        p.autocomplete for p in command.parameters]
    assert alias.binding is command.binding


async def test_unloading_the_error_handler_restores_the_default(bot: AlertBot) -> None:
    default = MethodType(app_commands.CommandTree.on_error, bot.tree)
    assert bot.tree.on_error != default
    await bot.unload_extension("bot.commands.errors")
    assert bot.tree.on_error == default


async def _run(check: Callable[[Any], Any], interaction: object) -> object:
    result = check(interaction)
    return await result if inspect.isawaitable(result) else result

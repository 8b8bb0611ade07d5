"""The old names of the grouped commands (/subscribe is now /subscription add), kept for one
release so that nobody's habit or pinned instructions break on the day of the change.

An old name is the new command under another name: the same callback, so the same options,
checks, permissions and autocomplete, and Discord shows, hides or refuses it as before. After
each answer, success or refusal, it says the new name in a private line, so that people learn it
before the old one goes. `/mute` could not keep its old form: it is the group's name now, and
Discord runs only a group's subcommands. The release after next drops every `old_name(...)`
and this extension.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import AlertBot
from bot.commands._common import reply

log = logging.getLogger(__name__)

#: Command.extras key of an old name: the qualified name of the command it became
RENAMED_TO = "renamed_to"


def old_name(
    command: app_commands.Command[Any, ..., Any], name: str
) -> app_commands.Command[Any, ..., Any]:
    """``command`` (a group's subcommand) also as the top-level command ``name``."""
    return app_commands.Command(
        name=name,
        description=f"{command.description} (now /{command.qualified_name})",
        callback=command.callback,
        extras={RENAMED_TO: command.qualified_name},
    )


def new_name(command: object) -> str | None:
    """What ``command`` is called now, if it is an old name."""
    if isinstance(command, app_commands.Command):
        renamed: str | None = command.extras.get(RENAMED_TO)
        return renamed
    return None


async def tell_new_name(interaction: discord.Interaction[Any]) -> None:
    """After the answer to an old name, the new name, privately; nothing for other commands."""
    command = interaction.command
    renamed = new_name(command)
    if command is None or renamed is None:
        return
    try:
        await reply(interaction, f"`/{command.name}` is now `/{renamed}`; the old name goes "
                    "away in the next release.", ephemeral=True)
    except discord.HTTPException as e:
        log.warning("could not give the new name of /%s: %s", command.name, e)


class Renamed(commands.Cog):
    """Follows every successful answer to an old name with the new name (errors.py does the
    same after a refusal)."""

    @commands.Cog.listener()
    async def on_app_command_completion(
        self, interaction: discord.Interaction[AlertBot], command: object
    ) -> None:
        await tell_new_name(interaction)


async def setup(bot: AlertBot) -> None:
    await bot.add_cog(Renamed())

"""One error handler for every slash command: answers the user privately, in plain words.

discord.py tries a command's own handler, then the cog's, then `CommandTree.on_error`; no command
here has its own, so everything lands in `ErrorHandler.on_app_command_error`.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import AlertBot
from bot.commands._common import Refusal, permission_names, plain, quote
from bot.commands.renamed import tell_new_name
from bot.follows import FollowRefused
from bot.matching.filters import FilterError
from bot.store import StoreError

log = logging.getLogger(__name__)

DATABASE_DOWN = "My database is unavailable right now; please try again in a minute."
APOLOGY = "Sorry, something went wrong on my side. It has been logged; please try again later."

_OPTION_KINDS = {
    discord.AppCommandOptionType.channel: "a text channel, announcement channel or thread",
    discord.AppCommandOptionType.role: "a role of this server",
    discord.AppCommandOptionType.user: "a member of this server",
    discord.AppCommandOptionType.integer: "a whole number",
    discord.AppCommandOptionType.number: "a number",
}


class ErrorHandler(commands.Cog):
    """Installs itself as the command tree's error handler while loaded."""

    def __init__(self, bot: AlertBot) -> None:
        self.bot = bot
        self._previous = bot.tree.on_error

    async def cog_load(self) -> None:
        self.bot.tree.error(self.on_app_command_error)

    async def cog_unload(self) -> None:
        self.bot.tree.on_error = self._previous  # type: ignore[method-assign]

    async def on_app_command_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        """Answer an error, checked in this order:

        1. `Refusal`: the command already said why, in plain words; send it as is.
        2. `NoPrivateMessage`: a server-only command used in a DM.
        3. `MissingPermissions`: name the permission the member lacks.
        4. `BotMissingPermissions`: name the permission the bot lacks.
        5. `CommandOnCooldown`: say when to try again.
        6. `TransformerError`: an option value of the wrong kind; say what was expected.
        7. any other `CheckFailure`: a generic "not here" answer.
        8. `CommandSignatureMismatch` / `CommandNotFound`: Discord has an outdated copy of the
           commands (a sync is under way); ask to retry.
        9. `CommandInvokeError`, unwrapped: `FilterError` and `FollowRefused` (the store's
           refusal of a source: a full server, a URL followed already…) show their reason;
           `StoreError` says the database is down and is logged; anything else gets an apology
           and is logged with its traceback.
        """
        await self._send(interaction, answer(error, _context(interaction)))
        await tell_new_name(interaction)

    async def _send(self, interaction: discord.Interaction[Any], message: str) -> None:
        try:
            if interaction.response.is_done():
                await interaction.followup.send(message, ephemeral=True)
            else:
                await interaction.response.send_message(message, ephemeral=True)
        except discord.HTTPException as e:
            # The interaction token lives 15 minutes; past that nobody is listening anymore.
            log.warning("could not tell %s about an error: %s", _context(interaction), e)


def answer(error: app_commands.AppCommandError, context: str) -> str:
    """What to tell the user about `error`, in the order of `on_app_command_error`'s docstring.
    `context` names the command, guild and user for the log."""
    if isinstance(error, Refusal):
        return error.message
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command works in a server, not in direct messages."
    if isinstance(error, app_commands.MissingPermissions):
        return (f"You need the {permission_names(error.missing_permissions)} "
                "permission to do that.")
    if isinstance(error, app_commands.BotMissingPermissions):
        return (f"I need the {permission_names(error.missing_permissions)} "
                "permission here to do that.")
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f} seconds."
    if isinstance(error, app_commands.TransformerError):
        return _bad_option(error)
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use this command here."
    if isinstance(error, app_commands.CommandSignatureMismatch | app_commands.CommandNotFound):
        return "My commands were just updated; please try again in a minute."
    original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    if isinstance(original, FilterError):
        return f"That filter doesn't work: {original.reason}"
    if isinstance(original, FollowRefused):
        return sentence(plain(str(original)))
    if isinstance(original, StoreError):
        log.error("store error in %s: %s", context, original)
        return DATABASE_DOWN
    log.error("unexpected error in %s", context, exc_info=original)
    return APOLOGY


def sentence(text: str) -> str:
    """A reason written for a log line ("this server follows …") as a reply: capitalised, with
    a full stop."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def _bad_option(error: app_commands.TransformerError) -> str:
    expected = _OPTION_KINDS.get(error.type)
    value = quote(str(error.value))
    if expected is None:
        return f"I can't use '{value}' there."
    return f"I can't use '{value}' there: pick {expected}."


def _context(interaction: discord.Interaction[Any]) -> str:
    name = interaction.command.qualified_name if interaction.command else "an interaction"
    return f"/{name} (guild {interaction.guild_id}, user {interaction.user.id})"


async def setup(bot: AlertBot) -> None:
    await bot.add_cog(ErrorHandler(bot))

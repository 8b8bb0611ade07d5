"""/mute add, remove and list: a server silences sources it does not trust.

All three need Manage Messages, declared on the group (Discord reads it there only). A mute
ends by itself: the store ignores expired mutes, so there is no timer to keep.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import AlertBot
from bot.commands._common import (
    Refusal,
    find_source,
    fit,
    guild_id_of,
    plain,
    quote,
    rank_choices,
    relative_time,
    reply,
    server_command,
    server_group,
)
from bot.commands.renamed import old_name
from bot.lookup import find_by_id_or_name
from bot.settings import parse_duration
from bot.store import StoreError

log = logging.getLogger(__name__)

FOREVER = "forever"
#: shorter mutes are likely typos ("2" for two hours); a year is already "until we remember"
SHORTEST_MUTE = timedelta(minutes=1)
LONGEST_MUTE = timedelta(days=366)


class Moderation(commands.Cog):
    """Moderation"""

    mute = server_group("mute", "Silence the sources this server does not trust",
                        manage_messages=True)

    def __init__(self, bot: AlertBot) -> None:
        self.bot = bot

    async def _any_source(
        self, interaction: discord.Interaction[AlertBot], current: str
    ) -> list[app_commands.Choice[str]]:
        try:
            names = await self.bot.source_names(interaction.guild_id)
        except StoreError as e:
            log.warning("no source suggestions for /mute add: %s", e)
            return []
        return rank_choices(names.items(), current)

    async def _muted_source(
        self, interaction: discord.Interaction[AlertBot], current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        try:
            names = await self.bot.source_names(interaction.guild_id)
            muted = await self.bot.store.mutes(interaction.guild_id, self.bot.clock())
        except StoreError as e:
            log.warning("no source suggestions for /mute remove: %s", e)
            return []
        return rank_choices(((m.source, names.get(m.source, m.source)) for m in muted), current)

    @mute.command(name="add", description="Stop posting updates from a source here")
    @server_command(manage_messages=True)
    @app_commands.describe(
        source="The source to silence (see /source list)",
        duration='How long: e.g. "2h", "3d", or "forever" (the default)',
        reason="Why, for the other moderators (shown by /mute list)",
    )
    @app_commands.autocomplete(source=_any_source)
    async def add_mute(
        self,
        interaction: discord.Interaction[AlertBot],
        source: app_commands.Range[str, 1, 100],
        duration: app_commands.Range[str, 1, 20] = FOREVER,
        reason: app_commands.Range[str, None, 200] = "",
    ) -> None:
        """Stops posting one source's updates anywhere in this server, and leaves it out of
        `/latest` and `/search` here. `duration` is `forever` (the default) or a length from a
        minute to a year: `2h`, `3d`, `1h30m`. The mute ends by itself when its time is up.
        `reason` (up to 200 characters) is shown to other moderators by `/mute list`. Muting a
        muted source again replaces its time and reason.

        ```
        /mute add source:example-wire duration:2h reason:posting rumours during the outage
        /mute add source:example-wire
        ```

        Any source this server reads can be muted: the operator's and its own.

        Errors: `I don't know the source 'x'. Try /source list to see them all.`,
        `I can't read that duration: … Or write forever.`,
        `A mute lasts from a minute to a year, or forever.`,
        `You need the Manage Messages permission to do that.`
        """
        guild_id = guild_id_of(interaction)
        names = await self.bot.source_names(guild_id)
        found = find_source(names, source)
        now = self.bot.clock()
        mute = await self.bot.store.mute(
            guild_id,
            found,
            until=mute_until(duration, now),
            reason=reason.strip(),
            created_by=interaction.user.id,
            now=now,
        )
        until = "for good" if mute.until is None else f"until {relative_time(mute.until)}"
        await reply(interaction, f"Muted **{plain(names[found])}** in this server {until}. "
                    "Its updates will not be posted or listed here; /mute remove undoes this.",
                    ephemeral=True)

    @mute.command(name="remove", description="Post updates from a muted source again")
    @server_command(manage_messages=True)
    @app_commands.describe(source="The muted source (see /mute list)")
    @app_commands.autocomplete(source=_muted_source)
    async def remove_mute(
        self,
        interaction: discord.Interaction[AlertBot],
        source: app_commands.Range[str, 1, 100],
    ) -> None:
        """Lifts a mute. Autocomplete offers this server's muted sources.
        Errors: `x isn't muted in this server.`
        """
        guild_id = guild_id_of(interaction)
        names = await self.bot.source_names(guild_id)
        # A source dropped from the configuration may still be muted; accept its bare id.
        source_id = find_by_id_or_name(names.items(), source) or source.strip()
        if not await self.bot.store.unmute(guild_id, source_id):
            raise Refusal(f"{quote(names.get(source_id, source_id))} isn't muted in this server.")
        await reply(interaction, f"**{quote(names.get(source_id, source_id))}** is unmuted; its "
                    "updates will be posted here again.", ephemeral=True)

    @mute.command(name="list", description="List the sources this server has muted")
    @server_command(manage_messages=True)
    async def list_mutes(self, interaction: discord.Interaction[AlertBot]) -> None:
        """This server's current mutes: source, until when (or for good), who muted it, and why."""
        guild_id = guild_id_of(interaction)
        found = await self.bot.store.mutes(guild_id, self.bot.clock())
        if not found:
            await reply(interaction, "No source is muted in this server.", ephemeral=True)
            return
        names = await self.bot.source_names(guild_id)
        lines = []
        for mute in sorted(found, key=lambda m: m.source):
            line = f"**{plain(names.get(mute.source, mute.source))}** · "
            line += "for good" if mute.until is None else f"until {relative_time(mute.until)}"
            if mute.created_by is not None:
                line += f" · by <@{mute.created_by}>"
            if mute.reason:
                line += f" · {plain(mute.reason)}"
            lines.append(line)
        embed = discord.Embed(title="Muted sources", description=fit(lines))
        await reply(interaction, embeds=[embed], ephemeral=True)

    unmute = old_name(remove_mute, "unmute")
    mutes = old_name(list_mutes, "mutes")


def mute_until(duration: str, now: datetime) -> datetime | None:
    """When a mute given as "2h", "3d" or "forever" ends; None for good."""
    if duration.strip().casefold() == FOREVER:
        return None
    try:
        length = timedelta(seconds=parse_duration(duration))
    except ValueError as e:
        # The reason quotes what was typed: disarmed like any other echo of user input.
        raise Refusal(f"I can't read that duration: {plain(str(e))}. Or write forever.") from None
    if not SHORTEST_MUTE <= length <= LONGEST_MUTE:
        raise Refusal("A mute lasts from a minute to a year, or forever.")
    return now + length


async def setup(bot: AlertBot) -> None:
    await bot.add_cog(Moderation(bot))

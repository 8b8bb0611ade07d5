"""/regions and /explain: what the bot can tag, and why it tagged.

Open to everyone, in servers and DMs; every answer is private to whoever asked.
"""

from __future__ import annotations

from collections.abc import Iterable

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import AlertBot
from bot.commands._common import (
    clip,
    embeds_of,
    find_region,
    paged,
    plain,
    rank_choices,
    region_label,
    region_names,
    reply,
)
from bot.delivery.render import render_batch, render_embed
from bot.model import Region, StoredUpdate


class Info(commands.Cog):
    """About the bot"""

    def __init__(self, bot: AlertBot) -> None:
        self.bot = bot

    @app_commands.command(name="regions", description="Browse the regions you can follow")
    @app_commands.describe(
        parent="Show the regions inside this one (default: the top level)",
        page="Which page of the list (default 1)",
    )
    async def regions(
        self,
        interaction: discord.Interaction[AlertBot],
        parent: app_commands.Range[str, 1, 100] | None = None,
        page: app_commands.Range[int, 1, 1000] = 1,
    ) -> None:
        """The regions you can follow: the top level (continents and curated regions such as
        the Balkans), or the regions directly inside `parent`. Each line shows the name, the id
        to type, and how many regions sit inside it.

        ```
        /regions
        /regions parent:balkans
        ```
        """
        matcher = self.bot.matcher
        everything = matcher.regions()
        if parent is None:
            inside = [r for r in everything if not r.parents]
            title = "Top-level regions"
        else:
            found = find_region(everything, parent)
            inside = _regions_by_id(everything, matcher.children(found.id))
            title = f"Regions in {found.name}"
        if not inside:
            await reply(interaction, f"{title}: none. Follow it directly with /subscription add.",
                        ephemeral=True)
            return
        counts = _child_counts(everything)
        lines = [
            f"**{r.name}** · `{r.id}`" + (f" · {counts[r.id]} inside" if counts.get(r.id) else "")
            for r in sorted(inside, key=lambda r: r.name.casefold())
        ]
        await reply(interaction, embeds=[paged(f"{title} ({len(inside)})", lines, page)],
                    ephemeral=True)

    @app_commands.command(name="explain", description="Why an update was tagged as it was")
    @app_commands.describe(update="The update's number, from the footer of its alert")
    async def explain(
        self,
        interaction: discord.Interaction[AlertBot],
        update: app_commands.Range[int, 1, None],
    ) -> None:
        """Why an update was tagged as it was. `update` is the number shown in the footer of an
        alert (`alertbot · update 1234`). The answer shows the update, the regions it named
        directly with the words that hit them, the regions those sit in, and its severity with
        the reasons the rules gave (which rule fired, and what graded it down). Error: `I have
        no update N; it may have been pruned.`
        """
        found = await self.bot.store.get_update(update)
        if found is None:
            await reply(interaction, f"I have no update {update}; it may have been pruned.",
                        ephemeral=True)
            return
        names = region_names(self.bot.matcher.regions())
        alert = render_embed(found, region_names=names)
        why = explanation(found, names)
        # Both must fit one message's 6000 characters; a very long alert gives way to the answer.
        together = len(render_batch([alert, why.to_dict()])) == 1
        await reply(interaction, embeds=[*embeds_of([alert]), why] if together else [why],
                    ephemeral=True)

    @regions.autocomplete("parent")
    async def _parent(
        self, interaction: discord.Interaction[AlertBot], current: str
    ) -> list[app_commands.Choice[str]]:
        everything = self.bot.matcher.regions()
        counts = _child_counts(everything)
        return rank_choices(((r.id, r.name) for r in everything if counts.get(r.id)), current)


def explanation(update: StoredUpdate, names: dict[str, str]) -> discord.Embed:
    """The stored match in words: direct hits with their terms, the regions they sit in, and
    the severity with the reasons the rules gave."""
    match = update.match
    embed = discord.Embed(title=f"Why update {update.id} was tagged this way")
    hits = [
        f"**{region_label(names, hit.region)}**: "
        + ", ".join(f"“{plain(term)}”" for term in hit.terms)
        for hit in match.hits
    ]
    embed.add_field(name="Regions named", value=clip("\n".join(hits) or "none"), inline=False)
    direct = {hit.region for hit in match.hits}
    around = [region_label(names, r) for r in match.regions if r not in direct]
    if around:
        embed.add_field(name="Which sit in", value=clip(" · ".join(around)), inline=False)
    reasons = "\n".join(f"• {plain(reason)}" for reason in match.reasons) or "no rule fired"
    embed.add_field(name=f"Severity: {match.severity.label}", value=clip(reasons), inline=False)
    return embed


def _regions_by_id(regions: Iterable[Region], ids: Iterable[str]) -> list[Region]:
    wanted = set(ids)
    return [r for r in regions if r.id in wanted]


def _child_counts(regions: Iterable[Region]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for region in regions:
        for parent in region.parents:
            counts[parent] = counts.get(parent, 0) + 1
    return counts


async def setup(bot: AlertBot) -> None:
    await bot.add_cog(Info(bot))

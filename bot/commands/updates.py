"""/latest and /search: read stored updates, shown as the same embeds channels receive.

Open to everyone, in servers and DMs; in a server the results leave out the sources that server
muted. Each user gets a few calls per ten seconds, so nobody can keep the database busy.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import AlertBot
from bot.commands._common import (
    PUBLIC_AND_RATE_LIMITED,
    USER_PER_SECONDS,
    USER_RATE,
    Refusal,
    SeverityName,
    embeds_of,
    find_region,
    quote,
    rank_choices,
    region_names,
    reply,
    severity_of,
    user_key,
)
from bot.delivery.render import by_event, render_batch, render_embed
from bot.model import Severity, StoredUpdate
from bot.settings import parse_duration

SEARCH_LIMIT = 10
#: updates read per one shown: the reports of one event are shown as one (issue 14)
_REPORTS_PER_EVENT = 4


class Updates(commands.Cog):
    """Reading updates"""

    def __init__(self, bot: AlertBot) -> None:
        self.bot = bot

    @app_commands.command(name="latest", description="Show the newest updates",
                          extras=PUBLIC_AND_RATE_LIMITED)
    @app_commands.checks.cooldown(USER_RATE, USER_PER_SECONDS, key=user_key)
    @app_commands.describe(
        region="Only updates about this region (see /regions)",
        count="How many updates, 1 to 10 (default 5)",
        min_severity="Only updates at least this serious (default: low, i.e. everything)",
    )
    async def latest(
        self,
        interaction: discord.Interaction[AlertBot],
        region: app_commands.Range[str, 1, 100] | None = None,
        count: app_commands.Range[int, 1, 10] = 5,
        min_severity: SeverityName = "low",
    ) -> None:
        """The newest stored updates, newest first, as the same embeds the channels receive;
        the reports of one event from several sources are one, naming the others under "Also
        reported by". In a server, sources that server has muted are left out, and so are
        other servers' own sources; in a DM, only the operator's sources are shown. One message
        holds at most 10 embeds and 6000 characters. If the updates do not all fit, the answer
        says how many more there were.

        ```
        /latest
        /latest region:kosovo count:3 min_severity:critical
        ```
        """
        region_id, about = self._region_filter(region)
        severity = severity_of(min_severity)
        updates = await self.bot.store.latest(
            region=region_id,
            limit=count * _REPORTS_PER_EVENT,
            min_severity=severity,
            guild_id=interaction.guild_id,
            # In a DM only the operator's sources: no server's own feeds reach elsewhere.
            operator_only=interaction.guild_id is None,
        )
        at_least = "" if severity is Severity.LOW else f" at {severity.label} or worse"
        if not updates:
            await reply(interaction, f"No updates{about}{at_least} yet.", ephemeral=True)
            return
        await self._show(interaction, f"The latest updates{about}{at_least}:", updates, count)

    @app_commands.command(name="search", description="Search the stored updates by words",
                          extras=PUBLIC_AND_RATE_LIMITED)
    @app_commands.checks.cooldown(USER_RATE, USER_PER_SECONDS, key=user_key)
    @app_commands.describe(
        query="Words to look for, e.g. border crossing",
        region="Only updates about this region (see /regions)",
        since='Only updates from this period: "24h", "7d", or a date like 2024-05-01',
    )
    async def search(
        self,
        interaction: discord.Interaction[AlertBot],
        query: app_commands.Range[str, 1, 200],
        region: app_commands.Range[str, 1, 100] | None = None,
        since: app_commands.Range[str, 1, 40] | None = None,
    ) -> None:
        """Full-text search over stored updates (titles and text), at most 10 results. `query`
        is up to 200 characters. Words are matched as words, so quotes, `AND`, `OR`, `*` and
        other search syntax are taken literally rather than as operators. A query with no words
        finds nothing. `since` is a period back from now (`24h`, `7d`, `1h30m`) or a date or
        time (`2024-05-01`, `2024-05-01T18:00:00+01:00`; UTC unless it says otherwise).

        ```
        /search query:border crossing region:balkans since:24h
        /search query:"power plant" since:2024-05-01
        ```

        Errors: `I can't read "x" as a time: write e.g. 24h, 7d or 2024-05-01.`, the unknown
        region message, and `Slow down a little: try again in N seconds.` for more than 5 calls
        of `/latest` and `/search` within 10 seconds by one user.
        """
        region_id, about = self._region_filter(region)
        start = parse_since(since, self.bot.clock()) if since is not None else None
        updates = await self.bot.store.search(
            query,
            region=region_id,
            since=start,
            limit=SEARCH_LIMIT * _REPORTS_PER_EVENT,
            guild_id=interaction.guild_id,
            # In a DM only the operator's sources: no server's own feeds reach elsewhere.
            operator_only=interaction.guild_id is None,
        )
        if not updates:
            await reply(interaction, f"No updates{about} match “{quote(query)}”.", ephemeral=True)
            return
        await self._show(
            interaction, f"Updates{about} matching “{quote(query)}”:", updates, SEARCH_LIMIT
        )

    def _region_filter(self, text: str | None) -> tuple[str | None, str]:
        """The region option as the id to filter by (None: every region) and the words that say
        so in a reply."""
        if text is None:
            return None, ""
        found = find_region(self.bot.matcher.regions(), text)
        return found.id, f" about {found.name}"

    async def _show(
        self,
        interaction: discord.Interaction[AlertBot],
        heading: str,
        updates: Sequence[StoredUpdate],
        count: int,
    ) -> None:
        """Send the first ``count`` updates, an event's reports as one, that fit one message
        (10 embeds, 6000 characters) and say how many did not."""
        names = region_names(self.bot.matcher.regions())
        shown = by_event(updates)[:count]
        first = render_batch(
            [render_embed(u, region_names=names, also=also) for u, also in shown]
        )[0]
        left = len(shown) - len(first)
        if left:
            heading += f" (and {left} more that did not fit; ask for fewer)"
        await reply(interaction, heading, embeds=embeds_of(first))

    @latest.autocomplete("region")
    @search.autocomplete("region")
    async def _region(
        self, interaction: discord.Interaction[AlertBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return rank_choices(((r.id, r.name) for r in self.bot.matcher.regions()), current)


def parse_since(text: str, now: datetime) -> datetime:
    """``"24h"``/``"7d"`` back from `now`, or an ISO date/datetime (UTC unless it says)."""
    try:
        return now - timedelta(seconds=parse_duration(text))
    except ValueError:
        pass
    except OverflowError:
        raise Refusal(f"“{quote(text)}” reaches too far back.") from None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise Refusal(f"I can't read “{quote(text)}” as a time: write e.g. 24h, 7d or "
                      "2024-05-01.") from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        # In UTC now, while it can still be refused: "0001-01-01T00:00+14:00" is before year 1
        # there, and the store would meet the overflow instead.
        return moment.astimezone(UTC)
    except OverflowError:
        raise Refusal(f"“{quote(text)}” is outside the calendar I can search.") from None


async def setup(bot: AlertBot) -> None:
    await bot.add_cog(Updates(bot))

"""/subscription add, remove and list: which channels follow which regions.

Changing subscriptions needs Manage Channels, both where the command is used and in the channel
being changed; listing them is open to every member, since it only shows what the server's
channels already receive. A ping role follows Discord's own mention rule, for the member as
well as the bot (``_check_ping_role``); the sender checks it again before each ping.
"""

from __future__ import annotations

import logging
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import AlertBot
from bot.commands._common import (
    Refusal,
    SeverityName,
    embeds_of,
    find_region,
    fit,
    guild_id_of,
    permission_names,
    plain,
    rank_choices,
    region_label,
    region_names,
    reply,
    server_command,
    server_group,
    severity_of,
)
from bot.commands.renamed import old_name
from bot.delivery.render import render_embed
from bot.matching.filters import compile_filter
from bot.model import Severity, StoredUpdate, StoryMode, Subscription
from bot.store import StoreError

log = logging.getLogger(__name__)

#: channels an alert can be posted in; announcement channels are TextChannels with is_news()
PostableChannel = discord.TextChannel | discord.Thread

#: where a story's later updates go: the option ``follow`` (Discord checks the choices)
FollowName = Literal["channel", "reply", "thread"]

#: how many recent updates of the region to look through for a preview that passes the filter
PREVIEW_LOOKBACK = 25


class Subscriptions(commands.Cog):
    """Following regions"""

    # Listing is open to every member, so Discord shows the group to all; adding and removing
    # refuse a member without Manage Channels.
    subscription = server_group("subscription", "Which channels follow which regions")

    def __init__(self, bot: AlertBot) -> None:
        self.bot = bot

    async def _any_region(
        self, interaction: discord.Interaction[AlertBot], current: str
    ) -> list[app_commands.Choice[str]]:
        return rank_choices(((r.id, r.name) for r in self.bot.matcher.regions()), current)

    async def _subscribed_region(
        self, interaction: discord.Interaction[AlertBot], current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        try:
            followed = {s.region for s in await self.bot.store.subscriptions(interaction.guild_id)}
        except StoreError as e:
            log.warning("no region suggestions for /subscription remove: %s", e)
            return []
        names = region_names(self.bot.matcher.regions())
        return rank_choices(((r, region_label(names, r)) for r in followed), current)

    @subscription.command(name="add", description="Post a region's updates in a channel")
    @server_command(manage_channels=True)
    @app_commands.describe(
        region="The region to follow, e.g. balkans or kosovo (see /regions)",
        channel="Where to post; defaults to this channel",
        min_severity="Only post updates at least this serious (default: low, i.e. everything)",
        filter='Only post updates matching these words, e.g. border -sport "power plant"',
        ping_role="A role to mention on serious updates",
        ping_severity="How serious an update must be to mention the role (default: critical)",
        publish="Crosspost each alert to following servers (announcement channels only)",
        follow="Where a developing story's later updates go: reply (default), thread, channel",
    )
    @app_commands.autocomplete(region=_any_region)
    async def add_subscription(
        self,
        interaction: discord.Interaction[AlertBot],
        region: app_commands.Range[str, 1, 100],
        channel: PostableChannel | None = None,
        min_severity: SeverityName = "low",
        filter: app_commands.Range[str, None, 300] = "",
        ping_role: discord.Role | None = None,
        ping_severity: SeverityName | None = None,
        publish: bool = False,
        follow: FollowName = "reply",
    ) -> None:
        """Posts every new update about `region` (and the regions inside it) in a channel.

        `channel` is a text channel, announcement channel or thread. `filter` takes up to 300
        characters: `words` (all must appear), `"exact phrases"`, `-excluded` words,
        `re:pattern` (a regular expression). `ping_role` must be a mentionable role, or any
        role if both you and the bot have Mention Everyone in the channel (Discord's own
        rule). `publish` crossposts each alert to the servers following an announcement
        channel. `follow` says where a developing story's later updates go (an article that
        grows "Update (HHMM): …" paragraphs): `reply` (the default) posts each as a reply to
        the story's first alert in the channel, `thread` in a thread the bot opens on that
        alert, `channel` as plain new alerts. A story whose first alert never reached the
        channel starts afresh there: its next update posted becomes its alert.

        You need Manage Channels where you run the command *and* in the target channel. Running it
        again for the same channel and region replaces that subscription's settings. The answer says
        what was set up and previews the latest stored update that the subscription would have
        posted, or says that nothing matching has come in yet.

        ```
        /subscription add region:balkans
        /subscription add region:kosovo channel:#kosovo-watch min_severity:high ping_role:@on-call
        /subscription add region:middle-east filter:ceasefire -sport "aid convoy"
        /subscription add region:europe channel:#alerts-feed publish:True
        /subscription add region:ukraine follow:thread
        ```

        Errors:

        - `I don't know the region 'x'. Try /regions to browse them.`, with the regions spelt close
          to what was typed when there are some: `I don't know the region 'kosvo'. Did you mean
          Kosovo? …`
        - `You need the Manage Channels permission to do that.`
        - `I can't post alerts in #news: I need the Embed Links permission there.` (also View
          Channel, Send Messages, and Send Messages in Threads for a thread)
        - `I can post alerts in text channels, announcement channels and threads; pick one with the
          channel option.`
        - `publish only works in announcement channels; #news is not one.`
        - `That filter doesn't work: …` followed by the reason, e.g. a pattern RE2 cannot compile,
          or a filter that is too long.
        - `I won't ping @everyone; pick a role for the pings.`
        - `You can't set @role to be pinged: it isn't mentionable, and you need the Mention
          Everyone permission in #news to ping it.`
        - `I can't ping @role: it isn't mentionable and I don't have the Mention Everyone
          permission in #news.`
        - `ping_severity only matters with a ping_role; pick the role to mention.`
        - `I can't open threads in #news: I need the Create Public Threads permission there.
          Give it, or pick follow:reply.` (also Send Messages in Threads), and `#x is a thread,
          and threads can't hold threads; pick follow:reply there.`

        `follow:thread` needs the bot to have Create Public Threads and Send Messages in Threads
        in the channel. Without them, the stories go as replies and the server's system channel
        is told once: `I can't open threads for story updates in #news: … They go as replies to
        the story's first alert instead. …`; run the command again with `follow:thread` once
        the permissions are given.

        The rule is checked again before every ping. If the role is made unmentionable later (or the
        member who set the ping loses Mention Everyone), the alerts go on without the ping and the
        server's system channel is told once: `I stopped pinging @role for alerts in #news: … Run
        /subscription add again with ping_role to set a role I may ping.`
        """
        guild_id = guild_id_of(interaction)
        found = find_region(self.bot.matcher.regions(), region)
        target = _target_channel(interaction, channel)
        _check_member_can_manage(interaction, target)
        _check_bot_can_post(target, publish)
        if follow == "thread":
            _check_bot_can_open_threads(target)
        if ping_role is not None:
            _check_ping_role(interaction, target, ping_role)
        if ping_severity is not None and ping_role is None:
            raise Refusal("ping_severity only matters with a ping_role; pick the role to mention.")
        subscription, created = await self.bot.store.subscribe(
            guild_id,
            target.id,
            found.id,
            min_severity=severity_of(min_severity),
            filter=filter,
            ping_role_id=ping_role.id if ping_role else None,
            ping_severity=severity_of(ping_severity or "critical"),
            publish=publish,
            now=self.bot.clock(),
            ping_set_by=interaction.user.id,
            story=StoryMode(follow),
        )
        names = region_names(self.bot.matcher.regions())
        verb = "now follows" if created else "still follows, with new settings,"
        lines = [f"{target.mention} {verb} **{found.name}**: {_describe(subscription)}."]
        preview = await self._preview(subscription, guild_id)
        if preview is None:
            lines.append("Nothing matching has come in yet; new updates will be posted there.")
            await reply(interaction, "\n".join(lines), ephemeral=True)
            return
        lines.append("The latest matching update, as it would look:")
        embed = render_embed(preview, region_names=names)
        await reply(interaction, "\n".join(lines), embeds=embeds_of([embed]), ephemeral=True)

    async def _preview(self, subscription: Subscription, guild_id: int) -> StoredUpdate | None:
        recent = await self.bot.store.latest(
            region=subscription.region,
            limit=PREVIEW_LOOKBACK if subscription.filter else 1,
            min_severity=subscription.min_severity,
            guild_id=guild_id,
        )
        if not subscription.filter:
            return recent[0] if recent else None
        wanted = compile_filter(subscription.filter)
        return next((u for u in recent if wanted.matches(f"{u.title}\n{u.text}")), None)

    @subscription.command(name="remove", description="Stop posting a region in a channel")
    @server_command(manage_channels=True)
    @app_commands.describe(
        region="The region the channel follows (see /subscription list)",
        channel="The channel to change; defaults to this channel",
    )
    @app_commands.autocomplete(region=_subscribed_region)
    async def remove_subscription(
        self,
        interaction: discord.Interaction[AlertBot],
        region: app_commands.Range[str, 1, 100],
        channel: PostableChannel | None = None,
    ) -> None:
        """Stops posting `region` in `channel` (default: here). It needs Manage Channels, like
        `/subscription add`. Autocomplete offers the regions this server follows. A region that has
        since been removed from the bot's configuration can still be removed by its id.

        ```
        /subscription remove region:balkans
        /subscription remove region:kosovo channel:#kosovo-watch
        ```

        Errors: `#news doesn't follow Balkans; /subscription list lists what this server follows.`,
        the unknown region message, and the permission messages.
        """
        guild_id = guild_id_of(interaction)
        target = _target_channel(interaction, channel)
        _check_member_can_manage(interaction, target)
        # A region removed from the configuration since can still be unsubscribed by its id.
        followed = {s.region for s in await self.bot.store.subscriptions(guild_id, target.id)}
        value = region.strip()
        regions = self.bot.matcher.regions()
        region_id = value if value in followed else find_region(regions, value).id
        names = region_names(regions)
        removed = await self.bot.store.unsubscribe(guild_id, target.id, region_id)
        label = region_label(names, region_id)
        if not removed:
            raise Refusal(f"{target.mention} doesn't follow {label}; /subscription list lists "
                          "what this server follows.")
        await reply(interaction, f"{target.mention} no longer follows **{label}**.",
                    ephemeral=True)

    @subscription.command(name="list", description="List what this server follows")
    @server_command()
    @app_commands.describe(channel="Only this channel's subscriptions")
    async def list_subscriptions(
        self,
        interaction: discord.Interaction[AlertBot],
        channel: PostableChannel | None = None,
    ) -> None:
        """Lists what this server's channels follow, or only `channel`'s, with each subscription's
        settings. A subscription the bot had to pause (it lost access to the channel, or the channel
        was deleted) is marked `⏸ paused:` with the reason. Running `/subscription add` again for it
        resumes it once the problem is fixed. Any member may list subscriptions, since the channels
        already show what they receive; so Discord shows the whole `/subscription` group to every
        member, and `add` and `remove` refuse those without Manage Channels. The answer is private.
        Long lists end with `…and N more`.
        """
        guild_id = guild_id_of(interaction)
        found = await self.bot.store.subscriptions(guild_id, channel.id if channel else None)
        where = channel.mention if channel else "this server"
        if not found:
            await reply(interaction, f"Nothing in {where} follows a region yet; try "
                        "/subscription add.", ephemeral=True)
            return
        names = region_names(self.bot.matcher.regions())
        lines = [
            f"<#{s.channel_id}> · **{region_label(names, s.region)}** · {_describe(s)}"
            + (f"\n  ⏸ paused: {plain(s.paused_reason)}" if s.paused_reason else "")
            for s in sorted(found, key=lambda s: (s.channel_id, s.region))
        ]
        title = f"Subscriptions in #{channel.name}" if channel else "Subscriptions in this server"
        embed = discord.Embed(title=title, description=fit(lines))
        await reply(interaction, embeds=[embed], ephemeral=True)

    subscribe = old_name(add_subscription, "subscribe")
    unsubscribe = old_name(remove_subscription, "unsubscribe")
    subscriptions = old_name(list_subscriptions, "subscriptions")


def _target_channel(
    interaction: discord.Interaction[AlertBot], channel: PostableChannel | None
) -> PostableChannel:
    target = channel if channel is not None else interaction.channel
    if not isinstance(target, discord.TextChannel | discord.Thread):
        raise Refusal("I can post alerts in text channels, announcement channels and threads; "
                      "pick one with the channel option.")
    # Discord only offers the server's own channels; a crafted id must not reach another guild.
    if target.guild.id != interaction.guild_id:
        raise Refusal("That channel is not in this server.")
    return target


def _check_member_can_manage(
    interaction: discord.Interaction[AlertBot], target: PostableChannel
) -> None:
    """Manage Channels where the command runs is checked by the decorator; the member must also
    have it in the channel being changed, which overwrites may deny."""
    member = interaction.user
    if isinstance(member, discord.Member) and not target.permissions_for(member).manage_channels:
        raise app_commands.MissingPermissions(["manage_channels"])


def _check_bot_can_post(target: PostableChannel, publish: bool) -> None:
    perms = target.permissions_for(target.guild.me)
    send = "send_messages_in_threads" if isinstance(target, discord.Thread) else "send_messages"
    missing = [p for p in ("view_channel", send, "embed_links") if not getattr(perms, p)]
    if missing:
        raise Refusal(f"I can't post alerts in {target.mention}: I need the "
                      f"{permission_names(missing)} permission there.")
    if publish and not (isinstance(target, discord.TextChannel) and target.is_news()):
        raise Refusal("publish only works in announcement channels; "
                      f"{target.mention} is not one.")


def _check_bot_can_open_threads(target: PostableChannel) -> None:
    """``follow:thread`` opens a thread on each story's alert; the sender falls back to replies
    if the permission goes later, but a setting that cannot work from the start is refused."""
    if isinstance(target, discord.Thread):
        raise Refusal(f"{target.mention} is a thread, and threads can't hold threads; pick "
                      "follow:reply there.")
    perms = target.permissions_for(target.guild.me)
    missing = [p for p in ("create_public_threads", "send_messages_in_threads")
               if not getattr(perms, p)]
    if missing:
        raise Refusal(f"I can't open threads in {target.mention}: I need the "
                      f"{permission_names(missing)} permission there. Give it, or pick "
                      "follow:reply.")


def _check_ping_role(
    interaction: discord.Interaction[AlertBot], target: PostableChannel, role: discord.Role
) -> None:
    """Discord's own rule for a role mention: anyone may ping a mentionable role; any other
    needs Mention Everyone in the channel. The member must be allowed, not only the bot,
    or Manage Channels alone would let them ping a role the server keeps quiet."""
    if role.is_default():
        raise Refusal("I won't ping @everyone; pick a role for the pings.")
    if role.guild.id != target.guild.id:
        raise Refusal("That role is not in this server.")
    if role.mentionable:
        return
    member = interaction.user
    if not (isinstance(member, discord.Member)
            and target.permissions_for(member).mention_everyone):
        raise Refusal(f"You can't set {role.mention} to be pinged: it isn't mentionable, and "
                      f"you need the Mention Everyone permission in {target.mention} to ping it.")
    if not target.permissions_for(target.guild.me).mention_everyone:
        raise Refusal(f"I can't ping {role.mention}: it isn't mentionable and I don't "
                      f"have the Mention Everyone permission in {target.mention}.")


def _describe(subscription: Subscription) -> str:
    parts = [
        "every update" if subscription.min_severity is Severity.LOW
        else f"{subscription.min_severity.label} updates and worse"
    ]
    if subscription.filter:
        parts.append(f"matching “{plain(subscription.filter)}”")
    if subscription.ping_role_id is not None:
        parts.append(f"pinging <@&{subscription.ping_role_id}> at "
                     f"{subscription.ping_severity.label}")
    if subscription.publish:
        parts.append("crossposted")
    parts.append({
        StoryMode.CHANNEL: "stories as new alerts",
        StoryMode.REPLY: "stories as replies",
        StoryMode.THREAD: "stories in threads",
    }[subscription.story])
    return ", ".join(parts)


async def setup(bot: AlertBot) -> None:
    await bot.add_cog(Subscriptions(bot))

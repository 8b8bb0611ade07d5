"""/source add, test, remove, edit, list, import and export: the feeds a server reads.

A server's own sources reach only its channels; the operator's reach every server. Changing
them needs Manage Server, checked on each subcommand, since Discord shows the whole group to
everyone (`/source test` and `/source list` are open to all, in DMs too). A URL is fetched
through the poll loop's own fetcher, so the limits and the address checks of every poll apply
to a preview as well (bot/pipeline/guard.py): what the bot will not poll is refused at once,
with the reason. Refusals of the store (`FollowRefused`: a full server, a URL followed
already, an interval below the operator's minimum) are answered by errors.py in its words.
"""

from __future__ import annotations

import io
import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import AlertBot
from bot.commands._common import (
    Refusal,
    clip,
    embeds_of,
    fit,
    guild_id_of,
    paged,
    plain,
    quote,
    rank_choices,
    region_names,
    reply,
    server_command,
    user_key,
)
from bot.commands._source_views import preview_embed, preview_summary, source_lines
from bot.commands.renamed import old_name
from bot.follows import (
    FollowRefused,
    check_language,
    check_room,
    default_name,
    not_followed,
    url_key,
)
from bot.opml import OpmlError, OpmlFeed, read_opml, write_opml
from bot.pipeline.fetch import FetchError
from bot.pipeline.preview import FeedPreview, NotAFeed, preview_feed
from bot.settings import format_duration, parse_duration
from bot.store import StoreError

log = logging.getLogger(__name__)

#: /source test fetches a URL for anyone: one per user per half minute keeps the bot from
#: being anyone's fetching proxy
TEST_RATE, TEST_PER_SECONDS = 1, 30.0
#: the longest reason shown for a URL that is no feed (the URL is in it, and URLs are long)
REASON_SHOWN = 1500


class Sources(commands.Cog):
    """Sources

    The operator's sources reach every server; a server's own sources, added here, reach only
    its channels. A URL that several servers follow is fetched once per poll for all of them.
    The first poll of a new source is silent: what the feed holds when it is added is never
    posted, only what comes after.
    """

    # /source test and /source list are for everyone (in DMs too), so the group declares
    # nothing; the subcommands that change a server's sources check Manage Server each.
    source = app_commands.Group(name="source", description="The feeds this server reads")

    def __init__(self, bot: AlertBot) -> None:
        self.bot = bot

    async def _own_source(
        self, interaction: discord.Interaction[AlertBot], current: str
    ) -> list[app_commands.Choice[str]]:
        if interaction.guild_id is None:
            return []
        try:
            followed = await self.bot.store.follows(interaction.guild_id)
        except StoreError as e:
            log.warning("no source suggestions for /source: %s", e)
            return []
        return rank_choices(((f.follow.source, f.follow.name) for f in followed), current)

    @source.command(name="add", description="Follow a feed in this server")
    @server_command(manage_guild=True)
    @app_commands.describe(
        url="The feed's address: RSS, Atom, JSON Feed or a live-blog page",
        name="What its alerts are called here (default: the feed's own title)",
        interval='How often to look at it, e.g. "10m" (default 10m)',
        language="The language of its text, a two-letter code such as en or fr (default en)",
    )
    async def add(
        self,
        interaction: discord.Interaction[AlertBot],
        url: app_commands.Range[str, 1, 2000],
        name: app_commands.Range[str, 1, 100] | None = None,
        interval: app_commands.Range[str, 1, 20] | None = None,
        language: app_commands.Range[str, 2, 10] = "en",
    ) -> None:
        """Fetches `url` now, the way every poll will, and shows what it found: the feed's
        title, its kind, how many entries it has and its latest entry as a channel would get
        it, with its regions and severity. Then this server follows it: its updates reach this
        server's subscribed channels, and no other server's. Its first poll is silent, so the
        entries there now are never posted; it is polled from then on without a restart.

        ```
        /source add url:https://example.org/news/rss
        /source add url:https://example.org/live name:Example live interval:5m language:fr
        ```

        Errors: a URL that is no feed the bot can read is refused with the reason (the HTTP
        status, the parse error, too large, an address the bot may not reach); so are a server
        at its limit of sources, a feed this server follows already, an interval below the
        operator's minimum, and servers adding sources on a bot whose operator does not allow
        it. Nothing is added then.
        """
        guild_id = guild_id_of(interaction)
        seconds = _interval(interval)
        # Refused before any fetch: a full server or a URL followed already costs nothing.
        await self.bot.store.check_follow(guild_id, url, interval=seconds, language=language)
        await interaction.response.defer(ephemeral=True, thinking=True)
        preview = await self._preview(url, language, "Nothing was added.")
        added = await self.bot.store.add_follow(
            guild_id, url, name=name or default_name(preview.title, url), now=self.bot.clock(),
            interval=seconds, language=language, added_by=interaction.user.id,
        )
        follow = added.follow
        heading = (f"{preview_summary(preview)}\nThis server now follows it as "
                   f"**{plain(follow.name)}** (`{follow.source}`), every "
                   f"{format_duration(follow.interval)}. Its first poll is silent: only what "
                   "comes after it is posted.")
        await self._show(interaction, heading, preview, follow.name)

    @source.command(name="test", description="Look at a feed as the bot would, without adding it",
                    extras={"limit": f"{TEST_RATE} per {TEST_PER_SECONDS:g} s"})
    @app_commands.checks.cooldown(TEST_RATE, TEST_PER_SECONDS, key=user_key)
    @app_commands.describe(
        url="The feed's address: RSS, Atom, JSON Feed or a live-blog page",
        language="The language of its text, a two-letter code such as en or fr (default en)",
    )
    async def test(
        self,
        interaction: discord.Interaction[AlertBot],
        url: app_commands.Range[str, 1, 2000],
        language: app_commands.Range[str, 2, 10] = "en",
    ) -> None:
        """The same look at `url` as `/source add` gives, without following it: the feed's
        title, kind, entry count and latest entry with its regions and severity, or why the bot
        cannot read it. Anyone may use it, once every 30 seconds.
        """
        url_key(url)  # not an http(s) URL: refused before anything is fetched
        check_language(language)
        await interaction.response.defer(ephemeral=True, thinking=True)
        preview = await self._preview(url, language, "")
        await self._show(interaction, preview_summary(preview), preview,
                         default_name(preview.title, url))

    @source.command(name="remove", description="Stop following one of this server's sources")
    @server_command(manage_guild=True)
    @app_commands.describe(source="One of this server's sources (see /source list)")
    @app_commands.autocomplete(source=_own_source)
    async def remove(
        self,
        interaction: discord.Interaction[AlertBot],
        source: app_commands.Range[str, 1, 2000],
    ) -> None:
        """Stops following one of this server's own sources (its id, name or URL); the
        operator's cannot be removed here. Its stored updates stay for `/latest` and `/search`
        until they grow old, and nothing more of it is posted in this server.
        """
        guild_id = guild_id_of(interaction)
        removed = await self.bot.store.remove_follow(guild_id, source, now=self.bot.clock())
        await reply(interaction, f"This server no longer follows **{plain(removed.name)}** "
                    f"(`{removed.source}`). Its stored updates stay for /latest and /search.",
                    ephemeral=True)

    @source.command(name="edit", description="Change one of this server's sources")
    @server_command(manage_guild=True)
    @app_commands.describe(
        source="One of this server's sources (see /source list)",
        name="What its alerts are called here",
        interval='How often to look at it, e.g. "10m"',
        language="The language of its text, a two-letter code such as en or fr",
        enabled="False pauses it here without forgetting it; True resumes it",
    )
    @app_commands.autocomplete(source=_own_source)
    async def edit(
        self,
        interaction: discord.Interaction[AlertBot],
        source: app_commands.Range[str, 1, 2000],
        name: app_commands.Range[str, 1, 100] | None = None,
        interval: app_commands.Range[str, 1, 20] | None = None,
        language: app_commands.Range[str, 2, 10] | None = None,
        enabled: bool | None = None,
    ) -> None:
        """Changes what is given and leaves the rest. A paused source (`enabled:False`) posts
        nothing here and is not fetched for this server; its place among the server's sources
        is kept.
        """
        guild_id = guild_id_of(interaction)
        if name is None and interval is None and language is None and enabled is None:
            raise Refusal("Nothing to change: give a name, interval, language or enabled.")
        edited = await self.bot.store.edit_follow(
            guild_id, source, now=self.bot.clock(), name=name, interval=_interval(interval),
            language=language, enabled=enabled,
        )
        follow = edited.follow
        state = "" if follow.enabled else ", paused"
        await reply(interaction, f"**{plain(follow.name)}** (`{follow.source}`): every "
                    f"{format_duration(follow.interval)}, language {follow.language}{state}.",
                    ephemeral=True)

    @source.command(name="list", description="List the feeds I read here and their health")
    @app_commands.describe(page="Which page of the list (default 1)")
    async def list_sources(
        self,
        interaction: discord.Interaction[AlertBot],
        page: app_commands.Range[int, 1, 1000] = 1,
    ) -> None:
        """Each source this server reads, the operator's and its own (in a DM, the operator's),
        with whose it is, its status (`ok`, `waiting for its first poll`, `failing (N in a
        row): kind`, `disabled`, `stopped: reason`, `removed from the configuration`), how often it
        is polled, its last and next poll, and its last error while it is failing. Long lists
        are split into pages; `page` picks one.
        """
        guild_id = interaction.guild_id
        # The operator's sources and this server's own; never another server's.
        followed = await self.bot.store.follows(guild_id, with_operator=guild_id is not None)
        if not followed:
            await reply(interaction, "No sources yet.", ephemeral=True)
            return
        lines = source_lines(followed, guild_id)
        await reply(interaction, embeds=[paged(f"Sources ({len(lines)})", lines, page)],
                    ephemeral=True)

    @source.command(name="import", description="Follow every feed of an OPML file")
    @server_command(manage_guild=True)
    @app_commands.describe(file="An OPML file, as feed readers export their list of feeds")
    async def import_opml(
        self, interaction: discord.Interaction[AlertBot], file: discord.Attachment,
    ) -> None:
        """Follows every feed the file lists (OPML 1.0 or 2.0, folders too), named as the file
        names them. The feeds are not fetched now: one that fails shows its error in `/source
        list` after its first poll. Feeds this server follows already are skipped. A file
        that would take the server past its limit of sources is refused whole, and so is a
        file larger than the operator allows or one that is no OPML.
        """
        guild_id = guild_id_of(interaction)
        limits = self.bot.source_limits
        # Attachment.size is Discord's count: a file too large is refused before any download.
        if file.size > limits.opml_max_bytes:
            raise Refusal(f"That file is {file.size} bytes; I accept OPML files of at most "
                          f"{limits.opml_max_bytes} bytes.")
        await interaction.response.defer(ephemeral=True, thinking=True)
        feeds = await self._download_opml(file)
        followed = [f.follow.url for f in await self.bot.store.follows(guild_id)]
        fresh = set(not_followed([f.url for f in feeds], followed))
        try:
            check_room(guild_id, len(fresh), len(followed), limits)
        except FollowRefused as e:
            raise Refusal(f"That file {e}.") from None
        lines = []
        for feed in feeds:
            lines.append(await self._import_one(guild_id, feed, fresh, interaction.user.id))
        added = sum(line.startswith("added") for line in lines)
        embed = discord.Embed(title=f"Imported {added} of {len(feeds)} feeds",
                              description=fit(lines))
        await reply(interaction, embeds=[embed], ephemeral=True)

    @source.command(name="export", description="This server's sources as an OPML file")
    @server_command(manage_guild=True)
    async def export_opml(self, interaction: discord.Interaction[AlertBot]) -> None:
        """This server's own sources as an OPML 2.0 file, with the name each goes by here,
        for a feed reader or for `/source import` on another server. The operator's sources
        are not in it.
        """
        guild_id = guild_id_of(interaction)
        followed = await self.bot.store.follows(guild_id)
        if not followed:
            raise Refusal("This server follows no sources of its own; /source add or /source "
                          "import adds some.")
        title = f"alertbot: sources of {interaction.guild.name if interaction.guild else guild_id}"
        document = write_opml(title, [OpmlFeed(f.follow.url, f.follow.name) for f in followed])
        await interaction.response.send_message(
            f"This server's {len(followed)} sources:",
            file=discord.File(io.BytesIO(document), filename="alertbot-sources.opml"),
            ephemeral=True,
        )

    sources = old_name(list_sources, "sources")

    async def _preview(self, url: str, language: str, then: str) -> FeedPreview:
        """What ``url`` holds, read as a poll would; refused with the reason (and ``then``)
        when it is no feed the bot can read."""
        try:
            return await preview_feed(self.bot.fetcher, url, matcher=self.bot.matcher,
                                      language=language)
        except NotAFeed as e:
            reason = f"{plain(clip(str(e), REASON_SHOWN))}."
            raise Refusal(f"{reason} {then}".strip()) from None

    async def _show(
        self, interaction: discord.Interaction[AlertBot], heading: str, preview: FeedPreview,
        name: str,
    ) -> None:
        """The heading and the feed's latest entry, as the alert a channel would get."""
        embed = preview_embed(preview, name=name, now=self.bot.clock(),
                              region_names=region_names(self.bot.matcher.regions()))
        if embed is None:
            heading += "\nThe feed has no entries yet."
        else:
            heading += "\nIts latest entry, as it would be posted:"
        await reply(interaction, heading, embeds=embeds_of([embed] if embed else []),
                    ephemeral=True)

    async def _download_opml(self, file: discord.Attachment) -> list[OpmlFeed]:
        """The attachment, read through the fetcher with the OPML limit (never more bytes than
        that, whatever Discord said its size was), and parsed."""
        limits = self.bot.source_limits
        try:
            fetched = await self.bot.fetcher.fetch(file.url, max_bytes=limits.opml_max_bytes)
        except FetchError as e:
            raise Refusal(f"I couldn't read that file: {plain(e.message)}.") from None
        try:
            feeds = read_opml(fetched.body, max_bytes=limits.opml_max_bytes,
                              max_outlines=limits.opml_max_outlines)
        except OpmlError as e:
            raise Refusal(f"That file doesn't work: {plain(str(e))}.") from None
        if not feeds:
            raise Refusal("That file lists no feeds (no outline with an xmlUrl).")
        return feeds

    async def _import_one(
        self, guild_id: int, feed: OpmlFeed, fresh: set[str], user_id: int
    ) -> str:
        """Follow one feed of a file; the line that says what became of it."""
        shown = quote(feed.url)
        if feed.url not in fresh:
            return f"already followed: {shown}"
        try:
            added = await self.bot.store.add_follow(
                guild_id, feed.url, name=default_name(feed.title, feed.url),
                now=self.bot.clock(), added_by=user_id,
            )
        except FollowRefused as e:
            return f"refused: {shown}: {plain(str(e))}"
        return f"added **{plain(added.follow.name)}** (`{added.follow.source}`)"


def _interval(text: str | None) -> int | None:
    """An interval option ("10m") in seconds; the limits are the store's to check."""
    if text is None:
        return None
    try:
        return parse_duration(text)
    except ValueError as e:
        raise Refusal(f"I can't read that interval: {plain(str(e))}.") from None


async def setup(bot: AlertBot) -> None:
    await bot.add_cog(Sources(bot))

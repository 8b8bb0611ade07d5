"""The discord.py bot: holds the services the cogs reach, loads the cogs, syncs the slash
commands when they changed (bot/command_sync.py).

It is an ``AutoShardedBot``: one process runs the shards it is given (``shard_ids`` of
``shard_count``), or every shard Discord recommends (GET /gateway/bot) when given none, so
several processes can split a bot's guilds between them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime

import discord
from discord.ext import commands

from bot.command_sync import sync_if_changed
from bot.follows import SourceLimits
from bot.pipeline.fetch import Fetcher
from bot.pipeline.match import Matcher
from bot.store import StoreContract, StoreError

log = logging.getLogger(__name__)

EXTENSIONS = (
    "bot.commands.errors",
    "bot.commands.subscriptions",
    "bot.commands.updates",
    "bot.commands.moderation",
    "bot.commands.info",
    "bot.commands.sources",
    "bot.commands.renamed",
)


def intents() -> discord.Intents:
    """Only guilds: channels, roles and the system channel. Interactions need no intent, and the
    bot never reads other people's messages."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    return wanted


class AlertBot(commands.AutoShardedBot):
    def __init__(
        self,
        *,
        store: StoreContract,
        matcher: Matcher,
        fetcher: Fetcher,
        source_limits: SourceLimits,
        clock: Callable[[], datetime],
        dev_guild: int | None = None,
        force_sync: bool = False,
        extensions: Sequence[str] = EXTENSIONS,
        **options: object,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents(),
            help_command=None,
            allowed_mentions=discord.AllowedMentions.none(),
            **options,  # type: ignore[arg-type]
        )
        self.store = store
        self.matcher = matcher
        #: the poll loop's fetcher (the same limits and address checks): /source add and test
        #: read a URL through it, and /source import downloads its file with it
        self.fetcher = fetcher
        #: what servers may do with sources of their own ([guild_sources] in bot.toml)
        self.source_limits = source_limits
        self.clock = clock
        self.dev_guild = dev_guild
        #: sync the commands even when they look unchanged (`alertbot sync-commands`)
        self.force_sync = force_sync
        self.extensions_to_load = tuple(extensions)

    async def setup_hook(self) -> None:
        for extension in self.extensions_to_load:
            await self.load_extension(extension)
        guild = discord.Object(self.dev_guild) if self.dev_guild is not None else None
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        scope = f"guild {self.dev_guild}" if guild is not None else "global"
        synced = await sync_if_changed(self.tree, self.store, guild, force=self.force_sync)
        if synced is None:
            log.info("slash commands unchanged since the last sync (%s); not synced", scope)
        else:
            log.info("synced %d slash commands (%s)", synced, scope)

    async def on_guild_remove(self, guild: discord.Guild) -> None:
        """Removed from a server (kicked, or the server deleted): nothing more is queued for
        it, and its sources and subscriptions go after the grace period unless it comes back."""
        try:
            await self.store.guild_left(guild.id, self.clock())
        except StoreError as e:
            log.error("could not record leaving server %s: %s", guild.id, e)
            return
        log.info("removed from server %s; its sources and subscriptions are kept for the "
                 "grace period", guild.id)

    async def on_guild_join(self, guild: discord.Guild) -> None:
        """Added to a server; one that removed the bot within the grace period gets back its
        sources and subscriptions as they were."""
        try:
            back = await self.store.guild_joined(guild.id, self.clock())
        except StoreError as e:
            log.error("could not record joining server %s: %s", guild.id, e)
            return
        if back:
            log.info("back in server %s within the grace period; its sources resume", guild.id)

    async def source_names(self, guild_id: int | None) -> dict[str, str]:
        """Source id → name of what a server reads: the operator's sources and its own (in a
        DM, the operator's). A source both follow goes by the server's own name for it."""
        followed = await self.store.follows(guild_id, with_operator=guild_id is not None)
        names: dict[str, str] = {}
        for f in sorted(followed, key=lambda f: f.follow.guild_id is not None):
            names[f.follow.source] = f.follow.name
        return names

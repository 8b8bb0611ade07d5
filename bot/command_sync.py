"""Sync the slash commands only when they changed since the last sync.

Discord rate-limits command syncs (a few per day per scope in practice, with long waits past
that), and a bot restarted by its supervisor, or in a crash loop, would spend them all. The
payload ``tree.sync`` would send is hashed and kept in ``bot_state`` with its scope; a start
whose hash and scope match the last *successful* sync skips it. ``alertbot sync-commands``
forces one (after commands were changed in the Developer Portal or by another deployment).
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

import discord
from discord import app_commands

from bot.store import StoreContract, StoreError

log = logging.getLogger(__name__)

#: bot_state key: "<scope> <sha256 of the payload>", written after a successful sync
SYNCED_KEY = "commands.synced"


def tree_payload(tree: app_commands.CommandTree[Any], guild: discord.Object | None) -> str:
    """What ``tree.sync(guild=guild)`` sends, as stable text: each command's ``to_dict``, in
    name order, keys sorted (discord.py keeps commands in registration order)."""
    commands = [command.to_dict(tree) for command in tree._get_all_commands(guild=guild)]
    commands.sort(key=lambda c: (str(c.get("name")), int(c.get("type", 1))))
    return json.dumps(commands, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def fingerprint(tree: app_commands.CommandTree[Any], guild: discord.Object | None) -> str:
    scope = "global" if guild is None else f"guild:{guild.id}"
    digest = hashlib.sha256(tree_payload(tree, guild).encode("utf-8")).hexdigest()
    return f"{scope} {digest}"


async def sync_if_changed(
    tree: app_commands.CommandTree[Any], store: StoreContract, guild: discord.Object | None, *,
    force: bool = False,
) -> int | None:
    """Sync when forced or when the tree (or its scope) differs from the last sync; the number
    of commands synced, or None when skipped. A database that cannot answer means a sync:
    one sync too many costs less than commands that never reach Discord."""
    wanted = fingerprint(tree, guild)
    if not force:
        try:
            last = (await store.get_state([SYNCED_KEY])).get(SYNCED_KEY)
        except StoreError as e:
            log.warning("cannot read the last command sync, syncing: %s", e)
            last = None
        if last == wanted:
            return None
    synced = await tree.sync(guild=guild)
    try:
        await store.set_state({SYNCED_KEY: wanted})
    except StoreError as e:
        log.warning("the command sync could not be recorded; the next start syncs again: %s", e)
    return len(synced)

"""docs/COMMANDS.md is written from the command tree (`alertbot commands-doc`): it fails here as
soon as a command, an option, a permission or a docstring changes without the file."""

from __future__ import annotations

from pathlib import Path

import discord
import pytest
from discord import app_commands

from bot.client import AlertBot
from bot.command_sync import tree_payload
from bot.commands.reference import command_tree, render
from tests.unit.test_cogs import bot

__all__ = ["bot"]

DOC = Path(__file__).resolve().parents[2] / "docs" / "COMMANDS.md"


async def test_commands_md_is_what_the_tree_says(bot: AlertBot) -> None:
    assert DOC.read_text(encoding="utf-8") == render(bot), (
        "docs/COMMANDS.md differs from the commands; write it again with "
        "`python -m bot commands-doc > docs/COMMANDS.md`")


async def test_commands_doc_reads_the_tree_the_bot_syncs(bot: AlertBot) -> None:
    holder = await command_tree()
    assert tree_payload(holder.tree, None) == tree_payload(bot.tree, None)
    assert render(holder) == render(bot)


async def test_every_command_has_a_section(bot: AlertBot) -> None:
    text = render(bot)
    for command in bot.tree.walk_commands():
        if isinstance(command, app_commands.Command) and "renamed_to" not in command.extras:
            assert f"### `/{command.qualified_name}" in text, command.qualified_name


async def test_a_command_outside_a_cog_is_refused_not_left_out(bot: AlertBot) -> None:
    async def stray(interaction: discord.Interaction[AlertBot]) -> None:
        pass

    bot.tree.add_command(app_commands.Command(name="stray", description="x", callback=stray))
    with pytest.raises(ValueError, match="stray"):
        render(bot)

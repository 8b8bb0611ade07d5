"""docs/COMMANDS.md, written from the command tree (`alertbot commands-doc`).

What Discord is told is read from the tree itself: the commands and groups, their options and
descriptions, where they work (servers only or DMs too) and the permission each declares. What a
command does in more words is its callback's docstring, beside the code it describes; each
section's title is its cog's docstring. What the tree cannot say sits in ``Command.extras``:
``answer`` ("public"; private otherwise) and ``limit`` (a per-user rate). An old name
(bot/commands/renamed.py) is listed once, under "Old names". tests/unit/test_commands_doc.py
fails when the file and the tree differ.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

from discord import app_commands
from discord.ext import commands

from bot.client import EXTENSIONS, intents
from bot.commands._common import permission_names
from bot.commands.renamed import new_name

AnyCommand = app_commands.Command[Any, ..., Any]

INTRO = """\
# Slash commands

<!-- Written by `alertbot commands-doc > docs/COMMANDS.md` from the commands themselves: edit
the command's docstring or description in bot/commands/, not this file. -->

Every command the bot registers, what its options mean, who may use it, and what it answers when
something is wrong. Errors are always private (only the person who ran the command sees them) and
in plain words; nothing a user types can make the bot show a traceback.
"""

PRINCIPLES = """\
**Permissions are checked twice.** Each command declares its permission to Discord
(`default_permissions`), which hides it from members without it. Discord reads that on a group
(`/mute`, `/subscription`), never on its subcommands, so a group whose subcommands need different
permissions is shown to everyone. Server admins can change what Discord shows in *Server
Settings → Integrations*, so the bot checks the permission again every time a command runs.
Server-only commands are hidden in DMs. If one is used there anyway, the bot refuses it.

**A server only ever sees its own data.** Subscriptions, mutes and a server's own sources are
always read and written with the id of the server the command came from. Another server's
channels cannot be picked, and their subscriptions, mutes and sources are never listed.

**Autocomplete only suggests.** Region and source options offer choices as you type: first the
ones whose id or name starts with what you typed, then the ones that contain it, at most 25.
Whatever is sent is checked again. An id (`kosovo`) or a name (`Kosovo`, any case) both work.
"""

OLD_NAMES = """\
## Old names

The commands that became groups keep their old names until the next release. An old name takes
the same options, needs the same permission and answers the same; a private line after the
answer gives the new name. `/mute source:…` could not stay: `/mute` is the group now, and
Discord runs only a group's subcommands.
"""

ERRORS = """\
## Errors every command can give

| situation | answer |
| --- | --- |
| a server-only command in a DM | `This command works in a server, not in direct messages.` |
| a missing member permission | `You need the Manage Channels permission to do that.` (the permission named) |
| an option of the wrong kind | `I can't use 'x' there: pick a text channel, announcement channel or thread.` |
| too many calls | `Slow down a little: try again in N seconds.` |
| Discord has an old copy of the commands | `My commands were just updated; please try again in a minute.` |
| the database is unavailable | `My database is unavailable right now; please try again in a minute.` |
| anything unexpected | `Sorry, something went wrong on my side. It has been logged; please try again later.` |

Operators find the last two in the log, with the command, server and user. The unexpected case
also logs the full traceback.
"""  # noqa: E501 (a table row is one line)


async def command_tree() -> commands.Bot:
    """A bot holding every extension's cogs, as `alertbot run` loads them, without logging in.

    The cogs reach the store and the matcher only when a command runs, so a bare
    ``commands.Bot`` is enough to read the tree; the test compares it with AlertBot's own.
    """
    holder = commands.Bot(command_prefix=commands.when_mentioned,
                          intents=intents(), help_command=None)
    for extension in EXTENSIONS:
        await holder.load_extension(extension)
    return holder


def render(bot: commands.Bot) -> str:
    """The whole of docs/COMMANDS.md for the commands ``bot`` registers."""
    sections = [(cog, list(_commands(cog))) for cog in bot.cogs.values()]
    sections = [(cog, found) for cog, found in sections if found]
    documented = {c.qualified_name for _cog, found in sections for c in found}
    every = {c.qualified_name for c in bot.tree.walk_commands()
             if isinstance(c, app_commands.Command)}
    # A command added to the tree outside a cog would go unlisted: refuse rather than omit.
    if documented != every:
        raise ValueError(f"commands outside a cog: {sorted(every - documented)}")
    current = [c for _cog, found in sections for c in found if new_name(c) is None]
    parts = [INTRO, _summary(current), PRINCIPLES]
    for cog, found in sections:
        title, _, intro = inspect.cleandoc(cog.description).partition("\n")
        parts.append(f"## {title}\n" + (f"\n{intro.strip()}\n" if intro.strip() else ""))
        parts += [_command(c) for c in found if new_name(c) is None]
    old = [c for _cog, found in sections for c in found if new_name(c) is not None]
    if old:
        parts.append(OLD_NAMES + _old_names(old))
    parts.append(ERRORS)
    return "\n".join(parts)


def _commands(cog: commands.Cog) -> Iterator[AnyCommand]:
    """The cog's commands, subcommands in place of their group, in the order written."""
    for command in cog.walk_app_commands():
        if isinstance(command, app_commands.Command):
            yield command


def _root(command: AnyCommand) -> AnyCommand | app_commands.Group:
    return command.root_parent or command


def _summary(found: list[AnyCommand]) -> str:
    rows = ["| command | where | who | answer |", "| --- | --- | --- | --- |"]
    for command in found:
        # A subcommand's own guild_only is not sent to Discord, but its run-time check
        # (`server_command`) refuses a DM all the same.
        where = "servers" if command.guild_only or _root(command).guild_only else "servers and DMs"
        who = _who(command)
        answer = command.extras.get("answer", "private")
        rows.append(f"| `/{command.qualified_name}` | {where} | {who} | {answer} |")
    return "\n".join(rows) + "\n"


def _who(command: AnyCommand) -> str:
    # The callback's own declaration: a subcommand's is not sent to Discord, but it names the
    # permission its run-time check asks for (`server_command`).
    needed = command.default_permissions
    who = permission_names(name for name, on in needed if on) if needed else "everyone"
    limit = command.extras.get("limit")
    return f"{who} ({limit})" if limit else who


def _command(command: AnyCommand) -> str:
    params = command.parameters
    usage = " ".join(p.display_name if p.required else f"[{p.display_name}]" for p in params)
    lines = [f"### `/{command.qualified_name}{' ' + usage if usage else ''}`", "",
             f"{command.description}."]
    if params:
        lines += ["", "| option | meaning |", "| --- | --- |"]
        lines += [f"| `{p.display_name}` | {_meaning(p)} |" for p in params]
    text = inspect.getdoc(command.callback)
    if text:
        lines += ["", text]
    return "\n".join(lines) + "\n"


def _meaning(param: app_commands.Parameter) -> str:
    meaning = param.description
    if param.choices:
        names = [f"`{choice.value}`" for choice in param.choices]
        meaning += f"; one of {', '.join(names[:-1])} or {names[-1]}"
    return meaning


def _old_names(found: list[AnyCommand]) -> str:
    rows = ["| old name | now |", "| --- | --- |"]
    rows += [f"| `/{c.name}` | `/{new_name(c)}` |" for c in found]
    return "\n" + "\n".join(rows) + "\n"

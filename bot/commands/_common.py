"""What the cogs share: option types, checks, lookups for autocomplete, and the reply helper.

The lookups (`rank_choices`, `find_region`, `find_source`) are pure so they can be tested without
Discord; the cogs wrap them in autocomplete callbacks and re-validate every value they receive,
because autocomplete only suggests and a user may type anything. Matching typed words to ids,
and the close matches suggested for a typo, live in bot/lookup.py, which the CLI shares.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Literal, Protocol, TypeVar

import discord
from discord import app_commands

from bot.lookup import close_matches, find_by_id_or_name, one_of
from bot.model import Region, Severity

T = TypeVar("T")

#: severities as slash-command choices; Discord shows them in this order
SeverityName = Literal["low", "medium", "high", "critical"]

#: Discord allows at most 25 autocomplete choices, each name and value at most 100 characters
MAX_CHOICES = 25
CHOICE_LENGTH = 100

#: an embed description holds 4096 characters; long lists stay a little under it
PAGE_BUDGET = 3900

#: "<@1>", "<@&1>", "<#1>", "</cmd:1>": escape_mentions only disarms @everyone, @here and ids
#: of 17 to 20 digits, and leaves channel and command mentions live; a zero-width space after
#: "<" keeps every one of them as the text that was typed
_ANGLE_MENTION = re.compile(r"<(?=[@#/])")

#: a user may run /latest and /search this often (per user, across guilds) before a cooldown
USER_RATE = 5
USER_PER_SECONDS = 10.0

#: Command.extras of /latest and /search for the command reference (bot/commands/reference.py):
#: the tree says neither that the answer is public nor what the cooldown check allows
PUBLIC_AND_RATE_LIMITED = {"answer": "public",
                           "limit": f"{USER_RATE} per {USER_PER_SECONDS:g} s"}


class Refusal(app_commands.AppCommandError):
    """A request we will not carry out, explained in plain words.

    Subclassing AppCommandError keeps discord.py from wrapping it in CommandInvokeError, so the
    tree's error handler receives it as is and replies with `message` unchanged.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def in_guild() -> Callable[[T], T]:
    """A run-time check that the command was used in a server.

    `app_commands.guild_only` only asks Discord to hide the command in DMs; this check refuses
    the call when it arrives anyway, so the command body can rely on a guild id.
    """

    def predicate(interaction: discord.Interaction[Any]) -> bool:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        return True

    return app_commands.check(predicate)


def server_command(**permissions: bool) -> Callable[[T], T]:
    """A server-only command that needs ``permissions`` (e.g. ``manage_channels=True``).

    Declared to Discord (``guild_only``, ``default_permissions``) so it can hide the command,
    and checked again at run time, since server admins can override what Discord shows. The DM
    check runs first, so a DM gets "works in a server" rather than a permission error.
    """

    def decorate(func: T) -> T:
        func = in_guild()(func)
        if permissions:
            func = app_commands.checks.has_permissions(**permissions)(func)
            func = app_commands.default_permissions(**permissions)(func)
        return app_commands.guild_only()(func)

    return decorate


def server_group(name: str, description: str, **permissions: bool) -> app_commands.Group:
    """A server-only group of commands, hidden from members without ``permissions``.

    Discord reads ``default_permissions`` and the contexts on a group only, never on its
    subcommands: a group whose commands need different permissions declares none, and each
    subcommand still checks its own at run time (`server_command`).
    """
    return app_commands.Group(
        name=name, description=description, guild_only=True,
        allowed_contexts=app_commands.AppCommandContext(guild=True),
        default_permissions=discord.Permissions(**permissions) if permissions else None,
    )


def guild_id_of(interaction: discord.Interaction[Any]) -> int:
    """The guild id of a command guarded by `in_guild` (raises if it was not)."""
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    return interaction.guild_id


def user_key(interaction: discord.Interaction[Any]) -> int:
    """Cooldown bucket: one per user, wherever they run the command."""
    return interaction.user.id


def severity_of(name: str) -> Severity:
    try:
        return Severity.parse(name)
    except ValueError as e:
        raise Refusal(str(e).capitalize() + ".") from None


def permission_names(permissions: Iterable[str]) -> str:
    """``["manage_channels", "embed_links"]`` → ``"Manage Channels and Embed Links"``."""
    names = [p.replace("_", " ").title().replace("Guild", "Server") for p in permissions]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def rank_choices(items: Iterable[tuple[str, str]], current: str) -> list[app_commands.Choice[str]]:
    """Autocomplete choices for (id, name) pairs: prefix matches of id or name first, then
    substring matches, each group sorted by name; at most 25. An empty query lists the first 25.
    """
    query = current.strip().casefold()
    prefix: list[tuple[str, str]] = []
    inside: list[tuple[str, str]] = []
    for item_id, name in items:
        id_cf, name_cf = item_id.casefold(), name.casefold()
        if id_cf.startswith(query) or name_cf.startswith(query):
            prefix.append((item_id, name))
        elif query in id_cf or query in name_cf:
            inside.append((item_id, name))
    ranked = sorted(prefix, key=_by_name) + sorted(inside, key=_by_name)
    return [
        app_commands.Choice(name=_choice_name(item_id, name), value=item_id)
        for item_id, name in ranked[:MAX_CHOICES]
        if len(item_id) <= CHOICE_LENGTH
    ]


def _by_name(item: tuple[str, str]) -> tuple[str, str]:
    return item[1].casefold(), item[0]


def _choice_name(item_id: str, name: str) -> str:
    label = name if name.casefold() == item_id.casefold() else f"{name} ({item_id})"
    return label if len(label) <= CHOICE_LENGTH else label[: CHOICE_LENGTH - 1] + "…"


def find_region(regions: Sequence[Region], text: str) -> Region:
    """The region named by an option value (its id, or its name as autocomplete shows it)."""
    found = _find(regions, text)
    if found is None:
        names = {r.id: r.name for r in regions}
        close = [names[i] for i in close_matches(names.items(), text)]
        did_you_mean = f" Did you mean {one_of(close)}?" if close else ""
        raise Refusal(f"I don't know the region '{quote(text)}'.{did_you_mean} "
                      "Try /regions to browse them.")
    return found


def find_source(names: Mapping[str, str], text: str) -> str:
    """The id of the source named by an option value (its id, or its name), among ``names``
    (id → name: what the server reads, `AlertBot.source_names`)."""
    found = find_by_id_or_name(names.items(), text)
    if found is None:
        raise Refusal(f"I don't know the source '{quote(text)}'. Try /source list to see them "
                      "all.")
    return found


class _Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


N = TypeVar("N", bound=_Named)


def _find(items: Sequence[N], text: str) -> N | None:
    wanted = find_by_id_or_name(((item.id, item.name) for item in items), text)
    return next((item for item in items if item.id == wanted), None)


def plain(text: str) -> str:
    """Text from users or feeds shown as typed: markdown and mentions disarmed."""
    text = _ANGLE_MENTION.sub("<\u200b", discord.utils.escape_mentions(text))
    return discord.utils.escape_markdown(text)


def quote(text: str) -> str:
    """User input echoed back in a sentence: shortened, and `plain`."""
    return plain(text if len(text) <= 60 else text[:59] + "…")


def region_names(regions: Iterable[Region]) -> dict[str, str]:
    return {r.id: r.name for r in regions}


def region_label(names: Mapping[str, str], region_id: str) -> str:
    """A region as people read it; ids no longer in the tree (config changed) show as the id."""
    return names.get(region_id, region_id)


def relative_time(moment: datetime | None, missing: str = "never") -> str:
    """Discord's timestamp markup: each reader sees it in their own time zone and language."""
    return discord.utils.format_dt(moment, "R") if moment is not None else missing


def paged(title: str, lines: Sequence[str], page: int) -> discord.Embed:
    """One page of a long list as an embed; a page past the end shows the last one."""
    pages = paginate(lines)
    shown = min(page, len(pages))
    embed = discord.Embed(title=title, description=pages[shown - 1])
    if len(pages) > 1:
        embed.set_footer(text=f"page {shown} of {len(pages)}")
    return embed


def paginate(lines: Sequence[str], budget: int = PAGE_BUDGET) -> list[str]:
    """Pack lines into as few pages as fit `budget` characters each; a line longer than a page
    is cut. Always at least one page."""
    return ["\n".join(page) for page in _pages(lines, budget)]


def fit(lines: Sequence[str], budget: int = PAGE_BUDGET) -> str:
    """The lines that fit one page, then how many were left out."""
    first, *rest = _pages(lines, budget - len("\n…and 99999 more."))
    if not rest:
        return "\n".join(first)
    return "\n".join(first) + f"\n…and {len(lines) - len(first)} more."


def _pages(lines: Sequence[str], budget: int) -> list[list[str]]:
    pages: list[list[str]] = [[]]
    used = 0
    for line in lines:
        line = clip(line, budget)
        if pages[-1] and used + len(line) + 1 > budget:
            pages.append([])
            used = 0
        pages[-1].append(line)
        used += len(line) + 1
    return pages


def clip(text: str, limit: int = 1024) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def embeds_of(payloads: Iterable[Mapping[str, Any]]) -> list[discord.Embed]:
    return [discord.Embed.from_dict(dict(p)) for p in payloads]


async def reply(
    interaction: discord.Interaction[Any],
    content: str | None = None,
    *,
    embeds: Sequence[discord.Embed] = (),
    ephemeral: bool = False,
) -> None:
    """Answer once, or follow up when the interaction has already been answered or deferred."""
    if interaction.response.is_done():
        await interaction.followup.send(
            content or discord.utils.MISSING, embeds=list(embeds), ephemeral=ephemeral
        )
    else:
        await interaction.response.send_message(
            content, embeds=list(embeds), ephemeral=ephemeral
        )

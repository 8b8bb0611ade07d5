"""What /source shows: a feed's preview, and a server's sources with their health. Pure: plain
records in, text and embeds out, so the wording is tested without Discord.

The preview's entry is drawn by the alert renderer itself (bot/delivery/render.py), so a
moderator sees the latest entry exactly as a channel would get it: the same title, text,
regions, severity and colour. Only the footer differs, since nothing was stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.commands._common import clip, plain, relative_time
from bot.delivery.render import render_embed
from bot.model import FollowedSource, Match, Severity, StoredUpdate
from bot.pipeline.preview import FeedPreview
from bot.settings import format_duration

#: the last error of a failing source, as /source list shows it
ERROR_SHOWN = 200
#: what a preview's embed says in place of the update number an alert carries
PREVIEW_FOOTER = "alertbot · preview of the latest entry, as it would be posted"
#: the feed kinds as people call them
KINDS = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed", "liveblog": "live blog"}


def preview_summary(preview: FeedPreview) -> str:
    """One line on what a URL holds: its title, kind and how many entries."""
    title = plain(clip(preview.title, 200)) if preview.title else "(no title)"
    entries = f"{preview.entries} entr{'y' if preview.entries == 1 else 'ies'}"
    moved = ""
    if preview.final_url != preview.url:
        moved = f" (redirected to <{clip(preview.final_url, 300)}>)"
    return f"**{title}** · {KINDS.get(preview.kind, preview.kind)} · {entries}{moved}"


def preview_embed(
    preview: FeedPreview, *, name: str, region_names: Mapping[str, str], now: datetime
) -> dict[str, Any] | None:
    """The feed's latest entry as the alert a subscribed channel would get; None when the feed
    has no entries."""
    latest = preview.latest
    if latest is None:
        return None
    match = preview.match or Match((), (), Severity.LOW)
    update = StoredUpdate(
        id=0, key=latest.key, source="", source_name=name, entry_key=latest.entry_key,
        kind=latest.kind, title=latest.title, text=latest.text, link=latest.link,
        marker=latest.marker, published=latest.published, seen_at=now, match=match,
    )
    embed = render_embed(update, region_names=region_names)
    embed["footer"] = {"text": PREVIEW_FOOTER}
    return embed


def source_lines(followed: Sequence[FollowedSource], guild_id: int | None) -> list[str]:
    """One entry per source a server reads, by name: what it is called here, whose it is, its
    health (status, last and next poll, the last error while it fails).

    A source both the server and the operator follow is one source (one fetch per poll); it is
    listed once, under the server's own name for it.
    """
    by_source: dict[str, list[FollowedSource]] = {}
    for f in followed:
        by_source.setdefault(f.follow.source, []).append(f)
    lines = []
    for group in by_source.values():
        own = [f for f in group if f.follow.guild_id is not None and f.follow.guild_id == guild_id]
        shown = own[0] if own else group[0]
        operator = any(f.follow.guild_id is None for f in group)
        whose = ("this server's and the operator's" if own and operator
                 else "this server's" if own else "the operator's")
        lines.append((shown.follow.name.casefold(), source_line(shown, whose)))
    return [line for _key, line in sorted(lines)]


def source_line(followed: FollowedSource, whose: str) -> str:
    follow, state = followed.follow, followed.state
    line = f"**{plain(follow.name)}** · `{follow.source}` · {whose} · {plain(followed.status)}"
    line += (f"\n  every {format_duration(follow.interval)}"
             f" · last poll {relative_time(state.last_polled_at)}")
    if state.next_poll_at is not None and _polled(followed):
        line += f" · next {relative_time(state.next_poll_at)}"
    if state.last_error and state.consecutive_failures:
        line += f"\n  last error: {plain(clip(state.last_error, ERROR_SHOWN))}"
    return line


def _polled(followed: FollowedSource) -> bool:
    return (followed.follow.enabled and followed.state.source.enabled
            and followed.state.disabled_reason is None)

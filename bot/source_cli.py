"""`alertbot source add | remove | list | import | export`: the operator's side of follows.

Without ``--guild`` a command works on the operator's sources kept in the database (every
server gets their updates), beside those of sources.toml, which only that file changes; with
``--guild ID`` on that server's, as its moderators would from Discord. Every refusal is one
plain line on stderr and exit 1 (bot/cli.py lists the exit codes).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.follows import FollowRefused, check_room, default_name, not_followed
from bot.opml import OpmlError, OpmlFeed, read_opml, write_opml
from bot.paths import find_config

if TYPE_CHECKING:
    from bot.app import SourceDesk
    from bot.model import FollowedSource
    from bot.settings import Settings

def add_parsers(
    sub: Any,
    config_arg: Callable[[argparse.ArgumentParser], None],
    db_arg: Callable[[argparse.ArgumentParser], None],
) -> None:
    """``alertbot source …`` and its five commands, on ``sub`` (the top-level subparsers)."""
    group = sub.add_parser("source", help="add, remove, list, import and export sources "
                                          "(the operator's, or a server's with --guild)")
    commands = group.add_subparsers(required=True, metavar="ACTION")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--guild", type=_snowflake, default=None, metavar="ID",
                       help="a server's sources (default: the operator's, for every server)")
        config_arg(p)
        db_arg(p)

    p = commands.add_parser("add", help="fetch a feed once and, if it can be read, follow it")
    p.add_argument("url", metavar="URL")
    p.add_argument("--name", help="what alerts call it (default: the feed's own title)")
    p.add_argument("--interval", metavar="DURATION",
                   help='how often to poll, e.g. "10m" (default 10m; servers: at least '
                        "[guild_sources] min_interval)")
    p.add_argument("--language", default="en", metavar="CODE",
                   help="ISO 639-1 code of the feed's text (default en)")
    common(p)
    p.set_defaults(func=_run(_add))

    p = commands.add_parser("remove", help="stop following a source (its stored updates stay)")
    p.add_argument("source", metavar="ID_OR_URL")
    common(p)
    p.set_defaults(func=_run(_remove))

    p = commands.add_parser("list", help="the sources followed, with their health")
    p.add_argument("--json", action="store_true")
    common(p)
    p.set_defaults(func=_run(_list))

    p = commands.add_parser("import", help="follow every feed of an OPML file")
    p.add_argument("file", type=Path, metavar="FILE.opml")
    common(p)
    p.set_defaults(func=_run(_import))

    p = commands.add_parser("export", help="write the sources followed as OPML")
    p.add_argument("file", type=Path, nargs="?", default=None, metavar="FILE",
                   help="where to write (default: standard output)")
    common(p)
    p.set_defaults(func=_run(_export))


def _snowflake(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 2**63:
        raise argparse.ArgumentTypeError(f"{text!r} is not a Discord server id")
    return int(text)


def _run(job: Callable[[argparse.Namespace, SourceDesk, Settings], Coroutine[Any, Any, int]],
         ) -> Callable[[argparse.Namespace], int]:
    """The command as `cli.main` calls it: settings, the database, then ``job``; a refusal of
    the store or the database is one line on stderr and exit 1."""

    def command(args: argparse.Namespace) -> int:
        from bot.app import open_source_desk
        from bot.settings import load_settings
        from bot.store import DatabaseMissing, StoreError

        settings = load_settings(find_config(args.config, builtin=False))
        db = args.db if args.db is not None else settings.database

        async def go() -> int:
            async with open_source_desk(settings, db) as desk:
                return await job(args, desk, settings)

        try:
            return asyncio.run(go())
        except FollowRefused as e:
            return _fail(str(e))
        except DatabaseMissing as e:
            return _fail(f"{e}; create it with `alertbot init`")
        except StoreError as e:
            return _fail(f"the database cannot be used: {e}")

    return command


def _fail(message: str) -> int:
    print(f"alertbot: {message}", file=sys.stderr)
    return 1


def _whose(guild: int | None) -> str:
    return "every server (the operator's)" if guild is None else f"server {guild}"


async def _add(args: argparse.Namespace, desk: SourceDesk, settings: Settings) -> int:
    from bot.pipeline.preview import NotAFeed
    from bot.settings import parse_duration

    interval = None
    if args.interval is not None:
        try:
            interval = parse_duration(args.interval)
        except ValueError as e:
            return _fail(f"--interval: {e}")
    # Refused before the fetch: a full server, a URL followed already, a bad URL.
    await desk.store.check_follow(args.guild, args.url, interval=interval,
                                  language=args.language)
    try:
        preview = await desk.preview(args.url, language=args.language, guild=args.guild)
    except NotAFeed as e:
        return _fail(str(e))
    name = args.name or default_name(preview.title, args.url)
    added = await desk.store.add_follow(
        args.guild, args.url, name=name, interval=interval, language=args.language,
        now=desk.clock(),
    )
    follow = added.follow
    print(f"added {follow.source}: {follow.name} ({preview.kind}, {preview.entries} entries), "
          f"every {follow.interval} s, for {_whose(args.guild)}; its first poll is silent")
    return 0


async def _remove(args: argparse.Namespace, desk: SourceDesk, settings: Settings) -> int:
    removed = await desk.store.remove_follow(args.guild, args.source, now=desk.clock())
    print(f"removed {removed.source}: {removed.name}, for {_whose(args.guild)}; its stored "
          "updates stay until retention prunes them")
    return 0


async def _list(args: argparse.Namespace, desk: SourceDesk, settings: Settings) -> int:
    followed = await desk.store.follows(args.guild)
    if args.json:
        print(json.dumps([_as_json(f) for f in followed], ensure_ascii=False, indent=2))
    elif not followed:
        print(f"No sources for {_whose(args.guild)}.")
    else:
        print(_table(followed))
    return 0


def _as_json(followed: FollowedSource) -> dict[str, Any]:
    follow, state = followed.follow, followed.state
    return {
        "id": follow.source, "url": follow.url, "name": follow.name,
        "guild": follow.guild_id, "interval_s": follow.interval, "language": follow.language,
        "enabled": follow.enabled, "from_config": follow.from_config,
        "added_by": follow.added_by, "added_at": follow.added_at.isoformat(),
        "status": followed.status,
        "last_polled_at": _iso(state.last_polled_at), "next_poll_at": _iso(state.next_poll_at),
        "last_error": state.last_error if state.consecutive_failures else None,
    }


def _iso(when: Any) -> str | None:
    return None if when is None else str(when.isoformat())


def _table(followed: Sequence[FollowedSource]) -> str:
    rows = [("id", "name", "every", "from", "status", "url")]
    for f in followed:
        origin = "config" if f.follow.from_config else (
            "database" if f.follow.guild_id is None else "server")
        rows.append((f.follow.source, f.follow.name, f"{f.follow.interval}s", origin,
                     f.status, f.follow.url))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join(
        "  ".join([*(cell.ljust(w) for cell, w in zip(r, widths, strict=False)), r[-1]])
        for r in rows
    )


async def _import(args: argparse.Namespace, desk: SourceDesk, settings: Settings) -> int:
    limits = settings.source_limits
    try:
        with args.file.open("rb") as handle:
            data = handle.read(limits.opml_max_bytes + 1)  # no more than is needed to refuse
    except OSError as e:
        return _fail(f"cannot read {args.file}: {e.strerror}")
    try:
        feeds = read_opml(data, max_bytes=limits.opml_max_bytes,
                          max_outlines=limits.opml_max_outlines)
    except OpmlError as e:
        return _fail(f"{args.file}: {e}")
    if not feeds:
        return _fail(f"{args.file} lists no feeds (no outline with an xmlUrl)")
    followed = [f.follow.url for f in await desk.store.follows(args.guild)]
    fresh = set(not_followed([f.url for f in feeds], followed))
    try:
        check_room(args.guild, len(fresh), len(followed), limits)
    except FollowRefused as e:
        return _fail(f"{args.file} {e}")
    refused = 0
    for feed in feeds:
        if feed.url not in fresh:
            print(f"already followed: {feed.url}")
            continue
        try:
            added = await desk.store.add_follow(
                args.guild, feed.url, name=default_name(feed.title, feed.url),
                now=desk.clock(),
            )
        except FollowRefused as e:
            refused += 1
            print(f"alertbot: {feed.url}: {e}", file=sys.stderr)
            continue
        print(f"added {added.follow.source}: {added.follow.name}")
    return 1 if refused else 0


async def _export(args: argparse.Namespace, desk: SourceDesk, settings: Settings) -> int:
    followed = await desk.store.follows(args.guild)
    title = ("alertbot: the operator's sources" if args.guild is None
             else f"alertbot: sources of server {args.guild}")
    document = write_opml(title, [OpmlFeed(f.follow.url, f.follow.name) for f in followed])
    if args.file is None:
        sys.stdout.buffer.write(document)
        return 0
    try:
        args.file.write_bytes(document)
    except OSError as e:
        return _fail(f"cannot write {args.file}: {e.strerror}")
    print(f"wrote {len(followed)} sources to {args.file}", file=sys.stderr)
    return 0

"""alertbot init | db copy | run | poll | latest | events | source | demo | explain | eval |
eval-events | inspect | check-config | health | status | sync-commands | commands-doc.

Each subcommand is a thin shell over the same parts the bot uses, so what the CLI shows is what
the bot decides. Where the configuration folder and the database are found when no option says
is in bot/paths.py.

Exit codes:

* 0: success (for ``init``, also "the database exists and is up to date")
* 1: bad input or a failed operation, among them: a ``source`` command refused (a URL that is
  no feed the bot can read, a server at its limit, a source followed already…), ``run`` on a
  path with no database (the
  message gives the ``alertbot init`` command to create it), ``run`` or ``poll --once`` on a
  database another alertbot holds (the message names its pid, host and start time), a database
  deleted or replaced under a running bot
* 2: invalid configuration, or no configuration folder found (the message names every place
  looked)
* 3, 4 (``poll --once``): some sources failed, the others were polled (their rows in the
  table say why); every source failed, nothing was polled (the network, a proxy, DNS?)
* ``health``: 0 healthy, 1 unhealthy or unknown (never 2, which Docker's HEALTHCHECK reserves)
* 130: interrupted (Ctrl-C)
* 141: stdout was closed by its reader (``alertbot latest | head -1``): the command ends
  quietly, as if killed by SIGPIPE (as ``cat`` would be), and a cut-short poll never
  claims a 0
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shlex
import sys
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import output, source_cli
from bot.database import Database, SqliteFile, parse_database
from bot.logs import setup_logging
from bot.paths import NoConfigFound, default_db_path, find_config
from bot.problems import ConfigError, ConfigProblem

if TYPE_CHECKING:
    from bot.model import Region
    from bot.pipeline.poll import PollReport
    from bot.settings import Settings

#: `poll --once` exit codes beyond 0, 1 and 2
POLL_SOME_FAILED = 3
POLL_ALL_FAILED = 4
#: stdout was closed by its reader (see `main`)
CLOSED_PIPE = 141


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    setup_logging(args.log_format, args.log_level or args.default_log_level)
    try:
        result: int = args.func(args)
        # A reader that stopped early (`| head -1`) shows here if not during the printing; here
        # it can still be caught, at exit Python would only report it ("Exception ignored").
        sys.stdout.flush()
        return result
    except BrokenPipeError:
        # The reader has what it wanted: end as quietly as a program killed by SIGPIPE, with
        # its conventional status, 128 + 13. Restoring SIGPIPE's default action instead would
        # also kill `run` on any write to a closed socket. stdout goes to devnull, as Python's
        # signal docs advise, so that the flush at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return CLOSED_PIPE
    except ConfigError as e:
        print("The configuration has problems:", file=sys.stderr)
        for problem in e.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    except NoConfigFound as e:
        print(f"alertbot: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alertbot", description="Follow developing news events region by region, on Discord."
    )
    parser.add_argument("--log-format", choices=("text", "json"), default="text")
    parser.add_argument("--log-level", default=None,
                        help="DEBUG, INFO, WARNING, ERROR (default: INFO for run, else WARNING)")
    parser.set_defaults(default_log_level="WARNING")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    def config_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--config", type=Path, default=None, metavar="DIR",
                       help="folder with sources.toml, regions.toml, severity.toml (default: "
                            "$ALERTBOT_CONFIG, else ./config, else the user's config folder)")

    def db_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", type=_database_arg, default=None, metavar="PATH_OR_URL",
                       help="the database: a SQLite file's path (or sqlite:///PATH), or "
                            "postgresql://USER@HOST:PORT/DB (default: $ALERTBOT_DB, else "
                            f"bot.toml's [database] url, else {default_db_path()})")

    p = sub.add_parser("init", help="create the database (or migrate it); run it once first")
    config_arg(p)
    db_arg(p)
    p.set_defaults(func=_init)

    p = sub.add_parser("db", help="the database as a whole")
    actions = p.add_subparsers(required=True, metavar="ACTION")
    p = actions.add_parser("copy", help="copy every row of the database (--db) into a new, "
                                        "empty one (--to), e.g. from SQLite to PostgreSQL")
    p.add_argument("--to", required=True, type=_database_arg, metavar="PATH_OR_URL",
                   help="the new database: postgresql://USER@HOST:PORT/DB, or a path")
    config_arg(p)
    db_arg(p)
    p.set_defaults(func=_db_copy)

    p = sub.add_parser("run", help="run the bot on Discord (needs DISCORD_TOKEN)")
    config_arg(p)
    db_arg(p)
    p.add_argument("--shards", type=_shard_list, default=None, metavar="IDS",
                   help="the shards this process connects, e.g. 0,1 (with --shard-count; "
                        "default: bot.toml's discord.shards, else every shard)")
    p.add_argument("--shard-count", type=int, default=None, metavar="N",
                   help="the bot's shards in all processes together (default: bot.toml's "
                        "discord.shard_count, else what Discord recommends)")
    p.set_defaults(func=_run, default_log_level="INFO")

    p = sub.add_parser("poll", help="poll every enabled source once and print what happened")
    p.add_argument("--once", action="store_true", required=True,
                   help="poll once and exit (the only mode; `run` polls on schedule)")
    config_arg(p)
    db_arg(p)
    p.set_defaults(func=_poll)

    p = sub.add_parser("latest", help="the stored updates, newest first, as /latest shows them")
    p.add_argument("--region", metavar="ID")
    p.add_argument("--limit", type=int, default=10, metavar="N")
    p.add_argument("--min-severity", default="low", metavar="LEVEL",
                   help="low, medium, high or critical")
    p.add_argument("--json", action="store_true")
    config_arg(p)
    db_arg(p)
    p.set_defaults(func=_latest)

    source_cli.add_parsers(sub, config_arg, db_arg)

    p = sub.add_parser("demo", help="run the main job offline on a local replayed story")
    p.add_argument("--fast", action="store_true", help="no pauses between steps")
    # The demo prints every error itself; the log would only repeat it.
    p.set_defaults(func=_demo, default_log_level="ERROR")

    p = sub.add_parser("explain", help="which regions and severity a text gets, and why; "
                                       "with --update, which event a stored update joined")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("text", nargs="?")
    src.add_argument("--file", type=Path, metavar="PATH")
    src.add_argument("--update", type=int, metavar="ID",
                     help="a stored update (its id from `alertbot latest`)")
    db_arg(p)
    p.add_argument("--title", default="")
    p.add_argument("--lang", metavar="CODE", default=None,
                   help="the text's language as ISO 639-1 (default: detected)")
    p.add_argument("--json", action="store_true")
    config_arg(p)
    p.set_defaults(func=_explain)

    p = sub.add_parser("events", help="recent events with their reports (issue 14)")
    p.add_argument("--region", metavar="ID")
    p.add_argument("--hours", type=float, default=24.0, metavar="H",
                   help="events started in the last H hours (default 24)")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.add_argument("--json", action="store_true")
    config_arg(p)
    db_arg(p)
    p.set_defaults(func=_events)

    p = sub.add_parser("eval", help="measure regions and severity against labelled texts")
    p.add_argument("files", nargs="*", type=Path, metavar="FILE",
                   help="JSON Lines of labelled texts (default: the project's quality set)")
    p.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    p.add_argument("--lang", metavar="CODE", help="only rows in this language")
    p.add_argument("--misses", action="store_true", help="list every row the matcher got wrong")
    p.add_argument("--json", action="store_true")
    config_arg(p)
    p.set_defaults(func=_eval)

    p = sub.add_parser("eval-events", help="measure the same-event decision against labelled "
                                           "pairs of reports (docs/EVENTS.md)")
    p.add_argument("--file", type=Path, default=None, metavar="PATH",
                   help="JSON Lines of labelled reports (default: tests/data/events)")
    p.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    p.add_argument("--window", type=float, default=6.0, metavar="HOURS",
                   help="how far apart two reports of one event may be (default 6)")
    p.add_argument("--misses", action="store_true", help="list every pair decided wrong")
    p.add_argument("--json", action="store_true")
    config_arg(p)
    p.set_defaults(func=_eval_events)

    p = sub.add_parser("inspect", help="the entries and segments of a feed as the bot parses them")
    p.add_argument("feed", metavar="FEED_FILE_OR_URL")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_inspect)

    p = sub.add_parser("sync-commands", help="log in, sync the slash commands to Discord even "
                                             "if unchanged, exit (needs DISCORD_TOKEN)")
    config_arg(p)
    db_arg(p)
    p.set_defaults(func=_sync_commands, default_log_level="INFO")

    p = sub.add_parser("health", help="is the running bot connected, polling and sending? "
                                      "exit 0 if so, 1 if not (for supervisors)")
    p.add_argument("--max-age", type=int, default=None, metavar="SECONDS",
                   help="a fact older than this is stale (default: what the bot recorded, "
                        "twice its shortest poll interval, at least 120)")
    p.add_argument("--json", action="store_true")
    db_arg(p)
    p.set_defaults(func=_health)

    p = sub.add_parser("status", help="the bot's processes on the database (their shards, "
                                      "sources and channels) and how deep the outbox is")
    p.add_argument("--lease", type=int, default=30, metavar="SECONDS",
                   help="a process silent longer than this is dead (bot.toml's [database] "
                        "lease; default 30)")
    p.add_argument("--json", action="store_true")
    db_arg(p)
    p.set_defaults(func=_status)

    p = sub.add_parser("check-config", help="validate the configuration; exit 0 if valid, 2 if not")
    config_arg(p)
    p.set_defaults(func=_check_config)

    p = sub.add_parser("commands-doc", help="print the slash command reference "
                                            "(docs/COMMANDS.md) written from the commands")
    p.set_defaults(func=_commands_doc)
    return parser


def _database_arg(text: str) -> Database:
    try:
        return parse_database(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _fail(message: str) -> int:
    print(f"alertbot: {message}", file=sys.stderr)
    return 1


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


# -- subcommands -------------------------------------------------------------------------------


def _init(args: argparse.Namespace) -> int:
    from bot.app import init_database
    from bot.settings import load_settings
    from bot.store import StoreError

    try:
        config: Path | None = find_config(args.config, builtin=False)
    except NoConfigFound:
        config = None  # the database needs no configuration; `run` will ask for one
    # A configuration that is there is checked now: init is where a new deployment starts.
    settings = load_settings(config) if config is not None else None
    db = _database(args, settings.database if settings is not None else None)
    try:
        done = asyncio.run(init_database(db))
    except StoreError as e:
        return _fail(str(e))
    if done.before is None:
        print(f"{db.shown}: created the database (schema version {done.after})")
    elif done.before == done.after:
        print(f"{db.shown}: the database exists and is up to date (schema version {done.after})")
    else:
        print(f"{db.shown}: migrated the database from schema version {done.before} to "
              f"{done.after}")
    return 0


def _db_copy(args: argparse.Namespace) -> int:
    """`alertbot db copy --to URL`: the deployment (--db, else the configured database) into a
    new, empty database; prints what it copied, table by table."""
    from bot.app import copy_database
    from bot.settings import load_settings
    from bot.store import StoreError

    try:
        config: Path | None = find_config(args.config, builtin=False)
    except NoConfigFound:
        config = None  # the database alone says where it is (--db or ALERTBOT_DB)
    settings = load_settings(config) if config is not None else None
    source = _database(args, settings.database if settings is not None else None)
    if _absent(source):
        return _fail(f"no database at {source.shown} to copy; give it with --db")
    try:
        copied = asyncio.run(copy_database(source, args.to))
    except StoreError as e:
        return _fail(f"nothing was copied: {e}")
    print(f"copied {copied.source.shown} to {copied.target.shown}:")
    width = max(len(table) for table in copied.rows)
    for table, count in copied.rows.items():
        print(f"  {table:<{width}}  {count:>9}")
    return 0


def _check_config(args: argparse.Namespace) -> int:
    from bot.settings import load_settings

    config = find_config(args.config, builtin=False)
    settings = load_settings(config)
    print(
        f"{config}: valid: {len(settings.sources)} sources "
        f"({sum(s.enabled for s in settings.sources)} enabled)"
    )
    return 0


def _explain(args: argparse.Namespace) -> int:
    from bot.pipeline.match import load_matcher

    if args.update is not None:
        return _explain_update(args)
    if args.file is not None:
        try:
            text = args.file.read_text(encoding="utf-8", errors="replace")
        except OSError as e:
            return _fail(f"cannot read {args.file}: {e.strerror}")
    else:
        text = args.text
    matcher = load_matcher(find_config(args.config, builtin=True))
    match = matcher.match(text, args.title, language=args.lang)
    if args.json:
        _print_json(output.match_json(matcher, match))
    else:
        print(output.match_text(matcher, match))
    return 0


def _eval(args: argparse.Namespace) -> int:
    from bot.pipeline.match import load_matcher
    from bot.quality import dataset, evaluate

    files = args.files or dataset.dataset_files(dataset.DEFAULT_SET)
    if not files:
        return _fail(f"no labelled texts: {dataset.DEFAULT_SET} has no *.jsonl")
    try:
        rows, skipped = dataset.load(files)
    except dataset.DatasetError as e:
        return _fail(str(e))
    if skipped:
        print(f"alertbot: {len(skipped)} corpus rows skipped: {skipped[0]}", file=sys.stderr)
    rows = [r for r in rows if args.split in ("all", r.split)]
    rows = [r for r in rows if args.lang in (None, r.language)]
    if not rows:
        return _fail("no rows to measure (check --split and --lang)")
    matcher = load_matcher(find_config(args.config, builtin=True))
    outcomes = evaluate.judge(rows, matcher.judge)
    if args.json:
        _print_json({
            "all": evaluate.figures(outcomes).as_json(),
            "languages": {k: f.as_json() for k, f in evaluate.by_language(outcomes).items()},
        })
    else:
        print(f"{len(rows)} rows ({args.split} split) from {len(files)} files")
        print(evaluate.report(outcomes))
        if args.misses:
            print()
            print(evaluate.misses(outcomes))
    return 0


def _eval_events(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from bot.pipeline.match import load_matcher
    from bot.quality import events

    window = timedelta(hours=args.window)
    try:
        reports = events.load(args.file or events.DEFAULT_FILE)
    except events.ReportError as e:
        return _fail(str(e))
    reports = [r for r in reports if args.split in ("all", r.split)]
    if not reports:
        return _fail("no reports to measure (check --split)")
    matcher = load_matcher(find_config(args.config, builtin=True))
    signed = events.signatures(
        reports, lambda title, text, lang: matcher.match(text, title, language=lang)
    )
    pairs = events.pairs(reports, signed, window)
    joined = events.clusters(reports, signed, window)
    if args.json:
        _print_json({
            "pairwise": events.pair_figures(pairs).as_json(),
            "within_window": events.pair_figures(events.within(pairs, window)).as_json(),
            "joined": events.cluster_figures(pairs, joined).as_json(),
            "kinds": {k: {"pairs": n, "right": ok} for k, (n, ok) in events.by_kind(pairs).items()},
        })
    else:
        print(f"{len(reports)} reports, {len(pairs)} pairs ({args.split} split)")
        print(events.report(pairs, joined, window))
        if args.misses:
            print()
            print(events.misses(pairs))
    return 0


def _inspect(args: argparse.Namespace) -> int:
    from bot.pipeline.parse import ParseError, parse

    target: str = args.feed
    if target.startswith(("http://", "https://")):
        from bot.pipeline.fetch import FetchError

        try:
            body, headers = asyncio.run(_fetch_once(target))
        except FetchError as e:
            return _fail(f"cannot fetch {target}: {e.message}")
    else:
        try:
            body, headers = Path(target).read_bytes(), {}
        except OSError as e:
            return _fail(f"cannot read {target}: {e.strerror}")
    try:
        feed = parse(body, headers, url=target if "://" in target else None)
    except ParseError as e:
        return _fail(f"{target} is not a feed: {e.reason}")
    if args.json:
        _print_json(output.feed_json(feed))
    else:
        print(output.feed_text(feed))
    return 0


async def _fetch_once(url: str) -> tuple[bytes, dict[str, str]]:
    # The bot's fetcher with the default limits: `inspect` reads no configuration.
    from bot.app import open_fetcher
    from bot.settings import FetchSettings

    async with open_fetcher(FetchSettings()) as fetcher:
        fetched = await fetcher.fetch(url, etag=None, last_modified=None)
    return fetched.body, dict(fetched.headers)


def _explain_update(args: argparse.Namespace) -> int:
    """The event a stored update is in and why: the decision made again on the candidates
    still stored (those older than it, of other sources, sharing a region)."""
    from bot.app import open_reader
    from bot.events import join
    from bot.settings import load_bot_config
    from bot.store import StoreError

    db = _database(args)
    if _absent(db):
        return _fail(f"no database at {db.shown}")
    tuning, problems = load_bot_config(find_config(args.config, builtin=True) / "bot.toml")
    if problems:
        return _fail(f"{problems[0].file}: {problems[0].key}: {problems[0].message}")
    window = tuning.events.window

    async def query() -> tuple[Any, Any]:
        async with open_reader(db) as store:
            return await store.get_update(args.update), await store.event_candidates(
                args.update, window)

    try:
        update, found = asyncio.run(query())
    except StoreError as e:
        return _fail(str(e))
    if update is None:
        return _fail(f"no update #{args.update} is stored (pruned, or never there)")
    joined = join(found[0], found[1], window=window) if found is not None else None
    if args.json:
        _print_json(output.joined_json(update, joined))
    else:
        print(output.joined_text(update, joined))
    return 0


def _events(args: argparse.Namespace) -> int:
    from bot.app import open_reader
    from bot.store import StoreError

    if not 1 <= args.limit <= 1000:
        return _fail("--limit must be between 1 and 1000")
    if not 0 < args.hours <= 24 * 365:
        return _fail("--hours must be more than 0 and at most a year")
    target = _stored_region(args)
    if isinstance(target, str):
        return _fail(target)
    db, region = target
    since = datetime.now(UTC) - timedelta(hours=args.hours)

    async def query() -> list[Any]:
        async with open_reader(db) as store:
            return await store.events(since=since, region=region.id if region else None,
                                      limit=args.limit)

    try:
        events = asyncio.run(query())
    except StoreError as e:
        return _fail(str(e))
    if args.json:
        _print_json(output.events_json(events))
    elif events:
        print(output.events_text(events))
    else:
        print("No events in that time.")
    return 0


def _latest(args: argparse.Namespace) -> int:
    from bot.app import open_reader
    from bot.model import Severity
    from bot.store import StoreError

    try:
        min_severity = Severity.parse(args.min_severity)
    except ValueError as e:
        return _fail(str(e))
    if not 1 <= args.limit <= 1000:
        return _fail("--limit must be between 1 and 1000")
    target = _stored_region(args)
    if isinstance(target, str):
        return _fail(target)
    db, region = target

    async def query() -> tuple[list[Any], dict[int, list[str]]]:
        async with open_reader(db) as store:
            found = await store.latest(
                region=region.id if region else None, limit=args.limit, min_severity=min_severity
            )
            reports = await store.event_sources([u.event for u in found if u.event is not None])
            return found, reports

    try:
        updates, reports = asyncio.run(query())
    except StoreError as e:
        return _fail(str(e))
    if args.json:
        _print_json([output.update_json(u, reports.get(u.event or 0, ())) for u in updates])
    elif updates:
        print(output.updates_text(updates))
    else:
        about = f" for {region.name}" if region else ""
        at_least = "" if min_severity is Severity.LOW else f" at {min_severity.label} or worse"
        print(f"No updates stored{about}{at_least} yet.")
    return 0


def _stored_region(args: argparse.Namespace) -> tuple[Database, Region | None] | str:
    """The database `latest` and `events` read, and the region `--region` names; or why not."""
    db = _database(args)
    if _absent(db):
        return (f"no database at {db.shown}; create it with `alertbot init --db "
                f"{shlex.quote(db.shown)}`, then run `alertbot run` or `alertbot poll --once`")
    if args.region is None:
        return db, None
    region = _region(find_config(args.config, builtin=True), args.region)
    return region if isinstance(region, str) else (db, region)


def _region(config: Path, text: str) -> Region | str:
    """The region `--region` names (its id or name), or why there is none, with the close
    matches: a typo must not read as "nothing happened there"."""
    from bot.lookup import close_matches, find_by_id_or_name, one_of
    from bot.pipeline.match import load_matcher

    regions = {r.id: r for r in load_matcher(config).regions()}
    names = [(r.id, r.name) for r in regions.values()]
    found = find_by_id_or_name(names, text)
    if found is not None:
        return regions[found]
    close = close_matches(names, text)
    return f"unknown region '{text}'" + (f"; did you mean {one_of(close)}?" if close else "")


def _health(args: argparse.Namespace) -> int:
    """Exit 0 healthy, 1 unhealthy or unknown; never 2, which Docker's HEALTHCHECK reserves."""
    from bot import health
    from bot.app import open_reader
    from bot.store import StoreError

    if args.max_age is not None and args.max_age < 1:
        return _fail("--max-age must be at least 1 second")
    db = _database(args)
    if _absent(db):
        return _fail(f"no database at {db.shown}; is the bot running with this --db / "
                     "ALERTBOT_DB?")

    async def read() -> health.Facts:
        async with open_reader(db) as store:
            return await health.read_facts(store)

    try:
        facts = asyncio.run(read())
    except StoreError as e:
        return _fail(str(e))
    now = datetime.now(UTC)
    verdict = health.judge(facts, now, args.max_age)
    if args.json:
        _print_json(health.as_json(facts, verdict, now))
    else:
        print(health.as_text(facts, verdict, now))
    return 0 if verdict.healthy else 1


def _status(args: argparse.Namespace) -> int:
    from bot import status
    from bot.app import open_reader
    from bot.store import StoreError

    if args.lease < 1:
        return _fail("--lease must be at least 1 second")
    db = _database(args)
    if _absent(db):
        return _fail(f"no database at {db.shown}; give the bot's --db / ALERTBOT_DB")
    now = datetime.now(UTC)

    async def read() -> status.Status:
        async with open_reader(db) as store:
            return await status.read_status(store, db, now, timedelta(seconds=args.lease))

    try:
        found = asyncio.run(read())
    except StoreError as e:
        return _fail(str(e))
    if args.json:
        _print_json(status.as_json(found))
    else:
        print(status.as_text(found))
    return 0


def _poll(args: argparse.Namespace) -> int:
    from bot.app import poll_once
    from bot.settings import load_settings
    from bot.store import StoreError

    settings = load_settings(find_config(args.config, builtin=False))
    db = _database(args, settings.database)
    if isinstance(db, SqliteFile) and _absent(db):
        # Unlike `run`, poll creates the database: scripts call it on fresh paths. Said once,
        # on stderr, so that a mistyped path does not go unnoticed.
        print(f"alertbot: warning: no database at {db.shown}; creating it (`alertbot init` "
              "creates one on purpose)", file=sys.stderr)
        try:
            db.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            return _fail(f"cannot create the folder {db.path.parent}: {e.strerror}")
    try:
        reports = asyncio.run(poll_once(settings, db, progress=sys.stderr.isatty()))
    except StoreError as e:
        return _fail(f"the database cannot be used: {e}")
    print(output.poll_table(reports))
    return _poll_exit_code(reports)


def _poll_exit_code(reports: Sequence[PollReport]) -> int:
    """`poll --once`'s exit code (see the module docstring): a script or a monitor reads it."""
    if any(r.error_kind == "store" for r in reports):
        return 1  # nothing could be recorded: the operator's problem, not the sources'
    failed = sum(r.status == "error" for r in reports)
    if failed == 0:
        return 0
    return POLL_ALL_FAILED if failed == len(reports) else POLL_SOME_FAILED


def _run(args: argparse.Namespace) -> int:
    from bot.app import run_bot

    return _with_token(args, run_bot, adjust=lambda settings: _with_shards(settings, args))


def _shard_list(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give shard ids separated by commas, like 0,1") from None


def _with_shards(settings: Settings, args: argparse.Namespace) -> Settings:
    """bot.toml's shards, with --shards and --shard-count each taking the place of its key; a
    bad pair is a ConfigError naming the option (or the key) at fault."""
    from bot.settings import shard_problem

    shards = args.shards if args.shards is not None else settings.discord.shards
    count = args.shard_count if args.shard_count is not None else settings.discord.shard_count
    if count is not None and count < 1:
        raise ConfigError([ConfigProblem("command line", "--shard-count",
                                         f"{count} is out of range; use at least 1")])
    # Name what the operator wrote: an option given, or one missing beside an option given.
    count_on_line = args.shard_count is not None or (args.shards is not None and count is None)
    found = shard_problem(
        shards, count,
        shards_key="--shards" if args.shards is not None else "discord.shards",
        count_key="--shard-count" if count_on_line else "discord.shard_count",
    )
    if found is not None:
        key, message = found
        where = "command line" if key.startswith("--") else str(settings.config_dir / "bot.toml")
        raise ConfigError([ConfigProblem(where, key, message)])
    return replace(settings, discord=replace(settings.discord, shards=shards, shard_count=count))


def _sync_commands(args: argparse.Namespace) -> int:
    from bot.app import sync_commands

    return _with_token(args, sync_commands)


def _with_token(
    args: argparse.Namespace,
    job: Callable[[Settings, Database], Coroutine[Any, Any, int]],
    *,
    adjust: Callable[[Settings], Settings] | None = None,
) -> int:
    """Run a job that logs in to Discord: the token must be set, and is kept out of the log.
    ``adjust`` lays the command's own options over the settings."""
    from bot.settings import load_settings

    settings = load_settings(find_config(args.config, builtin=False))
    if adjust is not None:
        settings = adjust(settings)
    if settings.token is None:
        return _fail("DISCORD_TOKEN is not set (in the environment or .env); see .env.example")
    setup_logging(args.log_format, args.log_level or args.default_log_level,
                  secrets=[settings.token.reveal()])
    return asyncio.run(job(settings, _database(args, settings.database)))


def _commands_doc(args: argparse.Namespace) -> int:
    from bot.commands.reference import command_tree, render

    print(render(asyncio.run(command_tree())), end="")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from bot.demo import run_demo

    return asyncio.run(run_demo(pause=0.0 if args.fast else 0.6))


def _database(args: argparse.Namespace, configured: Database | None = None) -> Database:
    """--db, else what the settings say (ALERTBOT_DB, else bot.toml's [database] url, else the
    user's data folder); commands that load no settings read the same environment and .env
    (a bad ALERTBOT_DB there is a ConfigError naming it)."""
    if args.db is not None:
        db: Database = args.db
        return db
    if configured is not None:
        return configured
    from bot.problems import ConfigError
    from bot.settings import read_environment

    deployment, problems = read_environment(None, None)
    if problems:
        raise ConfigError(problems)
    return deployment.database or SqliteFile(default_db_path())


def _absent(db: Database) -> bool:
    """A SQLite file that is not there (a PostgreSQL database is asked when it is opened)."""
    return isinstance(db, SqliteFile) and not db.path.exists()

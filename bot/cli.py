"""alertbot run | poll | latest | demo | explain | eval | inspect | check-config | health |
sync-commands.

Each subcommand is a thin shell over the same parts the bot uses, so what the CLI shows is what
the bot decides. Exit codes: 0 success, 1 bad input or a failed operation, 2 invalid configuration.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot import output
from bot.logs import setup_logging
from bot.problems import ConfigError

DEFAULT_CONFIG = Path("config")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    setup_logging(args.log_format, args.log_level or args.default_log_level)
    try:
        result: int = args.func(args)
        return result
    except ConfigError as e:
        print("The configuration has problems:", file=sys.stderr)
        for problem in e.problems:
            print(f"  {problem}", file=sys.stderr)
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
        p.add_argument("--config", type=Path, default=DEFAULT_CONFIG, metavar="DIR",
                       help="folder with sources.toml, regions.toml, severity.toml")

    def db_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", type=Path, default=None, metavar="PATH",
                       help="SQLite database (default: $ALERTBOT_DB or alertbot.db)")

    p = sub.add_parser("run", help="run the bot on Discord (needs DISCORD_TOKEN)")
    config_arg(p)
    db_arg(p)
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

    p = sub.add_parser("demo", help="run the main job offline on a local replayed story")
    p.add_argument("--fast", action="store_true", help="no pauses between steps")
    # The demo prints every error itself; the log would only repeat it.
    p.set_defaults(func=_demo, default_log_level="ERROR")

    p = sub.add_parser("explain", help="which regions and severity a text gets, and why")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("text", nargs="?")
    src.add_argument("--file", type=Path, metavar="PATH")
    p.add_argument("--title", default="")
    p.add_argument("--lang", metavar="CODE", default=None,
                   help="the text's language as ISO 639-1 (default: detected)")
    p.add_argument("--json", action="store_true")
    config_arg(p)
    p.set_defaults(func=_explain)

    p = sub.add_parser("eval", help="measure regions and severity against labelled texts")
    p.add_argument("files", nargs="*", type=Path, metavar="FILE",
                   help="JSON Lines of labelled texts (default: the project's quality set)")
    p.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    p.add_argument("--lang", metavar="CODE", help="only rows in this language")
    p.add_argument("--misses", action="store_true", help="list every row the matcher got wrong")
    p.add_argument("--json", action="store_true")
    config_arg(p)
    p.set_defaults(func=_eval)

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

    p = sub.add_parser("check-config", help="validate the configuration; exit 0 if valid, 2 if not")
    config_arg(p)
    p.set_defaults(func=_check_config)
    return parser


def _fail(message: str) -> int:
    print(f"alertbot: {message}", file=sys.stderr)
    return 1


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


# -- subcommands -------------------------------------------------------------------------------


def _check_config(args: argparse.Namespace) -> int:
    from bot.settings import load_settings

    settings = load_settings(args.config)
    print(
        f"{args.config}: valid: {len(settings.sources)} sources "
        f"({sum(s.enabled for s in settings.sources)} enabled)"
    )
    return 0


def _explain(args: argparse.Namespace) -> int:
    from bot.pipeline.match import load_matcher

    if args.file is not None:
        try:
            text = args.file.read_text(encoding="utf-8", errors="replace")
        except OSError as e:
            return _fail(f"cannot read {args.file}: {e.strerror}")
    else:
        text = args.text
    matcher = load_matcher(args.config)
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
    matcher = load_matcher(args.config)
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
    from bot.pipeline.fetch import Fetcher, make_session

    async with make_session() as session:
        fetched = await Fetcher(session).fetch(url, etag=None, last_modified=None)
    return fetched.body, dict(fetched.headers)


def _latest(args: argparse.Namespace) -> int:
    from bot.model import Severity
    from bot.store import Store, StoreError

    try:
        min_severity = Severity.parse(args.min_severity)
    except ValueError as e:
        return _fail(str(e))
    if not 1 <= args.limit <= 1000:
        return _fail("--limit must be between 1 and 1000")
    db = _db_path(args)
    if not db.exists():
        return _fail(f"no database at {db}; run `alertbot poll --once` or `alertbot run` first")

    async def query() -> list[Any]:
        async with await Store.open(db) as store:
            return await store.latest(
                region=args.region, limit=args.limit, min_severity=min_severity
            )

    try:
        updates = asyncio.run(query())
    except StoreError as e:
        return _fail(str(e))
    if args.json:
        _print_json([output.update_json(u) for u in updates])
    else:
        print(output.updates_text(updates) or "No updates stored yet.")
    return 0


def _health(args: argparse.Namespace) -> int:
    """Exit 0 healthy, 1 unhealthy or unknown; never 2, which Docker's HEALTHCHECK reserves."""
    from bot import health
    from bot.store import Store, StoreError

    if args.max_age is not None and args.max_age < 1:
        return _fail("--max-age must be at least 1 second")
    db = _db_path(args)
    if not db.exists():
        return _fail(f"no database at {db}; is the bot running with this --db / ALERTBOT_DB?")

    async def read() -> health.Facts:
        async with await Store.open(db, read_only=True) as store:
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


def _poll(args: argparse.Namespace) -> int:
    from bot.app import poll_once
    from bot.settings import load_settings

    settings = load_settings(args.config)
    reports = asyncio.run(poll_once(settings, _db_path(args, settings.db_path),
                                    progress=sys.stderr.isatty()))
    print(output.poll_table(reports))
    return 0 if all(r.status != "error" or r.error_kind != "store" for r in reports) else 1


def _run(args: argparse.Namespace) -> int:
    from bot.app import run_bot
    from bot.settings import load_settings

    settings = load_settings(args.config)
    if settings.token is None:
        return _fail("DISCORD_TOKEN is not set (in the environment or .env); see .env.example")
    setup_logging(args.log_format, args.log_level or args.default_log_level,
                  secrets=[settings.token.reveal()])
    return asyncio.run(run_bot(settings, _db_path(args, settings.db_path)))


def _sync_commands(args: argparse.Namespace) -> int:
    from bot.app import sync_commands
    from bot.settings import load_settings

    settings = load_settings(args.config)
    if settings.token is None:
        return _fail("DISCORD_TOKEN is not set (in the environment or .env); see .env.example")
    setup_logging(args.log_format, args.log_level or args.default_log_level,
                  secrets=[settings.token.reveal()])
    return asyncio.run(sync_commands(settings, _db_path(args, settings.db_path)))


def _demo(args: argparse.Namespace) -> int:
    from bot.demo import run_demo

    return asyncio.run(run_demo(pause=0.0 if args.fast else 0.6))


def _db_path(args: argparse.Namespace, default: Path | None = None) -> Path:
    if args.db is not None:
        return Path(args.db)
    if default is not None:
        return default
    import os

    return Path(os.environ.get("ALERTBOT_DB", "alertbot.db"))

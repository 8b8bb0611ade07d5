"""Settings: `.env` + environment + `config/*.toml`, validated into typed frozen dataclasses.

Every file is read to the end and every mistake is collected as a `ConfigProblem` naming the file,
the key path and what is wrong, so an operator fixes the whole configuration in one pass;
`load_settings` raises them together as one `ConfigError`, `check_config` returns them.

Files and what they hold:

* ``sources.toml`` (required): ``[[sources]]`` tables → ``tuple[Source, ...]``
* ``regions.toml`` and ``severity.toml`` (required): read by `bot.matching.rules`
* ``bot.toml`` (optional): the database, and tuning for fetch, store, discord, metrics and log;
  defaults when absent
* environment and ``.env``: the Discord token and the few deployment choices that differ per host
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from ipaddress import ip_network
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

import pycountry
from dotenv import dotenv_values

from bot.database import Database, SqliteFile, parse_database
from bot.follows import SourceLimits
from bot.matching.rules import (
    RegionRules,
    SeverityRules,
    load_region_rules,
    load_severity_rules,
)
from bot.model import Source
from bot.paths import default_db_path
from bot.pipeline.guard import IPNetwork
from bot.problems import ConfigError, ConfigProblem
from bot.tomlcheck import Check, Checker, Table, boolean, integer, kind, section, string

# -- durations ---------------------------------------------------------------------------------

_UNITS: Final = {"d": 86400, "h": 3600, "m": 60, "s": 1}
# Units largest first, each at most once: "1h30m" reads one way only, "30m1h" is a typo.
_DURATION = re.compile(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?")
#: far beyond any retention or mute anyone means, and well inside what `timedelta` can hold
MAX_DURATION_S: Final = 3650 * 86400


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def parse_duration(text: str) -> int:
    """``"90s"``, ``"5m"``, ``"2h"``, ``"3d"``, ``"1h30m"`` → seconds.

    Raises ``ValueError`` with a message fit to show a user as is (also used by ``/mute``).
    """
    cleaned = text.strip().lower()
    found = _DURATION.fullmatch(cleaned)
    if not cleaned or found is None:
        raise ValueError(f'{_quote(text)} is not a duration; write e.g. "90s", "5m" or "1h"')
    seconds = sum(
        int(amount) * unit for amount, unit in zip(found.groups(), _UNITS.values(), strict=True)
        if amount is not None
    )
    if seconds == 0:
        raise ValueError(f"{_quote(text)} is zero; a duration must be longer than that")
    if seconds > MAX_DURATION_S:
        raise ValueError(f"{_quote(text)} is too long; at most {MAX_DURATION_S // 86400}d")
    return seconds


def format_duration(seconds: int) -> str:
    """The inverse of `parse_duration`, for messages: 5400 → ``"1h30m"``."""
    parts: list[str] = []
    for unit, size in _UNITS.items():
        amount, seconds = divmod(seconds, size)
        if amount:
            parts.append(f"{amount}{unit}")
    return "".join(parts) or "0s"


# -- the settings ------------------------------------------------------------------------------


class Secret:
    """A value that never shows itself in a repr, a str, a log line or a traceback's locals."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True, slots=True)
class FetchSettings:
    #: seconds to open a connection to a feed's host
    timeout_connect: float = 10.0
    #: seconds for a whole fetch, body included
    timeout_total: float = 30.0
    #: a body larger than this (after decompression) is refused
    max_body_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    #: at most this many fetches to one host at once (politeness)
    per_host_concurrency: int = 2
    #: at most this many fetches at once overall
    concurrency: int = 20
    #: seconds: the longest wait between polls of a failing source
    backoff_max: int = 6 * 3600
    #: networks the operator's feeds may be fetched from though they are not public
    #: (bot.pipeline.guard)
    allow_private: tuple[IPNetwork, ...] = ()
    #: the same for the feeds servers add ([guild_sources] allow_private): none by default,
    #: whatever the operator allows its own feeds, so no server reaches the operator's network
    guild_allow_private: tuple[IPNetwork, ...] = ()


@dataclass(frozen=True, slots=True)
class StoreSettings:
    #: updates and deliveries older than this are deleted
    retention: timedelta = timedelta(days=30)
    #: entries (their fingerprints) not seen in a feed for this long are forgotten
    entry_retention: timedelta = timedelta(days=180)


@dataclass(frozen=True, slots=True)
class EventSettings:
    #: how far apart two reports of one event may be (issue 14; docs/EVENTS.md)
    window: timedelta = timedelta(hours=6)


@dataclass(frozen=True, slots=True)
class ProcessSettings:
    """How the bot's processes share a PostgreSQL database (bot.toml's [database]; README:
    Running on PostgreSQL)."""

    #: how long a source a process claimed to poll stays its own without renewal: a killed
    #: process's sources are taken over by another after at most this long (bot.store._leases)
    lease: timedelta = timedelta(seconds=30)
    #: ``processes = "several"``: more than one `alertbot run` on one PostgreSQL database
    several: bool = False


@dataclass(frozen=True, slots=True)
class DiscordSettings:
    #: the guild slash commands are synced to when ``sync`` is "guild" (instant, for development)
    dev_guild: int | None = None
    #: "global" (every guild, takes a while to appear) or "guild" (``dev_guild`` only)
    sync: str = "global"
    #: the shards this process connects, each below ``shard_count`` (several processes split
    #: the bot's guilds this way); None = every shard
    shards: tuple[int, ...] | None = None
    #: the bot's shards in all processes together; None = what Discord recommends
    #: (GET /gateway/bot)
    shard_count: int | None = None


def shard_problem(
    shards: tuple[int, ...] | None, count: int | None, *, shards_key: str, count_key: str
) -> tuple[str, str] | None:
    """What is wrong with a process's shards, as (the key at fault, why); None when fine.

    Discord routes a guild to shard ``(guild_id >> 22) % count``, so a process's ids only mean
    something against the count every process shares, and each must be below it.
    """
    if shards is None:
        return None
    if count is None:
        return shards_key, (f"needs {count_key}: the number of shards of all processes "
                            "together, the same in each")
    if not shards:
        return shards_key, "lists no shard; leave it out for every shard"
    if len(set(shards)) != len(shards):
        return shards_key, f"names a shard twice: {', '.join(map(str, shards))}"
    outside = [n for n in shards if not 0 <= n < count]
    if outside:
        return shards_key, (f"shard {outside[0]} is not below {count_key} ({count}); "
                            f"shard ids run from 0 to {count - 1}")
    return None


@dataclass(frozen=True, slots=True)
class LogSettings:
    #: "text" for people, "json" for log shippers
    format: str = "text"
    level: str = "INFO"


@dataclass(frozen=True, slots=True)
class Settings:
    config_dir: Path
    sources: tuple[Source, ...]
    regions: RegionRules
    severity: SeverityRules
    #: None when DISCORD_TOKEN is unset: fine for poll, latest, demo; `run` refuses to start
    token: Secret | None
    #: ALERTBOT_DB, else bot.toml's [database] url, else the SQLite file in the user's data
    #: folder (bot.paths); `--db` wins over all (bot.database: a path or a URL)
    database: Database
    fetch: FetchSettings = field(default_factory=FetchSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    discord: DiscordSettings = field(default_factory=DiscordSettings)
    #: serve Prometheus metrics on 127.0.0.1 at this port; None = off
    metrics_port: int | None = None
    log: LogSettings = field(default_factory=LogSettings)
    #: what servers may do with sources of their own (bot.toml's [guild_sources])
    source_limits: SourceLimits = field(default_factory=SourceLimits)
    events: EventSettings = field(default_factory=EventSettings)
    processes: ProcessSettings = field(default_factory=ProcessSettings)


def load_settings(
    config_dir: Path, *, env: Mapping[str, str] | None = None, env_file: Path | None = None
) -> Settings:
    """Read and validate everything; raise `ConfigError` with every problem found.

    ``env`` None means the process environment merged over ``.env`` in the working directory
    (the environment wins). ``env_file``, when given, is read instead of ``./.env`` and sits
    under ``env`` too.
    """
    settings, problems = _collect(config_dir, env, env_file)
    if problems or settings is None:
        raise ConfigError(problems)
    return settings


def check_config(
    config_dir: Path, *, env: Mapping[str, str] | None = None, env_file: Path | None = None
) -> list[ConfigProblem]:
    """Every problem in the configuration, as a list; empty when valid (``load_settings``
    raises the same problems as one ``ConfigError``)."""
    return _collect(config_dir, env, env_file)[1]


def _collect(
    config_dir: Path, env: Mapping[str, str] | None, env_file: Path | None
) -> tuple[Settings | None, list[ConfigProblem]]:
    problems: list[ConfigProblem] = []
    sources, found = load_sources(config_dir / "sources.toml")
    problems += found
    regions, found = load_region_rules(config_dir / "regions.toml")
    problems += found
    severity, found = load_severity_rules(config_dir / "severity.toml")
    problems += found
    tuning, found = load_bot_config(config_dir / "bot.toml")
    problems += found
    deployment, found = read_environment(env, env_file)
    problems += found
    discord = tuning.discord
    if deployment.dev_guild is not None:
        discord = replace(discord, dev_guild=deployment.dev_guild)
    if discord.sync == "guild" and discord.dev_guild is None:
        problems.append(ConfigProblem(
            str(config_dir / "bot.toml"), "discord.sync",
            '"guild" needs a guild: set discord.dev_guild or ALERTBOT_DEV_GUILD'))
    if problems or sources is None or regions is None or severity is None:
        return None, problems
    return Settings(
        config_dir=config_dir,
        sources=sources,
        regions=regions,
        severity=severity,
        token=deployment.token,
        database=deployment.database or tuning.database or SqliteFile(default_db_path()),
        fetch=tuning.fetch,
        store=tuning.store,
        discord=discord,
        metrics_port=deployment.metrics_port or tuning.metrics_port,
        log=tuning.log,
        source_limits=tuning.sources,
        events=tuning.events,
        processes=tuning.processes,
    ), problems


# -- value checks (see bot.tomlcheck) ----------------------------------------------------------


def _text(checker: Checker, key: str, value: Any) -> str | None:
    """A string with something in it, stripped."""
    text = string(checker, key, value)
    if text is None:
        return None
    if not text.strip():
        checker.problem(key, "must not be empty")
        return None
    return text.strip()


def _seconds(low: float, high: float) -> Check[float]:
    def check(checker: Checker, key: str, value: Any) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            checker.problem(key, f"must be a number of seconds, not {kind(value)}")
            return None
        if not low <= value <= high:
            checker.problem(key, f"{value} is out of range; use {low:g} to {high:g} seconds")
            return None
        return float(value)

    return check


def _duration(low: int, high: int) -> Check[int]:
    def check(checker: Checker, key: str, value: Any) -> int | None:
        if not isinstance(value, str):
            checker.problem(
                key, f'must be a duration string like "90s", "5m" or "1h", not {kind(value)}'
            )
            return None
        try:
            seconds = parse_duration(value)
        except ValueError as e:
            checker.problem(key, str(e))
            return None
        if not low <= seconds <= high:
            checker.problem(
                key,
                f"{_quote(value)} is out of range; use {format_duration(low)} to "
                f"{format_duration(high)}",
            )
            return None
        return seconds

    return check


def _choice(*choices: str) -> Check[str]:
    def check(checker: Checker, key: str, value: Any) -> str | None:
        text = _text(checker, key, value)
        if text is None:
            return None
        if text.lower() not in choices:
            checker.problem(key, f"{_quote(text)} is not one of {', '.join(choices)}")
            return None
        return text.lower()

    return check


# -- sources.toml ------------------------------------------------------------------------------

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG = 64
#: autocomplete choices and embed fields read better short, and no feed's name needs more
MAX_NAME = 100
#: below 30 s a poll is rude to the site; above a day a "news" source is not news
MIN_INTERVAL_S, MAX_INTERVAL_S = 30, 86400
_SOURCE_KEYS: Final = ("id", "url", "name", "interval", "language", "enabled")


def _slug(checker: Checker, key: str, value: Any) -> str | None:
    text = _text(checker, key, value)
    if text is None:
        return None
    if len(text) > MAX_SLUG or _SLUG.fullmatch(text) is None:
        checker.problem(
            key,
            f"{_quote(text)} is not a slug; use lowercase letters, digits and dashes "
            f"(at most {MAX_SLUG}), e.g. \"bbc-world\"",
        )
        return None
    return text


def _url(checker: Checker, key: str, value: Any) -> str | None:
    text = _text(checker, key, value)
    if text is None:
        return None
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 -- raises ValueError on a port that is not a number
    except ValueError:  # e.g. an unclosed "[" of an IPv6 host
        parts = None
    if (parts is None or any(c.isspace() for c in text)
            or parts.scheme not in ("http", "https") or not parts.hostname):
        checker.problem(key, f"{_quote(text)} is not an http(s) URL with a host")
        return None
    if parts.username is not None or parts.password is not None:
        # Source urls are shown by /source list and in logs; a password in one would leak.
        checker.problem(key, "must not carry a user name or password")
        return None
    return text


def _name(checker: Checker, key: str, value: Any) -> str | None:
    text = _text(checker, key, value)
    if text is not None and len(text) > MAX_NAME:
        checker.problem(key, f"is {len(text)} characters long; at most {MAX_NAME}")
        return None
    return text


def _language(checker: Checker, key: str, value: Any) -> str | None:
    text = _text(checker, key, value)
    if text is None:
        return None
    code = text.lower()
    if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None:
        checker.problem(key, f"{_quote(text)} is not an ISO 639-1 language code like \"en\"")
        return None
    return code


def _url_identity(url: str) -> str:
    """Two spellings of one feed count as a duplicate: host and scheme case, a trailing slash."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}?{parts.query}"


def load_sources(path: Path) -> tuple[tuple[Source, ...] | None, list[ConfigProblem]]:
    """``[[sources]]`` → sources in file order, or None and the problems found."""
    checker = Checker(str(path))
    document = checker.load(path)
    if document is None:
        return None, checker.problems
    checker.keys(document, "", ("sources",))
    if document.get("sources", []) == []:
        checker.problem("sources", "no sources; add at least one [[sources]] table")
        return None, checker.problems

    sources: list[Source] = []
    first_of_id: dict[str, str] = {}
    first_of_url: dict[str, str] = {}
    for where, table in checker.tables(document, "", "sources"):
        before = len(checker.problems)
        checker.keys(table, where, _SOURCE_KEYS)
        source_id = checker.require(table, where, "id", _slug)
        url = checker.require(table, where, "url", _url)
        name = checker.require(table, where, "name", _name)
        interval = checker.require(
            table, where, "interval", _duration(MIN_INTERVAL_S, MAX_INTERVAL_S)
        )
        language = checker.get(table, where, "language", _language, "en")
        enabled = checker.get(table, where, "enabled", boolean, True)
        if source_id is not None:
            if source_id in first_of_id:
                checker.problem(f"{where}.id", f"{_quote(source_id)} is already the id of "
                                               f"{first_of_id[source_id]}")
            first_of_id.setdefault(source_id, where)
        if url is not None:
            identity = _url_identity(url)
            if identity in first_of_url:
                checker.problem(f"{where}.url", f"is already the url of {first_of_url[identity]}")
            first_of_url.setdefault(identity, where)
        if (len(checker.problems) > before or source_id is None or url is None or name is None
                or interval is None):
            continue
        sources.append(Source(source_id, url, name, interval, language, enabled))
    if checker.problems:
        return None, checker.problems
    return tuple(sources), checker.problems


# -- bot.toml ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BotConfig:
    """What ``bot.toml`` holds; the environment may still override dev_guild and the port."""

    fetch: FetchSettings = field(default_factory=FetchSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    discord: DiscordSettings = field(default_factory=DiscordSettings)
    metrics_port: int | None = None
    log: LogSettings = field(default_factory=LogSettings)
    sources: SourceLimits = field(default_factory=SourceLimits)
    events: EventSettings = field(default_factory=EventSettings)
    #: [database] url; None when absent (ALERTBOT_DB, else the default file, is used)
    database: Database | None = None
    processes: ProcessSettings = field(default_factory=ProcessSettings)


_SNOWFLAKE = integer(1, 2**63 - 1)
_PORT = integer(1, 65535)
_BOT_KEYS: Final[dict[str, tuple[str, ...]]] = {
    "fetch": ("timeout_connect", "timeout_total", "max_body_bytes", "max_redirects",
              "per_host_concurrency", "concurrency", "backoff_max", "allow_private"),
    "store": ("retention", "entry_retention"),
    "discord": ("dev_guild", "sync", "shards", "shard_count"),
    "metrics": ("port",),
    "log": ("format", "level"),
    "guild_sources": ("allowed", "per_guild", "min_interval", "opml_max_bytes",
                      "opml_max_outlines", "leave_grace", "allow_private"),
    "events": ("window",),
    "database": ("url", "lease", "processes"),
}


def load_bot_config(path: Path) -> tuple[BotConfig, list[ConfigProblem]]:
    """``bot.toml`` → its settings; defaults for every key (and the whole file) left out."""
    checker = Checker(str(path))
    document = checker.load(path, required=False)
    if document is None:
        return BotConfig(), checker.problems
    checker.keys(document, "", _BOT_KEYS)
    sections: dict[str, Table] = {}
    for name, known in _BOT_KEYS.items():
        sections[name] = checker.get(document, "", name, section, {})
        checker.keys(sections[name], name, known)

    s, d = sections["fetch"], FetchSettings()
    fetch = FetchSettings(
        timeout_connect=checker.get(s, "fetch", "timeout_connect", _seconds(0.1, 300),
                                    d.timeout_connect),
        timeout_total=checker.get(s, "fetch", "timeout_total", _seconds(0.1, 600), d.timeout_total),
        max_body_bytes=checker.get(s, "fetch", "max_body_bytes", integer(1024, 1 << 30),
                                   d.max_body_bytes),
        max_redirects=checker.get(s, "fetch", "max_redirects", integer(0, 20), d.max_redirects),
        per_host_concurrency=checker.get(s, "fetch", "per_host_concurrency", integer(1, 100),
                                         d.per_host_concurrency),
        concurrency=checker.get(s, "fetch", "concurrency", integer(1, 1000), d.concurrency),
        backoff_max=checker.get(s, "fetch", "backoff_max", _duration(60, 7 * 86400),
                                d.backoff_max),
        allow_private=checker.get(s, "fetch", "allow_private", _networks, d.allow_private),
    )
    if fetch.timeout_connect > fetch.timeout_total:
        checker.problem("fetch.timeout_connect", "is longer than fetch.timeout_total")

    s = sections["store"]
    retention = checker.get(s, "store", "retention", _duration(86400, MAX_DURATION_S), 30 * 86400)
    entry_retention = checker.get(
        s, "store", "entry_retention", _duration(86400, MAX_DURATION_S), 180 * 86400
    )
    if entry_retention < retention:
        # An entry forgotten while its updates are kept would come back as new and alert again.
        checker.problem("store.entry_retention", "must be at least store.retention")
    store = StoreSettings(timedelta(seconds=retention), timedelta(seconds=entry_retention))

    s = sections["discord"]
    discord = DiscordSettings(
        dev_guild=checker.get(s, "discord", "dev_guild", _SNOWFLAKE, None),
        sync=checker.get(s, "discord", "sync", _choice("global", "guild"), "global"),
        shards=checker.get(s, "discord", "shards", _shard_ids, None),
        shard_count=checker.get(s, "discord", "shard_count", integer(1), None),
    )
    # A shard_count present but wrong is reported already; the ids are judged against a good one.
    if discord.shards is not None and ("shard_count" not in s or discord.shard_count is not None):
        found = shard_problem(discord.shards, discord.shard_count,
                              shards_key="discord.shards", count_key="discord.shard_count")
        if found is not None:
            checker.problem(*found)
    metrics_port = checker.get(sections["metrics"], "metrics", "port", _PORT, None)
    s = sections["log"]
    log = LogSettings(
        format=checker.get(s, "log", "format", _choice("text", "json"), "text"),
        level=checker.get(s, "log", "level",
                          _choice("debug", "info", "warning", "error", "critical"), "info").upper(),
    )
    s, g = sections["guild_sources"], SourceLimits()
    sources = SourceLimits(
        allowed=checker.get(s, "guild_sources", "allowed", boolean, g.allowed),
        per_guild=checker.get(s, "guild_sources", "per_guild", integer(0, 10_000), g.per_guild),
        min_interval=checker.get(s, "guild_sources", "min_interval",
                                 _duration(MIN_INTERVAL_S, MAX_INTERVAL_S), g.min_interval),
        opml_max_bytes=checker.get(s, "guild_sources", "opml_max_bytes",
                                   integer(1024, 64 << 20), g.opml_max_bytes),
        opml_max_outlines=checker.get(s, "guild_sources", "opml_max_outlines",
                                      integer(1, 100_000), g.opml_max_outlines),
        leave_grace=timedelta(seconds=checker.get(
            s, "guild_sources", "leave_grace", _duration(60, 365 * 86400),
            int(g.leave_grace.total_seconds()))),
    )
    fetch = replace(fetch, guild_allow_private=checker.get(
        s, "guild_sources", "allow_private", _networks, fetch.guild_allow_private))
    # Past a day, reports of different events in one place join (docs/EVENTS.md: a 12 h
    # window already merges a city's morning and evening strikes).
    window = checker.get(sections["events"], "events", "window", _duration(60, 86400),
                         int(EventSettings().window.total_seconds()))
    events = EventSettings(window=timedelta(seconds=window))
    database: Database | None = None
    if "url" in sections["database"]:
        database = _database(checker, "database.url", sections["database"]["url"])
    s = sections["database"]
    # A lease shorter than a few ticks of the scheduler would lapse between renewals.
    lease = checker.get(s, "database", "lease", _duration(5, 600),
                        int(ProcessSettings().lease.total_seconds()))
    several = checker.get(s, "database", "processes", _choice("one", "several"), "one")
    processes = ProcessSettings(lease=timedelta(seconds=lease), several=several == "several")
    return (BotConfig(fetch, store, discord, metrics_port, log, sources, events, database,
                      processes),
            checker.problems)


def _database(checker: Checker, key: str, value: Any) -> Database | None:
    """A database path or URL (bot.database)."""
    text = string(checker, key, value)
    if text is None:
        return None
    try:
        return parse_database(text)
    except ValueError as e:
        checker.problem(key, str(e))
        return None


def _shard_ids(checker: Checker, key: str, value: Any) -> tuple[int, ...] | None:
    """``[0, 1]``: the shard ids of this process, whole numbers from 0."""
    if not isinstance(value, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value
    ):
        checker.problem(key, f"must be a list of shard ids like [0, 1], not {json.dumps(value)}")
        return None
    return tuple(value)


def _networks(checker: Checker, key: str, value: Any) -> tuple[IPNetwork, ...] | None:
    """``["10.20.0.0/16", "fd12::/48", "127.0.0.1"]``: addresses and networks, each bad item
    reported with its index."""
    if not isinstance(value, list):
        checker.problem(key, f'must be a list of addresses or networks like ["10.20.0.0/16"], '
                             f"not {kind(value)}")
        return None
    found = []
    for i, item in enumerate(value):
        where = f"{key}[{i}]"
        if not isinstance(item, str):
            checker.problem(where, f"must be a string, not {kind(item)}")
            continue
        text = item.strip()
        try:
            found.append(ip_network(text))
        except ValueError:
            checker.problem(where, _not_a_network(text))
    return tuple(found)


def _not_a_network(text: str) -> str:
    try:
        network = ip_network(text, strict=False)
    except ValueError:
        return (f'{_quote(text)} is not an IP address or network; write e.g. "10.20.0.0/16", '
                f'"fd12::/48" or "127.0.0.1"')
    # "10.1.2.3/16": one address or its network? Both are plausible, so ask rather than guess.
    return (f"{_quote(text)} has bits set past its /{network.prefixlen}; write "
            f"{_quote(str(network))} for the network or {_quote(text.split('/')[0])} for "
            f"the one address")


# -- environment -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Deployment:
    """What the environment (or ``.env``) says about this host."""

    token: Secret | None = None
    #: ALERTBOT_DB (a path or a URL); None when unset
    database: Database | None = None
    dev_guild: int | None = None
    metrics_port: int | None = None


def read_environment(
    env: Mapping[str, str] | None, env_file: Path | None
) -> tuple[Deployment, list[ConfigProblem]]:
    """The ALERTBOT_* variables and DISCORD_TOKEN; a bad one is named with where it came from."""
    base: Mapping[str, str] = os.environ if env is None else env
    file = env_file if env_file is not None else (Path(".env") if env is None else None)
    from_file: dict[str, str] = {}
    problems: list[ConfigProblem] = []
    if file is not None and file.is_file():
        try:
            # A line without "=" has the value None; such a variable is simply not set.
            from_file = {k: v for k, v in dotenv_values(file).items() if v is not None}
        except (OSError, UnicodeDecodeError) as e:
            problems.append(ConfigProblem(str(file), "", f"cannot be read: {e}"))

    def lookup(name: str) -> tuple[str, str] | None:
        """(value, where it came from) for a set, non-empty variable."""
        if base.get(name, "").strip():
            return base[name].strip(), "environment"
        if from_file.get(name, "").strip() and file is not None:
            return from_file[name].strip(), str(file)
        return None

    def number(name: str, check: Check[int]) -> int | None:
        found = lookup(name)
        if found is None:
            return None
        text, where = found
        checker = Checker(where)
        value = check(checker, name, int(text)) if re.fullmatch(r"\d{1,20}", text) else None
        if value is None and not checker.problems:
            checker.problem(name, f"{_quote(text)} is not a positive whole number")
        problems.extend(checker.problems)
        return value

    token: Secret | None = None
    found = lookup("DISCORD_TOKEN")
    if found is not None:
        if any(c.isspace() for c in found[0]):
            # Say what is wrong without echoing the token into a terminal or a CI log.
            problems.append(ConfigProblem(found[1], "DISCORD_TOKEN", "contains whitespace; "
                                          "paste the bot token alone"))
        else:
            token = Secret(found[0])
    database: Database | None = None
    found = lookup("ALERTBOT_DB")
    if found is not None:
        try:
            database = parse_database(found[0])
        except ValueError as e:
            problems.append(ConfigProblem(found[1], "ALERTBOT_DB", str(e)))
    return Deployment(
        token=token,
        database=database,
        dev_guild=number("ALERTBOT_DEV_GUILD", _SNOWFLAKE),
        metrics_port=number("ALERTBOT_METRICS_PORT", _PORT),
    ), problems

"""The composition root: builds every part once, hands each its dependencies, starts and stops
them together, for every entry point: `alertbot run`, `poll --once`, `sync-commands`, `inspect`
of a URL and the demo. No other module builds a fetcher, a poller, a sender, an HTTP session or
a scheduler (tests/unit/test_composition.py checks), so a setting wired here reaches all of them;
the demo and the CLI hand `Core.sender` a console transport where the bot hands it Discord.
The read-only commands (`latest`, `health`) open the store themselves, and `check-config`,
`explain` and `eval` need none of this.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import shlex
import signal
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import discord

from bot import health
from bot.client import AlertBot
from bot.delivery.discord import SEND_TIMEOUT_S, DiscordTransport
from bot.delivery.pace import GLOBAL_LIMIT, Pace, paced_requests
from bot.delivery.sender import Sender, Transport
from bot.metrics import Metrics, serve_metrics
from bot.pipeline.fetch import Fetcher, make_session
from bot.pipeline.guard import AddressGuard
from bot.pipeline.match import Matcher, settle_heap
from bot.pipeline.poll import Poller, PollReport
from bot.pipeline.preview import FeedPreview, preview_feed
from bot.pipeline.schedule import PollScheduler
from bot.problems import ConfigError
from bot.retry import Backoff, describe, is_transient
from bot.settings import DiscordSettings, FetchSettings, Settings, load_settings
from bot.store import (
    Database,
    DatabaseHeld,
    DatabaseLock,
    DatabaseMissing,
    DatabaseReplaced,
    FileIdentity,
    PostgresUrl,
    SqliteFile,
    Store,
    StoreContract,
    StoreError,
    as_database,
    check_identity,
    database_version,
    latest_version,
    require_database,
)
from bot.store.copy import copy_rows

log = logging.getLogger(__name__)

TOKEN_REJECTED = ("alertbot: Discord rejected the token (DISCORD_TOKEN); check it in the "
                  "Developer Portal")
#: seconds between checks that the database file is still the one opened (see _watch_database)
FILE_CHECK_S = 2.0


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Core:
    """The parts the poll loop needs, with or without Discord."""

    store: StoreContract
    matcher: Matcher
    poller: Poller
    #: the poller's fetcher for servers' sources, shared with the slash commands that look at
    #: a URL a server gives (/source add, test, import)
    fetcher: Fetcher
    database: Database
    clock: Callable[[], datetime]
    #: a SQLite file's lock and identity; None on PostgreSQL, which has no file to guard
    file: DatabaseFile | None

    def sender(self, transport: Transport) -> Sender:
        """The outbox sender, posting through ``transport``: Discord for the bot, the console
        for the demo."""
        return Sender(self.store, transport, clock=self.clock,
                      region_names={r.id: r.name for r in self.matcher.regions()})

    def check_database(self) -> None:
        """Raise DatabaseReplaced if the database or its lock file is no longer the file
        opened at start. Two stat calls: cheap enough for a timer of a few seconds."""
        if self.file is not None:
            self.file.check()


@dataclass
class DatabaseFile:
    """A SQLite database as a file: the lock held for as long as the core is open (one writer
    per database), and which file the store opened, to notice it being deleted or swapped."""

    path: Path
    lock: DatabaseLock
    identity: FileIdentity | None = None

    def check(self) -> None:
        if self.identity is not None:
            check_identity(self.path, self.identity)
        self.lock.check()

    def replaced(self) -> bool:
        if self.identity is None:
            return False
        try:
            check_identity(self.path, self.identity)
        except DatabaseReplaced:
            return True
        return False


@contextlib.asynccontextmanager
async def open_core(
    settings: Settings,
    database: str | Path | Database,
    clock: Callable[[], datetime] = utc_now,
    *,
    create: bool = True,
    rng: random.Random | None = None,
) -> AsyncIterator[Core]:
    """Lock the database (a SQLite file; PostgreSQL needs no lock file), open it and build the
    poll loop's parts.

    Raises DatabaseHeld when another process holds the database (unless bot.toml says
    ``[database] processes = "several"``, for PostgreSQL only: StoreError on SQLite),
    DatabaseMissing when there is none and ``create`` is False (`alertbot run`: a database is
    made with `alertbot init`).
    ``rng`` spreads the polls and the backoff; the demo seeds it so that every run is the same.
    """
    target = as_database(database)
    several = settings.processes.several
    if several and isinstance(target, SqliteFile):
        raise StoreError(f'{settings.config_dir / "bot.toml"}: [database] processes = "several" '
                         f"needs PostgreSQL; the SQLite file {target.shown} is one process's. "
                         "Remove the key, or set [database] url = \"postgresql://…\"")
    matcher = Matcher.build(settings.regions, settings.severity)
    file: DatabaseFile | None = None
    if isinstance(target, SqliteFile):
        if not create:
            # Checked before the lock, which would leave a .lock file beside a mistyped path.
            require_database(target.path)
        file = DatabaseFile(target.path, DatabaseLock.acquire(target.path, now=clock()))
    try:
        # Several processes share a PostgreSQL database by leasing the sources they poll;
        # otherwise one bot holds it (docs/POSTGRESQL.md: Several processes).
        store = await Store.open(target, clock=clock, create=create,
                                 limits=settings.source_limits, exclusive=not several,
                                 lease=settings.processes.lease,
                                 shards=shards_shown(settings.discord))
        if file is not None:
            file.identity = FileIdentity.of(file.path)
        try:
            await store.sync_sources(settings.sources, clock())
            async with open_fetcher(settings.fetch) as fetcher, \
                    open_fetcher(settings.fetch, for_servers=True) as guild_fetcher:
                poller = Poller(store, fetcher, matcher, clock=clock, guild_fetcher=guild_fetcher,
                                backoff_cap_s=settings.fetch.backoff_max,
                                rng=rng or random.Random(),
                                event_window=settings.events.window)
                yield Core(store, matcher, poller, guild_fetcher, target, clock, file)
        finally:
            # A file moved or deleted under us keeps its last commits in the WAL unless they
            # are checkpointed by hand (see Store.close).
            await store.close(checkpoint=file is not None and file.replaced())
    finally:
        if file is not None:
            file.lock.release()


@contextlib.asynccontextmanager
async def open_reader(database: Path | Database) -> AsyncIterator[StoreContract]:
    """The database for a reader beside a running bot (`latest`, `health`): read only, so no
    lock is taken; the bot that holds it goes on writing."""
    async with await Store.open(as_database(database), read_only=True) as store:
        yield store


@contextlib.asynccontextmanager
async def open_fetcher(
    fetch: FetchSettings, *, for_servers: bool = False
) -> AsyncIterator[Fetcher]:
    """A fetcher on its own HTTP session, closed on leaving: the poll loop's, or `alertbot
    inspect`'s for one URL. Both judge addresses by one guard: the session those a name
    resolves to, the fetcher a host written as an address. ``for_servers``: the fetcher of the
    sources servers add, under ``guild_allow_private`` (a session of its own, because the
    guard's verdicts are cached per session)."""
    guard = AddressGuard(fetch.guild_allow_private if for_servers else fetch.allow_private)
    async with make_session(fetch, guard=guard) as session:
        yield Fetcher(
            session,
            guard=guard,
            max_body_bytes=fetch.max_body_bytes,
            timeout_connect=fetch.timeout_connect,
            timeout_total=fetch.timeout_total,
            max_redirects=fetch.max_redirects,
            per_host_concurrency=fetch.per_host_concurrency,
            concurrency=fetch.concurrency,
        )


@dataclass
class SourceDesk:
    """What `alertbot source …` works with: the store, and the poll loop's fetchers to look at
    a URL before it is added (so what the bot will not fetch is refused at once)."""

    store: StoreContract
    #: the operator's sources' fetcher, and the servers'
    fetcher: Fetcher
    guild_fetcher: Fetcher
    clock: Callable[[], datetime]

    async def preview(
        self, url: str, *, language: str = "en", guild: int | None = None
    ) -> FeedPreview:
        """Fetch and read ``url`` as a poll would, for the operator (``guild`` None) or for
        that server; NotAFeed with the reason otherwise."""
        fetcher = self.fetcher if guild is None else self.guild_fetcher
        return await preview_feed(fetcher, url, language=language)


@contextlib.asynccontextmanager
async def open_source_desk(
    settings: Settings, database: Path | Database, clock: Callable[[], datetime] = utc_now
) -> AsyncIterator[SourceDesk]:
    """The store and a fetcher for `alertbot source …`.

    Takes no lock: a running bot may hold the database, and it polls what these commands
    change at its next tick (its schedule is in the database). sources.toml is synced first,
    as a start of the bot does, so that the file's sources are listed and win their clashes.
    Raises DatabaseMissing when there is no database (`alertbot init` makes one).
    """
    store = await Store.open(as_database(database), clock=clock, create=False,
                             limits=settings.source_limits)
    try:
        await store.sync_sources(settings.sources, clock())
        async with open_fetcher(settings.fetch) as fetcher, \
                open_fetcher(settings.fetch, for_servers=True) as guild_fetcher:
            yield SourceDesk(store, fetcher, guild_fetcher, clock)
    finally:
        await store.close()


async def poll_once(
    settings: Settings, database: Path | Database, *, progress: bool = False
) -> list[PollReport]:
    """`alertbot poll --once`: every enabled source, now, whatever its schedule says."""
    async with open_core(settings, database) as core:
        states = [s for s in await core.store.source_states()
                  if s.source.enabled and s.disabled_reason is None]
        reports: list[PollReport] = []
        for done in asyncio.as_completed([core.poller.poll(s) for s in states]):
            reports.append(await done)
            if progress:
                _progress(len(reports), len(states))
        if progress:
            print(file=sys.stderr)
    order = {s.source.id: i for i, s in enumerate(states)}
    return sorted(reports, key=lambda r: order[r.source])


@dataclass(frozen=True, slots=True)
class Initialized:
    """What `alertbot init` did to the database."""

    database: Database
    #: the schema version before; None: there was no database, it was created
    before: int | None
    after: int


async def init_database(
    database: Path | Database, *, clock: Callable[[], datetime] = utc_now
) -> Initialized:
    """`alertbot init`: create (with its folder) or migrate the database.

    A database already up to date is only read, so running init again, even while a bot runs
    on it, changes nothing and succeeds. Otherwise it is written under the lock, like a bot
    (SQLite; PostgreSQL's migrations lock against each other in the database itself).
    """
    target = as_database(database)
    latest = latest_version(target)
    before = await database_version(target)
    if before == latest:
        return Initialized(target, before, latest)
    if isinstance(target, PostgresUrl):
        async with await Store.open(target, clock=clock):
            pass
        return Initialized(target, before, latest)
    await asyncio.to_thread(target.path.parent.mkdir, parents=True, exist_ok=True)
    lock = DatabaseLock.acquire(target.path, now=clock())
    try:
        async with await Store.open(target, clock=clock):
            pass
    finally:
        lock.release()
    return Initialized(target, before, latest)


@dataclass(frozen=True, slots=True)
class Copied:
    """What `alertbot db copy` copied: rows by table."""

    source: Database
    target: Database
    rows: dict[str, int]


async def copy_database(
    source: Path | Database, target: Path | Database, *,
    clock: Callable[[], datetime] = utc_now,
) -> Copied:
    """`alertbot db copy`: every row of ``source`` into the new, empty ``target``
    (bot/store/copy.py). The source is only read; the target is created and migrated as by
    `alertbot init`, and held as a bot holds its database while the rows go in."""
    src, dst = as_database(source), as_database(target)
    if src == dst:
        raise StoreError(f"the source and the target are the same database ({src.shown})")
    file: DatabaseLock | None = None
    if isinstance(dst, SqliteFile):
        await asyncio.to_thread(dst.path.parent.mkdir, parents=True, exist_ok=True)
        file = DatabaseLock.acquire(dst.path, now=clock())
    try:
        async with await Store.open(src, read_only=True) as reader, \
                await Store.open(dst, clock=clock, exclusive=True) as writer:
            rows = await copy_rows(reader, writer)
    finally:
        if file is not None:
            file.release()
    return Copied(src, dst, rows)


def _progress(done: int, total: int, width: int = 30) -> None:
    filled = width * done // max(total, 1)
    print(f"\rpolling [{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
          end="", file=sys.stderr, flush=True)


async def run_bot(
    settings: Settings, database: Path | Database, *, clock: Callable[[], datetime] = utc_now
) -> int:
    """`alertbot run`: the poll loop, the sender and the Discord client, until SIGINT/SIGTERM.

    ``clock``: tests that restart the bot "ten minutes later" move it together with a fake
    Discord's clock (tests/fakes/run_bot.py).
    """
    try:
        async with open_core(settings, database, clock=clock, create=False) as core:
            # the long-lived parts are built: keep the collector off them for the bot's life
            settle_heap()
            runner = BotRunner(settings, core, clock=clock)
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.add_signal_handler(sig, runner.request_stop)
            loop.add_signal_handler(signal.SIGHUP, runner.request_reload)
            return await runner.run()
    except DatabaseMissing as e:
        shown = shlex.quote(as_database(database).shown)
        print(f"alertbot: {e}; create it with `alertbot init --db {shown}`",
              file=sys.stderr)
        return 1
    except DatabaseHeld as e:
        print(f"alertbot: {e}", file=sys.stderr)
        return 1
    except StoreError as e:
        print(f"alertbot: the database cannot be used: {e}", file=sys.stderr)
        return 1


def new_client(settings: Settings, core: Core, clock: Callable[[], datetime],
               **options: Any) -> AlertBot:
    shards = settings.discord.shards
    return AlertBot(
        store=core.store, matcher=core.matcher, fetcher=core.fetcher, clock=clock,
        source_limits=settings.source_limits,
        # discord.sync: "global", or "guild" for dev_guild alone (instant, for development)
        dev_guild=settings.discord.dev_guild if settings.discord.sync == "guild" else None,
        shard_ids=list(shards) if shards is not None else None,
        shard_count=settings.discord.shard_count,
        **options,
    )


def shards_shown(discord: DiscordSettings) -> str | None:
    """The shards this process connects, as `alertbot status` shows them ("0,1 of 4"); None:
    every shard."""
    if discord.shards is None:
        return None
    # settings refuse shards without a count
    return f"{','.join(map(str, discord.shards))} of {discord.shard_count}"


def global_share(discord: DiscordSettings) -> int:
    """This process's part of Discord's global limit, which counts every process of the bot
    together: its fraction of the shards, rounded down. Every request the process makes to
    Discord keeps to it (``paced_requests``), so processes on disjoint shards add up to at
    most the limit, with no headroom to guess: the parts are known from the settings before
    the first request of the login, and need no traffic between processes (a budget shared
    through the database would cost a write per request, 50 a second; a division by the
    processes alive would have to shrink every part before a new process takes its own).
    Guild ids spread evenly over the shards, so the shards are a fair measure of each
    process's load, at the price of a quiet process's part going unused. A process never gets
    nothing: past 50 processes the parts of one shard each could add up to more."""
    if discord.shards is None or discord.shard_count is None:
        return GLOBAL_LIMIT
    return max(1, GLOBAL_LIMIT * len(discord.shards) // discord.shard_count)


async def sync_commands(settings: Settings, database: Path | Database) -> int:
    """`alertbot sync-commands`: log in, sync the slash commands to the scope discord.sync
    names whatever the last sync recorded, and exit. One try: a person is watching."""
    assert settings.token is not None
    try:
        async with open_core(settings, database) as core:
            client = new_client(settings, core, utc_now, force_sync=True)
            try:
                await client.login(settings.token.reveal())
            except discord.LoginFailure:
                print(TOKEN_REJECTED, file=sys.stderr)
                return 1
            except (discord.HTTPException, discord.RateLimited, aiohttp.ClientError,
                    OSError) as e:
                print(f"alertbot: the commands were not synced: {describe(e)}",
                      file=sys.stderr)
                return 1
            finally:
                await client.close()
    except StoreError as e:
        print(f"alertbot: the database cannot be used: {e}", file=sys.stderr)
        return 1
    return 0


class BotRunner:
    """Starts the Discord client, the poll scheduler and the sender together; stops them together.

    Stop order matters: polling stops first (no new deliveries), then the sender finishes the send
    in flight (it is never cut), then the Discord connection closes.
    """

    def __init__(
        self,
        settings: Settings,
        core: Core,
        *,
        clock: Callable[[], datetime] = utc_now,
        tick_s: float = 1.0,
        send_timeout_s: float = SEND_TIMEOUT_S,
        file_check_s: float = FILE_CHECK_S,
        client_options: dict[str, Any] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self._settings = settings
        self._core = core
        self._clock = clock
        self._tick_s = tick_s
        self._send_timeout_s = send_timeout_s
        self._file_check_s = file_check_s
        #: why the bot stopped on its own (the database file went away); None: asked to stop
        self.failure: str | None = None
        self._client_options = client_options or {}
        #: the waits between login attempts; tests pass one that needs no real time
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._stop = asyncio.Event()
        #: the reload in progress, held so that the event loop cannot drop the task
        self._reload: asyncio.Task[None] | None = None
        self.metrics = Metrics()
        self.health = health.HealthRecorder(core.store, clock,
                                            health.default_max_age_s(settings.sources))
        #: every request to Discord, the login's as well as the sender's, keeps to this
        #: process's part of the global limit, which discord.py only learns of from 429s; one
        #: pace for every login attempt's client. A process sharing the limit starts with its
        #: part spent for a second: it may replace one killed on the same shards, whose last
        #: second's requests no count of its own holds. (Alone, a restart within a second
        #: would put at most the login's few requests beside its predecessor's, met by a 429
        #: that discord.py waits out; every test's bot would wait that second.)
        sharing = settings.discord.shards is not None
        self._requests = paced_requests(Pace(global_share(settings.discord), spent=sharing))
        self.client: AlertBot | None = None
        self.sender: Sender | None = None
        self.scheduler: PollScheduler | None = None

    def request_stop(self) -> None:
        self._stop.set()

    def request_reload(self) -> None:
        """SIGHUP: re-read sources.toml; added and removed sources apply, the rest keep state."""
        self._reload = asyncio.ensure_future(self._reload_sources())

    async def _reload_sources(self) -> None:
        try:
            fresh = load_settings(self._settings.config_dir)
        except ConfigError as e:
            log.error("reload refused, the configuration has problems:\n%s", e)
            return
        await self._core.store.sync_sources(fresh.sources, self._clock())
        log.info("reloaded %d sources", len(fresh.sources))

    async def run(self) -> int:
        settings, core = self._settings, self._core
        assert settings.token is not None
        client = await self._log_in(settings.token.reveal())
        if client is None:
            return 0 if self._stop.is_set() else 1
        sender = core.sender(DiscordTransport(client, send_timeout_s=self._send_timeout_s))
        sender.on_posted = lambda d, at: self._posted(d.created_at, at)
        self.sender = sender
        scheduler = PollScheduler(
            core.store, core.poller, clock=self._clock, tick_s=self._tick_s,
            retention=settings.store.retention, entry_retention=settings.store.entry_retention,
            on_report=lambda report: self._on_report(report, sender),
            on_tick=self.health.poll_cycle,
        )
        self.scheduler = scheduler
        client.add_listener(self.health.on_connected, "on_ready")
        client.add_listener(self.health.on_connected, "on_resumed")
        client.add_listener(self.health.on_disconnected, "on_disconnect")
        metrics_runner = (
            await serve_metrics(self.metrics, settings.metrics_port, self._refresh_outbox,
                                self._healthz)
            if settings.metrics_port else None
        )
        connection = asyncio.create_task(client.connect(reconnect=True), name="discord")
        scheduler.start()
        # Every process sends: among several, each the channels it claims (bot.store._outbox).
        sending = asyncio.create_task(sender.run(self._stop), name="sender")
        watching = asyncio.create_task(self._watch_database(), name="database-file")
        stopping = asyncio.create_task(self._stop.wait())
        exit_code = 0
        done, _ = await asyncio.wait({connection, stopping}, return_when=asyncio.FIRST_COMPLETED)
        # discord.py reconnects by itself after a drop or a network error; it gives up only on
        # what reconnecting cannot mend (the token revoked, bad intents).
        if connection in done and (ended := connection.exception()) is not None:
            if isinstance(ended, discord.ConnectionClosed) and ended.code == 4004:
                print(TOKEN_REJECTED, file=sys.stderr)
            else:
                print(f"alertbot: the Discord connection ended: {ended}", file=sys.stderr)
            exit_code = 1
        if self.failure is not None:
            exit_code = 1
        watching.cancel()
        log.info("stopping: polls first, then the send in flight, then Discord")
        await scheduler.stop()
        self._stop.set()
        await sending
        await client.close()
        connection.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await connection
        await self.health.close()
        stopping.cancel()
        if metrics_runner is not None:
            await metrics_runner.cleanup()
        return exit_code

    async def _watch_database(self) -> None:
        """Stop the bot if its database file is deleted, moved away or swapped.

        SQLite goes on writing to the file it opened, so such a bot would post alerts recorded
        in a file nobody will open again, and a bot started on the new file would post them
        again. Stopping is the normal stop: what was committed stays in the opened file.
        """
        while not self._stop.is_set():
            await asyncio.sleep(self._file_check_s)
            try:
                self._core.check_database()
            except DatabaseReplaced as e:
                self.failure = str(e)
                log.error("stopping: %s; restore it, or create a new one with `alertbot init`, "
                          "then start again", e)
                self._stop.set()
                return

    def _new_client(self) -> AlertBot:
        return new_client(self._settings, self._core, self._clock, http_trace=self._requests,
                          **self._client_options)

    async def _log_in(self, token: str) -> AlertBot | None:
        """A logged-in client (commands loaded and synced), however long the network takes to
        come up; None when Discord rejects the token or refuses the login for good, or when a
        stop was asked for meanwhile.

        Each attempt gets a fresh client: a failed login leaves discord.py's HTTP session and
        half-run ``setup_hook`` behind, and a closed client cannot be started again.
        """
        backoff = Backoff(rng=self._rng)
        while not self._stop.is_set():
            client = self.client = self._new_client()
            try:
                await client.login(token)
                return client
            except discord.LoginFailure:
                await client.close()
                print(TOKEN_REJECTED, file=sys.stderr)
                return None
            except (discord.HTTPException, discord.RateLimited, aiohttp.ClientError, OSError) as e:
                await client.close()
                if not is_transient(e):
                    print(f"alertbot: Discord refused the login: {describe(e)}", file=sys.stderr)
                    return None
                delay = backoff.next_delay()
                log.warning("cannot reach Discord to log in (%s); trying again in %.1f s",
                            describe(e), delay)
                await self._pause(delay)
        return None

    async def _pause(self, seconds: float) -> None:
        """Sleep ``seconds`` (on the injected sleep) or until a stop is asked for."""
        sleeping = asyncio.ensure_future(self._sleep(seconds))
        stopping = asyncio.ensure_future(self._stop.wait())
        await asyncio.wait({sleeping, stopping}, return_when=asyncio.FIRST_COMPLETED)
        for waiting in (sleeping, stopping):
            waiting.cancel()
        await asyncio.gather(sleeping, stopping, return_exceptions=True)

    def _posted(self, noticed_at: datetime, posted_at: datetime) -> None:
        self.metrics.record_posted(noticed_at, posted_at)
        self.health.sent(posted_at)

    async def _healthz(self) -> tuple[bool, dict[str, Any]]:
        facts, verdict = await self.health.verdict()
        return verdict.healthy, health.as_json(facts, verdict, self._clock())

    async def _on_report(self, report: PollReport, sender: Sender) -> None:
        self.metrics.record_poll(report)
        if report.deliveries:
            sender.wake()

    async def _refresh_outbox(self) -> None:
        # Read when Prometheus scrapes, not after every poll: counting the outbox after each
        # of thousands of polls queued that many reads behind the sender's writes.
        with contextlib.suppress(StoreError):
            self.metrics.record_outbox(await self._core.store.delivery_counts())

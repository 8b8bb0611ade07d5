"""Poll one source: fetch → parse → updates → match → store.commit_poll.

This module orchestrates and does not decide: what is new is ``updates.decide_feed``'s call, what
it concerns is the matcher's, who gets it is the store's. Every failure of a source ends here as an
error recorded on that source, with backoff, so a bad source hurts only itself.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from bot.events import DEFAULT_WINDOW, join, sign
from bot.model import SourceState
from bot.pipeline.backoff import next_poll_at
from bot.pipeline.fetch import Fetcher, FetchError
from bot.pipeline.match import Matcher
from bot.pipeline.parse import ParseError, read_feed
from bot.pipeline.updates import decide_feed
from bot.slots import phase
from bot.store import EventJoin, StoreContract, StoreError

log = logging.getLogger(__name__)


@dataclass(slots=True)
class PollReport:
    """What one poll of one source did, for the CLI table, the logs and the metrics.

    Not frozen: ``Poller.poll`` sets ``elapsed_s`` once the poll is over.
    """

    source: str
    #: "new" (content committed), "not_modified" (304), "unchanged" (same body), "error"
    status: str
    http_status: int | None = None
    new_entries: int = 0
    new_updates: int = 0
    deliveries: int = 0
    elapsed_s: float = 0.0
    #: for status "error": the error kind ("timeout", "http", "parse", …) and the plain message
    error_kind: str | None = None
    error: str | None = None
    #: True on a source's first successful poll, which records the backlog without alerting
    silent: bool = False


class Poller:
    """Polls sources; owns no state of its own beyond its collaborators."""

    def __init__(
        self,
        store: StoreContract,
        fetcher: Fetcher,
        matcher: Matcher,
        *,
        clock: Callable[[], datetime],
        backoff_cap_s: int = 6 * 3600,
        rng: random.Random | None = None,
        guild_fetcher: Fetcher | None = None,
        event_window: timedelta = DEFAULT_WINDOW,
        cluster: bool = True,
    ) -> None:
        self._store = store
        self._fetcher = fetcher
        #: for the sources only servers follow: its guard allows what the operator allows
        #: servers, never what it allows its own feeds
        self._guild_fetcher = guild_fetcher or fetcher
        self._matcher = matcher
        self._clock = clock
        self._backoff_cap_s = backoff_cap_s
        self._rng = rng or random.Random()
        self._event_window = event_window
        #: False: every update is an event of its own and nothing is signed, the bot as it was
        #: before issue 14; what bench/cluster_bench.py compares clustering's cost against
        self._cluster = cluster

    async def poll_many(self, states: Iterable[SourceState]) -> list[PollReport]:
        """Poll sources concurrently; the fetcher's limits bound how many talk at once."""
        return list(await asyncio.gather(*(self.poll(state) for state in states)))

    async def poll(self, state: SourceState) -> PollReport:
        started = time.perf_counter()
        try:
            report = await self._poll_or_record_failure(state)
        except StoreError as e:
            # The database is the operator's problem, not the source's: say so, record nothing.
            log.error("source %s: the database refused the poll: %s", state.source.id, e)
            report = PollReport(state.source.id, "error", error_kind="store", error=str(e))
        except Exception as e:
            # A bug met on one source's content must not stop the others; the log has the trace.
            log.exception("source %s: unexpected error while polling", state.source.id)
            report = PollReport(state.source.id, "error", error_kind="internal", error=repr(e))
        report.elapsed_s = time.perf_counter() - started
        return report

    async def _poll_or_record_failure(self, state: SourceState) -> PollReport:
        try:
            return await self._poll(state)
        except FetchError as e:
            return await self._failed(state, e.kind, e.message, e.status, e.retry_after)
        except ParseError as e:
            return await self._failed(state, "parse", e.reason, None, None)

    async def _poll(self, state: SourceState) -> PollReport:
        source = state.source
        url = state.redirected_url or source.url
        fetcher = self._fetcher if source.operator else self._guild_fetcher
        fetched = await fetcher.fetch(url, etag=state.etag, last_modified=state.last_modified)
        now = self._clock()
        if fetched.permanent_redirect:
            await self._store.record_redirect(source.id, fetched.permanent_redirect)
        next_at = self._next_poll(state, failures=0, retry_after=None)
        if fetched.not_modified:
            await self._store.record_not_modified(
                source.id, status=fetched.status, body_hash=state.body_hash,
                etag=fetched.etag, last_modified=fetched.last_modified, now=now,
                next_poll_at=next_at,
            )
            return PollReport(source.id, "not_modified", fetched.status)
        # Servers without ETag send the same body again; hashing it is far cheaper than parsing.
        body_hash = hashlib.blake2b(fetched.body, digest_size=16).hexdigest()
        if body_hash == state.body_hash and state.first_polled:
            await self._store.record_not_modified(
                source.id, status=fetched.status, body_hash=body_hash,
                etag=fetched.etag, last_modified=fetched.last_modified, now=now,
                next_poll_at=next_at,
            )
            return PollReport(source.id, "unchanged", fetched.status)

        feed = read_feed(fetched.body, fetched.headers, url=fetched.final_url)
        keys = [d.key for d in feed.drafts]
        known = await self._store.known_entries(source.id, keys)
        # Only entries whose title or content changed are turned into text and compared.
        changed = [
            d.entry() for d in feed.drafts
            if d.key not in known or known[d.key].content_hash != d.content_hash
        ]
        decision = decide_feed(known, changed)
        matched = [
            (u, self._matcher.match(
                u.text, u.title, title_severity=u.kind == "entry", language=source.language,
            ))
            for u in decision.updates
        ]
        # Signed right after match, once per update: the commit compares each with the
        # recent updates of its regions and joins it to their event or starts one (issue 14).
        # Which event it joins is decided in the commit's transaction, by ``join`` given here,
        # so that polls committed together see each other's reports. Not on a source's first,
        # silent poll: its backlog was never posted, so there is no alert for a later report
        # to be added to, and joining 50 entries per new source against every stored one is
        # quadratic (200 new sources took over 5 minutes: bench/cluster_bench.py).
        silent = not state.first_polled
        events = EventJoin(
            signatures={
                u.key: sign(u.title, u.text, m, language=source.language,
                            at=u.published or now)
                for u, m in matched
            },
            window=self._event_window,
            decide=partial(join, window=self._event_window),
        ) if self._cluster and not silent else None
        summary = await self._store.commit_poll(
            source.id, states=decision.states, updates=matched, now=now,
            next_poll_at=next_at, status=fetched.status, etag=fetched.etag,
            last_modified=fetched.last_modified, body_hash=body_hash, deliver=not silent,
            seen_keys=keys, events=events,
        )
        return PollReport(
            source.id, "new", fetched.status, new_entries=summary.new_entries,
            new_updates=summary.new_updates, deliveries=summary.deliveries_queued, silent=silent,
        )

    async def _failed(
        self, state: SourceState, kind: str, message: str, status: int | None,
        retry_after: float | None,
    ) -> PollReport:
        source = state.source
        failures = state.consecutive_failures + 1
        # 410 Gone is the server telling us the feed is not coming back.
        disable = f"the feed is gone (HTTP 410): {message}" if kind == "gone" else None
        await self._store.record_failure(
            source.id, error_kind=kind, message=message, status=status, now=self._clock(),
            next_poll_at=self._next_poll(state, failures=failures, retry_after=retry_after),
            disable_reason=disable,
        )
        log.warning("source %s failed (%s): %s", source.id, kind, message)
        return PollReport(source.id, "error", status, error_kind=kind, error=message)

    def _next_poll(
        self, state: SourceState, *, failures: int, retry_after: float | None
    ) -> datetime:
        return next_poll_at(
            self._clock(), state.source.interval, failures=failures, retry_after=retry_after,
            cap_s=self._backoff_cap_s, jitter=self._rng.random(), phase=phase(state.source.id),
        )

"""Small builders shared by the store tests: an opened store, sources, updates, matches."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from bot.events import DEFAULT_WINDOW, join, sign
from bot.model import (
    CommitSummary,
    EntryState,
    Match,
    RegionHit,
    Severity,
    Source,
    StoryMode,
    Subscription,
    Update,
)
from bot.store import EventJoin, Store
from tests.fakes.clock import FakeClock

T0 = datetime(2024, 5, 1, 17, 13, tzinfo=UTC)


@asynccontextmanager
async def open_store(database: str | Path, *sources: Source) -> AsyncIterator[Store]:
    """A new store on a clock stopped at T0, with ``sources`` configured: in ``database`` (the
    ``database`` fixture: either engine), or a SQLite file in a folder given as a Path."""
    target = database / "alerts.db" if isinstance(database, Path) else database
    async with await Store.open(target, clock=FakeClock(T0)) as store:
        if sources:
            await store.sync_sources(sources, T0)
        yield store


def source(source_id: str = "wire", interval: int = 300, **fields: object) -> Source:
    values: dict[str, object] = {
        "url": f"https://news.example/{source_id}.xml",
        "name": source_id.replace("-", " ").title(),
        "interval": interval,
    }
    values.update(fields)
    return Source(source_id, **values)  # type: ignore[arg-type]


def update(
    key: str,
    *,
    entry_key: str = "story-1",
    title: str = "Border clashes",
    text: str = "Gunfire was heard along the border crossings in Northern Kosovo.",
    kind: str = "segment",
) -> Update:
    return Update(
        key=key, entry_key=entry_key, kind=kind, title=title, text=text,
        link=f"https://news.example/{entry_key}", marker="Update (1713 EST)", published=T0,
    )


def match(*regions: str, severity: Severity = Severity.HIGH) -> Match:
    hits = (RegionHit(regions[0], (regions[0].title(),)),) if regions else ()
    return Match(regions=regions, hits=hits, severity=severity, reasons=("test rule",))


def state(key: str = "story-1", *fingerprints: tuple[int, int]) -> EntryState:
    return EntryState(key, fingerprints or ((1, 2),))


KOSOVO = ("kosovo", "balkans", "europe")


async def commit(
    store: Store,
    updates: Sequence[tuple[Update, Match]],
    *,
    source_id: str = "wire",
    states: Sequence[EntryState] = (),
    now: datetime = T0,
    deliver: bool = True,
    seen_keys: Sequence[str] = (),
    events: EventJoin | None = None,
) -> CommitSummary:
    """A successful poll with new content, with the poll-state arguments filled in."""
    return await store.commit_poll(
        source_id, states=states, updates=updates, now=now,
        next_poll_at=now + timedelta(minutes=5), status=200, etag='"v1"',
        last_modified=None, body_hash="hash-1", deliver=deliver, seen_keys=seen_keys,
        events=events,
    )


def signed(
    updates: Sequence[tuple[Update, Match]], *, language: str = "en",
    window: timedelta = DEFAULT_WINDOW,
) -> EventJoin:
    """What the poll hands the commit to put these updates in events: each signed as the poll
    signs it, and the real decision."""
    return EventJoin(
        signatures={u.key: sign(u.title, u.text, m, language=language, at=u.published or T0)
                    for u, m in updates},
        window=window,
        decide=partial(join, window=window),
    )


async def subscribe(
    store: Store,
    channel_id: int,
    region: str,
    *,
    guild_id: int = 1,
    min_severity: Severity = Severity.LOW,
    filter: str = "",
    now: datetime = T0,
    story: StoryMode = StoryMode.REPLY,
) -> Subscription:
    sub, _created = await store.subscribe(
        guild_id, channel_id, region, min_severity=min_severity, filter=filter,
        ping_role_id=None, ping_severity=Severity.CRITICAL, publish=False, now=now, story=story,
    )
    return sub

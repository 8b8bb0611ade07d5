"""The words of DESIGN.md as plain frozen dataclasses.

Everything that crosses a module boundary is one of these: the pure core (parse, updates, match,
render) takes and returns them, and the store turns rows into them. None of them does I/O.
"""

from __future__ import annotations

import enum
import struct
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


class Severity(enum.IntEnum):
    """How serious an update is; ordered so that ``>=`` means "at least as serious"."""

    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """``"high"`` → ``Severity.HIGH``; raises ``ValueError`` naming the accepted words."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            words = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r}; use one of {words}") from None


# -- parse -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """One timestamped (or, with ``marker`` None, unmarked) part of an entry's content.

    ``marker`` is the label as the site wrote it, e.g. ``"Update (1713 EST)"``; the paragraphs
    hold the text with the marker removed. An empty marker has no paragraphs.
    """

    marker: str | None
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of a source as parsed now."""

    #: stable key: guid, else link, else a hash of title + date
    key: str
    title: str
    link: str | None
    published: datetime | None
    updated: datetime | None
    #: the content in document order, split at update markers
    segments: tuple[Segment, ...]
    #: hash of the title and content as the source wrote them (before any text work); equal to
    #: the stored one means nothing changed, so the poll skips turning HTML into text
    content_hash: int = 0


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    #: "rss", "atom", "json" or "liveblog": detected from the body, never configured
    kind: str
    title: str | None
    link: str | None
    entries: tuple[Entry, ...]


# -- updates -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntryState:
    """What the store keeps of an entry: small fingerprints, never the article history.

    Each known paragraph is a pair of 64-bit numbers: an exact hash of its normalised text and a
    simhash for recognising edits (typo fixes) of it.
    """

    key: str
    fingerprints: tuple[tuple[int, int], ...] = ()
    #: ``Entry.content_hash`` when this state was decided
    content_hash: int = 0

    def to_blob(self) -> bytes:
        flat = [n for pair in self.fingerprints for n in pair]
        return struct.pack(f"<{len(flat)}Q", *flat)

    @classmethod
    def from_blob(cls, key: str, blob: bytes, content_hash: int = 0) -> EntryState:
        flat = struct.unpack(f"<{len(blob) // 8}Q", blob)
        return cls(key, tuple(zip(flat[::2], flat[1::2], strict=True)), content_hash)


@dataclass(frozen=True, slots=True)
class Update:
    """The unit that can become an alert: a new entry, or new segment text of a known entry."""

    #: stable across polls and restarts: derived from the entry key and the new text's fingerprint
    key: str
    entry_key: str
    #: "entry" for a new entry, "segment" for new text in a known one
    kind: str
    title: str
    #: the new text: title-less lead for a new entry, the new segment's text otherwise
    text: str
    link: str | None
    marker: str | None
    published: datetime | None


# -- match -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    name: str
    #: the regions this one sits in directly (a country may sit in a continent and a curated set)
    parents: tuple[str, ...] = ()
    #: ISO 3166-1 alpha-2 code for a country or territory ("XK" for Kosovo), else None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class RegionHit:
    """One region an update hit directly, with the terms (as written in the text) that made it."""

    region: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Match:
    #: every region the update concerns: direct hits first, then their ancestors, no repeats
    regions: tuple[str, ...]
    hits: tuple[RegionHit, ...]
    severity: Severity
    #: human-readable reasons: which rule fired, what graded it down
    reasons: tuple[str, ...] = ()
    #: every reading of every place name found, scored, the losing ones too (for ``explain``;
    #: a ``bot.matching.places.Candidate`` each)
    candidates: tuple[Any, ...] = ()


# -- sources, subscriptions, mutes, deliveries -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    url: str
    name: str
    #: poll interval in seconds
    interval: int
    language: str = "en"
    enabled: bool = True
    #: the operator follows it (sources.toml, or `alertbot source add` without --guild): it is
    #: fetched under the operator's allow-list; a source only servers follow, under theirs
    operator: bool = True


class StoryMode(enum.StrEnum):
    """How a subscription posts a story's later updates (a developing entry's new segments)."""

    #: plain new alerts, as any other
    CHANNEL = "channel"
    #: replies to the story's first alert in the channel
    REPLY = "reply"
    #: in a thread opened on that alert
    THREAD = "thread"


@dataclass(frozen=True, slots=True)
class Subscription:
    id: int
    guild_id: int
    channel_id: int
    region: str
    min_severity: Severity = Severity.LOW
    #: the user's filter as typed (words, "phrases", -exclusions, re:patterns); "" for none
    filter: str = ""
    ping_role_id: int | None = None
    ping_severity: Severity = Severity.CRITICAL
    #: the member who set the ping role: pinging a role that is not mentionable rests on their
    #: Mention Everyone permission, checked again before each ping
    ping_set_by: int | None = None
    #: crosspost each alert when the channel is an announcement channel
    publish: bool = False
    #: where a story's later updates go (the /subscription add option ``follow``)
    story: StoryMode = StoryMode.REPLY
    #: why delivery stopped (missing permissions, channel deleted); None while active
    paused_reason: str | None = None


@dataclass(frozen=True, slots=True)
class Mute:
    guild_id: int
    source: str
    #: None means for good
    until: datetime | None
    reason: str = ""
    created_by: int | None = None


class DeliveryState(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class StoredUpdate:
    """An update as the store holds it, with its match and where it came from."""

    id: int
    key: str
    source: str
    source_name: str
    entry_key: str
    kind: str
    title: str
    text: str
    link: str | None
    marker: str | None
    published: datetime | None
    seen_at: datetime
    match: Match = field(default_factory=lambda: Match((), (), Severity.LOW))
    #: the event it reports (issue 14); None for updates stored before events existed
    event: int | None = None
    #: what it added to its event that made it an alert of its own (``Adds.describe()``)
    escalation: tuple[str, ...] = ()


# -- store records (what the store hands the poll loop, the sender and the commands) ------------


@dataclass(frozen=True, slots=True)
class SourceState:
    """A configured source with its poll state: what the poll loop needs to fetch it politely."""

    source: Source
    #: validators from the last answer, sent back as If-None-Match / If-Modified-Since
    etag: str | None = None
    last_modified: str | None = None
    #: hash of the last body parsed, for servers that answer 200 with the same bytes
    body_hash: str | None = None
    consecutive_failures: int = 0
    next_poll_at: datetime | None = None
    last_polled_at: datetime | None = None
    #: HTTP status of the last answer; None when none came (timeout, DNS)
    last_status: int | None = None
    last_error: str | None = None
    #: the fetch/parse error category, e.g. "timeout", "http", "parse"
    error_kind: str | None = None
    #: where a permanent redirect sent us; polled instead of ``source.url`` while set
    redirected_url: str | None = None
    #: why polling stopped for good (HTTP 410); None while the source is polled
    disabled_reason: str | None = None
    #: False until the first successful poll, which is silent
    first_polled: bool = False


@dataclass(frozen=True, slots=True)
class Follow:
    """One reader of a source: the operator (``guild_id`` None: every server gets its updates)
    or one server (only that server's subscriptions get them). See bot/follows.py."""

    #: the id of the source row that is polled for it (shared by every follower of the URL)
    source: str
    url: str
    guild_id: int | None
    #: what this follower calls it: shown in its /source list and on its alerts
    name: str
    #: seconds this follower asked for between polls
    interval: int
    language: str
    enabled: bool
    #: True for the operator's sources from sources.toml, which only that file changes
    from_config: bool
    #: the Discord user who added it; None for the operator
    added_by: int | None
    added_at: datetime


@dataclass(frozen=True, slots=True)
class FollowedSource:
    """A follow with the health of the source it reads (last poll, last error, next poll)."""

    follow: Follow
    state: SourceState

    @property
    def status(self) -> str:
        """In plain words, as `/source list` and `alertbot source list` show it."""
        state = self.state
        if state.disabled_reason is not None:
            return f"stopped: {state.disabled_reason}"
        if not self.follow.enabled:
            return "disabled"
        if not state.source.enabled:
            return "removed from the configuration"
        if state.consecutive_failures:
            return f"failing ({state.consecutive_failures} in a row): {state.error_kind}"
        if not state.first_polled:
            return "waiting for its first poll"
        return "ok"


@dataclass(frozen=True, slots=True)
class ForgottenGuilds:
    """What forgetting the servers that removed the bot longer than the grace period ago
    deleted."""

    guilds: int
    follows: int
    subscriptions: int
    mutes: int


@dataclass(frozen=True, slots=True)
class Delivery:
    """One pending outbox row, with everything the sender needs to render and post it."""

    id: int
    update: StoredUpdate
    subscription: Subscription
    channel_id: int
    guild_id: int
    attempts: int
    created_at: datetime
    #: the nonce of the last send attempt; a retry reuses it so Discord can de-duplicate
    nonce: str | None = None
    last_attempt_at: datetime | None = None
    #: an edit row: the delivery whose message is set again (to name this update's source
    #: among the event's reports) instead of posting this update; None for a send
    edits: int | None = None
    #: a story's later update: the delivery that is the story's alert in this channel (its
    #: message is replied to, or has the thread it goes in); None for a plain alert
    story_alert: int | None = None
    #: the thread opened on that alert's message, when this row was read (the sender reads
    #: the alert again before sending; this is for finding a post whose answer was lost)
    story_thread: int | None = None


@dataclass(frozen=True, slots=True)
class PostedAlert:
    """One alert of a posted message, as an edit sets it again: the delivery it was, and the
    names of the other sources whose reports of its event were folded into it (in order)."""

    delivery: Delivery
    also: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event with its reports, oldest first (``alertbot events``)."""

    id: int
    created_at: datetime
    severity: Severity
    regions: tuple[str, ...]
    reports: tuple[StoredUpdate, ...]


@dataclass(frozen=True, slots=True)
class CommitSummary:
    """What one poll's commit wrote."""

    new_entries: int
    new_updates: int
    deliveries_queued: int
    #: ids of the updates stored by this commit, in the order given
    update_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PruneSummary:
    updates: int
    deliveries: int
    entries: int
    mutes: int


@dataclass(frozen=True, slots=True)
class ProcessStatus:
    """One bot process of the database, as `alertbot status` shows it (bot.store._leases)."""

    #: host/pid/started/random, as its leases name it
    id: str
    host: str
    pid: int
    started: datetime
    #: when it last said it was alive; None: SQLite's one process, which writes no heartbeat
    #: (its lock file says it runs)
    heartbeat: datetime | None
    #: the Discord shards it connects ("0,1 of 4"); None: every shard
    shards: str | None
    #: sources it is polling now, and channels it is sending to now (leases not expired);
    #: None: all of them (SQLite's one process, which leases nothing)
    sources: int | None
    channels: int | None


@dataclass(frozen=True, slots=True)
class OutboxStatus:
    """How deep the outbox is."""

    #: deliveries waiting, due now or later (a retry's time not yet come)
    pending: int
    #: of those, due now
    due: int
    #: when the oldest waiting one was queued; None: none waits
    oldest: datetime | None

"""The Store contract: what the rest of the bot may ask of its storage, on any engine.

The pipeline, the sender, the commands, the health check and the CLI type their store as
``StoreContract``; ``bot.store.Store`` implements it on SQLite and on PostgreSQL (chosen by the
database URL when it is opened). Everything here speaks the model's types (bot.model) and plain
values: no SQL, no rows, no engine errors. Every method raises ``StoreError`` when the database
cannot serve it (tests/integration/test_store_errors.py checks each, on both engines), and takes
``now`` where the time is part of what is recorded. The one store type that is not the model's,
``EventJoin``, carries the pure event decision into the poll's transaction.

The methods are documented where they are implemented (bot/store/_*.py); this lists them by
domain.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from bot.events import Candidate, Signature
from bot.model import (
    CommitSummary,
    Delivery,
    EntryState,
    Follow,
    FollowedSource,
    ForgottenGuilds,
    Match,
    Mute,
    OutboxStatus,
    PostedAlert,
    ProcessStatus,
    PruneSummary,
    Severity,
    Source,
    SourceState,
    StoredEvent,
    StoredUpdate,
    StoryMode,
    Subscription,
    Update,
)
from bot.store._events import EventJoin


class StoreContract(Protocol):
    # -- sources and their poll state (_sources.py) ----------------------------------------

    async def sync_sources(self, sources: Sequence[Source], now: datetime) -> None: ...

    async def source_states(self) -> list[SourceState]: ...

    async def record_not_modified(
        self,
        source_id: str,
        *,
        status: int,
        body_hash: str | None,
        etag: str | None,
        last_modified: str | None,
        now: datetime,
        next_poll_at: datetime,
    ) -> None: ...

    async def record_failure(
        self,
        source_id: str,
        *,
        error_kind: str,
        message: str,
        status: int | None,
        now: datetime,
        next_poll_at: datetime,
        disable_reason: str | None = None,
    ) -> None: ...

    async def record_redirect(self, source_id: str, new_url: str) -> None: ...

    # -- leases: which process polls which source (_leases.py) -----------------------------

    async def due_sources(self, now: datetime, limit: int = 1000) -> list[SourceState]: ...

    async def renew_leases(self, source_ids: Collection[str], now: datetime) -> None: ...

    async def processes(self, now: datetime) -> list[ProcessStatus]: ...

    # -- follows: the operator's and each server's sources (_follows.py) --------------------

    async def check_follow(
        self, guild_id: int | None, url: str, *, interval: int | None = None,
        language: str = "en",
    ) -> None: ...

    async def add_follow(
        self,
        guild_id: int | None,
        url: str,
        *,
        name: str,
        now: datetime,
        interval: int | None = None,
        language: str = "en",
        added_by: int | None = None,
    ) -> FollowedSource: ...

    async def remove_follow(
        self, guild_id: int | None, source: str, *, now: datetime
    ) -> Follow: ...

    async def edit_follow(
        self,
        guild_id: int | None,
        source: str,
        *,
        now: datetime,
        name: str | None = None,
        interval: int | None = None,
        language: str | None = None,
        enabled: bool | None = None,
    ) -> FollowedSource: ...

    async def follows(
        self, guild_id: int | None, *, with_operator: bool = False
    ) -> list[FollowedSource]: ...

    async def guild_left(self, guild_id: int, now: datetime) -> None: ...

    async def guild_joined(self, guild_id: int, now: datetime) -> bool: ...

    async def forget_left_guilds(self, now: datetime) -> ForgottenGuilds: ...

    # -- entries, updates and the commit of a poll (_updates.py) ---------------------------

    async def known_entries(
        self, source_id: str, keys: Sequence[str]
    ) -> dict[str, EntryState]: ...

    async def commit_poll(
        self,
        source_id: str,
        *,
        states: Sequence[EntryState],
        updates: Sequence[tuple[Update, Match]],
        now: datetime,
        next_poll_at: datetime,
        status: int,
        etag: str | None,
        last_modified: str | None,
        body_hash: str | None,
        deliver: bool,
        seen_keys: Sequence[str] = (),
        events: EventJoin | None = None,
    ) -> CommitSummary: ...

    async def latest(
        self,
        *,
        region: str | None = None,
        limit: int = 10,
        min_severity: Severity = Severity.LOW,
        guild_id: int | None = None,
        operator_only: bool = False,
    ) -> list[StoredUpdate]: ...

    async def search(
        self,
        query: str,
        *,
        region: str | None = None,
        since: datetime | None = None,
        limit: int = 10,
        guild_id: int | None = None,
        operator_only: bool = False,
    ) -> list[StoredUpdate]: ...

    async def get_update(self, update_id: int) -> StoredUpdate | None: ...

    async def prune(
        self,
        now: datetime,
        *,
        updates_older_than: timedelta,
        entries_older_than: timedelta,
    ) -> PruneSummary: ...

    # -- events (_events.py) ---------------------------------------------------------------

    async def event_candidates(
        self, update_id: int, window: timedelta
    ) -> tuple[Signature, list[Candidate]] | None: ...

    async def events(
        self, *, since: datetime, region: str | None = None, limit: int = 20
    ) -> list[StoredEvent]: ...

    async def event_sources(self, event_ids: Sequence[int]) -> dict[int, list[str]]: ...

    async def posted_alerts(
        self, edit_delivery_id: int
    ) -> tuple[int, list[PostedAlert]] | None: ...

    # -- subscriptions and mutes (_subscriptions.py) ---------------------------------------

    async def subscribe(
        self,
        guild_id: int,
        channel_id: int,
        region: str,
        *,
        min_severity: Severity,
        filter: str,
        ping_role_id: int | None,
        ping_severity: Severity,
        publish: bool,
        now: datetime,
        ping_set_by: int | None = None,
        story: StoryMode = StoryMode.REPLY,
    ) -> tuple[Subscription, bool]: ...

    async def unsubscribe(self, guild_id: int, channel_id: int, region: str) -> bool: ...

    async def stories_by_reply(self, channel_id: int) -> list[Subscription]: ...

    async def subscriptions(
        self, guild_id: int, channel_id: int | None = None
    ) -> list[Subscription]: ...

    async def pause_channel(self, channel_id: int, reason: str) -> list[Subscription]: ...

    async def stop_pinging(self, channel_id: int, role_id: int) -> list[Subscription]: ...

    async def mute(
        self,
        guild_id: int,
        source: str,
        *,
        until: datetime | None,
        reason: str,
        created_by: int | None,
        now: datetime,
    ) -> Mute: ...

    async def unmute(self, guild_id: int, source: str) -> bool: ...

    async def mutes(self, guild_id: int, now: datetime) -> list[Mute]: ...

    # -- the outbox (_outbox.py) -----------------------------------------------------------

    async def pending_deliveries(
        self, now: datetime, limit: int = 500, *, skip_channels: Collection[int] = ()
    ) -> list[Delivery]: ...

    async def claim_deliveries(
        self, now: datetime, limit: int = 500, *, in_flight: Collection[int] = ()
    ) -> list[Delivery]: ...

    async def mark_attempt(
        self, delivery_ids: Sequence[int], nonce: str, now: datetime
    ) -> bool: ...

    async def mark_sent(
        self, delivery_ids: Sequence[int], message_id: int | None, now: datetime
    ) -> None: ...

    async def story_alert(self, alert_delivery_id: int) -> tuple[int | None, int | None]: ...

    async def record_thread(self, alert_delivery_id: int, thread_id: int) -> None: ...

    async def mark_retry(
        self, delivery_ids: Sequence[int], error: str, next_attempt_at: datetime
    ) -> None: ...

    async def mark_failed(self, delivery_ids: Sequence[int], error: str) -> None: ...

    async def outbox_depth(self) -> int: ...

    async def outbox_status(self, now: datetime) -> OutboxStatus: ...

    async def delivery_counts(self) -> dict[str, int]: ...

    # -- what the bot keeps about itself (_state.py) ---------------------------------------

    async def get_state(self, keys: Iterable[str]) -> dict[str, str]: ...

    async def set_state(self, values: Mapping[str, str]) -> None: ...

    async def pending_summary(self) -> tuple[int, datetime | None]: ...

    # -- lifecycle -------------------------------------------------------------------------

    async def close(self) -> None: ...

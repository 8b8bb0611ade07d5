"""Sources and their poll state: what is configured, what is due, how the last poll went."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.model import Source, SourceState
from bot.slots import first_poll_offset
from bot.store import _rows
from bot.store._base import StoreBase, StoreError, to_db

_QUIET_POLL = (
    "UPDATE sources SET last_status = ?, body_hash = coalesce(?, body_hash),"
    " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),"
    " consecutive_failures = 0, last_error = NULL, error_kind = NULL,"
    " last_polled_at = ?, next_poll_at = ? WHERE id = ?"
)


class SourcesMixin(StoreBase):
    async def sync_sources(self, sources: Sequence[Source], now: datetime) -> None:
        """Make the sources table match the configuration; poll state is kept throughout.

        New sources are inserted and due within their first interval; changed ones are
        updated (a new URL forgets the old feed's validators, redirect and "gone" verdict); ones
        no longer configured are marked removed, keeping their state and entries so that adding
        them back resumes where they were instead of treating every item as new. Adding back
        also clears a "gone" verdict.
        """
        ids = [s.id for s in sources]
        if len(set(ids)) != len(ids):
            twice = sorted({i for i in ids if ids.count(i) > 1})
            raise StoreError(f"source ids must be unique; configured more than once: {twice}")
        now_s = to_db(now)
        async with self._writing() as db:
            rows = await db.execute_fetchall(
                "SELECT id, url, name, interval, language, enabled, removed_at, next_poll_at"
                " FROM sources",
            )
            existing = {row["id"]: row for row in rows}
            inserts: list[tuple[object, ...]] = []
            changes: list[tuple[object, ...]] = []
            fresh_starts: list[tuple[object, ...]] = []
            retries: list[tuple[object, ...]] = []
            for s in sources:
                due = to_db(now + first_poll_offset(s.id, s.interval, now))
                row = existing.get(s.id)
                if row is None:
                    inserts.append((s.id, s.url, s.name, s.interval, s.language,
                                    int(s.enabled), now_s, due))
                    continue
                readded = row["removed_at"] is not None
                if readded:
                    next_poll = due
                else:
                    # A shorter interval takes effect now rather than after the old wait.
                    next_poll = min(row["next_poll_at"], to_db(now + timedelta(seconds=s.interval)))
                config = (s.url, s.name, s.interval, s.language, int(s.enabled))
                stored = (row["url"], row["name"], row["interval"], row["language"],
                          row["enabled"])
                if readded or config != stored or next_poll != row["next_poll_at"]:
                    changes.append((*config, next_poll, s.id))
                if s.url != row["url"]:
                    fresh_starts.append((s.id,))
                elif readded:
                    # Removing and adding back is how an operator retries a gone source.
                    retries.append((s.id,))
            configured = set(ids)
            removed = [(now_s, row_id) for row_id, row in existing.items()
                       if row["removed_at"] is None and row_id not in configured]
            await db.executemany(
                "INSERT INTO sources (id, url, name, interval, language, enabled, added_at,"
                " next_poll_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                inserts,
            )
            await db.executemany(
                "UPDATE sources SET url = ?, name = ?, interval = ?, language = ?, enabled = ?,"
                " removed_at = NULL, next_poll_at = ? WHERE id = ?",
                changes,
            )
            await db.executemany(
                "UPDATE sources SET etag = NULL, last_modified = NULL, body_hash = NULL,"
                " redirected_url = NULL, disabled_reason = NULL, consecutive_failures = 0"
                " WHERE id = ?",
                fresh_starts,
            )
            await db.executemany(
                "UPDATE sources SET disabled_reason = NULL WHERE id = ?", retries
            )
            await db.executemany(
                "UPDATE sources SET enabled = 0, removed_at = ? WHERE id = ?", removed
            )

    async def due_sources(self, now: datetime, limit: int = 1000) -> list[SourceState]:
        """Sources to poll now, the longest overdue first."""
        async with self._reading() as db:
            rows = await db.execute_fetchall(
                f"SELECT {_rows.SOURCE_STATE_COLUMNS} FROM sources s"
                " WHERE s.enabled = 1 AND s.disabled_reason IS NULL AND s.next_poll_at <= ?"
                " ORDER BY s.next_poll_at, s.id LIMIT ?",
                (to_db(now), max(limit, 0)),
            )
        return [_rows.source_state(r) for r in rows]

    async def source_states(self) -> list[SourceState]:
        """Every configured source (enabled or not, removed ones excepted), by id."""
        async with self._reading() as db:
            rows = await db.execute_fetchall(
                f"SELECT {_rows.SOURCE_STATE_COLUMNS} FROM sources s"
                " WHERE s.removed_at IS NULL ORDER BY s.id",
            )
        return [_rows.source_state(r) for r in rows]

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
    ) -> None:
        """A poll that found nothing new (304, or the same body): only the poll state moves.

        Validators missing from the answer keep their stored value: a 304 need not repeat them.
        """
        # Most polls find nothing new: none gets a transaction of its own, they join the next
        # grouped commit (StoreBase._in_group), and each returns once its row is written.
        row = (status, body_hash, etag, last_modified, to_db(now), to_db(next_poll_at), source_id)

        def write(raw: sqlite3.Connection) -> None:
            _require_source(raw.execute(_QUIET_POLL, row).rowcount, source_id)

        await self._in_group(write)

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
    ) -> None:
        """A failed poll: count it, keep the error for /sources, and maybe stop for good."""
        async with self._writing() as db:
            changed = await db.execute(
                "UPDATE sources SET consecutive_failures = consecutive_failures + 1,"
                " error_kind = ?, last_error = ?, last_status = ?, last_polled_at = ?,"
                " next_poll_at = ?, disabled_reason = coalesce(?, disabled_reason)"
                " WHERE id = ?",
                (error_kind, message, status, to_db(now), to_db(next_poll_at), disable_reason,
                 source_id),
            )
            _require_source(changed, source_id)

    async def record_redirect(self, source_id: str, new_url: str) -> None:
        """A permanent redirect: poll ``new_url`` from now on (until the configured URL changes)."""
        async with self._writing() as db:
            changed = await db.execute(
                "UPDATE sources SET redirected_url = ? WHERE id = ?", (new_url, source_id)
            )
            _require_source(changed, source_id)


_NEW_CONTENT_POLL = (
    "UPDATE sources SET last_status = ?1, etag = ?2, last_modified = ?3, body_hash = ?4,"
    " consecutive_failures = 0, last_error = NULL, error_kind = NULL,"
    " last_polled_at = ?5, next_poll_at = ?6, content_at = ?5, first_polled = 1 WHERE id = ?7"
)


def touch_source(
    raw: sqlite3.Connection, source_id: str, poll_state: tuple[object, ...]
) -> None:
    """The source side of a successful poll with new content (part of commit_poll).

    ``poll_state``: (status, etag, last_modified, body_hash, now, next_poll_at), the times as
    ``to_db`` writes them; ``now`` is both when it was polled and when its content changed.
    """
    _require_source(raw.execute(_NEW_CONTENT_POLL, (*poll_state, source_id)).rowcount, source_id)


def _require_source(changed: int, source_id: str) -> None:
    """``changed``: the rows the statement on the source's row changed."""
    if changed == 0:
        raise StoreError(f"there is no source {source_id!r} in the database")


"""Sources and their poll state: what is configured, what is due, how the last poll went."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.follows import FollowRefused, SourceLimits, new_source_id, url_key
from bot.model import Source, SourceState
from bot.store import _rows
from bot.store._base import StoreBase, StoreError, to_db
from bot.store._dialect import Raw
from bot.store._follows import find_by_key, insert_source, refresh_source, rename_source

# Each write of a poll's outcome ends the source's lease (bot.store._leases): the source is
# free for whichever process asks once it is due again, however long the lease.
_QUIET_POLL = (
    "UPDATE sources SET last_status = ?, body_hash = coalesce(?, body_hash),"
    " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),"
    " consecutive_failures = 0, last_error = NULL, error_kind = NULL,"
    " last_polled_at = ?, next_poll_at = ?, leased_by = NULL, lease_until = NULL WHERE id = ?"
)


class SourcesMixin(StoreBase):
    #: set by Store.open (see FollowsMixin)
    _limits: SourceLimits

    async def sync_sources(self, sources: Sequence[Source], now: datetime) -> None:
        """Make the operator's follows from sources.toml match the configuration; poll state
        is kept throughout.

        Each configured source is the operator's follow of the row with its id. A new one is
        inserted and due within its first interval; changed ones are updated (a new URL forgets
        the old feed's validators, redirect and "gone" verdict); ones no longer configured stop
        being the operator's, and a row nobody follows any more is marked removed, keeping its
        state and entries so that adding it back resumes where it was instead of treating every
        item as new. Adding back also clears a "gone" verdict.

        The file wins every clash with what was added from the command line or Discord: a URL
        someone else follows becomes the configured id's row (its entries, updates, followers
        and mutes move with it), and an operator's source kept in the database for that URL
        becomes the configured one. A configured id whose URL changes while servers follow the
        old URL leaves them that row, under a new id, and follows the new URL itself.
        """
        ids = [s.id for s in sources]
        if len(set(ids)) != len(ids):
            twice = sorted({i for i in ids if ids.count(i) > 1})
            raise StoreError(f"source ids must be unique; configured more than once: {twice}")
        try:
            keys = {s.id: url_key(s.url) for s in sources}
        except FollowRefused as e:
            raise StoreError(f"a configured source cannot be used: {e}") from None
        if len(set(keys.values())) != len(keys):
            raise StoreError("source urls must be unique; one feed is configured twice")
        min_interval = self._limits.min_interval

        def sync(raw: Raw) -> None:
            touched: set[str] = set()
            settled = _settled(raw, now)
            for s in sources:
                if settled.get(s.id) == (s.url, keys[s.id], s.name, s.interval, s.language,
                                         int(s.enabled)):
                    continue
                touched |= _sync_one(raw, s, keys[s.id], now)
            configured = set(ids)
            for (source_id,) in raw.execute(
                "SELECT source FROM follows WHERE guild_id IS NULL AND from_config = 1"
                " AND removed_at IS NULL"
            ).fetchall():
                if source_id not in configured:
                    raw.execute(
                        "UPDATE follows SET removed_at = ? WHERE source = ? AND guild_id IS NULL",
                        (to_db(now), source_id),
                    )
                    touched.add(source_id)
            for source_id in sorted(touched):
                refresh_source(raw, source_id, min_interval, now)

        async with self._writing() as db:
            await db.run(sync)

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

        def write(raw: Raw) -> None:
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
        """A failed poll: count it, keep the error for /source list, and maybe stop for good."""
        async with self._writing() as db:
            changed = await db.execute(
                "UPDATE sources SET consecutive_failures = consecutive_failures + 1,"
                " error_kind = ?, last_error = ?, last_status = ?, last_polled_at = ?,"
                " next_poll_at = ?, disabled_reason = coalesce(?, disabled_reason),"
                " leased_by = NULL, lease_until = NULL WHERE id = ?",
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
    " last_polled_at = ?5, next_poll_at = ?6, content_at = ?5, first_polled = 1,"
    " leased_by = NULL, lease_until = NULL WHERE id = ?7"
)


def touch_source(
    raw: Raw, source_id: str, poll_state: tuple[object, ...]
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



def _settled(raw: Raw, now: datetime) -> dict[str, tuple[object, ...]]:
    """The sources the operator alone follows from the file whose rows say so already: id →
    (url, url key, name, interval, language, enabled). Syncing one of these again as the file
    has it would write the same values; it is skipped, so that a process starting beside
    others (several processes) neither holds every source's row locked while it syncs nor
    makes their polls wait for them. A source whose next poll is more than an interval away
    (a backoff) is not settled: a sync brings it within its interval, as it always has."""
    rows = raw.execute(
        "SELECT s.id, s.url, s.url_key, f.name, f.interval, f.language, f.enabled,"
        " s.next_poll_at FROM sources s JOIN follows f ON f.source = s.id AND f.guild_id IS NULL"
        " WHERE s.removed_at IS NULL AND f.removed_at IS NULL AND f.from_config = 1"
        " AND f.added_by IS NULL AND s.name = f.name AND s.interval = f.interval"
        " AND s.language = f.language AND s.enabled = f.enabled"
        " AND NOT EXISTS (SELECT 1 FROM follows o WHERE o.source = s.id"
        " AND o.removed_at IS NULL AND o.guild_id IS NOT NULL)"
    ).fetchall()
    return {r[0]: tuple(r[1:7]) for r in rows
            if r[7] <= to_db(now + timedelta(seconds=int(r[4])))}


def _sync_one(raw: Raw, s: Source, key: str, now: datetime) -> set[str]:
    """Make ``s`` the operator's configured follow of the row with its id; return the ids of
    the rows whose follows changed (see ``sync_sources`` for the clashes)."""
    now_s = to_db(now)
    touched = {s.id}
    row = raw.execute("SELECT url, url_key FROM sources WHERE id = ?", (s.id,)).fetchone()
    if row is not None and row["url_key"] != key:
        (others,) = raw.execute(
            "SELECT count(*) FROM follows WHERE source = ? AND removed_at IS NULL"
            " AND NOT (guild_id IS NULL AND from_config = 1)", (s.id,),
        ).fetchone()
        if others == 0 and find_by_key(raw, key) is None:
            # Nobody else reads the old URL: the row follows the file, starting afresh.
            raw.execute(
                "UPDATE sources SET url = ?, url_key = ?, etag = NULL, last_modified = NULL,"
                " body_hash = NULL, redirected_url = NULL, disabled_reason = NULL,"
                " consecutive_failures = 0 WHERE id = ?",
                (s.url, key, s.id),
            )
        else:
            # Others read the old URL (or the new one has a row already): the old row is
            # theirs, under an id of its own, and the configured id goes to the new URL.
            taken = {r[0] for r in raw.execute("SELECT id FROM sources")}
            moved = new_source_id(row["url"], taken)
            rename_source(raw, s.id, moved)
            raw.execute("UPDATE follows SET removed_at = ? WHERE source = ? AND guild_id IS NULL",
                        (now_s, moved))
            touched.add(moved)
            row = None
    if row is None:
        other = find_by_key(raw, key)
        if other is not None:
            rename_source(raw, other, s.id)
        else:
            insert_source(raw, s.id, s.url, key, s.name, s.interval, s.language, now_s)
    elif row["url"] != s.url:
        raw.execute("UPDATE sources SET url = ? WHERE id = ?", (s.url, s.id))  # same feed
    config = (s.name, s.interval, s.language, int(s.enabled))
    changed = raw.execute(
        "UPDATE follows SET from_config = 1, name = ?, interval = ?, language = ?, enabled = ?,"
        " added_by = NULL, removed_at = NULL WHERE source = ? AND guild_id IS NULL",
        (*config, s.id),
    ).rowcount
    if not changed:
        raw.execute(
            "INSERT INTO follows (source, guild_id, from_config, name, interval, language,"
            " enabled, added_at) VALUES (?, NULL, 1, ?, ?, ?, ?, ?)",
            (s.id, *config, now_s),
        )
    return touched

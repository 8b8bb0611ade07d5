"""Entries, updates and the commit of a poll; reading updates back (/latest, /search); pruning."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import datetime, timedelta

import aiosqlite

from bot.matching.filters import Filter, FilterError, FoldedText, compile_filter, fold
from bot.model import (
    CommitSummary,
    EntryState,
    Match,
    PruneSummary,
    Severity,
    StoredUpdate,
    Update,
)
from bot.store import _rows
from bot.store._base import StoreBase, chunks, marks, opt_to_db, to_db
from bot.store._sources import SourcesMixin

log = logging.getLogger(__name__)

#: bounds the compiled-filter cache; past it the cache starts over (filters are cheap to compile)
_FILTER_CACHE_SIZE = 4096
#: a search query longer than this is cut; more terms than this are ignored
_MAX_QUERY_CHARS = 300
_MAX_QUERY_TERMS = 12

#: An entry update whose title and text equal one this source stored this recently is a repost
#: under a new guid, not news: some CMSs put a session id or a timestamp into every item's guid,
#: so each poll would otherwise announce the same article again. Past the window the same words
#: may be news again (a recurring bulletin), and a churning feed costs one alert a day at most.
REPOST_WINDOW = timedelta(hours=24)

_QUERY_PART = re.compile(r'"([^"]*)"?|([^\s"]+)')
_TOKEN = re.compile(r"\w+")


def fts_query(text: str) -> str:
    """A user's search words → an FTS5 query that cannot be a syntax error.

    Every word, and every "quoted phrase", becomes a quoted FTS5 phrase made only of word
    characters, so operators (AND, NEAR, -, *, ^, :) are searched as plain words or dropped.
    Terms are ANDed. An empty result means there is nothing to search for.
    """
    phrases: list[str] = []
    for m in _QUERY_PART.finditer(text[:_MAX_QUERY_CHARS]):
        tokens = _TOKEN.findall(m[1] if m[1] is not None else m[2])
        if tokens:
            phrases.append('"' + " ".join(tokens) + '"')
    return " ".join(phrases[:_MAX_QUERY_TERMS])


class UpdatesMixin(SourcesMixin, StoreBase):
    async def known_entries(self, source_id: str, keys: Sequence[str]) -> dict[str, EntryState]:
        """The stored state of those of ``keys`` the source has seen before."""
        async with self._reading() as db:
            rows = await self._rows_in(
                db,
                "SELECT key, fingerprints, content_hash FROM entries"
                " WHERE source = ? AND key IN ({marks})",
                (source_id,),
                list(dict.fromkeys(keys)),
            )
        return {
            r["key"]: EntryState.from_blob(r["key"], r["fingerprints"], r["content_hash"])
            for r in rows
        }

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
    ) -> CommitSummary:
        """Record one poll in one transaction: entries, updates, the source's state, the outbox.

        Polls committed at the same moment share that transaction (see ``_in_group``); each
        still gets its own summary or error, and one failing never undoes the others.

        An update whose key the source already has is skipped, so committing the same poll twice
        stores and queues it once. So is a new entry that repeats, word for word, an entry update
        the source stored within ``REPOST_WINDOW`` (the same article under a new guid).
        ``deliver`` is False for a source's first, silent poll.
        ``seen_keys`` lists every entry in the feed now (changed or not): they are marked seen
        so that prune never forgets an entry that is still in the feed.
        """
        now_s = to_db(now)
        first_of_key: dict[str, tuple[Update, Match]] = {}
        for update, match in updates:
            first_of_key.setdefault(update.key, (update, match))
        unique = list(first_of_key.values())

        async def write(db: aiosqlite.Connection) -> CommitSummary:
            await self._touch_source(
                db, source_id, now=now, next_poll_at=next_poll_at, status=status, etag=etag,
                last_modified=last_modified, body_hash=body_hash,
            )
            new_entries = await self._write_entries(db, source_id, states, seen_keys, now_s)
            stored = await self._rows_in(
                db, "SELECT key FROM updates WHERE source = ? AND key IN ({marks})",
                (source_id,), [u.key for u, _ in unique],
            )
            already = {r["key"] for r in stored}
            new = [(u, m) for u, m in unique if u.key not in already]
            new = await self._without_reposts(db, source_id, new, now)
            ids = await self._insert_updates(db, source_id, new, now_s)
            queued = 0
            if deliver and new:
                queued = await self._queue_deliveries(db, new, ids, now)
            return CommitSummary(
                new_entries=new_entries,
                new_updates=len(new),
                deliveries_queued=queued,
                update_ids=tuple(ids[u.key] for u, _ in new),
            )

        return await self._in_group(write)

    async def _without_reposts(
        self,
        db: aiosqlite.Connection,
        source_id: str,
        new: list[tuple[Update, Match]],
        now: datetime,
    ) -> list[tuple[Update, Match]]:
        """``new`` less the entry updates that repeat a recent one word for word (see
        ``REPOST_WINDOW``), whether stored by an earlier poll or earlier in this one."""
        titles = list({u.title for u, _ in new if u.kind == "entry"})
        if not titles:
            return new
        rows = await self._rows_in(
            db, "SELECT title, text FROM updates WHERE source = ? AND kind = 'entry'"
            " AND seen_at >= ? AND title IN ({marks})",
            (source_id, to_db(now - REPOST_WINDOW)), titles,
        )
        said = {(r["title"], r["text"]) for r in rows}
        kept: list[tuple[Update, Match]] = []
        for update, match in new:
            if update.kind == "entry":
                words = (update.title, update.text)
                if words in said:
                    continue
                said.add(words)
            kept.append((update, match))
        return kept

    async def _write_entries(
        self,
        db: aiosqlite.Connection,
        source_id: str,
        states: Sequence[EntryState],
        seen_keys: Sequence[str],
        now_s: str,
    ) -> int:
        """Upsert entry states; return how many entries are new."""
        by_key = {s.key: s for s in states}
        if not by_key:
            await self._touch_entries(db, source_id, seen_keys, now_s)
            return 0
        known = await self._rows_in(
            db, "SELECT key FROM entries WHERE source = ? AND key IN ({marks})",
            (source_id,), list(by_key),
        )
        await db.executemany(
            "INSERT INTO entries (source, key, fingerprints, content_hash, first_seen, last_seen)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, key) DO UPDATE"
            " SET fingerprints = excluded.fingerprints, content_hash = excluded.content_hash,"
            " last_seen = excluded.last_seen",
            [(source_id, s.key, s.to_blob(), s.content_hash, now_s, now_s)
             for s in by_key.values()],
        )
        await self._touch_entries(db, source_id, [k for k in seen_keys if k not in by_key], now_s)
        return len(by_key) - len(known)

    async def _touch_entries(
        self, db: aiosqlite.Connection, source_id: str, keys: Sequence[str], now_s: str
    ) -> None:
        """Mark entries still in the feed as seen, so prune never forgets them."""
        for chunk in chunks(list(dict.fromkeys(keys))):
            await db.execute(
                "UPDATE entries SET last_seen = ? WHERE source = ?"
                f" AND key IN ({marks(len(chunk))})",
                [now_s, source_id, *chunk],
            )

    async def _insert_updates(
        self,
        db: aiosqlite.Connection,
        source_id: str,
        new: Sequence[tuple[Update, Match]],
        now_s: str,
    ) -> dict[str, int]:
        """Insert updates and their regions; return the new ids by update key."""
        if not new:
            return {}
        await db.executemany(
            "INSERT INTO updates (source, key, entry_key, kind, title, text, link, marker,"
            " published, seen_at, severity, match) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (source_id, u.key, u.entry_key, u.kind, u.title, u.text, u.link, u.marker,
                 opt_to_db(u.published), now_s, int(m.severity), _rows.match_json(m))
                for u, m in new
            ],
        )
        rows = await self._rows_in(
            db, "SELECT id, key FROM updates WHERE source = ? AND key IN ({marks})",
            (source_id,), [u.key for u, _ in new],
        )
        ids: dict[str, int] = {r["key"]: r["id"] for r in rows}
        await db.executemany(
            "INSERT OR IGNORE INTO update_regions (update_id, region) VALUES (?, ?)",
            [(ids[u.key], region) for u, m in new for region in dict.fromkeys(m.regions)],
        )
        return ids

    async def _queue_deliveries(
        self,
        db: aiosqlite.Connection,
        new: Sequence[tuple[Update, Match]],
        ids: dict[str, int],
        now: datetime,
    ) -> int:
        """Owe each new update to every channel with a subscription that wants it; once each.

        Region, severity, pause and mute are decided in SQL; the user's filter in Python. When
        several subscriptions of one channel want the update (kosovo and balkans, both hit),
        the lowest subscription id carries it: the UNIQUE (update_id, channel_id) keeps it one.
        """
        texts = {ids[u.key]: f"{u.title}\n{u.text}" for u, _ in new}
        candidates = await self._rows_in(
            db,
            "SELECT ur.update_id, sub.id, sub.guild_id, sub.channel_id, sub.filter"
            " FROM update_regions ur"
            " JOIN updates u ON u.id = ur.update_id"
            " JOIN subscriptions sub ON sub.region = ur.region"
            " WHERE ur.update_id IN ({marks})"
            " AND sub.paused_reason IS NULL AND sub.min_severity <= u.severity"
            " AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.guild_id = sub.guild_id"
            " AND m.source = u.source AND (m.until IS NULL OR m.until > ?))"
            " ORDER BY ur.update_id, sub.id",
            (),
            list(texts),
            (to_db(now),),
        )
        folded: dict[int, FoldedText] = {}
        owed: dict[tuple[int, int], tuple[int, int]] = {}
        for update_id, sub_id, guild_id, channel_id, filter_text in candidates:
            if (update_id, channel_id) in owed:
                continue
            if filter_text:
                flt = self._compiled(filter_text)
                if flt is None:
                    continue
                if update_id not in folded:
                    folded[update_id] = fold(texts[update_id])
                if not flt.matches(folded[update_id]):
                    continue
            owed[(update_id, channel_id)] = (sub_id, guild_id)
        now_s = to_db(now)
        cursor = await db.executemany(
            "INSERT OR IGNORE INTO deliveries (update_id, subscription_id, guild_id, channel_id,"
            " next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [(uid, sub_id, guild_id, channel_id, now_s, now_s)
             for (uid, channel_id), (sub_id, guild_id) in owed.items()],
        )
        return max(cursor.rowcount, 0)

    def _compiled(self, text: str) -> Filter | None:
        """A subscription's filter, compiled once; None if it no longer compiles."""
        if text not in self._filters:
            if len(self._filters) >= _FILTER_CACHE_SIZE:
                self._filters.clear()
            try:
                self._filters[text] = compile_filter(text)
            except FilterError as e:
                # Filters are checked when subscribing; one that fails now was stored by an
                # older alertbot with a looser syntax. Delivering nothing is the narrow choice.
                log.warning("a stored filter no longer compiles (%s): %r", e.reason, text)
                self._filters[text] = None
        return self._filters[text]

    async def latest(
        self,
        *,
        region: str | None = None,
        limit: int = 10,
        min_severity: Severity = Severity.LOW,
        guild_id: int | None = None,
    ) -> list[StoredUpdate]:
        """The newest updates (of a region, at least this serious), newest first.

        With ``guild_id``, sources that guild has muted are left out.
        """
        return await self._select_updates(
            region=region, limit=limit, guild_id=guild_id,
            where=["u.severity >= ?"], params=[int(min_severity)],
        )

    async def search(
        self,
        query: str,
        *,
        region: str | None = None,
        since: datetime | None = None,
        limit: int = 10,
        guild_id: int | None = None,
    ) -> list[StoredUpdate]:
        """Updates whose title or text hold every word of ``query``, newest first."""
        match = fts_query(query)
        if not match:
            return []
        where = ["u.id IN (SELECT rowid FROM updates_fts WHERE updates_fts MATCH ?)"]
        params: list[object] = [match]
        if since is not None:
            where.append("u.seen_at >= ?")
            params.append(to_db(since))
        return await self._select_updates(
            region=region, limit=limit, guild_id=guild_id, where=where, params=params
        )

    async def get_update(self, update_id: int) -> StoredUpdate | None:
        found = await self._select_updates(
            region=None, limit=1, guild_id=None, where=["u.id = ?"], params=[update_id]
        )
        return found[0] if found else None

    async def _select_updates(
        self,
        *,
        region: str | None,
        limit: int,
        guild_id: int | None,
        where: list[str],
        params: list[object],
    ) -> list[StoredUpdate]:
        # Newest = stored last. Ordering by id (not seen_at) lets SQLite walk the region index
        # backwards and stop at the limit instead of sorting every update of the region.
        if limit <= 0:
            return []
        joins = "JOIN sources src ON src.id = u.source"
        newest_first = "u.id DESC"
        conditions = list(where)
        values: list[object] = []
        if region is not None:
            joins += " JOIN update_regions ur ON ur.update_id = u.id AND ur.region = ?"
            # The same order, named by the index SQLite walks (it does not infer it via u.id).
            newest_first = "ur.update_id DESC"
            values.append(region)
        values.extend(params)
        if guild_id is not None:
            conditions.append(
                "NOT EXISTS (SELECT 1 FROM mutes m WHERE m.guild_id = ? AND m.source = u.source"
                " AND (m.until IS NULL OR m.until > ?))"
            )
            values.extend([guild_id, to_db(self._clock())])
        values.append(limit)
        sql = (
            f"SELECT {_rows.UPDATE_COLUMNS} FROM updates u {joins}"
            f" WHERE {' AND '.join(conditions)} ORDER BY {newest_first} LIMIT ?"
        )
        async with self._reading() as db:
            rows = await self._rows(db, sql, values)
        return [_rows.stored_update(r) for r in rows]

    async def prune(
        self,
        now: datetime,
        *,
        updates_older_than: timedelta,
        entries_older_than: timedelta,
    ) -> PruneSummary:
        """Forget what is old: updates (and their settled deliveries), entries, expired mutes.

        An update still owed to a channel (a pending delivery) is kept until it is settled.
        Entries live longer than updates, and only go once their source's feed has changed
        without them: the entry key is what stops an old item from coming back as new.
        """
        update_cutoff = to_db(now - updates_older_than)
        entry_cutoff = to_db(now - entries_older_than)
        old_updates = (
            "SELECT id FROM updates WHERE seen_at < ? AND NOT EXISTS (SELECT 1 FROM deliveries d"
            " WHERE d.update_id = updates.id AND d.state = 'pending')"
        )
        async with self._writing() as db:
            rows = await self._rows(
                db, f"SELECT count(*) FROM deliveries WHERE update_id IN ({old_updates})",
                (update_cutoff,),
            )
            deliveries = int(rows[0][0])
            # Deliveries and update_regions go with their update (ON DELETE CASCADE).
            updates = await db.execute(
                f"DELETE FROM updates WHERE id IN ({old_updates})", (update_cutoff,)
            )
            entries = await db.execute(
                "DELETE FROM entries WHERE last_seen < ? AND last_seen < (SELECT content_at"
                " FROM sources WHERE sources.id = entries.source)",
                (entry_cutoff,),
            )
            mutes = await db.execute(
                "DELETE FROM mutes WHERE until IS NOT NULL AND until <= ?", (to_db(now),)
            )
        return PruneSummary(
            updates=updates.rowcount,
            deliveries=deliveries,
            entries=entries.rowcount,
            mutes=mutes.rowcount,
        )

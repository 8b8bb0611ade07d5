"""Entries, updates and the commit of a poll; reading updates back (/latest, /search); pruning."""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime, timedelta
from typing import NamedTuple

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
from bot.store._base import StoreBase, opt_to_db, rows_in, to_db
from bot.store._dialect import Dialect, Raw
from bot.store._events import EventJoin, alert_of_event, join_events
from bot.store._sources import touch_source

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
    """A user's search words → a query that cannot be a syntax error, read the same by
    SQLite's FTS5 MATCH and PostgreSQL's websearch_to_tsquery (Dialect.search).

    Every word, and every "quoted phrase", becomes a quoted phrase made only of word
    characters, so operators (AND, NEAR, -, *, ^, :) are searched as plain words or dropped.
    Terms are ANDed. An empty result means there is nothing to search for.
    """
    phrases: list[str] = []
    for m in _QUERY_PART.finditer(text[:_MAX_QUERY_CHARS]):
        tokens = _TOKEN.findall(m[1] if m[1] is not None else m[2])
        if tokens:
            phrases.append('"' + " ".join(tokens) + '"')
    return " ".join(phrases[:_MAX_QUERY_TERMS])


_UPSERT_ENTRY = (
    "INSERT INTO entries (source, key, fingerprints, content_hash, first_seen, last_seen)"
    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, key) DO UPDATE"
    " SET fingerprints = excluded.fingerprints, content_hash = excluded.content_hash,"
    " last_seen = excluded.last_seen"
)
_INSERT_UPDATE = (
    "INSERT INTO updates (source, key, entry_key, kind, title, text, link, marker, published,"
    " seen_at, severity, match) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
)


def _wanting(
    dialect: Dialect, condition: str, severity: str = "sub.min_severity <= u.severity",
    joins: str = "",
) -> str:
    """FROM and WHERE of the subscriptions owed the new updates: of one of an update's regions,
    whose minimum severity it reaches, not paused, ``condition``, in a guild that reads the
    source (the operator follows it, for every guild, or the guild itself does: a server's
    source never reaches another server's channels), that has not removed the bot, and that
    has not muted the source (``?2``: now; ``condition`` comes before the follows and the mute
    so it can spare those look-ups). ``?1``: the update ids, one JSON array (Dialect.int_list).
    ``joins``: more tables joined before the conditions.
    """
    return (
        " FROM update_regions ur"
        " JOIN updates u ON u.id = ur.update_id"
        " JOIN subscriptions sub ON sub.region = ur.region"
        f"{joins}"
        f" WHERE ur.update_id IN ({dialect.int_list('?1')})"
        f" AND sub.paused_reason IS NULL AND {severity} AND {condition}"
        " AND EXISTS (SELECT 1 FROM follows f WHERE f.source = u.source"
        " AND coalesce(f.guild_id, 0) IN (0, sub.guild_id) AND f.enabled = 1"
        " AND f.removed_at IS NULL)"
        " AND NOT EXISTS (SELECT 1 FROM guilds_left gl WHERE gl.guild_id = sub.guild_id)"
        " AND NOT EXISTS (SELECT 1 FROM mutes m WHERE m.guild_id = sub.guild_id"
        " AND m.source = u.source AND (m.until IS NULL OR m.until > ?2))"
    )


class _Queries(NamedTuple):
    """The fan-out's statements in one engine's dialect."""

    #: Subscriptions with a filter, which only Python can apply (RE2, folded text); read
    #: through the subscriptions_filtered index, so nothing is read when none has a filter.
    filtered: str
    #: One delivery per update and channel, carried by the lowest subscription id that wants
    #: it, a filtered one only if its filter passed (``?3``: "update_id:subscription_id"
    #: pairs). Queued in update order, so a channel gets them in that order; within an update
    #: by channel, the order the GROUP BY leaves them in (no second sort). A channel is in one
    #: guild: grouping by it too changes nothing but lets PostgreSQL select it.
    queue: str
    #: The same for one update that joined an event and adds nothing that matters (issue 14):
    #: where the channel has the event's alert, the row edits that alert to name the update's
    #: source, at any severity (a report graded lower is still a report); where it has none
    #: (the first report was filtered, muted, or before subscribing) it is a plain send, owed
    #: as any other alert is. ``?4``: the update's id; the event's alert in each channel is
    #: read once for the statement (``_EVENT_ALERTS``), not once per subscription row.
    queue_joined: str
    #: Filtered subscriptions for those updates, on the same terms.
    filtered_joined: str


#: A story's later update (a new segment of an entry the source posted before) follows the
#: story's alert in the channel, unless the subscription that carries the row (the group's
#: lowest id: the flag rides in the min()'s lowest bit) posts stories as plain alerts: the first
#: delivery there of an earlier update of the same entry that went as an alert of its own (no
#: edit, following no story) and was not given up on. A pending one counts: the channel drains
#: in order, so the alert is posted first. None there (filtered, muted, before subscribing,
#: pruned, failed): NULL, and this update starts the story afresh in the channel.
_STORY = (
    "CASE WHEN u.kind = 'segment' AND min(sub.id * 2 + CASE WHEN sub.story = 'channel'"
    " THEN 0 ELSE 1 END) % 2 = 1 THEN"
    " (SELECT min(a.id) FROM updates s JOIN deliveries a ON a.update_id = s.id"
    " WHERE s.source = u.source AND s.entry_key = u.entry_key AND s.id < u.id"
    " AND a.channel_id = sub.channel_id AND a.edits IS NULL AND a.story_alert IS NULL"
    " AND a.state != 'failed') END"
)


#: The alert of the event of update ``?4`` in each channel that has one: as ``alert_of_event``
#: (the first post there, no edit, not given up on), for every channel at once. Joined to the
#: subscriptions of a joined update's fan-out, it is read once per statement; the correlated
#: form was evaluated up to three times per subscription row and made a joined update's
#: fan-out cost about twice a send's (bench/cluster_bench.py).
_EVENT_ALERTS = (
    " LEFT JOIN (SELECT a.channel_id, min(a.id) AS id FROM deliveries a"
    " JOIN updates e ON e.id = a.update_id"
    " WHERE e.event_id = (SELECT event_id FROM updates WHERE id = ?4)"
    " AND a.edits IS NULL AND a.state != 'failed' GROUP BY a.channel_id) al"
    " ON al.channel_id = sub.channel_id"
)


@functools.cache
def queries(dialect: Dialect) -> _Queries:
    passed = ("(sub.filter = '' OR (ur.update_id || ':' || sub.id)"
              f" IN ({dialect.text_list('?3')}))")
    alert = alert_of_event("ur.update_id", "sub.channel_id")
    named_or_wanted = f"(sub.min_severity <= u.severity OR {alert} IS NOT NULL)"
    # u.id (the primary key) lets PostgreSQL read the update's own columns in the group
    group = (" GROUP BY ur.update_id, u.id, sub.channel_id, sub.guild_id"
             " ORDER BY ur.update_id, sub.channel_id ON CONFLICT DO NOTHING")
    return _Queries(
        filtered="SELECT ur.update_id, sub.id, sub.filter"
                 + _wanting(dialect, "sub.filter != ''"),
        queue="INSERT INTO deliveries (update_id, subscription_id, guild_id, channel_id,"
              " next_attempt_at, created_at, story_alert)"
              " SELECT ur.update_id, min(sub.id), sub.guild_id, sub.channel_id, ?2, ?2,"
              f" {_STORY}" + _wanting(dialect, passed) + group,
        # where the channel has no alert of the event, a send that follows its story there
        queue_joined="INSERT INTO deliveries (update_id, subscription_id, guild_id,"
                     " channel_id, next_attempt_at, created_at, edits, story_alert)"
                     " SELECT ur.update_id, min(sub.id), sub.guild_id, sub.channel_id, ?2, ?2,"
                     f" al.id, CASE WHEN al.id IS NULL THEN {_STORY} END"
                     + _wanting(dialect, passed, joins=_EVENT_ALERTS,
                                severity="(sub.min_severity <= u.severity OR al.id IS NOT NULL)")
                     # (al.id follows from the channel: grouping by it changes no group)
                     + group.replace("sub.guild_id ORDER", "sub.guild_id, al.id ORDER"),
        filtered_joined="SELECT ur.update_id, sub.id, sub.filter"
                        + _wanting(dialect, "sub.filter != ''", severity=named_or_wanted),
    )


def _json(values: Iterable[int | str]) -> str:
    return json.dumps(list(values))


class UpdatesMixin(StoreBase):
    async def known_entries(self, source_id: str, keys: Sequence[str]) -> dict[str, EntryState]:
        """The stored state of those of ``keys`` the source has seen before."""
        async with self._reading() as db:
            # One trip to the connection's thread, however many chunks the keys take.
            rows = await db.run(lambda raw: rows_in(
                raw,
                "SELECT key, fingerprints, content_hash FROM entries"
                " WHERE source = ? AND key IN ({marks})",
                (source_id,),
                list(dict.fromkeys(keys)),
            ))
        return {key: EntryState.from_blob(key, blob, content_hash)
                for key, blob, content_hash in rows}

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
        ``events``: put each new update in an event (issue 14), in this transaction; an update
        that joins one and adds nothing that matters is owed as edits of the event's alerts
        rather than as new alerts.
        """
        now_s = to_db(now)
        poll_state = (status, etag, last_modified, body_hash, now_s, to_db(next_poll_at))
        first_of_key: dict[str, tuple[Update, Match]] = {}
        for update, match in updates:
            first_of_key.setdefault(update.key, (update, match))
        unique = list(first_of_key.values())

        def write(raw: Raw) -> CommitSummary:
            touch_source(raw, source_id, poll_state)
            new_entries = _write_entries(raw, source_id, states, seen_keys, now_s)
            stored = rows_in(
                raw, "SELECT key FROM updates WHERE source = ? AND key IN ({marks})",
                (source_id,), list(first_of_key),
            )
            already = {key for (key,) in stored}
            new = [(u, m) for u, m in unique if u.key not in already]
            new = _without_reposts(raw, source_id, new, now)
            ids = _insert_updates(raw, source_id, new, now_s)
            quiet: set[int] = set()
            if events is not None:
                joined = join_events(raw, source_id, new, ids, events, now_s, self._signatures)
                quiet = {i for i, j in joined.items() if j.event is not None and not j.escalates}
            queued = 0
            if deliver and new:
                queued = self._queue_deliveries(raw, new, ids, now_s, quiet)
            return CommitSummary(
                new_entries=new_entries,
                new_updates=len(new),
                deliveries_queued=queued,
                update_ids=tuple(ids[u.key] for u, _ in new),
            )

        return await self._in_group(write)

    def _queue_deliveries(
        self,
        raw: Raw,
        new: Sequence[tuple[Update, Match]],
        ids: dict[str, int],
        now_s: str,
        quiet: Collection[int] = (),
    ) -> int:
        """Owe each new update to every channel with a subscription that wants it; once each.

        Region, severity, pause and mute are decided in SQL; the user's filter in Python, for
        the few subscriptions that have one. When several subscriptions of one channel want
        the update (kosovo and balkans, both hit), the lowest subscription id carries it (its
        ping role is the one used), and the UNIQUE (update_id, channel_id) keeps it one.
        """
        texts = {ids[u.key]: f"{u.title}\n{u.text}" for u, _ in new}
        sql = queries(raw.dialect)
        queued = 0
        for sends in _story_waves([(ids[u.key], u) for u, _ in new if ids[u.key] not in quiet]):
            passed = self._filters_passed(raw, sql.filtered, sends, texts, now_s)
            cursor = raw.execute(sql.queue, (_json(sends), now_s, _json(passed)))
            queued += max(cursor.rowcount, 0)
        # One statement per update, after the sends: each sees the alerts queued before it,
        # those of this commit included.
        for update_id in (ids[u.key] for u, _ in new if ids[u.key] in quiet):
            passed = self._filters_passed(raw, sql.filtered_joined, [update_id], texts, now_s)
            cursor = raw.execute(
                sql.queue_joined, (_json([update_id]), now_s, _json(passed), update_id))
            queued += max(cursor.rowcount, 0)
        return queued

    def _filters_passed(
        self, raw: Raw, sql: str, update_ids: Sequence[int],
        texts: dict[int, str], now_s: str,
    ) -> list[str]:
        """"update_id:subscription_id" for each filtered subscription whose filter passes."""
        folded: dict[int, FoldedText] = {}
        passed: list[str] = []
        for update_id, sub_id, filter_text in raw.execute(sql, (_json(update_ids), now_s)):
            flt = self._compiled(filter_text)
            if flt is None:
                continue
            if update_id not in folded:
                folded[update_id] = fold(texts[update_id])
            if flt.matches(folded[update_id]):
                passed.append(f"{update_id}:{sub_id}")
        return passed

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
        operator_only: bool = False,
    ) -> list[StoredUpdate]:
        """The newest updates (of a region, at least this serious), newest first.

        With ``guild_id``, only the sources that guild reads (the operator's and its own, also
        those it followed before), less those it has muted. ``operator_only``: only the
        operator's sources (for a DM, which no server's choice may reach). Neither: every
        source (the operator's command line).
        """
        return await self._select_updates(
            region=region, limit=limit, guild_id=guild_id, operator_only=operator_only,
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
        operator_only: bool = False,
    ) -> list[StoredUpdate]:
        """Updates whose title or text hold every word of ``query``, newest first; ``guild_id``
        and ``operator_only`` choose the sources as for ``latest``."""
        match = fts_query(query)
        if not match:
            return []
        where = [self._dialect.search]
        params: list[object] = [match]
        if since is not None:
            where.append("u.seen_at >= ?")
            params.append(to_db(since))
        return await self._select_updates(
            region=region, limit=limit, guild_id=guild_id, operator_only=operator_only,
            where=where, params=params,
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
        operator_only: bool = False,
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
        if guild_id is not None or operator_only:
            # A removed follow still counts: what a server followed stays findable by it.
            conditions.append(
                "EXISTS (SELECT 1 FROM follows f WHERE f.source = u.source"
                " AND coalesce(f.guild_id, 0) IN (0, ?))"
            )
            values.append(0 if guild_id is None else guild_id)
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
            rows = await db.execute_fetchall(sql, values)
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
            rows = await db.execute_fetchall(
                f"SELECT count(*) FROM deliveries WHERE update_id IN ({old_updates})",
                (update_cutoff,),
            )
            deliveries = int(rows[0][0])
            # Deliveries and update_regions go with their update (ON DELETE CASCADE).
            updates = await db.execute(
                f"DELETE FROM updates WHERE id IN ({old_updates})", (update_cutoff,)
            )
            # An event goes with the last of its reports.
            await db.execute(
                "DELETE FROM events WHERE NOT EXISTS"
                " (SELECT 1 FROM updates u WHERE u.event_id = events.id)"
            )
            entries = await db.execute(
                "DELETE FROM entries WHERE last_seen < ? AND last_seen < (SELECT content_at"
                " FROM sources WHERE sources.id = entries.source)",
                (entry_cutoff,),
            )
            mutes = await db.execute(
                "DELETE FROM mutes WHERE until IS NOT NULL AND until <= ?", (to_db(now),)
            )
            # (SQLite may give the last deleted update's id to the next one)
            self._signatures.forget()
        return PruneSummary(
            updates=updates,
            deliveries=deliveries,
            entries=entries,
            mutes=mutes,
        )


def _story_waves(sends: Sequence[tuple[int, Update]]) -> list[list[int]]:
    """The update ids to queue, in statements that each hold at most one update of an entry.

    An INSERT does not see the rows it inserts itself, so a story's second new segment in one
    poll would miss the alert its first one becomes in a channel that had none; queued a
    statement later, it follows it. Most polls bring one update per entry: one statement.
    """
    waves: list[list[int]] = []
    earlier: dict[str, int] = {}
    for update_id, update in sends:
        rank = earlier.get(update.entry_key, 0)
        earlier[update.entry_key] = rank + 1
        if rank == len(waves):
            waves.append([])
        waves[rank].append(update_id)
    return waves


def _without_reposts(
    raw: Raw,
    source_id: str,
    new: list[tuple[Update, Match]],
    now: datetime,
) -> list[tuple[Update, Match]]:
    """``new`` less the entry updates that repeat a recent one word for word (see
    ``REPOST_WINDOW``), whether stored by an earlier poll or earlier in this one."""
    titles = list({u.title for u, _ in new if u.kind == "entry"})
    if not titles:
        return new
    said = {(title, text) for title, text in rows_in(
        raw, "SELECT title, text FROM updates WHERE source = ? AND kind = 'entry'"
        " AND seen_at >= ? AND title IN ({marks})",
        (source_id, to_db(now - REPOST_WINDOW)), titles,
    )}
    kept: list[tuple[Update, Match]] = []
    for update, match in new:
        if update.kind == "entry":
            words = (update.title, update.text)
            if words in said:
                continue
            said.add(words)
        kept.append((update, match))
    return kept


def _write_entries(
    raw: Raw,
    source_id: str,
    states: Sequence[EntryState],
    seen_keys: Sequence[str],
    now_s: str,
) -> int:
    """Upsert entry states, mark the feed's other entries seen; return how many are new."""
    by_key = {s.key: s for s in states}
    new = 0
    if by_key:
        known = rows_in(
            raw, "SELECT count(*) FROM entries WHERE source = ? AND key IN ({marks})",
            (source_id,), list(by_key),
        )
        new = len(by_key) - sum(count for (count,) in known)
        raw.executemany(
            _UPSERT_ENTRY,
            [(source_id, s.key, s.to_blob(), s.content_hash, now_s, now_s)
             for s in by_key.values()],
        )
    # Entries still in the feed are marked seen, so prune never forgets them.
    untouched = [k for k in dict.fromkeys(seen_keys) if k not in by_key]
    if untouched:
        rows_in(
            raw, "UPDATE entries SET last_seen = ? WHERE source = ? AND key IN ({marks})",
            (now_s, source_id), untouched,
        )
    return new


def _insert_updates(
    raw: Raw,
    source_id: str,
    new: Sequence[tuple[Update, Match]],
    now_s: str,
) -> dict[str, int]:
    """Insert updates and their regions; return the new ids by update key."""
    ids: dict[str, int] = {}
    for u, m in new:
        [ids[u.key]] = raw.execute(
            _INSERT_UPDATE,
            (source_id, u.key, u.entry_key, u.kind, u.title, u.text, u.link, u.marker,
             opt_to_db(u.published), now_s, int(m.severity), _rows.match_json(m)),
        ).fetchone()
    raw.executemany(
        "INSERT INTO update_regions (update_id, region) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [(ids[u.key], region) for u, m in new for region in dict.fromkeys(m.regions)],
    )
    return ids

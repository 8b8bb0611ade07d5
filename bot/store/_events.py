"""Events (issue 14): which stored updates report the same thing, and what a channel was told.

The decision is not made here: the poll hands the commit an ``EventJoin`` (each update's
signature and the pure ``bot.events.join`` with the window), and this module only reads the
candidates and records the answer, inside the poll's transaction. Deciding inside the
transaction rather than before it is what keeps two polls committed together (``_in_group``),
or one after the other, from each starting an event for one explosion: each sees the other's
updates once they are written.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.events import Candidate, Joined, Signature, reach
from bot.model import Match, PostedAlert, Severity, StoredEvent, StoredUpdate, Update
from bot.store import _rows
from bot.store._base import StoreBase, from_db, rows_in, to_db
from bot.store._dialect import Dialect, Raw
from bot.store._signatures import Signatures


@dataclass(frozen=True, slots=True)
class EventJoin:
    """What ``commit_poll`` needs to put each new update in an event."""

    #: each update's signature, by update key (``bot.events.sign``, made right after match)
    signatures: Mapping[str, Signature]
    #: the updates of how long before an update are its candidates
    window: timedelta
    #: the decision: the new signature and its candidates → the event it joins (pure)
    decide: Callable[[Signature, list[Candidate]], Joined]


@functools.cache
def _candidates_sql(dialect: Dialect) -> str:
    """The candidates of an update: the updates of the window (twice it: a later, higher
    death toll may still join, ``bot.events.reach``) that share a region with it
    (``?1``: the regions it names, as a JSON array written by the configuration, never by a
    feed), older than it (``?3``: its id) and no older than the window's first update (``?5``:
    the primary key's range, so the walk never leaves the window), and from other sources
    (``?4``). Never its own source's: a live page's segments are one story and share the
    page's title, half their words; and a source's own entries written from one template
    (border-queue bulletins, weather warnings, "Crossing report 7: Jarinje") read as one event
    to the comparison though each is news of its own. What issue 14 fixes is many outlets
    telling one event; one outlet's follow-ups are its story.

    Walked in ``event_regions``, which holds only the updates in an event: ``update_regions``
    also holds every source's silent first poll, unsigned, and after 2,000 sources were added
    the walk spent nearly all its time skipping those (bench/cluster_bench.py)."""
    return (
        "SELECT DISTINCT u.id, u.event_id FROM event_regions er"
        " JOIN updates u ON u.id = er.update_id"
        f" WHERE er.region IN ({dialect.text_list('?1')}) AND er.update_id >= ?5"
        " AND er.update_id < ?3 AND u.seen_at >= ?2 AND u.source != ?4 ORDER BY u.id"
    )


def join_events(
    raw: Raw,
    source_id: str,
    new: Sequence[tuple[Update, Match]],
    ids: Mapping[str, int],
    plan: EventJoin,
    now_s: str,
    known: Signatures,
) -> dict[int, Joined]:
    """Put each new update, in order, in the event it joins or in one of its own; return the
    answer by update id. Inside the poll's transaction (on the connection's thread), so an
    update sees the ones written before it, this poll's included. The candidates'
    signatures are read through ``known``."""
    joined: dict[int, Joined] = {}
    signed = [plan.signatures[u.key] for u, _ in new if u.key in plan.signatures]
    if not signed:
        return joined
    since = reach(plan.window)
    first = _first_update(raw, min(s.at for s in signed) - since)
    for update, match in new:
        signature = plan.signatures.get(update.key)
        if signature is None:
            continue
        update_id = ids[update.key]
        # The regions it names, not their ancestors: all of Europe's news shares "europe", and
        # comparing with each of its reports would cost more than the poll.
        named = [hit.region for hit in match.hits]
        candidates = _candidates(raw, update_id, source_id, named, signature, since, first,
                                 known)
        answer = plan.decide(signature, candidates)
        if answer.event is None:
            event_id = _start_event(raw, update_id, signature.severity, match.regions, now_s)
        else:
            event_id = answer.event
            _grow_event(raw, event_id, signature.severity, match.regions)
        escalation = json.dumps(list(answer.adds.describe())) if answer.escalates else None
        raw.execute(
            "UPDATE updates SET event_id = ?, signature = ?, escalation = ? WHERE id = ?",
            (event_id, json.dumps(signature.to_json()), escalation, update_id),
        )
        # every region, ancestors included, as update_regions has them: a later update that
        # names "balkans" meets this one of "kosovo"
        raw.executemany(
            "INSERT INTO event_regions (update_id, region) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(update_id, region) for region in dict.fromkeys(match.regions)],
        )
        joined[update_id] = answer
    return joined


def _first_update(raw: Raw, since: datetime) -> int:
    """The id of the first update seen since then (ids grow with time): the window's start."""
    row = raw.execute(
        "SELECT min(id) FROM updates WHERE seen_at >= ?", (to_db(since),)
    ).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _candidates(
    raw: Raw,
    update_id: int,
    source_id: str,
    regions: Iterable[str],
    signature: Signature,
    since: timedelta,
    first: int,
    known: Signatures,
) -> list[Candidate]:
    """``since``: how far back (``bot.events.reach`` of the window)."""
    region_list = list(dict.fromkeys(regions))
    if not region_list:
        return []
    # A candidate's time (published, else seen) is never after it was seen, so one seen
    # before this bound is out of reach whatever it says it was published.
    rows = raw.execute(_candidates_sql(raw.dialect), (
        json.dumps(region_list), to_db(signature.at - since), update_id, source_id,
        first)).fetchall()
    unread = [uid for uid, _ in rows if known.get(uid) is None]
    for uid, text in rows_in(raw, "SELECT id, signature FROM updates WHERE id IN ({marks})",
                             (), unread):
        known.read[uid] = Signature.from_json(json.loads(text))
    return [Candidate(uid, event_id, stored) for uid, event_id in rows
            if (stored := known.get(uid)) is not None]


def _start_event(
    raw: Raw, update_id: int, severity: Severity, regions: Iterable[str],
    now_s: str,
) -> int:
    [event_id] = raw.execute(
        "INSERT INTO events (created_at, first_update, severity, regions) VALUES (?, ?, ?, ?)"
        " RETURNING id",
        (now_s, update_id, int(severity), json.dumps(list(dict.fromkeys(regions)))),
    ).fetchone()
    return int(event_id)


def _grow_event(
    raw: Raw, event_id: int, severity: Severity, regions: Iterable[str]
) -> None:
    [(known, before)] = raw.execute(
        "SELECT regions, severity FROM events WHERE id = ?", (event_id,)
    ).fetchall()
    merged = list(dict.fromkeys([*json.loads(known), *regions]))
    grown = (max(before, int(severity)), json.dumps(merged))
    if grown != (before, known):  # most reports add neither: no row to write again
        raw.execute("UPDATE events SET severity = ?, regions = ? WHERE id = ?",
                    (*grown, event_id))


#: The event's alert in each channel: its first delivery there that is a post, not an edit,
#: and not given up on (``?1``: the update's id). A pending one counts: the sender drains a
#: channel in order, so the alert is posted before the edit that names the new source.
_ALERT_OF_EVENT = (
    "(SELECT min(a.id) FROM deliveries a JOIN updates e ON e.id = a.update_id"
    " WHERE e.event_id = (SELECT event_id FROM updates WHERE id = {update})"
    " AND a.channel_id = {channel} AND a.edits IS NULL AND a.state != 'failed')"
)


class EventsMixin(StoreBase):
    async def event_candidates(
        self, update_id: int, window: timedelta
    ) -> tuple[Signature, list[Candidate]] | None:
        """A stored update's signature and its candidates as its commit saw them (those stored
        before it that are still kept), for ``explain``; None if it has no signature."""
        async with self._reading() as db:
            rows = await db.execute_fetchall(
                "SELECT source, match, signature FROM updates WHERE id = ?",
                (update_id,),
            )
            if not rows or rows[0]["signature"] is None:
                return None
            row = rows[0]
            signature = Signature.from_json(json.loads(row["signature"]))
            named = [hit.region for hit in _rows.match_from_json(row["match"]).hits]
            since = reach(window)
            candidates = await db.run(lambda raw: _candidates(
                raw, update_id, row["source"], named, signature, since,
                _first_update(raw, signature.at - since), Signatures()))
        return signature, candidates

    async def events(
        self, *, since: datetime, region: str | None = None, limit: int = 20
    ) -> list[StoredEvent]:
        """Events started since ``since`` (of a region, when given), newest first, each with
        every report still kept, oldest first."""
        where = "e.created_at >= ?"
        params: list[object] = [to_db(since)]
        if region is not None:
            where += f" AND ? IN ({self._dialect.text_list('e.regions')})"
            params.append(region)
        params.append(max(limit, 0))
        async with self._reading() as db:
            events = await db.execute_fetchall(
                f"SELECT e.id, e.created_at, e.severity, e.regions FROM events e WHERE {where}"
                " ORDER BY e.id DESC LIMIT ?", params,
            )
            reports = await db.run(lambda raw: rows_in(
                raw,
                f"SELECT {_rows.UPDATE_COLUMNS} FROM updates u"
                " JOIN sources src ON src.id = u.source"
                " WHERE u.event_id IN ({marks}) ORDER BY u.id",
                (), [e["id"] for e in events],
            ))
        by_event: dict[int, list[StoredUpdate]] = {}
        for r in reports:
            by_event.setdefault(r["event"], []).append(_rows.stored_update(r))
        return [
            StoredEvent(
                id=e["id"], created_at=from_db(e["created_at"]), severity=Severity(e["severity"]),
                regions=tuple(json.loads(e["regions"])),
                reports=tuple(by_event.get(e["id"], ())),
            )
            for e in events
        ]

    async def event_sources(self, event_ids: Sequence[int]) -> dict[int, list[str]]:
        """The source ids that reported each event, in the order they did (once each)."""
        async with self._reading() as db:
            rows = await db.run(lambda raw: rows_in(
                raw, "SELECT event_id, source FROM updates WHERE event_id IN ({marks})"
                " ORDER BY id", (), list(dict.fromkeys(event_ids)),
            ))
        found: dict[int, list[str]] = {}
        for event_id, source in rows:
            sources = found.setdefault(event_id, [])
            if source not in sources:
                sources.append(source)
        return found

    async def posted_alerts(self, edit_delivery_id: int) -> tuple[int, list[PostedAlert]] | None:
        """What an edit row sets again: the message of the alert it edits (its id), and every
        alert of that message in order, each with the sources folded into it so far.

        None when there is nothing to edit: the alert was given up on, pruned, or found posted
        after an outage without its message id being known.
        """
        async with self._reading() as db:
            target = await db.execute_fetchall(
                "SELECT a.message_id, a.channel_id FROM deliveries d"
                " JOIN deliveries a ON a.id = d.edits"
                " WHERE d.id = ? AND a.state = 'sent' AND a.message_id IS NOT NULL",
                (edit_delivery_id,),
            )
            if not target:
                return None
            message_id, channel_id = target[0]
            alerts = await db.execute_fetchall(
                f"SELECT {_rows.DELIVERY_COLUMNS} FROM deliveries d"
                " JOIN subscriptions sub ON sub.id = d.subscription_id"
                " JOIN updates u ON u.id = d.update_id"
                " JOIN sources src ON src.id = u.source"
                " WHERE d.message_id = ? AND d.channel_id = ? AND d.edits IS NULL ORDER BY d.id",
                (message_id, channel_id),
            )
            folded = await db.run(lambda raw: rows_in(
                raw,
                "SELECT d.edits, u.source, coalesce(f.name, src.name) FROM deliveries d"
                " JOIN updates u ON u.id = d.update_id JOIN sources src ON src.id = u.source"
                " LEFT JOIN follows f ON f.source = u.source AND f.guild_id = d.guild_id"
                " AND f.removed_at IS NULL"
                " WHERE d.edits IN ({marks}) ORDER BY d.id",
                (), [a["delivery_id"] for a in alerts],
            ))
        posted = [_rows.delivery(a) for a in alerts]
        names: dict[int, dict[str, str]] = {d.id: {} for d in posted}
        for alert_id, source, name in folded:
            names[alert_id].setdefault(source, name)
        return message_id, [
            PostedAlert(d, tuple(n for s, n in names[d.id].items() if s != d.update.source))
            for d in posted
        ]


def alert_of_event(update: str, channel: str) -> str:
    """SQL for the delivery an edit row of ``update`` in ``channel`` edits (see _ALERT_OF_EVENT)."""
    return _ALERT_OF_EVENT.format(update=update, channel=channel)

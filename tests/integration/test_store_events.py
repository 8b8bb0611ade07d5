"""Events in the store (issue 14): the commit joins each update to an event in its own
transaction, and owes a report that adds nothing as edits of the event's alerts.

Real SQLite in a temp file, the real matcher, ``sign`` and ``join``; reports written for these
tests.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from datetime import timedelta
from pathlib import Path

from bot.model import Match, Severity, Update
from bot.pipeline.match import Matcher
from bot.store import Store
from bot.store._base import to_db
from bot.store._migrations import load_migrations
from bot.store._postgres import POSTGRES
from bot.store._sqlite import SQLITE
from tests.integration._old_schema import add_source, add_update, old_database
from tests.integration._store_support import T0, commit, open_store, signed, source, subscribe

FLOOD = ("Flash floods sweep through Mostar, two people missing",
         "Torrential rain overnight sent the Neretva over its banks in Mostar, flooding the old "
         "town; two people are missing and dozens of homes were evacuated, officials said.")
FLOOD_REWRITE = ("Mostar: Neretva bursts its banks after night of heavy rain",
                 "The river Neretva flooded parts of Mostar's old town after torrential rain; "
                 "officials said two people were missing and homes had been evacuated.")
FLOOD_TOLL = ("Mostar floods: three dead, rescuers search for missing",
              "Three people were killed when the Neretva flooded Mostar's old town after "
              "torrential overnight rain, officials said; rescuers are still searching.")
STRIKE = ("Dock workers walk out at the port of Split",
          "Dock workers at the port of Split stopped work on Tuesday in a dispute over pay, "
          "the union said, leaving ferries to the islands waiting at the quay.")


def report(key: str, title: str, text: str, *, entry_key: str | None = None,
           minutes: float = 0, kind: str = "entry") -> Update:
    return Update(key=key, entry_key=entry_key or key, kind=kind, title=title, text=text,
                  link=f"https://news.example/{key}", marker=None,
                  published=T0 + timedelta(minutes=minutes))


def matched(matcher: Matcher, u: Update, severity: Severity | None = None) -> tuple[Update, Match]:
    m = matcher.match(u.text, u.title, title_severity=True, language="en")
    if severity is not None:
        m = Match(m.regions, m.hits, severity, m.reasons)
    return u, m


async def poll(store: Store, source_id: str, *reports: tuple[Update, Match],
               minutes: float = 0, window: timedelta = timedelta(hours=6)) -> list[int]:
    summary = await commit(store, reports, source_id=source_id,
                           now=T0 + timedelta(minutes=minutes),
                           events=signed(reports, window=window))
    return list(summary.update_ids)


def rows(path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute(sql, params).fetchall()


SOURCES = (source("wire"), source("daily"), source("radio"))


async def test_two_outlets_reporting_one_flood_share_one_event(
    database: str, matcher: Matcher
) -> None:
    async with open_store(database, *SOURCES) as store:
        [first] = await poll(store, "wire", matched(matcher, report("a", *FLOOD)))
        [second] = await poll(store, "daily", matched(matcher, report("b", *FLOOD_REWRITE,
                                                                      minutes=20)), minutes=20)
        [other] = await poll(store, "radio", matched(matcher, report("c", *STRIKE, minutes=30)),
                             minutes=30)
        one, two, three = [await store.get_update(i) for i in (first, second, other)]
        assert one is not None and two is not None and three is not None
        assert one.event == two.event != three.event
        assert await store.event_sources([one.event or 0]) == {one.event: ["wire", "daily"]}
        [flood] = [e for e in await store.events(since=T0) if e.id == one.event]
        assert [r.id for r in flood.reports] == [first, second]
        assert flood.regions == ("bosnia-and-herzegovina", "balkans", "europe")


async def test_a_report_past_the_window_starts_an_event_of_its_own(
    database: str, matcher: Matcher
) -> None:
    async with open_store(database, *SOURCES) as store:
        [first] = await poll(store, "wire", matched(matcher, report("a", *FLOOD)),
                             window=timedelta(hours=1))
        # past twice the window: a flood goes on, and its reports with a place and a name in
        # common may join up to twice the window (docs/EVENTS.md, the twenty-first round)
        [late] = await poll(store, "daily",
                            matched(matcher, report("b", *FLOOD_REWRITE, minutes=150)),
                            minutes=150, window=timedelta(hours=1))
        one, two = await store.get_update(first), await store.get_update(late)
        assert one is not None and two is not None
        assert one.event != two.event


async def test_a_sources_own_bulletins_are_never_each_others_candidates(
    database: str, matcher: Matcher
) -> None:
    """Two entries of one source alike enough to join across sources: each stays its own."""
    async with open_store(database, *SOURCES) as store:
        [first] = await poll(store, "wire", matched(matcher, report("a", *FLOOD)))
        [second] = await poll(store, "wire",
                              matched(matcher, report("b", *FLOOD_REWRITE, minutes=5)), minutes=5)
        found = await store.event_candidates(second, timedelta(hours=6))
        assert found is not None and found[1] == []
        one, two = await store.get_update(first), await store.get_update(second)
        assert one is not None and two is not None and one.event != two.event


async def test_a_live_pages_segments_are_never_each_others_candidates(
    database: str, matcher: Matcher
) -> None:
    async with open_store(database, *SOURCES) as store:
        # The same words twice, so only the rule keeps them apart.
        [first] = await poll(store, "wire", matched(matcher, report(
            "page#1", *FLOOD, entry_key="page", kind="segment")))
        [second] = await poll(store, "wire", matched(matcher, report(
            "page#2", *FLOOD, entry_key="page", kind="segment", minutes=5)), minutes=5)
        found = await store.event_candidates(second, timedelta(hours=6))
        assert found is not None and found[1] == []
        one, two = await store.get_update(first), await store.get_update(second)
        assert one is not None and two is not None and one.event != two.event


async def test_reports_committed_together_still_join(database: str, matcher: Matcher) -> None:
    """Two polls grouped into one transaction: the second sees the first's report."""
    async with open_store(database, *SOURCES) as store:
        a, b = await asyncio.gather(
            poll(store, "wire", matched(matcher, report("a", *FLOOD))),
            poll(store, "daily", matched(matcher, report("b", *FLOOD_REWRITE, minutes=2))),
        )
        one, two = await store.get_update(a[0]), await store.get_update(b[0])
        assert one is not None and two is not None and one.event == two.event


async def test_a_report_adding_nothing_is_an_edit_of_the_alert_in_each_channel(
    database: str, matcher: Matcher
) -> None:
    async with open_store(database, *SOURCES) as store:
        await subscribe(store, 10, "bosnia-and-herzegovina")
        await poll(store, "wire", matched(matcher, report("a", *FLOOD)))
        # Channel 20 subscribes after the first report: it never had the alert.
        await subscribe(store, 20, "bosnia-and-herzegovina")
        [second] = await poll(store, "daily",
                              matched(matcher, report("b", *FLOOD_REWRITE, minutes=20)),
                              minutes=20)
        owed = await store.pending_deliveries(T0 + timedelta(hours=1))
        by_channel = {(d.channel_id, d.update.id): d for d in owed}
        alert = next(d for (c, _), d in by_channel.items() if c == 10 and d.edits is None)
        assert by_channel[(10, second)].edits == alert.id
        assert by_channel[(20, second)].edits is None  # a plain alert there
        # Once the alert is posted, the edit sets its message again naming the other source.
        await store.mark_sent([alert.id], 555, T0)
        found = await store.posted_alerts(by_channel[(10, second)].id)
        assert found is not None
        message_id, alerts = found
        assert message_id == 555
        assert [(a.delivery.id, a.also) for a in alerts] == [(alert.id, ("Daily",))]


async def test_an_escalation_is_posted_and_says_what_it_adds(
    database: str, matcher: Matcher
) -> None:
    async with open_store(database, *SOURCES) as store:
        await subscribe(store, 10, "bosnia-and-herzegovina")
        await poll(store, "wire", matched(matcher, report("a", *FLOOD), Severity.HIGH))
        [toll] = await poll(store, "daily", matched(
            matcher, report("b", *FLOOD_TOLL, minutes=60), Severity.CRITICAL), minutes=60)
        stored = await store.get_update(toll)
        assert stored is not None and stored.event is not None
        assert "severity rises to critical" in stored.escalation
        owed = [d for d in await store.pending_deliveries(T0 + timedelta(hours=2))
                if d.update.id == toll]
        assert [d.edits for d in owed] == [None]
        [event] = [e for e in await store.events(since=T0) if e.id == stored.event]
        assert event.severity == Severity.CRITICAL


async def test_prune_forgets_an_event_with_its_last_report(
    tmp_path: Path, matcher: Matcher
) -> None:
    async with open_store(tmp_path, *SOURCES) as store:
        await poll(store, "wire", matched(matcher, report("a", *FLOOD)))
        await store.prune(T0 + timedelta(days=40), updates_older_than=timedelta(days=30),
                          entries_older_than=timedelta(days=180))
        assert await store.events(since=T0 - timedelta(days=1)) == []
    assert rows(tmp_path / "alerts.db", "SELECT count(*) FROM events") == [(0,)]


async def test_a_signature_is_kept_per_update(tmp_path: Path, matcher: Matcher) -> None:
    async with open_store(tmp_path, *SOURCES) as store:
        [first] = await poll(store, "wire", matched(matcher, report("a", *FLOOD)))
    [(text,)] = rows(tmp_path / "alerts.db", "SELECT signature FROM updates WHERE id = ?", first)
    assert isinstance(text, str) and json.loads(text)["language"] == "en"


async def test_updates_stored_before_events_existed_are_no_candidates(
    tmp_path: Path, matcher: Matcher
) -> None:
    path = tmp_path / "alerts.db"
    before_events = tuple(m for m in load_migrations(SQLITE) if m.version < 6)
    async with await Store.open(path, migrations=before_events):
        pass
    with old_database(path) as raw:
        add_source(raw, "wire", T0)
        add_update(raw, "wire", "old", T0)
    async with await Store.open(path) as store:
        await store.sync_sources(SOURCES, T0)
        [new] = await poll(store, "daily", matched(matcher, report("b", *FLOOD)))
        old = (await store.latest())[-1]
        assert (old.key, old.event, old.escalation) == ("old", None, ())
        found = await store.event_candidates(new, timedelta(hours=6))
        assert found is not None and found[1] == []
        assert (await store.get_update(new)) is not None


async def test_a_lower_report_is_named_on_the_alert_but_never_posted_below_the_minimum(
    database: str, matcher: Matcher
) -> None:
    async with open_store(database, *SOURCES) as store:
        await subscribe(store, 10, "bosnia-and-herzegovina", min_severity=Severity.HIGH)
        await poll(store, "wire", matched(matcher, report("a", *FLOOD), Severity.HIGH))
        # Channel 20 wants high or worse too, and subscribed after the alert went out.
        await subscribe(store, 20, "bosnia-and-herzegovina", min_severity=Severity.HIGH)
        [low] = await poll(store, "daily", matched(
            matcher, report("b", *FLOOD_REWRITE, minutes=20), Severity.MEDIUM), minutes=20)
        owed = [d for d in await store.pending_deliveries(T0 + timedelta(hours=1))
                if d.update.id == low]
        assert [(d.channel_id, d.edits is not None) for d in owed] == [(10, True)]


async def test_candidates_share_a_region_the_update_names_not_only_a_continent(
    database: str, matcher: Matcher
) -> None:
    """Mostar (Bosnia) and Split (Croatia) share only "balkans" and "europe": comparing with
    every report of a continent would cost more than the poll (bench/cluster_bench.py)."""
    async with open_store(database, *SOURCES) as store:
        [flood] = await poll(store, "wire", matched(matcher, report("a", *FLOOD)))
        [strike] = await poll(store, "daily", matched(matcher, report("b", *STRIKE, minutes=5)),
                              minutes=5)
        [rewrite] = await poll(store, "radio", matched(
            matcher, report("c", *FLOOD_REWRITE, minutes=9)), minutes=9)
        found = await store.event_candidates(strike, timedelta(hours=6))
        assert found is not None and found[1] == []
        found = await store.event_candidates(rewrite, timedelta(hours=6))
        assert found is not None and [c.update for c in found[1]] == [flood]


async def test_reports_in_events_before_migration_10_are_still_candidates(
    database: str, matcher: Matcher
) -> None:
    """Migration 10 walks candidates in a table of their own (``event_regions``): it is filled
    with the reports an older alertbot had already put in events, and only with those."""
    steps = load_migrations(POSTGRES if database.startswith("postgresql://") else SQLITE)
    async with await Store.open(database, migrations=tuple(m for m in steps if m.version < 10)):
        pass
    flood = matched(matcher, report("a", *FLOOD))
    with old_database(database) as raw:
        add_source(raw, "wire", T0)
        add_source(raw, "radio", T0)
        regions = flood[1].regions
        # a silent first poll's update: in update_regions, in no event
        add_update(raw, "radio", "silent", T0, regions=regions)
        old = add_update(raw, "wire", "a", T0, title=FLOOD[0], text=FLOOD[1], regions=regions)
        [(event,)] = raw.execute(
            "INSERT INTO events (created_at, first_update, severity, regions) VALUES (?, ?, 2, ?)"
            " RETURNING id", (to_db(T0), old, json.dumps(list(regions)))).fetchall()
        raw.execute("UPDATE updates SET event_id = ?, signature = ? WHERE id = ?",
                    (event, json.dumps(signed([flood]).signatures["a"].to_json()), old))
    async with await Store.open(database) as store:
        await store.sync_sources(SOURCES, T0)
        [new] = await poll(store, "daily", matched(matcher, report("b", *FLOOD_REWRITE,
                                                                   minutes=20)), minutes=20)
        found = await store.event_candidates(new, timedelta(hours=6))
        assert found is not None and [c.update for c in found[1]] == [old]
        joined = await store.get_update(new)
        assert joined is not None and joined.event == event

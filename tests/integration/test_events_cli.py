"""`alertbot events`, `alertbot explain --update` and the event fields of `alertbot latest
--json` (issue 14), run as a user runs them, on a database the real store filled."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.model import Source, Update
from bot.pipeline.match import Matcher
from bot.store import Store
from tests.e2e._depot_fire import ESCALATION, NAMES, REPORTS
from tests.integration._store_support import commit, signed
from tests.integration.test_cli import alertbot


async def fill(db: Path, matcher: Matcher, reports: tuple[tuple[str, str, str], ...]) -> list[int]:
    """Each report committed by its source's poll, a few minutes apart, ending now."""
    now = datetime.now(UTC) - timedelta(minutes=5 * len(reports))
    ids: list[int] = []
    async with await Store.open(db) as store:
        await store.sync_sources(
            [Source(s, f"https://{s}.example/feed", name, 300) for s, name in NAMES.items()], now)
        for n, (source_id, title, text) in enumerate(reports):
            now += timedelta(minutes=5)
            u = Update(f"r{n}", f"r{n}", "entry", title, text, None, None, now)
            m = matcher.match(text, title, title_severity=True, language="en")
            summary = await commit(store, [(u, m)], source_id=source_id, now=now,
                                   events=signed([(u, m)]))
            ids.extend(summary.update_ids)
    return ids


async def test_latest_json_gives_each_update_its_event_and_reports(
    bot_database: Path | str, matcher: Matcher
) -> None:
    db = bot_database
    await fill(db, matcher, (*REPORTS[:3], ("radio", "Landslide blocks road to Prizren",
                                            "A landslide blocked the road from Prizren to "
                                            "Pristina overnight, Kosovo police said.")))
    code, out, err = await alertbot("latest", "--json", "--db", str(db))
    assert code == 0, err
    updates = json.loads(out)
    landslide, *fire = updates
    assert {u["event"] for u in fire} == {fire[0]["event"]}
    assert all(u["reports"] == ["wire", "daily", "radio"] for u in fire)
    assert landslide["event"] != fire[0]["event"] and landslide["reports"] == ["radio"]
    # The fields outside checks read are still there, as they were.
    assert {"id", "key", "source", "link", "title", "text", "marker", "kind", "regions",
            "severity", "published", "seen_at"} <= set(landslide)


async def test_events_lists_recent_events_with_their_reports(
    bot_database: Path | str, matcher: Matcher
) -> None:
    db = bot_database
    await fill(db, matcher, (*REPORTS, ESCALATION))
    code, out, err = await alertbot("events", "--db", str(db), "--region", "kosovo")
    assert code == 0, err
    assert "— 6 report(s) from 6 source(s)" in out
    assert "[critical]" in out and "↑ severity rises to critical" in out
    code, out, _ = await alertbot("events", "--db", str(db), "--json")
    [event] = json.loads(out)
    assert [r["source"] for r in event["reports"]] == [*(s for s, _, _ in REPORTS), "bulletin"]
    code, out, _ = await alertbot("events", "--db", str(db), "--region", "sahel")
    assert code == 0 and out.strip() == "No events in that time."


async def test_explain_says_which_event_an_update_joined_and_why(
    bot_database: Path | str, matcher: Matcher
) -> None:
    db = bot_database
    first, second, escalation = await fill(db, matcher, (*REPORTS[:2], ESCALATION))
    code, out, err = await alertbot("explain", "--update", str(second), "--db", str(db))
    assert code == 0, err
    assert f"joined event #1 through update #{first}" in out
    assert "same event: evidence" in out and "shared kinds: fire" in out
    code, out, _ = await alertbot("explain", "--update", str(first), "--db", str(db))
    assert "started event #1" in out and "no earlier update" in out
    code, out, _ = await alertbot("explain", "--update", str(escalation), "--db", str(db),
                                  "--json")
    why = json.loads(out)
    assert why["joined"] and why["escalates"]
    assert "severity rises to critical" in why["adds"]
    code, _, err = await alertbot("explain", "--update", "999", "--db", str(db))
    assert code == 1 and "no update #999" in err

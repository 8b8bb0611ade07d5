"""`alertbot health` as a supervisor runs it: a real process reading a real database."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.health import Facts
from bot.store import Store
from tests.integration.test_cli import alertbot


async def bot_was_here(db: Path, *, polled_s_ago: float, connected: bool = True) -> None:
    """What a running bot leaves in bot_state (wall-clock times: `health` reads the real now)."""
    now = datetime.now(UTC)
    facts = Facts(heartbeat_at=now - timedelta(seconds=5), connected=connected,
                  gateway_since=now - timedelta(hours=1),
                  poll_cycle_at=now - timedelta(seconds=polled_s_ago),
                  last_send_at=now - timedelta(minutes=20), max_age_s=600)
    async with await Store.open(db) as store:
        await store.set_state(facts.state())


async def test_a_fresh_bot_is_healthy_exit_0(bot_database: Path | str) -> None:
    db = bot_database
    await bot_was_here(db, polled_s_ago=10)
    code, out, err = await alertbot("health", "--db", str(db))
    assert (code, err) == (0, "")
    assert out.startswith("healthy\n")
    assert "gateway:         connected" in out


async def test_a_stale_poll_cycle_is_exit_1_with_the_reason_in_json(
    bot_database: Path | str,
) -> None:
    db = bot_database
    await bot_was_here(db, polled_s_ago=900)
    code, out, _ = await alertbot("health", "--db", str(db), "--json")
    assert code == 1
    body = json.loads(out)
    assert body["healthy"] is False
    assert body["problems"] == ["no poll cycle within the max age"]
    assert body["max_age_s"] == 600
    assert body["gateway"]["connected"] is True
    assert set(body) == {"healthy", "problems", "max_age_s", "checked_at", "heartbeat_at",
                         "gateway", "last_poll_cycle_at", "last_send_at",
                         "pending_deliveries", "oldest_pending_at"}
    # A longer --max-age forgives it.
    code, _, _ = await alertbot("health", "--db", str(db), "--max-age", "1000")
    assert code == 0


async def test_env_db_and_a_missing_database_is_exit_1_in_one_line(tmp_path: Path) -> None:
    code, out, err = await alertbot("health", env={"ALERTBOT_DB": str(tmp_path / "none.db")})
    assert code == 1 and out == ""
    assert err.strip().splitlines() == [
        f"alertbot: no database at {tmp_path / 'none.db'}; is the bot running with this "
        "--db / ALERTBOT_DB?"]


async def test_a_database_the_bot_never_ran_on_is_unhealthy(bot_database: Path | str) -> None:
    db = bot_database
    async with await Store.open(db):
        pass
    code, out, _ = await alertbot("health", "--db", str(db))
    assert code == 1
    assert out.startswith("unhealthy: the bot has never run on this database")

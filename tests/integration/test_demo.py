"""`make demo` goes through the bot's own composition root (bot/app.py) and shows, line for
line, what tests/data/demo.txt holds: a change of wiring must not change what it shows."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_cli import alertbot

EXPECTED = Path(__file__).resolve().parents[1] / "data" / "demo.txt"


async def test_the_demo_shows_the_story_as_it_always_did(tmp_path: Path) -> None:
    # A database path and a token of the machine's own must not reach the demo.
    code, out, err = await alertbot("demo", "--fast", env={
        "ALERTBOT_DB": str(tmp_path / "not-the-demos.db"), "DISCORD_TOKEN": "a-token"})
    assert (code, err) == (0, "")
    assert out == EXPECTED.read_text(encoding="utf-8")
    assert not (tmp_path / "not-the-demos.db").exists()

"""Log set-up: JSON lines for shippers, and no secret ever reaches the output."""

from __future__ import annotations

import json
import logging

import pytest

from bot.logs import setup_logging

TOKEN = "MTE5.fake-token.for-the-redaction-test"


@pytest.fixture(autouse=True)
def restore_logging() -> object:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield None
    root.handlers[:], root.level = handlers, level


def test_json_lines_carry_level_logger_and_message(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("json", "INFO")
    logging.getLogger("bot.test").info("polled %d sources", 3)
    record = json.loads(capsys.readouterr().err.strip())
    assert record["level"] == "info" and record["logger"] == "bot.test"
    assert record["message"] == "polled 3 sources"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_token_is_redacted_wherever_it_appears(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    setup_logging(fmt, "DEBUG", secrets=[TOKEN])
    log = logging.getLogger("discord.http")
    log.debug("IDENTIFY with %s", TOKEN)
    try:
        raise RuntimeError(f"login failed for {TOKEN}")
    except RuntimeError:
        log.exception("boom")
    err = capsys.readouterr().err
    assert TOKEN not in err
    assert err.count("[redacted]") == 2

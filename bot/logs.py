"""Logging set-up: plain text for people, JSON lines for log shippers, secrets always redacted."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload, ensure_ascii=False)


class RedactingFilter(logging.Filter):
    """Replaces every secret in a record's final text, whoever logged it (us or a library)."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if len(s) >= 8]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if any(s in text for s in self._secrets):
            for secret in self._secrets:
                text = text.replace(secret, "[redacted]")
        record.msg, record.args = text, None
        return True


def setup_logging(fmt: str = "text", level: str = "INFO", secrets: Iterable[str] = ()) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter(secrets))
    # The bot never joins voice; discord.py's warnings about voice libraries are noise.
    handler.addFilter(lambda record: "voice will NOT be supported" not in record.getMessage())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())

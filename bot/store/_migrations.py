"""Numbered schema migrations, recorded in ``PRAGMA user_version``.

``migrations/NNNN_name.sql`` brings a database from version NNNN-1 to NNNN. Each runs in its own
transaction together with the version bump, so a failure leaves the database at the previous
version, untouched. The version is read inside that transaction: two processes opening a new
file at once cannot both apply the same migration.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources

from bot.store._base import StoreError, rollback

_NAME = re.compile(r"(\d{4})_(\w+)\.sql")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> tuple[Migration, ...]:
    """The migrations shipped with the package, checked to be numbered 1, 2, 3… without gaps."""
    found: list[Migration] = []
    for item in resources.files("bot.store").joinpath("migrations").iterdir():
        match = _NAME.fullmatch(item.name)
        if match:
            found.append(Migration(int(match[1]), match[2], item.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise StoreError(f"the store's migrations are misnumbered: {[m.version for m in found]}")
    return tuple(found)


def statements(script: str) -> Iterator[str]:
    """Split a script into statements (sqlite's own test, so triggers' inner ``;`` are kept).

    ``executescript`` would do this, but it commits first: it cannot run inside our transaction.
    """
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip() and not _only_comments(pending):
        raise StoreError(f"a migration ends with an unfinished statement: {pending.strip()[:80]}")


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in text.splitlines())


def user_version(raw: sqlite3.Connection) -> int:
    return int(raw.execute("PRAGMA user_version").fetchone()[0])


def check_not_newer(version: int, latest: int) -> None:
    if version > latest:
        raise StoreError(
            f"the database is at schema version {version}, but this alertbot knows only up to "
            f"{latest}: it was written by a newer alertbot; upgrade alertbot or use another file"
        )


def migrate(raw: sqlite3.Connection, migrations: Sequence[Migration]) -> int:
    """Apply the migrations the database has not had yet; return its version afterwards.

    Raises StoreError for a database from a newer version, or naming the migration that failed.
    Runs on the connection's thread (``Connection.run``).
    """
    latest = migrations[-1].version if migrations else 0
    while True:
        raw.execute("BEGIN IMMEDIATE")
        try:
            version = user_version(raw)
            check_not_newer(version, latest)
            if version == latest:
                raw.execute("COMMIT")
                return version
            migration = migrations[version]
            try:
                for statement in statements(migration.sql):
                    raw.execute(statement)
            except sqlite3.Error as e:
                raise StoreError(
                    f"migration {migration.version} ({migration.name}) failed: {e}"
                ) from e
            # PRAGMA takes no bound parameters; the version is an int we numbered ourselves.
            raw.execute(f"PRAGMA user_version = {migration.version:d}")
            raw.execute("COMMIT")
        except BaseException:
            rollback(raw)
            raise

"""Numbered schema migrations, one series per engine, the version kept in the database.

``migrations/NNNN_name.sql`` (SQLite) and ``migrations/postgresql/NNNN_name.sql`` bring a
database from version NNNN-1 to NNNN; both series are numbered alike, one step each, so a
version means the same schema on either engine. Adding a step is dropping in one file per
engine. Each runs in its own transaction together with the version bump, so a failure leaves
the database at the previous version, untouched. The version is read inside that transaction
(which the engine locks, see ``Dialect.version``): two processes opening a new database at once
cannot both apply the same migration. Where each engine keeps the version: ``_sqlite`` and
``_postgres``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from bot.store._base import StoreError, rollback
from bot.store._dialect import Dialect, Raw

_NAME = re.compile(r"(\d{4})_(\w+)\.sql")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations(dialect: Dialect) -> tuple[Migration, ...]:
    """The engine's migrations shipped with the package, checked to be numbered 1, 2, 3…
    without gaps."""
    folder = resources.files("bot.store").joinpath("migrations")
    if dialect.migrations:
        folder = folder.joinpath(dialect.migrations)
    found: list[Migration] = []
    for item in folder.iterdir():
        match = _NAME.fullmatch(item.name)
        if match:
            found.append(Migration(int(match[1]), match[2], item.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise StoreError(f"the store's {dialect.name} migrations are misnumbered: "
                         f"{[m.version for m in found]}")
    return tuple(found)


def check_not_newer(version: int, latest: int) -> None:
    if version > latest:
        raise StoreError(
            f"the database is at schema version {version}, but this alertbot knows only up to "
            f"{latest}: it was written by a newer alertbot; upgrade alertbot or use another "
            "database"
        )


def migrate(raw: Raw, migrations: Sequence[Migration]) -> int:
    """Apply the migrations the database has not had yet; return its version afterwards.

    Raises StoreError for a database from a newer version, or naming the migration that failed.
    Runs on the connection's thread (``Connection.run``).
    """
    dialect = raw.dialect
    latest = migrations[-1].version if migrations else 0
    while True:
        raw.execute(dialect.begin)
        try:
            version = dialect.version(raw)
            check_not_newer(version, latest)
            if version == latest:
                raw.execute("COMMIT")
                return version
            migration = migrations[version]
            try:
                dialect.run_script(raw, migration.sql)
            except dialect.errors as e:
                raise StoreError(
                    f"migration {migration.version} ({migration.name}) failed: {e}"
                ) from e
            dialect.set_version(raw, migration.version)
            raw.execute("COMMIT")
        except BaseException:
            rollback(raw)
            raise

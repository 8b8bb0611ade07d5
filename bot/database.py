"""Which database: the one setting (``ALERTBOT_DB``, ``[database] url``, ``--db``) that chooses
the engine.

* a bare path, or ``sqlite://PATH`` (``sqlite:///var/lib/alertbot.db`` is absolute,
  ``sqlite://alertbot.db`` relative): the SQLite file, the embedded default;
* ``postgresql://user@host:port/dbname`` (also ``postgres://``; any libpq URL parameter, such as
  ``?options=-csearch_path%3Dalertbot`` for a schema of its own): PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

_POSTGRES = ("postgresql", "postgres")


@dataclass(frozen=True, slots=True)
class SqliteFile:
    path: Path

    @property
    def shown(self) -> str:
        return str(self.path)


@dataclass(frozen=True, slots=True)
class PostgresUrl:
    url: str

    @property
    def shown(self) -> str:
        """The URL without its password, for messages and logs."""
        parts = urlsplit(self.url)
        if parts.password is None:
            return self.url
        host = parts.hostname or ""
        netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))


Database = SqliteFile | PostgresUrl


def parse_database(text: str) -> Database:
    """``text`` → the database it names; ValueError with a message fit to show as it is."""
    value = text.strip()
    if not value:
        raise ValueError("is empty; give a file path, sqlite:///PATH or postgresql://…")
    scheme, sep, rest = value.partition("://")
    if not sep:
        return SqliteFile(Path(value))
    scheme = scheme.lower()
    if scheme == "sqlite":
        if not rest:
            raise ValueError(f"{value!r} names no file; write sqlite:///PATH")
        return SqliteFile(Path(rest))
    if scheme in _POSTGRES:
        if not urlsplit(value).hostname and "host=" not in value:
            raise ValueError(f"{PostgresUrl(value).shown!r} names no host; write "
                             "postgresql://USER@HOST:PORT/DATABASE")
        return PostgresUrl(value)
    raise ValueError(f"{scheme}:// is not a database this bot can use; give a file path, "
                     "sqlite:///PATH or postgresql://USER@HOST:PORT/DATABASE")


def as_database(target: str | Path | Database) -> Database:
    """A path is a SQLite file; a string is parsed (``parse_database``)."""
    if isinstance(target, SqliteFile | PostgresUrl):
        return target
    if isinstance(target, Path):
        return SqliteFile(target)
    return parse_database(target)

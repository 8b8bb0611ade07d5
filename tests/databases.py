"""The two engines the store tests run on: a SQLite file in the test's folder, and a schema of
its own in the PostgreSQL that ``ALERTBOT_TEST_POSTGRES`` names (dropped after the test).

Without ``ALERTBOT_TEST_POSTGRES`` the PostgreSQL half is left out (tests/conftest.py), with one
line at the end saying how to enable it; with ``ALERTBOT_REQUIRE_POSTGRES=1`` (CI) a missing or
unreachable PostgreSQL fails the run instead, so CI can never pass on SQLite alone.

The tests that run the bot or its parts (rather than test the store) take ``bot_database``:
one engine per run, SQLite unless ``ALERTBOT_TEST_ENGINE=postgresql``. That pass runs only
them (the store tests have run on both engines already), and an unreachable server fails it.
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg

POSTGRES_ENV = "ALERTBOT_TEST_POSTGRES"
REQUIRE_ENV = "ALERTBOT_REQUIRE_POSTGRES"
ENGINE_ENV = "ALERTBOT_TEST_ENGINE"
ENGINES = ("sqlite", "postgresql")
HOW = (f"the PostgreSQL half of the store tests is skipped: set {POSTGRES_ENV}="
       "postgresql://postgres@127.0.0.1:5432/test to run it")


def postgres_from_env() -> str | None:
    """The server to test on, or None; raises RuntimeError (with the reason) when it is named
    but cannot be reached."""
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        return None
    try:
        reachable(url)
    except ConnectionError as e:
        raise RuntimeError(f"{POSTGRES_ENV}={e}") from e
    return url


def reachable(url: str) -> None:
    """Raises ConnectionError ("URL cannot be reached: the server's first line") unless a
    PostgreSQL server answers at ``url``."""
    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise ConnectionError(f"{url} cannot be reached: {first}") from e


def bot_engine() -> str:
    """The engine of the tests that run the bot: ``ALERTBOT_TEST_ENGINE``, SQLite by default."""
    engine = os.environ.get(ENGINE_ENV, "").strip().lower() or "sqlite"
    if engine not in ENGINES:
        raise ValueError(f"{ENGINE_ENV}={engine} is not an engine: give one of "
                         f"{', '.join(ENGINES)}")
    return engine


def required() -> bool:
    return os.environ.get(REQUIRE_ENV, "").strip() not in ("", "0")


def in_schema(url: str, schema: str) -> str:
    """``url`` with every connection's search_path set to ``schema`` (a libpq option)."""
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options=-csearch_path%3D{schema}"


@contextlib.contextmanager
def fresh_schema(url: str) -> Iterator[str]:
    """A new, empty schema; yields the URL that works in it, drops it (and all in it) after."""
    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield in_schema(url, schema)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@contextlib.contextmanager
def another(database: str) -> Iterator[str]:
    """Another new, empty database on the same engine as ``database`` (a ``database`` fixture
    value): a file beside it, or a schema of its own beside it."""
    if not database.startswith("postgresql://"):
        yield str(Path(database).with_name(f"{uuid.uuid4().hex[:8]}-{Path(database).name}"))
        return
    with fresh_schema(re.sub(r"[?&]options=-csearch_path%3D\w+$", "", database)) as url:
        yield url

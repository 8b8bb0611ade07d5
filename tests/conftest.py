"""Shared fixtures: the shared corpus and seed, the shipped matcher, the local feed server, the
database of each engine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.pipeline.match import Matcher, load_matcher
from tests import databases
from tests.fakes.feed_server import feed_server

__all__ = ["bot_database", "database", "feed_server", "matcher", "postgres_server",
           "shared_dir"]

#: why the PostgreSQL half was left out, and how many tests that was (for the one line)
_LEFT_OUT = pytest.StashKey[tuple[str, int]]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: about the SQLite file itself (its lock, "
                            "pragmas, moves); left out of the ALERTBOT_TEST_ENGINE=postgresql pass")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without a PostgreSQL to test on, its half is left out here, and said once at the end
    (not as a skip line per test); required (CI), it stays in and fails. The PostgreSQL pass
    of the bot's tests (``ALERTBOT_TEST_ENGINE=postgresql``) keeps only what it is for."""
    try:
        engine = databases.bot_engine()
    except ValueError as e:
        raise pytest.UsageError(str(e)) from None
    if engine == "postgresql":
        _only_the_bot_on_postgres(config, items)
        return
    if databases.required():
        return
    try:
        reason = None if databases.postgres_from_env() else databases.HOW
    except RuntimeError as e:
        reason = str(e)
    if reason is None:
        return
    postgres = [item for item in items if _on_postgres(item)]
    if postgres:
        config.hook.pytest_deselected(items=postgres)
        left = set(postgres)
        items[:] = [item for item in items if item not in left]
        config.stash[_LEFT_OUT] = (reason, len(postgres))


def _only_the_bot_on_postgres(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep the tests that take ``bot_database`` and are not about the SQLite file; the store
    tests ran on both engines in the other pass. The engine was asked for: no server fails."""
    try:
        if databases.postgres_from_env() is None:
            raise pytest.UsageError(f"{databases.ENGINE_ENV}=postgresql needs "
                                    f"{databases.POSTGRES_ENV} (e.g. "
                                    "postgresql://postgres@127.0.0.1:5432/test)")
    except RuntimeError as e:
        raise pytest.UsageError(str(e)) from None
    kept = [item for item in items if "bot_database" in getattr(item, "fixturenames", ())
            and item.get_closest_marker("sqlite_only") is None]
    chosen = set(kept)
    left = [item for item in items if item not in chosen]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


def _on_postgres(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    on = callspec is not None and callspec.params.get("database") == "postgresql"
    return on or "postgres_server" in getattr(item, "fixturenames", ())


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if _LEFT_OUT in config.stash:
        reason, count = config.stash[_LEFT_OUT]
        terminalreporter.write_line(f"{reason} ({count} tests)")

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the checkout; CI has it, a newcomer's clone may not."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"the shared corpus is not at {SHARED} (only CI and maintainers have it)")
    return SHARED


CONFIG_DIR = Path(__file__).resolve().parents[1] / "config"


@pytest.fixture(scope="session")
def matcher() -> Matcher:
    """The matcher built from the shipped config (about a second to build: once per run)."""
    return load_matcher(CONFIG_DIR)


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The PostgreSQL to test on (tests/databases.py), or the one skip line saying how."""
    try:
        url = databases.postgres_from_env()
    except RuntimeError as e:
        if databases.required():
            pytest.fail(str(e))
        pytest.skip(str(e))
    if url is None:
        if databases.required():
            pytest.fail(f"{databases.REQUIRE_ENV} is set but {databases.POSTGRES_ENV} is not")
        pytest.skip(databases.HOW)
    return url


@pytest.fixture
def bot_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path | str]:
    """The database of a test that runs the bot or its parts: a new SQLite file, or with
    ``ALERTBOT_TEST_ENGINE=postgresql`` a new PostgreSQL schema (tests/databases.py)."""
    if databases.bot_engine() == "sqlite":
        yield tmp_path / "bot.db"
        return
    with databases.fresh_schema(request.getfixturevalue("postgres_server")) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """What ``Store.open`` takes, once per engine: a new SQLite file, then a new PostgreSQL
    schema. A store test that asks for it runs on both, so the engines cannot drift."""
    if request.param == "sqlite":
        yield str(tmp_path / "alerts.db")
        return
    with databases.fresh_schema(request.getfixturevalue("postgres_server")) as url:
        yield url

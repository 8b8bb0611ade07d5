"""Shared fixtures: the shared corpus and seed, the shipped matcher, the local feed server, the
database of each engine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.pipeline.match import Matcher, load_matcher
from tests import databases
from tests.fakes.feed_server import feed_server

__all__ = ["database", "feed_server", "matcher", "postgres_server", "shared_dir"]

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


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """What ``Store.open`` takes, once per engine: a new SQLite file, then a new PostgreSQL
    schema. A store test that asks for it runs on both, so the engines cannot drift."""
    if request.param == "sqlite":
        yield str(tmp_path / "alerts.db")
        return
    with databases.fresh_schema(request.getfixturevalue("postgres_server")) as url:
        yield url

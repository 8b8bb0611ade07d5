"""Shared fixtures: the shared corpus and seed, the shipped matcher, the local feed server."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.pipeline.match import Matcher, load_matcher
from tests.fakes.feed_server import feed_server

__all__ = ["feed_server", "matcher", "shared_dir"]

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

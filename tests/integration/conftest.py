"""Integration fixtures: the real feed server (see tests/fakes/feed_server.py)."""

from tests.fakes.feed_server import feed_server

__all__ = ["feed_server"]

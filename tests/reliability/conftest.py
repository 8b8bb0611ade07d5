"""Fixtures shared by the reliability tests (hostile sources, hostile input, faults).

The fake Discord fixtures of the end-to-end suite are re-exported so that the tests here can run
the real bot against it the same way.
"""

from tests.e2e.conftest import fake_discord, fake_discord_factory, run_client

__all__ = ["fake_discord", "fake_discord_factory", "run_client"]

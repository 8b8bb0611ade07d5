"""The stored signatures (issue 14) a store has read, kept by update id for later polls."""

from __future__ import annotations

from bot.events import Signature


class Signatures:
    """The same few hundred signed updates of a region's window are every new update's
    candidates, and reading and decoding each again cost more than comparing it
    (bench/cluster_bench.py). One per store, so that no other database's row is taken for
    this one's.

    Only what committed is kept: a transaction reads the uncommitted updates of the polls
    committed with it, and if it is rolled back their ids are free to be given to others. So
    what a transaction reads waits in ``read`` until ``settle`` says how it ended. ``forget``
    empties it when rows are deleted (prune), after which SQLite may give a deleted id
    again. Used on the connection's thread only."""

    #: how many are kept: about a window's signed updates at 2,000 sources
    SIZE = 8192

    def __init__(self) -> None:
        self._kept: dict[int, Signature] = {}
        #: read by the transaction under way
        self.read: dict[int, Signature] = {}

    def get(self, update_id: int) -> Signature | None:
        found = self._kept.get(update_id)
        return found if found is not None else self.read.get(update_id)

    def settle(self, committed: bool) -> None:
        """The transaction that read ``read`` ended: keep what it read if it committed."""
        if committed:
            self._kept.update(self.read)
            while len(self._kept) > self.SIZE:
                del self._kept[next(iter(self._kept))]  # the first read goes first
        self.read = {}

    def forget(self) -> None:
        self._kept.clear()
        self.read = {}

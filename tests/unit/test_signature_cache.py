"""The stored signatures a store keeps by update id (issue 14): only what committed is kept."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.events import Signature
from bot.model import Severity
from bot.store._base import _commit_group, _Failed
from bot.store._dialect import Raw
from bot.store._signatures import Signatures
from bot.store._sqlite import connect


def _signature(hour: int) -> Signature:
    return Signature(
        at=datetime(2026, 5, 4, hour, tzinfo=UTC), language="en", severity=Severity.HIGH,
        countries=frozenset({"UA"}), places=frozenset(), place_ids=frozenset(),
        place_keys=frozenset(), actors=frozenset(), kinds=frozenset(), numbers=frozenset(),
        casualties=(), sketch=frozenset({hour}), size=1,
    )


def test_what_a_transaction_read_is_seen_at_once_and_kept_only_if_it_committed() -> None:
    known = Signatures()
    known.read[7] = _signature(1)
    assert known.get(7) == _signature(1)  # the transaction under way sees its own reads
    known.settle(False)
    assert known.get(7) is None  # rolled back: id 7 may be given to another update
    known.read[7] = _signature(2)
    known.settle(True)
    assert known.get(7) == _signature(2)
    assert known.read == {}


def test_forget_drops_everything_kept() -> None:
    known = Signatures()
    known.read[3] = _signature(1)
    known.settle(True)
    known.forget()
    assert known.get(3) is None


def test_the_first_kept_goes_first_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Signatures, "SIZE", 2)
    known = Signatures()
    for update_id in (1, 2, 3):
        known.read[update_id] = _signature(update_id)
        known.settle(True)
    assert known.get(1) is None
    assert known.get(2) == _signature(2) and known.get(3) == _signature(3)


def test_a_group_says_how_each_of_its_transactions_ended(tmp_path: Path) -> None:
    """A group that fails is rolled back (False), then each work runs alone: the one that
    fails again is rolled back (False), the other commits (True). The signatures read in the
    group's attempt are never kept."""
    raw = connect(str(tmp_path / "group.db"), uri=False)
    raw.execute("CREATE TABLE t (v INTEGER)")
    known = Signatures()
    ended: list[bool] = []

    def settle(committed: bool) -> None:
        ended.append(committed)
        known.settle(committed)

    def reads(db: Raw) -> str:
        known.read[len(ended) + 1] = _signature(len(ended) + 1)
        db.execute("INSERT INTO t VALUES (1)")
        return "ok"

    def fails(db: Raw) -> str:
        raise ValueError("refused")

    outcomes = _commit_group(raw, [reads, fails], "group.db", settle)
    assert outcomes[0] == "ok" and isinstance(outcomes[1], _Failed)
    assert ended == [False, True, False]
    assert known.get(1) is None  # read in the group's attempt, rolled back
    assert known.get(2) == _signature(2)  # read in the work's own transaction, committed
    assert raw.execute("SELECT count(*) FROM t").fetchone() == (1,)
    raw.close()

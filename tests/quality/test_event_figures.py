"""The dev split of the events set, pinned: a change to the event decision that loses precision
or recall on it fails here, not only in docs/EVENTS.md. The floors sit a little under what
``alertbot eval-events --split dev`` measures; raise them when it reaches more, never lower them
to pass. The test split is for reporting only.
"""

from __future__ import annotations

import pytest

from bot.pipeline.match import Matcher
from bot.quality import events

#: measured 0.98 / 0.95 (all pairs) and 1.00 / 0.97 (pairs within 6 h) on the dev split
FLOORS = {"precision": 0.97, "recall": 0.94, "within_recall": 0.96}


@pytest.fixture(scope="module")
def dev_pairs(matcher: Matcher) -> list[events.Pair]:
    reports = [r for r in events.load() if r.split == "dev"]
    signed = events.signatures(
        reports, lambda title, text, lang: matcher.match(text, title, language=lang)
    )
    return events.pairs(reports, signed)


def test_dev_split_holds_its_figures(dev_pairs: list[events.Pair]) -> None:
    found = events.pair_figures(dev_pairs)
    near = events.pair_figures(events.within(dev_pairs))
    assert found.precision is not None and found.precision >= FLOORS["precision"]
    assert found.recall is not None and found.recall >= FLOORS["recall"]
    assert near.recall is not None and near.recall >= FLOORS["within_recall"]


def test_the_set_has_the_pairs_the_issue_asks_for() -> None:
    reports = events.load()
    scenes: dict[str, int] = {}
    for report in reports:
        scenes[report.scene] = scenes.get(report.scene, 0) + 1
    assert sum(n * (n - 1) // 2 for n in scenes.values()) >= 300
    assert {r.split for r in reports} == {"dev", "test"}
    languages = {r.language for r in reports}
    assert {"en", "fr", "es", "de", "ru"} <= languages

"""The dev split's figures, pinned: a change that loses recall, precision, traps or severity
fails here, not only in docs/MATCHING.md. The floors sit a little under what the matcher reaches
(`alertbot eval --split dev`); raise them when it reaches more, never lower them to pass.

Only the dev split is pinned: the test split is for reporting and nobody tunes on it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.pipeline.match import Matcher
from bot.quality import dataset, evaluate

#: figure → the least the dev split must reach (measured: see docs/MATCHING.md, Figures)
FLOORS = {
    "recall": 0.97,
    # the w35- to w39- rows (session 15) took these to 0.967 and 0.897 until that session's
    # work, the w42- to w45- rows (session 16) to 0.966 and 0.89; traps were 0.96 before the
    # w11 and w12 rows, whose traps are the hardest yet
    "precision": 0.97,
    "traps": 0.93,
    "accuracy": 0.91,
    "critical_f1": 0.95,
}
#: the same for the English rows alone, where the goals of issue 11 are nearest
ENGLISH_FLOORS = {"recall": 0.97, "precision": 0.97, "critical_f1": 0.95}


@pytest.fixture(scope="module")
def dev(shared_dir: Path, matcher: Matcher) -> list[evaluate.Outcome]:
    rows, skipped = dataset.load(dataset.dataset_files(dataset.DEFAULT_SET),
                                 shared_dir / "corpus")
    assert skipped == [], skipped[:3]
    return evaluate.judge([r for r in rows if r.split == "dev"], matcher.judge)


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_the_dev_split_keeps_its_figures(dev: list[evaluate.Outcome], figure: str) -> None:
    reached = getattr(evaluate.figures(dev), figure)
    assert reached is not None and reached >= FLOORS[figure], (
        f"{figure} on the dev split fell to {reached} (floor {FLOORS[figure]}); "
        "`alertbot eval --split dev --misses` lists what changed"
    )


@pytest.mark.parametrize("figure", sorted(ENGLISH_FLOORS))
def test_english_keeps_its_figures(dev: list[evaluate.Outcome], figure: str) -> None:
    reached = getattr(evaluate.by_language(dev)["en"], figure)
    assert reached is not None and reached >= ENGLISH_FLOORS[figure], (figure, reached)

"""Where bot/store sits: below the pipeline that uses it, and one flat set of domain mixins."""

from __future__ import annotations

import ast
from pathlib import Path

from bot.store import Store
from bot.store._base import StoreBase

STORE = Path(__file__).resolve().parents[2] / "bot" / "store"


def imported(module: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_store_imports_nothing_from_the_pipeline_nor_a_private_driver() -> None:
    """The pipeline calls the store; a store that imports the pipeline (its backoff, say) makes
    the two one knot. aiosqlite was reached through its private API: the store owns its thread."""
    for module in sorted(STORE.glob("*.py")):
        for name in imported(module):
            assert not name.startswith("bot.pipeline"), f"{module.name} imports {name}"
            assert name != "aiosqlite", f"{module.name} imports aiosqlite"


def test_each_domain_mixin_stands_on_the_base_alone() -> None:
    """A mixin built on another hides which domain a method belongs to; Store lists them all."""
    mixins = [c for c in Store.__bases__ if c is not StoreBase]
    assert len(mixins) >= 5
    for mixin in mixins:
        assert mixin.__bases__ == (StoreBase,), f"{mixin.__name__} is built on {mixin.__bases__}"

"""One composition root: only bot/app.py builds the poll loop's and the sender's parts and opens
the store, so a setting wired there reaches the bot, `poll --once`, `inspect`, `latest`,
`health` and the demo alike (issue 16)."""

from __future__ import annotations

import ast
from pathlib import Path

import bot

PACKAGE = Path(bot.__file__).parent
ROOT = PACKAGE / "app.py"
#: what app.py alone may call: the parts themselves, and the session and scheduler they run on
BUILT_BY_THE_ROOT = {
    "Poller", "Fetcher", "Sender", "make_session", "PollScheduler", "Store.open",
}


def calls_to_parts(path: Path) -> list[str]:
    """``name:line`` of every call of a BUILT_BY_THE_ROOT name in ``path``, however imported
    (``Poller(...)``, ``poll.Poller(...)``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else (
            func.attr if isinstance(func, ast.Attribute) else None)
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            dotted = f"{func.value.id}.{func.attr}"
            name = dotted if dotted in BUILT_BY_THE_ROOT else name
        if name in BUILT_BY_THE_ROOT:
            found.append(f"{name}:{node.lineno}")
    return found


def test_only_the_composition_root_builds_fetchers_pollers_and_senders() -> None:
    elsewhere = {
        str(path.relative_to(PACKAGE)): calls
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != ROOT and (calls := calls_to_parts(path))
    }
    assert elsewhere == {}


def test_the_check_sees_the_root_itself() -> None:
    # Guards the test above against passing because it finds nothing anywhere.
    assert {call.split(":")[0] for call in calls_to_parts(ROOT)} == BUILT_BY_THE_ROOT

"""Finding a region or a source from what a person typed: by id or name, and, when nothing has
that id or name, the close ones to suggest instead.

Shared by the slash commands (bot/commands/_common.py) and the command line, which must not
import discord, so that both accept and refuse the same words and suggest the same ones.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence


def find_by_id_or_name(items: Iterable[tuple[str, str]], text: str) -> str | None:
    """The id whose id or name equals `text` (case-insensitive), preferring an exact id."""
    wanted = text.strip()
    folded = wanted.casefold()
    by_name = None
    for item_id, name in items:
        if item_id == wanted:
            return item_id
        if by_name is None and folded in (item_id.casefold(), name.casefold()):
            by_name = item_id
    return by_name


def close_matches(items: Iterable[tuple[str, str]], text: str, limit: int = 3) -> list[str]:
    """The ids whose id or name is spelled close to `text`, closest first, each once:
    "kosvo" → ["kosovo"].

    The cutoff is difflib's ratio 0.75, above its default 0.6, which offers "baltics" and
    "balkans" for "atlantis"; 0.75 still allows one wrong letter in four ("cuab" → "cuba").
    """
    ids_by_word: dict[str, list[str]] = {}
    for item_id, name in items:
        for word in {item_id.casefold(), name.casefold()}:
            ids_by_word.setdefault(word, []).append(item_id)
    # More words than ids are asked for: an id's id and name can both come back.
    typed = text.strip().casefold()
    words = difflib.get_close_matches(typed, ids_by_word, n=2 * limit, cutoff=0.75)
    found = dict.fromkeys(i for word in words for i in ids_by_word[word])
    return list(found)[:limit]


def one_of(words: Sequence[str]) -> str:
    """``["a", "b", "c"]`` → ``"a, b or c"``, for "did you mean …?"."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]

"""Text folding for matching: one character in, one character out.

Matching runs on a *folded* copy of the text: lower case, diacritics removed (``Zvečan`` →
``zvecan``, also the letters NFKD leaves alone such as ``đ``, ``ł``, ``ø``), and every character
that is not a letter or digit turned into a space. Folding never changes the length, so an
offset found in the folded copy is the same offset in the text as written; the cheap checks that
follow a hit (case, possessive, the word before) read the original at that offset.

``prepare`` and ``fold`` run on every update, so they are compiled (``bot.matching.fold``);
this module adds what the rules and the gazetteer need at build time.
"""

from __future__ import annotations

import re

from bot.matching.fold import fold, prepare

__all__ = ["SLUG", "fold", "fold_term", "prepare", "slugify"]


def fold_term(term: str) -> str:
    """A term as the automaton stores it: folded, words joined by single spaces."""
    return " ".join(fold(prepare(term)).split())


def slugify(name: str) -> str:
    """``"North Macedonia"`` → ``"north-macedonia"``: the id form of a name."""
    return "-".join(fold_term(name).split())


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

"""The language of a text whose source declared none, by py3langid (its model ships inside the
package: nothing is fetched at run time).

Only the languages the matcher reads, and their close neighbours, are candidates: a short
headline is otherwise easily taken for a language nobody here writes.

The model costs 140–470 µs a text, so a text that is plainly English is not given to it: no
letter outside ASCII, and at least three words, and a tenth of all, that English uses all the
time and the other languages read here do not ("by" is also Slovak, "in" German, "to" Slovak,
"on" French, so they are not among them). Of 5,525 texts (the labelled set, every entry of the
shared corpus, bench paragraphs) the model called every such text English; they were 78 % of
the English ones.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from bot.matching.lexicon import LANGUAGES

# Neighbours that a detector confuses with the supported ones; each is read like its neighbour
# where it matters (case endings for Croatian and Bosnian as for Serbian).
_CANDIDATES = (*LANGUAGES, "bs", "sl", "nl", "ca", "ro", "tr")
_ENGLISH = frozenset((
    "the", "and", "of", "with", "was", "were", "that", "has", "have", "for", "from", "said",
    "is", "are", "its", "this", "will", "been", "who", "which", "after", "their", "they",
    "would",
))
_WORD = re.compile(r"[a-z]+")
_NOT_ASCII_LETTER = re.compile(r"(?![\x00-\x7f])[^\W\d_]")


@functools.cache
def _identifier() -> Any:
    # Loaded on first use (about 0.7 s): most updates come from a source with a language.
    import py3langid.langid as langid

    langid.set_languages(list(_CANDIDATES))
    return langid


def detect(text: str) -> str:
    """ISO 639-1 code of ``text``'s language; "en" for a text too short to tell."""
    if len(text.split()) < 2 or _plainly_english(text):
        return "en"
    code, _ = _identifier().classify(text)
    return str(code)


def _plainly_english(text: str) -> bool:
    if not text.isascii() and _NOT_ASCII_LETTER.search(text):
        return False
    words = _WORD.findall(text.lower())
    common = sum(map(_ENGLISH.__contains__, words))
    return common >= 3 and common >= 0.1 * len(words)

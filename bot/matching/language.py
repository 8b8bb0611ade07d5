"""The language of a text whose source declared none, by py3langid (its model ships inside the
package: nothing is fetched at run time).

Only the languages the matcher reads, and their close neighbours, are candidates: a short
headline is otherwise easily taken for a language nobody here writes.
"""

from __future__ import annotations

import functools
from typing import Any

from bot.matching.lexicon import LANGUAGES

# Neighbours that a detector confuses with the supported ones; each is read like its neighbour
# where it matters (case endings for Croatian and Bosnian as for Serbian).
_CANDIDATES = (*LANGUAGES, "bs", "sl", "nl", "ca", "ro", "tr")


@functools.cache
def _identifier() -> Any:
    # Loaded on first use (about 0.7 s): most updates come from a source with a language.
    import py3langid.langid as langid

    langid.set_languages(list(_CANDIDATES))
    return langid


def detect(text: str) -> str:
    """ISO 639-1 code of ``text``'s language; "en" for a text too short to tell."""
    if len(text.split()) < 2:
        return "en"
    code, _ = _identifier().classify(text)
    return str(code)

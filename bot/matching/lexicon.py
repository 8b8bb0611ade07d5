"""How common a word is in each language the matcher reads (wordfreq's small word lists).

A place name that is also a frequent word ("Nice", "Split", "Police", "Como" in Spanish) needs
evidence to count; a name no language uses as a word ("Kherson") does not. wordfreq counts the
place's own mentions too, which is why ``bot.matching.places`` weighs a name's frequency against
the size of the place it names rather than using it alone.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import wordfreq

from bot.matching.text import fold_term

#: the languages place names, prepositions and severity words are read in
LANGUAGES = (
    "en", "es", "fr", "de", "pt", "it", "ru", "uk", "sr", "sq", "ar", "sk", "cs", "pl", "hr",
)
# wordfreq's name for a language where it is not ISO 639-1's (Serbian is in "sh", Latin script)
_WORDFREQ = {"sr": "sh"}
#: below this Zipf frequency a word is rare enough to be no evidence of anything
_FLOOR = 1.5


def word_frequencies(keys: Iterable[str]) -> dict[str, dict[str, float]]:
    """Folded key → {language: Zipf frequency} for the keys some language uses as a word."""
    wanted = set(keys)
    out: dict[str, dict[str, float]] = {}
    available = wordfreq.available_languages("small")
    for language in LANGUAGES:
        code = _WORDFREQ.get(language, language)
        if code not in available:
            continue  # Albanian: no list; its names are judged on case and context alone
        for word, frequency in _frequencies(available[code]).items():
            zipf = math.log10(frequency) + 9
            if zipf < _FLOOR:
                continue
            key = word if word.isascii() else fold_term(word)
            if key in wanted:
                slot = out.setdefault(key, {})
                slot[language] = max(slot.get(language, 0.0), zipf)
    return out


def _frequencies(path: str) -> dict[str, float]:
    """One word list as ``wordfreq.get_frequency_dict`` reads it, but read afresh: wordfreq
    keeps every list it read for good, 60 MB for these fifteen, which the matcher needs only
    while it is built."""
    out: dict[str, float] = {}
    for index, bucket in enumerate(wordfreq.read_cBpack(path)):
        frequency = wordfreq.cB_to_freq(-index)
        for word in bucket:
            out[word] = frequency
    return out

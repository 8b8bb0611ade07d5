"""Word shingles of an update and a bottom-k MinHash sketch of them.

Two outlets rarely share a sentence, but they share the content words of a story ("explosion",
"vegetable market", "western Kabul") in their own order. The shingles are therefore the content
words and the pairs of neighbouring content words, after folding (``bot.matching.text.fold``),
dropping the language's most common words, and cutting each word to its first
``STEM_LENGTH`` letters. Cutting is the lemmatiser here: "killed", "killing" and "kills"
become "kill…" only partly, but "Харкова", "Харків" and "Харкові" all become "харк", and it
costs nothing in memory (simplemma's dictionaries would cost more than the whole gazetteer, the
reason the matcher does without one: docs/MATCHING.md).

The sketch keeps the ``SKETCH_SIZE`` smallest 32-bit hashes of the shingles (a bottom-k MinHash,
Broder 1997 / Cohen & Kaplan 2007). An update of up to that many distinct shingles, which is
nearly every headline and lead, keeps all of them and is compared exactly; a longer one keeps a
uniform sample, from which the resemblance of two texts is estimated. The hash is CRC-32: stable
across processes (Python's ``hash`` is salted per run, and the store keeps sketches), and with
the sketch holding whole sets it only has to spread shingles, not resist an adversary.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from functools import cache
from itertools import pairwise

import wordfreq

#: letters a word is cut to: long enough to keep "kharkiv" from "kherson", short enough that
#: most inflections of a word meet
STEM_LENGTH = 5
#: the smallest hashes kept per update (a headline and lead has 20 to 80 shingles)
SKETCH_SIZE = 96
#: how many of a language's most common words are no content (wordfreq's ranking)
_STOPWORDS = 150
_WORD = re.compile(r"[^\W\d_]+")
#: Serbian Cyrillic as Serbian Latin writes it, folded (``fold`` takes "č", "ć" and "đ" to
#: "c", "c" and "d"): what ``sign`` reads a Serbian text's words and names in, whichever
#: script the outlet uses
SERBIAN_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ђ": "d", "е": "e", "ж": "z", "з": "z",
    "и": "i", "ј": "j", "к": "k", "л": "l", "љ": "lj", "м": "m", "н": "n", "њ": "nj",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ћ": "c", "у": "u", "ф": "f", "х": "h",
    "ц": "c", "ч": "c", "џ": "dz", "ш": "s",
})


def content_words(folded: str, language: str | None) -> list[str]:
    """The folded text's words that carry content, cut to ``STEM_LENGTH`` letters."""
    common = stopwords(language or "en")
    return [
        word[:STEM_LENGTH] for word in _WORD.findall(folded)
        if len(word) > 1 and word not in common
    ]


def shingles(words: Sequence[str]) -> set[str]:
    """Every word and every pair of neighbouring words."""
    out = set(words)
    out.update(f"{a} {b}" for a, b in pairwise(words))
    return out


def sketch(shingle_set: set[str]) -> frozenset[int]:
    """The ``SKETCH_SIZE`` smallest CRC-32 hashes of the shingles."""
    hashes = {zlib.crc32(s.encode()) for s in shingle_set}
    if len(hashes) <= SKETCH_SIZE:
        return frozenset(hashes)
    return frozenset(sorted(hashes)[:SKETCH_SIZE])


def overlap(a: frozenset[int], size_a: int, b: frozenset[int], size_b: int) -> float:
    """How much of the smaller text the other one shares (0 to 1), from two sketches.

    The share of the union's smallest hashes that both sketches hold estimates the Jaccard
    resemblance J; from it and the two set sizes the shared count is J·(|A|+|B|)/(1+J). That
    is divided by the smaller size (the overlap coefficient) because a headline is compared with
    a whole lead: all of a flash's words may be in the wire story that follows it, and Jaccard
    would still call the two far apart.
    """
    if not a or not b:
        return 0.0
    both = a & b
    if size_a <= SKETCH_SIZE and size_b <= SKETCH_SIZE:
        # both sketches hold their whole sets: the count is exact (but for CRC collisions)
        shared = float(len(both))
    else:
        union = sorted(a | b)[:SKETCH_SIZE]
        resemblance = len(both.intersection(union)) / len(union)
        shared = resemblance * (size_a + size_b) / (1 + resemblance)
    return min(1.0, shared / min(size_a, size_b))


@cache
def stopwords(language: str) -> frozenset[str]:
    """The language's most common words, folded (English's when wordfreq lacks the language)."""
    from bot.matching.lexicon import wordfreq_code
    from bot.matching.text import fold_term

    code = wordfreq_code(language) or "en"
    return frozenset(fold_term(w) for w in wordfreq.top_n_list(code, _STOPWORDS, wordlist="small"))

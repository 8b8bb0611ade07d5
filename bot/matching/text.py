"""Text folding for matching: one character in, one character out.

Matching runs on a *folded* copy of the text: lower case, diacritics removed (``Zvečan`` →
``zvecan``, also the letters NFKD leaves alone such as ``đ``, ``ł``, ``ø``), and every character
that is not a letter or digit turned into a space. Folding never changes the length, so an
offset found in the folded copy is the same offset in the text as written; the cheap checks that
follow a hit (case, possessive, the word before) read the original at that offset.

The fast path is bytes-level: all ASCII text goes through one ``bytes.translate``. Non-ASCII text
first has each distinct non-ASCII character replaced by its one-character fold (a handful of
``str.replace`` calls), then takes the same path; anything left unfolded becomes a space.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters that NFKD does not decompose into base + accent, and letters that decompose into two
# (ß → ss, æ): folded to one letter so that lengths stay equal. Both sides (terms and text) use
# the same table, so "Straße" still meets "Strasse" only if written alike: a rare loss.
_SPECIAL = {
    "đ": "d", "ð": "d", "ł": "l", "ø": "o", "ħ": "h", "ı": "i", "ŀ": "l", "ß": "s",
    "æ": "a", "œ": "o", "þ": "t", "ŋ": "n", "ŧ": "t", "ĸ": "k",
}  # fmt: skip

_ASCII_TABLE = bytes(
    (c + 32 if 65 <= c <= 90 else c) if chr(c).isalnum() else 32 for c in range(256)
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_SENTENCE_END = frozenset(".!?\n")


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """The ASCII letter or digit a non-ASCII character folds to, or "?" (later a space)."""
    low = ch.lower()
    if low in _SPECIAL:
        return _SPECIAL[low]
    base = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
    base = _SPECIAL.get(base[:1], base[:1]) if base else ""
    return base if base.isascii() and base.isalnum() else "?"


def prepare(text: str) -> str:
    """The text to report terms from: NFC, so that a letter and its accent are one character."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case, accent-free, letters and digits only; ``len(fold(t)) == len(t)``.

    ``text`` should come from :func:`prepare`; a decomposed accent would otherwise become a
    space inside its word.
    """
    if text.isascii():
        data = text.encode("ascii")
    else:
        for ch in set(_NON_ASCII.findall(text)):
            folded = _fold_char(ch)
            if folded != "?":
                text = text.replace(ch, folded)
        data = text.encode("ascii", "replace")
    return data.translate(_ASCII_TABLE).decode("ascii")


def fold_term(term: str) -> str:
    """A term as the automaton stores it: folded, words joined by single spaces."""
    return " ".join(fold(prepare(term)).split())


def slugify(name: str) -> str:
    """``"North Macedonia"`` → ``"north-macedonia"``: the id form of a name."""
    return "-".join(fold_term(name).split())


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def is_title_case(title: str) -> bool:
    """Whether a headline capitalises its words, so capitals there say nothing about names.

    Short function words ("of", "in", "and") are often left lower case in Title Case; they are
    skipped. Three capitalised words out of four is enough.
    """
    words = [w for w in title.split() if w[:1].isalpha() and len(w) > 3]
    if len(words) < 2:
        return False
    return sum(1 for w in words if w[0].isupper()) * 4 >= len(words) * 3


def sentence_initial(text: str, start: int, floor: int = 0) -> bool:
    """Whether the word at ``start`` opens a sentence (so its capital letter proves nothing)."""
    i = start - 1
    while i >= floor and (text[i].isspace() or text[i] in "\"'“‘([«—-"):
        if text[i] == "\n":
            return True
        i -= 1
    return i < floor or text[i] in _SENTENCE_END or text[i] == ":"

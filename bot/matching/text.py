"""Text folding for matching: one character in, one character out, in any script.

Matching runs on a *folded* copy of the text: lower case, Latin and Greek accents removed
(``Zvečan`` → ``zvecan``, also the letters NFKD leaves alone such as ``đ``, ``ł``, ``ø``),
Cyrillic kept as Cyrillic (``ё`` → ``е``, ``й`` → ``и``, ``ї`` → ``і``), Arabic letters that are
written several ways made one (``أ``/``إ``/``آ`` → ``ا``, ``ة`` → ``ه``, ``ى`` → ``ي``), and every
character that is not a letter or digit turned into a space. Folding never changes the length,
so an offset in the folded copy is the same offset in the prepared text; the checks that follow
a hit (case, possessive, the word before) read the prepared text at that offset.

``prepare`` is what may change the length, once, before folding: Unicode NFC (a letter and its
accent become one character), and the marks that are not letters dropped (Arabic vowel signs and
tatweel, soft hyphens, zero-width characters), since they would otherwise split a word in two;
but Amman's shadda, the one mark that tells it from Oman, is written out as the letter it doubles.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["SLUG", "Text", "fold", "fold_term", "prepare", "slugify"]

# Letters NFKD does not decompose into base + accent, or decomposes into two (ß → ss): folded
# to one letter so lengths stay equal. Terms and text fold alike, so both sides meet.
_SPECIAL = {
    "đ": "d", "ð": "d", "ł": "l", "ø": "o", "ħ": "h", "ı": "i", "ŀ": "l", "ß": "s",
    "æ": "a", "œ": "o", "þ": "t", "ŋ": "n", "ŧ": "t", "ĸ": "k",
    # Cyrillic: ё and й are written with or without their marks (NFKD handles й, ё, ї)
    # Arabic: the hamza-carrying and variant forms people type interchangeably
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ی": "ي",
}
# Dropped by ``prepare``: marks inside words that are not letters.
_DROPPED = re.compile("[\u064b-\u065f\u0670\u0640\u00ad\u200b-\u200d\u2060\ufeff]")
# Amman and Oman are one word in Arabic but for Amman's shadda (عمّان, the doubled م): where the
# text writes it, it is kept as the doubled letter, which regions.toml spells the same way.
_AMMAN = re.compile("ع[\u064b-\u0650]?م[\u064b-\u0650]?\u0651[\u064b-\u0650]?ا")
_ASCII = bytes(
    c | 32 if 65 <= c <= 90 or 97 <= c <= 122 else c if 48 <= c <= 57 else 32 for c in range(256)
)


class _FoldTable(dict[int, str]):
    """``str.translate`` table that folds each new character once, then remembers it."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


def _fold_char(ch: str) -> str:
    # Folded again until it stays: a few compatibility letters fold to a letter that folds
    # further ("ꟸ" → "ħ" → "h"), and text and terms must meet whichever was written.
    for _ in range(3):
        folded = _fold_once(ch)
        if folded == ch:
            break
        ch = folded
    return ch


def _fold_once(ch: str) -> str:
    if ch.isascii():
        return chr(_ASCII[ord(ch)])
    if ch.isdigit():  # Arabic-Indic and other digits read as ASCII ones
        value = unicodedata.digit(ch, None)
        return str(value) if value is not None else " "
    low = ch.lower()
    if len(low) != 1:  # "İ" lowers to two characters
        low = ch
    if low in _SPECIAL:
        return _SPECIAL[low]
    base = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
    base = _SPECIAL.get(base[:1], base[:1]) if base else ""
    if len(base) == 1 and base.isalnum():
        return base.lower() if len(base.lower()) == 1 else base
    return low if low.isalpha() else " "


_TABLE = _FoldTable()


def prepare(text: str) -> str:
    """The text to match and report terms from (see the module's docstring)."""
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    if text.isascii():
        return text
    return _DROPPED.sub("", _AMMAN.sub("عمما", unicodedata.normalize("NFC", text)))


def fold(text: str) -> str:
    """Lower-case, accent-free, letters and digits only; ``len(fold(t)) == len(t)``.

    ``text`` should come from :func:`prepare`.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    if text.isascii():
        return text.encode("ascii").translate(_ASCII).decode("ascii")
    return text.translate(_TABLE)


def fold_term(term: str) -> str:
    """A term as the automaton stores it: folded, words joined by single spaces."""
    return " ".join(fold(prepare(term)).split())


def slugify(name: str) -> str:
    """``"North Macedonia"`` → ``"north-macedonia"``: the id form of a name."""
    return "-".join(fold_term(name).split())


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Text:
    """An update ready to scan: the title and text joined, prepared and folded once.

    Both strings start and end with a space, so a key padded with spaces (``" kosovo "``) only
    ever matches a whole word. ``body`` is the offset where the text after the title starts.
    """

    #: " " + title + "\n" + text + " ", prepared: offsets index it
    original: str
    #: ``original`` folded: the same length
    folded: str
    body: int
    #: ISO 639-1 code of the text's language when known ("en", "sr"), else None
    language: str | None = None

    @classmethod
    def of(cls, text: str, title: str = "", language: str | None = None) -> Text:
        head = f" {prepare(title)}\n" if title else " "
        original = f"{head}{prepare(text)} "
        return cls(original, fold(original), len(head), language)

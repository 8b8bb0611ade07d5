# cython: language_level=3, boundscheck=False, wraparound=False
"""Folding for matching: one character in, one character out (``bot.matching.text``).

Compiled with Cython because every update is folded once (docs/MATCHING.md, Speed): ASCII
text folds in one loop straight into the new string; any other character through
:func:`_fold_char`, remembered for the rest of the text.
"""

import functools
import unicodedata

from cpython.unicode cimport PyUnicode_1BYTE_DATA, PyUnicode_DATA, PyUnicode_KIND, PyUnicode_New
from cpython.unicode cimport PyUnicode_READ

# Letters that NFKD does not decompose into base + accent, and letters that decompose into two
# (ß → ss, æ): folded to one letter so that lengths stay equal. Both sides (terms and text) use
# the same table, so "Straße" still meets "Strasse" only if written alike: a rare loss.
_SPECIAL = {
    "đ": "d", "ð": "d", "ł": "l", "ø": "o", "ħ": "h", "ı": "i", "ŀ": "l", "ß": "s",
    "æ": "a", "œ": "o", "þ": "t", "ŋ": "n", "ŧ": "t", "ĸ": "k",
}

cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object text)

cdef enum:
    # Non-ASCII characters one fold remembers (direct-mapped by their low bits).
    REMEMBERED = 64


@functools.lru_cache(maxsize=4096)
def _fold_char(ch):
    """The ASCII letter or digit a non-ASCII character folds to, or "?" (later a space)."""
    low = ch.lower()
    if low in _SPECIAL:
        return _SPECIAL[low]
    base = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
    base = _SPECIAL.get(base[:1], base[:1]) if base else ""
    return base if base.isascii() and base.isalnum() else "?"


cpdef object prepare(object text):
    """The text to report terms from: NFC, so that a letter and its accent are one character."""
    _check(text)
    return text if PyUnicode_IS_ASCII(text) else unicodedata.normalize("NFC", text)


cpdef str fold(object text):
    """Lower-case, accent-free, letters and digits only; ``len(fold(t)) == len(t)``.

    ``text`` should come from :func:`prepare`; a decomposed accent would otherwise become a
    space inside its word.
    """
    _check(text)
    cdef Py_ssize_t length = len(text)
    cdef str out = PyUnicode_New(length, 127)
    if PyUnicode_IS_ASCII(text):
        _fold_ascii(<const unsigned char*>PyUnicode_DATA(text), PyUnicode_1BYTE_DATA(out), length)
    else:
        _fold_any(text, PyUnicode_1BYTE_DATA(out), length)
    return out


cdef inline unsigned char _ascii(unsigned char ch) noexcept nogil:
    # A letter lower-cased, a digit as it is, anything else a space. ``ch | 32`` is a lower-case
    # letter exactly for the letters of either case; written without a table so that the
    # compiler can fold many characters at once.
    cdef unsigned char low = ch | 32
    if b"a" <= low <= b"z":
        return low
    return ch if b"0" <= ch <= b"9" else 32


cdef void _fold_ascii(
    const unsigned char* text, unsigned char* folded, Py_ssize_t length
) noexcept nogil:
    cdef Py_ssize_t i
    for i in range(length):
        folded[i] = _ascii(text[i])


cdef int _fold_any(object text, unsigned char* folded, Py_ssize_t length) except -1:
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef Py_ssize_t i
    cdef Py_UCS4 ch
    cdef Py_UCS4 seen[REMEMBERED]
    cdef unsigned char seen_as[REMEMBERED]
    cdef int slot
    for slot in range(REMEMBERED):
        seen[slot] = 0  # never a key: U+0000 is ASCII
    for i in range(length):
        ch = PyUnicode_READ(kind, data, i)
        if ch < 128:
            folded[i] = _ascii(<unsigned char>ch)
            continue
        slot = <unsigned int>ch % REMEMBERED
        if seen[slot] != ch:
            base = _fold_char(chr(ch))
            seen[slot] = ch
            seen_as[slot] = 32 if base == "?" else _ascii(ord(base))
        folded[i] = seen_as[slot]
    return 0


cdef inline int _check(object text) except -1:
    # str subclasses are welcome (lxml hands out some); anything else is a caller's mistake
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    return 0

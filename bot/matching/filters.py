"""Subscription filters: the few words a user types to narrow a region's alerts.

Syntax, terms separated by spaces (every positive term must match, no excluded term may):

* ``word``: the word appears, whole (``war`` does not match "warning"), ignoring case and accents;
* ``"a phrase"``: these words appear together, in this order;
* ``-word`` / ``-"a phrase"``: excluded;
* ``re:PATTERN`` or ``re:"PATTERN WITH SPACES"``: a regular expression, run by RE2 so that a
  user's pattern can never backtrack catastrophically (RE2 is linear in the text). Case is
  ignored; accents are removed from the text and the pattern before matching.

An empty filter matches everything. A filter is compiled once (``compile_filter``) and checked
against many updates; ``fold`` prepares an update's text once for all filters of a commit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import re2

MAX_FILTER_CHARS = 300
MAX_PATTERN_CHARS = 200
MAX_TERMS = 20
MAX_PATTERNS = 5
#: RE2's memory budget per pattern; a pattern whose program does not fit is refused as too
#: complex instead of taking 8 MiB (RE2's default) per subscription.
_PATTERN_MEMORY = 1 << 20

_WORD = re.compile(r"\w+")


class FilterError(ValueError):
    """A filter that cannot be used; ``reason`` says why in words a Discord user understands."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A text prepared for matching: accents removed, and its words lower-cased and spaced."""

    #: the text without accents, punctuation kept: what patterns see
    plain: str
    #: " word word … " (case-folded): whole-word and phrase tests are substring tests on it
    words: str


def _strip_accents(text: str) -> str:
    # Lone surrogates (possible in any Python str) cannot reach RE2, which wants UTF-8.
    text = text.encode("utf-8", "replace").decode("utf-8")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _spaced_words(plain: str) -> str:
    return " " + " ".join(_WORD.findall(plain.casefold())) + " "


def fold(text: str) -> FoldedText:
    plain = _strip_accents(text)
    return FoldedText(plain, _spaced_words(plain))


@dataclass(frozen=True, slots=True)
class _Pattern:
    source: str
    regexp: Any  # re2 ships no type hints

    def search(self, plain: str) -> bool:
        return self.regexp.search(plain) is not None


@dataclass(frozen=True, slots=True)
class Filter:
    """A compiled filter. ``text`` is what the user typed, kept for display."""

    text: str
    #: words and phrases as " w1 w2 " needles for FoldedText.words
    required: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    required_patterns: tuple[_Pattern, ...] = ()
    excluded_patterns: tuple[_Pattern, ...] = ()

    def matches(self, text: str | FoldedText) -> bool:
        folded = text if isinstance(text, FoldedText) else fold(text)
        return (
            all(n in folded.words for n in self.required)
            and not any(n in folded.words for n in self.excluded)
            and all(p.search(folded.plain) for p in self.required_patterns)
            and not any(p.search(folded.plain) for p in self.excluded_patterns)
        )


def compile_filter(text: str) -> Filter:
    """Parse and compile a user's filter, or raise FilterError saying what is wrong."""
    text = text.strip()
    if len(text) > MAX_FILTER_CHARS:
        raise FilterError(
            f"the filter is {len(text)} characters long; the limit is {MAX_FILTER_CHARS}"
        )
    required: list[str] = []
    excluded: list[str] = []
    required_patterns: list[_Pattern] = []
    excluded_patterns: list[_Pattern] = []
    terms = _split(text)
    if len(terms) > MAX_TERMS:
        raise FilterError(f"the filter has {len(terms)} terms; the limit is {MAX_TERMS}")
    for negated, is_pattern, body in terms:
        if is_pattern:
            pattern = _compile_pattern(body)
            (excluded_patterns if negated else required_patterns).append(pattern)
        else:
            (excluded if negated else required).append(_needle(body))
    if len(required_patterns) + len(excluded_patterns) > MAX_PATTERNS:
        raise FilterError(f"a filter may hold at most {MAX_PATTERNS} re: patterns")
    return Filter(
        text, tuple(required), tuple(excluded), tuple(required_patterns), tuple(excluded_patterns)
    )


def _split(text: str) -> list[tuple[bool, bool, str]]:
    """Cut the filter into (negated, is_pattern, body) terms."""
    terms: list[tuple[bool, bool, str]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negated = text[i] == "-"
        if negated:
            i += 1
            if i == n or text[i].isspace():
                raise FilterError('a "-" must be followed by a word or "phrase" to exclude')
        is_pattern = text.startswith("re:", i)
        if is_pattern:
            i += 3
            if i == n or text[i].isspace():
                raise FilterError("re: must be followed by a pattern, e.g. re:missiles?")
        if text[i] == '"':
            end = text.find('"', i + 1)
            if end == -1:
                raise FilterError("a quotation mark is not closed")
            body, i = text[i + 1 : end], end + 1
        else:
            start = i
            # A word ends at a space; outside patterns a quote starts the next term.
            while i < n and not text[i].isspace() and (is_pattern or text[i] != '"'):
                i += 1
            body = text[start:i]
        terms.append((negated, is_pattern, body))
    return terms


def _needle(body: str) -> str:
    words = _spaced_words(_strip_accents(body))
    if not words.strip():
        shown = f'"{body}"' if body else '""'
        raise FilterError(f"{shown} has no letters or digits to look for")
    return words


def _compile_pattern(body: str) -> _Pattern:
    if not body:
        raise FilterError("an re: pattern is empty")
    if len(body) > MAX_PATTERN_CHARS:
        raise FilterError(f"an re: pattern may be at most {MAX_PATTERN_CHARS} characters")
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = _PATTERN_MEMORY
    try:
        regexp = re2.compile(_strip_accents(body), options)
    except re2.error as e:
        detail = (
            e.args[0].decode("utf-8", "replace")
            if e.args and isinstance(e.args[0], bytes)
            else str(e)
        )
        # RE2 refuses lookarounds and backreferences by design: that is what keeps it linear.
        raise FilterError(f"re:{body} is not a pattern I can run: {detail}") from None
    return _Pattern(body, regexp)

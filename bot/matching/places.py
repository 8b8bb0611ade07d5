"""Which places a text names: every candidate reading scored on the evidence, the best kept.

A name found in the text is a *mention*; each thing the name can mean is a *sense*
(``bot.matching.gazetteer``). A sense starts from its prior (what kind of place it is, how big)
and the text adds or takes away:

- the name as an ordinary word: a name the text's language uses often as a word ("Nice",
  "Police", "Como" in Spanish), weighed against the size of the place, loses up to 1.5; in lower
  case such a name is the word, never the place; regions.toml's ``[ambiguity] names`` (people's
  first names, foods…) lose 2.0 more, and 0.5 more in a Title Case headline;
- a capital letter that proves something (mid-sentence, not in a Title Case headline) gives a
  doubtful name +1.0; a preposition of place before it ("in", "near", "у", "في") +1.5; a
  possessive after it ("Kharkiv's") +1.0; "district of X", "mayor of X" +1.5;
- "X, Y" where Y is a state or country: +2.0 for the senses of X in Y, −2.0 for the others
  ("Paris, Texas");
- beside another capitalised name-like word, a doubtful name is a person: −3.0 ("Chad Smith");
- another place of the same country in the text: +1.5 (this is what settles "Georgia" with
  Tbilisi or with Atlanta, and "Congo" with Kinshasa or Brazzaville).

A mention counts when its best sense scores at least 1.0. ``explain`` shows every sense with
its score and evidence, the ones that lost included.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from bot.matching.gazetteer import Gazetteer, Sense, Term
from bot.matching.rules import AmbiguityOptions
from bot.matching.text import Text

#: what a mention's best sense must score to count
THRESHOLD = 1.0
#: a name this frequent (Zipf) as a word in the text's language is the word when written in
#: lower case ("china", "turkey", "hang")
_WORD = 3.0
# Languages whose words take case endings: a name's stem followed by a short ending is the
# name ("Kijevu", "Киеве"). Cyrillic stems are always tried; Latin ones only in these.
_INFLECTED_LATIN = frozenset({"sr", "hr", "bs", "sl", "sk", "cs", "pl", "sq"})
_VOWELS = frozenset("аяоеьйыиуюіїєaeiouy")
_MIN_STEM = 4
# Case endings a name takes (folded: й reads и), so that "Москве" is Moscow but "Цитата" is not
# Zittau and "оранжевый" not Orange: noun endings of Russian, Ukrainian and Serbian, the
# adjective endings of demonyms, and the Latin-script endings of the inflected languages.
_ENDINGS = frozenset((
    "а", "я", "у", "ю", "е", "и", "ы", "о", "і", "ї", "ои", "еи", "ом", "ем", "ам", "ям", "ах",
    "ях", "ами", "ями", "ов", "ев", "ью", "ою", "ею", "ові", "еві", "ии", "ыи", "ая", "яя",
    "ое", "ее", "ого", "его", "ому", "ему", "ую", "юю", "ые", "ие", "ых", "их", "ым", "им",
    "ыми", "ими", "a", "e", "i", "o", "u", "y", "ie", "iu", "ia", "ou", "em", "om", "am",
    "ach", "ami", "ov", "ovi", "ove", "ama", "ima", "es", "en", "it", "in",
))
_MAX_ENDING = max(map(len, _ENDINGS))
# Arabic writes "and", "in", "to" and "the" joined to the next word.
_ARABIC_PREFIXES = ("وب", "ول", "فب", "فل", "و", "ب", "ل", "ف")
_TOKEN = re.compile(r"\S+")
_SENTENCE_END = frozenset(".!?:;\n\"“«(–—|")
# "district of X", "the mayor of X": words after which "of X" names a place
_PLACE_NOUNS = frozenset({
    "city", "town", "village", "district", "region", "province", "county", "state", "oblast",
    "suburb", "suburbs", "outskirts", "port", "capital", "mayor", "governor", "residents",
    "people", "streets", "centre", "center", "north", "south", "east", "west", "heart",
    "area", "border", "coast", "island", "islands", "republic", "kingdom", "municipality",
})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One sense of one mention, with its score and why: what ``explain`` shows."""

    #: the name as written
    written: str
    start: int
    sense: Sense
    score: float
    evidence: tuple[str, ...]
    chosen: bool


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    term: Term


#: one sense of a mention: its score and the evidence for it
Scored = tuple[Sense, float, tuple[str, ...]]
#: the automaton's value index of a ``not_places`` phrase, and the term that stands for it
_NOT_A_PLACE = -1
_NO_TERM = Term((), ())


class Places:
    """Built once from the gazetteer; ``find`` is then pure and safe to share."""

    def __init__(self, gazetteer: Gazetteer, ambiguity: AmbiguityOptions) -> None:
        self._ambiguity = ambiguity
        self._terms = list(gazetteer.terms.values())
        automaton = ahocorasick.Automaton()
        #: stem of a one-word name → its term's index, for names that take case endings
        self._stems: dict[str, int] = {}
        #: one-word Arabic names → term index, found behind a joined prefix
        self._arabic: dict[str, int] = {}
        for index, key in enumerate(gazetteer.terms):
            # Padded with spaces, a key only matches a whole word: the folded text has spaces
            # where the original had punctuation.
            automaton.add_word(f" {key} ", (index, len(key)))
            if " " in key:
                continue
            if "\u0600" <= key[0] <= "\u06ff":
                self._arabic.setdefault(key, index)
            elif len(key) > _MIN_STEM:
                self._stems.setdefault(key[:-1] if key[-1] in _VOWELS else key, index)
        # A phrase that holds a name but is not the place is a key of its own, longer than the
        # name, so it wins the longest-first choice and then counts as nothing.
        for phrase in ambiguity.not_places:
            automaton.add_word(f" {phrase} ", (_NOT_A_PLACE, len(phrase)))
        automaton.make_automaton()
        self._automaton = automaton

    def __len__(self) -> int:
        return len(self._automaton)

    @property
    def automaton(self) -> ahocorasick.Automaton:
        return self._automaton

    def find(self, text: Text) -> list[Candidate]:
        """Every sense of every mention, scored; ``chosen`` marks those that count."""
        mentions = self._mentions(text)
        if not mentions:
            return []
        # Place names are capitalised wherever letters have case; a text all in lower case
        # says nothing either way.
        cased = not text.original.islower()
        first = [self._scored(text, m, mentions, cased) for m in mentions]
        # The countries the text is about on first sight: the evidence for every other mention.
        seen: dict[str, set[int]] = {}
        for i, scored in enumerate(first):
            best = scored[0]
            if best[1] >= THRESHOLD:
                for code in best[0].countries:
                    seen.setdefault(code, set()).add(i)
        out: list[Candidate] = []
        for i, mention in enumerate(mentions):
            others = {c for c, n in seen.items() if n - {i}}
            scored = _with_others(first[i], others) if others else first[i]
            written = text.original[mention.start:mention.end]
            for rank, (sense, score, evidence) in enumerate(scored):
                out.append(Candidate(
                    written, mention.start, sense, score, evidence,
                    rank == 0 and score >= THRESHOLD,
                ))
        return out

    # -- mentions ------------------------------------------------------------------------------

    def _mentions(self, text: Text) -> list[_Mention]:
        folded = text.folded
        found: list[_Mention] = []
        for last, (index, length) in self._automaton.iter(folded):
            term = _NO_TERM if index == _NOT_A_PLACE else self._terms[index]
            start = last - length
            if term.exact is not None and text.original[start:last].replace(".", "") != (
                term.exact.replace(".", "")
            ):
                continue
            found.append(_Mention(start, last, term))
        if not folded.isascii() or text.language in _INFLECTED_LATIN:
            found.extend(self._inflected(text, found))
        # Longest first; a longer name blocks the names inside it ("South Sudan", "New Mexico").
        found.sort(key=lambda m: (m.start - m.end, m.start))
        taken: list[_Mention] = []
        for mention in found:
            if all(mention.end <= t.start or mention.start >= t.end for t in taken):
                taken.append(mention)
        taken.sort(key=lambda m: m.start)
        return [m for m in taken if m.term is not _NO_TERM]

    def _inflected(self, text: Text, found: Sequence[_Mention]) -> Iterable[_Mention]:
        """Names behind an Arabic prefix ("وغزة", "بالسودان"), and names with a case ending
        ("Киеве", "Харкові", "Prištini"): one dictionary lookup per ending tried, on the
        words no whole-word key matched."""
        covered = {m.start for m in found}
        latin = text.language in _INFLECTED_LATIN
        for word in _TOKEN.finditer(text.folded):
            start, token = word.start(), word.group()
            if start in covered:
                continue
            first = token[0]
            if "\u0600" <= first <= "\u06ff":
                for prefix in _ARABIC_PREFIXES:
                    if token.startswith(prefix):
                        rest = token[len(prefix):]
                        index = self._arabic.get(rest)
                        if index is None and prefix.endswith("ل") and rest[:1] == "ل":
                            index = self._arabic.get("ا" + rest)  # لل = ل + ال
                        if index is not None:
                            yield _Mention(start + len(prefix), word.end(), self._terms[index])
                            break
            elif ("\u0400" <= first <= "\u04ff") or (latin and first.isascii()):
                for cut in range(1, min(_MAX_ENDING, len(token) - _MIN_STEM) + 1):
                    index = self._stems.get(token[:-cut])
                    if index is not None and token[-cut:] in _ENDINGS:
                        yield _Mention(start, word.end(), self._terms[index])
                        break

    # -- scores --------------------------------------------------------------------------------

    def _scored(
        self, text: Text, mention: _Mention, mentions: Sequence[_Mention], cased: bool
    ) -> list[Scored]:
        """Each sense of a mention with its score and evidence, best first, before the other
        mentions of the text are weighed (``_with_others``)."""
        shared, lowercase_word = self._form(text, mention)
        apposed = _apposed(mention, mentions)
        out: list[Scored] = []
        # Russian writes its demonyms in lower case ("российских"): they are the exception.
        lowercase_name = cased and text.original[mention.start:mention.end].islower()
        for sense in mention.term.senses:
            if lowercase_word:
                out.append((sense, float("-inf"), ("an ordinary word in lower case",)))
                continue
            if lowercase_name and sense.kind != "demonym":
                out.append((sense, float("-inf"), ("a name written in lower case",)))
                continue
            score = sense.prior
            evidence = [f"{sense.kind} {score:+.1f}"]
            for label, value in shared:
                if sense.kind in ("country", "curated", "demonym") and label.startswith(
                    "beside a name"
                ) and not mention.term.doubtful:
                    continue
                score += value
                evidence.append(f"{label} {value:+.1f}")
            penalty = _word_penalty(mention.term, sense.importance, text.language)
            if mention.term.doubtful:
                penalty = 0.0  # already counted: the listed names' penalty is the larger
            if penalty:
                score -= penalty
                evidence.append(f"also a word here {-penalty:+.1f}")
            if apposed is not None:
                value = 2.0 if sense.countries & apposed else -2.0
                score += value
                evidence.append(f"followed by its state or country {value:+.1f}"
                                if value > 0 else f"followed by another country {value:+.1f}")
            out.append((sense, score, tuple(evidence)))
        out.sort(key=_best_first)
        return out

    def _form(self, text: Text, mention: _Mention) -> tuple[list[tuple[str, float]], bool]:
        """Evidence from how the mention is written, the same for every sense; and whether it
        is an ordinary word written in lower case."""
        original, folded = text.original, text.folded
        first = original[mention.start]
        cased = first.isupper()
        term = mention.term
        language = text.language or "en"
        # English words turn up in every language's news, and detection of a short text can err.
        if first.islower() and (
            term.doubtful or max(term.zipf(language), term.zipf("en")) >= _WORD
        ):
            return [], True
        word_like = term.doubtful or _word_penalty(term, max(
            s.importance for s in term.senses
        ), language) > 0
        out: list[tuple[str, float]] = []
        start_of_sentence = _sentence_start(original, mention.start)
        title_case = mention.start < text.body and _title_case(original[1:text.body])
        if term.doubtful:
            out.append(("a name or word listed in [ambiguity] names", -2.0))
            if title_case:
                out.append(("in a Title Case headline", -0.5))
        if word_like and cased and not start_of_sentence and not title_case:
            out.append(("capital letter mid-sentence", 1.0))
        before = _word_before(folded, mention.start)
        if before in self._ambiguity.prepositions:
            out.append((f"after {before!r}", 1.5))
        elif before == "of" and _word_before(folded, mention.start - 3) in _PLACE_NOUNS:
            out.append(("after a place noun and 'of'", 1.5))
        if original[mention.end:mention.end + 2] in ("'s", "’s"):
            out.append(("possessive", 1.0))
        if word_like and not title_case and self._beside_name(text, mention, start_of_sentence):
            out.append(("beside a name: a person", -3.0))
        return out, False

    def _beside_name(self, text: Text, mention: _Mention, start_of_sentence: bool) -> bool:
        original = text.original
        after = _next_word(original, mention.end)
        if after and _name_like(after, self._ambiguity.not_names):
            return True
        if start_of_sentence:
            return False
        before = _previous_word(original, mention.start)
        return bool(before) and _name_like(before, self._ambiguity.not_names)


def _with_others(scored: list[Scored], others: set[str]) -> list[Scored]:
    """The scores again, with the countries the text's other mentions name as evidence."""
    out = [
        (sense, score + 1.5, (*evidence, "same country named elsewhere +1.5"))
        if score > float("-inf") and not others.isdisjoint(sense.countries)
        else (sense, score, evidence)
        for sense, score, evidence in scored
    ]
    out.sort(key=_best_first)
    return out


def _best_first(scored: Scored) -> tuple[float, int]:
    return -scored[1], -scored[0].rank


def _word_penalty(term: Term, importance: float, language: str | None) -> float:
    """Up to 1.5 for a name as common as a word as the place is big: "Nice" (a city of 340,000
    and a word of Zipf 5.4) loses 1.4, "Paris" nothing, "Kherson" nothing."""
    zipf = term.zipf(language or "en")
    return max(0.0, min(1.5, 1.5 - (importance - zipf))) if zipf else 0.0


def _apposed(mention: _Mention, mentions: Sequence[_Mention]) -> frozenset[str] | None:
    """The countries of the state or country right after "X, ", if that is what follows."""
    for other in mentions:
        if other.start > mention.end and other.start - mention.end <= 2:
            senses = [s for s in other.term.senses if s.kind in ("subdivision", "country")]
            if senses:
                return frozenset(c for s in senses for c in s.countries)
        if other.start > mention.end + 2:
            break
    return None


def _sentence_start(original: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and original[i] in " '‘\"“«-–—*":
        if original[i] in "\"“«–—":
            return True
        i -= 1
    return i < 0 or original[i] in _SENTENCE_END or original[i].isdigit()


def _title_case(title: str) -> bool:
    words = [w for w in title.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _word_before(folded: str, start: int) -> str:
    end = start - 1
    while end > 0 and folded[end - 1] == " ":
        end -= 1
    begin = folded.rfind(" ", 0, end) + 1
    return folded[begin:end]


def _previous_word(original: str, start: int) -> str:
    i = start - 1
    if i < 0 or original[i] != " ":
        return ""
    begin = original.rfind(" ", 0, i) + 1
    return original[begin:i]


def _next_word(original: str, end: int) -> str:
    if original[end:end + 1] != " ":
        return ""
    stop = original.find(" ", end + 1)
    return original[end + 1:stop if stop > 0 else None]


def _name_like(word: str, not_names: frozenset[str]) -> bool:
    """A capitalised word that could be part of a person's name ("O'Keeffe", "Smith")."""
    word = word.strip(",.;:!?\"'’()")
    if len(word) < 2 or not word[0].isupper() or word.isupper():
        return False
    return word.lower() not in not_names and word.replace("'", "").replace("’", "").isalpha()

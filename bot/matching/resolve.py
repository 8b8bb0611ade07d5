"""From place-name hits to the regions a text concerns: the cheap checks after the one scan.

The order of decisions (docs/MATCHING.md gives the reasons):

1. Longest match wins and blocks its parts: "Papua New Guinea" leaves no "Guinea".
2. Form: an abbreviation must be written as configured ("US", not "us"); an ambiguous name or
   a city must be capitalised ("turkey" is a bird) and must not sit next to a capitalised
   name-like word ("Georgia O'Keeffe", "Michael Jordan").
3. Sure hits first: strong, unambiguous terms (country names, demonyms, capitals, curated
   places). Their countries are the evidence for what follows.
4. Ambiguous names count when a capital letter proves something (mid-sentence, not in a Title
   Case headline), or with a hint: a preposition of place before, a possessive after, or their
   country already in evidence. Between meanings, evidence wins, then the higher rank
   ("Georgia" beside "US" is the US state).
5. Cities count only with a hint or evidence: their country named, another place of the same
   country, or a preposition of place.
"""

from __future__ import annotations

import functools

from bot.matching.gazetteer import Sense, Term, Tier
from bot.matching.rules import AmbiguityOptions
from bot.matching.text import fold_term, is_capitalised, is_title_case, sentence_initial

#: a place term found in the text: (start, end, term); offsets index ``Context.text``
PlaceHit = tuple[int, int, Term]
#: one accepted hit: (start, end, the meaning chosen)
Located = tuple[int, int, Sense]


class Context:
    """What the checks need besides the hit: the text as written and folded, and the title.

    Both texts are padded with a space at each end, as the automaton scans them.
    """

    def __init__(self, text: str, folded: str, title_end: int, ambiguity: AmbiguityOptions) -> None:
        self.text = text
        self.folded = folded
        #: the title occupies text[:title_end]; 0 when there is none
        self.title_end = title_end
        self.ambiguity = ambiguity

    @functools.cached_property
    def title_case(self) -> bool:
        """A Title Case title, where capitals prove nothing (worked out only when asked)."""
        return self.title_end > 0 and is_title_case(self.text[: self.title_end])


def locate(hits: list[PlaceHit], ctx: Context) -> list[Located]:
    """The accepted hits in text order; ``hits`` must not overlap (see :func:`longest_first`)
    and be in text order."""
    sure: list[Located] = []
    careful: list[tuple[int, int, Term, list[Sense], bool, bool]] = []
    for start, end, term in hits:
        if term.sure is not None:
            sure.append((start, end, term.sure))
            continue
        word = ctx.text[start:end]
        senses = [s for s in term.senses if s.exact is None or s.exact == word]
        if not senses:
            continue
        if not term.ambiguous and senses[0].tier is Tier.STRONG:
            sure.append((start, end, senses[0]))
            continue
        if not is_capitalised(word):
            continue
        before = _words_before(ctx, start)
        if _beside_a_name(start, end, before, ctx):
            continue
        careful.append(
            (start, end, term, senses, _capital_proves(start, ctx), _hint(end, before[0], ctx))
        )

    evidence: set[str] = set().union(*[sense.countries for _, _, sense in sure])
    accepted = list(sure)
    # Ambiguous strong names before cities, so that "Georgia" read as the country can
    # corroborate "Batumi".
    careful.sort(key=lambda c: 0 if c[2].ambiguous else 1)
    peers = _peer_countries([(ctx.folded[c[0] : c[1]], c[3]) for c in careful])
    for start, end, _, senses, proven, hinted in careful:
        choice = _choose(senses, evidence, peers, proven, hinted)
        if choice is not None:
            accepted.append((start, end, choice))
            evidence |= choice.countries
    accepted.sort(key=_start)
    return accepted


def _start(hit: PlaceHit | Located) -> int:
    return hit[0]


def longest_first(hits: list[PlaceHit]) -> list[PlaceHit]:
    """The hits in text order, without those inside or across a longer one ("Guinea" in
    "Papua New Guinea"); between hits of one length, the earlier wins."""
    taken: list[PlaceHit] = []
    for hit in sorted(hits, key=_longest):
        start, end, _ = hit
        for other in taken:
            if start < other[1] and end > other[0]:
                break
        else:
            taken.append(hit)
    taken.sort(key=_start)
    return taken


def _longest(hit: PlaceHit) -> tuple[int, int]:
    return hit[0] - hit[1], hit[0]


def _choose(
    senses: list[Sense], evidence: set[str], peers: set[str], proven: bool, hinted: bool
) -> Sense | None:
    """The meaning to take, if any. Evidence includes other careful hits of the same country,
    so "Atlanta" makes "Georgia" the US state."""

    def backed(s: Sense) -> bool:
        return bool(s.countries & evidence or s.countries & peers)

    def acceptable(s: Sense) -> bool:
        if backed(s):
            return True
        return hinted if s.tier is Tier.WEAK else proven or hinted

    ok = [s for s in senses if acceptable(s)]
    if not ok:
        return None
    return max(ok, key=lambda s: (backed(s), s.tier, s.rank))


def _peer_countries(careful: list[tuple[str, list[Sense]]]) -> set[str]:
    """Countries that two different place names point at: each corroborates the other."""
    first_spelling: dict[str, str] = {}
    peers: set[str] = set()
    for spelling, senses in careful:
        for code in {c for s in senses for c in s.countries}:
            if first_spelling.setdefault(code, spelling) != spelling:
                peers.add(code)
    return peers


def _words_before(ctx: Context, start: int) -> tuple[str, str]:
    """The word just before ``start`` as written, and the characters between it and ``start``."""
    floor = ctx.title_end if start >= ctx.title_end else 0
    i = start
    while i > floor and not ctx.folded[i - 1].strip():
        i -= 1
    gap = ctx.text[i:start]
    j = i
    while j > floor and ctx.folded[j - 1].strip():
        j -= 1
    return ctx.text[j:i], gap


def _word_after(ctx: Context, end: int) -> tuple[str, str]:
    limit = len(ctx.text) if end > ctx.title_end else ctx.title_end
    i = end
    while i < limit and not ctx.folded[i].strip():
        i += 1
    gap = ctx.text[end:i]
    j = i
    while j < limit and (ctx.folded[j].strip() or ctx.text[j] in "'’"):
        j += 1
    return ctx.text[i:j], gap


def _in_title_case(start: int, ctx: Context) -> bool:
    return start < ctx.title_end and ctx.title_case


def _beside_a_name(start: int, end: int, before: tuple[str, str], ctx: Context) -> bool:
    """The person-name guard: "Georgia O'Keeffe", "Jordan Peterson", "Michael Jordan".

    ``before`` is :func:`_words_before` at ``start``.
    """
    if _in_title_case(start, ctx):
        return False  # every word is capitalised there: the guard would reject every name
    not_names = ctx.ambiguity.not_names
    after, gap = _word_after(ctx, end)
    if gap == " " and _name_like(after, not_names):
        return True
    word, gap = before
    return gap == " " and _name_like(word, not_names)


def _name_like(word: str, not_names: frozenset[str]) -> bool:
    if not is_capitalised(word) or word.isupper():
        return False  # "US", "NATO": acronyms, not surnames
    folded = fold_term(word).split()
    return bool(folded) and folded[0] not in not_names


def _capital_proves(start: int, ctx: Context) -> bool:
    if _in_title_case(start, ctx):
        return False
    floor = ctx.title_end if start >= ctx.title_end else 0
    return not sentence_initial(ctx.text, start, floor)


def _hint(end: int, before: str, ctx: Context) -> bool:
    """A preposition of place before ("in Niger") or a possessive after ("Turkey's")."""
    if before.lower() in ctx.ambiguity.prepositions:
        return True
    return ctx.text[end : end + 2] in ("'s", "’s")

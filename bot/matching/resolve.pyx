# cython: language_level=3, boundscheck=False, wraparound=False
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

Compiled with Cython because it runs on every update (docs/MATCHING.md, Speed): the gazetteer's
terms and senses become C arrays once, in ``Places``; a hit is a C struct, a set of countries a
bitset, and the checks read the characters of the text where they are.
"""

from cpython.mem cimport PyMem_Free
from cpython.unicode cimport (
    Py_UNICODE_ISALPHA,
    Py_UNICODE_ISLOWER,
    Py_UNICODE_ISSPACE,
    Py_UNICODE_ISTITLE,
    Py_UNICODE_ISUPPER,
)
from libc.stdint cimport uint64_t
from libc.stdlib cimport qsort
from libc.string cimport memmove

from bot.matching.hits cimport Located, PlaceHit, Text, char_at, release, scratch, table

from bot.matching.gazetteer import Tier
from bot.matching.text import fold_term

cdef enum:
    # Country bitsets live on the stack: room for 512 codes (ISO 3166-1 has 249).
    MAX_WORDS = 8
    # Careful hits (and their senses) a text may have before the lists move to the heap.
    STACK = 32

cdef int WEAK = Tier.WEAK
cdef int STRONG = Tier.STRONG


cdef class Places:
    """Every place term of the gazetteer as C tables, for :meth:`locate`."""

    def __init__(self, terms, ambiguity, region_index):
        """``terms``: every Term, in the order of the indices ``PlaceHit.term`` gives;
        ``ambiguity``: AmbiguityOptions; ``region_index``: region id → the index the caller
        reads back from ``region_of``."""
        codes = {}
        for term in terms:
            for sense in term.senses:
                for code in sorted(sense.countries):
                    codes.setdefault(code, len(codes))
        words = max(1, (len(codes) + 63) // 64)
        if words > MAX_WORDS:
            raise ValueError(f"{len(codes)} country codes: at most {MAX_WORDS * 64} fit")
        cdef Py_ssize_t t, s = 0, r = 0
        cdef Py_ssize_t sense_count = sum(len(term.senses) for term in terms)
        self.words = words
        self.terms = <TermRow*>table(len(terms), sizeof(TermRow))
        self.senses = <SenseRow*>table(sense_count, sizeof(SenseRow))
        self.countries = <uint64_t*>table(sense_count * words, sizeof(uint64_t))
        self.region_of = <int*>table(
            sum(len(sense.regions) for term in terms for sense in term.senses), sizeof(int)
        )
        exact = []
        for t, term in enumerate(terms):
            self.terms[t] = TermRow(
                -1 if term.sure is None else s + term.senses.index(term.sure),
                s,
                len(term.senses),
                term.ambiguous,
            )
            for sense in term.senses:
                self.senses[s] = SenseRow(sense.rank, t, r, len(sense.regions), sense.tier)
                for code in sense.countries:
                    self.countries[s * words + codes[code] // 64] |= (
                        (<uint64_t>1) << (codes[code] % 64)
                    )
                for region in sense.regions:
                    self.region_of[r] = region_index[region]
                    r += 1
                exact.append(sense.exact)
                s += 1
        self.max_senses = max([len(term.senses) for term in terms], default=1)
        self.sense_exact = tuple(exact)
        self.not_names = ambiguity.not_names
        self.prepositions = ambiguity.prepositions

    def __dealloc__(self):
        PyMem_Free(self.terms)
        PyMem_Free(self.senses)
        PyMem_Free(self.countries)
        PyMem_Free(self.region_of)

    cdef Py_ssize_t locate(self, PlaceHit* hits, Py_ssize_t n, Text* ctx, Located* out) except -1:
        """The accepted hits in text order, written to ``out`` (room for ``n``); returns how
        many. ``hits`` must not overlap (see :func:`longest_first`) and be in text order."""
        cdef Careful careful_local[STACK]
        cdef int chosen_local[STACK * 4]
        cdef Py_ssize_t order_local[STACK]
        cdef uint64_t unions_local[STACK * MAX_WORDS]
        cdef Careful* careful = careful_local
        cdef int* chosen = chosen_local
        cdef Py_ssize_t* order = order_local
        cdef uint64_t* unions = unions_local
        cdef uint64_t evidence[MAX_WORDS]
        cdef uint64_t peers[MAX_WORDS]
        cdef Py_ssize_t i, k, w, start, end, before_start, before_end, sure = 0, found = 0
        cdef Py_ssize_t picked = 0
        cdef Located moved
        cdef int t, s, choice, senses_first, senses_count, words = self.words
        cdef object word
        try:
            careful = <Careful*>scratch(careful_local, STACK, n, sizeof(Careful))
            chosen = <int*>scratch(chosen_local, STACK * 4, n * self.max_senses, sizeof(int))
            for i in range(n):
                start = hits[i].start
                end = hits[i].end
                t = hits[i].term
                if self.terms[t].sure >= 0:
                    out[sure] = Located(start, end, self.terms[t].sure)
                    sure += 1
                    continue
                # The senses this form allows: an abbreviation only as configured.
                senses_first = picked
                word = None
                for s in range(self.terms[t].first, self.terms[t].first + self.terms[t].count):
                    exact = self.sense_exact[s]
                    if exact is not None:
                        if word is None:
                            word = (<str>ctx.text)[start:end]
                        if exact != word:
                            continue
                    chosen[picked] = s
                    picked += 1
                senses_count = <int>(picked - senses_first)
                if not senses_count:
                    continue
                s = chosen[senses_first]
                if not self.terms[t].ambiguous and self.senses[s].tier == STRONG:
                    picked = senses_first
                    out[sure] = Located(start, end, s)
                    sure += 1
                    continue
                if not Py_UNICODE_ISUPPER(char_at(ctx, start)):
                    picked = senses_first
                    continue
                _words_before(ctx, start, &before_start, &before_end)
                if self._beside_a_name(start, end, before_start, before_end, ctx):
                    picked = senses_first
                    continue
                careful[found] = Careful(
                    start,
                    end,
                    t,
                    senses_first,
                    senses_count,
                    _capital_proves(start, ctx),
                    self._hint(end, before_start, before_end, ctx),
                )
                found += 1
            if not found:
                return sure

            for w in range(words):
                evidence[w] = 0
            for i in range(sure):
                self._add_countries(evidence, out[i].sense)
            # Ambiguous strong names before cities, so that "Georgia" read as the country can
            # corroborate "Batumi".
            order = <Py_ssize_t*>scratch(order_local, STACK, found, sizeof(Py_ssize_t))
            k = 0
            for i in range(found):
                if self.terms[careful[i].term].ambiguous:
                    order[k] = i
                    k += 1
            for i in range(found):
                if not self.terms[careful[i].term].ambiguous:
                    order[k] = i
                    k += 1
            unions = <uint64_t*>scratch(
                unions_local, STACK * MAX_WORDS, found * words, sizeof(uint64_t)
            )
            self._peer_countries(careful, found, chosen, unions, peers)
            for k in range(found):
                i = order[k]
                choice = self._choose(
                    chosen + careful[i].first,
                    careful[i].count,
                    evidence,
                    peers,
                    careful[i].proven,
                    careful[i].hinted,
                )
                if choice >= 0:
                    out[sure] = Located(careful[i].start, careful[i].end, choice)
                    sure += 1
                    self._add_countries(evidence, choice)
            # In text order: the sure hits already are, so the few choices are moved into place.
            for i in range(1, sure):
                k = i
                while k > 0 and out[k - 1].start > out[i].start:
                    k -= 1
                if k < i:
                    moved = out[i]
                    memmove(out + k + 1, out + k, (i - k) * sizeof(Located))
                    out[k] = moved
            return sure
        finally:
            release(careful, careful_local)
            release(chosen, chosen_local)
            release(order, order_local)
            release(unions, unions_local)

    cdef void _add_countries(self, uint64_t* into, int sense) noexcept:
        cdef int w
        cdef uint64_t* countries = self.countries + sense * self.words
        for w in range(self.words):
            into[w] |= countries[w]

    cdef int _choose(
        self, int* senses, int count, uint64_t* evidence, uint64_t* peers, bint proven,
        bint hinted,
    ) noexcept:
        """The meaning to take, or -1. Evidence includes other careful hits of the same
        country, so "Atlanta" makes "Georgia" the US state."""
        cdef int k, w, s, best = -1
        cdef bint backed, best_backed = False
        cdef uint64_t* countries
        for k in range(count):
            s = senses[k]
            countries = self.countries + s * self.words
            backed = False
            for w in range(self.words):
                if countries[w] & (evidence[w] | peers[w]):
                    backed = True
                    break
            if not backed and not (hinted if self.senses[s].tier == WEAK else proven or hinted):
                continue
            # The first of the best (backed, tier, rank): senses come best rank first.
            if (
                best < 0
                or backed > best_backed
                or backed == best_backed
                and (
                    self.senses[s].tier > self.senses[best].tier
                    or self.senses[s].tier == self.senses[best].tier
                    and self.senses[s].rank > self.senses[best].rank
                )
            ):
                best = s
                best_backed = backed
        return best

    cdef void _peer_countries(
        self, Careful* careful, Py_ssize_t found, int* chosen, uint64_t* unions, uint64_t* peers
    ) noexcept:
        """Countries that two different place names point at: each corroborates the other.

        A careful hit's spelling is its term (the automaton key), so "different names" is
        "different terms"; ``unions`` gets each hit's countries.
        """
        cdef Py_ssize_t i, j
        cdef int k, w, words = self.words
        cdef uint64_t* mine
        for w in range(words):
            peers[w] = 0
        for i in range(found):
            mine = unions + i * words
            for w in range(words):
                mine[w] = 0
            for k in range(careful[i].count):
                self._add_countries(mine, chosen[careful[i].first + k])
            for j in range(i):
                if careful[j].term != careful[i].term:
                    for w in range(words):
                        peers[w] |= mine[w] & unions[j * words + w]

    cdef bint _beside_a_name(
        self, Py_ssize_t start, Py_ssize_t end, Py_ssize_t before_start, Py_ssize_t before_end,
        Text* ctx,
    ) except -1:
        """The person-name guard: "Georgia O'Keeffe", "Jordan Peterson", "Michael Jordan".

        ``before_start``, ``before_end`` are :func:`_words_before` at ``start``.
        """
        cdef Py_ssize_t after_start, after_end
        if _in_title_case(start, ctx):
            return False  # every word is capitalised there: the guard would reject every name
        _word_after(ctx, end, &after_start, &after_end)
        if _one_space(ctx, end, after_start) and self._name_like(ctx, after_start, after_end):
            return True
        return _one_space(ctx, before_end, start) and self._name_like(
            ctx, before_start, before_end
        )

    cdef bint _name_like(self, Text* ctx, Py_ssize_t start, Py_ssize_t end) except -1:
        cdef Py_ssize_t k
        if start == end or not Py_UNICODE_ISUPPER(char_at(ctx, start)):
            return False
        if _is_upper(ctx, start, end):
            return False  # "US", "NATO": acronyms, not surnames
        # The first word of the name as fold_term makes it. For ASCII that is the folded
        # copy up to its first space; anything else takes the full fold.
        for k in range(start, end):
            if char_at(ctx, k) >= 128:
                folded = fold_term((<str>ctx.text)[start:end]).split()
                return bool(folded) and folded[0] not in self.not_names
        k = start
        while k < end and ctx.low[k] != b' ':
            k += 1
        return (<str>ctx.folded)[start:k] not in self.not_names

    cdef bint _hint(
        self, Py_ssize_t end, Py_ssize_t before_start, Py_ssize_t before_end, Text* ctx
    ) except -1:
        """A preposition of place before ("in Niger") or a possessive after ("Turkey's")."""
        cdef Py_UCS4 ch
        if (<str>ctx.text)[before_start:before_end].lower() in self.prepositions:
            return True
        if end + 1 >= ctx.length:
            return False
        ch = char_at(ctx, end)
        return (ch == u"'" or ch == u"’") and char_at(ctx, end + 1) == u"s"


cdef Py_ssize_t longest_first(PlaceHit* hits, Py_ssize_t n) except -1:
    """Keep, in text order, the hits not inside or across a longer one ("Guinea" in "Papua New
    Guinea"); between hits of one length, the earlier wins. Returns how many are kept."""
    cdef Py_ssize_t i, k, taken = 0
    _sort(hits, n, _longest)
    for i in range(n):
        for k in range(taken):
            if hits[i].start < hits[k].end and hits[i].end > hits[k].start:
                break
        else:
            hits[taken] = hits[i]
            taken += 1
    _sort(hits, taken, _by_start)
    return taken


cdef inline void _sort(
    PlaceHit* hits, Py_ssize_t n, int (*before)(const void*, const void*) noexcept nogil
) noexcept:
    # A text has a handful of hits: insertion sort, with qsort for a long one.
    cdef Py_ssize_t i, k
    cdef PlaceHit hit
    if n > 16:
        qsort(hits, n, sizeof(PlaceHit), before)
        return
    for i in range(1, n):
        hit = hits[i]
        k = i
        while k > 0 and before(&hits[k - 1], &hit) > 0:
            hits[k] = hits[k - 1]
            k -= 1
        hits[k] = hit


cdef int _longest(const void* a, const void* b) noexcept nogil:
    # (start - end, start): the longest first, then the earlier. Two hits never share a span.
    cdef const PlaceHit* x = <const PlaceHit*>a
    cdef const PlaceHit* y = <const PlaceHit*>b
    cdef Py_ssize_t dx = x.start - x.end, dy = y.start - y.end
    if dx != dy:
        return -1 if dx < dy else 1
    return -1 if x.start < y.start else (1 if x.start > y.start else 0)


cdef int _by_start(const void* a, const void* b) noexcept nogil:
    # PlaceHit and Located both open with start; accepted hits never share one.
    cdef Py_ssize_t x = (<const Py_ssize_t*>a)[0], y = (<const Py_ssize_t*>b)[0]
    return -1 if x < y else (1 if x > y else 0)


cdef void _words_before(
    const Text* ctx, Py_ssize_t start, Py_ssize_t* word_start, Py_ssize_t* word_end
) noexcept:
    """The word just before ``start`` as written is text[word_start:word_end]; the characters
    between it and ``start`` are the gap."""
    cdef Py_ssize_t floor = ctx.title_end if start >= ctx.title_end else 0
    cdef Py_ssize_t i = start, j
    while i > floor and ctx.low[i - 1] == b' ':
        i -= 1
    j = i
    while j > floor and ctx.low[j - 1] != b' ':
        j -= 1
    word_start[0] = j
    word_end[0] = i


cdef void _word_after(
    const Text* ctx, Py_ssize_t end, Py_ssize_t* word_start, Py_ssize_t* word_end
) noexcept:
    """The word just after ``end`` (apostrophes kept: "O'Keeffe"); the gap is
    text[end:word_start]."""
    cdef Py_ssize_t limit = ctx.length if end > ctx.title_end else ctx.title_end
    cdef Py_ssize_t i = end, j
    cdef Py_UCS4 ch
    while i < limit and ctx.low[i] == b' ':
        i += 1
    j = i
    while j < limit:
        if ctx.low[j] == b' ':
            ch = char_at(ctx, j)
            if ch != u"'" and ch != u"’":
                break
        j += 1
    word_start[0] = i
    word_end[0] = j


cdef inline bint _one_space(const Text* ctx, Py_ssize_t start, Py_ssize_t end) noexcept:
    # the gap text[start:end] is exactly " "
    return end - start == 1 and char_at(ctx, start) == u" "


cdef bint _is_upper(const Text* ctx, Py_ssize_t start, Py_ssize_t end) noexcept:
    # str.isupper() of text[start:end]: some cased letter, and none lower or title case
    cdef bint cased = False
    cdef Py_UCS4 ch
    cdef Py_ssize_t k
    for k in range(start, end):
        ch = char_at(ctx, k)
        if Py_UNICODE_ISLOWER(ch) or Py_UNICODE_ISTITLE(ch):
            return False
        if Py_UNICODE_ISUPPER(ch):
            cased = True
    return cased


cdef bint _in_title_case(Py_ssize_t start, Text* ctx) noexcept:
    if start >= ctx.title_end:
        return False
    if ctx.title_case < 0:
        # worked out only when asked, once per text
        ctx.title_case = _is_title_case(ctx, 0, ctx.title_end)
    return ctx.title_case


cdef bint _is_title_case(const Text* ctx, Py_ssize_t start, Py_ssize_t end) noexcept:
    """Whether a headline capitalises its words, so capitals there say nothing about names.

    Short function words ("of", "in", "and") are often left lower case in Title Case; they are
    skipped (only words of more than three characters that open with a letter count). Three
    capitalised words out of four is enough.
    """
    cdef Py_ssize_t i = start, word, words = 0, capitals = 0
    cdef Py_UCS4 first
    while i < end:
        if Py_UNICODE_ISSPACE(char_at(ctx, i)):
            i += 1
            continue
        word = i
        while i < end and not Py_UNICODE_ISSPACE(char_at(ctx, i)):
            i += 1
        first = char_at(ctx, word)
        if i - word > 3 and Py_UNICODE_ISALPHA(first):
            words += 1
            capitals += Py_UNICODE_ISUPPER(first)
    return words >= 2 and capitals * 4 >= words * 3


cdef bint _capital_proves(Py_ssize_t start, Text* ctx) noexcept:
    if _in_title_case(start, ctx):
        return False
    cdef Py_ssize_t floor = ctx.title_end if start >= ctx.title_end else 0
    return not _sentence_initial(ctx, start, floor)


cdef bint _sentence_initial(const Text* ctx, Py_ssize_t start, Py_ssize_t floor) noexcept:
    """Whether the word at ``start`` opens a sentence (so its capital letter proves nothing):
    only spaces, quotes, brackets and dashes between it and a sentence end, a colon, a line
    break or the start of its part (title or text)."""
    cdef Py_ssize_t i = start - 1
    cdef Py_UCS4 ch = 0
    while i >= floor:
        ch = char_at(ctx, i)
        if not (Py_UNICODE_ISSPACE(ch) or _opens(ch)):
            break
        if ch == u"\n":
            return True
        i -= 1
    return i < floor or ch == u"." or ch == u"!" or ch == u"?" or ch == u"\n" or ch == u":"


cdef inline bint _opens(Py_UCS4 ch) noexcept:
    # quotes, brackets and dashes that may stand before a sentence's first word
    return (
        ch == u'"' or ch == u"'" or ch == u"“" or ch == u"‘" or ch == u"(" or ch == u"["
        or ch == u"«" or ch == u"—" or ch == u"-"
    )

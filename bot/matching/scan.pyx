# cython: language_level=3, boundscheck=False, wraparound=False
"""One update through the matcher: fold, one automaton scan, the checks, the Match.

``bot.pipeline.match.Matcher`` builds the automaton and the tables; this is the part that runs
on every update, compiled with Cython (docs/MATCHING.md, Speed). Each automaton key is an int
that indexes C arrays made at build time: how far back its word starts, its place term, whether
it carries severity cues. The hits go into C arrays on the stack, ``bot.matching.grade`` and
``bot.matching.resolve`` check them there, and Python objects are made only for the answer.

Every automaton key is padded with spaces (``" kosovo "``) and the folded text is too, so a hit
is always a whole word: punctuation has become a space by then. Severity stems (``"shell*"``)
keep only the leading space, so they match the start of a word.
"""

import dataclasses

from cpython.mem cimport PyMem_Free
from cpython.object cimport PyObject_GenericSetAttr, PyTypeObject
from cpython.ref cimport Py_INCREF, PyObject
from cpython.tuple cimport PyTuple_New, PyTuple_SET_ITEM
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND
from libc.stdint cimport uint64_t
from libc.string cimport memset

from bot.matching.fold cimport fold, prepare
from bot.matching.grade cimport Grader
from bot.matching.hits cimport (
    CueHit, Located, PlaceHit, Text, char_at, grow, release, scratch, table,
)
from bot.matching.resolve cimport Places, SenseRow, longest_first

from bot.model import Match, RegionHit, Severity

cdef enum:
    # Hits of a text kept on the stack before a long text moves them to the heap.
    STACK = 64

cdef tuple _NO_ARGS = ()
cdef tuple _SEVERITY = (None, *[Severity(i) for i in range(1, max(Severity) + 1)])

# The answer is built the way the frozen dataclasses' own __init__ builds it (object.__new__,
# then object.__setattr__ per field) without that Python frame, which alone would cost a
# quarter of the whole match. That holds only while the fields are these and nothing runs
# after __init__: check it once, here.
for _cls, _fields in (
    (Match, ("regions", "hits", "severity", "reasons")),
    (RegionHit, ("region", "terms")),
):
    if tuple(f.name for f in dataclasses.fields(_cls)) != _fields or hasattr(_cls, "__post_init__"):
        raise ImportError(f"bot.model.{_cls.__name__} changed: update bot.matching.scan")


cdef struct Key:
    # what one automaton key means: a hit ending at ``last`` starts its word at
    # ``last - back`` (``last`` is the trailing space of an exact key and the last letter of a
    # stem, so ``back`` is the key's length less two either way); its place term (an index
    # into Places' tables) or -1; whether it carries severity cues
    int back
    int term
    bint cued


cdef struct Spelling:
    # one spelling of a term as the data writes it: chars[start : start + length]
    Py_ssize_t start
    Py_ssize_t length


cdef struct Spelled:
    # the spellings of one term (Term.spellings): the first one here, the others in
    # spellings[more : more + count - 1] (most terms have one, so one row holds what a hit
    # needs)
    Spelling first
    int count
    int more


cdef struct Hit:
    # one direct hit of the Match: its region; the sense region slot and spelling of its first
    # place name (``which`` is -1 when the text writes it otherwise than the data)
    int region
    int slot
    Py_ssize_t which


cdef struct Said:
    # one distinct spelling a direct hit was written with: text[start:end], for hits[hit]
    Py_ssize_t hit
    Py_ssize_t start
    Py_ssize_t end


cdef class Scanner:
    """The per-update half of the matcher: its tables are built once, then ``match`` is pure."""

    cdef object automaton
    cdef Places places
    cdef Grader grader
    # The C tables, owned here.
    cdef Key* keys
    cdef Spelled* spelled
    cdef Spelling* spellings
    cdef Py_UCS4* chars
    #: per sense region slot (Places.region_of): where its RegionHits start in ``made``, one
    #: per spelling of the term, made once (building the frozen dataclass costs about as much
    #: as scanning a whole paragraph)
    cdef int* made_first
    cdef tuple made
    #: per region index: its id; its ancestors, nearest first, as region indices
    #: (ancestors_of[ancestors_first[i] : ancestors_first[i + 1]]); the Match regions when it
    #: is the only hit (itself then its ancestors)
    cdef tuple region_ids
    cdef int* ancestors_first
    cdef int* ancestors_of
    cdef tuple lineage

    def __init__(self, automaton, keys, terms, cue_sets, ambiguity, severity_rules, ancestors):
        cdef Py_ssize_t i, k = 0, c = 0, r
        region_ids = list(ancestors)
        index = {rid: i for i, rid in enumerate(region_ids)}
        for term in terms:
            for sense in term.senses:
                for region in sense.regions:
                    if region not in index:
                        index[region] = len(region_ids)
                        region_ids.append(region)
        self.automaton = automaton
        self.places = Places(terms, ambiguity, index)
        self.grader = Grader(severity_rules, cue_sets)
        self.keys = <Key*>table(len(keys), sizeof(Key))
        for i, (back, term) in enumerate(keys):
            self.keys[i] = Key(back, term, cue_sets[i] is not None)

        spellings = [spelling for term in terms for spelling in term.spellings]
        self.spelled = <Spelled*>table(len(terms), sizeof(Spelled))
        self.spellings = <Spelling*>table(len(spellings), sizeof(Spelling))
        self.chars = <Py_UCS4*>table(sum(len(spelling) for spelling in spellings), sizeof(Py_UCS4))
        slots = sum(len(sense.regions) for term in terms for sense in term.senses)
        self.made_first = <int*>table(slots, sizeof(int))
        made = []
        for i, term in enumerate(terms):
            self.spelled[i].count = len(term.spellings)
            self.spelled[i].more = k
            for n, spelling in enumerate(term.spellings):
                if n == 0:
                    self.spelled[i].first = Spelling(c, len(spelling))
                else:
                    self.spellings[k] = Spelling(c, len(spelling))
                    k += 1
                for ch in spelling:
                    self.chars[c] = ord(ch)
                    c += 1
        # Slots in Places' order: every sense of every term, its regions in order.
        r = 0
        for term in terms:
            for sense in term.senses:
                for region in sense.regions:
                    self.made_first[r] = len(made)
                    made.extend(RegionHit(region, (spelling,)) for spelling in term.spellings)
                    r += 1
        self.made = tuple(made)

        ancestors_first = [0]
        ancestors_of = []
        for rid in region_ids:
            ancestors_of.extend(index[up] for up in ancestors.get(rid, ()))
            ancestors_first.append(len(ancestors_of))
        self.ancestors_first = <int*>table(len(ancestors_first), sizeof(int))
        self.ancestors_of = <int*>table(len(ancestors_of), sizeof(int))
        for i, k in enumerate(ancestors_first):
            self.ancestors_first[i] = k
        for i, k in enumerate(ancestors_of):
            self.ancestors_of[i] = k
        self.region_ids = tuple(region_ids)
        self.lineage = tuple((rid, *ancestors.get(rid, ())) for rid in region_ids)

    def __dealloc__(self):
        PyMem_Free(self.keys)
        PyMem_Free(self.spelled)
        PyMem_Free(self.spellings)
        PyMem_Free(self.chars)
        PyMem_Free(self.made_first)
        PyMem_Free(self.ancestors_first)
        PyMem_Free(self.ancestors_of)

    def match(self, text, title="", *, bint title_severity=True):
        """Regions and severity of an update; the title counts as part of the evidence.

        ``title_severity=False`` lets the title place the update but not grade it: a new
        segment of a developing story is as serious as what it says, not as its headline.
        """
        cdef str padded, folded
        if self.keys == NULL:
            raise RuntimeError("Scanner.__init__ was not called")
        if title:
            title = prepare(title)
            padded = f" {title}\n{prepare(text)} "
        else:
            padded = f" {prepare(text)} "
        # Every offset below indexes both ``padded`` and ``folded``: folding keeps lengths.
        folded = fold(padded)
        cdef Text ctx = _text(padded, folded, len(title) + 1 if title else 0)
        cdef PlaceHit places_local[STACK]
        cdef CueHit cues_local[STACK]
        cdef Located located_local[STACK]
        cdef PlaceHit* places = places_local
        cdef CueHit* cues = cues_local
        cdef Located* located = located_local
        cdef Py_ssize_t place_room = STACK, cue_room = STACK
        cdef Py_ssize_t n_places = 0, n_cues = 0, n_located, start, last, prev_end = 0
        cdef Py_ssize_t cut, i, kept
        cdef int index, severity
        cdef Key* key
        cdef bint overlap = False
        cdef Text blanked
        try:
            for last, index in self.automaton.iter(folded):
                key = self.keys + index
                start = last - key.back
                if key.term >= 0:
                    # Hits come in order of their end, so one that starts before the previous
                    # place ended overlaps it.
                    if start < prev_end:
                        overlap = True
                    prev_end = last
                    if n_places == place_room:
                        places = <PlaceHit*>grow(
                            places, places_local, &place_room, sizeof(PlaceHit)
                        )
                    places[n_places] = PlaceHit(start, last, key.term)
                    n_places += 1
                if key.cued:
                    if n_cues == cue_room:
                        cues = <CueHit*>grow(cues, cues_local, &cue_room, sizeof(CueHit))
                    cues[n_cues] = CueHit(start, last, index)
                    n_cues += 1

            if title and not title_severity:
                # A new segment of a developing story is as serious as what it says, not as its
                # headline: blank the title out for grading; offsets stay valid as lengths are
                # kept.
                cut = len(title) + 1
                blank = " " * cut
                graded_text = blank + padded[cut:]
                graded_folded = blank + folded[cut:]
                blanked = _text(graded_text, graded_folded, 0)
                kept = 0
                for i in range(n_cues):
                    if cues[i].start >= cut:
                        cues[kept] = cues[i]
                        kept += 1
                reasons = self.grader.grade(cues, kept, &blanked, &severity)
            else:
                reasons = self.grader.grade(cues, n_cues, &ctx, &severity)

            if overlap:
                n_places = longest_first(places, n_places)
            located = <Located*>scratch(located_local, STACK, n_places, sizeof(Located))
            n_located = self.places.locate(places, n_places, &ctx, located)
            return self._match(&ctx, located, n_located, severity, reasons)
        finally:
            release(places, places_local)
            release(cues, cues_local)
            release(located, located_local)

    cdef object _match(
        self, Text* ctx, Located* located, Py_ssize_t n, int severity, tuple reasons
    ):
        """The Match for the accepted places: one RegionHit per region, with every spelling
        that made it, in order of appearance."""
        cdef Hit hits_local[STACK]
        cdef Said said_local[STACK]
        cdef int regions_local[STACK]
        cdef Hit* direct = hits_local
        cdef Said* said = said_local
        cdef int* hit_regions = regions_local
        cdef Py_ssize_t i, k, j, r, which
        cdef Py_ssize_t hit_count = 0, said_count = 0, room = STACK, said_room = STACK
        cdef int region
        cdef SenseRow* sense
        cdef tuple hits
        try:
            for i in range(n):
                sense = self.places.senses + located[i].sense
                which = -2  # not looked for yet
                for r in range(sense.region_first, sense.region_first + sense.region_count):
                    region = self.places.region_of[r]
                    for k in range(hit_count):
                        if direct[k].region == region:
                            break
                    else:
                        k = hit_count
                        if hit_count == room:
                            direct = <Hit*>grow(direct, hits_local, &room, sizeof(Hit))
                        if which == -2:
                            which = self._spelling(
                                ctx, located[i].start, located[i].end, sense.term
                            )
                        direct[k] = Hit(region, <int>r, which)
                        hit_count += 1
                    # Each spelling once per region, in order of appearance.
                    for j in range(said_count):
                        if said[j].hit == k and _same(
                            ctx, said[j], located[i].start, located[i].end
                        ):
                            break
                    else:
                        if said_count == said_room:
                            said = <Said*>grow(said, said_local, &said_room, sizeof(Said))
                        said[said_count] = Said(k, located[i].start, located[i].end)
                        said_count += 1

            hits = PyTuple_New(hit_count)
            for k in range(hit_count):
                hit = self._region_hit(ctx, k, direct[k], said, said_count)
                Py_INCREF(hit)
                PyTuple_SET_ITEM(hits, k, hit)
            if hit_count == 1:
                regions = self.lineage[direct[0].region]
            else:
                hit_regions = <int*>scratch(regions_local, STACK, hit_count, sizeof(int))
                for k in range(hit_count):
                    hit_regions[k] = direct[k].region
                regions = self._regions(hit_regions, hit_count)
            return _new_match(regions, hits, _SEVERITY[severity], reasons)
        finally:
            release(direct, hits_local)
            release(said, said_local)
            release(hit_regions, regions_local)

    cdef Py_ssize_t _spelling(self, Text* ctx, Py_ssize_t start, Py_ssize_t end, int term) noexcept:
        """Which of the term's spellings text[start:end] is, or -1."""
        cdef Py_ssize_t i, k, length = end - start
        cdef Spelling* spelling
        cdef Spelled* spelled = self.spelled + term
        for i in range(spelled.count):
            spelling = &spelled.first if i == 0 else self.spellings + spelled.more + i - 1
            if spelling.length != length:
                continue
            for k in range(length):
                if self.chars[spelling.start + k] != char_at(ctx, start + k):
                    break
            else:
                return i
        return -1

    cdef object _region_hit(
        self, Text* ctx, Py_ssize_t k, Hit hit, Said* said, Py_ssize_t said_count
    ):
        """The RegionHit of direct hit ``k``: made at build time when its one spelling is the
        data's."""
        cdef Py_ssize_t j, count = 0
        for j in range(said_count):
            count += said[j].hit == k
        if count == 1 and hit.which >= 0:
            return self.made[self.made_first[hit.slot] + hit.which]
        terms = PyTuple_New(count)
        count = 0
        for j in range(said_count):
            if said[j].hit == k:
                term = (<str>ctx.text)[said[j].start : said[j].end]
                Py_INCREF(term)
                PyTuple_SET_ITEM(terms, count, term)
                count += 1
        return _new_region_hit(self.region_ids[hit.region], terms)

    cdef tuple _regions(self, int* hits, Py_ssize_t count):
        """Direct hits first, then their ancestors, nearest first, never twice."""
        cdef int order_local[STACK]
        cdef uint64_t seen_local[STACK]
        cdef int* order = order_local
        cdef uint64_t* seen = seen_local
        cdef Py_ssize_t room = STACK, size = count, i, a, words = (len(self.region_ids) + 63) // 64
        cdef int region
        cdef tuple regions
        try:
            seen = <uint64_t*>scratch(seen_local, STACK, words, sizeof(uint64_t))
            memset(seen, 0, words * sizeof(uint64_t))
            if size > room:
                order = <int*>scratch(order_local, STACK, size, sizeof(int))
                room = size
            for i in range(count):
                order[i] = hits[i]
                seen[hits[i] // 64] |= (<uint64_t>1) << (hits[i] % 64)
            for i in range(count):
                for a in range(self.ancestors_first[hits[i]], self.ancestors_first[hits[i] + 1]):
                    region = self.ancestors_of[a]
                    if seen[region // 64] & ((<uint64_t>1) << (region % 64)):
                        continue
                    seen[region // 64] |= (<uint64_t>1) << (region % 64)
                    if size == room:
                        order = <int*>grow(order, order_local, &room, sizeof(int))
                    order[size] = region
                    size += 1
            regions = PyTuple_New(size)
            for i in range(size):
                rid = self.region_ids[order[i]]
                Py_INCREF(rid)
                PyTuple_SET_ITEM(regions, i, rid)
            return regions
        finally:
            release(order, order_local)
            release(seen, seen_local)


cdef Text _text(str text, str folded, Py_ssize_t title_end):
    return Text(
        <PyObject*>text,
        <PyObject*>folded,
        PyUnicode_KIND(text),
        PyUnicode_DATA(text),
        <const char*>PyUnicode_DATA(folded),
        len(text),
        title_end,
        -1,
    )


cdef bint _same(Text* ctx, Said said, Py_ssize_t start, Py_ssize_t end) noexcept:
    # text[said.start:said.end] == text[start:end]
    cdef Py_ssize_t k
    if said.end - said.start != end - start:
        return False
    for k in range(end - start):
        if char_at(ctx, said.start + k) != char_at(ctx, start + k):
            return False
    return True


cdef object _new_match(tuple regions, tuple hits, object severity, tuple reasons):
    match = (<PyTypeObject*>Match).tp_new(Match, <PyObject*>_NO_ARGS, NULL)
    PyObject_GenericSetAttr(match, "regions", regions)
    PyObject_GenericSetAttr(match, "hits", hits)
    PyObject_GenericSetAttr(match, "severity", severity)
    PyObject_GenericSetAttr(match, "reasons", reasons)
    return match


cdef object _new_region_hit(str region, tuple terms):
    hit = (<PyTypeObject*>RegionHit).tp_new(RegionHit, <PyObject*>_NO_ARGS, NULL)
    PyObject_GenericSetAttr(hit, "region", region)
    PyObject_GenericSetAttr(hit, "terms", terms)
    return hit

from libc.stdint cimport uint64_t

from bot.matching.hits cimport Located, PlaceHit, Text


cdef struct TermRow:
    # the index of its sure sense (Term.sure), or -1
    int sure
    # its senses are senses[first : first + count], best rank first
    int first
    int count
    bint ambiguous


cdef struct SenseRow:
    long long rank
    # the term it belongs to
    int term
    # the regions it tags: region_of[region_first : region_first + region_count]
    int region_first
    int region_count
    # Tier as an int
    int tier


cdef struct Careful:
    # a hit that needs evidence: its span, term, the senses its form allows
    # (chosen[first : first + count]), and what its context says
    Py_ssize_t start
    Py_ssize_t end
    int term
    Py_ssize_t first
    int count
    bint proven
    bint hinted


cdef class Places:
    # One row per term and per sense (read together, so kept together), owned here.
    cdef TermRow* terms
    cdef SenseRow* senses
    #: per sense: its country codes as a bitset of ``words`` 64-bit words
    cdef uint64_t* countries
    cdef int words
    #: region indices (the caller's) of every sense, see SenseRow.region_first
    cdef int* region_of
    cdef int max_senses
    #: per sense: Sense.exact (None or the spelling the text must show)
    cdef tuple sense_exact
    cdef frozenset not_names
    cdef frozenset prepositions

    cdef Py_ssize_t locate(self, PlaceHit* hits, Py_ssize_t n, Text* ctx, Located* out) except -1
    cdef void _add_countries(self, uint64_t* into, int sense) noexcept
    cdef int _choose(
        self, int* senses, int count, uint64_t* evidence, uint64_t* peers, bint proven,
        bint hinted,
    ) noexcept
    cdef void _peer_countries(
        self, Careful* careful, Py_ssize_t found, int* chosen, uint64_t* unions, uint64_t* peers
    ) noexcept
    cdef bint _beside_a_name(
        self, Py_ssize_t start, Py_ssize_t end, Py_ssize_t before_start, Py_ssize_t before_end,
        Text* ctx,
    ) except -1
    cdef bint _name_like(self, Text* ctx, Py_ssize_t start, Py_ssize_t end) except -1
    cdef bint _hint(
        self, Py_ssize_t end, Py_ssize_t before_start, Py_ssize_t before_end, Text* ctx
    ) except -1


cdef Py_ssize_t longest_first(PlaceHit* hits, Py_ssize_t n) except -1

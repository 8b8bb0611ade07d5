from bot.matching.hits cimport CueHit, Span, Text


cdef struct Trigger:
    # the one trigger of a word (by the start of that word)
    Py_ssize_t start
    Py_ssize_t end
    # the ``last`` of the hit that first set it: hits come in order of it
    Py_ssize_t seen_at
    int level
    bint is_word
    int rule


cdef struct KeyCues:
    # what one automaton key means for severity: its triggers
    # (trigger_rules[first : first + count]), the regex facts it unlocks
    # (fact_of[facts_first : facts_first + facts_count]), a bitset of the modifier lists it
    # joins (bit i: severity._MODIFIERS[i]), and whether it is a stem that runs on to the end
    # of its word
    int first
    int count
    int facts_first
    int facts_count
    unsigned char modifiers
    bint stem


cdef struct Rule:
    # one trigger of a key: its level, a level word (not a fact), and its key path in reasons
    int level
    bint is_word
    int rule


cdef class Grader:
    # One row per automaton key and per trigger (read together, so kept together), owned here.
    cdef KeyCues* keys
    cdef Rule* trigger_rules
    cdef int* fact_of
    #: the key paths in severity.toml that reasons name ("levels.critical.words")
    cdef tuple rules
    #: the fixed parts of a counted trigger's reason, by level - 1 and by rule
    cdef tuple fired_before
    cdef tuple fired_after
    #: per regex fact: (pattern, level, name)
    cdef tuple facts
    cdef int negation_window, hedge_window, hedge_steps, calm_steps

    cdef tuple grade(self, CueHit* found, Py_ssize_t n, Text* text, int* severity)
    cdef str _fired(self, int level, int rule, const Text* text, Py_ssize_t start, Py_ssize_t end)
    cdef void _trigger(
        self, Trigger* triggers, Py_ssize_t* count, CueHit hit, Py_ssize_t end, int k
    ) noexcept
    cdef bint _pattern_fact(
        self, int i, CueHit* found, Py_ssize_t n, Text* text, Span* neg_before,
        Py_ssize_t neg_before_count, Span* neg_after, Py_ssize_t neg_after_count, list fired,
        list notes,
    ) except -1

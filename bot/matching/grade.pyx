# cython: language_level=3, boundscheck=False, wraparound=False
"""Severity from the cue hits of one text: which rule fired, and what graded it down.

The matcher finds every severity word in the same single automaton pass as the place names and
hands the hits here. Each trigger (a level word, or a fact) is then checked against the cues
around it, within its sentence:

- negation a few words before ("no gunfire", "without casualties") or after ("…were denied")
  cancels the trigger;
- a hedge shortly before ("could", "in the event of", "threatened") grades a level word down;
- de-escalation anywhere in the text ("agreed to", "ceasefire holds") grades the result down.

Facts (past-tense attacks, "12 people were killed") are not graded down by hedges or
de-escalation: something that happened is not made less serious by the words around it.

Compiled with Cython because it runs on every update (docs/MATCHING.md, Speed): the cue sets
``bot.matching.severity`` makes at build time become C arrays indexed by automaton key, hits
and spans are C structs, and the window checks read the characters of the text where they
are. Python objects are made only for the answer: the reasons and the words they quote.
"""

from cpython.mem cimport PyMem_Free
from cpython.ref cimport Py_INCREF
from cpython.tuple cimport PyTuple_New, PyTuple_SET_ITEM
from cpython.unicode cimport (
    PyUnicode_DATA,
    PyUnicode_KIND,
    PyUnicode_New,
    PyUnicode_READ,
    PyUnicode_WRITE,
)

from bot.matching.hits cimport CueHit, Span, Text, char_at, release, scratch, table

cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object text)

from bot.model import Severity

cdef enum:
    # Cue hits a text may have before its lists move from the stack to the heap.
    STACK = 64
    # Indices of the modifier lists (severity._MODIFIERS).
    NEGATION_BEFORE = 0
    NEGATION_AFTER = 1
    HEDGE = 2
    DEESCALATION = 3

NOTHING_FIRED = ("low: no severity rule counted",)

cdef int _LOW = Severity.LOW
cdef tuple _LABEL = (None, *[Severity(i).label for i in range(1, max(Severity) + 1)])
cdef Span _NONE = Span(-1, -1)


cdef class Grader:
    """The severity rules, flattened once for :meth:`grade`."""

    def __init__(self, rules, cue_sets):
        """``rules``: SeverityRules; ``cue_sets``: per automaton key, its CueSet
        (``bot.matching.severity.cue_set``) or None."""
        cdef Py_ssize_t k, t = 0, f = 0
        rule_index = {}
        self.keys = <KeyCues*>table(len(cue_sets), sizeof(KeyCues))
        self.trigger_rules = <Rule*>table(
            sum(len(found[1]) for found in cue_sets if found is not None), sizeof(Rule)
        )
        self.fact_of = <int*>table(
            sum(len(found[3]) for found in cue_sets if found is not None), sizeof(int)
        )
        for k, found in enumerate(cue_sets):
            key_stem, key_triggers, key_modifiers, key_facts = found or (False, (), (), ())
            self.keys[k] = KeyCues(
                t, len(key_triggers), f, len(key_facts), sum(1 << i for i in key_modifiers),
                key_stem,
            )
            for level, is_word, rule in key_triggers:
                rule_at = rule_index.setdefault(rule, len(rule_index))
                self.trigger_rules[t] = Rule(level, is_word, rule_at)
                t += 1
            for fact in key_facts:
                self.fact_of[f] = fact
                f += 1
        self.rules = tuple(rule_index)
        # The fixed parts of 'critical: "Gunfire" (levels.critical.words)', made once.
        self.fired_before = tuple(f'{label}: "' for label in _LABEL[1:])
        self.fired_after = tuple(f'" ({rule})' for rule in self.rules)
        self.negation_window = rules.negation.window
        self.hedge_window = rules.hedge.window
        self.hedge_steps = rules.hedge.steps
        self.calm_steps = rules.deescalation.steps
        self.facts = tuple((f.pattern, int(f.level), f.name) for f in rules.facts)

    def __dealloc__(self):
        PyMem_Free(self.keys)
        PyMem_Free(self.trigger_rules)
        PyMem_Free(self.fact_of)

    cdef tuple grade(self, CueHit* found, Py_ssize_t n, Text* text, int* severity):
        """The reasons for the severity of ``text``, which goes to ``severity[0]``.

        ``found`` holds the hits with severity cues, in the automaton's order.
        """
        cdef Trigger triggers_local[STACK]
        cdef Span modifiers_local[4 * STACK]
        cdef Trigger* triggers = triggers_local
        cdef Span* modifiers = modifiers_local
        cdef Py_ssize_t listed[4]
        cdef Span* neg_before
        cdef Span* neg_after
        cdef Span* hedges
        cdef Span* calming
        cdef Span neg, hedged, first
        cdef Trigger trigger
        cdef Py_ssize_t i, j, k, end, count = 0
        cdef int m, level, lower, rule
        cdef KeyCues* cues
        cdef int best_fact = _LOW, best_word = _LOW, counted = 0, window = self.negation_window
        cdef bint facts = False
        try:
            triggers = <Trigger*>scratch(triggers_local, STACK, n, sizeof(Trigger))
            modifiers = <Span*>scratch(modifiers_local, 4 * STACK, 4 * n, sizeof(Span))
            neg_before = modifiers
            neg_after = modifiers + n
            hedges = modifiers + 2 * n
            calming = modifiers + 3 * n
            listed[0] = listed[1] = listed[2] = listed[3] = 0
            # One pass sorts the hits by kind; each list keeps the automaton's order, which is
            # what decides which cue a reason names.
            for i in range(n):
                cues = self.keys + found[i].key
                # A stem runs on to the end of its word: "evacuat*" reports "evacuation".
                end = _word_end(text, found[i].last) if cues.stem else found[i].last
                for k in range(cues.first, cues.first + cues.count):
                    self._trigger(triggers, &count, found[i], end, k)
                if cues.modifiers:
                    for m in range(4):
                        if cues.modifiers & (1 << m):
                            modifiers[m * n + listed[m]] = Span(found[i].start, end)
                            listed[m] += 1
                if cues.facts_count:
                    facts = True
            if not count and not facts:
                # Many paragraphs fire no severity rule: no checks, the reason is fixed.
                severity[0] = _LOW
                return NOTHING_FIRED

            # By the start of their word: hits come nearly in that order already.
            for i in range(1, count):
                trigger = triggers[i]
                j = i
                while j > 0 and triggers[j - 1].start > trigger.start:
                    triggers[j] = triggers[j - 1]
                    j -= 1
                triggers[j] = trigger

            fired = []
            # most updates have no notes: the list is made for the first one
            notes = None
            for i in range(count):
                trigger = triggers[i]
                if _seen_before(triggers, i, text):
                    continue
                rule = trigger.rule
                neg = _negated(
                    neg_before, listed[NEGATION_BEFORE], neg_after, listed[NEGATION_AFTER],
                    trigger.start, trigger.end, text, window,
                )
                if neg.start >= 0:
                    said = (<str>text.text)[trigger.start : trigger.end]
                    if notes is None:
                        notes = []
                    notes.append(
                        f'not counted: "{said}" ({self.rules[rule]}), '
                        f'negated by "{(<str>text.text)[neg.start : neg.end]}"'
                    )
                    continue
                counted += 1
                level = trigger.level
                if not trigger.is_word:
                    if level > best_fact:
                        best_fact = level
                    fired.append(self._fired(level, rule, text, trigger.start, trigger.end))
                    continue
                hedged = _before(hedges, listed[HEDGE], trigger.start, text, self.hedge_window)
                if hedged.start >= 0:
                    lower = max(_LOW, level - self.hedge_steps)
                    said = (<str>text.text)[trigger.start : trigger.end]
                    if notes is None:
                        notes = []
                    notes.append(
                        f'graded down {_LABEL[level]} → {_LABEL[lower]}: "{said}" '
                        f'({self.rules[rule]}) hedged by '
                        f'"{(<str>text.text)[hedged.start : hedged.end]}" (hedge.words)'
                    )
                    level = lower
                else:
                    fired.append(self._fired(level, rule, text, trigger.start, trigger.end))
                if level > best_word:
                    best_word = level

            if facts:
                if notes is None:
                    notes = []
                for k in range(len(self.facts)):
                    if self._pattern_fact(
                        <int>k, found, n, text, neg_before, listed[NEGATION_BEFORE], neg_after,
                        listed[NEGATION_AFTER], fired, notes,
                    ):
                        counted += 1
                        best_fact = max(best_fact, <int>self.facts[k][1])

            if listed[DEESCALATION] and best_word > _LOW:
                lower = max(_LOW, best_word - self.calm_steps)
                first = calming[0]
                if notes is None:
                    notes = []
                notes.append(
                    f"graded down {_LABEL[best_word]} → {_LABEL[lower]}: de-escalation "
                    f'"{(<str>text.text)[first.start : first.end]}" (deescalation.words)'
                )
                best_word = lower

            level = max(best_fact, best_word)
            if not counted:
                fired.extend(NOTHING_FIRED)
            elif level == _LOW:
                fired.append("low: every rule that fired was graded down")
            elif not fired:
                fired.append(f"{_LABEL[level]}: after grading down (see below)")
            severity[0] = level
            return _joined(fired, notes) if notes else tuple(fired)
        finally:
            release(triggers, triggers_local)
            release(modifiers, modifiers_local)

    cdef str _fired(self, int level, int rule, const Text* text, Py_ssize_t start, Py_ssize_t end):
        """The reason of a trigger that counted: 'critical: "Gunfire" (levels.critical.words)'.

        Made as one string from the fixed parts and the words as written (no slice of them in
        between): most updates give two or three of these.
        """
        cdef str before = self.fired_before[level - 1], after = self.fired_after[rule]
        cdef Py_ssize_t i, size = len(before), length = end - start
        cdef Py_UCS4 widest = max(_widest(before), _widest(after)), ch
        for i in range(start, end):
            ch = char_at(text, i)
            if ch > widest:
                widest = ch
        cdef str reason = PyUnicode_New(size + length + len(after), widest)
        cdef int kind = PyUnicode_KIND(reason)
        cdef void* data = PyUnicode_DATA(reason)
        _write(before, kind, data, 0)
        for i in range(length):
            PyUnicode_WRITE(kind, data, size + i, char_at(text, start + i))
        _write(after, kind, data, size + length)
        return reason

    cdef void _trigger(
        self, Trigger* triggers, Py_ssize_t* count, CueHit hit, Py_ssize_t end, int k
    ) noexcept:
        """Record trigger ``k`` of ``hit``. One trigger per word ("shelling" can meet a word and
        a stem rule): the higher level wins, then the longer, then a level word over a fact."""
        cdef Py_ssize_t i = count[0] - 1
        cdef Trigger* old
        cdef int level = self.trigger_rules[k].level
        cdef bint is_word = self.trigger_rules[k].is_word
        # A trigger of the same word was set by a hit ending at or after the word's start;
        # hits come in order of their end, so the search stops at one that ended before it.
        while i >= 0 and triggers[i].seen_at >= hit.start:
            old = triggers + i
            if old.start == hit.start:
                if (
                    level > old.level
                    or level == old.level
                    and (end > old.end or end == old.end and is_word > old.is_word)
                ):
                    old.level = level
                    old.end = end
                    old.is_word = is_word
                    old.rule = self.trigger_rules[k].rule
                return
            i -= 1
        triggers[count[0]] = Trigger(
            hit.start, end, hit.last, level, is_word, self.trigger_rules[k].rule
        )
        count[0] += 1

    cdef bint _pattern_fact(
        self,
        int i,
        CueHit* found,
        Py_ssize_t n,
        Text* text,
        Span* neg_before,
        Py_ssize_t neg_before_count,
        Span* neg_after,
        Py_ssize_t neg_after_count,
        list fired,
        list notes,
    ) except -1:
        """Whether regex fact ``i`` counts; its reason goes to ``fired`` or ``notes``.

        The pattern runs on each sentence holding one of its words, not on the whole text: a
        regex scan of a whole update costs more than everything else in ``match``, and a
        number in one sentence says nothing about the dead of the next.
        """
        cdef Py_ssize_t searched_local[STACK]
        cdef Py_ssize_t* searched = searched_local
        cdef Py_ssize_t h, k, begin, stop, done = 0
        cdef Span neg
        cdef KeyCues* cues
        pattern, level, name = self.facts[i]
        try:
            searched = <Py_ssize_t*>scratch(searched_local, STACK, n, sizeof(Py_ssize_t))
            for h in range(n):
                cues = self.keys + found[h].key
                for k in range(cues.facts_first, cues.facts_first + cues.facts_count):
                    if self.fact_of[k] == i:
                        break
                else:
                    continue
                begin = found[h].start
                while begin > 0 and not _is_break(char_at(text, begin - 1)):
                    begin -= 1
                for k in range(done):
                    if searched[k] == begin:
                        break
                else:
                    searched[done] = begin
                    done += 1
                    stop = found[h].start
                    while stop < text.length and not _is_break(char_at(text, stop)):
                        stop += 1
                    # The first match is what finditer would give first; most count, so the
                    # iterator is made only when one is negated.
                    m = pattern.search(<str>text.folded, begin, stop)
                    matches = None
                    while m is not None:
                        m_start, m_end = m.span()
                        said = (<str>text.text)[m_start:m_end]
                        neg = _negated(
                            neg_before, neg_before_count, neg_after, neg_after_count,
                            m_start, m_end, text, self.negation_window,
                        )
                        if neg.start < 0:
                            fired.append(f'{_LABEL[level]}: "{said}" (facts[{i}] {name})')
                            return True
                        notes.append(
                            f'not counted: "{said}" (facts[{i}] {name}), '
                            f'negated by "{(<str>text.text)[neg.start : neg.end]}"'
                        )
                        if matches is None:
                            matches = pattern.finditer(<str>text.folded, begin, stop)
                            next(matches)
                        m = next(matches, None)
            return False
        finally:
            release(searched, searched_local)


cdef void _write(str part, int kind, void* data, Py_ssize_t at) noexcept:
    # part into a new string's characters from ``at``: a few characters, so a plain loop
    # (PyUnicode_CopyCharacters checks more than it copies here)
    cdef Py_ssize_t i
    cdef int part_kind = PyUnicode_KIND(part)
    cdef void* part_data = PyUnicode_DATA(part)
    for i in range(len(part)):
        PyUnicode_WRITE(kind, data, at + i, PyUnicode_READ(part_kind, part_data, i))


cdef Py_UCS4 _widest(str text) noexcept:
    # the largest character of ``text`` (any ASCII one will do for ASCII text)
    cdef Py_UCS4 widest = 0, ch
    if PyUnicode_IS_ASCII(text):
        return 0
    for ch in text:
        if ch > widest:
            widest = ch
    return widest


cdef bint _seen_before(Trigger* triggers, Py_ssize_t i, Text* text) except -1:
    """Whether an earlier trigger has the same rule and the same word (ignoring case):
    a word said twice gives one reason."""
    cdef Py_ssize_t j
    for j in range(i):
        if triggers[j].rule == triggers[i].rule and _same_lower(
            text, triggers[j].start, triggers[j].end, triggers[i].start, triggers[i].end
        ):
            return True
    return False


cdef tuple _joined(list first, list then):
    # (*first, *then) without the intermediate list
    cdef Py_ssize_t i, size = len(first)
    cdef tuple out = PyTuple_New(size + len(then))
    for i in range(size):
        item = first[i]
        Py_INCREF(item)
        PyTuple_SET_ITEM(out, i, item)
    for i in range(len(then)):
        item = then[i]
        Py_INCREF(item)
        PyTuple_SET_ITEM(out, size + i, item)
    return out


cdef inline bint _is_break(Py_UCS4 ch) noexcept:
    # the end of a sentence, for the checks that stay within one
    return ch == u"." or ch == u"!" or ch == u"?" or ch == u";" or ch == u"\n"


cdef Py_ssize_t _word_end(const Text* text, Py_ssize_t i) noexcept:
    # the first space at or after i in the folded text (there is one: it is padded)
    while text.low[i] != b" ":
        i += 1
    return i


cdef Span _negated(
    Span* before,
    Py_ssize_t before_count,
    Span* after,
    Py_ssize_t after_count,
    Py_ssize_t start,
    Py_ssize_t end,
    const Text* text,
    int window,
) noexcept:
    cdef Span found = _before(before, before_count, start, text, window)
    if found.start >= 0:
        return found
    return _after(after, after_count, end, text, window)


cdef Span _before(
    Span* cues, Py_ssize_t count, Py_ssize_t edge, const Text* text, int window
) noexcept:
    """The first cue ending at most ``window`` words before ``edge``, in the same sentence."""
    cdef Py_ssize_t i, reach
    if not count:
        return _NONE
    reach = _reach_back(text, edge, window)
    for i in range(count):
        if reach <= cues[i].end <= edge:
            return cues[i]
    return _NONE


cdef Span _after(
    Span* cues, Py_ssize_t count, Py_ssize_t edge, const Text* text, int window
) noexcept:
    """The first cue starting at most ``window`` words after ``edge``, in the same sentence."""
    cdef Py_ssize_t i, reach
    if not count:
        return _NONE
    reach = _reach_forward(text, edge, window)
    for i in range(count):
        if edge <= cues[i].start <= reach:
            return cues[i]
    return _NONE


cdef Py_ssize_t _reach_back(const Text* text, Py_ssize_t edge, int window) noexcept:
    """How far back from ``edge`` a cue may end: text[end:edge] must hold no sentence break
    and at most ``window`` words of the folded text. Both only grow as ``end`` moves back, so
    one scan back from ``edge`` finds the limit, and each cue is then one comparison."""
    cdef Py_ssize_t i = edge, words = 0
    while i > 0:
        i -= 1
        if _is_break(char_at(text, i)):
            return i + 1
        # the last letter of a word (or of the part of one before ``edge``)
        if text.low[i] != b" " and (i + 1 == edge or text.low[i + 1] == b" "):
            words += 1
            if words > window:
                return i + 1
    return 0


cdef Py_ssize_t _reach_forward(const Text* text, Py_ssize_t edge, int window) noexcept:
    """How far after ``edge`` a cue may start: :func:`_reach_back` the other way."""
    cdef Py_ssize_t i
    cdef Py_ssize_t words = 0
    for i in range(edge, text.length):
        if _is_break(char_at(text, i)):
            return i
        # the first letter of a word (or of the part of one after ``edge``)
        if text.low[i] != b" " and (i == edge or text.low[i - 1] == b" "):
            words += 1
            if words > window:
                return i
    return text.length


cdef bint _same_lower(
    const Text* text, Py_ssize_t a, Py_ssize_t a_end, Py_ssize_t b, Py_ssize_t b_end
) except -1:
    """text[a:a_end].lower() == text[b:b_end].lower(), without the copies for ASCII."""
    cdef Py_ssize_t i
    cdef Py_UCS4 x, y
    cdef str t = <str>text.text
    if a_end - a == b_end - b:
        for i in range(a_end - a):
            x = char_at(text, a + i)
            y = char_at(text, b + i)
            if x >= 128 or y >= 128:
                break
            if x != y and _ascii_lower(x) != _ascii_lower(y):
                return False
        else:
            return True
    elif _ascii(text, a, a_end) and _ascii(text, b, b_end):
        return False
    # Other letters can change length or meet ASCII when lowered ("K" for kelvin is "k").
    return t[a:a_end].lower() == t[b:b_end].lower()


cdef inline Py_UCS4 _ascii_lower(Py_UCS4 ch) noexcept:
    return <Py_UCS4>(<unsigned int>ch + 32) if u"A" <= ch <= u"Z" else ch


cdef bint _ascii(const Text* text, Py_ssize_t start, Py_ssize_t end) noexcept:
    cdef Py_ssize_t i
    for i in range(start, end):
        if char_at(text, i) >= 128:
            return False
    return True

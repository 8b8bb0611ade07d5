"""Severity from the cue hits of one text: which rule fired, and what graded it down.

The matcher finds every severity word in the same single automaton pass as the place names and
hands the hits here. Each trigger (a level word, or a fact) is then checked against the cues
around it, within its sentence:

- negation a few words before ("no gunfire", "without casualties") or after ("…were denied")
  cancels the trigger;
- a hedge shortly before ("could", "in the event of", "threatened") grades a level word down;
- de-escalation anywhere in the text ("agreed to", "ceasefire holds") grades the result down;
- a frame in the sentence ("drill", "anniversary", "trial", "documentary") says it is not
  happening now: every trigger of that sentence counts at most the frame's level;
- a pair ("together") fires when a word of each of its two lists stands in one sentence
  ("clashes … there are dead", "a drone hit"), with neither negated nor hedged; it is framed
  like a level word, but not graded down by de-escalation (what it says happened). A pair's
  own word is never its hedge ("threatens" in "threatens tariffs");
- the longest trigger wins, as for place names: a word inside a longer trigger counts only as
  that trigger, and is no side of a pair ("cyber attack" is medium, not also an "attack";
  the "bomb" of "bomb threat" hit nothing).

An English verb configured as its lemma and a ``+`` ("kill+", "open+ fire") stands for each of
its forms (``inflect``), so one entry meets every tense and person a headline uses.

Facts (past-tense attacks, "12 people were killed") are not graded down by hedges or
de-escalation: something that happened is not made less serious by the words around it.

This runs once per update, so the cues are plain tuples and levels plain ints; a ``Severity``
is made only for the answer.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence

from bot.matching.rules import SeverityRules, language_of
from bot.model import Severity

# Cue kinds. LEVEL and FACT are the lowest so that one comparison tells a trigger.
LEVEL = 1
FACT = 2
NEGATION_BEFORE = 3
NEGATION_AFTER = 4
HEDGE = 5
DEESCALATION = 6
#: a word that makes a regex fact worth running
FACT_WORD = 7
#: a word that says its sentence is not about something happening now
FRAME = 8
#: a word of one side of a pair rule; its slot is 2 × the rule's index + the side
PAIR = 9
#: a phrase that holds a severity word but names no event ("heart attack")
NOT_EVENT = 10

#: (kind, the rule's key path in severity.toml such as "levels.critical.words", level as an
#: int (LOW when the kind sets none), index of the regex fact a FACT_WORD unlocks, or the
#: pair slot of a PAIR word, or -1)
Cue = tuple[int, str, int, int]
#: a trigger of one key: (level, is a level word rather than a fact, rule)
Trigger = tuple[int, bool, str]
#: what one automaton key means for severity, sorted by kind once at build time: (a stem
#: running on to the end of its word, its triggers, the modifier lists it joins (see
#: ``_MODIFIERS``), the regex facts it unlocks, the lowest level a frame of it caps at or -1,
#: the pair slots it fills, whether it is a phrase that names no event, whether it is a word's
#: head found at the end of a longer word: "*streik" in "Bahnstreik")
CueSet = tuple[
    bool, tuple[Trigger, ...], tuple[int, ...], tuple[int, ...], int, tuple[int, ...], bool,
    bool,
]
#: an automaton key of the severity rules: its length less its padding, and its cues
CueKey = tuple[int, CueSet]
#: a severity key found in a text: (the automaton's end index, the key's index)
CueKeyHit = tuple[int, int]
Span = tuple[int, int]

NOTHING_FIRED = ("low: no severity rule counted",)

_LOW = int(Severity.LOW)
_LABEL = {int(s): s.label for s in Severity}
_SEVERITY = {int(s): s for s in Severity}
#: the cue kinds that modify a trigger, by their list's index in ``Grader.grade``
_MODIFIERS = (NEGATION_BEFORE, NEGATION_AFTER, HEDGE, DEESCALATION)
#: a sentence's end, but not the dot inside a number ("2.000"). Each pattern starts with the
#: character it matches and looks around only after it: a pattern that starts with a
#: lookaround is tried at every offset, four times slower (they run several times per update).
_BREAK = re.compile(r"[.!?;\n](?<!\d\.(?=\d))")
#: a pair's words may stand either side of a semicolon: it joins two clauses of one story
#: ("quake shakes Taiwan; buildings damaged")
_PAIR_BREAK = re.compile(r"[.!?\n](?<!\d\.(?=\d))")
#: words that open a clause about what has happened: a cue before them is not about it
_CLAUSE = re.compile(r" (?:after|amid|following|despite) ")
#: the space a number's groups of thousands leave in the folded text ("2 000", "2.000")
_THOUSANDS = re.compile(r" (?<=\d )(?=\d{3}\b)")


#: English verbs whose forms the rules of ``verb_forms`` do not make: the third person, the
#: past forms and the -ing form
_IRREGULAR = {
    "strike": ("strikes", "struck", "stricken", "striking"),
    "shoot": ("shoots", "shot", "shooting"),
    "hit": ("hits", "hit", "hitting"),
    "fight": ("fights", "fought", "fighting"),
    "leave": ("leaves", "left", "leaving"),
    "blow": ("blows", "blew", "blown", "blowing"),
    "die": ("dies", "died", "dying"),
    "take": ("takes", "took", "taken", "taking"),
    "retake": ("retakes", "retook", "retaken", "retaking"),
    "hold": ("holds", "held", "holding"),
    "kidnap": ("kidnaps", "kidnapped", "kidnaped", "kidnapping"),
    "overrun": ("overruns", "overran", "overrunning"),
    "set": ("sets", "setting"),
    "flee": ("flees", "fled", "fleeing"),
    "throw": ("throws", "threw", "thrown", "throwing"),
}
#: one syllable ending in one vowel and one consonant doubles it: "stab" → "stabbed"
_DOUBLES = re.compile(r"[^aeiou]*[aeiou][bdgmnprt]")


def verb_forms(verb: str) -> tuple[str, ...]:
    """``"kill"`` → kill, kills, killed, killing: every form an English verb takes in news.

    A trigger written once as its lemma then meets every tense and person of a headline
    ("Gunmen kill…", "…killing three", "were killed"), instead of a list that always lacks one.
    """
    if verb in _IRREGULAR:
        return (verb, *_IRREGULAR[verb])
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        third = verb + "es"
    elif re.search(r"[^aeiou]y$", verb):
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    if verb.endswith("e"):
        return verb, third, verb + "d", verb[:-1] + "ing"
    if re.search(r"[^aeiou]y$", verb):
        return verb, third, verb[:-1] + "ied", verb + "ing"
    stem = verb + verb[-1] if _DOUBLES.fullmatch(verb) else verb
    return verb, third, stem + "ed", stem + "ing"


def inflect(term: str) -> tuple[str, ...]:
    """A configured term with every word marked ``+`` replaced by each of its verb forms.

    ``"open+ fire"`` → "open fire", "opens fire", "opened fire", "opening fire"; a term
    without ``+`` is itself.
    """
    if "+" not in term:
        return (term,)
    out = [""]
    for word in term.split(" "):
        forms = verb_forms(word[:-1]) if word.endswith("+") else (word,)
        out = [f"{head} {form}" if head else form for head in out for form in forms]
    return tuple(out)


def cues(rules: SeverityRules) -> Iterable[tuple[str | None, str, Cue]]:
    """Every (language, term, cue) the automaton must know: configured terms, verbs
    inflected, Arabic terms also joined to the "and" written as part of the word ("ويهدم");
    the language is the term's mark ("de:Brand in"), None for a term of every language."""
    for marked, cue in _configured(rules):
        language, term = language_of(marked)
        for form in inflect(term):
            yield language, form, cue
            if "\u0600" <= form[:1] <= "\u06ff" and not form.startswith("و"):
                yield language, "و" + form, cue


def _configured(rules: SeverityRules) -> Iterable[tuple[str, Cue]]:
    """Every (term as configured, cue) pair."""
    for rule in rules.levels:
        where = f"levels.{rule.level.label}"
        for word in rule.words:
            yield word, (LEVEL, f"{where}.words", int(rule.level), -1)
        for word in rule.facts:
            yield word, (FACT, f"{where}.facts", int(rule.level), -1)
    for word in rules.negation.before:
        yield word, (NEGATION_BEFORE, "negation.before", _LOW, -1)
    for word in rules.negation.after:
        yield word, (NEGATION_AFTER, "negation.after", _LOW, -1)
    for word in rules.hedge.words:
        yield word, (HEDGE, "hedge.words", _LOW, -1)
    for word in rules.deescalation.words:
        yield word, (DEESCALATION, "deescalation.words", _LOW, -1)
    for i, fact in enumerate(rules.facts):
        for word in fact.words:
            yield word, (FACT_WORD, f"facts[{i}]", int(fact.level), i)
    for i, frame in enumerate(rules.frames):
        for word in frame.words:
            yield word, (FRAME, f"frames[{i}]", int(frame.level), -1)
    for i, pair in enumerate(rules.together):
        for side, words in enumerate((pair.first, pair.second)):
            for word in words:
                yield word, (PAIR, f"together[{i}]", int(pair.level), 2 * i + side)
    for phrase in rules.not_events:
        yield phrase, (NOT_EVENT, "not_events.phrases", _LOW, -1)


def cue_set(stem: bool, key_cues: Iterable[Cue], head: bool = False) -> CueSet:
    """The cues of one key, in the form :meth:`Grader.grade` reads."""
    found = tuple(key_cues)
    kinds = {kind for kind, _, _, _ in found}
    return (
        stem,
        tuple((level, kind == LEVEL, rule) for kind, rule, level, _ in found if kind <= FACT),
        tuple(i for i, kind in enumerate(_MODIFIERS) if kind in kinds),
        tuple(fact for kind, _, _, fact in found if kind == FACT_WORD),
        min((level for kind, _, level, _ in found if kind == FRAME), default=-1),
        tuple(slot for kind, _, _, slot in found if kind == PAIR),
        NOT_EVENT in kinds,
        head,
    )


class Grader:
    """The severity rules, flattened once for :meth:`grade`."""

    def __init__(
        self, rules: SeverityRules, keys: Sequence[CueKey],
        languages: Mapping[int, frozenset[str]] | None = None,
    ) -> None:
        #: what each severity key of the automaton means, by its index, flattened for
        #: ``grade``'s loop over every hit, with whether the key is anything besides a trigger
        #: (most are a trigger and nothing else)
        self._flat = [
            (back, *cues_of_key, bool(cues_of_key[2] or cues_of_key[3] or cues_of_key[5])
             or cues_of_key[4] >= 0 or cues_of_key[6])
            for back, cues_of_key in keys
        ]
        #: the keys configured only for some languages ("de:Brand in"), by index
        self._languages = languages or {}
        self._negation_window = rules.negation.window
        self._hedge_window = rules.hedge.window
        self._hedge_steps = rules.hedge.steps
        self._calm_steps = rules.deescalation.steps
        self._facts = tuple((f.pattern, int(f.level), f.name) for f in rules.facts)
        self._pairs = tuple((int(p.level), p.name) for p in rules.together)
        #: the pairs that are the news of their sentence and cap its other words, by index
        self._framing = tuple(i for i, p in enumerate(rules.together) if p.frames)
        self._unrest = rules.unrest
        self._hurt = rules.hurt

    def grade(
        self, found: list[CueKeyHit], text: str, folded: str, since: int = 0,
        language: str | None = None, headline: int = 0,
    ) -> tuple[Severity, tuple[str, ...]]:
        """The severity of ``text`` and the reasons for it.

        ``found`` holds the hits of severity keys, in the automaton's order; ``folded`` is
        ``text`` folded (same offsets, both padded with a space at each end). A word that
        starts before ``since`` counts for nothing, nor does a word of another language than
        ``language`` (where it is known). The headline ends at ``headline``: its "not now"
        frames the whole text.
        """
        if not found:
            # Many paragraphs hold no severity word at all.
            return Severity.LOW, NOTHING_FIRED
        # One pass sorts the hits by kind; each list keeps the automaton's order, which is
        # what decides which cue a reason names.
        triggers: dict[int, tuple[tuple[int, bool, int, bool], bool, str]] = {}
        modifiers: tuple[list[Span], ...] = ([], [], [], [])
        #: regex fact → where its words start, in the automaton's order
        facts: dict[int, list[int]] = {}
        frames: list[tuple[int, int, int]] = []
        sides: dict[int, list[Span]] = {}
        not_events: list[Span] = []
        #: the spans of the sides and modifiers, to check once against longer triggers
        used: list[Span] = []
        flat = self._flat
        only_in = self._languages
        for last, index in found:
            if only_in and language and index in only_in and language not in only_in[index]:
                continue
            (
                back, stem, key_triggers, key_modifiers, key_facts, cap, slots, not_event, head,
                more,
            ) = flat[index]
            # A word's head ("*streik") is found at the end of a longer word; its hit starts
            # where that word does, so "Bahnstreik" is reported whole.
            start = folded.rfind(" ", 0, last - back) + 1 if head else last - back
            if start < since:
                continue
            # A stem runs on to the end of its word: "evacuat*" reports "evacuation".
            end = folded.find(" ", last) if stem else last
            for level, is_word, rule in key_triggers:
                # One trigger per word ("shelling" can meet a word and a stem rule): the
                # longer wins ("coup plot" over "coup"), then the whole word over a head
                # ("Cyberangriff" over "*angriff"), then the higher level, then a level word
                # over a fact.
                rank = (end, not head, level, is_word)
                old = triggers.get(start)
                if old is None or rank > old[0]:
                    triggers[start] = (rank, not is_word, rule)
            if not more:
                continue
            if key_modifiers or slots:
                span = (start, end)
                used.append(span)
                for i in key_modifiers:
                    modifiers[i].append(span)
                for slot in slots:
                    if slot in sides:
                        sides[slot].append(span)
                    else:
                        sides[slot] = [span]
            for i in key_facts:
                if i in facts:
                    facts[i].append(start)
                else:
                    facts[i] = [start]
            if cap >= 0:
                frames.append((start, end, cap))
            if not_event:
                not_events.append((start, end))
        if not_events:
            # "heart attack": no word inside the phrase is a trigger, a side of a pair, a
            # modifier ("denies any role in" the attack denies no attack) or a frame (a
            # "suspect at large" is news of the attack, not a follow-up)
            for start in [s for s in triggers if _inside(not_events, s, triggers[s][0][0])]:
                del triggers[start]
            sides = {
                slot: kept for slot, spans in sides.items()
                if (kept := [sp for sp in spans if not _inside(not_events, *sp)])
            }
            for cue_spans in modifiers:
                cue_spans[:] = [sp for sp in cue_spans if not _inside(not_events, *sp)]
            frames = [f for f in frames if not _inside(not_events, f[0], f[1])]
        if len(triggers) > 1:
            # Longest match wins, as for place names: a word inside a longer trigger is that
            # trigger's, not its own ("cyber attack" is medium, not also an "attack").
            cover = -1
            for start in sorted(triggers):
                end = triggers[start][0][0]
                if end <= cover:
                    del triggers[start]
                else:
                    cover = end
        if triggers:
            # The same for a side of a pair: the "bomb" of "bomb threat" is a threat, not a
            # bomb that something did; the "missile" of "missile test" hit nothing. And for a
            # modifier: the "withdrawal" of "demand withdrawal" calms nothing.
            # Most texts have none such: the lists are filtered only when one is.
            gone = _inside_longer(used, [(start, t[0][0]) for start, t in triggers.items()])
            if gone:
                sides = {
                    slot: kept for slot, spans in sides.items()
                    if (kept := [sp for sp in spans if sp not in gone])
                }
                for cue_spans in modifiers:
                    cue_spans[:] = [sp for sp in cue_spans if sp not in gone]
        if not triggers and not facts and not sides:
            # Many paragraphs fire no severity rule: no checks, the reason is fixed.
            return Severity.LOW, NOTHING_FIRED

        neg_before, neg_after, hedges, calming = modifiers
        for i in self._framing:
            # "summons the ambassador after the drone strike": the row is the news, the strike
            # what it answers; the pair caps its sentence as a frame would
            if 2 * i in sides and 2 * i + 1 in sides:
                spans = self._pair(sides[2 * i], sides[2 * i + 1], text, folded, neg_before,
                                   neg_after)
                if spans is not None:
                    (a, b), (c, d) = spans
                    frames.append((min(a, c), max(b, d), self._pairs[i][0]))
        window = self._negation_window
        fired: list[str] = []
        notes: list[str] = []
        best_fact = best_word = _LOW
        counted = 0
        seen: set[tuple[str, str]] = set()
        for start in sorted(triggers):
            (end, _, level, _), is_fact, rule = triggers[start]
            said = text[start:end]
            key = (said.lower(), rule)
            if key in seen:
                continue
            seen.add(key)
            neg = (
                _negated(neg_before, neg_after, start, end, text, folded, window)
                if neg_before or neg_after
                else None
            )
            if neg is not None:
                notes.append(
                    f'not counted: "{said}" ({rule}), negated by "{text[neg[0] : neg[1]]}"'
                )
                continue
            counted += 1
            framed = (
                _framed(frames, start, end, level, text, (start, end), headline=headline)
                if frames else None
            )
            if framed is not None:
                cap, (begin, stop) = framed
                notes.append(
                    f'graded down {_LABEL[level]} → {_LABEL[cap]}: "{said}" ({rule}) '
                    f'framed by "{text[begin:stop]}" (frames): not happening now'
                )
                level = cap
                if level == _LOW:
                    continue
            if is_fact:
                if level > best_fact:
                    best_fact = level
                fired.append(f'{_LABEL[level]}: "{said}" ({rule})')
                continue
            # a frame has said already that it is not happening now: "warns of flooding" is
            # a warning (medium), not also a hedged one
            hedged = _before(
                hedges, start, text, folded, self._hedge_window
            ) if hedges and framed is None else None
            if hedged is not None:
                lower = max(_LOW, level - self._hedge_steps)
                notes.append(
                    f'graded down {_LABEL[level]} → {_LABEL[lower]}: "{said}" ({rule}) '
                    f'hedged by "{text[hedged[0] : hedged[1]]}" (hedge.words)'
                )
                level = lower
            else:
                fired.append(f'{_LABEL[level]}: "{said}" ({rule})')
            if level > best_word:
                best_word = level

        # "2 000 morts", "2.000 Tote": one number to the patterns, as long as the text
        numbers = _THOUSANDS.sub("0", folded) if facts else folded
        for i in sorted(facts):
            at = self._pattern_fact(
                i, facts[i], text, numbers, neg_before, neg_after, fired, notes
            )
            if at is None:
                continue
            counted += 1
            level = self._facts[i][1]
            framed = (
                _framed(frames, at[0], at[1], level, text, headline=headline) if frames else None
            )
            if framed is not None:
                cap, (begin, stop) = framed
                notes.append(f'graded down {_LABEL[level]} → {_LABEL[cap]}: facts[{i}] '
                             f'framed by "{text[begin:stop]}" (frames): not happening now')
                level = cap
            best_fact = max(best_fact, level)

        # Only the pairs with a word found on each side, in the order of the rules.
        for i in sorted({slot >> 1 for slot in sides if slot ^ 1 in sides}):
            pair_level, name = self._pairs[i]
            spans = self._pair(sides[2 * i], sides[2 * i + 1], text, folded, neg_before, neg_after)
            if spans is None:
                continue
            (a, b), (c, d) = spans
            said = f'"{text[a:b]}" with "{text[c:d]}" (together[{i}] {name})'
            # A pair says the thing happened: "the army threatened an offensive" says it did
            # not, so a hedge before either word leaves each word to its own level.
            # The pair's own words never hedge it: "threatens" in "threatens tariffs" is
            # what the "threat of action" pair is made of.
            later = max(a, c)
            own = [h for h in hedges if h != (a, b) and h != (c, d)]
            hedged = _before(own, later, text, folded, self._hedge_window) if own else None
            if hedged is not None:
                notes.append(f'not counted: {said}, hedged by "{text[hedged[0] : hedged[1]]}"')
                continue
            counted += 1
            level = pair_level
            begin, stop = min(a, c), max(b, d)
            framed = (
                _framed(frames, begin, stop, level, text, (a, b), (c, d), headline=headline)
                if frames else None
            )
            if framed is not None:
                cap, (f_begin, f_stop) = framed
                notes.append(f"graded down {_LABEL[level]} → {_LABEL[cap]}: {said} framed by "
                             f'"{text[f_begin:f_stop]}" (frames): not happening now')
                level = cap
            elif level > _LOW:
                fired.append(f"{_LABEL[level]}: {said}")
            best_fact = max(best_fact, level)

        if calming and best_word > _LOW:
            lower = max(_LOW, best_word - self._calm_steps)
            first = calming[0]
            notes.append(
                f"graded down {_LABEL[best_word]} → {_LABEL[lower]}: de-escalation "
                f'"{text[first[0] : first[1]]}" (deescalation.words)'
            )
            best_word = lower

        severity = max(best_fact, best_word)
        if not counted:
            fired.extend(NOTHING_FIRED)
        elif severity == _LOW:
            fired.append("low: every rule that fired was graded down")
        elif not fired:
            fired.append(f"{_LABEL[severity]}: after grading down (see below)")
        return _SEVERITY[severity], (*fired, *notes)

    def _pair(
        self,
        first: list[Span],
        second: list[Span],
        text: str,
        folded: str,
        neg_before: list[Span],
        neg_after: list[Span],
    ) -> tuple[Span, Span] | None:
        """The first two words, one of each side, in one sentence and neither negated."""
        window = self._negation_window
        for a in first:
            if _negated(neg_before, neg_after, a[0], a[1], text, folded, window):
                continue
            for b in second:
                if b[0] < a[1] and a[0] < b[1]:
                    continue  # one word on both sides is not two words
                left, right = (a[1], b[0]) if a[0] < b[0] else (b[1], a[0])
                if _PAIR_BREAK.search(text, left, right):
                    continue
                if not _negated(neg_before, neg_after, b[0], b[1], text, folded, window):
                    return a, b
        return None

    def _pattern_fact(
        self,
        i: int,
        starts: list[int],
        text: str,
        folded: str,
        neg_before: list[Span],
        neg_after: list[Span],
        fired: list[str],
        notes: list[str],
    ) -> Span | None:
        """Where regex fact ``i``, whose words start at ``starts``, counts, if it does; its
        reason goes to ``fired`` or ``notes``.

        The pattern runs on each sentence holding one of its words, not on the whole text: a
        regex scan of a whole update costs more than everything else in ``match``, and a
        number in one sentence says nothing about the dead of the next.
        """
        pattern, level, name = self._facts[i]
        searched: set[int] = set()
        for start in starts:
            begin = _sentence_begin(text, start)
            if begin in searched:
                continue
            searched.add(begin)
            stop = _BREAK.search(text, start)
            end = stop.start() if stop else len(folded)
            for m in pattern.finditer(folded, begin, end):
                said = text[m.start() : m.end()]
                if self._hurt and self._unrest and self._hurt.search(
                    folded, m.start(), m.end()
                ) and (unrest := self._unrest.search(folded, begin, end)):
                    notes.append(
                        f'not counted: "{said}" (facts[{i}] {name}), the hurt in unrest '
                        f'("{text[unrest.start() : unrest.end()]}", [unrest])'
                    )
                    continue
                neg = _negated(
                    neg_before, neg_after, m.start(), m.end(), text, folded, self._negation_window
                ) or _negated_after_comma(neg_before, text, m.start(), m.end())
                if neg is not None:
                    notes.append(
                        f'not counted: "{said}" (facts[{i}] {name}), '
                        f'negated by "{text[neg[0] : neg[1]]}"'
                    )
                    continue
                fired.append(f'{_LABEL[level]}: "{said}" (facts[{i}] {name})')
                return m.start(), m.end()
        return None


def _negated_after_comma(
    neg_before: list[Span], text: str, start: int, end: int
) -> Span | None:
    """A "none" in a new clause inside a count's match: the count is of something else
    ("dëme në disa shtëpi, pa viktima": damage to several houses, no victims). Only after a
    comma: "no fewer than five dead" opens with its own "no"."""
    comma = text.find(",", start, end)
    if comma < 0:
        return None
    return next((span for span in neg_before if comma < span[0] and span[1] <= end), None)


def _sentence_begin(text: str, start: int) -> int:
    """Where the sentence holding ``start`` begins: after the last break of ``_BREAK``, or
    after a live page's stamp ("Update (1340 GMT):"), whose time is no count of the dead."""
    dot = text.rfind(".", 0, start)
    while dot > 0 and text[dot - 1].isdigit() and text[dot + 1:dot + 2].isdigit():
        dot = text.rfind(".", 0, dot)  # "2.000 Tote" is one number
    stamp = text.rfind("):", 0, start)
    return max(
        dot, text.rfind("!", 0, start), text.rfind("?", 0, start),
        text.rfind(";", 0, start), text.rfind("\n", 0, start), stamp + 1 if stamp >= 0 else -1,
    ) + 1


def _inside(spans: list[Span], start: int, end: int) -> bool:
    return any(begin <= start and end <= stop for begin, stop in spans)


def _inside_longer(spans: list[Span], words: list[Span]) -> set[Span]:
    """The ``spans`` that lie inside a longer span of ``words``. No word lies inside another
    (the longest-match pass removed those), so sorted by start, their ends rise too: of the
    words that start at or before a span, only the last can reach past it."""
    words.sort()
    starts = [begin for begin, _ in words]
    out = set()
    for span in spans:
        start, end = span
        i = bisect_right(starts, start) - 1
        if i >= 0 and end <= words[i][1] and words[i] != span:
            out.add(span)
    return out


def _framed(
    frames: list[tuple[int, int, int]], start: int, end: int, level: int, text: str,
    *own: Span, headline: int = 0,
) -> tuple[int, Span] | None:
    """The lowest cap below ``level`` of a frame in the same sentence as ``start:end``, or of
    a low frame in the headline (which ends at ``headline``) over a trigger in the body.

    A frame inside the trigger's ``own`` words is no frame of it: "joint exercises" is a
    military exercise, while the "drill" of "air raid drill" says no raid happens. A trigger
    that holds a frame is itself what is not happening now, and no other frame caps it again:
    an army's drill "simulating an incursion" is still the army's drill. A frame that would
    not cap its trigger holds nothing: the "plot" of a "foiled plot" (high) leaves the trial
    over it to cap it.
    """
    if own and any(
        cap < level and begin < b and a < stop for begin, stop, cap in frames for a, b in own
    ):
        return None
    best: tuple[int, Span] | None = None
    for begin, stop, cap in frames:
        if cap >= level or (best is not None and cap >= best[0]):
            continue
        left, right = (stop, start) if stop <= start else (end, begin)
        # a headline's "not now" is the whole update's ("New documentary revisits the
        # Bataclan attack / … gunmen killed 90 people"): its body tells what the headline
        # frames. A follow-up's frame ("suspect", "arrested") stays in its sentence: the body
        # may tell the attack itself.
        if left > right or not _BREAK.search(text, left, right) or (
            cap == _LOW and stop <= headline < start
        ):
            best = (cap, (begin, stop))
    return best


def _negated(
    before: list[Span],
    after: list[Span],
    start: int,
    end: int,
    text: str,
    folded: str,
    window: int,
) -> Span | None:
    return _before(before, start, text, folded, window) or _after(after, end, text, folded, window)


def _before(cues: list[Span], edge: int, text: str, folded: str, window: int) -> Span | None:
    """The first cue ending at most ``window`` words before ``edge``, in the same sentence and
    clause: what follows "after" or "amid" happened, whatever was said before it ("vows to
    defend the island after Chinese drills")."""
    for cue in cues:
        end = cue[1]
        # The sentence test first: it runs at C speed and rejects most far-off cues.
        if (
            end <= edge
            and not _BREAK.search(text, end, edge)
            and len(folded[end:edge].split()) <= window
            and not _CLAUSE.search(folded, end, edge)
        ):
            return cue
    return None


def _after(cues: list[Span], edge: int, text: str, folded: str, window: int) -> Span | None:
    """The first cue starting at most ``window`` words after ``edge``, in the same sentence
    and clause: "dozens of homes damaged, no victims" denies the victims, not the damage."""
    for cue in cues:
        start = cue[0]
        if (
            start >= edge
            and not _BREAK.search(text, edge, start)
            and len(folded[edge:start].split()) <= window
            and text.find(",", edge, start) < 0
        ):
            return cue
    return None

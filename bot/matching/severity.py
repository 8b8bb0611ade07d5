"""Severity cues as configured, in the form the compiled grader reads (``bot.matching.grade``).

The matcher finds every severity word in the same single automaton pass as the place names. At
build time each word of severity.toml becomes a cue (what kind of word it is, which rule it
belongs to); the cues of one automaton key become one ``CueSet``, sorted by kind once so that
grading each update only reads it. How the cues then grade an update (negation, hedges,
de-escalation, facts) is told in ``bot.matching.grade`` and docs/MATCHING.md.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.matching.rules import SeverityRules
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

#: (kind, the rule's key path in severity.toml such as "levels.critical.words", level as an
#: int (LOW when the kind sets none), index of the regex fact a FACT_WORD unlocks or -1)
Cue = tuple[int, str, int, int]
#: a trigger of one key: (level, is a level word rather than a fact, rule)
Trigger = tuple[int, bool, str]
#: what one automaton key means for severity, sorted by kind once at build time: (a stem
#: running on to the end of its word, its triggers, the modifier lists it joins (see
#: ``_MODIFIERS``), the regex facts it unlocks)
CueSet = tuple[bool, tuple[Trigger, ...], tuple[int, ...], tuple[int, ...]]

_LOW = int(Severity.LOW)
#: the cue kinds that modify a trigger, by their list's index in ``grade.Grader.grade``
_MODIFIERS = (NEGATION_BEFORE, NEGATION_AFTER, HEDGE, DEESCALATION)


def cues(rules: SeverityRules) -> Iterable[tuple[str, Cue]]:
    """Every (term as configured, cue) pair the automaton must know."""
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


def cue_set(stem: bool, key_cues: Iterable[Cue]) -> CueSet:
    """The cues of one key, in the form ``grade.Grader`` reads."""
    found = tuple(key_cues)
    kinds = {kind for kind, _, _, _ in found}
    return (
        stem,
        tuple((level, kind == LEVEL, rule) for kind, rule, level, _ in found if kind <= FACT),
        tuple(i for i, kind in enumerate(_MODIFIERS) if kind in kinds),
        tuple(fact for kind, _, _, fact in found if kind == FACT_WORD),
    )

"""The shortcuts that keep matching fast give the answers of the long way: overlapping names
settled run by run, word lists read without wordfreq's cache, term profiles kept per language."""

from __future__ import annotations

import wordfreq
from hypothesis import given
from hypothesis import strategies as st

from bot.matching import lexicon
from bot.matching.places import _longest_first
from bot.pipeline.match import Matcher

Mention = tuple[int, int, int]


def _greedy(found: list[Mention]) -> list[Mention]:
    """The rule as written: longest first, then leftmost; a name overlapping a taken one is
    dropped; the rest in text order."""
    taken: list[Mention] = []
    for m in sorted(found, key=lambda m: (m[0] - m[1], m[0])):
        if all(m[1] <= t[0] or m[0] >= t[1] for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m[0])


spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(2, 25)), min_size=1, max_size=14,
    unique_by=lambda s: s,
).map(lambda pairs: [(start, start + length, i) for i, (start, length) in enumerate(pairs)])


@given(spans)
def test_overlapping_names_are_settled_as_the_rule_says(found: list[Mention]) -> None:
    assert _longest_first(list(found)) == _greedy(found)


def test_nested_names_keep_the_longest() -> None:
    # "Republic of the Congo", "Congo"; then "Papua New Guinea", "New Guinea", "Guinea"
    found = [(0, 21, 1), (16, 21, 2), (30, 46, 3), (36, 46, 4), (40, 46, 5)]
    assert _longest_first(found) == [(0, 21, 1), (30, 46, 3)]


def test_a_word_list_reads_as_wordfreq_reads_it() -> None:
    path = wordfreq.available_languages("small")["sk"]
    assert lexicon._frequencies(path) == wordfreq.get_frequency_dict("sk", "small")


def test_a_name_is_weighed_as_a_word_of_the_texts_language_whatever_came_before(
    matcher: Matcher,
) -> None:
    # "Como" is a common Spanish word, no English word, and in Italian the name of an Italian
    # town (its own country's language weighs it as a word less): the profile the matcher
    # keeps of the name is per language.
    def evidence(lang: str) -> tuple[str, ...]:
        found = matcher.match("Hubo protestas en Como el lunes.", language=lang).candidates
        return tuple(e for c in found for e in c.evidence if e.startswith("also a word"))

    assert [evidence(lang) for lang in ("es", "en", "it", "es")] == [
        ("also a word here -1.5",), (), (), ("also a word here -1.5",)
    ]

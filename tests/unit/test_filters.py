"""Subscription filters: syntax, whole-word matching, exclusions, RE2 patterns, bad input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.matching.filters import (
    MAX_FILTER_CHARS,
    MAX_PATTERN_CHARS,
    FilterError,
    compile_filter,
    fold,
)

STORY = "Update (1713 EST): Gunfire was heard along the border crossings in Northern Kosovo."


@pytest.mark.parametrize(
    ("filter_text", "text", "expected"),
    [
        pytest.param("", STORY, True, id="empty-matches-everything"),
        pytest.param("   ", STORY, True, id="blank-matches-everything"),
        pytest.param("gunfire", STORY, True, id="word"),
        pytest.param("GUNFIRE kosovo", STORY, True, id="all-words-any-case"),
        pytest.param("gunfire shelling", STORY, False, id="one-word-missing"),
        pytest.param("gun", STORY, False, id="whole-word-only"),
        pytest.param("region", STORY, False, id="plural-is-another-word"),
        pytest.param('"border crossings"', STORY, True, id="phrase"),
        pytest.param('"crossings border"', STORY, False, id="phrase-order-matters"),
        pytest.param('"northern kosovo"', "Northern\n\tKosovo!", True, id="phrase-spacing"),
        pytest.param("-kosovo", STORY, False, id="exclusion-hits"),
        pytest.param("-serbia", STORY, True, id="exclusion-misses"),
        pytest.param('gunfire -"border crossings"', STORY, False, id="excluded-phrase"),
        pytest.param("kosovo", "Kosovë and Kôsovo", True, id="accents-in-text"),
        pytest.param("kôsovë", "kosove", True, id="accents-in-filter"),
        pytest.param("strasse", "Hauptstraße", False, id="casefold-keeps-words-whole"),
        pytest.param("hauptstrasse", "HAUPTSTRASSE", True, id="casefold"),
        pytest.param("re:\\d{4} EST", STORY, True, id="pattern"),
        pytest.param("re:shell(ing|s)", STORY, False, id="pattern-misses"),
        pytest.param('re:"northern k\\w+"', STORY, True, id="quoted-pattern-with-space"),
        pytest.param("re:KOSOVO", STORY, True, id="pattern-ignores-case"),
        pytest.param("re:kosovo", "Kosóvo", True, id="pattern-ignores-accents"),
        pytest.param("-re:gunfire", STORY, False, id="excluded-pattern"),
        pytest.param("u.s.", "The U.S. embassy", True, id="punctuated-word"),
        pytest.param("al-shabaab", "al Shabaab fighters", True, id="hyphen-is-a-space"),
    ],
)
def test_matches(filter_text: str, text: str, expected: bool) -> None:
    assert compile_filter(filter_text).matches(text) is expected


def test_folded_text_gives_the_same_answer() -> None:
    flt = compile_filter('kosovo -"border police" re:\\d+')
    for text in (STORY, "Kosovo border police at 1713", "nothing here"):
        assert flt.matches(fold(text)) is flt.matches(text)


def test_filter_keeps_what_the_user_typed() -> None:
    assert compile_filter('  kosovo -"border police" ').text == 'kosovo -"border police"'


@pytest.mark.parametrize(
    ("filter_text", "reason_part"),
    [
        pytest.param('"border regions', "not closed", id="unclosed-quote"),
        pytest.param("kosovo -", '"-" must be followed', id="lone-minus"),
        pytest.param("- kosovo", '"-" must be followed', id="minus-space"),
        pytest.param("re:", "must be followed by a pattern", id="empty-pattern"),
        pytest.param('re:""', "pattern is empty", id="empty-quoted-pattern"),
        pytest.param("!!!", "no letters or digits", id="punctuation-only"),
        pytest.param('""', "no letters or digits", id="empty-phrase"),
        pytest.param("re:(?=kosovo)", "not a pattern I can run", id="lookahead"),
        pytest.param("re:(a)\\1", "not a pattern I can run", id="backreference"),
        pytest.param("re:a{1001}", "not a pattern I can run", id="huge-repeat"),
        pytest.param("re:(", "not a pattern I can run", id="unbalanced"),
        pytest.param("re:" + "a" * (MAX_PATTERN_CHARS + 1), "at most", id="long-pattern"),
        pytest.param("a " * (MAX_FILTER_CHARS // 2 + 1), "limit", id="long-filter"),
        pytest.param(" ".join(f"w{i}" for i in range(21)), "terms", id="many-terms"),
        pytest.param(" ".join(f"re:p{i}" for i in range(6)), "at most", id="many-patterns"),
    ],
)
def test_bad_filters_are_refused_in_words(filter_text: str, reason_part: str) -> None:
    with pytest.raises(FilterError) as info:
        compile_filter(filter_text)
    assert reason_part in info.value.reason
    assert str(info.value) == info.value.reason


def test_pathological_pattern_runs_in_linear_time() -> None:
    # (a+)+$ backtracks exponentially in Python's re on "aaa…b"; RE2 answers at once.
    flt = compile_filter("re:(a+)+$")
    assert flt.matches("a" * 50_000 + "b") is False
    assert flt.matches("x " + "a" * 50_000) is True


@given(st.text(max_size=400))
def test_any_input_compiles_or_raises_filter_error(text: str) -> None:
    try:
        flt = compile_filter(text)
    except FilterError as e:
        assert e.reason
        return
    flt.matches(text)


_FILTER_ALPHABET = st.sampled_from(list('ab "-re:()+*?\\[]{}|^$.é\u0301\ud800ß'))


@given(st.text(_FILTER_ALPHABET, max_size=60), st.text(max_size=200))
def test_filter_syntax_soup_never_raises_anything_else(filter_text: str, text: str) -> None:
    try:
        flt = compile_filter(filter_text)
    except FilterError:
        return
    assert isinstance(flt.matches(text), bool)


@given(st.lists(st.from_regex(r"[a-z]{2,8}", fullmatch=True), min_size=1, max_size=5))
def test_a_text_matches_a_filter_of_its_own_words(words: list[str]) -> None:
    text = " ".join(words).title() + "."
    assert compile_filter(" ".join(words)).matches(text)
    assert not compile_filter("-" + words[0]).matches(text)

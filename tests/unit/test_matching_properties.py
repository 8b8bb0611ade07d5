"""Properties of the matcher (bot.matching.places, the grader, text folding).

The other matching tests pin examples; these state rules that must hold for any text made of
place names, severity words, negations, hedges and filler: how far a negation or a hedge
reaches, that a sentence break stops it, that sentences place an update independently of each
other however many there are (long texts outgrow the buffers kept on the stack), and what
folding keeps.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.matching.text import fold, fold_term, prepare
from bot.model import Severity
from bot.pipeline.match import Matcher, load_matcher

# A small severity.toml whose windows the properties below count against.
SEVERITY = r"""
[levels.critical]
words = ["gunfire"]
facts = ["shelled"]

[levels.high]
words = ["curfew", "evacuat*"]

[levels.medium]
words = ["protest*"]

[negation]
before = ["no", "without"]
after = ["was denied"]
window = 3

[hedge]
words = ["could", "in the event of"]
window = 4
steps = 1

[deescalation]
words = ["agreed to"]
steps = 1

[[facts]]
name = "casualties"
level = "critical"
words = ["killed"]
pattern = '\b\d+\s+(?:\w+\s+){0,2}?killed\b'
"""
NEGATION_WINDOW = 3
HEDGE_WINDOW = 4

#: words that are neither places nor cues (checked by test_fillers_are_neutral)
FILLERS = ("the", "loud", "very", "some", "men", "saw", "then", "quiet")
filler = st.lists(st.sampled_from(FILLERS), max_size=8).map(" ".join)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    config = tmp_path_factory.mktemp("config")
    (config / "regions.toml").write_text("", encoding="utf-8")
    (config / "severity.toml").write_text(SEVERITY, encoding="utf-8")
    return load_matcher(config)


def _words(text: str) -> int:
    return len(text.split())


def _sentence(*parts: str) -> str:
    return " ".join(p for p in parts if p) + "."


def test_fillers_are_neutral(small: Matcher) -> None:
    found = small.match(" ".join(FILLERS).capitalize() + ".", "The Quiet Men")
    assert found.hits == () and found.severity is Severity.LOW


# -- severity windows --------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(filler)
def test_a_negation_reaches_window_words(small: Matcher, between: str) -> None:
    found = small.match(_sentence("No", between, "gunfire"))
    if _words(between) <= NEGATION_WINDOW:
        assert found.severity is Severity.LOW
        assert 'not counted: "gunfire" (levels.critical.words), negated by "No"' in found.reasons
    else:
        assert found.severity is Severity.CRITICAL
        assert found.reasons == ('critical: "gunfire" (levels.critical.words)',)


@settings(max_examples=60, deadline=None)
@given(filler)
def test_a_negation_after_reaches_window_words(small: Matcher, between: str) -> None:
    found = small.match(_sentence("The curfew", between, "was denied"))
    negated = _words(between) <= NEGATION_WINDOW
    assert found.severity is (Severity.LOW if negated else Severity.HIGH)


@settings(max_examples=60, deadline=None)
@given(filler, st.sampled_from(["could", "in the event of"]))
def test_a_hedge_grades_down_within_its_window(small: Matcher, between: str, hedge: str) -> None:
    found = small.match(_sentence(hedge.capitalize(), between, "curfew"))
    if _words(between) <= HEDGE_WINDOW:
        assert found.severity is Severity.MEDIUM
        assert any(r.startswith('graded down high → medium: "curfew"') for r in found.reasons)
    else:
        assert found.severity is Severity.HIGH


@settings(max_examples=40, deadline=None)
@given(filler, st.sampled_from([".", "!", "?", ";", "\n"]))
def test_a_sentence_break_stops_negation_and_hedge(small: Matcher, between: str, end: str) -> None:
    assert small.match(f"No{end} {between} gunfire.").severity is Severity.CRITICAL
    assert small.match(f"Could{end} {between} curfew.").severity is Severity.HIGH


@settings(max_examples=40, deadline=None)
@given(filler, st.integers(2, 999))
def test_deescalation_grades_words_down_but_not_facts(
    small: Matcher, between: str, dead: int
) -> None:
    word = small.match(_sentence("A curfew", between) + " Both sides agreed to talks.")
    assert word.severity is Severity.MEDIUM
    assert any('de-escalation "agreed to"' in r for r in word.reasons)
    fact = small.match(_sentence("The town was shelled", between) + " They agreed to talks.")
    assert fact.severity is Severity.CRITICAL
    count = small.match(f"Talks stalled after {dead} men were killed. They agreed to talks.")
    assert count.severity is Severity.CRITICAL
    assert f'critical: "{dead} men were killed" (facts[0] casualties)' in count.reasons


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["evacuation", "evacuated", "Evacuating", "EVACUATIONS"]), filler)
def test_a_stem_reports_its_whole_word(small: Matcher, word: str, after: str) -> None:
    found = small.match(_sentence("An", word, after))
    assert found.reasons == (f'high: "{word}" (levels.high.words)',)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["gunfire", "Gunfire", "GUNFIRE"]), min_size=1, max_size=90))
def test_a_word_said_again_gives_one_reason(small: Matcher, said: list[str]) -> None:
    found = small.match(" ".join(f"{w} at dawn." for w in said))
    assert found.reasons == (f'critical: "{said[0]}" (levels.critical.words)',)


@pytest.mark.parametrize("count", [63, 64, 65, 129, 400])
def test_many_cues_are_all_checked(small: Matcher, count: int) -> None:
    # More cue hits than a text keeps on the stack: the last one still counts.
    text = " ".join(["No gunfire."] * (count - 1) + ["A curfew."])
    found = small.match(text)
    assert found.severity is Severity.HIGH
    assert found.reasons[0] == 'high: "curfew" (levels.high.words)'
    assert len(found.reasons) == 2  # and one note: the first negated gunfire


# -- places ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plain_names(small: Matcher) -> list[tuple[str, str]]:
    """(country name, region id) for every country whose name alone, in a neutral sentence,
    tags exactly that country and no other (most of them)."""
    out = []
    for region in small.regions():
        if region.country is None:
            continue
        found = small.match(_sentence("Crowds in", region.name))
        if [h.region for h in found.hits] == [region.id]:
            out.append((region.name, region.id))
    assert len(out) > 200
    return out


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_sentences_place_an_update_independently(
    small: Matcher, plain_names: list[tuple[str, str]], data: st.DataObject
) -> None:
    # Up to 120 sentences: the place hits outgrow the stack buffers.
    picks = data.draw(st.lists(st.sampled_from(plain_names), min_size=1, max_size=120))
    n = len(picks)
    upper = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    written = [name.upper() if up else name for (name, _), up in zip(picks, upper, strict=True)]
    fillers = data.draw(st.lists(filler, min_size=n, max_size=n))
    text = " ".join(_sentence("Crowds in", w, f) for w, f in zip(written, fillers, strict=True))
    found = small.match(text)

    expected: dict[str, list[str]] = {}
    for (_, rid), w in zip(picks, written, strict=True):
        terms = expected.setdefault(rid, [])
        if w not in terms:
            terms.append(w)
    assert [(h.region, list(h.terms)) for h in found.hits] == list(expected.items())
    ancestors = [a for rid in expected for a in small.ancestors(rid)]
    assert found.regions == tuple(dict.fromkeys([*expected, *ancestors]))


def test_a_long_text_names_every_country(
    small: Matcher, plain_names: list[tuple[str, str]]
) -> None:
    # Some 240 place hits in one text, far more than the stack buffers hold.
    text = " ".join(_sentence("Crowds in", name) for name, _ in plain_names)
    found = small.match(text + " " + text.upper())
    assert [h.region for h in found.hits] == [rid for _, rid in plain_names]
    assert [h.terms for h in found.hits] == [(name, name.upper()) for name, _ in plain_names]


def test_a_city_counts_with_its_country_and_both_spellings_are_kept(matcher: Matcher) -> None:
    assert [h.region for h in matcher.match("Kharkiv said nothing.").hits] == ["ukraine"]
    both = matcher.match("Kharkiv and Ukraine said nothing.")
    assert [(h.region, h.terms) for h in both.hits] == [("ukraine", ("Kharkiv", "Ukraine"))]


# -- folding -----------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_folding_keeps_every_offset(text: str) -> None:
    prepared = prepare(text)
    folded = fold(prepared)
    assert len(folded) == len(prepared)
    # Letters of any script stay letters (Cyrillic and Arabic names are matched as written).
    assert all(c == " " or c.isalnum() for c in folded)
    assert not any(c.isupper() for c in folded)
    assert fold(folded) == folded
    for written, low in zip(prepared, folded, strict=True):
        if written.isascii():
            assert low == (written.lower() if written.isalnum() else " ")


@pytest.mark.parametrize("letter", ["ꟸ", "ᴭ"])
def test_a_letter_that_folds_to_a_foldable_letter_is_folded_to_the_end(letter: str) -> None:
    # NFKD makes "ħ" of "ꟸ" and "æ" of "ᴭ", which fold further (hypothesis found the first).
    assert fold(letter) == fold(fold(letter)) and fold(letter).isascii()


@pytest.mark.parametrize(
    ("term", "folded"),
    [
        ("Zvečan", "zvecan"),
        ("Đakovica, Łódź", "dakovica lodz"),
        ("São  Tomé & Príncipe", "sao tome principe"),
        ("ÆRØ", "aro"),
        ("Київ", "киів"),
        ("غزّة", "غزه"),
    ],
)
def test_fold_term(term: str, folded: str) -> None:
    assert fold_term(term) == folded


def test_prepare_composes_accents() -> None:
    assert prepare("Zvec\u030can") == "Zvečan"
    assert fold(prepare("Zvec\u030can")) == "zvecan"


def test_long_non_ascii_text_folds_every_character(matcher: Matcher) -> None:
    # More distinct characters than the fold remembers at once, repeated.
    letters = "".join(chr(c) for c in range(0xC0, 0x250) if chr(c).isalpha()) * 3
    assert fold(letters) == "".join(fold(ch) for ch in letters)
    found = matcher.match(letters + " Zvečan " + letters)
    assert [h.region for h in found.hits] == ["kosovo"]


# -- input -------------------------------------------------------------------------------------


class _Text(str):
    """A str subclass, as lxml hands out for text it extracted."""


def test_str_subclasses_are_matched_like_str(matcher: Matcher) -> None:
    text, title = "Gunfire near Zvečan overnight.", "Clashes in northern Kosovo"
    assert matcher.match(_Text(text), _Text(title)) == matcher.match(text, title)
    assert fold(_Text("Zvečan")) == "zvecan"


@pytest.mark.parametrize("bad", [None, 3, b"Kosovo"])
def test_text_that_is_not_a_string_is_a_type_error(matcher: Matcher, bad: object) -> None:
    with pytest.raises(TypeError, match="expected str"):
        matcher.match(bad)  # type: ignore[arg-type]

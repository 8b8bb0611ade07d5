"""Severity: levels, negation, hedges, de-escalation, facts, and the reasons given."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.matching.rules import load_severity_rules
from bot.model import Severity
from bot.pipeline.match import Matcher, load_matcher


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("Gunfire was heard along the border crossings in the north.", Severity.CRITICAL),
        ("12 people were killed in shelling overnight.", Severity.CRITICAL),
        ("Dozens wounded after the market was hit.", Severity.CRITICAL),
        ("The government declared a state of emergency.", Severity.CRITICAL),
        ("Troops deployed to the border as crossings closed.", Severity.HIGH),
        ("An evacuation order was issued for the valley.", Severity.HIGH),
        ("Protesters rallied against the new sanctions.", Severity.MEDIUM),
        ("The central bank held rates steady.", Severity.LOW),
    ],
)
def test_levels(matcher: Matcher, text: str, severity: Severity) -> None:
    assert matcher.match(text).severity is severity


@pytest.mark.parametrize(
    "text",
    [
        "No injuries were reported.",
        "No gunfire was reported overnight.",
        "The convoy passed without casualties.",
        "The ministry denied shelling the village.",
        "Reports of shelling were denied by the army.",
        "The army threatened an offensive.",
        "Officials warned of possible shelling if talks fail.",
        "A lawmaker called for support in the event of a Serbian invasion.",
    ],
)
def test_negated_or_hedged_is_not_critical(matcher: Matcher, text: str) -> None:
    assert matcher.match(text).severity < Severity.CRITICAL


def test_hedge_grades_down_one_level_and_says_so(matcher: Matcher) -> None:
    found = matcher.match("The army threatened an offensive.")
    assert found.severity is Severity.MEDIUM
    assert any("graded down high → medium" in r and '"threatened"' in r for r in found.reasons)
    assert any("hedge.words" in r for r in found.reasons)


def test_negation_is_named_in_the_reasons(matcher: Matcher) -> None:
    found = matcher.match("No injuries were reported.")
    assert found.severity is Severity.LOW
    assert any('negated by "No"' in r and '"injuries"' in r for r in found.reasons)


def test_negation_does_not_cross_a_sentence(matcher: Matcher) -> None:
    assert matcher.match("It was not calm. Gunfire erupted at dawn.").severity is Severity.CRITICAL


def test_deescalation_grades_down(matcher: Matcher) -> None:
    plain = matcher.match("Protests continued near the border.")
    calmer = matcher.match("Protests continued near the border, but both sides agreed to talks.")
    assert plain.severity is Severity.MEDIUM
    assert calmer.severity is Severity.LOW
    assert any("de-escalation" in r and '"agreed to"' in r for r in calmer.reasons)


def test_facts_are_not_graded_down(matcher: Matcher) -> None:
    found = matcher.match("Talks may resume, officials said, after 12 soldiers were killed.")
    assert found.severity is Severity.CRITICAL
    assert any("facts[0] casualties" in r for r in found.reasons)


def test_stem_reports_the_whole_word(matcher: Matcher) -> None:
    found = matcher.match("Police confirmed the closing of borders at dawn.")
    assert any('"closing of borders"' in r for r in found.reasons)


def test_nothing_fired_is_low_with_a_reason(matcher: Matcher) -> None:
    found = matcher.match("The orchestra played in the park.")
    assert found.severity is Severity.LOW
    assert found.reasons == ("low: no severity rule counted",)


def test_operator_can_tune_the_lists(tmp_path: Path) -> None:
    # A word moved to critical and a new hedge change the outcome without code changes.
    (tmp_path / "severity.toml").write_text(
        '[levels.critical]\nwords = ["kerfuffle"]\n[hedge]\nwords = ["perhaps"]\n', encoding="utf-8"
    )
    (tmp_path / "regions.toml").write_text("", encoding="utf-8")
    rules, problems = load_severity_rules(tmp_path / "severity.toml")
    assert problems == [] and rules is not None
    matcher = load_matcher(tmp_path)
    assert matcher.match("A kerfuffle at the gate.").severity is Severity.CRITICAL
    assert matcher.match("Perhaps a kerfuffle at the gate.").severity is Severity.HIGH


def test_a_casualty_count_stays_within_its_sentence(matcher: Matcher) -> None:
    # "3" ends one sentence and "Wounded" opens the next: that is no count of the wounded.
    apart = matcher.match("The vote passed 12 to 3. Wounded veterans attended the ceremony.")
    assert apart.severity is Severity.HIGH
    assert not any("facts[0]" in r for r in apart.reasons)
    together = matcher.match("The vote passed 12 to 3 wounded veterans attending.")
    assert together.severity is Severity.CRITICAL
    assert any("facts[0] casualties" in r for r in together.reasons)

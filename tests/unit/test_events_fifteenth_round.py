"""The fifteenth round (docs/EVENTS.md "How it decides"): shot "by a bullet", "late on" a day,
two sibling subdivisions, a toll past the window with something against it, and two
districts of one city. The sentences are written for these tests, not taken from the set."""

from __future__ import annotations

import pytest

from bot.events import compare
from bot.events.facts import kinds, times_of_day
from bot.matching.text import Text
from bot.pipeline.match import Matcher
from tests.signing import signed


def _kinds(text: str, language: str) -> frozenset[str]:
    return kinds(Text.of(text, "", language).folded, language=language)


def _against(comparison_against: tuple[str, ...], start: str) -> bool:
    return any(reason.startswith(start) for reason in comparison_against)


@pytest.mark.parametrize(("language", "text"), [
    ("fr", "Un policier blessé par balle à Rennes"),
    ("fr", "Deux hommes tués par balles dans la nuit"),
    ("es", "Muere un joven herido de bala en Sevilla"),
    ("es", "Dos heridos de bala en una pelea"),
])
def test_shot_by_a_bullet_is_a_shooting(language: str, text: str) -> None:
    assert "shooting" in _kinds(text, language)


def test_a_balance_is_no_bullet() -> None:
    assert "shooting" not in _kinds("El balance de daños de la tormenta", "es")


@pytest.mark.parametrize("lead", [
    "A man was stabbed late on Friday near the station",
    "Two people were hurt in a fire late last night",
])
def test_late_on_a_day_is_the_evening_and_the_night(lead: str) -> None:
    assert {"evening", "night"} <= times_of_day(Text.of(lead, "", "en").folded)


def test_chocolate_on_a_table_is_no_time_of_day() -> None:
    assert not times_of_day(Text.of("Chocolate on sale in Bern", "", "en").folded)


def test_two_sibling_subdivisions_in_one_language_are_two_places(matcher: Matcher) -> None:
    """The gazetteer gives Portugal's districts one key; "Coimbra" and "Viseu" are two."""
    first = signed(matcher, "Incêndio florestal no concelho de Coimbra obriga a evacuar aldeias",
                   lang="pt")
    second = signed(matcher, "Incêndio florestal no concelho de Viseu corta autoestrada",
                    lang="pt", minutes=90)
    assert first.place_ids == second.place_ids  # the premise: one subdivision key
    comparison = compare(second, first)
    assert not comparison.same
    assert _against(comparison.against, "different places")


def test_two_sibling_subdivisions_across_languages_from_other_consonants(
    matcher: Matcher,
) -> None:
    first = signed(matcher, "Incêndio florestal no concelho de Viseu corta autoestrada",
                   lang="pt")
    second = signed(matcher, "Incendio forestal en Coímbra: evacuadas tres aldeas", lang="es",
                    minutes=60)
    assert _against(compare(second, first).against, "different places")


def test_a_toll_past_the_window_with_another_target_is_another_happening(
    matcher: Matcher,
) -> None:
    # (no "Постраждалих немає" since the sixteenth round: a report saying no one was hurt
    # has no toll to rise, a rule of its own, test_events_sixteenth_round.py)
    night = signed(matcher, "Вночі дрони атакували склад у Житомирі",
                   "Уночі російські дрони влучили у склад у Житомирі.", lang="uk")
    later = signed(matcher, "Death toll from Zhytomyr missile strike on apartment block rises "
                   "to five", "Five people are now known to have died after a Russian missile "
                   "hit an apartment block in Zhytomyr.", minutes=11 * 60)
    comparison = compare(later, night)
    assert not comparison.same
    assert _against(comparison.against, "more than 6 h apart, and set apart")


def test_a_toll_past_the_window_of_the_same_target_still_joins(matcher: Matcher) -> None:
    first = signed(matcher, "Missile hits apartment block in Zhytomyr, two dead",
                   "A Russian missile hit an apartment block in Zhytomyr, killing two people.")
    later = signed(matcher, "Death toll from Zhytomyr missile strike on apartment block rises "
                   "to five", "Five people are now known to have died after a missile hit "
                   "an apartment block in Zhytomyr.", minutes=8 * 60)
    assert compare(later, first).same


def test_two_districts_of_one_city_weigh_against(matcher: Matcher) -> None:
    first = signed(matcher, "Two shot in Chicago's Englewood neighborhood",
                   "Police said two men were wounded outside a home in Englewood.")
    second = signed(matcher, "Teenager wounded by gunfire in Austin, on Chicago's West Side",
                    "A 16-year-old was hit in the leg as shots rang out in Austin.", minutes=240)
    comparison = compare(second, first)
    assert _against(comparison.against, "different districts")
    assert not comparison.same


def test_one_district_named_by_both_is_no_conflict(matcher: Matcher) -> None:
    first = signed(matcher, "Two shot in Chicago's Englewood neighborhood")
    second = signed(matcher, "Englewood shooting: one of two shot in Chicago has died",
                    minutes=120)
    assert not _against(compare(second, first).against, "different districts")

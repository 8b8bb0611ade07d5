"""The thirteenth round (precision, docs/EVENTS.md "How it decides"): places that only sound
alike, "another" and "a second" in each language, fewer injured later, and ``join`` weighing
every report of an event. The sentences are written for these tests, not taken from the set."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.events import Candidate, compare, join
from bot.events.facts import sets_apart
from bot.matching.text import Text
from bot.pipeline.match import Matcher
from tests.signing import signed


def _places_conflict(comparison_against: tuple[str, ...]) -> bool:
    return any(reason.startswith("different places") for reason in comparison_against)


def test_two_cities_of_one_country_that_only_sound_alike_are_two_places(
    matcher: Matcher,
) -> None:
    """"Нижнем Новгороде" and "Nizhny Tagil" share their first four consonants (nzhn), but
    the gazetteer knows them as two Russian cities: a conflict of places, not one place."""
    russian = signed(matcher, "Взрыв газа в жилом доме в Нижнем Новгороде", lang="ru")
    english = signed(matcher, "Gas explosion in apartment block in Nizhny Tagil", minutes=30)
    comparison = compare(english, russian)
    assert not comparison.same
    assert _places_conflict(comparison.against)
    assert not comparison.places


@pytest.mark.parametrize(("first", "first_lang", "second", "second_lang"), [
    ("Взрыв газа в жилом доме в Нижнем Новгороде", "ru",
     "Gas explosion in apartment block in Nizhny Novgorod", "en"),
    ("Взрыв в Харькове, трое раненых", "ru", "Explosion in Kharkiv, three injured", "en"),
    ("انفجار في سوق الموصل", "ar", "Explosion at a market in Mosul", "en"),
    ("Esplosione a Genova, tre feriti", "it", "Explosion in Genoa, three injured", "en"),
    ("Explosion à Gênes, trois blessés", "fr", "Explosion in Genoa, three injured", "en"),
    ("Explosion in Köln, drei Verletzte", "de", "Explosion in Cologne, three injured", "en"),
    ("Explosión en Colonia, tres heridos", "es", "Explosion in Köln, drei Verletzte", "de"),
])
def test_one_city_in_two_languages_is_never_a_conflict_of_places(
    matcher: Matcher, first: str, first_lang: str, second: str, second_lang: str,
) -> None:
    earlier = signed(matcher, first, lang=first_lang)
    later = signed(matcher, second, lang=second_lang, minutes=20)
    comparison = compare(later, earlier)
    assert not _places_conflict(comparison.against)
    assert comparison.same


@pytest.mark.parametrize(("text", "lang"), [
    ("Another explosion rocks the port", "en"),
    ("Een andere brand in de haven", "nl"),
    ("Још један пожар у Нишу", "sr"),
    ("Još jedan požar u Splitu", "hr"),
    ("Очередной взрыв в Белгороде", "ru"),
    ("Другой пожар вспыхнул на складе", "ru"),
    ("Черговий вибух у Харкові", "uk"),
    ("Inny pożar wybuchł w magazynie", "pl"),
    ("Następny pożar w Gdańsku", "pl"),
    ("Erneuter Brand in einer Lagerhalle", "de"),
    ("A second explosion hit the market", "en"),
    ("Une deuxième explosion a frappé le marché", "fr"),
    ("Eine zweite Explosion erschütterte die Stadt", "de"),
    ("Druhý požár v Ostravě", "cs"),
    ("İkinci patlama limanda", "tr"),
    ("وقع انفجار آخر في السوق", "ar"),
    ("انفجار ثان يهز المدينة", "ar"),
    ("Un incendio distinto en el puerto", "es"),
    ("Një zjarr tjetër në port", "sq"),
])
def test_another_and_a_second_set_a_happening_apart(text: str, lang: str) -> None:
    assert sets_apart(Text.of("", text, lang).folded)


@pytest.mark.parametrize(("text", "lang"), [
    # "ещё" after a fire's word says it goes on, not that it is another
    ("Пожар ещё не потушен", "ru"),
    # "second" two words back qualifies the day, not the strike
    ("Drones strike fuel depot for second day", "en"),
    # a new eruption of the volcano is the same volcano's: "new" is left out
    ("Etna, nuova eruzione", "it"),
    ("Explosion at the market, the second largest in the city", "en"),
])
def test_what_does_not_set_a_happening_apart(text: str, lang: str) -> None:
    assert not sets_apart(Text.of("", text, lang).folded)


def test_fewer_injured_later_weighs_against(matcher: Matcher) -> None:
    morning = signed(matcher, "Explosion at Nizhny Novgorod factory injures 12")
    later = signed(matcher, "Explosion in Nizhny Novgorod garage, three injured", minutes=150)
    comparison = compare(later, morning)
    assert any(reason.startswith("fewer injured") for reason in comparison.against)


def test_more_injured_said_to_rise_is_not_fewer(matcher: Matcher) -> None:
    morning = signed(matcher, "Explosion at Nizhny Novgorod factory injures 12")
    later = signed(matcher, "Number injured in Nizhny Novgorod factory explosion rises to 15",
                   minutes=150)
    comparison = compare(later, morning)
    assert not any(reason.startswith("fewer") for reason in comparison.against)
    assert comparison.same


def test_join_leaves_an_event_whose_reports_contradict_the_update(matcher: Matcher) -> None:
    """A shooting in Nizhny Tagil and a warehouse fire in Nizhny Novgorod put in one event (as
    a wrong join would): a new report of the fire matches the fire's report and contradicts
    the shooting's, as many against as for, so it does not join that event."""
    shooting = signed(matcher, "Shooting at a shopping centre in Nizhny Tagil, two dead")
    fire = signed(matcher, "Warehouse fire in Nizhny Novgorod", "A large fire broke out at a "
                  "warehouse on the city's outskirts.", minutes=30)
    update = signed(matcher, "Warehouse fire in Nizhny Novgorod spreads to a second hangar",
                    "The fire at a warehouse on the city's outskirts spread.", minutes=60)
    assert compare(update, fire).same
    assert compare(update, shooting).score < 0
    joined = join(update, [Candidate(1, 1, shooting), Candidate(2, 1, fire)])
    assert joined.event is None
    assert joined.comparison is not None
    assert "another report of that event sets it apart" in joined.comparison.against


def test_join_keeps_an_event_most_of_whose_reports_agree(matcher: Matcher) -> None:
    """One contradicting report among several that agree is more often a place the matcher
    misread than another happening: the update still joins."""
    shooting = signed(matcher, "Shooting at a shopping centre in Nizhny Tagil, two dead")
    fire = signed(matcher, "Warehouse fire in Nizhny Novgorod", "A large fire broke out at a "
                  "warehouse on the city's outskirts.", minutes=30)
    again = replace(fire, at=fire.at.replace(minute=40))
    update = signed(matcher, "Warehouse fire in Nizhny Novgorod spreads to a second hangar",
                    "The fire at a warehouse on the city's outskirts spread.", minutes=60)
    joined = join(update, [Candidate(1, 1, shooting), Candidate(2, 1, fire),
                           Candidate(3, 1, again)])
    assert joined.event == 1
